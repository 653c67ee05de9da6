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
import type { Registry } from "@factledger/store";
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
  if (v !== undefined && !DateOnly.isDateOnly(v)) fail(AppError.invalidArgument(`--${name}`, `"${v}" is not a date in YYYY-MM-DD form`));
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

/** Runs `f` with the app over the command's store, closing the store afterwards. */
export const withApp = async <A>(ctx: Context, p: Parsed, create: boolean, f: (app: AppT) => Promise<A>): Promise<A> => {
  const { store, where } = await openStore(ctx, locationOf(ctx, p), create);
  try {
    return await f(App.make({ store, where, checkpoints: makeMemoryCheckpoints(), clock: ctx.clock, ids: ctx.ids }));
  } finally {
    await store.close();
  }
};
