/**
 * Everything that can go wrong in a store, as tagged data. Adapters translate
 * driver exceptions into these at the boundary; only the CLI turns them into
 * messages and exit codes.
 */
import type { ExpectedRevision } from "./ExpectedRevision.ts";
import { show } from "./ExpectedRevision.ts";

export type StoreError =
  | { readonly _tag: "VersionConflict"; readonly stream: string; readonly expected: ExpectedRevision; readonly actual: bigint | null }
  | { readonly _tag: "DuplicateEventId"; readonly stream: string; readonly eventId: string }
  | { readonly _tag: "StreamDeleted"; readonly stream: string }
  | { readonly _tag: "NotLeader"; readonly message: string }
  | { readonly _tag: "Unavailable"; readonly message: string }
  | { readonly _tag: "DeadlineExceeded"; readonly message: string }
  | { readonly _tag: "Locked"; readonly message: string }
  | { readonly _tag: "Corrupt"; readonly message: string }
  | { readonly _tag: "NotFound"; readonly message: string }
  | { readonly _tag: "EventDecodeFailed"; readonly stream: string; readonly revision: bigint; readonly position: string; readonly message: string }
  | { readonly _tag: "Unsupported"; readonly message: string }
  | { readonly _tag: "Unexpected"; readonly message: string };

/** One fold over the error union. */
export const match =
  <R>(cases: { [K in StoreError["_tag"]]: (e: Extract<StoreError, { _tag: K }>) => R }) =>
  (e: StoreError): R =>
    (cases[e._tag] as (e: StoreError) => R)(e);

/** A one-line description. */
export const describe: (e: StoreError) => string = match({
  VersionConflict: (e) => `conflict on stream ${e.stream}: another writer changed it (expected ${show(e.expected)}, found ${e.actual === null ? "no stream" : `revision ${e.actual}`}); nothing was written, run the command again`,
  DuplicateEventId: (e) => `stream ${e.stream}: event id ${e.eventId} is already stored elsewhere`,
  StreamDeleted: (e) => `stream ${e.stream} was deleted`,
  NotLeader: (e) => `not the leader node: ${e.message}`,
  Unavailable: (e) => `store unavailable: ${e.message}`,
  DeadlineExceeded: (e) => `deadline exceeded: ${e.message}`,
  Locked: (e) => `store is locked: ${e.message}`,
  Corrupt: (e) => `store is corrupt: ${e.message}`,
  NotFound: (e) => e.message,
  EventDecodeFailed: (e) => `stream ${e.stream} revision ${e.revision} (position ${e.position}): ${e.message}`,
  Unsupported: (e) => e.message,
  Unexpected: (e) => e.message,
});
