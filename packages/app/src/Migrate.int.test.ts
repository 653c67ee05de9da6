// Migration between registered stores: memory → SQLite → memory keeps every event's order, stream,
// revision, id, type and data, and a second run copies nothing.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision, makeMemoryCheckpoints, makeMemoryStore, makeRegistry, memoryFactory } from "@factledger/store";
import type { EventStore } from "@factledger/store";
import { openSqliteCheckpoints, sqliteFactory } from "@factledger/store-sqlite";
import * as App from "./App.ts";
import { countingIds, fixedClock } from "./Parts.ts";

const seeds = fileURLToPath(new URL("../../../seeds", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "facts-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left, (_k, v) => (typeof v === "bigint" ? `${v}` : v)));
  return r.right;
};
const log = async (s: EventStore) => right(await s.readAll("start", 100_000)()).map((e) => [e.streamId, e.revision, e.eventId, e.type, e.data]);
const appOver = (store: EventStore, where: string, checkpoints = makeMemoryCheckpoints()) =>
  App.make({ store, where, checkpoints, clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });

describe("migrate", () => {
  it("memory → SQLite → memory preserves order, streams, revisions, ids and data; a second run copies nothing", async () => {
    const registry = makeRegistry([memoryFactory, sqliteFactory()]);
    const source = right(await registry.open("memory:", { create: true }));
    const app = appOver(source, "memory:");
    right(await app.ingest([seeds], {}));
    const claims = right(await app.claims({ knownAt: null })).claims;
    right(await app.analyst({ _tag: "Reject", claimId: claims[0]!.id, reason: "test", analyst: "ana" }));
    const original = await log(source);
    expect(original.length).toBe(33);

    const path = join(dir, "middle.db");
    const sqlite = right(await registry.open(path, { create: true }));
    const cps = right(openSqliteCheckpoints(join(dir, "checkpoints.db")));
    expect(right(await app.migrateTo({ store: sqlite, where: path }))).toEqual({ copied: 33, skipped: 0 });
    expect(await log(sqlite)).toEqual(original);

    const back = makeMemoryStore();
    const middle = appOver(sqlite, path, cps);
    expect(right(await middle.migrateTo({ store: back, where: "memory:back" }))).toEqual({ copied: 33, skipped: 0 });
    expect(await log(back)).toEqual(original);
    // Resumed from its checkpoint: nothing left to copy.
    expect(right(await middle.migrateTo({ store: back, where: "memory:back" }))).toEqual({ copied: 0, skipped: 0 });
    // Without a checkpoint, events the target has are recognised by their ids and skipped.
    expect(right(await appOver(sqlite, path).migrateTo({ store: back, where: "memory:back" }))).toEqual({ copied: 0, skipped: 33 });
    expect(right(await appOver(back, "memory:back").totals({ knownAt: "2026-11-22", through: "2026-11-22" }))).toEqual(right(await app.totals({ knownAt: "2026-11-22", through: "2026-11-22" })));
    await cps.close();
    await sqlite.close();
  });

  it("a target removed after a finished migration is filled again, not skipped by the checkpoint", async () => {
    const source = makeMemoryStore();
    right(await appOver(source, "s").ingest([seeds], {}));
    const cps = makeMemoryCheckpoints();
    expect(right(await appOver(source, "s", cps).migrateTo({ store: makeMemoryStore(), where: "t" }))).toEqual({ copied: 32, skipped: 0 });
    // The same name, a new (empty) store: the checkpoint of the first run must not be trusted.
    const again = makeMemoryStore();
    expect(right(await appOver(source, "s", cps).migrateTo({ store: again, where: "t" }))).toEqual({ copied: 32, skipped: 0 });
    expect(await log(again)).toEqual(await log(source));
  });

  it("a target whose stream holds other events is a conflict, not a silent merge", async () => {
    const a = makeMemoryStore();
    right(await appOver(a, "a").ingest([join(seeds, "004_aed729b3b5d47801.txt")], {}));
    const stream = right(await a.readAll("start", 1)())[0]!.streamId;
    const b = makeMemoryStore();
    right(await b.appendToStream(stream, [{ eventId: "someone-else", type: "ArticleRecorded", data: {}, metadata: { correlationId: null, causationId: null } }], ExpectedRevision.NoStream)());
    const r = await appOver(a, "a").migrateTo({ store: b, where: "b" });
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: "StoreFailed", store: "b", error: { _tag: "VersionConflict", stream } });
    expect(right(await b.readAll("start", 100)())).toHaveLength(1);
  });
});
