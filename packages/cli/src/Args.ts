/**
 * A small, strict argument parser driven by the command spec: unknown options
 * and missing values are usage errors (exit 2), never silently ignored.
 */
import type { CommandSpec } from "./Spec.ts";

/** Parsed arguments of one command. */
export interface Parsed {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

/** A usage error: the message says what is wrong. */
export class UsageError extends Error {}

/** Parses argv (after the command name) against a command's spec. */
export const parse = (spec: CommandSpec, argv: readonly string[]): Parsed => {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    const o = spec.options.find((x) => x.name === name);
    if (o === undefined) throw new UsageError(`${spec.name}: unknown option --${name} (see 'facts ${spec.name} --help')`);
    if (o.arg === undefined) {
      if (eq >= 0) throw new UsageError(`${spec.name}: --${name} takes no value`);
      options.set(name, true);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`${spec.name}: --${name} needs a value (${o.arg})`);
    if (options.has(name) && o.repeat !== true) throw new UsageError(`${spec.name}: --${name} given twice`);
    options.set(name, value);
  }
  const [min, max] = spec.positionals;
  if (positionals.length < min) throw new UsageError(`${spec.name}: missing argument. Usage: ${spec.synopsis}`);
  if (positionals.length > max) throw new UsageError(`${spec.name}: unexpected argument "${positionals[max]}". Usage: ${spec.synopsis}`);
  return { positionals, options };
};

/** A string option, if given. */
export const str = (p: Parsed, name: string): string | undefined => {
  const v = p.options.get(name);
  return typeof v === "string" ? v : undefined;
};

/** A boolean flag. */
export const flag = (p: Parsed, name: string): boolean => p.options.get(name) === true;
