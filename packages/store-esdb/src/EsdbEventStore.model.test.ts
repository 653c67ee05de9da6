// The adapter, driven through the real @eventstore/db-client, against EsdbModel: a MODEL of the server built from the
// client's own generated protobuf code (see EsdbModel.ts). These tests reach failure paths a healthy server rarely
// shows; they say what the adapter does given the model's behaviour, not what a server does. The contract suite's
// verdict on EventStoreDB comes only from a real server (EsdbEventStore.int.test.ts, with ESDB_CONNECTION_STRING).
// Every deadline here is short, so that a hang shows up as a failure in seconds.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision as ER } from "@factledger/store";
import type { EventStore, NewEvent, StoredEvent, StoreErrorT } from "@factledger/store";
import { storeContract } from "@factledger/store/testing";
import { openEsdbStore } from "./EsdbEventStore.ts";
import type { EsdbOptions } from "./EsdbEventStore.ts";
import { refusedPort, startModel, startSilentServer } from "./EsdbModel.ts";
import type { EsdbModel, ModelOptions } from "./EsdbModel.ts";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const model = async (options: ModelOptions = {}): Promise<EsdbModel> => {
  const m = await startModel(options);
  cleanups.push(m.close);
  return m;
};

/** Short deadlines everywhere: nothing in these tests may wait more than a second or two. */
const fast: EsdbOptions = { deadlineMs: 400, retryForMs: 800 };

const open = (connectionString: string, options: EsdbOptions = {}): EventStore => {
  const r = openEsdbStore(connectionString, { ...fast, ...options });
  if (E.isLeft(r)) throw new Error(`open failed: ${JSON.stringify(r.left)}`);
  cleanups.push(() => r.right.close());
  return r.right;
};

const ev = (type: string, n: number, extra: Record<string, unknown> = {}): NewEvent => ({
  eventId: crypto.randomUUID(),
  type,
  data: { n, ...extra },
  metadata: { correlationId: `corr-${n}`, causationId: null },
});

const right = async <A>(te: () => Promise<E.Either<StoreErrorT, A>>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the call's result, or with "hung" if it takes longer than `ms`. */
const within = <A>(ms: number, p: Promise<A>): Promise<A | "hung"> => Promise.race([p, sleep(ms).then(() => "hung" as const)]);

const waitFor = async (cond: () => boolean, ms = 2000): Promise<boolean> => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) return false;
    await sleep(10);
  }
  return true;
};

const n = (e: StoredEvent): number => (e.data as { n: number }).n;

describe("1. decoding only this engine's events", () => {
  it("readAll reads past system events whose payload is not JSON ($ProjectionCreated, $> links)", async () => {
    const m = await model();
    m.seed("$projections-$all", [{ type: "$ProjectionCreated", data: "$by_category", contentType: "application/octet-stream" }]);
    const store = open(m.connectionString, { eventTypes: ["ArticleRecorded"] });
    await right(store.appendToStream("article-a", [ev("ArticleRecorded", 1)], ER.NoStream));
    m.seed("$ce-article", [{ type: "$>", data: "0@article-a", contentType: "application/octet-stream" }]);
    await right(store.appendToStream("article-b", [ev("ArticleRecorded", 2)], ER.NoStream));
    const all = await store.readAll("start", 100)();
    expect(all).toMatchObject({ _tag: "Right" });
    expect(E.isRight(all) ? all.right.map(n) : null).toEqual([1, 2]);
  });

  it("an event of this engine's type whose payload is not JSON fails the read with EventDecodeFailed naming its stream and position", async () => {
    const m = await model();
    const store = open(m.connectionString, { eventTypes: ["ArticleRecorded"] });
    await right(store.appendToStream("article-a", [ev("ArticleRecorded", 1)], ER.NoStream));
    m.seed("article-bad", [{ type: "ArticleRecorded", data: "plain text", contentType: "application/octet-stream" }]);
    const all = await store.readAll("start", 100)();
    expect(all).toMatchObject({ _tag: "Left", left: { _tag: "EventDecodeFailed", stream: "article-bad", revision: 0n } });
    const position = E.isLeft(all) && all.left._tag === "EventDecodeFailed" ? all.left.position : "";
    expect(position).toMatch(/^\d+\/\d+$/);
    const errors: StoreErrorT[] = [];
    const seen: number[] = [];
    const sub = store.subscribeToAll("start", { onEvent: (e) => void seen.push(n(e)), onError: (e) => void errors.push(e) });
    cleanups.push(sub.stop);
    expect(await waitFor(() => errors.length > 0)).toBe(true);
    expect(seen).toEqual([1]);
    expect(errors[0]).toMatchObject({ _tag: "EventDecodeFailed", stream: "article-bad", position });
  });
});

