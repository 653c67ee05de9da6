/**
 * The composition root: argv → command → adapters → core → output. The only
 * place that reads the clock and the environment, writes to stdout and
 * stderr, and chooses exit codes: 0 success, 1 user error, 2 usage error.
 */
import { commandHelp, commands, markdown, overview } from "./Spec.ts";
import { parse, UsageError } from "./Args.ts";
import { UserError } from "./UserError.ts";

const argv = process.argv.slice(2);

/**
 * Exits once stdout and stderr have handed everything to the OS. `process.exit()` straight away
 * drops whatever a pipe has not yet taken (piped JSON was cut at 64 KB), so wait for both.
 */
const exit = (code: number): void => {
  process.exitCode = code;
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
};

// A reader that stops early (`facts claims --json | head`) is not an error of ours.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

const fail = (code: number, message: string): void => {
  process.stderr.write(`facts: ${message}\n`);
  exit(code);
};

const main = async (): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    process.stdout.write(overview() + "\n");
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write("facts 0.1.0\n");
    return 0;
  }
  if (name === "help") {
    if (rest[0] === "--markdown") process.stdout.write(markdown());
    else {
      const c = commands.find((x) => x.name === rest[0]);
      process.stdout.write((c === undefined ? overview() : commandHelp(c)) + "\n");
    }
    return 0;
  }
  const spec = commands.find((c) => c.name === name);
  if (spec === undefined) throw new UsageError(`unknown command "${name}" (see 'facts --help')`);
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(commandHelp(spec) + "\n");
    return 0;
  }
  const args = parse(spec, rest);
  // Heavy modules (the store drivers, the extractor) load only when a command runs.
  const { run } = await import("./Commands.ts");
  return run(spec.name, args);
};

main().then(
  (code) => exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) return fail(2, e.message);
    if (e instanceof UserError) return fail(1, e.message);
    if (argv.includes("--debug")) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return fail(1, `unexpected error: ${(e as Error)?.message ?? String(e)}${argv.includes("--debug") ? "" : " (run with --debug for details)"}`);
  },
);
