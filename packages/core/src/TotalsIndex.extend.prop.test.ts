import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import * as TI from "./TotalsIndex.ts";
import { ofTimestamp } from "./DateOnly.ts";
import { amendment, history } from "./testing.ts";
import { richHistory, withDeals } from "./arbitraries.ts";
import type { LedgerEvent } from "./Events.ts";

const withAmendments = history.chain((h) => {
  const ids = h.flatMap((e) => (e.type === "ClaimReported" ? [e.claimId] : []));
  if (ids.length === 0) return fc.constant(h as LedgerEvent[]);
  return fc.array(fc.constantFrom(...ids).chain(amendment), { maxLength: 3 }).map((as) => [...h, ...as]);
});

/**
 * The events in the order a desk would learn them (by the day each is known: an article's publication day,
 * else its recording day; a claim with its article; an analyst's act on its day), so that a cut of the log
 * mostly leaves later events after it, as when a server follows a live store. Events of one day keep their order.
 */
const chronological = (events: readonly LedgerEvent[]): LedgerEvent[] => {
  const articleDay = new Map<string, string>();
  for (const e of events) if (e.type === "ArticleRecorded" && !articleDay.has(e.articleId)) articleDay.set(e.articleId, e.publishedAt ?? ofTimestamp(e.recordedAt));
  const dayOf = (e: LedgerEvent): string =>
    e.type === "ArticleRecorded" ? articleDay.get(e.articleId)! : e.type === "ClaimReported" && e.origin === "extracted" && e.articleId !== null ? (articleDay.get(e.articleId) ?? ofTimestamp(e.recordedAt)) : ofTimestamp(e.recordedAt);
  return events.map((e, i) => ({ e, i, d: dayOf(e) })).sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : a.i - b.i)).map((x) => x.e);
};

const anyDay = fc.integer({ min: -3, max: 16 }).map((d) => (d <= 0 ? `2025-05-${String(31 + d).padStart(2, "0")}` : `2025-06-${String(d).padStart(2, "0")}`));

/** Every known-at against every through-day either index names (and the days around the histories): the two answer the same. */
const sameAnswers = (extended: TI.TotalsIndex, rebuilt: TI.TotalsIndex) => {
  expect(extended.knownDays).toEqual(rebuilt.knownDays);
  expect(extended.days).toEqual(rebuilt.days);
  const days = [...new Set([...rebuilt.days, ...rebuilt.knownDays, "2025-05-28", "2025-06-30"])].filter((d) => d >= "2025-05-01" && d <= "2025-07-01").sort();
  for (const knownAt of days) for (const through of days) expect(extended.figuresAt(knownAt, through)).toEqual(rebuilt.figuresAt(knownAt, through));
};

/**
 * Cuts the log at each of `cuts` (fractions of its length), builds an extendable index of the first part and
 * extends it at each later cut, folding the same ledger further (as the server's ledger is): every extension
 * either refuses (an event landed in the past) or gives the index a rebuild gives. Returns how many extended.
 */
const extendAlong = (events: readonly LedgerEvent[], cuts: readonly number[]): { extended: number; refused: number } => {
  const at = [...new Set(cuts.map((f) => Math.floor(f * events.length)))].sort((a, b) => a - b);
  const ledger = L.initial();
  let done = 0;
  let index: TI.Extendable | null = null;
  let extended = 0, refused = 0;
  for (const cut of [...at, events.length]) {
    for (; done < cut; done++) L.evolve(ledger, events[done]!);
    if (index === null) {
      index = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
      continue;
    }
    const next: TI.Extendable | null = TI.run(index.extending(ledger));
    const rebuilt = TI.build(L.fromEvents(events.slice(0, cut)), R.defaultParties);
    if (next === null) {
      refused++;
      // The refusal changed nothing: the index still answers for the log as it was, and a rebuild takes over.
      index = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
    } else {
      extended++;
      index = next;
    }
    sameAnswers(index, rebuilt);
  }
  return { extended, refused };
};

