/**
 * Agreements and offers (rule 6 of docs/reconciliation.md), one behaviour per test: an agreement's scope,
 * events linked by their sources, the row of both sides together, offers apart, N-for-N asymmetries.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClaimView } from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { claimMaker, type GivenClaim as Given } from "./testing.ts";

const claim = claimMaker({ targetsAgreed: true });
const on = (d: string) => ({ validFrom: d, validTo: d });
const report = (claims: readonly ClaimView[], through: string | null = null) => R.report(claims, { through, parties: R.defaultParties });
const deal = (value: number, day: string, more: Partial<Given> = {}) => claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value, ...on(day), attributedTo: "Zelensky", ...more }, day);
const returned = (value: number, day: string, more: Partial<Given> = {}) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value, ...on(day), attributedTo: `S${day}`, ...more }, day);
const progress = (claims: readonly ClaimView[], through: string | null = null) =>
  report(claims, through).agreements.map((a) => ({ agreedOn: a.agreedOn, direction: a.direction, done: a.done, doneLo: a.doneLo, doneHi: a.doneHi, remaining: a.remaining }));

describe("an agreement's scope", () => {
  it("runs to the day before the next agreement on the same count, and the next one counts from its own day", () => {
    const claims = [deal(100, "2025-06-01"), deal(50, "2025-06-05"), returned(30, "2025-06-04"), returned(20, "2025-06-05")];
    const [first, second] = report(claims).agreements;
    expect([first?.scope, first?.done, second?.scope, second?.done]).toEqual([{ from: "2025-06-01", to: "2025-06-04" }, 30, { from: "2025-06-05", to: "2025-06-05" }, 20]);
  });

  it("ends at a later deal on the same count made for both sides together, not only at one for its own direction", () => {
    const claims = [deal(1000, "2025-05-16"), deal(1200, "2025-06-02", { direction: "total" }), returned(390, "2025-05-23"), returned(500, "2025-06-10")];
    const may = report(claims).agreements.find((a) => a.agreedOn === "2025-05-16");
    expect([may?.scope, may?.done]).toEqual([{ from: "2025-05-16", to: "2025-06-01" }, 390]);
  });

  it("lists the event slots inside it, and no others", () => {
    const claims = [deal(100, "2025-06-02"), returned(30, "2025-06-01"), returned(20, "2025-06-03")];
    expect(report(claims).agreements[0]?.slots.map((s) => s.reconciled.best)).toEqual([20]);
  });

  it("of an agreement made after the day asked has no progress and is not listed", () => {
    expect(report([deal(100, "2025-06-05"), returned(30, "2025-06-05")], "2025-06-04").agreements).toEqual([]);
  });

  it("with nothing returned yet has nothing done and the whole target remaining", () => {
    expect(progress([deal(100, "2025-06-02")])).toEqual([{ agreedOn: "2025-06-02", direction: "to_ukraine", done: 0, doneLo: 0, doneHi: 0, remaining: 100 }]);
  });

  it("of a swap whose one side was reported and the other not has, for the silent side, no ceiling: '≥ 0', not 'nothing done'", () => {
    const claims = [deal(1000, "2025-05-16", { direction: "each_side" }), deal(1200, "2025-06-02", { direction: "each_side" }), returned(20, "2025-05-01", { direction: "to_russia" }), returned(1000, "2025-05-25"), returned(300, "2025-06-10", { direction: "to_russia" })];
    const may = progress(claims).filter((a) => a.agreedOn === "2025-05-16");
    expect(may).toEqual([
      { agreedOn: "2025-05-16", direction: "to_russia", done: 0, doneLo: 0, doneHi: null, remaining: 1000 },
      { agreedOn: "2025-05-16", direction: "to_ukraine", done: 1000, doneLo: 1000, doneHi: 1000, remaining: 0 },
    ]);
    // One report of Russia's side inside the scope: the closed count of the reported days holds again.
    const told = progress([...claims, returned(990, "2025-05-25", { direction: "to_russia" })]).find((a) => a.agreedOn === "2025-05-16" && a.direction === "to_russia");
    expect([told?.done, told?.doneHi]).toEqual([990, 990]);
  });

  it("approached and then overshot by more than a tenth in one day, ends the day before: the overshooting day is beyond it", () => {
    // "out of 110 people agreed in the swap, two had decided to remain in Russia": 108 came; a week later 140 more.
    const claims = [deal(110, "2025-06-01"), returned(108, "2025-06-02"), returned(140, "2025-06-09")];
    const [a] = report(claims).agreements;
    expect([a?.done, a?.remaining, a?.scope]).toEqual([108, 2, { from: "2025-06-01", to: "2025-06-08" }]);
    // Asked through a day after the last report, the cut scope keeps its ceiling: it ended inside the reported days.
    const [later] = report(claims, "2025-07-01").agreements;
    expect([later?.done, later?.doneLo, later?.doneHi]).toEqual([108, 108, 108]);
    // Within a tenth of its ceiling the day still meets it; so does a first report past it (a deal of 100, a swap of 130).
    expect(progress([deal(110, "2025-06-01"), returned(100, "2025-06-02"), returned(20, "2025-06-09")]).map((x) => x.done)).toEqual([120]);
    expect(progress([deal(100, "2025-06-01"), returned(130, "2025-06-09")]).map((x) => x.done)).toEqual([130]);
    // A target with no ceiling ("at least 100") is met by any figure past it.
    expect(progress([deal(100, "2025-06-01", { qualifier: "at_least" }), returned(60, "2025-06-02"), returned(140, "2025-06-09")]).map((x) => x.done)).toEqual([200]);
  });

  it("law: a first exchange short of an exact target, then one that takes the total past a tenth over it: the second is beyond the deal", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 5000 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.double({ min: 0.11, max: 3, noNaN: true }), fc.integer({ min: 1, max: 20 }), (target, first, over, gap) => {
        const a = Math.max(1, Math.floor(target * first));
        if (a >= target) return;
        const b = Math.ceil(target * (1 + over)) - a + 1; // a + b > 1.1 × target
        const second = new Date(Date.UTC(2025, 5, 2 + gap)).toISOString().slice(0, 10);
        const [row] = progress([deal(target, "2025-06-01"), returned(a, "2025-06-02"), returned(b, second)]);
        expect([row?.done, row?.remaining]).toEqual([a, target - a]);
        // Reached within a tenth, the second exchange meets it.
        const near = Math.max(target - a, Math.floor(target * 1.1) - a);
        const [met] = progress([deal(target, "2025-06-01"), returned(a, "2025-06-02"), returned(near, second)]);
        expect([met?.done, met?.remaining]).toEqual([a + near, 0]);
      }),
      { numRuns: 200 },
    );
  });

  it("ends on the day a target stated as an interval is reached by its best figure, so later returns are beyond it", () => {
    const claims = [deal(100, "2025-06-01", { qualifier: "about" }), returned(60, "2025-06-02"), returned(40, "2025-06-03"), returned(10, "2025-06-04")];
    const [a] = report(claims).agreements;
    expect([a?.target, a?.done, a?.scope.to]).toEqual([100, 100, "2025-06-03"]);
  });
});

describe("a scope's own figures", () => {
  // Outlet: "The exchange took place in three stages, with a total of 1,000 returned" (under the May 16 deal);
  // two officials: 1,500 returned since the invasion (February 24, 2022), as of June 19; a later report: 600 returned on June 10.
  const underMay = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value: 1000, validFrom: "2025-05-16", validTo: "2025-06-19", attributedTo: "Outlet", agreement: { agreedOn: "2025-05-16", value: 1000 } }, "2025-06-19");
  const allTime = (who: string) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value: 1500, validFrom: "2022-02-24", validTo: "2025-06-19", attributedTo: who }, "2025-06-19");
  const june10 = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 600, ...on("2025-06-10"), attributedTo: "Agency" }, "2025-06-21");
  const claims = [deal(1000, "2025-05-16"), deal(1200, "2025-06-02"), underMay, allTime("Yusov"), allTime("Lubinets"), june10];

  it("answer an agreement whose own figure the whole count set aside: done is what was said of its scope", () => {
    const r = report(claims);
    // The whole count keeps the two officials' 1,500 and the later 600, and sets the 1,000 aside, with a flag.
    expect(r.totals.find((t) => t.metric === "prisoners_returned")?.lo).toBe(1500);
    expect(r.discrepancies.some((d) => d.reason === "window_conflict" && d.setAside.includes(underMay.claimId))).toBe(true);
    expect(progress(claims)).toEqual([
      { agreedOn: "2025-05-16", direction: "to_ukraine", done: 1000, doneLo: 1000, doneHi: 1000, remaining: 0 },
      { agreedOn: "2025-06-02", direction: "to_ukraine", done: 600, doneLo: 600, doneHi: 1500, remaining: 600 },
    ]);
  });

  it("leave an agreement to the whole count when nothing inside its scope was set aside", () => {
    // Without the officials' all-time count nothing conflicts: the same progress, read from the whole count.
    const alone = [deal(1000, "2025-05-16"), deal(1200, "2025-06-02"), underMay, june10];
    expect(report(alone).discrepancies.filter((d) => d.reason === "window_conflict")).toEqual([]);
    expect(progress(alone)[0]).toEqual({ agreedOn: "2025-05-16", direction: "to_ukraine", done: 1000, doneLo: 1000, doneHi: 1000, remaining: 0 });
    // With it, the May scope read from the whole count would be 0 done (at most 1,500 − 600 = 900): the rule is what gives 1,000.
    const whole = report(claims).totals.find((t) => t.metric === "prisoners_returned");
    expect(whole?.readings.find((x) => x.slot.versions.some((v) => v.current.claim.claimId === underMay.claimId))?.reading).toBe("set_aside");
  });
});

describe("an undated mention of a deal by its figure", () => {
  const undated = (value: number, published: string) => claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value, attributedTo: "UNN" }, published);

  it("is a version of the latest dated deal before it with that figure, not a deal of its own", () => {
    const claims = [deal(1000, "2025-05-16"), deal(1200, "2025-06-02"), undated(1000, "2025-07-02"), returned(390, "2025-05-23")];
    const rows = report(claims).agreements;
    expect(rows.map((a) => a.agreedOn)).toEqual(["2025-05-16", "2025-06-02"]);
    expect(rows[0]?.versions.map((v) => v.claim.fields.attributedTo).sort()).toEqual(["UNN", "Zelensky"]);
    expect(rows[0]?.sources).toContain("UNN");
  });

  it("with no dated deal of that figure made before it stays a deal of its own", () => {
    const rows = report([deal(1000, "2025-05-16"), undated(640, "2025-07-02")]).agreements;
    expect(rows.map((a) => [a.agreedOn, a.target])).toEqual([["2025-05-16", 1000], [null, 640]]);
  });

  it("is never joined to a deal made after it was published", () => {
    const rows = report([undated(1000, "2025-05-10"), deal(1000, "2025-05-16")]).agreements;
    expect(rows.map((a) => a.agreedOn).sort()).toEqual(["2025-05-16", null].sort());
  });
});

describe("events their sources link to an agreement", () => {
  it("an event inside one agreement's scope that its source counts under an earlier agreement is taken out of the later one", () => {
    const claims = [deal(100, "2025-06-01"), deal(100, "2025-06-03"), returned(30, "2025-06-04", { agreement: { agreedOn: "2025-06-01", value: null } }), returned(20, "2025-06-05")];
    expect(progress(claims).map((a) => [a.agreedOn, a.done, a.doneLo, a.doneHi])).toEqual([
      ["2025-06-01", 30, 30, 30],
      ["2025-06-03", 20, 20, 20],
    ]);
  });

  it("a link to a day on which no agreement was made changes nothing", () => {
    const claims = [deal(100, "2025-06-01"), returned(30, "2025-06-04", { agreement: { agreedOn: "2025-05-20", value: null } })];
    expect(progress(claims).map((a) => a.done)).toEqual([30]);
  });

  it("an event after an agreement was fulfilled that its source still counts under it is added to it", () => {
    const claims = [deal(50, "2025-06-01"), returned(50, "2025-06-02"), returned(10, "2025-06-04", { agreement: { agreedOn: "2025-06-01", value: null } })];
    const [a] = report(claims).agreements;
    expect([a?.done, a?.doneLo, a?.doneHi, a?.slots.map((s) => s.reconciled.best)]).toEqual([60, 60, 60, [50, 10]]);
  });
});

describe("the row of both sides together", () => {
  it("adds the progress of the two directions", () => {
    const both = claim({ metric: "prisoners_agreed", direction: "total", kind: "target", value: 200, ...on("2025-06-01"), attributedTo: "Putin" }, "2025-06-01");
    const claims = [both, returned(30, "2025-06-02"), returned(20, "2025-06-03", { direction: "to_russia" })];
    const row = report(claims).agreements.find((a) => a.direction === "total");
    expect([row?.target, row?.done, row?.remaining]).toEqual([200, 50, 150]);
  });

  it("an N-for-N deal has one row per side and, stated as a total too, one agreement with every version", () => {
    const each = claim({ metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 100, ...on("2025-06-01"), attributedTo: "AFP" }, "2025-06-01");
    const both = claim({ metric: "prisoners_agreed", direction: "total", kind: "target", value: 200, ...on("2025-06-01"), attributedTo: "Putin" }, "2025-06-02");
    const claims = [each, both, returned(30, "2025-06-02"), returned(20, "2025-06-02", { direction: "to_russia" })];
    const rows = report(claims).agreements;
    expect(rows.map((a) => [a.direction, a.target, a.done])).toEqual([
      ["to_russia", 100, 20],
      ["to_ukraine", 100, 30],
      ["total", 200, 50],
    ]);
    expect(new Set(rows.map((a) => a.agreementId)).size).toBe(1);
    expect(rows[0]?.sources).toEqual(["AFP", "Putin"]);
    // One version per claim: the each_side target sits in both directions' slots but is one statement.
    expect(rows[0]?.versions.map((v) => v.claim.claimId).sort()).toEqual([each.claimId, both.claimId].sort());
  });
});

describe("agreements without a day", () => {
  it("a target with no date and no agreement to join counts from its article's day", () => {
    const mention = claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 100, attributedTo: "Reuters" }, "2025-06-03");
    const claims = [mention, returned(30, "2025-06-02"), returned(20, "2025-06-04")];
    const [a] = report(claims).agreements;
    expect([a?.agreedOn, a?.scope.from, a?.done]).toEqual([null, "2025-06-03", 20]);
  });
});

describe("offers", () => {
  const offer = (value: number, day: string) => claim({ metric: "bodies_agreed", direction: "to_ukraine", kind: "target", value, qualifier: "nearly", ...on(day), commitment: "offered", attributedTo: "Medinsky" }, day);

  it("a one-sided offer is listed with its figure and source, and counts toward no agreement", () => {
    const r = report([offer(3000, "2025-06-19"), claim({ metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1200, ...on("2025-06-20") }, "2025-06-20")]);
    expect(r.agreements).toEqual([]);
    expect(r.offers.map((o) => [o.metric, o.direction, o.offeredOn, o.figure, o.sources])).toEqual([["bodies_agreed", "to_ukraine", "2025-06-19", { best: 3000, lo: 2850, hi: 3000 }, ["Medinsky"]]]);
  });

  it("an offer names its sources in alphabetical order, each once, as first heard", () => {
    const by = (who: string, known: string) => claim({ metric: "bodies_agreed", direction: "to_ukraine", kind: "target", value: 3000, qualifier: "nearly", ...on("2025-06-19"), commitment: "offered", attributedTo: who }, known);
    expect(report([by("Medinsky", "2025-06-19"), by("AFP", "2025-06-21"), by("Medinsky", "2025-06-20")]).offers[0]?.sources).toEqual(["AFP", "Medinsky"]);
  });

  it("an offer is listed only from the day it was made", () => {
    const claims = [offer(3000, "2025-06-19")];
    expect(report(claims, "2025-06-18").offers).toEqual([]);
    expect(report(claims, "2025-06-19").offers).toHaveLength(1);
  });

  it("an agreed target is no offer", () => {
    expect(report([deal(100, "2025-06-02")]).offers).toEqual([]);
  });
});

describe("N-for-N asymmetries", () => {
  const each = (value: number, day: string) => claim({ metric: "prisoners_agreed", direction: "each_side", kind: "target", value, ...on(day), attributedTo: "AFP" }, day);
  const phase = (toUkraine: number, toRussia: number, day: string) => [returned(toUkraine, day), returned(toRussia, day, { direction: "to_russia" })];
  const flags = (claims: readonly ClaimView[], through: string | null = null) => report(claims, through).discrepancies.filter((d) => d.reason === "asymmetric");

  it("a phase after an N-for-N deal whose two directions differ is flagged, naming both sides' versions and asking for a corrected value", () => {
    const claims = [each(100, "2025-06-01"), ...phase(30, 20, "2025-06-03")];
    const [f] = flags(claims);
    expect([f?.direction, f?.kind, f?.validFrom, f?.setAside, f?.resolve.map((x) => x.action)]).toEqual(["each_side", "event", "2025-06-03", [], ["correct_value"]]);
    expect(f?.versions.map((v) => v.claim.fields.value).sort()).toEqual([20, 30]);
    expect([...(f?.kept ?? [])].sort()).toEqual(f?.versions.map((v) => v.claim.claimId).sort());
    expect(f?.detail).toContain("to_ukraine");
  });

  it("a handover of bodies under a 6,000-for-6,000 deal is not a swap: its unequal directions are not flagged", () => {
    const bodies = (direction: string, value: number, day: string) => claim({ metric: "bodies_returned", direction, kind: "event", value, ...on(day), attributedTo: `B${day}` }, day);
    const deal6000 = claim({ metric: "bodies_agreed", direction: "each_side", kind: "target", value: 6000, ...on("2025-06-02"), attributedTo: "AFP" }, "2025-06-02");
    expect(flags([deal6000, bodies("to_ukraine", 1212, "2025-06-11"), bodies("to_russia", 27, "2025-06-11")])).toEqual([]);
    // The same figures for living prisoners under a 1,000-for-1,000 deal are flagged.
    expect(flags([each(1000, "2025-06-02"), ...phase(1212, 27, "2025-06-11")])).toHaveLength(1);
  });

  it("a phase whose two directions agree is not flagged", () => {
    expect(flags([each(100, "2025-06-01"), ...phase(30, 30, "2025-06-03")])).toEqual([]);
  });

  it("phases on or before the day of the first N-for-N deal are not checked, nor phases of a one-sided deal", () => {
    expect(flags([each(100, "2025-06-03"), ...phase(30, 20, "2025-06-03"), ...phase(10, 5, "2025-06-01")])).toEqual([]);
    expect(flags([deal(100, "2025-06-01"), ...phase(30, 20, "2025-06-03")])).toEqual([]);
  });

  it("the earliest N-for-N deal starts the checks, whatever order the deals come in", () => {
    expect(flags([each(100, "2025-06-05"), each(100, "2025-06-01"), ...phase(30, 20, "2025-06-03")])).toHaveLength(1);
  });

  it("a phase after the day asked is not checked", () => {
    const claims = [each(100, "2025-06-01"), ...phase(30, 20, "2025-06-03")];
    expect(flags(claims, "2025-06-02")).toEqual([]);
    expect(flags(claims, "2025-06-03")).toHaveLength(1);
  });

  it("a phase reported for one side only is not flagged", () => {
    expect(flags([each(100, "2025-06-01"), returned(30, "2025-06-03")])).toEqual([]);
  });
});
