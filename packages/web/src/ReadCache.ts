/**
 * A read cache over the event store port: pages of the global log and whole
 * streams are kept in memory once read, so that the many queries of one page
 * (or of a report) fold the log without going back to the store. Whoever
 * holds it clears it when the log moves (the server does on every new event;
 * a report reads one unchanging snapshot). Writes pass straight through.
 */
import * as E from "fp-ts/lib/Either.js";
import type { EventStore, ReadFrom, StoredEvent } from "@factledger/store";
import { showPosition } from "@factledger/store";

/** The store with cached reads, and the switch that forgets them. */
export interface ReadCache {
  readonly store: EventStore;
  readonly clear: () => void;
}

const fromKey = (from: ReadFrom): string => (from === "start" ? "start" : showPosition(from));

export const readCache = (store: EventStore): ReadCache => {
  const pages = new Map<string, readonly StoredEvent[]>();
  const streams = new Map<string, readonly StoredEvent[]>();
  return {
    clear: () => {
      pages.clear();
      streams.clear();
    },
    store: {
      ...store,
      readAll: (from, maxCount) => async () => {
        const key = `${fromKey(from)}|${maxCount}`;
        const hit = pages.get(key);
        if (hit !== undefined) return E.right(hit);
        const r = await store.readAll(from, maxCount)();
        if (E.isRight(r)) pages.set(key, r.right);
        return r;
      },
      readStream: (stream) => async () => {
        const hit = streams.get(stream);
        if (hit !== undefined) return E.right(hit);
        const r = await store.readStream(stream)();
        if (E.isRight(r)) streams.set(stream, r.right);
        return r;
      },
    },
  };
};
