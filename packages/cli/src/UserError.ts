/**
 * The CLI's user error (exit 1): a one-line message naming the file or
 * argument at fault. Its own module, with no imports, so that `--help` and
 * usage errors load nothing else.
 */

/** Bad input, unknown article, bad date: exit code 1. */
export class UserError extends Error {}
