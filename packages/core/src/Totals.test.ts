/**
 * Running totals (rule 5 of docs/reconciliation.md), one behaviour per test: how each slot is read, the
 * findings of refused bounds with their structured fields, parts of a whole, the checks of cumulative
 * figures against events, what a total says about its sources, and stocks.
 */
import { describe, expect, it } from "vitest";
import type { ClaimView } from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { claimMaker, type GivenClaim as Given } from "./testing.ts";

const claim = claimMaker();
const on = (d: string) => ({ validFrom: d, validTo: d });
const report = (claims: readonly ClaimView[], through: string | null = null, since: string | null = null) => R.report(claims, { through, since, parties: R.defaultParties });
const event = (value: number, day: string, more: Partial<Given> = {}) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value, ...on(day), attributedTo: `S${day}`, ...more }, day);
const count = (value: number, asOf: string, more: Partial<Given> = {}) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value, validTo: asOf, attributedTo: `C${asOf}`, ...more }, asOf);
const prisoners = (claims: readonly ClaimView[], through: string | null = null, since: string | null = null) => R.findTotal(report(claims, through, since), "prisoners_returned", "to_ukraine")!;
const readings = (claims: readonly ClaimView[]) => prisoners(claims).readings.map((r) => [r.slot.reconciled.best, r.reading, r.window]);

describe("how each slot is read", () => {
  it("a dated event bounds its own day; a scoped count its scope; an unscoped count that can hold is all-time", () => {
    const claims = [event(10, "2025-06-02"), count(40, "2025-06-03", { validFrom: "2025-06-01" }), count(60, "2025-06-04")];
    expect(readings(claims)).toEqual([
      [10, "window", { from: "2025-06-02", to: "2025-06-02" }],
      [40, "window", { from: "2025-06-01", to: "2025-06-03" }],
      [60, "all_time", { from: null, to: "2025-06-04" }],
    ]);
  });

  it("an unscoped count with no upper bound is read 'at least'", () => {
    expect(readings([count(60, "2025-06-04", { qualifier: "at_least" })])).toEqual([[60, "at_least", { from: null, to: "2025-06-04" }]]);
  });

  it("an unscoped count whose all-time reading cannot hold is read 'at least', and 'stale' when only its article dates it", () => {
    const high = count(100, "2025-06-02");
    expect(readings([high, count(60, "2025-06-04")]).map((r) => r[1])).toEqual(["all_time", "at_least"]);
    expect(readings([high, count(60, "2025-06-04", { dateSource: "publication" })]).map((r) => r[1])).toEqual(["all_time", "stale"]);
  });

  it("an undated event is read 'undated', with no window of its own", () => {
    expect(readings([claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 5 }, "2025-06-03")])).toEqual([[5, "undated", null]]);
  });

  it("a slot whose lower bound cannot hold with better-ranked ones is set aside whole and counts nothing", () => {
    const claims = [count(50, "2025-06-03", { validFrom: "2025-06-01", attributedTo: "A" }), count(50, "2025-06-03", { validFrom: "2025-06-01", attributedTo: "B" }), event(80, "2025-06-02")];
    const t = prisoners(claims);
    expect(t.readings.map((r) => [r.slot.reconciled.best, r.reading])).toEqual([
      [80, "set_aside"],
      [50, "window"],
    ]);
    expect([t.best, t.lo, t.hi]).toEqual([50, 50, 50]);
    expect(t.slots.map((s) => s.reconciled.best)).toEqual([50]);
  });
});

describe("one exchange dated on two days (date_conflict)", () => {
  const conflicts = (claims: readonly ClaimView[]) => report(claims).discrepancies.filter((d) => d.reason === "date_conflict");

  it("the same figure on consecutive days from two articles is one exchange over both days, counted once and flagged", () => {
    const claims = [event(45, "2025-05-05"), event(45, "2025-05-06"), event(45, "2025-05-06", { attributedTo: "Other" })];
    expect(prisoners(claims)).toMatchObject({ best: 45, lo: 45, hi: 45 });
    expect(prisoners(claims, "2025-05-05")).toMatchObject({ lo: 0, hi: 45 });
    const [f, ...more] = conflicts(claims);
    expect(more).toEqual([]);
    expect([f?.validFrom, f?.validTo, f?.kept.length, f?.setAside]).toEqual(["2025-05-05", "2025-05-06", 3, []]);
    // The day fewer claims give is the one to check first.
    expect(f?.resolve).toEqual([{ action: "correct_date", claimIds: [claims[0]!.claimId] }]);
    expect(f?.detail).toMatch(/2025-05-05 \(1 claim\) and 2025-05-06 \(2 claims\)/);
  });

  it("two exchanges stay two: told by one article, two days apart, different figures, a qualified figure, or a series of equal ones", () => {
    const one = event(45, "2025-05-05", { attributedTo: "A" });
    expect(prisoners([one, event(45, "2025-05-06", { attributedTo: "B" })].map((c, i) => (i === 1 ? { ...c, articleId: one.articleId, rootArticleId: one.rootArticleId } : c))).lo).toBe(90);
    expect(prisoners([event(45, "2025-05-05"), event(45, "2025-05-07")]).lo).toBe(90);
    expect(prisoners([event(45, "2025-05-05"), event(46, "2025-05-06")]).lo).toBe(91);
    expect(prisoners([event(45, "2025-05-05"), event(45, "2025-05-06", { qualifier: "about" })]).lo).toBeGreaterThan(45);
    expect(prisoners([event(1200, "2025-06-13"), event(1200, "2025-06-14"), event(1200, "2025-06-15")]).lo).toBe(3600);
    for (const claims of [[event(45, "2025-05-05"), event(45, "2025-05-07")], [event(1200, "2025-06-13"), event(1200, "2025-06-14"), event(1200, "2025-06-15")]]) expect(conflicts(claims)).toEqual([]);
  });
});

