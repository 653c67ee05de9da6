// A store written by an older extractor (version 1 events) is read again by `facts reextract`:
// new claims supersede the old ones, history is kept, and --position still shows the old reading.
import { afterAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Ids } from "@factledger/core";
import { ExpectedRevision } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { facts, scratch, seeds } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);

describe("re-extraction and analyst claims", () => {
  it("an article read by an older extractor is read again; the old claims are superseded, not deleted", async () => {
    const store = join(s.dir, "old.db");
    const text = readFileSync(join(seeds, "004_aed729b3b5d47801.txt"), "utf8");
    const articleId = Ids.articleIdOf(text);
    const oldClaim = {
      id: "c-old-1", metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 300, qualifier: "exact", lo: 300, hi: 300,
      validFrom: "2025-05-24", validTo: "2025-05-24", attributedTo: "Volodymyr Zelensky", evidence: { start: 0, end: 10, text: text.slice(0, 10) },
    };
    const opened = openSqliteStore(store);
    if (E.isLeft(opened)) throw new Error(opened.left._tag);
    const meta = { correlationId: null, causationId: null };
    const r = await opened.right.appendToStream(Ids.articleStream(articleId), [
      { eventId: Ids.eventIdOf("old-article"), type: "ArticleRecorded", data: { type: "ArticleRecorded", version: 1, articleId, text, publishedAt: "2025-05-24", outlet: null, url: null, recordedAt: "2025-05-25T00:00:00.000Z" }, metadata: meta },
      { eventId: Ids.eventIdOf("old-claim"), type: "ClaimReported", data: { type: "ClaimReported", version: 1, claimId: "c-old-1", articleId, claim: oldClaim, recordedAt: "2025-05-25T00:00:00.000Z" }, metadata: meta },
    ], ExpectedRevision.NoStream)();
    expect(E.isRight(r)).toBe(true);
    await opened.right.close();

    expect(facts(["claims", "--store", store, "--json"]).json().claims.map((c: any) => c.id)).toEqual(["c-old-1"]);
    const re = facts(["reextract", "--store", store, "--json"]);
    expect(re.code).toBe(0);
    expect(re.json().reextracted).toEqual([{ articleId, superseded: 1, claims: 10, from: "unknown@0" }]);
    const now = facts(["claims", "--store", store, "--json"]).json().claims;
    expect(now).toHaveLength(10);
    expect(now.map((c: any) => c.id)).not.toContain("c-old-1");
    // The old reading is still in history: as of the store position before the re-extraction.
    expect(facts(["claims", "--store", store, "--position", "2", "--json"]).json().claims.map((c: any) => c.id)).toEqual(["c-old-1"]);
    // Running it again changes nothing.
    expect(facts(["reextract", "--store", store, "--json"]).json().reextracted).toEqual([]);
  });

  it("an analyst's own claim counts from the day it is recorded", () => {
    const store = join(s.dir, "manual.db");
    facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]);
    const r = facts(["add-claim", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--kind", "event", "--value", "303", "--valid-from", "2025-05-25", "--valid-to", "2025-05-25", "--attributed-to", "Coordination Headquarters", "--reason", "briefing", "--store", store, "--json"]);
    expect(r.code).toBe(0);
    const may = (knownAt: string) => facts(["totals", "--known-at", knownAt, "--store", store, "--json"]).json().agreements.find((a: any) => a.direction === "to_ukraine" && a.agreedOn === "2025-05-16");
    expect(may("2025-05-25").done).toBe(697);
    expect(may("2026-11-22")).toMatchObject({ done: 1000, remaining: 0 });
    expect(facts(["add-claim", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--kind", "event", "--attributed-to", "X", "--reason", "r", "--store", store]).code).toBe(2);
  });
});

describe("re-extraction keeps the article's day", () => {
  it("after facts date, keeps the analyst's day: the new claims are known from it and their relative dates resolve against it", async () => {
    const store = join(s.dir, "dated-then-reextracted.db");
    // Seed 002 (Reuters) read by an older extractor, recorded without a day.
    const text = readFileSync(join(seeds, "002_3a353692aa7652b2.txt"), "utf8");
    const articleId = Ids.articleIdOf(text);
    const opened = openSqliteStore(store);
    if (E.isLeft(opened)) throw new Error(opened.left._tag);
    const meta = { correlationId: null, causationId: null };
    const oldClaim = {
      id: "c-old-2", metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1200, qualifier: "exact", lo: 1200, hi: 1200,
      validFrom: null, validTo: null, attributedTo: "Reuters", evidence: { start: 0, end: 10, text: text.slice(0, 10) },
    };
    const w = await opened.right.appendToStream(Ids.articleStream(articleId), [
      { eventId: Ids.eventIdOf("old-article-2"), type: "ArticleRecorded", data: { type: "ArticleRecorded", version: 1, articleId, text, publishedAt: null, outlet: "Reuters", url: null, recordedAt: "2026-11-01T00:00:00.000Z" }, metadata: meta },
      { eventId: Ids.eventIdOf("old-claim-2"), type: "ClaimReported", data: { type: "ClaimReported", version: 1, claimId: "c-old-2", articleId, claim: oldClaim, recordedAt: "2026-11-01T00:00:00.000Z" }, metadata: meta },
    ], ExpectedRevision.NoStream)();
    expect(E.isRight(w)).toBe(true);
    await opened.right.close();

    expect(facts(["date", articleId, "2025-06-14", "--reason", "the Reuters page gives June 14", "--store", store]).code).toBe(0);
    const re = facts(["reextract", "--store", store, "--json"]);
    expect(re.code).toBe(0);
    expect(re.json().reextracted).toHaveLength(1);
    const claims = facts(["claims", "--store", store, "--json"]).json().claims;
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.map((c: any) => c.id)).not.toContain("c-old-2");
    // Every new claim is of the dated article: published, and so known, on the analyst's day.
    expect(new Set(claims.map((c: any) => `${c.publishedAt} ${c.knownAt}`))).toEqual(new Set(["2025-06-14 2025-06-14"]));
    // "On Saturday" in a story of Saturday 14 June resolves to that day, as a fresh ingest with that day reads it.
    const fresh = facts(["extract", join(seeds, "002_3a353692aa7652b2.txt"), "--published", "2025-06-14", "--json"]).json().claims;
    expect(claims.map((c: any) => [c.metric, c.direction, c.value, c.validFrom, c.validTo]).sort()).toEqual(fresh.map((c: any) => [c.metric, c.direction, c.value, c.validFrom, c.validTo]).sort());
    // A past view sees them, and the audit still names the dating.
    expect(facts(["claims", "--known-at", "2025-06-30", "--store", store, "--json"]).json().claims).toHaveLength(claims.length);
    expect(facts(["audit", "--metric", "bodies_returned", "--direction", "to_ukraine", "--store", store]).stdout).toContain("the Reuters page gives June 14");
  });

  it("keeps a day recorded by an older version from a manifest, though the text alone gives none", async () => {
    // Version-1 events do not say how the day was learned (upcast as "text"); seed 002's text has no full date.
    const store = join(s.dir, "v1-manifest-day.db");
    const text = readFileSync(join(seeds, "002_3a353692aa7652b2.txt"), "utf8");
    const articleId = Ids.articleIdOf(text);
    const opened = openSqliteStore(store);
    if (E.isLeft(opened)) throw new Error(opened.left._tag);
    const meta = { correlationId: null, causationId: null };
    const w = await opened.right.appendToStream(Ids.articleStream(articleId), [
      { eventId: Ids.eventIdOf("old-article-3"), type: "ArticleRecorded", data: { type: "ArticleRecorded", version: 1, articleId, text, publishedAt: "2025-06-14", outlet: "Reuters", url: null, recordedAt: "2025-06-15T00:00:00.000Z" }, metadata: meta },
    ], ExpectedRevision.NoStream)();
    expect(E.isRight(w)).toBe(true);
    await opened.right.close();
    expect(facts(["reextract", "--store", store, "--json"]).json().reextracted).toHaveLength(1);
    const claims = facts(["claims", "--store", store, "--json"]).json().claims;
    const fresh = facts(["extract", join(seeds, "002_3a353692aa7652b2.txt"), "--published", "2025-06-14", "--json"]).json().claims;
    expect(fresh.every((c: any) => c.validTo !== null)).toBe(true);
    expect(claims.map((c: any) => [c.metric, c.value, c.validFrom, c.validTo]).sort()).toEqual(fresh.map((c: any) => [c.metric, c.value, c.validFrom, c.validTo]).sort());
  });
});
