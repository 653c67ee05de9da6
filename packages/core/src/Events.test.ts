import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as E from "fp-ts/lib/Either.js";
import * as Ev from "./Events.ts";
import { history } from "./testing.ts";
import { richHistory } from "./arbitraries.ts";

describe("event codecs", () => {
  it("every generated event round-trips through JSON and its codec", () => {
    fc.assert(
      fc.property(history, (events) => {
        for (const e of events) {
          const back = Ev.decode(e.type, JSON.parse(JSON.stringify(e)));
          expect(back).toEqual(E.right(e));
        }
      }),
    );
  });

  it("a version 1 article is upcast to version 2 with unknown provenance, not invented provenance", () => {
    const v1 = { type: "ArticleRecorded", version: 1, articleId: "a", text: "t", publishedAt: null, outlet: "Reuters", url: null, recordedAt: "2025-06-01T00:00:00Z" };
    const r = Ev.decode("ArticleRecorded", v1);
    expect(E.isRight(r) && r.right.type === "ArticleRecorded" && r.right.version).toBe(2);
    if (E.isRight(r) && r.right.type === "ArticleRecorded") {
      expect(r.right.learned).toEqual({ publishedAt: "none", outlet: "text", url: "none" });
      expect(r.right.extractor).toEqual({ name: "unknown", version: "0" });
    }
  });

  it("a version 1 claim is upcast with an unknown extractor", () => {
    const claim = { id: "c", metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 1, qualifier: "exact", lo: 1, hi: 1, validFrom: null, validTo: null, attributedTo: "X", evidence: { start: 0, end: 1, text: "x" } };
    const r = Ev.decode("ClaimReported", { type: "ClaimReported", version: 1, claimId: "c", articleId: "a", claim, recordedAt: "2025-06-01T00:00:00Z" });
    expect(E.isRight(r) && r.right.type === "ClaimReported" && r.right.extractor.version).toBe("0");
  });

  it("a version 2 claim is upcast to version 3 with its reading context unknown, a target read as agreed", () => {
    const claim = { id: "c", metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 1000, qualifier: "exact", lo: 1000, hi: 1000, validFrom: "2025-05-16", validTo: null, attributedTo: "X", evidence: { start: 0, end: 1, text: "x" } };
    const v2 = { type: "ClaimReported", version: 2, claimId: "c", articleId: "a", claim, reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "r", version: "1" }, recordedAt: "2025-06-01T00:00:00Z" };
    const r = Ev.decode("ClaimReported", v2);
    expect(r).toEqual(E.right({ ...v2, version: 3, claim: { ...claim, agreement: null, commitment: "agreed", group: null, dateSource: null } }));
    const event = { ...v2, claim: { ...claim, kind: "event", metric: "prisoners_returned" } };
    const r2 = Ev.decode("ClaimReported", event);
    expect(E.isRight(r2) && r2.right.type === "ClaimReported" && r2.right.claim.commitment).toBe(null);
  });

  it("an event that fails its codec says which field is wrong", () => {
    const r = Ev.decode("ClaimRejected", { type: "ClaimRejected", version: 1, claimId: 7 });
    expect(E.isLeft(r) && Ev.describeProblem(r.left)).toMatch(/invalid ClaimRejected v1: .*claimId/);
    expect(E.isLeft(Ev.decode("Nope", {}))).toBe(true);
  });

  it("an ArticleDated event round-trips through JSON and its codec; one without its day is refused", () => {
    const e: Ev.ArticleDated = { type: "ArticleDated", version: 1, articleId: "a", publishedAt: "2025-06-20", previous: null, reason: "page", analyst: "ana", recordedAt: "2026-11-22T12:00:00.000Z" };
    expect(Ev.decode(e.type, JSON.parse(JSON.stringify(e)))).toEqual(E.right(e));
    const { publishedAt: _p, ...missing } = e;
    expect(E.isLeft(Ev.decode("ArticleDated", missing))).toBe(true);
  });
});

describe("event codecs on histories that reach every case", () => {
  it("every event of every type round-trips through JSON and its codec, and older versions upcast to the current one", () => {
    fc.assert(
      fc.property(richHistory, (events) => {
        for (const e of events) {
          expect(Ev.decode(e.type, JSON.parse(JSON.stringify(e)))).toEqual(E.right(e));
          if (e.type === "ClaimReported") {
            // The same claim as version 2 wrote it (no reading context): decoded with its context unknown.
            const { agreement: _a, commitment: _c, group: _g, dateSource: _d, ...v1fields } = e.claim;
            const v2 = { ...e, version: 2, claim: v1fields };
            expect(Ev.decode("ClaimReported", JSON.parse(JSON.stringify(v2)))).toEqual(
              E.right({ ...e, claim: { ...v1fields, agreement: null, commitment: e.claim.kind === "target" ? "agreed" : null, group: null, dateSource: null } }),
            );
          }
        }
      }),
    );
  });

  it("the rich histories reach every event type, kind, qualifier, wire copies, manual claims, zero and huge figures", () => {
    const seen = new Set<string>();
    for (const events of fc.sample(richHistory, { numRuns: 300, seed: 20251122 }))
      for (const e of events) {
        seen.add(e.type);
        if (e.type === "ArticleRecorded" && e.copyOf !== null) seen.add("copy");
        if (e.type === "ClaimReported") {
          const c = e.claim;
          seen.add(`kind:${c.kind}`).add(`qualifier:${c.qualifier}`).add(e.origin);
          if (c.validFrom === null && c.validTo === null) seen.add("undated");
          if (c.kind === "cumulative" && c.validFrom !== null) seen.add("scoped cumulative");
          if (c.value === 0) seen.add("zero");
          if (c.value !== null && c.value >= 1_000_000) seen.add("huge");
        }
        if (e.type === "ClaimCorrected") for (const k of Object.keys(e.changes)) seen.add(`corrects:${k}`);
      }
    const expected = [
      ...Ev.eventTypes,
      "copy",
      "manual",
      "extracted",
      "undated",
      "scoped cumulative",
      "zero",
      "huge",
      ...["event", "cumulative", "target", "stock"].map((k) => `kind:${k}`),
      ...["exact", "at_least", "more_than", "about", "nearly", "at_most", "undisclosed"].map((q) => `qualifier:${q}`),
      ...["metric", "direction", "kind", "value", "qualifier", "validFrom", "validTo", "attributedTo", "agreement", "commitment", "group"].map((k) => `corrects:${k}`),
    ];
    expect(expected.filter((x) => !seen.has(x))).toEqual([]);
  });
});
