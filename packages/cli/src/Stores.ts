/**
 * Which store a command uses and how it is opened. A connection string that
 * starts with esdb://, esdb+discover:// or kurrentdb:// selects EventStoreDB,
 * whose client is loaded only then; anything else is an embedded SQLite file.
 */
import * as E from "fp-ts/lib/Either.js";
import { readLedger } from "@factledger/store";
import type { EventStore, Position } from "@factledger/store";
import type { Ledger } from "@factledger/core";
import { fromStore, UserError } from "./Errors.ts";

/** Where the events live. */
export type StoreSpec = { readonly _tag: "sqlite"; readonly path: string } | { readonly _tag: "esdb"; readonly connectionString: string };

/** The default embedded store, in the current directory. */
export const defaultPath = "factledger.db";

/** Reads a store argument. */
export const specOf = (value: string): StoreSpec =>
  /^(?:esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kurrent|kurrent\+discover):\/\//i.test(value) ? { _tag: "esdb", connectionString: value } : { _tag: "sqlite", path: value };

/** The store of a command: --store, else $FACTS_STORE, else ./factledger.db. */
export const resolve = (flag: string | undefined, env: NodeJS.ProcessEnv): StoreSpec => specOf(flag ?? (env["FACTS_STORE"] !== undefined && env["FACTS_STORE"] !== "" ? env["FACTS_STORE"] : defaultPath));

/** Describes a store for messages. */
export const describe = (s: StoreSpec): string => (s._tag === "sqlite" ? s.path : s.connectionString.replace(/\/\/[^@/]*@/, "//***@"));

/** Opens a store; readers pass `create: false` so that a typo in a path is an error, not a new empty store. */
export const open = async (spec: StoreSpec, options: { create: boolean }): Promise<EventStore> => {
  if (spec._tag === "sqlite") {
    const { openSqliteStore } = await import("@factledger/store-sqlite");
    // FACTS_BUSY_TIMEOUT_MS: how long to wait for another writer's lock (default 5000).
    const wait = Number(process.env["FACTS_BUSY_TIMEOUT_MS"]);
    const r = openSqliteStore(spec.path, { create: options.create, ...(Number.isFinite(wait) && wait >= 0 ? { busyTimeoutMs: wait } : {}) });
    if (E.isLeft(r)) throw fromStore(spec.path, r.left);
    return r.right;
  }
  const { openEsdbStore } = await import("@factledger/store-esdb");
  const { Events } = await import("@factledger/core");
  // Read and follow only this engine's event types (a server-side filter for subscriptions).
  const r = openEsdbStore(spec.connectionString, { eventTypes: Events.eventTypes });
  if (E.isLeft(r)) throw fromStore(describe(spec), r.left);
  return r.right;
};

/** Folds the ledger from a store, optionally only up to a global position. */
export const ledgerOf = async (store: EventStore, where: string, until: Position | null): Promise<Ledger.Ledger> => {
  const r = await readLedger(store, { until })();
  if (E.isLeft(r)) throw fromStore(where, r.left);
  return r.right;
};

/** Parses --position. */
export const parsePositionArg = async (value: string | undefined): Promise<Position | null> => {
  if (value === undefined) return null;
  const { parsePosition } = await import("@factledger/store");
  const p = parsePosition(value);
  if (p === null) throw new UserError(`--position: "${value}" is not a position (a number, or commit/prepare)`);
  return p;
};