describe("the day counts start (countsFrom, the full-scale invasion)", () => {
  const invasion = { validFrom: "2022-02-24" };
  it("a count since the invasion and one of unknown scope bound the same all-time window", () => {
    expect(readings([count(3767, "2024-11-21", invasion)])).toEqual([[3767, "window", { from: null, to: "2024-11-21" }]]);
    expect(readings([count(3767, "2024-11-21", { validFrom: "2014-04-01" })])).toEqual([[3767, "window", { from: null, to: "2024-11-21" }]]);
    expect(readings([count(40, "2025-06-03", { validFrom: "2022-03-01" })])).toEqual([[40, "window", { from: "2022-03-01", to: "2025-06-03" }]]);
  });

  it("an unknown-scope count above an earlier count since the invasion forces nobody before the invasion", () => {
    // Read from the beginning, 4,000 a day after 3,767 since the invasion would put 233 before it, on top of the later 5,857.
    const claims = [count(3767, "2024-11-21", invasion), count(4000, "2024-11-22"), count(5857, "2025-07-28", invasion)];
    const t = prisoners(claims, "2025-07-28");
    expect([t.best, t.lo, t.hi]).toEqual([5857, 5857, 5857]);
    // After the last report: at least as many, no ceiling.
    expect([prisoners(claims, "2025-09-24").lo, prisoners(claims, "2025-09-24").hi]).toEqual([5857, null]);
  });

  it("--since the invasion or earlier is the all-time total", () => {
    const claims = [count(3767, "2024-11-21", invasion), event(100, "2025-01-10")];
    const all = prisoners(claims, "2025-02-01");
    for (const since of ["2022-02-24", "2020-01-01"]) expect([prisoners(claims, "2025-02-01", since).lo, prisoners(claims, "2025-02-01", since).hi]).toEqual([all.lo, all.hi]);
    expect(prisoners(claims, "2025-02-01", "2022-02-25").lo).toBe(100);
  });
});