describe("the warm totals index, extended as the log grows", () => {
  it("an index extended by later events answers as one rebuilt from the whole log (or refuses and is rebuilt)", () => {
    let extended = 0;
    fc.assert(
      fc.property(withAmendments.map(chronological), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }), (events, cuts) => {
        extended += extendAlong(events, cuts).extended;
      }),
      { numRuns: 150 },
    );
    // The property is about extensions: most cuts of a chronological log must have been extended, not rebuilt.
    expect(extended).toBeGreaterThan(75);
  });

  it("the same on rich histories (wire copies, re-extractions, manual claims, datings, corrections of any field), in any order", () => {
    let extended = 0, refused = 0;
    fc.assert(
      fc.property(fc.oneof(richHistory.map(chronological), richHistory, withDeals(richHistory).map(chronological)), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 }), (events, cuts) => {
        const r = extendAlong(events, cuts);
        extended += r.extended;
        refused += r.refused;
      }),
      { numRuns: 200 },
    );
    expect(extended).toBeGreaterThan(40);
    expect(refused).toBeGreaterThan(5);
  });

  it("a rebuilt index and an extended one agree with Reconcile.report at any slider position", () => {
    fc.assert(
      fc.property(richHistory.map(chronological), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(anyDay, anyDay), { minLength: 1, maxLength: 6 }), (events, cut, pairs) => {
        const ledger = L.fromEvents(events.slice(0, Math.floor(cut * events.length)));
        const index = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
        for (const e of events.slice(Math.floor(cut * events.length))) L.evolve(ledger, e);
        const extended = TI.run(index.extending(ledger));
        fc.pre(extended !== null);
        for (const [knownAt, through] of pairs)
          expect(extended!.figuresAt(knownAt, through)).toEqual(
            R.report(L.view(ledger, { knownAt }), { through, parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi })),
          );
      }),
      { numRuns: 100 },
    );
  });
});

describe("the warm totals index, extended: examples", () => {
  const article = (id: string, day: string): LedgerEvent => ({ type: "ArticleRecorded", version: 2, articleId: id, textHash: id, text: id, path: null, publishedAt: day, outlet: "Reuters", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "t", version: "1" }, recordedAt: `${day}T06:00:00.000Z` });
  const claim = (id: string, articleId: string, day: string, value: number): LedgerEvent => ({
    type: "ClaimReported",
    version: 3,
    claimId: id,
    articleId,
    claim: { id, metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value, qualifier: "exact", lo: value, hi: value, validFrom: day, validTo: day, attributedTo: "Zelensky", evidence: { start: 0, end: 1, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
    reportedVia: null,
    origin: "extracted",
    analyst: null,
    extractor: { name: "t", version: "1" },
    recordedAt: `${day}T06:00:00.000Z`,
  });
  const first = [article("a", "2025-06-02"), claim("c1", "a", "2025-06-01", 390)];

  it("a new article known after the last day extends the index: new knowledge day, new through-days, old rows kept", () => {
    const ledger = L.fromEvents(first);
    const index = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
    for (const e of [article("b", "2025-06-10"), claim("c2", "b", "2025-06-09", 307)]) L.evolve(ledger, e);
    const extended = TI.run(index.extending(ledger));
    expect(extended).not.toBeNull();
    expect(extended!.knownDays).toEqual(["2025-06-02", "2025-06-10"]);
    expect(extended!.days).toContain("2025-06-09");
    // Through the day after the last report the total has no ceiling (anything may have happened since).
    expect(extended!.figuresAt("2025-06-10", "2025-06-10")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 697, lo: 697, hi: null }]);
    expect(extended!.figuresAt("2025-06-10", "2025-06-09")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 697, lo: 697, hi: 697 }]);
    // Known on June 2, nothing of June 9 was known: through June 9 the figure is the first exchange's.
    expect(extended!.figuresAt("2025-06-02", "2025-06-09")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 390, lo: 390, hi: null }]);
    expect(extended!.figuresAt("2025-06-02", "2025-06-01")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 390, lo: 390, hi: 390 }]);
    expect(extended!.figuresAt("2025-06-10", "2025-06-08")).toEqual(R.report(L.view(ledger, { knownAt: "2025-06-10" }), { through: "2025-06-08", parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi })));
    // Only the latest index of a line extends: the one it came from refuses now.
    expect(TI.run(index.extending(ledger))).toBeNull();
  });

  it("an article known before the last day, or a correction recorded before it, is refused (a rebuild takes over)", () => {
    const ledger = L.fromEvents([...first, article("b", "2025-06-10"), claim("c2", "b", "2025-06-09", 307)]);
    const index = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
    const past = L.fromEvents([...first, article("b", "2025-06-10"), claim("c2", "b", "2025-06-09", 307), article("p", "2025-06-05"), claim("c3", "p", "2025-06-04", 50)]);
    expect(TI.run(index.extending(past))).toBeNull();
    const corrected = L.fromEvents([...first, article("b", "2025-06-10"), claim("c2", "b", "2025-06-09", 307), { type: "ClaimCorrected", version: 1, claimId: "c1", changes: { value: 400, qualifier: "exact" }, reason: "r", analyst: "x", recordedAt: "2025-06-03T09:00:00.000Z" }]);
    expect(TI.run(index.extending(corrected))).toBeNull();
    // A correction recorded on the last day or later extends.
    const today = L.fromEvents([...first, article("b", "2025-06-10"), claim("c2", "b", "2025-06-09", 307), { type: "ClaimCorrected", version: 1, claimId: "c1", changes: { value: 400, qualifier: "exact" }, reason: "r", analyst: "x", recordedAt: "2025-06-10T09:00:00.000Z" }]);
    const extended = TI.run(index.extending(today));
    expect(extended).not.toBeNull();
    expect(extended!.figuresAt("2025-06-10", "2025-06-09")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 707, lo: 707, hi: 707 }]);
    // Known on June 9, before the correction (and before the second article): the first exchange as reported.
    expect(extended!.figuresAt("2025-06-09", "2025-06-01")).toEqual([{ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 390, lo: 390, hi: 390 }]);
  });
});

