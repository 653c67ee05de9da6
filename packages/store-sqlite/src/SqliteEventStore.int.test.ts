import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision, LogChain } from "@factledger/store";
import type { ChainedRecord, EventStore } from "@factledger/store";
import { storeContract } from "@factledger/store/testing";
import { openSqliteStore, SCHEMA_VERSION } from "./SqliteEventStore.ts";

const dir = mkdtempSync(join(tmpdir(), "factledger-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract("sqlite", {
  open: async () => {
    const r = openSqliteStore(join(dir, `contract-${++n}.db`), { pollMs: 10 });
    if (E.isLeft(r)) throw new Error(r.left._tag);
    return r.right;
  },
  prefix: () => `sq${n}`,
  isolated: true,
});

describe("the embedded store on disk", () => {
  it("refuses to open a file that is not a store, naming the file", () => {
    const bad = join(dir, "not-a-db.db");
    writeFileSync(bad, "this is plain text, not SQLite, and it is long enough to have a header".repeat(20));
    const r = openSqliteStore(bad);
    expect(E.isLeft(r) && r.left._tag).toBe("Corrupt");
    expect(E.isLeft(r) && "message" in r.left && r.left.message).toContain("not-a-db.db");
  });

  it("does not create a store for a reader when none exists", () => {
    const r = openSqliteStore(join(dir, "absent.db"), { create: false });
    expect(E.isLeft(r) && r.left._tag).toBe("NotFound");
  });

  it("a process killed in the middle of an append leaves no half-written batch", async () => {
    const file = join(dir, "crash.db");
    const script = join(dir, "crash-writer.mjs");
    // The writer appends big batches in a loop and is killed while one is in flight.
    writeFileSync(
      script,
      `import { openSqliteStore } from ${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)};
       import { ExpectedRevision } from ${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve("@factledger/store")).href)};
       const store = openSqliteStore(${JSON.stringify(file)}).right;
       if (!store) throw new Error("could not open the store");
       let i = 0;
       process.stdout.write("ready\\n");
       for (;;) {
         i++;
         const events = Array.from({ length: 2000 }, (_, k) => ({ eventId: "e-" + i + "-" + k, type: "Tested", data: { i, k, pad: "x".repeat(200) }, metadata: { correlationId: null, causationId: null } }));
         await store.appendToStream("batch-" + i, events, ExpectedRevision.NoStream)();
       }`,
    );
    const child = spawn(process.execPath, [script], { cwd: join(new URL(".", import.meta.url).pathname, ".."), stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((r) => setTimeout(r, 700));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const reopened = openSqliteStore(file);
    expect(E.isRight(reopened)).toBe(true);
    if (E.isLeft(reopened)) return;
    const counts = reopened.right.db.prepare("SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id").all() as Array<{ n: number }>;
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(c.n).toBe(2000);
    await reopened.right.close();
  });
});

const fixtures = new URL("../test/fixtures/", import.meta.url).pathname;
const sha: LogChain.Sha256 = (x) => createHash("sha256").update(x, "utf8").digest("hex");

/** Every record of a chained store, in position order. */
const records = async (store: EventStore): Promise<ChainedRecord[]> => {
  const r = await store.chain!.readRecords(0n, 1_000_000)();
  if (E.isLeft(r)) throw new Error(r.left._tag);
  return [...r.right];
};

/** The problem of each record of a chain (null where its link holds). */
const links = (rs: readonly ChainedRecord[]): Array<string | null> =>
  rs.map((r, i) => LogChain.check(sha)(i === 0 ? null : { position: rs[i - 1]!.position, hash: rs[i - 1]!.hash! }, r));

const open = (path: string) => {
  const r = openSqliteStore(path, { pollMs: 10 });
  if (E.isLeft(r)) throw new Error(`${r.left._tag}: ${"message" in r.left ? r.left.message : ""}`);
  return r.right;
};
const meta = { correlationId: null, causationId: null };

describe("the hash chain of the embedded store", () => {
  it("chains every append, including appends committed together, and the chain recomputes", async () => {
    const s = open(join(dir, "chain.db"));
    // Issued together: one group commit of many appends.
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.appendToStream(`s-${i % 4}-${i}`, [{ eventId: `g-${i}-a`, type: "T", data: { i }, metadata: meta }, { eventId: `g-${i}-b`, type: "T", data: { i, b: true }, metadata: meta }], ExpectedRevision.NoStream)()));
    await s.appendToStream("later", [{ eventId: "l-1", type: "T", data: { later: "é\u0000" }, metadata: meta }], ExpectedRevision.Any)();
    const rs = await records(s);
    expect(rs.map((r) => Number(r.position))).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(links(rs)).toEqual(rs.map(() => null));
    await s.close();
  });

  it("a refused append in a group commit leaves the chain whole", async () => {
    const s = open(join(dir, "chain-refused.db"));
    await s.appendToStream("a", [{ eventId: "a-1", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)();
    const results = await Promise.all([
      s.appendToStream("b", [{ eventId: "b-1", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)(),
      s.appendToStream("a", [{ eventId: "a-2", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)(), // a conflict
      s.appendToStream("c", [{ eventId: "c-1", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)(),
    ]);
    expect(results.map(E.isRight)).toEqual([true, false, true]);
    const rs = await records(s);
    expect(rs.map((r) => r.eventId)).toEqual(["a-1", "b-1", "c-1"]);
    expect(links(rs)).toEqual([null, null, null]);
    await s.close();
  });

  it("opens a store written by the previous release (v1), reads the same events and chains them on first open", async () => {
    const file = join(dir, "v1.db");
    copyFileSync(join(fixtures, "v1-seeds.db"), file);
    const before = JSON.parse(readFileSync(join(fixtures, "v1-seeds.events.json"), "utf8")) as Array<Record<string, unknown>>;
    const s = open(file);
    expect(s.db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").pluck().get()).toBe(String(SCHEMA_VERSION));
    const all = await s.readAll("start", 1000)();
    if (E.isLeft(all)) throw new Error(all.left._tag);
    expect(all.right.map((e) => ({ position: String(e.position.commit), streamId: e.streamId, revision: String(e.revision), eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata, recordedAt: e.recordedAt }))).toEqual(before);
    const rs = await records(s);
    expect(rs).toHaveLength(34);
    expect(links(rs)).toEqual(rs.map(() => null));
    // New appends continue the migrated chain.
    await s.appendToStream("after-v1", [{ eventId: "after-1", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)();
    await s.close();
    const again = open(file);
    const rs2 = await records(again);
    expect(rs2.slice(0, 34)).toEqual(rs);
    expect(links(rs2)).toEqual(rs2.map(() => null));
    await again.close();
  });

  it("a v1 store that cannot be written is refused with one line naming it, and stays v1", async () => {
    const file = join(dir, "v1-locked.db");
    copyFileSync(join(fixtures, "v1-seeds.db"), file);
    const bytes = readFileSync(file);
    // Another process holds the write lock for longer than the busy timeout: the migration cannot start.
    const holder = new Database(file);
    holder.exec("BEGIN IMMEDIATE");
    const r = openSqliteStore(file, { busyTimeoutMs: 100 });
    holder.exec("ROLLBACK");
    holder.close();
    expect(E.isLeft(r) && r.left._tag).toBe("Locked");
    expect(E.isLeft(r) && "message" in r.left ? r.left.message.split("\n") : []).toHaveLength(1);
    expect(E.isLeft(r) && "message" in r.left && r.left.message).toContain(file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("refuses a store of a newer schema version with one line naming the file, and changes nothing in it", async () => {
    const file = join(dir, "newer.db");
    const s = open(file);
    await s.appendToStream("x", [{ eventId: "x-1", type: "T", data: {}, metadata: meta }], ExpectedRevision.NoStream)();
    s.db.prepare("UPDATE store_meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    await s.close();
    const bytes = readFileSync(file);
    const r = openSqliteStore(file);
    expect(E.isLeft(r) && r.left._tag).toBe("Unsupported");
    const message = E.isLeft(r) && "message" in r.left ? r.left.message : "";
    expect(message).toBe(`${file}: store schema version ${SCHEMA_VERSION + 1} was written by a newer facts; this program reads versions up to ${SCHEMA_VERSION} (upgrade facts to open it); nothing was changed`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it("restores records into an empty store in one transaction, and refuses a store that holds events", async () => {
    const src = open(join(dir, "restore-src.db"));
    for (let i = 0; i < 5; i++) await src.appendToStream(`r-${i % 2}`, [{ eventId: `r-${i}`, type: "T", data: { i }, metadata: meta }], ExpectedRevision.Any)();
    const rs = await records(src);
    const dst = open(join(dir, "restore-dst.db"));
    expect(await dst.chain!.restore(rs)()).toEqual(E.right(5));
    expect(await records(dst)).toEqual(rs);
    // The streams' revisions are restored too: the next append continues them.
    const next = await dst.appendToStream("r-0", [{ eventId: "r-next", type: "T", data: {}, metadata: meta }], ExpectedRevision.Exact(2n))();
    expect(E.isRight(next)).toBe(true);
    const again = await dst.chain!.restore(rs)();
    expect(E.isLeft(again) && again.left._tag).toBe("Unsupported");
    expect(await records(dst)).toHaveLength(6);
    // A failure half-way (a duplicate id on the last record) writes nothing.
    const empty = open(join(dir, "restore-half.db"));
    const bad = await empty.chain!.restore([...rs, { ...rs[4]!, position: 6n }])();
    expect(E.isLeft(bad)).toBe(true);
    expect(await records(empty)).toEqual([]);
    // An event id written already, in another stream: named as such (an import names the archive's line).
    const dup = await empty.chain!.restore([...rs, { ...rs[4]!, position: 6n, streamId: "r-other", revision: 0n }])();
    expect(E.isLeft(dup) && dup.left).toEqual({ _tag: "DuplicateEventId", stream: "r-other", eventId: rs[4]!.eventId });
    expect(await records(empty)).toEqual([]);
    // Records pulled one at a time: an exception the iterable throws after three were written rolls them
    // back and reaches the caller as it was thrown.
    const oops = new Error("line 4 is bad");
    function* three() {
      yield* rs.slice(0, 3);
      throw oops;
    }
    expect(() => empty.chain!.restore(three())).toThrow(oops);
    expect(await records(empty)).toEqual([]);
    expect(await empty.chain!.restore(rs.values())()).toEqual(E.right(5));
    await Promise.all([src.close(), dst.close(), empty.close()]);
  });
});
