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