describe("findings of refused bounds", () => {
  it("events above a count of their window: the count's upper bound is set aside, with its scope to correct first", () => {
    const claims = [event(30, "2025-06-01"), event(31, "2025-06-02"), count(40, "2025-06-02", { validFrom: "2025-06-01" })];
    const [f] = report(claims).discrepancies;
    expect(f?.reason).toBe("events_exceed_cumulative");
    expect(f?.detail).toMatch(/its upper bound was set aside/);
    expect(f?.resolve.map((r) => r.action)).toEqual(["correct_scope", "link_to_agreement", "reject"]);
    expect([f?.metric, f?.direction, f?.kind, f?.validFrom, f?.validTo]).toEqual(["prisoners_returned", "to_ukraine", "cumulative", "2025-06-01", "2025-06-02"]);
    expect(f?.setAside).toEqual([claims[2]!.claimId]);
    expect([...(f?.kept ?? [])].sort()).toEqual([claims[0]!.claimId, claims[1]!.claimId].sort());
    expect(f?.versions.map((v) => v.claim.claimId).sort()).toEqual(claims.map((c) => c.claimId).sort());
    expect(prisoners(claims)).toMatchObject({ best: 61, lo: 61, hi: 61 });
  });

  it("a count that only grows, dated by its text below an earlier one, is a decrease; dated by its article only, stale with its date to correct", () => {
    const decrease = report([count(100, "2025-06-02"), count(60, "2025-06-04")]).discrepancies;
    expect(decrease.map((d) => [d.reason, d.resolve[0]?.action])).toEqual([["decrease", "correct_scope"]]);
    const stale = report([count(100, "2025-06-02"), count(60, "2025-06-04", { dateSource: "publication" })]).discrepancies;
    expect(stale.map((d) => [d.reason, d.resolve.map((r) => r.action)])).toEqual([["stale", ["correct_date"]]]);
    expect(stale[0]?.detail).toMatch(/it may refer to an earlier day/);
  });

  it("a count that need not only grow is no decrease when it falls: its conflict is a window conflict", () => {
    const held = (value: number, asOf: string) => claim({ metric: "bodies_returned_x", direction: "to_ukraine", kind: "cumulative", value, validTo: asOf, attributedTo: `C${asOf}` }, asOf);
    expect(report([held(100, "2025-06-02"), held(60, "2025-06-04")]).discrepancies.map((d) => d.reason)).toEqual(["window_conflict"]);
  });

  it("two events of one phase above the phase's own figure: the lower-ranked bound is a window conflict, to reject or correct", () => {
    const phase = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 10, validFrom: "2025-06-01", validTo: "2025-06-02", attributedTo: "P" }, "2025-06-02");
    const [f] = report([event(8, "2025-06-01"), event(7, "2025-06-02"), phase]).discrepancies;
    expect([f?.reason, f?.resolve.map((r) => r.action)]).toEqual(["window_conflict", ["reject", "correct_value"]]);
  });

  it("a part above its whole is part_exceeds_whole, and the whole keeps its bounds", () => {
    const soldiers = claim({ metric: "soldiers_returned", direction: "to_ukraine", kind: "event", value: 90, ...on("2025-06-01"), attributedTo: "Army" }, "2025-06-01");
    const claims = [event(50, "2025-06-01"), soldiers];
    expect(report(claims).discrepancies.filter((d) => d.metric === "prisoners_returned").map((d) => d.reason)).toEqual(["part_exceeds_whole"]);
    expect(prisoners(claims)).toMatchObject({ best: 50, lo: 50, hi: 50 });
  });
});

describe("parts of a whole", () => {
  const part = (metric: string, value: number, day: string, who = "Army") => claim({ metric, direction: "to_ukraine", kind: "event", value, ...on(day), attributedTo: who }, day);

  it("soldiers and civilians returned over one window bound the people returned by their sum", () => {
    const claims = [part("soldiers_returned", 30, "2025-06-01"), part("civilians_returned", 20, "2025-06-01")];
    expect(prisoners(claims)).toMatchObject({ best: 50, lo: 50, hi: null });
    expect(prisoners(claims).readings).toEqual([]);
  });

  it("two figures of the same part over one window bound the whole by the larger, not their sum", () => {
    const claims = [part("soldiers_returned", 30, "2025-06-01", "A"), part("soldiers_returned", 30, "2025-06-01", "B"), part("soldiers_returned", 40, "2025-06-01", "C")];
    expect(prisoners(claims)).toMatchObject({ lo: 30 });
    expect(prisoners([part("soldiers_returned", 20, "2025-06-01")])).toMatchObject({ lo: 20 });
  });

  it("a part raises a whole whose own figure is only a lower bound", () => {
    const claims = [event(10, "2025-06-01", { qualifier: "at_least" }), part("soldiers_returned", 30, "2025-06-01")];
    expect(prisoners(claims)).toMatchObject({ best: 30, lo: 30, hi: null });
  });
});

describe("the checks of a cumulative figure against the events in its window", () => {
  it("events inside the window, including an undated one reported by its day, are summed", () => {
    const undated = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 5, attributedTo: "U" }, "2025-06-02");
    const claims = [event(10, "2025-06-01"), undated, event(7, "2025-06-05"), count(15, "2025-06-03", { validFrom: "2025-06-01" })];
    const [c] = prisoners(claims).checks;
    expect([c?.asOf, c?.cumulative, c?.events, c?.outcome]).toEqual(["2025-06-03", { lo: 15, hi: 15 }, { lo: 10, hi: 10 }, "coverage_gap"]);
    const all = prisoners([event(10, "2025-06-01"), undated, count(15, "2025-06-03")]).checks[0];
    expect([all?.events, all?.outcome]).toEqual([{ lo: 15, hi: 15 }, "consistent"]);
  });

  it("events above the figure are events_exceed_cumulative", () => {
    const claims = [event(10, "2025-06-01"), event(9, "2025-06-02"), count(15, "2025-06-02")];
    expect(prisoners(claims).checks.map((c) => c.outcome)).toEqual(["events_exceed_cumulative"]);
  });
});

