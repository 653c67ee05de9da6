import { describe, expect, it } from "vitest";
import type { ArticleRecorded, ClaimReported, LedgerEvent } from "./Events.ts";
import * as Analyst from "./Analyst.ts";
import { specification } from "./testing.ts";

const at = "2026-11-22T12:00:00.000Z";
const article: ArticleRecorded = {
  type: "ArticleRecorded", version: 2, articleId: "a1", textHash: "", text: "t", path: null, publishedAt: "2025-06-20", outlet: "Reuters", wire: null, url: null,
  learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "test", version: "1" }, recordedAt: "2025-06-21T00:00:00.000Z",
};
const claim: ClaimReported = {
  type: "ClaimReported", version: 3, claimId: "c1", articleId: "a1",
  claim: { id: "c1", metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1212, qualifier: "exact", lo: 1212, hi: 1212, validFrom: "2025-06-20", validTo: "2025-06-20", attributedTo: "X", evidence: { start: 0, end: 1, text: "t" }, agreement: null, commitment: null, group: null, dateSource: "text" },
  reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "test", version: "1" }, recordedAt: "2025-06-21T00:00:00.000Z",
};
const history: LedgerEvent[] = [article, claim];
const spec = specification(Analyst.decider);

describe("analyst actions", () => {
  it("a correction of a recorded claim is a ClaimCorrected with the changes, the reason and the time of the command", () => {
    spec.given(history).when({ _tag: "Correct", claimId: "c1", changes: { value: 1200 }, reason: "misread", analyst: "ana", recordedAt: at }).then([
      { type: "ClaimCorrected", version: 1, claimId: "c1", changes: { value: 1200 }, reason: "misread", analyst: "ana", recordedAt: at },
    ]);
  });

  it("a correction or a rejection of a claim the ledger does not have is refused, naming the claim", () => {
    spec.given(history).when({ _tag: "Correct", claimId: "c9", changes: { value: 1 }, reason: "r", analyst: "ana", recordedAt: at }).thenFails("UnknownClaim", { claimId: "c9" });
    spec.given(history).when({ _tag: "Reject", claimId: "c9", reason: "r", analyst: "ana", recordedAt: at }).thenFails("UnknownClaim", { claimId: "c9" });
  });

  it("a correction that changes nothing, or has no reason, is refused", () => {
    spec.given(history).when({ _tag: "Correct", claimId: "c1", changes: {}, reason: "r", analyst: "ana", recordedAt: at }).thenFails("InvalidCommand");
    spec.given(history).when({ _tag: "Reject", claimId: "c1", reason: "  ", analyst: "ana", recordedAt: at }).thenFails("InvalidCommand", { field: "--reason" });
  });

  const add = (articleId: string | null): Analyst.AddClaim => ({
    _tag: "AddClaim", articleId, metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 303, qualifier: "exact", validFrom: "2025-05-25", validTo: "2025-05-25", attributedTo: "HQ", reason: "briefing", analyst: "ana", recordedAt: at,
  });

  it("an added claim is a manual ClaimReported whose interval is read from its value and qualifier", () => {
    const r = spec.given(history).when(add("a1")).result;
    expect(r._tag).toBe("Right");
    if (r._tag === "Right") {
      const e = r.right[0]!;
      expect(e.type === "ClaimReported" && [e.origin, e.analyst, e.articleId, e.claim.lo, e.claim.hi, e.claim.evidence.text]).toEqual(["manual", "ana", "a1", 303, 303, "briefing"]);
      expect(e.type === "ClaimReported" && e.claimId).toBe(Analyst.addedClaimId(add("a1")));
    }
  });

  it("an added claim's article must exist", () => {
    spec.given(history).when(add("a-missing")).thenFails("UnknownArticle", { articleId: "a-missing" });
    const free = spec.given([]).when(add(null)).result;
    expect(free._tag === "Right" && free.right.map((e) => e.type)).toEqual(["ClaimReported"]);
  });

  it("the specification reports a wrong expectation instead of passing", () => {
    expect(() => spec.given(history).when({ _tag: "Reject", claimId: "c1", reason: "r", analyst: "ana", recordedAt: at }).then([])).toThrow(/expected events \[\]/);
    expect(() => spec.given(history).when({ _tag: "Reject", claimId: "c1", reason: "r", analyst: "ana", recordedAt: at }).thenFails("UnknownClaim")).toThrow(/accepted/);
  });
});
