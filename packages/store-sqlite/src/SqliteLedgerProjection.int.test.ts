// The persisted ledger projection in its SQLite file: what it keeps is the fold of what it was given, and
// what was damaged, written by another version, or moved by another writer is never used as if it were sound.
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Ledger } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import { richHistory } from "@factledger/core/testing";
import type { Applied } from "@factledger/store";
import { openLedgerProjection, projectionVersion } from "./SqliteLedgerProjection.ts";

const dir = mkdtempSync(join(tmpdir(), "factledger-projection-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `p${++n}.db`);

// A history with claims, amendments and datings (fixed seed): the same events in every test.
const history: LedgerEvent[] = fc.sample(richHistory.filter((h) => h.length >= 12 && h.some((e) => e.type === "ClaimCorrected")), { seed: 7, numRuns: 1 })[0]!;
const applied = (events: readonly LedgerEvent[], from = 0): Applied[] =>
  events.map((event, i) => ({ event, position: { commit: BigInt(from + i + 1), prepare: BigInt(from + i + 1) }, eventId: `e${from + i + 1}`, recordedAt: "2026-12-02T00:00:00.000Z" }));
const asJson = (l: Ledger.Ledger) => JSON.parse(JSON.stringify({ a: [...l.articles], c: [...l.claims], m: [...l.amendments], n: l.events })) as unknown;

const open = (path: string) => {
  const r = openLedgerProjection(path);
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const built = (path: string) => {
  const p = open(path);
  expect(p.apply(applied(history))).toEqual(E.right("Applied"));
  p.close();
};
const raw = (path: string, f: (db: Database.Database) => void) => {
  const db = new Database(path);
  f(db);
  db.close();
};

describe("the ledger projection file", () => {
  it("a reopened projection loads exactly the fold of the events applied to it, in the fold's order", () => {
    const path = fresh();
    const p = open(path);
    expect(p.discarded()).toBe("missing");
    p.apply(applied(history.slice(0, 5)));
    p.apply(applied(history.slice(5), 5));
    p.close();
    const q = open(path);
    expect(q.discarded()).toBeNull();
    expect(q.tip()).toMatchObject({ position: { commit: BigInt(history.length) }, eventId: `e${history.length}`, previous: { commit: BigInt(history.length - 1) }, events: history.length });
    expect(asJson(E.getOrElseW(() => Ledger.initial())(q.load()))).toEqual(asJson(Ledger.fromEvents(history)));
    q.close();
  });

  it("a claim row edited on disk fails its checksum, and the load says so", () => {
    const path = fresh();
    built(path);
    raw(path, (db) => db.prepare("UPDATE lp_claims SET json = replace(json, '\"knownAt\":\"2025', '\"knownAt\":\"2024') WHERE seq = (SELECT min(seq) FROM lp_claims)").run());
    const p = open(path);
    const r = p.load();
    expect(E.isLeft(r) && r.left._tag).toBe("Corrupt");
    expect(E.isLeft(r) && "message" in r.left && r.left.message).toMatch(/checksum/);
    p.close();
  });

  it("a deleted row is found by the row counts of the meta row", () => {
    const path = fresh();
    built(path);
    raw(path, (db) => db.prepare("DELETE FROM lp_articles WHERE seq = (SELECT max(seq) FROM lp_articles)").run());
    const p = open(path);
    const r = p.load();
    expect(E.isLeft(r) && "message" in r.left && r.left.message).toMatch(/articles: \d+ rows, the meta row says/);
    p.close();
  });

  it("a row the writer reads while moving forward is checked too", () => {
    const path = fresh();
    const p = open(path);
    p.apply(applied(history.slice(0, 1)));
    p.close();
    raw(path, (db) => db.prepare("UPDATE lp_articles SET crc = crc + 1").run());
    const q = open(path);
    const article = history[0]!.type === "ArticleRecorded" ? history[0]!.articleId : null;
    const r = q.apply(applied([{ type: "ArticleDated", version: 1, articleId: article!, publishedAt: "2025-06-30", previous: null, reason: "r", analyst: "a", recordedAt: "2025-07-01T00:00:00.000Z" }], 1));
    expect(E.isLeft(r) && r.left._tag).toBe("Corrupt");
    q.close();
  });

  it("an edited meta row is not used: the file is emptied and says why", () => {
    const path = fresh();
    built(path);
    raw(path, (db) => db.prepare("UPDATE lp_meta SET value = replace(value, '\"events\":', '\"events\":1') WHERE key = 'state'").run());
    const p = open(path);
    expect(p.discarded()).toMatch(/^damaged: meta row: checksum/);
    expect(p.tip()).toBeNull();
    p.close();
  });

  it("a file written by another version is not used", () => {
    const path = fresh();
    built(path);
    raw(path, (db) => db.prepare("UPDATE lp_meta SET value = '0.0' WHERE key = 'version'").run());
    const p = open(path);
    expect(p.discarded()).toBe(`written by version 0.0, this program keeps ${projectionVersion}`);
    expect(p.tip()).toBeNull();
    expect(asJson(E.getOrElseW(() => Ledger.fromEvents(history))(p.load()))).toEqual(asJson(Ledger.initial()));
    p.close();
  });

  it("a file that is not a SQLite database is replaced by an empty projection", () => {
    const path = fresh();
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const p = open(path);
    expect(p.discarded()).toMatch(/^damaged file/);
    expect(p.tip()).toBeNull();
    p.close();
  });

  it("the read model written before projections had versions is replaced", () => {
    const path = fresh();
    raw(path, (db) => db.exec("CREATE TABLE rm_checkpoints (name TEXT PRIMARY KEY, commit_pos TEXT NOT NULL, prepare_pos TEXT NOT NULL, events INTEGER NOT NULL)"));
    const p = open(path);
    expect(p.discarded()).toBe("written by an unversioned read model");
    p.close();
  });

  it("a writer that finds the file moved by another applies only what follows the other's tip", () => {
    const path = fresh();
    const a = open(path);
    const b = open(path);
    a.apply(applied(history.slice(0, 8)));
    expect(b.apply(applied(history))).toEqual(E.right("Applied"));
    a.close();
    b.close();
    const c = open(path);
    expect(asJson(E.getOrElseW(() => Ledger.initial())(c.load()))).toEqual(asJson(Ledger.fromEvents(history)));
    c.close();
  });

  it("a reader holding the whole ledger goes on in memory when another writer moved the file, and leaves the file as the other wrote it", () => {
    const path = fresh();
    built(path);
    const reader = open(path);
    const whole = reader.load();
    const writer = open(path);
    const more: LedgerEvent[] = [{ type: "ClaimRejected", version: 1, claimId: "c0-0", reason: "r", analyst: "a", recordedAt: "2025-07-02T00:00:00.000Z" }];
    writer.apply(applied(more, history.length));
    expect(reader.apply(applied(more, history.length))).toEqual(E.right("Applied"));
    expect(asJson(E.getOrElseW(() => Ledger.initial())(whole))).toEqual(asJson(Ledger.fromEvents([...history, ...more])));
    reader.close();
    writer.close();
    const check = open(path);
    expect(asJson(E.getOrElseW(() => Ledger.initial())(check.load()))).toEqual(asJson(Ledger.fromEvents([...history, ...more])));
    check.close();
  });
});
