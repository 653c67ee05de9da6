/**
 * Checking a log end to end (`facts verify`): the hash chain recomputed from
 * the first event (docs/events.md), the store's own integrity check (SQLite's
 * `PRAGMA integrity_check`), and every event decoded through the core's
 * codecs. The view says whether all of it passed and, if not, the first bad
 * position and why. Only a store that keeps the chain can be verified.
 */
import { createHash } from "node:crypto";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { decodeStored, LogChain, StoreError } from "@factledger/store";
import type { ChainedLog, ChainedRecord, StoredEvent } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** SHA-256 from node:crypto: the same hex as the core's pure digest, many times faster on a large log. */
export const sha256: LogChain.Sha256 = (s) => createHash("sha256").update(s, "utf8").digest("hex");

/** The first thing found wrong: at a position (chain, decode), or in the file as a whole (integrity). */
export const Problem = t.type({
  position: nullable(t.number),
  check: t.keyof({ chain: null, decode: null, integrity: null }),
  reason: t.string,
});
export type Problem = t.TypeOf<typeof Problem>;

/** `facts verify --json`. */
export const VerifyView = t.type({
  store: t.string,
  ok: t.boolean,
  events: t.number,
  /** The last event's position and hash: publish it, and a later verify that reaches the same head proves the history up to it unchanged. */
  head: nullable(t.type({ position: t.number, hash: t.string })),
  /** What the store's own integrity check reported; empty when it passed. */
  integrity: t.array(t.string),
  /** How many events failed the chain or their codec. */
  badEvents: t.number,
  first: nullable(Problem),
});
export type VerifyView = t.TypeOf<typeof VerifyView>;

/** The store's chain, or the use case fails saying that this store keeps none. */
export const chainOf = (parts: Parts, command: string): ChainedLog =>
  parts.store.chain ??
  Err.fail(
    Err.storeFailed(parts.where)({
      _tag: "Unsupported",
      message: `${parts.where}: ${command} needs a hash-chained log, which only the embedded SQLite store keeps (not EventStoreDB, not memory:)`,
    }),
  );

/** A record read back as the port's stored event, or why its JSON cannot be read. */
export const storedOf = (r: ChainedRecord): E.Either<string, StoredEvent> => {
  try {
    return E.right({
      streamId: r.streamId,
      revision: r.revision,
      position: { commit: r.position, prepare: r.position },
      eventId: r.eventId,
      type: r.type,
      data: JSON.parse(r.data) as unknown,
      metadata: JSON.parse(r.metadata) as StoredEvent["metadata"],
      recordedAt: r.recordedAt,
    });
  } catch (e) {
    return E.left(`its data or metadata is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
};

/** Why an event does not decode through the core's codecs, or null when it does. */
export const decodeProblem = (r: ChainedRecord): string | null => {
  const stored = storedOf(r);
  if (E.isLeft(stored)) return stored.left;
  const decoded = decodeStored(stored.right);
  return E.isLeft(decoded) ? `the event does not decode: ${StoreError.describe(decoded.left)}` : null;
};

/** Verifies the whole log of the parts' store. */
export const verify = async (parts: Parts, pageSize = 4096): Promise<VerifyView> => {
  const chain = chainOf(parts, "verify");
  const integrity = await chain.integrityCheck()();
  if (E.isLeft(integrity)) return Err.fail(Err.storeFailed(parts.where)(integrity.left));
  const check = LogChain.check(sha256);
  let first: Problem | null = integrity.right.length > 0 ? { position: null, check: "integrity", reason: `integrity_check: ${integrity.right[0]}` } : null;
  let events = 0;
  let badEvents = 0;
  let previous: { position: bigint; hash: string } | null = null;
  for (let after = 0n; ; ) {
    const page = await chain.readRecords(after, pageSize)();
    if (E.isLeft(page)) return Err.fail(Err.storeFailed(parts.where)(page.left));
    for (const r of page.right) {
      events += 1;
      // Each link is checked against the stored hash before it, so every edited event is found, not only the first.
      const broken = check(previous, r);
      const undecodable = broken === null ? decodeProblem(r) : null;
      if (broken !== null || undecodable !== null) {
        badEvents += 1;
        first ??= { position: Number(r.position), check: broken !== null ? "chain" : "decode", reason: (broken ?? undecodable)! };
      }
      previous = { position: r.position, hash: r.hash ?? "" };
    }
    if (page.right.length < pageSize) break;
    after = page.right.at(-1)!.position;
  }
  return {
    store: parts.where,
    ok: first === null,
    events,
    head: previous === null ? null : { position: Number(previous.position), hash: previous.hash },
    integrity: [...integrity.right],
    badEvents,
    first,
  };
};
