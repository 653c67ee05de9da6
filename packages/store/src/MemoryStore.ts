/**
 * An in-memory event store: the reference implementation of the port, used
 * for fast tests and as the model the other adapters are held to by the
 * contract suite. Single process, nothing persisted.
 */
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import type { AppendResult, EventStore, NewEvent, ReadFrom, StoredEvent, Subscription, SubscriptionHandlers } from "./EventStore.ts";
import * as ER from "./ExpectedRevision.ts";
import type { StoreError } from "./StoreError.ts";

/** Options of the in-memory store; the clock is injected so tests can fix it. */
export interface MemoryStoreOptions {
  readonly now?: () => string;
}

/** Makes an empty in-memory store. */
export const makeMemoryStore = (options: MemoryStoreOptions = {}): EventStore => {
  const now = options.now ?? (() => new Date().toISOString());
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const ids = new Map<string, StoredEvent>();
  const listeners = new Set<() => void>();

  const appendSync = (stream: string, events: readonly NewEvent[], expected: ER.ExpectedRevision): AppendResult | StoreError => {
    const existing = streams.get(stream) ?? [];
    const current = existing.length === 0 ? null : BigInt(existing.length - 1);
    const first = events[0];
    const prior = first === undefined ? undefined : ids.get(first.eventId);
    if (prior !== undefined) {
      // A retry of an append that already happened: the same ids in the same stream.
      const all = events.every((e) => ids.get(e.eventId)?.streamId === stream);
      if (!all || prior.streamId !== stream) return { _tag: "DuplicateEventId", stream, eventId: first!.eventId };
      const last = ids.get(events.at(-1)!.eventId)!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    if (!ER.satisfiedBy(expected, current)) return { _tag: "VersionConflict", stream, expected, actual: current };
    for (const e of events) if (ids.has(e.eventId)) return { _tag: "DuplicateEventId", stream, eventId: e.eventId };
    const recordedAt = now();
    let revision = current === null ? -1n : current;
    const list = streams.get(stream) ?? [];
    for (const e of events) {
      revision += 1n;
      const p = BigInt(log.length + 1);
      const stored: StoredEvent = { streamId: stream, revision, position: { commit: p, prepare: p }, eventId: e.eventId, type: e.type, data: structuredClone(e.data), metadata: e.metadata, recordedAt };
      log.push(stored);
      list.push(stored);
      ids.set(e.eventId, stored);
    }
    streams.set(stream, list);
    for (const l of listeners) l();
    return { nextExpectedRevision: revision, position: log.at(-1)?.position ?? { commit: 0n, prepare: 0n } };
  };

  const after = (from: ReadFrom): number => (from === "start" ? 0 : Number(from.commit));

  return {
    description: "memory",
    appendToStream: (stream, events, expected) => () => {
      const r = appendSync(stream, events, expected);
      return Promise.resolve("_tag" in r ? E.left(r) : E.right(r));
    },
    readStream: (stream) => TE.right(streams.get(stream) ?? []),
    readAll: (from, maxCount) => TE.right(log.slice(after(from), after(from) + maxCount)),
    subscribeToAll: (from: ReadFrom, handlers: SubscriptionHandlers): Subscription => {
      let next = after(from);
      let stopped = false;
      let caughtUp = false;
      let running = Promise.resolve();
      const pump = () => {
        running = running.then(async () => {
          while (!stopped && next < log.length) {
            const e = log[next]!;
            next += 1;
            await handlers.onEvent(e);
          }
          if (!caughtUp && !stopped) {
            caughtUp = true;
            handlers.onCaughtUp?.();
          }
        });
      };
      listeners.add(pump);
      pump();
      return {
        stop: async () => {
          stopped = true;
          listeners.delete(pump);
          await running;
        },
      };
    },
    close: async () => {
      listeners.clear();
    },
  };
};