describe("2. every read runs to the end of its page or cancels it", () => {
  it("readAll that needs only part of the log leaves no read open on the server, and close() returns promptly", async () => {
    const m = await model();
    const big = "x".repeat(4096);
    // More than HTTP/2's flow-control window, so a read nobody finishes cannot complete on the server.
    for (let i = 0; i < 300; i++) m.seed(`s-${i}`, [{ type: "Tested", data: JSON.stringify({ n: i, big }) }]);
    const r = openEsdbStore(m.connectionString, fast);
    if (E.isLeft(r)) throw new Error("open");
    const store = r.right;
    for (let i = 0; i < 3; i++) expect((await right(store.readAll("start", 2))).length).toBe(2);
    await waitFor(() => m.openReads() === 0, 1000);
    expect(m.openReads()).toBe(0);
    expect(await within(2000, store.close().then(() => "closed"))).toBe("closed");
  });
});

describe("3. caught-up", () => {
  it("without the server's caught-up message (servers before 23.10), onCaughtUp comes once, after the stored events", async () => {
    const m = await model({ caughtUp: false });
    const store = open(m.connectionString);
    for (let i = 1; i <= 5; i++) await right(store.appendToStream(`s-${i}`, [ev("Tested", i)], ER.NoStream));
    m.seed("$stats-1", [{ type: "$statsCollected", data: "{}" }]); // the last event in $all is the server's own
    const seen: number[] = [];
    let atCaughtUp = -1;
    let caughtUp = 0;
    const sub = store.subscribeToAll("start", {
      onEvent: (e) => void seen.push(n(e)),
      onCaughtUp: () => {
        caughtUp++;
        atCaughtUp = seen.length;
      },
    });
    cleanups.push(sub.stop);
    expect(await waitFor(() => caughtUp > 0)).toBe(true);
    expect(atCaughtUp).toBe(5);
    await right(store.appendToStream("s-6", [ev("Tested", 6)], ER.NoStream));
    expect(await waitFor(() => seen.length === 6)).toBe(true);
    expect(caughtUp).toBe(1);
  });

  it("without the server's caught-up message, a subscription from the last position, or to an empty log, is caught up at once", async () => {
    const m = await model({ caughtUp: false });
    const store = open(m.connectionString);
    let caughtUp = 0;
    const s1 = store.subscribeToAll("start", { onEvent: () => undefined, onCaughtUp: () => void caughtUp++ });
    cleanups.push(s1.stop);
    expect(await waitFor(() => caughtUp === 1)).toBe(true);
    await right(store.appendToStream("s-1", [ev("Tested", 1)], ER.NoStream));
    const [last] = await right(store.readAll("start", 10));
    const s2 = store.subscribeToAll(last!.position, { onEvent: () => undefined, onCaughtUp: () => void caughtUp++ });
    cleanups.push(s2.stop);
    expect(await waitFor(() => caughtUp === 2)).toBe(true);
  });

  it("with the server's caught-up message (23.10+), every stored event reaches an asynchronous handler before onCaughtUp, even when stop() runs in it", async () => {
    const m = await model({ caughtUp: true });
    const store = open(m.connectionString);
    for (let i = 0; i < 200; i++) m.seed(`s-${i}`, [{ type: "Tested", data: JSON.stringify({ n: i }) }]);
    const seen: number[] = [];
    let atCaughtUp = -1;
    const done = new Promise<void>((resolve) => {
      const sub = store.subscribeToAll("start", {
        onEvent: async (e) => {
          await sleep(0);
          seen.push(n(e));
        },
        onCaughtUp: () => {
          atCaughtUp = seen.length;
          void sub.stop().then(resolve);
        },
      });
      cleanups.push(sub.stop);
    });
    expect(await within(3000, done.then(() => "stopped"))).toBe("stopped");
    expect(atCaughtUp).toBe(200);
    expect(seen).toEqual([...Array(200).keys()]);
  });
});

