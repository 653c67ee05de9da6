/**
 * The command table: each command name to its handler in the module of its
 * group. Loaded only when a command runs, so that `--help` stays fast.
 */
import type { Parsed } from "./Args.ts";
import type { Context } from "./Context.ts";
import * as Analyst from "./commands/Analyst.ts";
import * as Ingest from "./commands/Ingest.ts";
import * as Ops from "./commands/Ops.ts";
import * as Read from "./commands/Read.ts";
import * as Serve from "./commands/Serve.ts";

type Handler = (ctx: Context, p: Parsed, onSignal: (stop: () => void) => void) => Promise<number>;

const handlers: Record<string, Handler> = {
  ingest: Ingest.ingest,
  extract: Ingest.extract,
  claims: Read.claims,
  totals: Read.totals,
  discrepancies: Read.discrepancies,
  report: Read.report,
  audit: Read.audit,
  timeline: Read.timeline,
  reextract: Ops.reextract,
  correct: Analyst.correct,
  reject: Analyst.reject,
  "add-claim": Analyst.addClaim,
  link: Analyst.link(true),
  unlink: Analyst.link(false),
  date: Analyst.date,
  follow: Ops.follow,
  serve: Serve.serve,
  migrate: Ops.migrate,
};

/** Runs one command; returns its exit code. */
export const run = (name: string, p: Parsed, ctx: Context, onSignal: (stop: () => void) => void): Promise<number> => handlers[name]!(ctx, p, onSignal);
