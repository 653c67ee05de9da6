/**
 * The composition root: argv → command → app → render. The only place that
 * reads the clock and the environment, registers the stores, writes to
 * stdout and stderr, and chooses exit codes: 0 success, 1 user error, 2
 * usage error.
 */
import { randomUUID } from "node:crypto";
import { commandHelp, commands, markdown, overview } from "./Spec.ts";
import { parse, UsageError } from "./Args.ts";

const argv = process.argv.slice(2);
const env = process.env;

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

/** FACTS_TODAY fixes the clock: today is that day and recording times are its noon, so whole runs are reproducible. */
const fixedDay = env["FACTS_TODAY"] !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(env["FACTS_TODAY"]) ? env["FACTS_TODAY"] : null;
const clock = {
  now: (): string => (fixedDay !== null ? `${fixedDay}T12:00:00.000Z` : new Date().toISOString()),
  today: (): string => fixedDay ?? new Date().toISOString().slice(0, 10),
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
  // Heavy modules (the app, the store drivers, the extractor) load only when a command runs.
  const [{ run }, { makeRegistry, memoryFactory }, { sqliteFactory }, { esdbFactory }, { Events }, { style }] = await Promise.all([
    import("./Commands.ts"),
    import("@factledger/store"),
    import("@factledger/store-sqlite"),
    import("@factledger/store-esdb/factory"),
    import("@factledger/core"),
    import("./Render.ts"),
  ]);
  // FACTS_BUSY_TIMEOUT_MS: how long to wait for another writer's lock (default 5000).
  const wait = Number(env["FACTS_BUSY_TIMEOUT_MS"]);
  const registry = makeRegistry([
    memoryFactory,
    esdbFactory({ eventTypes: Events.eventTypes }),
    sqliteFactory(env["FACTS_BUSY_TIMEOUT_MS"] !== undefined && env["FACTS_BUSY_TIMEOUT_MS"] !== "" && Number.isFinite(wait) && wait >= 0 ? { busyTimeoutMs: wait } : {}),
  ]);
  return run(spec.name, args, {
    clock,
    ids: { newId: () => randomUUID() },
    registry,
    defaultStore: env["FACTS_STORE"] !== undefined && env["FACTS_STORE"] !== "" ? env["FACTS_STORE"] : "factledger.db",
    defaultAnalyst: env["USER"] ?? "analyst",
    out: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
    write: (chunk) => (process.stdout.write(chunk) ? Promise.resolve() : new Promise((resolve) => process.stdout.once("drain", resolve))),
    err: (s) => process.stderr.write(s),
    style: style(process.stdout.isTTY === true, env),
    stderrIsTTY: process.stderr.isTTY === true,
  }, (stop) => {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
};

main().then(
  (code) => exit(code),
  async (e: unknown) => {
    if (e instanceof UsageError) return fail(2, e.message);
    const { AppError } = await import("@factledger/app");
    if (e instanceof AppError.Failure) {
      // One match: the exit code and the one line.
      const code = AppError.match({
        Usage: () => 2,
        UnreadableFile: () => 1,
        InvalidManifest: () => 1,
        UnknownClaim: () => 1,
        RuleViolated: () => 1,
        InvalidArgument: () => 1,
        StoreFailed: () => 1,
      })(e.error);
      return fail(code, AppError.describe(e.error));
    }
    if (argv.includes("--debug")) process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return fail(1, `unexpected error: ${(e as Error)?.message ?? String(e)}${argv.includes("--debug") ? "" : " (run with --debug for details)"}`);
  },
);