describe("what a total says about itself", () => {
  it("counts the claims behind it, names each source once (as its current version does), and says whether a cumulative figure is among them", () => {
    const a = event(10, "2025-06-01", { attributedTo: "Zelensky" });
    const b = event(10, "2025-06-01", { attributedTo: "Mr Zelenskiy" });
    const c = event(5, "2025-06-02", { attributedTo: "Lubinets" });
    const t = prisoners([a, b, c]);
    expect([t.claims, t.sources, t.basis, t.disputed]).toEqual([3, ["Lubinets", "Mr Zelenskiy"], "events", false]);
    expect(prisoners([a, count(30, "2025-06-03")]).basis).toBe("cumulative+events");
  });

  it("counts only slots that start by the day asked", () => {
    const t = prisoners([event(10, "2025-06-01"), event(5, "2025-06-03")], "2025-06-02");
    expect([t.claims, t.slots.length]).toEqual([1, 1]);
  });

  it("is disputed when a slot in it has a conflict, and when a bound was refused", () => {
    expect(prisoners([event(10, "2025-06-01", { attributedTo: "A" }), event(20, "2025-06-01", { attributedTo: "B" })]).disputed).toBe(true);
    expect(prisoners([count(100, "2025-06-02"), count(60, "2025-06-04")]).disputed).toBe(true);
  });

  it("a total since a day counts from that day and says so", () => {
    const t = prisoners([event(10, "2025-06-01"), event(5, "2025-06-03")], null, "2025-06-02");
    expect([t.since, t.best, t.lo, t.hi]).toEqual(["2025-06-02", 5, 5, 5]);
  });
});

describe("the ceiling from the dated evidence", () => {
  it("reads both sides of the dated bounds: a phase of 50 with about 20 on its first day leaves at most 31 for its second, and at most 21 for its first", () => {
    const phase = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 50, validFrom: "2025-06-01", validTo: "2025-06-02", attributedTo: "P" }, "2025-06-02");
    const first = event(20, "2025-06-01", { qualifier: "about" });
    expect(prisoners([phase, first], "2025-06-02", "2025-06-02")).toMatchObject({ lo: 29, hi: 31 });
    expect(prisoners([phase, first], "2025-06-01")).toMatchObject({ lo: 19, hi: 21 });
  });

  it("a larger undated figure that came by an earlier day refuses a running count's all-time reading, never the undated floor", () => {
    const undated = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 80, attributedTo: "U" }, "2025-06-03");
    const claims = [undated, count(50, "2025-06-04")];
    expect(readings(claims).map((r) => r[1])).toEqual(["at_least", "undated"]);
    expect(report(claims).discrepancies.map((d) => [d.reason, d.setAside])).toEqual([["events_exceed_cumulative", [claims[1]!.claimId]]]);
    expect(prisoners(claims)).toMatchObject({ best: 80, lo: 80, hi: null });
  });

  it("an undated floor never narrows the dated ceiling: it may be met before the record, so a phase after it keeps its whole room", () => {
    const phase = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 10, validFrom: "2025-06-01", validTo: "2025-06-03", attributedTo: "P" }, "2025-06-03");
    const undated = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 10, attributedTo: "U" }, "2025-06-01");
    expect(prisoners([phase, undated], "2025-06-03", "2025-06-02")).toMatchObject({ lo: 0, hi: 10 });
  });

  it("a dated figure never widens the ceiling as an undated one would: at most 10 on a day whose count says 5 is 5", () => {
    const claims = [event(10, "2025-06-01", { qualifier: "at_most" }), count(5, "2025-06-01", { validFrom: "2025-06-01" })];
    expect(prisoners(claims)).toMatchObject({ lo: 5, hi: 5 });
  });
});

describe("stocks", () => {
  const held = (value: number, day: string, group: "soldiers" | "civilians" | null = null) =>
    claim({ metric: "held_captive", direction: "to_ukraine", kind: "stock", value, ...on(day), group, attributedTo: `H${day}` }, day);

  it("a stock is its latest level through the day asked, never a sum", () => {
    const claims = [held(800, "2025-06-01"), held(700, "2025-06-05")];
    const t = (through: string | null) => R.findTotal(report(claims, through), "held_captive", "to_ukraine");
    expect([t(null)?.best, t("2025-06-04")?.best, t(null)?.basis]).toEqual([700, 800, "stock"]);
    expect(t("2025-05-31")).toBeUndefined();
  });

  it("each group of a stock has its own level", () => {
    const r = report([held(800, "2025-06-01", "soldiers"), held(50, "2025-06-05", "civilians")]);
    expect(r.totals.filter((t) => t.metric === "held_captive").map((t) => [t.group, t.best])).toEqual([
      ["civilians", 50],
      ["soldiers", 800],
    ]);
  });

  it("a stock whose latest level is disputed says so", () => {
    const r = report([held(800, "2025-06-01"), claim({ metric: "held_captive", direction: "to_ukraine", kind: "stock", value: 900, ...on("2025-06-01"), attributedTo: "Other" }, "2025-06-01")]);
    expect(R.findTotal(r, "held_captive", "to_ukraine")?.disputed).toBe(true);
  });
});
