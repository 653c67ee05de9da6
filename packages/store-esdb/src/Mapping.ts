/**
 * The boundary between the store port and @eventstore/db-client: expected revisions, positions, events, errors and
 * connection strings translated both ways. Positions and revisions stay bigints end to end; nothing passes through a
 * JS number. Events are decoded only once they are known to be this engine's. Pure functions over the client's
 * types, unit-tested without a server.
 */
import { ANY, END, jsonEvent, NO_STREAM, START, STREAM_EXISTS } from "@eventstore/db-client";
import type { AppendExpectedRevision, EventData, Position as ClientPosition, ReadPosition } from "@eventstore/db-client";
import * as E from "fp-ts/lib/Either.js";
import type { EventMetadata, NewEvent, Position, ReadFrom, StoredEvent, StoreErrorT, ExpectedRevisionT } from "@factledger/store";

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

/** 2^64 − 1: what the server sends for a position it does not report. */
export const unreported = 18446744073709551615n;

/**
 * The position the adapter gives an event whose global position the server did not report (events of multi-event
 * appends read from a stream, on current servers). It sorts before every real position and is refused as a place
 * to read or subscribe from, so that it can never silently skip or repeat events.
 */
export const noGlobalPosition: Position = { commit: -1n, prepare: -1n };

/** Whether a position is a real place in $all (not `noGlobalPosition`). */
export const isGlobalPosition = (p: Position): boolean => p.commit >= 0n && p.prepare >= 0n;

/** A client position (from a read, a subscription or an append) as the port's; unreported ones become `noGlobalPosition`. */
export const fromClientPosition = (p: ClientPosition | undefined): Position =>
  p === undefined || p.commit === unreported || p.prepare === unreported ? noGlobalPosition : { commit: p.commit, prepare: p.prepare };

/** A port position as the client's. */
export const toClientPosition = (p: Position): ClientPosition => ({ commit: p.commit, prepare: p.prepare });

/** Where to start reading $all. */
export const toReadPosition = (from: ReadFrom): ReadPosition => (from === "start" ? START : toClientPosition(from));

/** The end of $all, for a subscription that only wants new events. */
export const endPosition: ReadPosition = END;

/** A position for messages: `commit/prepare`, or says that there is none. */
export const showPosition = (p: Position): string => (isGlobalPosition(p) ? `${p.commit}/${p.prepare}` : "no global position");

/** Why a starting point cannot be used, or null when it can. */
export const refusedStart = (from: ReadFrom): StoreErrorT | null =>
  from === "start" || isGlobalPosition(from)
    ? null
    : {
        _tag: "Unexpected",
        message:
          "cannot read or subscribe after an event with no global position: EventStoreDB does not report the $all position of events of multi-event appends read from a stream; take positions from readAll or a subscription",
      };

/** A new event as the client's JSON event data, keeping our deterministic id. */
export const toEventData = (e: NewEvent): EventData =>
  jsonEvent({ id: e.eventId, type: e.type, data: e.data as Record<string, unknown>, metadata: e.metadata as unknown as Record<string, unknown> });

/** The fields of a recorded event the adapter reads (the client's `RecordedEvent`, from a stream or $all). */
export interface Recorded {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date | string;
  readonly position?: ClientPosition | undefined;
}

/** True for events the adapter hands to the port: not system events ($-prefixed types or streams), and of this engine's types. */
export const isUserEvent = (e: { type: string; streamId: string }, types: readonly string[] | null): boolean =>
  !e.type.startsWith("$") && !e.streamId.startsWith("$") && (types === null || types.includes(e.type));

const text = (x: unknown): string => (x instanceof Uint8Array ? Buffer.from(x).toString("utf8") : String(x));

/**
 * Our metadata is a JSON object. The client hands over a parsed JSON value, or the raw bytes when they are not JSON:
 * anything but an object is kept whole under `raw` rather than spread.
 */
export const metadataOf = (m: unknown): EventMetadata => {
  const object = typeof m === "object" && m !== null && !Array.isArray(m) && !(m instanceof Uint8Array) ? (m as Record<string, unknown>) : null;
  const str = (x: unknown): string | null => (typeof x === "string" ? x : null);
  if (object !== null) return { ...object, correlationId: str(object["correlationId"]), causationId: str(object["causationId"]) };
  return m === undefined || m === null ? { correlationId: null, causationId: null } : { correlationId: null, causationId: null, raw: m instanceof Uint8Array ? text(m) : m };
};

/**
 * A recorded event of this engine (callers filter with `isUserEvent` first) as the port's stored event. Our events
 * are JSON; one that is not fails with the stream, revision and position, so a bad event is never skipped silently.
 */
export const toStored = (e: Recorded): E.Either<StoreErrorT, StoredEvent> => {
  const position = fromClientPosition(e.position);
  if (!e.isJson || e.data instanceof Uint8Array)
    return E.left({ _tag: "EventDecodeFailed", stream: e.streamId, revision: e.revision, position: showPosition(position), message: `event ${e.id} (${e.type}) is not JSON` });
  return E.right({
    streamId: e.streamId,
    revision: e.revision,
    position,
    eventId: e.id,
    type: e.type,
    data: e.data,
    metadata: metadataOf(e.metadata),
    recordedAt: e.created instanceof Date ? e.created.toISOString() : String(e.created),
  });
};

