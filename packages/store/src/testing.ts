/**
 * The store contract suite: one set of behaviour tests that every adapter of
 * the port must pass (in memory, SQLite, EventStoreDB). Call it from an
 * adapter's test file with a factory that opens a fresh, empty store and the
 * store's statement of the guarantees that differ between stores; each store
 * is checked against its own statement.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import type { EventStore, NewEvent, StoredEvent } from "./EventStore.ts";
import { comparePositions } from "./EventStore.ts";
import * as ER from "./ExpectedRevision.ts";

/** The guarantees that differ between stores, as a store states them. */
export interface StoreGuarantees {
  /**
   * An event id already stored in one stream is refused in any other (`DuplicateEventId`), failing the whole
   * append. False where ids are checked per stream only (EventStoreDB): the append then lands.
   */
  readonly eventIdsUniqueAcrossStreams: boolean;
  /**
   * Events read from a stream carry their position in the global log. False where the server may leave it out
   * (EventStoreDB, for events of multi-event appends): such a position must then be refused as a starting point
   * by `readAll` and `subscribeToAll`, never read past as if it were real.
   */
  readonly streamReadsCarryPositions: boolean;
}

/** What the embedded stores guarantee, and the default statement. */
export const strictGuarantees: StoreGuarantees = { eventIdsUniqueAcrossStreams: true, streamReadsCarryPositions: true };

/** Opens a fresh store whose streams no other test uses; `prefix` keeps streams apart on shared servers. */
export interface ContractFactory {
  readonly open: () => Promise<EventStore>;
  /** Streams are prefixed so that runs against a shared server do not collide. */
  readonly prefix: () => string;
  /** Whether `readAll` on this store sees only this test's events (false on a shared server). */
  readonly isolated: boolean;
  /** The store's statement of its guarantees; default `strictGuarantees`. */
  readonly guarantees?: StoreGuarantees;
}

