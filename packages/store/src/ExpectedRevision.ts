/**
 * What a writer expects of a stream before appending: a closed set, as in the
 * EventStoreDB client. `NoStream` is how ingest stays idempotent: an article's
 * stream can be created once.
 */

/** The stream must not exist. */
export interface NoStream { readonly _tag: "NoStream" }
/** The stream must exist, at any revision. */
export interface StreamExists { readonly _tag: "StreamExists" }
/** No expectation. */
export interface Any { readonly _tag: "Any" }
/** The stream's last event must have this revision. */
export interface Exact { readonly _tag: "Exact"; readonly revision: bigint }

export type ExpectedRevision = NoStream | StreamExists | Any | Exact;

export const NoStream: ExpectedRevision = { _tag: "NoStream" };
export const StreamExists: ExpectedRevision = { _tag: "StreamExists" };
export const Any: ExpectedRevision = { _tag: "Any" };
export const Exact = (revision: bigint): ExpectedRevision => ({ _tag: "Exact", revision });

/** Whether a stream whose last revision is `current` (null when absent) satisfies the expectation. */
export const satisfiedBy = (expected: ExpectedRevision, current: bigint | null): boolean => {
  switch (expected._tag) {
    case "NoStream":
      return current === null;
    case "StreamExists":
      return current !== null;
    case "Any":
      return true;
    case "Exact":
      return current === expected.revision;
  }
};

/** How the expectation is written in messages. */
export const show = (e: ExpectedRevision): string => (e._tag === "Exact" ? `revision ${e.revision}` : e._tag);