describe("4. a refused connection", () => {
  it("is Unavailable for the first append, a stream read and a read of $all", async () => {
    const store = open(`esdb://127.0.0.1:${await refusedPort()}?tls=false`);
    expect(await store.appendToStream("s", [ev("Tested", 1)], ER.NoStream)()).toMatchObject({ _tag: "Left", left: { _tag: "Unavailable" } });
    expect(await store.readStream("s")()).toMatchObject({ _tag: "Left", left: { _tag: "Unavailable" } });
    expect(await store.readAll("start", 10)()).toMatchObject({ _tag: "Left", left: { _tag: "Unavailable" } });
  });
});

describe("5. CANCELLED from the server", () => {
  it("a subscription the server ends with CANCELLED (a 24.4+ node shutting down) resubscribes and delivers every later event once, without onError", async () => {
    const m = await model();
    const store = open(m.connectionString);
    await right(store.appendToStream("s-1", [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
    const seen: number[] = [];
    const errors: StoreErrorT[] = [];
    const sub = store.subscribeToAll("start", { onEvent: (e) => void seen.push(n(e)), onError: (e) => void errors.push(e) });
    cleanups.push(sub.stop);
    expect(await waitFor(() => seen.length === 2)).toBe(true);
    m.endSubscriptions("CANCELLED");
    await right(store.appendToStream("s-1", [ev("Tested", 3)], ER.Exact(1n)));
    await right(store.appendToStream("s-2", [ev("Tested", 4)], ER.NoStream));
    expect(await waitFor(() => seen.length >= 4)).toBe(true);
    await sleep(100);
    expect(errors).toEqual([]);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(m.subscriptionsStarted()).toBe(2);
  });
});

describe("6. positions the server leaves out of stream reads", () => {
  it("are not passed off as global positions: reading or subscribing after one is refused, not silently empty", async () => {
    const m = await model({ multiEventPositions: "unreported" });
    const store = open(m.connectionString);
    await right(store.appendToStream("s-1", [ev("Tested", 1), ev("Tested", 2)], ER.NoStream));
    const [, second] = await right(store.readStream("s-1"));
    const errors: StoreErrorT[] = [];
    const seen: number[] = [];
    const sub = store.subscribeToAll(second!.position, { onEvent: (e) => void seen.push(n(e)), onError: (e) => void errors.push(e) });
    cleanups.push(sub.stop);
    await right(store.appendToStream("s-1", [ev("Tested", 3)], ER.Exact(1n)));
    expect(await waitFor(() => errors.length > 0 || seen.length > 0, 1500)).toBe(true);
    expect(seen).toEqual([]);
    expect(errors[0]).toMatchObject({ _tag: "Unexpected", message: expect.stringContaining("no global position") });
    expect(await store.readAll(second!.position, 10)()).toMatchObject({ _tag: "Left", left: { _tag: "Unexpected", message: expect.stringContaining("no global position") } });
    // The positions of the same events in $all are real, and subscribing after one delivers what follows.
    const fromAll = await right(store.readAll("start", 10));
    expect(fromAll.map(n)).toEqual([1, 2, 3]);
    const later: number[] = [];
    const sub2 = store.subscribeToAll(fromAll[1]!.position, { onEvent: (e) => void later.push(n(e)) });
    cleanups.push(sub2.stop);
    expect(await waitFor(() => later.length === 1)).toBe(true);
    expect(later).toEqual([3]);
  });
});

describe("7. deadlines", () => {
  it("against a server that accepts TCP and never answers, append, readStream and readAll fail with DeadlineExceeded within the deadline", async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const store = open(silent.connectionString, { deadlineMs: 300 });
    const t0 = Date.now();
    expect(await within(3000, store.appendToStream("s", [ev("Tested", 1)], ER.NoStream)())).toMatchObject({ _tag: "Left", left: { _tag: "DeadlineExceeded" } });
    expect(await within(3000, store.readStream("s")())).toMatchObject({ _tag: "Left", left: { _tag: "DeadlineExceeded" } });
    expect(await within(3000, store.readAll("start", 10)())).toMatchObject({ _tag: "Left", left: { _tag: "DeadlineExceeded" } });
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it("the connection string's defaultDeadline sets the deadline when no option does", async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const r = openEsdbStore(`${silent.connectionString}&defaultDeadline=300`);
    if (E.isLeft(r)) throw new Error("open");
    cleanups.push(() => r.right.close());
    const t0 = Date.now();
    expect(await within(3000, r.right.readStream("s")())).toMatchObject({ _tag: "Left", left: { _tag: "DeadlineExceeded" } });
    expect(Date.now() - t0).toBeLessThan(1500);
  });

  it("a subscription to a silent server reports DeadlineExceeded through onError once its retry window is spent", async () => {
    const silent = await startSilentServer();
    cleanups.push(silent.close);
    const store = open(silent.connectionString, { deadlineMs: 200, retryForMs: 500 });
    const errors: StoreErrorT[] = [];
    const sub = store.subscribeToAll("start", { onEvent: () => undefined, onError: (e) => void errors.push(e) });
    cleanups.push(sub.stop);
    expect(await waitFor(() => errors.length > 0, 3000)).toBe(true);
    expect(errors).toMatchObject([{ _tag: "DeadlineExceeded" }]);
  });

  it("a subscription to a refused port reports Unavailable through onError once its retry window is spent", async () => {
    const store = open(`esdb://127.0.0.1:${await refusedPort()}?tls=false`, { retryForMs: 500 });
    const errors: StoreErrorT[] = [];
    const sub = store.subscribeToAll("start", { onEvent: () => undefined, onError: (e) => void errors.push(e) });
    cleanups.push(sub.stop);
    expect(await waitFor(() => errors.length > 0, 3000)).toBe(true);
    expect(errors).toMatchObject([{ _tag: "Unavailable" }]);
  });
});

describe("8. close()", () => {
  it("stops the store's subscriptions: none is open or opened again after it", async () => {
    const m = await model();
    const r = openEsdbStore(m.connectionString, fast);
    if (E.isLeft(r)) throw new Error("open");
    const errors: StoreErrorT[] = [];
    r.right.subscribeToAll("start", { onEvent: () => undefined, onError: (e) => void errors.push(e) });
    expect(await waitFor(() => m.openSubscriptions() === 1)).toBe(true);
    expect(await within(2000, r.right.close().then(() => "closed"))).toBe("closed");
    await sleep(1000);
    expect(m.subscriptionsStarted()).toBe(1);
    expect(m.openSubscriptions()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe("10. smaller things", () => {
  it("an append over the server's maximum append size fails with a message naming the stream and the limit", async () => {
    const m = await model({ maxAppendSize: 1000 });
    const store = open(m.connectionString);
    const r = await store.appendToStream("article-long", [ev("ArticleRecorded", 1, { text: "x".repeat(2000) })], ER.NoStream)();
    expect(r).toMatchObject({ _tag: "Left", left: { _tag: "Unexpected" } });
    const message = E.isLeft(r) && r.left._tag === "Unexpected" ? r.left.message : "";
    expect(message).toContain("article-long");
    expect(message).toContain("1000");
  });

  it("a connection string with the scheme in capitals (ESDB://), which the CLI accepts, opens a working store", async () => {
    const m = await model();
    const store = open(m.connectionString.replace("esdb://", "ESDB://"));
    expect(await store.appendToStream("s", [ev("Tested", 1)], ER.NoStream)()).toMatchObject({ _tag: "Right" });
  });

  it("cluster and DNS-discovery strings are accepted as the client parses them; a missing tlsCAFile is refused at open", () => {
    for (const s of ["esdb://node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader", "esdb+discover://cluster.example.org:2113?nodePreference=follower", "kurrentdb://admin:changeit@node1:2113?tls=false"]) {
      const r = openEsdbStore(s, fast);
      expect(r._tag).toBe("Right");
      if (E.isRight(r)) void r.right.close();
    }
    expect(openEsdbStore("esdb://node1:2113?tls=true&tlsCAFile=/nonexistent/ca.crt", fast)).toMatchObject({ _tag: "Left", left: { _tag: "Unexpected" } });
  });

  it("tlsVerifyCert=false, which the client ignores, is refused with what to do instead", () => {
    const r = openEsdbStore("esdb://localhost:2113?tls=true&tlsVerifyCert=false", fast);
    expect(r).toMatchObject({ _tag: "Left", left: { _tag: "Unexpected", message: expect.stringContaining("tlsCAFile") } });
  });

  it("the client's warnings about a connection string do not print its password", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const r = openEsdbStore("esdb://admin:s3cret@localhost:2113?tls=false&noSuchOption=1", fast);
      if (E.isRight(r)) void r.right.close();
      const printed = warn.mock.calls.flat().join("\n");
      expect(printed).toContain("noSuchOption"); // the warning itself still comes through
      expect(printed).not.toContain("s3cret");
    } finally {
      warn.mockRestore();
    }
  });

  it("batchSize 1 reads the log to its end instead of re-reading the inclusive start forever", async () => {
    const m = await model();
    const store = open(m.connectionString, { batchSize: 1 });
    for (let i = 1; i <= 3; i++) await right(store.appendToStream(`s-${i}`, [ev("Tested", i)], ER.NoStream));
    const r = await within(2000, store.readAll("start", 10)());
    expect(r).toMatchObject({ _tag: "Right" });
    expect(r !== "hung" && E.isRight(r) ? r.right.map(n) : null).toEqual([1, 2, 3]);
  });

  it("metadata that is a JSON string is kept whole, not spread as characters", async () => {
    const m = await model();
    m.seed("s-1", [{ type: "Tested", data: JSON.stringify({ n: 1 }), metadata: JSON.stringify("a note") }]);
    const store = open(m.connectionString);
    const [a] = await right(store.readAll("start", 10));
    expect(a?.metadata).toEqual({ correlationId: null, causationId: null, raw: "a note" });
  });

  it("metadata that is not JSON at all is kept as text and does not fail the read", async () => {
    const m = await model();
    m.seed("s-2", [{ type: "Tested", data: JSON.stringify({ n: 2 }), metadata: "not json" }]);
    const store = open(m.connectionString);
    const [b] = await right(store.readAll("start", 10));
    expect(b?.metadata).toEqual({ correlationId: null, causationId: null, raw: "not json" });
  });
});

// 9 and the rest: the whole contract suite, run through the real client against the model with EventStoreDB's
// statement of guarantees. This checks the adapter's logic end to end; it is not the server's verdict.
let k = 0;
storeContract("eventstoredb adapter on EsdbModel (a model of the server, not the server)", {
  open: async () => {
    const m = await model();
    return open(m.connectionString);
  },
  prefix: () => `model-${++k}`,
  isolated: true,
  guarantees: { eventIdsUniqueAcrossStreams: false, streamReadsCarryPositions: false },
});
