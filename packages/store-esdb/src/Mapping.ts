/**
 * The boundary between the store port and @eventstore/db-client: expected
 * revisions, positions, events and errors translated both ways. Positions and
 * revisions stay bigints end to end; nothing passes through a JS number.
 * Pure functions over the client's types, unit-tested without a server.
 */
import { ANY, END, jsonEvent, NO_STREAM, START, STREAM_EXISTS } from "@eventstore/db-client";
import type { AllStreamRecordedEvent, AppendExpectedRevision, EventData, Position as ClientPosition, ReadPosition, RecordedEvent } from "@eventstore/db-client";
import type { NewEvent, Position, ReadFrom, StoredEvent, StoreErrorT, ExpectedRevisionT } from "@factledger/store";

/** The port's expectation in the client's vocabulary. */
export const toClientExpected = (e: ExpectedRevisionT): AppendExpectedRevision => {
  switch (e._tag) {
    case "NoStream":
      return NO_STREAM;
    case "StreamExists":
      return STREAM_EXISTS;
    case "Any":
      return ANY;
    case "Exact":
      return e.revision;
  }
};

/** The client's current revision ("no_stream" or a bigint) in the port's vocabulary. */
export const fromClientRevision = (r: unknown): bigint | null => (typeof r === "bigint" ? r : null);

/** A port position as the client's. */
export const toClientPosition = (p: Position): ClientPosition => ({ commit: p.commit, prepare: p.prepare });

/** Where to start reading $all. */
export const toReadPosition = (from: ReadFrom): ReadPosition => (from === "start" ? START : toClientPosition(from));

/** The end of $all, for a subscription that only wants new events. */
export const endPosition: ReadPosition = END;

/** A new event as the client's JSON event data, keeping our deterministic id. */
export const toEventData = (e: NewEvent): EventData =>
  jsonEvent({ id: e.eventId, type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata as unknown as Record<string, unknown> });

const decodeJson = (x: unknown): unknown => (x instanceof Uint8Array ? JSON.parse(Buffer.from(x).toString("utf8")) : x);

/** A recorded event (from a stream or $all) as the port's stored event. */
export const toStored = (e: RecordedEvent | AllStreamRecordedEvent): StoredEvent => {
  const position = (e as { position?: ClientPosition }).position;
  const metadata = (decodeJson(e.metadata) ?? {}) as Record<string, unknown>;
  return {
    streamId: e.streamId,
    revision: e.revision,
    position: position === undefined ? { commit: -1n, prepare: -1n } : { commit: position.commit, prepare: position.prepare },
    eventId: e.id,
    type: e.type,
    data: decodeJson(e.data),
    metadata: { correlationId: (metadata["correlationId"] as string | null | undefined) ?? null, causationId: (metadata["causationId"] as string | null | undefined) ?? null, ...metadata },
    recordedAt: e.created instanceof Date ? e.created.toISOString() : String(e.created),
  };
};

/** Turns a client exception into the port's error. Matching is by the client's `type` tag. */
export const translateError = (e: unknown, stream: string | null, expected: ExpectedRevisionT | null): StoreErrorT => {
  const err = e as { type?: string; message?: string; streamName?: string; actualVersion?: unknown; leader?: { address?: string; port?: number } };
  const message = err?.message ?? String(e);
  switch (err?.type) {
    case "wrong-expected-version":
      return { _tag: "VersionConflict", stream: err.streamName ?? stream ?? "?", expected: expected ?? { _tag: "Any" }, actual: fromClientRevision(err.actualVersion) };
    case "stream-deleted":
      return { _tag: "StreamDeleted", stream: err.streamName ?? stream ?? "?" };
    case "not-leader":
      return { _tag: "NotLeader", message: err.leader?.address === undefined ? message : `the leader is ${err.leader.address}:${err.leader.port ?? "?"}` };
    case "unavailable":
      return { _tag: "Unavailable", message };
    case "deadline-exceeded":
    case "timeout":
      return { _tag: "DeadlineExceeded", message };
    case "stream-not-found":
      return { _tag: "NotFound", message: `stream ${err.streamName ?? stream ?? "?"} not found` };
    default:
      return { _tag: "Unexpected", message };
  }
};

/** Whether a failure is worth retrying after a pause (the node may come back or a new leader be elected). */
export const isTransient = (e: StoreErrorT): boolean => e._tag === "Unavailable" || e._tag === "DeadlineExceeded" || e._tag === "NotLeader";

/** Exponential backoff with a cap: 100 ms, 200 ms, ... up to 5 s. */
export const backoffMs = (attempt: number): number => Math.min(5000, 100 * 2 ** Math.max(0, attempt));

/** EventStoreDB and KurrentDB connection strings, normalised for this client (kurrentdb:// → esdb://). */
export const normaliseConnectionString = (s: string): string => s.replace(/^kurrent(?:db)?(\+discover)?:\/\//i, (_m, d: string | undefined) => `esdb${d ?? ""}://`);

/** A server-side filter regex matching exactly the given event types. */
export const eventTypeRegex = (types: readonly string[]): string => `^(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;

/** True for events the adapter hands to the port: not system events ($-prefixed types or streams). */
export const isUserEvent = (e: { type: string; streamId: string }, types: readonly string[] | null): boolean =>
  !e.type.startsWith("$") && !e.streamId.startsWith("$") && (types === null || types.includes(e.type));
