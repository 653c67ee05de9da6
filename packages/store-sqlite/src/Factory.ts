/**
 * The embedded store's entry in the store registry: it opens every location
 * that is a file path (anything without a `scheme:` prefix, and `sqlite:PATH`).
 */
import type { StoreFactory } from "@factledger/store";
import { openSqliteStore } from "./SqliteEventStore.ts";

/** Options of the embedded store's factory. */
export interface SqliteFactoryOptions {
  /** How long to wait for another writer's lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
}

const pathOf = (location: string): string => location.replace(/^sqlite:/i, "");

/** The factory of the embedded store. */
export const sqliteFactory = (options: SqliteFactoryOptions = {}): StoreFactory => ({
  name: "sqlite",
  locations: "a file path or sqlite:PATH (the embedded store)",
  // A Windows drive letter ("C:\\...") is a path, not a scheme.
  accepts: (location) => /^sqlite:/i.test(location) || !/^[a-z][a-z0-9+.-]+:/i.test(location),
  describe: pathOf,
  open: async (location, o) => openSqliteStore(pathOf(location), { create: o.create, ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}) }),
});
