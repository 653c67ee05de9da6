/**
 * The hash chain of a verifiable log: each stored event carries the SHA-256 of
 * the previous event's hash and its own fields, so that editing, dropping or
 * reordering any stored event is seen by recomputing the chain. The formula is
 * written once here (docs/events.md) and used by the embedded store when it
 * appends, by `facts verify` and by `facts import`. The digest is a parameter:
 * the core's pure SHA-256 or `node:crypto`, which give the same hex.
 */
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { StoreError } from "./StoreError.ts";

/** The previous hash of the first event: 64 zeros. */
export const GENESIS = "0".repeat(64);

/** The tag that opens every preimage; a new formula would get a new tag. */
export const FORMULA = "factledger-chain-1";

/** One event as a hash-chained store keeps it: `data` and `metadata` are the JSON texts exactly as stored. */
export interface ChainedRecord {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
  /** The stored hash; null when the row has none. */
  readonly hash: string | null;
}

/** A SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export type Sha256 = (input: string) => string;

/**
 * The text whose UTF-8 bytes are hashed: a JSON array of ten strings,
 * `[FORMULA, previous hash, position, stream, revision, event id, type, data, metadata, recordedAt]`,
 * numbers in decimal. JSON string escaping makes the framing unambiguous.
 */
export const preimage = (previous: string, r: Omit<ChainedRecord, "hash">): string =>
  JSON.stringify([FORMULA, previous, r.position.toString(), r.streamId, r.revision.toString(), r.eventId, r.type, r.data, r.metadata, r.recordedAt]);

/** The hash of an event chained after `previous`. */
export const link =
  (sha256: Sha256) =>
  (previous: string, r: Omit<ChainedRecord, "hash">): string =>
    sha256(preimage(previous, r));

/** Why one record breaks the chain, or null when it continues it. */
export const check =
  (sha256: Sha256) =>
  (previous: { readonly position: bigint; readonly hash: string } | null, r: ChainedRecord): string | null => {
    const expectedPosition = previous === null ? 1n : previous.position + 1n;
    if (r.position !== expectedPosition)
      return r.position > expectedPosition
        ? `positions ${expectedPosition}..${r.position - 1n} are missing (events removed)`
        : `position ${r.position} follows position ${expectedPosition - 1n} (events out of order or repeated)`;
    if (r.hash === null) return "the event has no hash";
    if (r.hash !== link(sha256)(previous?.hash ?? GENESIS, r))
      return "the stored hash does not match the event's content and the previous hash (the event was edited after it was written)";
    return null;
  };

/** What a hash-chained store offers besides the port (the embedded store; EventStoreDB has none). */
export interface ChainedLog {
  /** Up to `maxCount` records strictly after `after`, in position order, as stored. */
  readonly readRecords: (after: bigint, maxCount: number) => TE.TaskEither<StoreError, readonly ChainedRecord[]>;
  /** The store's own consistency check; empty when it passes. */
  readonly integrityCheck: () => TE.TaskEither<StoreError, readonly string[]>;
  /**
   * Writes `records` (positions 1..n, hashes already checked by the caller) into an empty store in one
   * transaction: nothing is written unless everything is. Refuses a store that holds any event, and a
   * second record with an event id already written (`DuplicateEventId`). The records are pulled one at
   * a time, so they can be read from a file as they are written; an exception the iterable throws
   * rolls the transaction back and is rethrown as it is.
   */
  readonly restore: (records: Iterable<ChainedRecord>) => TE.TaskEither<StoreError, number>;
}
