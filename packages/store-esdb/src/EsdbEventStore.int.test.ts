// The store contract suite against a real EventStoreDB/KurrentDB server, with EventStoreDB's statement of its
// guarantees, and the checks that only a real server can settle. No server can be installed on the project's
// machines, so this runs only when ESDB_CONNECTION_STRING is set (see docs/eventstoredb.md); the model tests
// (EsdbEventStore.model.test.ts) are no substitute for it.
import { afterEach, describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision as ER } from "@factledger/store";
import type { EventStore, StoreErrorT } from "@factledger/store";
import { storeContract } from "@factledger/store/testing";
import { openEsdbStore } from "./EsdbEventStore.ts";
import type { EsdbOptions } from "./EsdbEventStore.ts";

const connection = process.env["ESDB_CONNECTION_STRING"];

if (connection === undefined || connection === "") {
  console.warn("store-esdb: ESDB_CONNECTION_STRING is not set, so the store contract suite is skipped for EventStoreDB (no server can run here; see docs/eventstoredb.md)");
  describe.skip("eventstoredb store contract (needs ESDB_CONNECTION_STRING)", () => {
    it("runs the contract suite against a real server", () => {});
  });
} else {
  const run = `t${Date.now().toString(36)}`;
  let n = 0;
  const openStore = (options: EsdbOptions = {}): EventStore => {
    const r = openEsdbStore(connection, options);
    if (E.isLeft(r)) throw new Error(`${r.left._tag}: ${JSON.stringify(r.left)}`);
    return r.right;
  };
  storeContract("eventstoredb", {
    open: async () => openStore(),
    prefix: () => `${run}-${++n}`,
    isolated: false,
    // Event ids are checked per stream; stream reads may leave out the positions of events of multi-event appends.
    guarantees: { eventIdsUniqueAcrossStreams: false, streamReadsCarryPositions: false },
  });

  describe("eventstoredb: what only a real server settles", () => {
    const opened: EventStore[] = [];
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
    });
    const ev = (type: string, i: number, text = "") => ({ eventId: crypto.randomUUID(), type, data: { i, text }, metadata: { correlationId: null, causationId: null } });

    it("with the server-side event-type filter, onCaughtUp comes once, after every stored event of those types", async () => {
      const type = `Probe${run}`;
      const store = openStore({ eventTypes: [type] });
      opened.push(store);
      for (let i = 0; i < 3; i++) {
        const r = await store.appendToStream(`${run}-cu-${i}`, [ev(type, i)], ER.NoStream)();
        expect(r._tag).toBe("Right");
      }
      const seen: number[] = [];
      let atCaughtUp = -1;
      let caughtUp = 0;
      const errors: StoreErrorT[] = [];
      const sub = store.subscribeToAll("start", {
        onEvent: async (e) => {
          await new Promise((r) => setTimeout(r, 0));
          seen.push((e.data as { i: number }).i);
        },
        onCaughtUp: () => {
          caughtUp++;
          atCaughtUp = seen.length;
        },
        onError: (e) => void errors.push(e),
      });
      const until = Date.now() + 25_000;
      while (caughtUp === 0 && errors.length === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await sub.stop();
      expect(errors).toEqual([]);
      expect(caughtUp).toBe(1);
      expect(atCaughtUp).toBe(3);
    });

    it("an append over the server's default maximum append size (1 MiB) fails with a message naming the stream", async () => {
      const store = openStore();
      opened.push(store);
      const stream = `${run}-huge`;
      const r = await store.appendToStream(stream, [ev("Probe", 0, "x".repeat(1_200_000))], ER.NoStream)();
      expect(r).toMatchObject({ _tag: "Left", left: { _tag: "Unexpected", message: expect.stringContaining(stream) } });
    });
  });
}
