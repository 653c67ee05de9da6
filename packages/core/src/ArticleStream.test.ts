import { describe, expect, it } from "vitest";
import type { ArticleRecorded, ClaimReported, LedgerEvent } from "./Events.ts";
import * as AS from "./ArticleStream.ts";
import { specification } from "./testing.ts";

const at = "2026-11-22T12:00:00.000Z";
const recorded = (publishedAt: string | null): ArticleRecorded => ({
  type: "ArticleRecorded", version: 2, articleId: "a1", textHash: "", text: "t", path: "a.txt", publishedAt, outlet: null, wire: null, url: null,
  learned: { publishedAt: publishedAt === null ? "none" : "text", outlet: "none", url: "none" }, copyOf: null, extractor: { name: "rules", version: "1" }, recordedAt: "2025-06-21T00:00:00.000Z",
});
const claim = (id: string, version = "1"): ClaimReported => ({
  type: "ClaimReported", version: 3, claimId: id, articleId: "a1",
  claim: { id, metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1, qualifier: "exact", lo: 1, hi: 1, validFrom: null, validTo: null, attributedTo: "X", evidence: { start: 0, end: 1, text: "t" }, agreement: null, commitment: null, group: null, dateSource: null },
  reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "rules", version }, recordedAt: "2025-06-21T00:00:00.000Z",
});
const spec = specification(AS.decider);
const dateIt = (publishedAt: string): AS.DateArticle => ({ _tag: "DateArticle", articleId: "a1", publishedAt, reason: "the page says so", analyst: "ana", recordedAt: at });

describe("an article's stream", () => {
  it("a text not recorded yet is recorded with every event of its reading", () => {
    const events: LedgerEvent[] = [recorded(null), claim("c1")];
    spec.given([]).when({ _tag: "Record", events }).then(events);
  });

  it("recording a text already recorded yields no events (ingest is idempotent)", () => {
    spec.given([recorded(null), claim("c1")]).when({ _tag: "Record", events: [recorded(null), claim("c1")] }).then([]);
  });

  it("the state folds the stream's revision, current reading and day", () => {
    const s = AS.fold([recorded(null), claim("c1"), claim("c2")]);
    expect([s.revision, s.claims, s.extractor, s.publishedAt]).toEqual([2n, ["c1", "c2"], "rules@1", null]);
  });

  it("a re-extraction by another extractor version is accepted; by the same version it yields nothing", () => {
    const events: LedgerEvent[] = [{ type: "ArticleReextracted", version: 1, articleId: "a1", extractor: { name: "rules", version: "2" }, supersedes: ["c1"], recordedAt: at }, claim("c9", "2")];
    spec.given([recorded(null), claim("c1")]).when({ _tag: "Reextract", articleId: "a1", extractor: "rules@2", events }).then(events);
    spec.given([recorded(null), claim("c1")]).when({ _tag: "Reextract", articleId: "a1", extractor: "rules@1", events }).then([]);
  });

  it("dating an undated article records its previous day as null", () => {
    spec.given([recorded(null)]).when(dateIt("2025-06-20")).then([{ type: "ArticleDated", version: 1, articleId: "a1", publishedAt: "2025-06-20", previous: null, reason: "the page says so", analyst: "ana", recordedAt: at }]);
  });

  it("re-dating records the day it replaces; dating it to the day it already has is refused", () => {
    const first = { type: "ArticleDated" as const, version: 1 as const, articleId: "a1", publishedAt: "2025-06-20", previous: null, reason: "r", analyst: "ana", recordedAt: at };
    spec.given([recorded(null), first]).when(dateIt("2025-06-19")).then([{ ...first, publishedAt: "2025-06-19", previous: "2025-06-20", reason: "the page says so" }]);
    spec.given([recorded(null), first]).when(dateIt("2025-06-20")).thenFails("AlreadyDated", { publishedAt: "2025-06-20" });
  });

  it("an article that is not recorded cannot be dated, and a day must be a real day", () => {
    spec.given([]).when(dateIt("2025-06-20")).thenFails("UnknownArticle", { articleId: "a1" });
    spec.given([recorded(null)]).when(dateIt("2025-02-30")).thenFails("InvalidCommand");
  });

  it("a known text offered with a day it does not have offers that day for dating", () => {
    expect(AS.redate(AS.fold([recorded(null)]), "2025-06-20")).toBe("2025-06-20");
    expect(AS.redate(AS.fold([recorded("2025-06-20")]), "2025-06-20")).toBe(null);
    expect(AS.redate(AS.fold([recorded(null)]), null)).toBe(null);
    expect(AS.redate(AS.fold([]), "2025-06-20")).toBe(null);
  });
});
