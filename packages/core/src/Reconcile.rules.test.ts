/**
 * The reconciliation rules of docs/reconciliation.md one behaviour at a time,
 * on the smallest histories that show each: tolerances, independence of wire
 * copies, scoped cumulative figures, undated targets, the recency tie-break,
 * decreases, agreement progress, `--through`, the ledger's amendments and the
 * audit. Each test fails when the behaviour it names is broken.
 */
import { describe, expect, it } from "vitest";
import * as Audit from "./Audit.ts";
import type { ClaimFields } from "./Claim.ts";
import type { ArticleRecorded, ClaimCorrected, ClaimReported, LedgerEvent } from "./Events.ts";
import * as FS from "./FactSlot.ts";
import * as L from "./Ledger.ts";
import type { ClaimView } from "./Ledger.ts";
import * as Q from "./Quantity.ts";
import * as R from "./Reconcile.ts";
import * as TI from "./TotalsIndex.ts";
import { claimMaker, type GivenClaim as Given } from "./testing.ts";

const claim = claimMaker({ targetsAgreed: true, dateSource: null, distinctEvidence: true });
const on = (d: string) => ({ validFrom: d, validTo: d });
const returned = { metric: "prisoners_returned", direction: "to_ukraine" } as const;
const agreed = { metric: "prisoners_agreed", direction: "to_ukraine", kind: "target" } as const;
const opts = (through: string | null = null, since: string | null = null): R.Options => ({ through, since, parties: R.defaultParties });
const total = (claims: readonly ClaimView[], through: string | null = null, since: string | null = null) => {
  const t = R.findTotal(R.report(claims, opts(through, since)), "prisoners_returned", "to_ukraine");
  return t === undefined ? undefined : { best: t.best, lo: t.lo, hi: t.hi };
};

describe("quantities", () => {
  it("'about 0' allows 0 and 1 (the tolerance is at least 1), and 'nearly 0' only 0", () => {
    expect(Q.tolerance(0)).toBe(1);
    expect(Q.fromReported(0, "about")).toEqual({ lo: 0, hi: 1 });
    expect(Q.fromReported(0, "nearly")).toEqual({ lo: 0, hi: 0 });
  });

  it("'about N' reaches down to N minus the tolerance: about 20 is 19..21, about 53,000 is 50,350..55,650", () => {
    expect(Q.fromReported(20, "about")).toEqual({ lo: 19, hi: 21 });
    expect(Q.fromReported(53_000, "about")).toEqual({ lo: 50_350, hi: 55_650 });
    expect(Q.fromReported(3_000, "nearly")).toEqual({ lo: 2_850, hi: 3_000 });
  });

  it("a huge figure keeps its exact tolerance: about 3,000,000,000 is ±150,000,000", () => {
    expect(Q.fromReported(3_000_000_000, "about")).toEqual({ lo: 2_850_000_000, hi: 3_150_000_000 });
  });
});

