/**
 * The command table: each command name to its handler in the module of its
 * group. Loaded only when a command runs, and then only its own group's
 * module, so that `--help` and a query start fast.
 */
import type { Parsed } from "./Args.ts";
import type { Context } from "./Context.ts";

type Handler = (ctx: Context, p: Parsed, onSignal: (stop: () => void) => void) => Promise<number>;

const analyst = () => import("./commands/Analyst.ts");
const ingest = () => import("./commands/Ingest.ts");
const ops = () => import("./commands/Ops.ts");
const read = () => import("./commands/Read.ts");
const serve = () => import("./commands/Serve.ts");

const handlers: Record<string, () => Promise<Handler>> = {
  ingest: async () => (await ingest()).ingest,
  extract: async () => (await ingest()).extract,
  claims: async () => (await read()).claims,
  totals: async () => (await read()).totals,
  discrepancies: async () => (await read()).discrepancies,
  report: async () => (await read()).report,
  audit: async () => (await read()).audit,
  timeline: async () => (await read()).timeline,
  reextract: async () => (await ops()).reextract,
  correct: async () => (await analyst()).correct,
  reject: async () => (await analyst()).reject,
  "add-claim": async () => (await analyst()).addClaim,
  link: async () => (await analyst()).link(true),
  unlink: async () => (await analyst()).link(false),
  date: async () => (await analyst()).date,
  follow: async () => (await ops()).follow,
  serve: async () => (await serve()).serve,
  migrate: async () => (await ops()).migrate,
  verify: async () => (await ops()).verify,
  export: async () => (await ops()).exportLog,
  import: async () => (await ops()).importLog,
};

/** Runs one command; returns its exit code. */
export const run = async (name: string, p: Parsed, ctx: Context, onSignal: (stop: () => void) => void): Promise<number> => (await handlers[name]!())(ctx, p, onSignal);
