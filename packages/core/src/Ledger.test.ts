import { describe, expect, it } from "vitest";
import type { ArticleDated, ArticleRecorded, ClaimReported } from "./Events.ts";
import * as L from "./Ledger.ts";

const article: ArticleRecorded = {
  type: "ArticleRecorded", version: 2, articleId: "a1", textHash: "", text: "t", path: "007.txt", publishedAt: null, outlet: "Reuters", wire: null, url: null,
  learned: { publishedAt: "none", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "test", version: "1" }, recordedAt: "2026-11-22T12:00:00.000Z",
};
const claim = (id: string, origin: "extracted" | "manual"): ClaimReported => ({
  type: "ClaimReported", version: 3, claimId: id, articleId: "a1",
  claim: { id, metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1212, qualifier: "exact", lo: 1212, hi: 1212, validFrom: null, validTo: null, attributedTo: "X", evidence: { start: 0, end: 1, text: "t" }, agreement: null, commitment: null, group: null, dateSource: null },
  reportedVia: null, origin, analyst: null, extractor: { name: "test", version: "1" }, recordedAt: "2026-11-22T12:00:00.000Z",
});
const dated: ArticleDated = { type: "ArticleDated", version: 1, articleId: "a1", publishedAt: "2025-06-20", previous: null, reason: "page", analyst: "ana", recordedAt: "2026-11-23T09:00:00.000Z" };

describe("the ledger fold and datings", () => {
  it("an undated article is known from the day it was recorded, so no past view has its claims", () => {
    const l = L.fromEvents([article, claim("c1", "extracted")]);
    expect(L.view(l, { knownAt: "2025-06-30" })).toEqual([]);
    expect(L.view(l, { knownAt: "2026-11-22" }).map((c) => c.claimId)).toEqual(["c1"]);
  });

  it("a dated article is known from its new day: its extracted claims enter past views, an analyst's claim keeps its own day", () => {
    const l = L.fromEvents([article, claim("c1", "extracted"), claim("m1", "manual"), dated]);
    expect(L.view(l, { knownAt: "2025-06-30" }).map((c) => [c.claimId, c.publishedAt, c.knownAt])).toEqual([["c1", "2025-06-20", "2025-06-20"]]);
    expect(l.articles.get("a1")?.dated.map((d) => [d.previous, d.publishedAt, d.analyst])).toEqual([[null, "2025-06-20", "ana"]]);
  });

  it("a dating of an article the ledger does not have changes nothing", () => {
    const l = L.fromEvents([{ ...dated, articleId: "a-missing" }]);
    expect([l.articles.size, l.claims.size, l.events]).toEqual([0, 0, 1]);
  });
});