describe("independent versions", () => {
  const article = (id: string, outlet: string, published: string, copyOf: string | null): ArticleRecorded => ({
    type: "ArticleRecorded",
    version: 2,
    articleId: id,
    textHash: id,
    text: id,
    path: null,
    publishedAt: published,
    outlet,
    wire: null,
    url: null,
    learned: { publishedAt: "text", outlet: "text", url: "none" },
    copyOf: copyOf === null ? null : { articleId: copyOf, similarity: 0.98 },
    extractor: { name: "t", version: "1" },
    recordedAt: `${published}T08:00:00.000Z`,
  });
  const reported = (claimId: string, articleId: string, attributedTo: string, value: number): ClaimReported => ({
    type: "ClaimReported",
    version: 3,
    claimId,
    articleId,
    claim: { id: claimId, ...returned, kind: "event", value, qualifier: "exact", lo: value, hi: value, ...on("2025-06-09"), attributedTo, evidence: { start: 1, end: 2, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
    reportedVia: null,
    origin: "extracted",
    analyst: null,
    extractor: { name: "t", version: "1" },
    recordedAt: "2025-06-10T08:00:00.000Z",
  });

  it("one wire story republished by five outlets is one version: each copy's own sentence is the original's voice", () => {
    const events: LedgerEvent[] = [article("a0", "AP", "2025-06-09", null), reported("c0", "a0", "AP", 100)];
    for (const [i, outlet] of ["Kyiv Post", "ABC", "Yahoo", "MSN", "Euronews"].entries()) events.push(article(`a${i + 1}`, outlet, "2025-06-10", "a0"), reported(`c${i + 1}`, `a${i + 1}`, outlet, 100));
    const [slot] = FS.build(L.view(L.fromEvents(events), { knownAt: null }), R.defaultParties);
    expect(slot?.versions).toHaveLength(1);
    expect(slot?.versions[0]?.current.claimant).toBe("voice:ap");
  });

  it("an outlet's own figure in an article that is not a copy is a version of its own", () => {
    const events: LedgerEvent[] = [article("a0", "AP", "2025-06-09", null), reported("c0", "a0", "AP", 100), article("a1", "Kyiv Post", "2025-06-10", null), reported("c1", "a1", "Kyiv Post", 100)];
    expect(FS.build(L.view(L.fromEvents(events), { knownAt: null }), R.defaultParties)[0]?.versions).toHaveLength(2);
  });

  it("a claimant that restates a slot supersedes its own earlier version: the later figure is current and the change is a revision", () => {
    const base = { ...returned, kind: "event" as const, ...on("2025-06-09"), attributedTo: "Zelensky" };
    const first = claim({ ...base, value: 100 }, "2025-06-09");
    const second = claim({ ...base, value: 120 }, "2025-06-10");
    for (const claims of [
      [first, second],
      [second, first],
    ]) {
      const [slot] = FS.build(claims, R.defaultParties);
      expect(slot?.versions).toHaveLength(1);
      expect(slot?.versions[0]?.current.claim.claimId).toBe(second.claimId);
      expect(slot?.versions[0]?.current.interval).toEqual({ lo: 120, hi: 120 });
      expect(slot?.versions[0]?.history.map((h) => h.claim.claimId)).toEqual([first.claimId]);
      expect(slot?.revisions.map(([a, b]) => [a.claim.claimId, b.claim.claimId])).toEqual([[first.claimId, second.claimId]]);
      expect(slot?.reconciled).toEqual({ best: 120, lo: 120, hi: 120 });
    }
  });

  it("a consistent restatement narrows the claimant's version: 'at least 100' then 'at most 150' is 100..150, no revision", () => {
    const base = { ...returned, kind: "event" as const, ...on("2025-06-09"), attributedTo: "Zelensky" };
    const [slot] = FS.build([claim({ ...base, value: 100, qualifier: "at_least" }, "2025-06-09"), claim({ ...base, value: 150, qualifier: "at_most" }, "2025-06-10")], R.defaultParties);
    expect(slot?.versions[0]?.current.interval).toEqual({ lo: 100, hi: 150 });
    expect(slot?.revisions).toEqual([]);
    expect(slot?.reconciled).toMatchObject({ lo: 100, hi: 150 });
  });

  it("between equally supported disjoint versions the most recent wins, by knowledge day and then publication day", () => {
    const base = { ...returned, kind: "event" as const, ...on("2025-06-09") };
    const a = claim({ ...base, value: 100, attributedTo: "Zelensky" }, "2025-06-10");
    const b = claim({ ...base, value: 150, attributedTo: "Russian Defence Ministry" }, "2025-06-11");
    expect(FS.build([a, b], R.defaultParties)[0]?.reconciled).toEqual({ best: 150, lo: 150, hi: 150 });
    expect(FS.build([{ ...a, knownAt: "2025-06-12", publishedAt: "2025-06-12" }, b], R.defaultParties)[0]?.reconciled).toEqual({ best: 100, lo: 100, hi: 100 });
    // Known the same day: the later publication is the more recent.
    expect(FS.build([{ ...a, knownAt: "2025-06-11", publishedAt: "2025-06-11" }, { ...b, publishedAt: "2025-06-10" }], R.defaultParties)[0]?.reconciled.best).toBe(100);
  });

  it("an event dated by only one end of its day is in the same slot as one dated that day: their versions conflict there", () => {
    const base = { ...returned, kind: "event" as const };
    const claims = [
      claim({ ...base, value: 10, ...on("2025-06-01"), attributedTo: "A" }, "2025-06-02"),
      claim({ ...base, value: 20, validTo: "2025-06-01", attributedTo: "B" }, "2025-06-02"),
      claim({ ...base, value: 30, validFrom: "2025-06-01", attributedTo: "C" }, "2025-06-02"),
    ];
    const slots = FS.build(claims, R.defaultParties);
    expect(slots).toHaveLength(1);
    expect(slots[0]?.versions).toHaveLength(3);
    expect(R.report(claims, opts()).discrepancies.map((d) => d.reason)).toEqual(["conflict"]);
  });

  it("the best-supported version beats a more recent one: two sources saying 215 against a later 150", () => {
    const base = { ...returned, kind: "event" as const, ...on("2025-06-09") };
    const claims = [claim({ ...base, value: 215, attributedTo: "A" }, "2025-06-09"), claim({ ...base, value: 215, qualifier: "about", attributedTo: "B" }, "2025-06-09"), claim({ ...base, value: 150, attributedTo: "C" }, "2025-06-10")];
    const [slot] = FS.build(claims, R.defaultParties);
    expect(slot?.reconciled).toEqual({ best: 215, lo: 215, hi: 215 });
    expect(slot?.conflicts).toHaveLength(2);
  });
});

describe("cumulative figures and decreases", () => {
  it("a cumulative figure with validFrom counts from that day: '500 since June 2' adds to the 697 of May", () => {
    const claims = [
      claim({ ...returned, kind: "cumulative", value: 697, validTo: "2025-05-24", attributedTo: "Zelensky" }, "2025-05-24"),
      claim({ ...returned, kind: "cumulative", value: 500, validFrom: "2025-06-02", validTo: "2025-06-19", attributedTo: "Putin" }, "2025-06-20"),
    ];
    expect(total(claims)).toEqual({ best: 1197, lo: 1197, hi: 1197 });
    expect(R.report(claims, opts()).discrepancies).toEqual([]);
  });

  it("the same figure stated again on a later day is no decrease", () => {
    const claims = [
      claim({ ...returned, kind: "cumulative", value: 697, validTo: "2025-05-24", attributedTo: "Zelensky", dateSource: "text" }, "2025-05-24"),
      claim({ ...returned, kind: "cumulative", value: 697, validTo: "2025-05-26", attributedTo: "Lubinets", dateSource: "text" }, "2025-05-26"),
    ];
    expect(R.report(claims, opts()).discrepancies).toEqual([]);
    expect(total(claims)).toMatchObject({ best: 697, lo: 697 });
  });

  it("a decrease is measured against the highest earlier figure, not the previous one: 300, 100, 200 flags the 200", () => {
    const cum = (value: number, day: string, who: string) => claim({ ...returned, kind: "cumulative", value, validTo: day, attributedTo: who, dateSource: "text" }, day);
    const claims = [cum(300, "2025-06-01", "A"), cum(100, "2025-06-02", "B"), cum(200, "2025-06-03", "C")];
    const flagged = R.report(claims, opts()).discrepancies.filter((d) => d.reason === "decrease");
    const aside = flagged.flatMap((d) => d.setAside).map((id) => claims.find((c) => c.claimId === id)?.fields.value);
    expect(aside.sort()).toEqual([100, 200]);
  });

  it("an all-time figure below an earlier one is a decrease when the text dates it, and stale when only its article does", () => {
    const high = claim({ ...returned, kind: "cumulative", value: 6000, qualifier: "more_than", validTo: "2025-06-19", attributedTo: "Putin", dateSource: "text" }, "2025-06-20");
    const low = (dateSource: "text" | "publication") => claim({ ...returned, kind: "cumulative", value: 3600, validTo: "2025-06-20", attributedTo: "IANS", dateSource }, "2025-06-20");
    expect(R.report([high, low("text")], opts()).discrepancies.map((d) => d.reason)).toEqual(["decrease"]);
    expect(R.report([high, low("publication")], opts()).discrepancies.map((d) => d.reason)).toEqual(["stale"]);
  });
});

describe("undated claims", () => {
  const t1000 = () => claim({ ...agreed, value: 1000, ...on("2025-05-16"), attributedTo: "Zelensky" }, "2025-05-16");
  const t1200 = () => claim({ ...agreed, value: 1200, ...on("2025-06-02"), attributedTo: "Putin" }, "2025-06-02");

  it("an undated target joins the latest agreement it is consistent with, not the latest agreement", () => {
    const mention = claim({ ...agreed, value: 1000, attributedTo: "Reuters" }, "2025-06-10");
    const a = R.report([t1000(), t1200(), mention], opts()).agreements;
    expect(a.find((x) => x.agreedOn === "2025-05-16")?.versions.map((v) => v.claim.claimId)).toContain(mention.claimId);
    expect(a.find((x) => x.agreedOn === "2025-06-02")?.versions.map((v) => v.claim.claimId)).not.toContain(mention.claimId);
  });

  it("an undated target joins only an agreement that existed when it was published", () => {
    const mention = (published: string) => claim({ ...agreed, value: 1000, qualifier: "at_least", attributedTo: "Reuters" }, published);
    const early = mention("2025-05-20");
    const late = mention("2025-06-10");
    const a = R.report([t1000(), t1200(), early, late], opts()).agreements;
    expect(a.find((x) => x.agreedOn === "2025-05-16")?.versions.map((v) => v.claim.claimId)).toEqual(expect.arrayContaining([early.claimId]));
    expect(a.find((x) => x.agreedOn === "2025-05-16")?.versions.map((v) => v.claim.claimId)).not.toContain(late.claimId);
    expect(a.find((x) => x.agreedOn === "2025-06-02")?.versions.map((v) => v.claim.claimId)).toContain(late.claimId);
  });

  it("an undated event reported before an agreement was made does not widen that agreement's progress", () => {
    const claims = [
      claim({ ...agreed, value: 100, ...on("2025-06-02") }, "2025-06-02"),
      claim({ ...returned, kind: "event", value: 40, attributedTo: "Reuters" }, "2025-06-01"),
      claim({ ...returned, kind: "event", value: 30, ...on("2025-06-05") }, "2025-06-05"),
    ];
    expect(R.report(claims, opts()).agreements[0]).toMatchObject({ done: 30, doneLo: 30, doneHi: 30, remaining: 70 });
    // Since a day before it was reported, it may lie inside the window: it widens hi only.
    expect(total(claims, "2025-06-05", "2025-06-01")).toEqual({ best: 30, lo: 30, hi: 70 });
    expect(total(claims, "2025-06-05")).toEqual({ best: 70, lo: 70, hi: 70 });
  });
});

describe("the ceiling of a total with undated figures", () => {
  const undated = (value: number, known: string, more: Partial<Given> = {}) => claim({ ...returned, kind: "event", value, attributedTo: "Reuters", ...more }, known);
  const day = (value: number, d: string) => claim({ ...returned, kind: "event", value, ...on(d), attributedTo: `S${d}` }, d);

  it("an undated event no larger than the dated events through its article's day leaves the ceiling where they put it", () => {
    expect(total([day(50, "2025-06-01"), undated(30, "2025-06-03")], "2025-06-03")).toEqual({ best: 50, lo: 50, hi: 50 });
  });

  it("an undated event larger than the dated events through its article's day widens the ceiling by the excess only", () => {
    expect(total([day(50, "2025-06-01"), undated(80, "2025-06-03")], "2025-06-03")).toEqual({ best: 80, lo: 80, hi: 80 });
    expect(total([day(50, "2025-06-01"), undated(80, "2025-06-03", { qualifier: "about" })], "2025-06-03")).toEqual({ best: 80, lo: 76, hi: 84 });
  });

  it("an undated event of unbounded size leaves the ceiling unbounded, and only from its article's day", () => {
    const claims = [day(50, "2025-06-01"), undated(80, "2025-06-03", { qualifier: "at_least" })];
    expect(total(claims, "2025-06-03")).toEqual({ best: 80, lo: 80, hi: null });
    expect(total(claims, "2025-06-02")).toEqual({ best: 50, lo: 50, hi: 50 });
  });

  it("an undated event widens the ceiling of a window since a day only when its article's day lies in the window", () => {
    const claims = [day(50, "2025-06-01"), day(10, "2025-06-05"), undated(80, "2025-06-03")];
    expect(total(claims, "2025-06-05", "2025-06-02")).toEqual({ best: 10, lo: 10, hi: 40 });
    expect(total(claims, "2025-06-05", "2025-06-04")).toEqual({ best: 10, lo: 10, hi: 10 });
  });

  it("a running count with no as-of day bounds the ceiling like an undated event", () => {
    const count = (value: number) => claim({ ...returned, kind: "cumulative", value, attributedTo: "Lubinets" }, "2025-06-03");
    expect(total([day(50, "2025-06-01"), count(40)], "2025-06-03")).toEqual({ best: 50, lo: 50, hi: 50 });
    expect(total([day(50, "2025-06-01"), count(70)], "2025-06-03")).toEqual({ best: 70, lo: 70, hi: 70 });
  });

  it("the best figure of an undated figure alone is its own best, not its lower bound", () => {
    expect(total([undated(100, "2025-06-03", { qualifier: "about" })], "2025-06-03")).toEqual({ best: 100, lo: 95, hi: 105 });
  });
});

describe("agreement progress", () => {
  const deal = (value: number) => claim({ ...agreed, value, ...on("2025-06-02") }, "2025-06-02");
  const ev = (value: number, day: string) => claim({ ...returned, kind: "event", value, ...on(day), attributedTo: `S${day}` }, day);

  it("events on the agreement's own day count toward it", () => {
    expect(R.report([deal(100), ev(40, "2025-06-02")], opts()).agreements[0]).toMatchObject({ done: 40, remaining: 60 });
  });

  it("events the day before the agreement was made do not count toward it", () => {
    expect(R.report([deal(100), ev(40, "2025-06-01")], opts()).agreements[0]).toMatchObject({ done: 0, remaining: 100 });
  });

  it("a target met exactly has nothing remaining", () => {
    expect(R.report([deal(100), ev(60, "2025-06-03"), ev(40, "2025-06-04")], opts()).agreements[0]).toMatchObject({ done: 100, remaining: 0 });
  });

  it("a target exceeded has nothing remaining, never a negative figure", () => {
    expect(R.report([deal(100), ev(130, "2025-06-03")], opts()).agreements[0]).toMatchObject({ done: 130, remaining: 0 });
  });

  it("progress counts only through the day asked", () => {
    const claims = [deal(100), ev(60, "2025-06-03"), ev(40, "2025-06-04")];
    expect(R.report(claims, opts("2025-06-03")).agreements[0]).toMatchObject({ done: 60, remaining: 40, scope: { from: "2025-06-02", to: "2025-06-03" } });
  });
});

describe("--through", () => {
  it("a conflict about a day after --through is not reported, and is from that day on", () => {
    const base = { ...returned, kind: "event" as const, ...on("2025-06-05") };
    const claims = [claim({ ...base, value: 10, attributedTo: "A" }, "2025-06-05"), claim({ ...base, value: 20, attributedTo: "B" }, "2025-06-05")];
    expect(R.report(claims, opts("2025-06-04")).discrepancies).toEqual([]);
    expect(R.report(claims, opts("2025-06-05")).discrepancies.map((d) => d.reason)).toEqual(["conflict"]);
  });

  it("a window conflict ending after --through is not reported", () => {
    const claims = [
      claim({ ...returned, kind: "event", value: 390, ...on("2025-05-23") }, "2025-05-24"),
      claim({ ...returned, kind: "cumulative", value: 300, validTo: "2025-05-26", dateSource: "text" }, "2025-05-26"),
    ];
    expect(R.report(claims, opts("2025-05-25")).discrepancies).toEqual([]);
    expect(R.report(claims, opts("2025-05-26")).discrepancies.map((d) => d.reason)).toEqual(["events_exceed_cumulative"]);
  });
});

describe("the ledger's amendments", () => {
  const article: ArticleRecorded = {
    type: "ArticleRecorded",
    version: 2,
    articleId: "a",
    textHash: "a",
    text: "a",
    path: null,
    publishedAt: "2025-06-01",
    outlet: "Reuters",
    wire: null,
    url: null,
    learned: { publishedAt: "text", outlet: "text", url: "none" },
    copyOf: null,
    extractor: { name: "t", version: "1" },
    recordedAt: "2025-06-01T08:00:00.000Z",
  };
  const fields = (id: string, value: number): ClaimFields => ({ id, ...returned, kind: "event", value, qualifier: "exact", lo: value, hi: value, ...on("2025-06-01"), attributedTo: "Reuters", evidence: { start: 1, end: 2, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" });
  const reported = (id: string, value: number, origin: "extracted" | "manual", recordedAt: string): ClaimReported => ({
    type: "ClaimReported",
    version: 3,
    claimId: id,
    articleId: "a",
    claim: fields(id, value),
    reportedVia: null,
    origin,
    analyst: origin === "manual" ? "analyst" : null,
    extractor: { name: "t", version: "1" },
    recordedAt,
  });
  const corrected = (value: number, recordedAt: string): ClaimCorrected => ({ type: "ClaimCorrected", version: 1, claimId: "c", changes: { value }, reason: "r", analyst: "x", recordedAt });

  it("corrections apply oldest first, so the latest recorded one is in force, whatever order the events are stored in", () => {
    for (const order of [
      [corrected(10, "2025-06-03T09:00:00.000Z"), corrected(20, "2025-06-05T09:00:00.000Z")],
      [corrected(20, "2025-06-05T09:00:00.000Z"), corrected(10, "2025-06-03T09:00:00.000Z")],
    ]) {
      const ledger = L.fromEvents([article, reported("c", 5, "extracted", "2025-06-01T08:00:00.000Z"), ...order]);
      const valueOn = (d: string) => L.view(ledger, { knownAt: d })[0]?.fields;
      expect(valueOn("2025-06-02")).toMatchObject({ value: 5, lo: 5, hi: 5 });
      expect(valueOn("2025-06-04")).toMatchObject({ value: 10, lo: 10, hi: 10 });
      expect(valueOn("2025-06-06")).toMatchObject({ value: 20, lo: 20, hi: 20 });
      expect(L.view(ledger, { knownAt: "2025-06-06" })[0]?.amendedOn).toEqual(["2025-06-03", "2025-06-05"]);
    }
  });

  it("a manual claim is known from the day it was recorded, not from its article's publication day", () => {
    const ledger = L.fromEvents([article, reported("m", 7, "manual", "2025-06-10T09:00:00.000Z")]);
    expect(L.view(ledger, { knownAt: "2025-06-09" })).toEqual([]);
    expect(L.view(ledger, { knownAt: "2025-06-10" }).map((c) => [c.claimId, c.knownAt])).toEqual([["m", "2025-06-10"]]);
  });

  it("an extracted claim is known from its article's publication day", () => {
    const ledger = L.fromEvents([article, reported("e", 7, "extracted", "2025-06-10T09:00:00.000Z")]);
    expect(L.view(ledger, { knownAt: "2025-06-01" }).map((c) => c.claimId)).toEqual(["e"]);
  });
});

describe("the audit", () => {
  const article = (id: string, published: string): ArticleRecorded => ({
    type: "ArticleRecorded",
    version: 2,
    articleId: id,
    textHash: id,
    text: id,
    path: null,
    publishedAt: published,
    outlet: "Reuters",
    wire: null,
    url: null,
    learned: { publishedAt: "text", outlet: "text", url: "none" },
    copyOf: null,
    extractor: { name: "t", version: "1" },
    recordedAt: `${published}T08:00:00.000Z`,
  });
  const reported = (id: string, articleId: string, value: number, day: string, who: string): ClaimReported => ({
    type: "ClaimReported",
    version: 3,
    claimId: id,
    articleId,
    claim: { id, ...returned, kind: "event", value, qualifier: "exact", lo: value, hi: value, ...on(day), attributedTo: who, evidence: { start: 1, end: 2, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
    reportedVia: null,
    origin: "extracted",
    analyst: null,
    extractor: { name: "t", version: "1" },
    recordedAt: `${day}T08:00:00.000Z`,
  });

  it("keeps only the steps where the total changed, each with its article, claims and figures before and after", () => {
    const ledger = L.fromEvents([
      article("a1", "2025-06-01"),
      reported("c1", "a1", 100, "2025-06-01", "Zelensky"),
      article("a2", "2025-06-02"),
      reported("c2", "a2", 100, "2025-06-01", "Lubinets"), // the same figure again: no change
      article("a3", "2025-06-03"),
      reported("c3", "a3", 50, "2025-06-03", "Zelensky"),
    ]);
    expect(Audit.audit(ledger, "prisoners_returned", "to_ukraine", { parties: R.defaultParties, through: null })).toEqual([
      { knownAt: "2025-06-01", articleId: "a1", claimIds: ["c1"], before: { best: null, lo: null, hi: null }, after: { best: 100, lo: 100, hi: 100 } },
      { knownAt: "2025-06-03", articleId: "a3", claimIds: ["c3"], before: { best: 100, lo: 100, hi: 100 }, after: { best: 150, lo: 150, hi: 150 } },
    ]);
  });

  it("an analyst's correction recorded on an article's own day is a step of its own, after the article's", () => {
    const ledger = L.fromEvents([
      article("a1", "2025-06-01"),
      { ...reported("c1", "a1", 100, "2025-06-01", "Zelensky"), claim: { ...reported("c1", "a1", 100, "2025-06-01", "Zelensky").claim, qualifier: "at_least", hi: null } },
      { type: "ClaimCorrected", version: 1, claimId: "c1", changes: { qualifier: "exact" }, reason: "r", analyst: "x", recordedAt: "2025-06-01T07:00:00.000Z" },
    ]);
    expect(Audit.audit(ledger, "prisoners_returned", "to_ukraine", { parties: R.defaultParties, through: null })).toEqual([
      { knownAt: "2025-06-01", articleId: "a1", claimIds: ["c1"], before: { best: null, lo: null, hi: null }, after: { best: 100, lo: 100, hi: null } },
      { knownAt: "2025-06-01", articleId: null, claimIds: ["c1"], before: { best: 100, lo: 100, hi: null }, after: { best: 100, lo: 100, hi: 100 } },
    ]);
  });

  it("a claim rejected later is still the step that raised the total, and the rejection a step of its own, with no article", () => {
    const ledger = L.fromEvents([article("a1", "2025-06-01"), reported("c1", "a1", 100, "2025-06-01", "Zelensky"), { type: "ClaimRejected", version: 1, claimId: "c1", reason: "r", analyst: "x", recordedAt: "2025-06-04T10:00:00.000Z" }]);
    const changes = Audit.audit(ledger, "prisoners_returned", "to_ukraine", { parties: R.defaultParties, through: null });
    expect(changes).toEqual([
      { knownAt: "2025-06-01", articleId: "a1", claimIds: ["c1"], before: { best: null, lo: null, hi: null }, after: { best: 100, lo: 100, hi: 100 } },
      { knownAt: "2025-06-04", articleId: null, claimIds: ["c1"], before: { best: 100, lo: 100, hi: 100 }, after: { best: null, lo: null, hi: null } },
    ]);
  });
});

describe("a running count under an agreement ends at the next deal (rule 5)", () => {
  // Deal A on May 16; a count "under" it said as of June 19 (T); 500 returned on June 10; another deal (B) on June 2, or none.
  const history = (deal: { readonly madeOn: string; readonly publishedOn: string; readonly direction?: string; readonly commitment?: "agreed" | "offered" } | null): LedgerEvent[] => {
    const article = (id: string, published: string): ArticleRecorded => ({
      type: "ArticleRecorded", version: 2, articleId: id, textHash: id, text: id, path: null, publishedAt: published, outlet: "Reuters", wire: null, url: null,
      learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "t", version: "1" }, recordedAt: `${published}T08:00:00.000Z`,
    });
    const reported = (id: string, articleId: string, published: string, f: Omit<ClaimFields, "id" | "lo" | "hi" | "qualifier" | "evidence" | "group" | "dateSource" | "agreement" | "commitment"> & Partial<ClaimFields>): ClaimReported => ({
      type: "ClaimReported", version: 3, claimId: id, articleId, reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "t", version: "1" }, recordedAt: `${published}T08:00:00.000Z`,
      claim: { id, qualifier: "exact", lo: f.value ?? 0, hi: f.value ?? 0, evidence: { start: 0, end: 1, text: "" }, group: null, dateSource: "text", agreement: null, commitment: null, ...f },
    });
    return [
      article("a1", "2025-05-16"),
      reported("dealA", "a1", "2025-05-16", { metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 1000, ...on("2025-05-16"), attributedTo: "Zelensky", commitment: "agreed" }),
      article("a2", "2025-06-10"),
      reported("june10", "a2", "2025-06-10", { ...returned, kind: "event", value: 500, ...on("2025-06-10"), attributedTo: "Lubinets" }),
      article("a3", "2025-06-19"),
      reported("count", "a3", "2025-06-19", { ...returned, kind: "cumulative", value: 1000, validFrom: null, validTo: "2025-06-19", attributedTo: "Yermak", agreement: { agreedOn: "2025-05-16", value: 1000 } }),
      ...(deal === null
        ? []
        : [
            article("a4", deal.publishedOn),
            reported("dealB", "a4", deal.publishedOn, { metric: "prisoners_agreed", direction: deal.direction ?? "total", kind: "target", value: 1200, ...on(deal.madeOn), attributedTo: "Medinsky", commitment: deal.commitment ?? "agreed" }),
          ]),
    ];
  };
  const known = (events: readonly LedgerEvent[], knownAt: string) => L.view(L.fromEvents(events), { knownAt });
  const countReading = (claims: readonly ClaimView[]) => R.findTotal(R.report(claims, opts()), "prisoners_returned", "to_ukraine")!.readings.find((r) => r.slot.kind === "cumulative")!;
  const dealA = (claims: readonly ClaimView[]) => R.report(claims, opts()).agreements.find((a) => a.agreedOn === "2025-05-16" && a.direction === "to_ukraine")!;

  it("with a deal made between its agreement and its as-of day (June 2, both sides together), the count's window is May 16..June 1; its slot is still as of June 19", () => {
    const r = countReading(known(history({ madeOn: "2025-06-02", publishedOn: "2025-06-02" }), "2025-06-25"));
    expect(r.window).toEqual({ from: "2025-05-16", to: "2025-06-01" });
    expect(r.reading).toBe("window");
    expect(r.slot).toMatchObject({ day: "2025-06-19", validTo: "2025-06-19", key: "prisoners_returned|to_ukraine|cumulative|2025-05-16..2025-06-19" });
  });

  it("a deal made on the count's own as-of day does not cut it: the count told on the day of new talks includes that day (2026-12-06)", () => {
    const r = countReading(known(history({ madeOn: "2025-06-19", publishedOn: "2025-06-19" }), "2025-06-25"));
    expect(r.window).toEqual({ from: "2025-05-16", to: "2025-06-19" });
    // The day after its as-of day, a deal is no cut either (after it), and the day before is one.
    expect(countReading(known(history({ madeOn: "2025-06-18", publishedOn: "2025-06-18" }), "2025-06-25")).window).toEqual({ from: "2025-05-16", to: "2025-06-17" });
  });

  it("so the deal it is counted under has done its 1,000, and the June exchange adds to it (fails if the cap is removed: the 500 of June 10 would sit inside the 1,000)", () => {
    const claims = known(history({ madeOn: "2025-06-02", publishedOn: "2025-06-02" }), "2025-06-25");
    expect(dealA(claims)).toMatchObject({ done: 1000, doneLo: 1000, doneHi: 1000, remaining: 0, scope: { from: "2025-05-16", to: "2025-06-01" } });
    expect(total(claims, "2025-06-10")).toEqual({ best: 1500, lo: 1500, hi: 1500 });
    // The count as of June 19 no longer speaks of June 2..19: after June 10, the last day a figure reaches, no ceiling.
    expect(total(claims, "2025-06-19")).toEqual({ best: 1500, lo: 1500, hi: null });
  });

  it("with no other deal, the window runs from its agreement to its as-of day, and the June exchange is inside it", () => {
    const claims = known(history(null), "2025-06-25");
    expect(countReading(claims).window).toEqual({ from: "2025-05-16", to: "2025-06-19" });
    expect(total(claims, "2025-06-19")).toEqual({ best: 1000, lo: 1000, hi: 1000 });
  });

  it("a deal made after its as-of day leaves the window alone, and so does an offer made between", () => {
    for (const deal of [{ madeOn: "2025-06-22", publishedOn: "2025-06-22" }, { madeOn: "2025-06-02", publishedOn: "2025-06-02", direction: "to_ukraine", commitment: "offered" as const }]) {
      const claims = known(history(deal), "2025-06-25");
      expect(countReading(claims).window).toEqual({ from: "2025-05-16", to: "2025-06-19" });
      expect(total(claims, "2025-06-19")).toEqual({ best: 1000, lo: 1000, hi: 1000 });
    }
  });

  it("a part counts under the whole's deals: soldiers returned under the May 16 deal end at the June 2 deal, in the report and in the warm index (a whole known only through its parts too)", () => {
    const events = history({ madeOn: "2025-06-02", publishedOn: "2025-06-24" }).map((e) =>
      e.type === "ClaimReported" && e.claimId !== "dealA" && e.claimId !== "dealB" ? { ...e, claim: { ...e.claim, metric: "soldiers_returned" } } : e,
    );
    const index = TI.build(L.fromEvents(events), R.defaultParties);
    for (const [knownAt, through] of [["2025-06-23", "2025-06-19"], ["2025-06-24", "2025-06-19"], ["2025-06-24", "2025-06-05"], ["2025-06-23", "2025-06-05"], ["2025-06-24", "2025-06-01"]] as const) {
      const expected = R.report(known(events, knownAt), opts(through)).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));
      expect(index.figuresAt(knownAt, through)).toEqual(expected);
    }
    const soldiers = R.findTotal(R.report(known(events, "2025-06-24"), opts()), "soldiers_returned", "to_ukraine")!;
    expect(soldiers.readings.find((r) => r.slot.kind === "cumulative")!.window).toEqual({ from: "2025-05-16", to: "2025-06-01" });
    // Known on June 24 the whole through June 5 is at least the 1,000 of May 16..June 1; known on June 23 its days could lie
    // after June 5, so the whole, known only through its parts, has no total through June 5 (nothing counted toward it).
    expect(R.findTotal(R.report(known(events, "2025-06-24"), opts("2025-06-05")), "prisoners_returned", "to_ukraine")).toMatchObject({ lo: 1000 });
    expect(R.findTotal(R.report(known(events, "2025-06-23"), opts("2025-06-05")), "prisoners_returned", "to_ukraine")).toBeUndefined();
  });

  it("a deal learned only later (made June 2, first reported June 24) ends the window from the day it is known: the answer known before is the old one, in the report, the warm index and the audit", () => {
    const events = history({ madeOn: "2025-06-02", publishedOn: "2025-06-24", direction: "to_russia" });
    expect(countReading(known(events, "2025-06-23")).window).toEqual({ from: "2025-05-16", to: "2025-06-19" });
    expect(total(known(events, "2025-06-23"), "2025-06-19")).toEqual({ best: 1000, lo: 1000, hi: 1000 });
    expect(countReading(known(events, "2025-06-24")).window).toEqual({ from: "2025-05-16", to: "2025-06-01" });
    expect(total(known(events, "2025-06-24"), "2025-06-19")).toEqual({ best: 1500, lo: 1500, hi: null });
    const index = TI.build(L.fromEvents(events), R.defaultParties);
    const people = (k: string, t: string) => index.figuresAt(k, t).find((f) => f.metric === "prisoners_returned" && f.direction === "to_ukraine");
    expect(people("2025-06-23", "2025-06-19")).toMatchObject({ best: 1000, lo: 1000, hi: 1000 });
    expect(people("2025-06-24", "2025-06-19")).toMatchObject({ best: 1500, lo: 1500, hi: null });
    expect(people("2025-06-24", "2025-06-10")).toMatchObject({ best: 1500, lo: 1500, hi: 1500 });
    const changes = Audit.audit(L.fromEvents(events), "prisoners_returned", "to_ukraine", { parties: R.defaultParties, through: "2025-06-19" });
    expect(changes.at(-1)).toEqual({ knownAt: "2025-06-24", articleId: "a4", claimIds: ["dealB"], before: { best: 1000, lo: 1000, hi: 1000 }, after: { best: 1500, lo: 1500, hi: null } });
  });
});
