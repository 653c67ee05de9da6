/**
 * The event store port: a few verb-named operations that every adapter
 * implements (in memory, SQLite, EventStoreDB). Positions are exact pairs of
 * 64-bit numbers (bigints), as EventStoreDB has them; an embedded store uses
 * the same number twice.
 */
import type * as TE from "fp-ts/lib/TaskEither.js";
import type { ExpectedRevision } from "./ExpectedRevision.ts";
import type { ChainedLog } from "./LogChain.ts";
import type { StoreError } from "./StoreError.ts";

/** A position in the global log. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** Where reading the global log starts: the beginning, or just after a position. */
export type ReadFrom = "start" | Position;

/** Correlation and causation, plus whatever else a writer wants to keep. */
export interface EventMetadata {
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly [key: string]: unknown;
}

/** An event to append. */
export interface NewEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** An event as stored. */
export interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  readonly recordedAt: string;
}

/** What an append produced. */
export interface AppendResult {
  readonly nextExpectedRevision: bigint;
  readonly position: Position;
}

/** Callbacks of a subscription. */
export interface SubscriptionHandlers {
  readonly onEvent: (e: StoredEvent) => void | Promise<void>;
  /** Called once, when the subscription has read everything stored when it started. */
  readonly onCaughtUp?: () => void;
  readonly onError?: (e: StoreError) => void;
}

/** A running subscription. */
export interface Subscription {
  readonly stop: () => Promise<void>;
}

/** The port. */
export interface EventStore {
  /** A short description for messages ("sqlite:/path", "esdb://host"). */
  readonly description: string;
  /** Appends events atomically if the stream satisfies `expected`. A retry with the same event ids is a no-op. */
  readonly appendToStream: (stream: string, events: readonly NewEvent[], expected: ExpectedRevision) => TE.TaskEither<StoreError, AppendResult>;
  /** All events of a stream in revision order; empty when the stream does not exist. */
  readonly readStream: (stream: string) => TE.TaskEither<StoreError, readonly StoredEvent[]>;
  /** Up to `maxCount` events of the global log in commit order, strictly after `from`. */
  readonly readAll: (from: ReadFrom, maxCount: number) => TE.TaskEither<StoreError, readonly StoredEvent[]>;
  /** Delivers every event after `from`, then new ones as they are appended. */
  readonly subscribeToAll: (from: ReadFrom, handlers: SubscriptionHandlers) => Subscription;
  readonly close: () => Promise<void>;
  /** The hash chain over the global log, where the store keeps one (the embedded store; not EventStoreDB). */
  readonly chain?: ChainedLog;
}

/** Compares positions (commit, then prepare). */
export const comparePositions = (a: Position, b: Position): number =>
  a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : a.prepare < b.prepare ? -1 : a.prepare > b.prepare ? 1 : 0;

/** A position as text: `commit/prepare`. */
export const showPosition = (p: Position): string => `${p.commit}/${p.prepare}`;

/** Parses `commit/prepare` or a single number (embedded stores). */
export const parsePosition = (s: string): Position | null => {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(s.trim());
  if (m === null) return null;
  const commit = BigInt(m[1]!);
  return { commit, prepare: m[2] === undefined ? commit : BigInt(m[2]) };
};
