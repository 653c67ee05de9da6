/**
 * The persisted ledger port: the ledger projection kept beside the log with
 * the position it reflects, so that a read does not replay the whole log. An
 * adapter keeps it durable (store-sqlite: a file of its own, never the event
 * store's tables); the app checks that it belongs to this log, catches it up
 * from its tip, and rebuilds it from the log when it is missing, written by
 * another version of the fold, or damaged.
 */
import type * as E from "fp-ts/lib/Either.js";
import type { Ledger, LedgerEvent } from "@factledger/core";
import type { Position, ReadFrom } from "./EventStore.ts";
import type { StoreError } from "./StoreError.ts";

/** An event with where it sits in the log. */
export interface Applied {
  readonly event: LedgerEvent;
  readonly position: Position;
  readonly eventId: string;
  /** When the store recorded it (the envelope's time): a log written again with the same ids has other times. */
  readonly recordedAt: string;
}

/** Where a persisted ledger stands in the log. */
export interface Tip {
  /** The position of the last event applied. */
  readonly position: Position;
  /** The id of that event: a projection of another log (a store re-created in its place) names another. */
  readonly eventId: string;
  /** When the store recorded that event. */
  readonly recordedAt: string;
  /** Where reading the log gives that event again: the position of the event before it, or the start. */
  readonly previous: ReadFrom;
  /** Events applied since the beginning. */
  readonly events: number;
}

/** How an apply went: `Stale` when another writer moved the projection in a way this one cannot follow (left to the next reader). */
export type Applying = "Applied" | "Stale";

/** A persisted ledger projection. */
export interface LedgerProjection {
  /** For messages ("x-read.db"). */
  readonly description: string;
  /** Why what was found on opening (or later) was thrown away, or null when it was kept. */
  readonly discarded: () => string | null;
  /** Where it stands; null when empty. */
  readonly tip: () => Tip | null;
  /** The whole ledger as of the tip, loaded and checked on first call; damage is a `Corrupt` error. */
  readonly load: () => E.Either<StoreError, Ledger.Ledger>;
  /**
   * Applies events that follow the tip, in log order, to the ledger and persists them with the new tip in
   * one transaction. Never loads more than the rows the events touch unless `load` was called.
   */
  readonly apply: (batch: readonly Applied[]) => E.Either<StoreError, Applying>;
  /** Forgets everything (before a rebuild), saying why. */
  readonly reset: (reason: string) => E.Either<StoreError, void>;
  readonly close: () => void;
}