// gRPC status codes the client leaves untranslated on some paths (the server-features call of the first command).
const grpcCode = { CANCELLED: 1, DEADLINE_EXCEEDED: 4, PERMISSION_DENIED: 7, UNAVAILABLE: 14, UNAUTHENTICATED: 16 } as const;

/** Turns a client exception into the port's error. Matching is by the client's `type` tag, else by the gRPC status code. */
export const translateError = (e: unknown, stream: string | null, expected: ExpectedRevisionT | null): StoreErrorT => {
  const err = (typeof e === "object" && e !== null ? e : {}) as {
    type?: string;
    code?: number;
    details?: string;
    message?: string;
    streamName?: string;
    actualVersion?: unknown;
    maxAppendSize?: number;
    leader?: { address?: string; port?: number };
  };
  const message = err.message !== undefined && err.message !== "" ? err.message : err.details !== undefined && err.details !== "" ? err.details : (err.type ?? String(e));
  switch (err.type) {
    case "wrong-expected-version":
      return { _tag: "VersionConflict", stream: err.streamName ?? stream ?? "?", expected: expected ?? { _tag: "Any" }, actual: fromClientRevision(err.actualVersion) };
    case "stream-deleted":
      return { _tag: "StreamDeleted", stream: err.streamName ?? stream ?? "?" };
    case "not-leader":
      return { _tag: "NotLeader", message: err.leader?.address === undefined ? message : `the leader is ${err.leader.address}:${err.leader.port ?? "?"}` };
    case "unavailable":
      return { _tag: "Unavailable", message };
    case "cancelled":
      // The client reports our own cancellations as nothing; a CANCELLED it reports came from the server.
      return { _tag: "Unavailable", message: `the server cancelled the call, as a node does when it shuts down (${message})` };
    case "deadline-exceeded":
    case "timeout":
      return { _tag: "DeadlineExceeded", message };
    case "stream-not-found":
      return { _tag: "NotFound", message: `stream ${err.streamName ?? stream ?? "?"} not found` };
    case "maximum-append-size-exceeded":
      return {
        _tag: "Unexpected",
        message: `stream ${stream ?? "?"}: the append is larger than the server's maximum append size${err.maxAppendSize === undefined ? "" : ` (${err.maxAppendSize} bytes)`}; raise it on the server (MaxAppendSize) for long articles`,
      };
    case "access-denied":
      return { _tag: "Unexpected", message: `access denied: ${message}` };
    case undefined:
      break;
    default:
      return { _tag: "Unexpected", message };
  }
  switch (err.code) {
    case grpcCode.UNAVAILABLE:
      return { _tag: "Unavailable", message };
    case grpcCode.DEADLINE_EXCEEDED:
      return { _tag: "DeadlineExceeded", message };
    case grpcCode.CANCELLED:
      return { _tag: "Unavailable", message: `the server cancelled the call (${message})` };
    case grpcCode.UNAUTHENTICATED:
    case grpcCode.PERMISSION_DENIED:
      return { _tag: "Unexpected", message: `access denied: ${message}` };
    default:
      return { _tag: "Unexpected", message };
  }
};

/** Whether a failure is worth retrying after a pause (the node may come back, or a new leader be elected). */
export const isTransient = (e: StoreErrorT): boolean => e._tag === "Unavailable" || e._tag === "DeadlineExceeded" || e._tag === "NotLeader";

/** Exponential backoff with a cap: 100 ms, 200 ms, ... up to 5 s. */
export const backoffMs = (attempt: number): number => Math.min(5000, 100 * 2 ** Math.max(0, attempt));

/** EventStoreDB and KurrentDB connection strings, normalised for this client: the scheme in lower case, kurrentdb:// → esdb://. */
export const normaliseConnectionString = (s: string): string =>
  s.trim().replace(/^(esdb|kurrent(?:db)?)(\+discover)?:\/\//i, (_m, _scheme: string, d: string | undefined) => `esdb${d === undefined ? "" : "+discover"}://`);

/** The `defaultDeadline` a connection string sets (the client's own option, in ms), or null. */
export const deadlineOf = (s: string): number | null => {
  // The client reads option keys without case, dashes or underscores.
  const m = /[?&]default[-_]?deadline=(\d+)(?:&|$)/i.exec(s);
  return m === null ? null : Number(m[1]);
};

/** Why a connection string asks for something this client does not do, or null. */
export const unsupportedOption = (s: string): string | null =>
  /[?&]tlsVerifyCert=false(?:&|$)/i.test(s)
    ? "tlsVerifyCert=false is not supported by @eventstore/db-client 6.x, which ignores it and still verifies the server's certificate: pass the CA with tlsCAFile=/path/ca.crt, or set NODE_EXTRA_CA_CERTS"
    : null;

/** Masks the credentials of connection strings inside any text (messages, the client's warnings). */
export const redact = (s: string): string => s.replace(/([a-z+]+:\/\/)[^@/?\s]*@/gi, "$1***@");

/** A server-side filter regex matching exactly the given event types. */
export const eventTypeRegex = (types: readonly string[]): string => `^(?:${types.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`;