describe("the warm totals index, read elsewhere", () => {
  it("an index read from its rows (as another thread receives them, through structured clone) answers as the index", () => {
    fc.assert(
      fc.property(richHistory.map(chronological), fc.double({ min: 0, max: 1, noNaN: true }), (events, cut) => {
        const ledger = L.fromEvents(events.slice(0, Math.floor(cut * events.length)));
        const built = TI.run(TI.building(ledger, R.defaultParties, { extendable: true }));
        for (const e of events.slice(Math.floor(cut * events.length))) L.evolve(ledger, e);
        const index = TI.run(built.extending(ledger)) ?? TI.build(ledger, R.defaultParties);
        const rows = index.rows();
        const read = TI.reading(structuredClone(rows, { transfer: TI.buffersOf(rows) }));
        sameAnswers(read, index);
        expect(read.size()).toEqual(index.size());
      }),
      { numRuns: 100 },
    );
  });
});

describe("the warm totals index, read elsewhere: rows beyond 32 bits", () => {
  it("a row of figures past 2^31 is packed among the other figures and read back exactly", () => {
    const article: LedgerEvent = { type: "ArticleRecorded", version: 2, articleId: "a", textHash: "a", text: "a", path: null, publishedAt: "2025-06-03", outlet: "Reuters", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "t", version: "1" }, recordedAt: "2025-06-03T06:00:00.000Z" };
    const claim = (id: string, metric: string, value: number): LedgerEvent => ({
      type: "ClaimReported",
      version: 3,
      claimId: id,
      articleId: "a",
      claim: { id, metric, direction: "to_ukraine", kind: "event", value, qualifier: "exact", lo: value, hi: value, validFrom: "2025-06-01", validTo: "2025-06-01", attributedTo: "Zelensky", evidence: { start: 0, end: 1, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
      reportedVia: null,
      origin: "extracted",
      analyst: null,
      extractor: { name: "t", version: "1" },
      recordedAt: "2025-06-03T06:00:00.000Z",
    });
    const index = TI.build(L.fromEvents([article, claim("c1", "prisoners_returned", 2 ** 31 + 5), claim("c2", "bodies_returned", 12)]), R.defaultParties);
    const rows = index.rows();
    expect(rows.floats.length).toBeGreaterThan(0);
    expect(rows.ints.length).toBeGreaterThan(0);
    const read = TI.reading(structuredClone(rows, { transfer: TI.buffersOf(rows) }));
    sameAnswers(read, index);
    expect(read.figuresAt("2025-06-03", "2025-06-01")).toContainEqual({ metric: "prisoners_returned", direction: "to_ukraine", group: null, best: 2 ** 31 + 5, lo: 2 ** 31 + 5, hi: 2 ** 31 + 5 });
  });
});