let counter = 0;
/** A deterministic-looking but unique UUID for contract events. */
export const testEventId = (): string => {
  counter += 1;
  const hex = (Date.now().toString(16) + counter.toString(16).padStart(8, "0") + Math.random().toString(16).slice(2)).padEnd(32, "0").slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const ev = (type: string, n: number, causationId: string | null = null): NewEvent => ({
  eventId: testEventId(),
  type,
  data: { n, text: `event ${n}` },
  metadata: { correlationId: `corr-${n}`, causationId },
});

const ok = async <A>(te: () => Promise<E.Either<unknown, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  return r.right;
};

const fail = async <A>(te: () => Promise<E.Either<{ _tag: string }, A>>): Promise<{ _tag: string }> => {
  const r = await te();
  if (E.isRight(r)) throw new Error("expected a failure, got success");
  return r.left;
};

const waitFor = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error("timed out waiting for a condition");
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** The first `count` events of a stream as the global log has them (with their global positions). */
const inGlobalLog = async (store: EventStore, stream: string, count: number): Promise<StoredEvent[]> => {
  const found: StoredEvent[] = [];
  let from: "start" | StoredEvent["position"] = "start";
  for (;;) {
    const page: readonly StoredEvent[] = await ok(store.readAll(from, 500));
    found.push(...page.filter((e) => e.streamId === stream));
    if (found.length >= count || page.length < 500) return found.slice(0, count);
    from = page.at(-1)!.position;
  }
};

/** Registers the contract tests for one adapter. */
export const storeContract = (name: string, factory: ContractFactory): void => {
  const guarantees = factory.guarantees ?? strictGuarantees;
  describe(`${name} store contract`, () => {
    const opened: EventStore[] = [];
    const open = async () => {
      const s = await factory.open();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });

    it("appends to a new stream and reads it back in revision order", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-a`;
      const events = [ev("Tested", 1), ev("Tested", 2), ev("Tested", 3)];
      const r = await ok(store.appendToStream(stream, events, ER.NoStream));
      expect(r.nextExpectedRevision).toBe(2n);
      const back = await ok(store.readStream(stream));
      expect(back.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(back.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
      expect(back.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    });

    it("keeps each event's id, type, stream, metadata and recorded time", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-meta`;
      const e = ev("Described", 7, "cause-7");
      await ok(store.appendToStream(stream, [e], ER.NoStream));
      const [back] = await ok(store.readStream(stream));
      expect(back?.eventId).toBe(e.eventId);
      expect(back?.type).toBe("Described");
      expect(back?.streamId).toBe(stream);
      expect(back?.metadata.correlationId).toBe("corr-7");
      expect(back?.metadata.causationId).toBe("cause-7");
      expect(Number.isNaN(Date.parse(back?.recordedAt ?? "x"))).toBe(false);
    });

    it("reads a stream that does not exist as empty", async () => {
      const store = await open();
      expect(await ok(store.readStream(`${factory.prefix()}-missing`))).toEqual([]);
    });

    it("refuses NoStream on an existing stream and writes nothing", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-b`;
      await ok(store.appendToStream(stream, [ev("Tested", 1)], ER.NoStream));
      const err = await fail(store.appendToStream(stream, [ev("Tested", 2)], ER.NoStream));
      expect(err._tag).toBe("VersionConflict");
      expect((await ok(store.readStream(stream))).length).toBe(1);
    });

    it("refuses a wrong exact revision and accepts the right one", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-c`;
      await ok(store.appendToStream(stream, [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
      const err = await fail(store.appendToStream(stream, [ev("Tested", 3)], ER.Exact(0n)));
      expect(err._tag).toBe("VersionConflict");
      const r = await ok(store.appendToStream(stream, [ev("Tested", 3)], ER.Exact(1n)));
      expect(r.nextExpectedRevision).toBe(2n);
      expect((await ok(store.readStream(stream))).length).toBe(3);
    });

    it("refuses StreamExists on a missing stream; Any always appends", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-d`;
      expect((await fail(store.appendToStream(stream, [ev("Tested", 1)], ER.StreamExists)))._tag).toBe("VersionConflict");
      await ok(store.appendToStream(stream, [ev("Tested", 1)], ER.Any));
      await ok(store.appendToStream(stream, [ev("Tested", 2)], ER.Any));
      await ok(store.appendToStream(stream, [ev("Tested", 3)], ER.StreamExists));
      expect((await ok(store.readStream(stream))).length).toBe(3);
    });

    it("treats a retried append with the same event ids as already done", async () => {
      const store = await open();
      const stream = `${factory.prefix()}-e`;
      const events = [ev("Tested", 1), ev("Tested", 2)];
      const first = await ok(store.appendToStream(stream, events, ER.NoStream));
      const again = await ok(store.appendToStream(stream, events, ER.NoStream));
      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect((await ok(store.readStream(stream))).length).toBe(2);
    });

    it("appends issued together each succeed or fail on their own", async () => {
      const store = await open();
      const p = factory.prefix();
      await ok(store.appendToStream(`${p}-g1`, [ev("Tested", 1)], ER.NoStream));
      const results = await Promise.all([
        store.appendToStream(`${p}-g2`, [ev("Tested", 2), ev("Tested", 3)], ER.NoStream)(),
        store.appendToStream(`${p}-g1`, [ev("Tested", 4)], ER.NoStream)(), // refused: the stream exists
        store.appendToStream(`${p}-g3`, [ev("Tested", 5)], ER.NoStream)(),
      ]);
      expect(results.map((r) => r._tag)).toEqual(["Right", "Left", "Right"]);
      expect((await ok(store.readStream(`${p}-g1`))).length).toBe(1);
      expect((await ok(store.readStream(`${p}-g2`))).map((e) => (e.data as { n: number }).n)).toEqual([2, 3]);
      expect((await ok(store.readStream(`${p}-g3`))).length).toBe(1);
    });

    it.runIf(guarantees.eventIdsUniqueAcrossStreams)("an append whose later event id is already stored fails whole, and appends issued with it still land", async () => {
      const store = await open();
      const p = factory.prefix();
      const taken = ev("Tested", 1);
      await ok(store.appendToStream(`${p}-h1`, [taken], ER.NoStream));
      const results = await Promise.all([
        store.appendToStream(`${p}-h2`, [ev("Tested", 2)], ER.NoStream)(),
        store.appendToStream(`${p}-h3`, [ev("Tested", 3), taken], ER.NoStream)(), // fails on its second event
        store.appendToStream(`${p}-h4`, [ev("Tested", 4)], ER.NoStream)(),
      ]);
      expect(results.map((r) => r._tag)).toEqual(["Right", "Left", "Right"]);
      expect(await ok(store.readStream(`${p}-h3`))).toEqual([]);
      expect((await ok(store.readStream(`${p}-h2`))).length).toBe(1);
      expect((await ok(store.readStream(`${p}-h4`))).length).toBe(1);
    });

    it.runIf(!guarantees.eventIdsUniqueAcrossStreams)("an event id already stored in another stream is accepted, as ids are checked per stream on this store", async () => {
      const store = await open();
      const p = factory.prefix();
      const taken = ev("Tested", 1);
      await ok(store.appendToStream(`${p}-h1`, [taken], ER.NoStream));
      await ok(store.appendToStream(`${p}-h3`, [ev("Tested", 3), taken], ER.NoStream));
      expect((await ok(store.readStream(`${p}-h3`))).map((e) => e.eventId)).toEqual([expect.any(String), taken.eventId]);
      expect((await ok(store.readStream(`${p}-h1`))).length).toBe(1);
    });

    it("a position read from a stream is either the event's position in the global log or refused as a starting point", async () => {
      const store = await open();
      const p = factory.prefix();
      await ok(store.appendToStream(`${p}-q`, [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
      await ok(store.appendToStream(`${p}-q`, [ev("Tested", 3)], ER.Exact(1n)));
      const read = await ok(store.readStream(`${p}-q`));
      const global = await inGlobalLog(store, `${p}-q`, 3);
      expect(global.map((e) => e.eventId)).toEqual(read.map((e) => e.eventId));
      for (const [i, e] of read.entries()) {
        if (comparePositions(e.position, global[i]!.position) === 0) continue;
        // Not the global position: then the store must say so rather than read or subscribe past it.
        expect(guarantees.streamReadsCarryPositions).toBe(false);
        expect(await store.readAll(e.position, 10)()).toMatchObject({ _tag: "Left" });
        const errors: string[] = [];
        let delivered = 0;
        const sub = store.subscribeToAll(e.position, { onEvent: () => void delivered++, onError: (x) => void errors.push(x._tag) });
        await waitFor(() => errors.length > 0);
        await sub.stop();
        expect(delivered).toBe(0);
      }
    });

    it("reads the global log in commit order, from any position, in pages", async () => {
      const store = await open();
      const p = factory.prefix();
      await ok(store.appendToStream(`${p}-x`, [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
      await ok(store.appendToStream(`${p}-y`, [ev("Tested", 3)], ER.NoStream));
      await ok(store.appendToStream(`${p}-x`, [ev("Tested", 4)], ER.Exact(1n)));
      const all: StoredEvent[] = [];
      let from: "start" | StoredEvent["position"] = "start";
      for (;;) {
        const page: readonly StoredEvent[] = await ok(store.readAll(from, 2));
        all.push(...page);
        if (page.length < 2) break;
        from = page.at(-1)!.position;
      }
      const mine = all.filter((e) => e.streamId.startsWith(p));
      expect(mine.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
      for (let i = 1; i < all.length; i++) expect(comparePositions(all[i - 1]!.position, all[i]!.position)).toBe(-1);
      const later = await ok(store.readAll(mine[1]!.position, 100));
      expect(later.filter((e) => e.streamId.startsWith(p)).map((e) => (e.data as { n: number }).n)).toEqual([3, 4]);
      if (factory.isolated) expect(all.length).toBe(4);
    });

    it("a subscription catches up on stored events, then delivers new ones live, once each", async () => {
      const store = await open();
      const p = factory.prefix();
      await ok(store.appendToStream(`${p}-s`, [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
      const seen: number[] = [];
      let caughtUp = 0;
      const sub = store.subscribeToAll("start", {
        onEvent: (e) => {
          if (e.streamId.startsWith(p)) seen.push((e.data as { n: number }).n);
        },
        onCaughtUp: () => {
          caughtUp += 1;
        },
      });
      await waitFor(() => caughtUp === 1 && seen.length === 2);
      await ok(store.appendToStream(`${p}-s`, [ev("Tested", 3)], ER.Exact(1n)));
      await ok(store.appendToStream(`${p}-t`, [ev("Tested", 4)], ER.NoStream));
      await waitFor(() => seen.length === 4);
      await sub.stop();
      expect(seen).toEqual([1, 2, 3, 4]);
      expect(caughtUp).toBe(1);
    });

    it("a subscription from a position delivers only what came after it", async () => {
      const store = await open();
      const p = factory.prefix();
      await ok(store.appendToStream(`${p}-u`, [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
      // Where stream reads may lack global positions, the position comes from the global log, as a reader's would.
      const [, second] = guarantees.streamReadsCarryPositions ? await ok(store.readStream(`${p}-u`)) : await inGlobalLog(store, `${p}-u`, 2);
      const seen: number[] = [];
      const sub = store.subscribeToAll(second!.position, {
        onEvent: (e) => {
          if (e.streamId.startsWith(p)) seen.push((e.data as { n: number }).n);
        },
      });
      await ok(store.appendToStream(`${p}-u`, [ev("Tested", 3)], ER.Exact(1n)));
      await waitFor(() => seen.length === 1);
      await sub.stop();
      expect(seen).toEqual([3]);
    });
  });
};
