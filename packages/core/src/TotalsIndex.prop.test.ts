import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import * as TI from "./TotalsIndex.ts";
import { amendment, history } from "./testing.ts";
import { richHistory, withDeals } from "./arbitraries.ts";
import type { LedgerEvent } from "./Events.ts";

const withAmendments = history.chain((h) => {
  const ids = h.flatMap((e) => (e.type === "ClaimReported" ? [e.claimId] : []));
  if (ids.length === 0) return fc.constant(h as LedgerEvent[]);
  return fc.array(fc.constantFrom(...ids).chain(amendment), { maxLength: 3 }).map((as) => [...h, ...as]);
});

describe("the warm totals index", () => {
  it("index agrees with reconciliation: totals known on D through D are the same as Reconcile.report's", () => {
    fc.assert(
      fc.property(withAmendments, fc.integer({ min: 0, max: 12 }), (events, d) => {
        const ledger = L.fromEvents(events);
        const index = TI.build(ledger, R.defaultParties);
        const day = `2025-06-${String(d).padStart(2, "0")}`;
        const expected = R.report(L.view(ledger, { knownAt: day }), { through: day, parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));
        expect(index.totalsAt(day)).toEqual(expected);
      }),
    );
  });
});

describe("the warm totals index on histories that reach every case", () => {
  it("index agrees with reconciliation with wire copies, re-extractions, manual claims and corrections of any field", () => {
    fc.assert(
      fc.property(richHistory, fc.integer({ min: 0, max: 13 }), (events, d) => {
        const ledger = L.fromEvents(events);
        const index = TI.build(ledger, R.defaultParties);
        const day = `2025-06-${String(d).padStart(2, "0")}`;
        const expected = R.report(L.view(ledger, { knownAt: day }), { through: day, parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));
        expect(index.totalsAt(day)).toEqual(expected);
      }),
    );
  });
});

// Any day from before the first report to after the last (and days between the ones the claims name).
const anyDay = fc.integer({ min: -3, max: 16 }).map((d) => (d <= 0 ? `2025-05-${String(31 + d).padStart(2, "0")}` : `2025-06-${String(d).padStart(2, "0")}`));
const figuresOf = (events: readonly LedgerEvent[], knownAt: string, through: string) =>
  R.report(L.view(L.fromEvents(events), { knownAt }), { through, parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));

describe("the warm totals index at any slider position (known-at and through apart)", () => {
  it("figures known on K through T are Reconcile.report's, for every pair of days (T before, on or after K)", () => {
    fc.assert(
      fc.property(withAmendments, fc.array(fc.tuple(anyDay, anyDay), { minLength: 1, maxLength: 6 }), (events, pairs) => {
        const index = TI.build(L.fromEvents(events), R.defaultParties);
        for (const [knownAt, through] of pairs) expect(index.figuresAt(knownAt, through)).toEqual(figuresOf(events, knownAt, through));
      }),
    );
  });
  it("the same on histories with wire copies, re-extractions, manual claims, datings and corrections of any field", () => {
    fc.assert(
      fc.property(fc.oneof(richHistory, withDeals(richHistory)), fc.array(fc.tuple(anyDay, anyDay), { minLength: 1, maxLength: 6 }), (events, pairs) => {
        const index = TI.build(L.fromEvents(events), R.defaultParties);
        for (const [knownAt, through] of pairs) expect(index.figuresAt(knownAt, through)).toEqual(figuresOf(events, knownAt, through));
      }),
      { numRuns: 200 },
    );
  });
  it("every known-at day against every through-day the index names: the whole grid, on rich histories", () => {
    fc.assert(
      fc.property(richHistory, (events) => {
        const index = TI.build(L.fromEvents(events), R.defaultParties);
        const days = [...new Set([...index.days, ...index.knownDays])].filter((d) => d >= "2025-05-01" && d <= "2025-07-01");
        for (const knownAt of index.knownDays) for (const through of days) expect(index.figuresAt(knownAt, through)).toEqual(figuresOf(events, knownAt, through));
      }),
      { numRuns: 25 },
    );
  });
});

describe("the warm totals index, examples", () => {
  it("a total beyond 32 bits is kept exactly (its rows are not narrowed to 32-bit integers)", () => {
    const article: LedgerEvent = { type: "ArticleRecorded", version: 2, articleId: "a", textHash: "a", text: "a", path: null, publishedAt: "2025-06-03", outlet: "Reuters", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "t", version: "1" }, recordedAt: "2025-06-03T06:00:00.000Z" };
    const event = (id: string, day: string, value: number): LedgerEvent => ({
      type: "ClaimReported",
      version: 3,
      claimId: id,
      articleId: "a",
      claim: { id, metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value, qualifier: "exact", lo: value, hi: value, validFrom: day, validTo: day, attributedTo: "Zelensky", evidence: { start: 0, end: 1, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
      reportedVia: null,
      origin: "extracted",
      analyst: null,
      extractor: { name: "t", version: "1" },
      recordedAt: "2025-06-03T06:00:00.000Z",
    });
    const events = [article, event("c1", "2025-06-01", 2 ** 31 - 1), event("c2", "2025-06-02", 2 ** 31 + 5)];
    const index = TI.build(L.fromEvents(events), R.defaultParties);
    for (const through of ["2025-06-01", "2025-06-02", "2025-06-03"]) expect(index.figuresAt("2025-06-03", through)).toEqual(figuresOf(events, "2025-06-03", through));
    expect(index.figuresAt("2025-06-03", "2025-06-02")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 2 ** 32 + 4, lo: 2 ** 32 + 4, hi: 2 ** 32 + 4 }]);
  });

  it("a target that an analyst corrects into an event counts in the index as it does in the report", () => {
    const events: LedgerEvent[] = [
      { type: "ArticleRecorded", version: 2, articleId: "a", textHash: "a", text: "a", path: null, publishedAt: "2025-06-02", outlet: "Reuters", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "t", version: "1" }, recordedAt: "2025-06-02T06:00:00.000Z" },
      {
        type: "ClaimReported",
        version: 3,
        claimId: "c",
        articleId: "a",
        claim: { id: "c", metric: "prisoners_returned", direction: "to_ukraine", kind: "target", value: 80, qualifier: "exact", lo: 80, hi: 80, validFrom: "2025-06-02", validTo: "2025-06-02", attributedTo: "Zelensky", evidence: { start: 0, end: 1, text: "" }, agreement: null, commitment: "agreed", group: null, dateSource: "text" },
        reportedVia: null,
        origin: "extracted",
        analyst: null,
        extractor: { name: "t", version: "1" },
        recordedAt: "2025-06-02T06:00:00.000Z",
      },
      { type: "ClaimCorrected", version: 1, claimId: "c", changes: { kind: "event" }, reason: "an exchange, not a deal", analyst: "x", recordedAt: "2025-06-04T09:00:00.000Z" },
    ];
    const index = TI.build(L.fromEvents(events), R.defaultParties);
    expect(index.totalsAt("2025-06-03")).toEqual([]);
    // The exchange was on June 2: through June 4 (after the last report) the total has no ceiling, through June 2 it is 80.
    expect(index.totalsAt("2025-06-04")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 80, lo: 80, hi: null }]);
    const known = L.view(L.fromEvents(events), { knownAt: "2025-06-04" });
    expect(R.findTotal(R.report(known, { through: "2025-06-04", parties: R.defaultParties }), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 80, lo: 80, hi: null });
    expect(R.findTotal(R.report(known, { through: "2025-06-02", parties: R.defaultParties }), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 80, lo: 80, hi: 80 });
  });
});
