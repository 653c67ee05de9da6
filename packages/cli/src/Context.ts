/**
 * What every command is given by main.ts: the clock, the ids, the defaults
 * read from the environment, the store registry, and the output streams.
 * Commands read nothing from `process` themselves; they parse their
 * arguments, call the app and render its views.
 */
import * as E from "fp-ts/lib/Either.js";
import { App, AppError } from "@factledger/app";
import type { AppErrorT, AppT, Clock, IdSource } from "@factledger/app";
import { DateOnly } from "@factledger/core";
import { makeMemoryCheckpoints } from "@factledger/store";
import type { LedgerProjection, Registry } from "@factledger/store";
import type { Parsed } from "./Args.ts";
import { str } from "./Args.ts";
import type { Style } from "./Render.ts";
import * as Output from "./Output.ts";

/** The edge, as main.ts read it. */
export interface Context {
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly registry: Registry;
  /** --store when not given: $FACTS_STORE, else ./factledger.db. */
  readonly defaultStore: string;
  /** --analyst when not given: $USER, else "analyst". */
  readonly defaultAnalyst: string;
  /** One short line (or block) to stdout. */
  readonly out: (s: string) => void;
  /** A chunk of a long answer to stdout; resolves when stdout can take more (backpressure). */
  readonly write: (chunk: string) => Promise<void>;
  readonly err: (s: string) => void;
  readonly style: Style;
  /** Whether stderr is a terminal (a progress bar there; progress lines elsewhere). */
  readonly stderrIsTTY: boolean;
}

/** Prints a view as JSON (bigints as strings). */
export const printJson = (ctx: Context, x: unknown): void => ctx.out(JSON.stringify(x, Output.replacer, 2));

/** Streams a view as JSON, the array under `key` one element at a time: the same bytes as printJson, in bounded memory. */
export const streamJson = (ctx: Context, x: object, key: string): Promise<void> => Output.lines(ctx.write, Output.json(x, key));

/** Stops the command with an error (main.ts picks the exit code and prints the one line). */
export const fail = (e: AppErrorT): never => AppError.fail(e);

/** The value of a use case's answer, or its error raised. */
export const unwrap = <A>(r: E.Either<AppErrorT, A>): A => (E.isLeft(r) ? fail(r.left) : r.right);

/** A date option, checked. */
export const dateArg = (p: Parsed, name: string): string | undefined => {
  const v = str(p, name);
  if (v !== undefined && !DateOnly.isDateOnly(v)) fail(AppError.invalidArgument(`--${name}`, DateOnly.whyNotADay(v)));
  return v;
};

/** A usage error (exit 2). */
export const usage = (message: string): never => fail(AppError.usage(message));

/** The store location of a command. */
export const locationOf = (ctx: Context, p: Parsed): string => str(p, "store") ?? ctx.defaultStore;

/** Opens a store through the registry; readers pass `create: false` so that a typo is an error, not a new store. */
export const openStore = async (ctx: Context, location: string, create: boolean) => {
  const where = ctx.registry.describe(location);
  const r = await ctx.registry.open(location, { create });
  if (E.isLeft(r)) return fail(AppError.storeFailed(where)(r.left));
  return { store: r.right, where };
};

/** The ledger projection's file beside an embedded store (x.db → x-read.db); null for other stores. */
export const projectionPathOf = (ctx: Context, location: string): string | null => {
  const f = ctx.registry.factoryOf(location);
  if (E.isLeft(f) || f.right.name !== "sqlite") return null;
  const path = f.right.describe(location);
  return path === ":memory:" ? null : `${path.replace(/\.db$/i, "")}-read.db`;
};

/** Opens the persisted ledger projection at `path`; null when it cannot be opened (commands then fold the log). */
export const openProjection = async (path: string | null): Promise<LedgerProjection | null> => {
  if (path === null) return null;
  const { openLedgerProjection } = await import("@factledger/store-sqlite");
  const r = openLedgerProjection(path);
  return E.isLeft(r) ? null : r.right;
};

/** Runs `f` with the app over the command's store (and its projection beside it), closing both afterwards. */
export const withApp = async <A>(ctx: Context, p: Parsed, create: boolean, f: (app: AppT) => Promise<A>, projectionPath?: string): Promise<A> => {
  const location = locationOf(ctx, p);
  const { store, where } = await openStore(ctx, location, create);
  const projection = await openProjection(projectionPath ?? projectionPathOf(ctx, location));
  try {
    return await f(App.make({ store, where, checkpoints: makeMemoryCheckpoints(), clock: ctx.clock, ids: ctx.ids, ...(projection === null ? {} : { projection }) }));
  } finally {
    projection?.close();
    await store.close();
  }
};
