/**
 * The EventStoreDB / KurrentDB entry in the store registry. It imports
 * nothing of @eventstore/db-client until a location asks for it, so an
 * embedded user's process never loads gRPC; when the client is not installed
 * (it is an optional dependency), opening says how to get it.
 */
import * as E from "fp-ts/lib/Either.js";
import type { EventStore, StoreErrorT, StoreFactory } from "@factledger/store";

/** The schemes of EventStoreDB and KurrentDB connection strings. */
export const scheme = /^(?:esdb|kurrent(?:db)?)(?:\+discover)?:\/\//i;

/** How to install the client, for the message shown when it is missing. */
export const installHint = "the EventStoreDB client is not installed: run `npx -y pnpm@10 install` with optional dependencies (not --no-optional), or `npm install @eventstore/db-client` (see docs/eventstoredb.md)";

/** Options of the factory. */
export interface EsdbFactoryOptions {
  /** Only these event types are read and followed (a server-side filter). */
  readonly eventTypes?: readonly string[];
  /** Loads the adapter (and with it the client); replaced in tests to simulate a missing client. */
  readonly load?: () => Promise<{ openEsdbStore: (cs: string, o: { eventTypes?: readonly string[] | null }) => E.Either<StoreErrorT, EventStore> }>;
}

const missing = (e: unknown): boolean => {
  const code = (e as { code?: string } | null)?.code;
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && String((e as Error).message).includes("@eventstore/db-client");
};

/** Masks the credentials of a connection string. */
const redact = (s: string): string => s.replace(/([a-z+]+:\/\/)[^@/?\s]*@/gi, "$1***@");

/** The factory of the EventStoreDB adapter. */
export const esdbFactory = (options: EsdbFactoryOptions = {}): StoreFactory => ({
  name: "esdb",
  locations: "esdb://, esdb+discover://, kurrentdb:// connection strings (EventStoreDB / KurrentDB)",
  accepts: (location) => scheme.test(location.trim()),
  describe: redact,
  open: async (location) => {
    let adapter: Awaited<ReturnType<NonNullable<EsdbFactoryOptions["load"]>>>;
    try {
      adapter = await (options.load ?? (() => import("./EsdbEventStore.ts")))();
    } catch (e) {
      if (missing(e)) return E.left({ _tag: "Unavailable", message: installHint });
      throw e;
    }
    return adapter.openEsdbStore(location, { eventTypes: options.eventTypes ?? null });
  },
});
