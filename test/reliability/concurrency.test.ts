// Concurrent writers on one embedded store: several `facts ingest` processes with overlapping sets of
// the same articles end with every article recorded once and the very log a serial ingest writes;
// a lock held past the busy timeout is a one-line error naming the store; two analysts correcting
// one claim at once: one correction is recorded, the other is refused as a conflict, nothing half-written.
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { openSqliteStore } from "@factledger/store-sqlite";
import { facts, scratch, seeds } from "../cli.ts";
import { articleFiles, asSet, rows, start } from "./Log.ts";

const s = scratch();
afterAll(s.cleanup);
let n = 0;
const fresh = () => join(s.dir, `store-${++n}.db`);

/** Writer k of `writers` gets every file but one in `writers`, starting at its own offset (so they collide). */
const shareOf = (files: readonly string[], k: number, writers: number): string[] => {
  const mine = files.filter((_, i) => i % writers !== k);
  const at = Math.floor((k * mine.length) / writers);
  const rotated = [...mine.slice(at), ...mine.slice(0, at)];
  return k % 2 === 1 ? rotated.reverse() : rotated;
};

const lockedMessage = /SQLITE_BUSY|database is locked|unexpected error/i;

describe("concurrent ingest into one embedded store", () => {
  for (const writers of [4, 6]) {
    it(`${writers} processes ingesting overlapping sets record every article once, as a serial ingest does`, async () => {
      const files = articleFiles();
      const store = fresh();
      const runs = await Promise.all(Array.from({ length: writers }, (_, k) => start(["ingest", ...shareOf(files, k, writers), "--store", store, "--json"])));
      for (const r of runs) {
        expect(r.stderr).not.toMatch(lockedMessage);
        expect(r.code, `a writer failed: ${r.stderr.split("\n").filter((l) => !l.startsWith("note")).join(" / ")}`).toBe(0);
      }
      // Between them the writers recorded each article exactly once; every other sighting was a duplicate.
      const recorded = runs.flatMap((r) => JSON.parse(r.stdout).ingested.filter((i: { duplicate: boolean }) => !i.duplicate).map((i: { articleId: string }) => i.articleId));
      const mine = await rows(store);
      // The serial ingest to compare with takes the files in the order the concurrent writers committed
      // them: one text under two file names (the corpus has such pairs, with different manifest dates)
      // is one article, recorded from whichever file came first, so only that order gives the same log.
      const committed = mine.filter((r) => r.type === "ArticleRecorded").map((r) => JSON.parse(r.data).path as string);
      const serialStore = fresh();
      const serial = facts(["ingest", ...committed, ...files.filter((f) => !committed.includes(f)), "--store", serialStore, "--json"]);
      expect(serial.code).toBe(0);
      const serialRecorded = serial.json().ingested.filter((i: { duplicate: boolean }) => !i.duplicate).map((i: { articleId: string }) => i.articleId);
      // (A writer that loses the race by a hair may report "recorded" for an article another one recorded
      // in the same instant: the append is idempotent by event id, as on EventStoreDB; the log holds it once.)
      expect([...new Set(recorded)].sort()).toEqual([...serialRecorded].sort());
      const theirs = await rows(serialStore);
      expect(mine.length).toBe(theirs.length);
      expect(asSet(mine)).toEqual(asSet(theirs));
      expect(mine.filter((r) => r.type === "ArticleRecorded")).toHaveLength(serialRecorded.length);
      for (const cmd of [["totals", "--json"], ["claims", "--json"]]) expect(facts([...cmd, "--store", store]).stdout).toBe(facts([...cmd, "--store", serialStore]).stdout);
    });
  }

  it("a writer that cannot get the lock within the busy timeout stops with one line naming the store, and writes nothing", async () => {
    const store = fresh();
    expect(facts(["ingest", join(seeds, "000_5362ed82667c6eb9.txt"), "--store", store]).code).toBe(0);
    const holder = openSqliteStore(store);
    if (E.isLeft(holder)) throw new Error(holder.left._tag);
    holder.right.db.exec("BEGIN IMMEDIATE");
    try {
      const r = await start(["ingest", seeds, "--store", store], { env: { FACTS_BUSY_TIMEOUT_MS: "300" } });
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(store);
      expect(lines[0]).toMatch(/locked/);
      expect(lines[0]).not.toMatch(/unexpected error|SQLITE_BUSY/);
    } finally {
      holder.right.db.exec("ROLLBACK");
      await holder.right.close();
    }
    expect((await rows(store)).filter((x) => x.type === "ArticleRecorded")).toHaveLength(1);
  });
});

describe("two analysts correcting one claim at once", () => {
  it("one correction is recorded, the other is refused as a conflict, and nothing is half-applied", async () => {
    const store = fresh();
    expect(facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]).code).toBe(0);
    const claim = facts(["claims", "--store", store, "--json"]).json().claims[0];
    const before = (await rows(store)).length;
    // Hold the write lock so that both analysts have read the claim before either can write: the
    // interleaving that loses an update if appends do not check what the writer read.
    const holder = openSqliteStore(store);
    if (E.isLeft(holder)) throw new Error(holder.left._tag);
    holder.right.db.exec("BEGIN IMMEDIATE");
    const env = { FACTS_BUSY_TIMEOUT_MS: "30000" };
    const both = Promise.all([
      start(["correct", claim.id, "--value", "301", "--reason", "briefing A", "--analyst", "ana", "--store", store], { env }),
      start(["correct", claim.id, "--value", "302", "--reason", "briefing B", "--analyst", "bo", "--store", store], { env }),
    ]);
    await new Promise((r) => setTimeout(r, 2500));
    holder.right.db.exec("COMMIT");
    await holder.right.close();
    const [a, b] = await both;
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    const winner = a.code === 0 ? a : b;
    expect(loser.stderr.trim().split("\n")).toHaveLength(1);
    expect(loser.stderr).toMatch(/conflict/i);
    expect(loser.stderr).toContain(claim.id);
    const after = await rows(store);
    expect(after.length).toBe(before + 1);
    const now = facts(["claims", "--store", store, "--json"]).json().claims.find((c: { id: string }) => c.id === claim.id);
    expect(now.value).toBe(winner === a ? 301 : 302);
  });

  it("analysts correcting one claim one after the other are both recorded, in order", () => {
    const store = fresh();
    facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]);
    const claim = facts(["claims", "--store", store, "--json"]).json().claims[0];
    expect(facts(["correct", claim.id, "--value", "301", "--reason", "A", "--store", store]).code).toBe(0);
    expect(facts(["reject", claim.id, "--reason", "B", "--store", store]).code).toBe(0);
    expect(facts(["claims", "--store", store, "--json"]).json().claims.find((c: { id: string }) => c.id === claim.id)).toBeUndefined();
  });
});
