import { describe, expect, it } from "vitest";
import type { ClaimFields } from "./Claim.ts";
import type { ClaimView } from "./Ledger.ts";
import * as FS from "./FactSlot.ts";
import * as Q from "./Quantity.ts";
import * as R from "./Reconcile.ts";

let n = 0;
/** A claim as reconciliation sees it; `known` is the day its article was published. */
const claim = (f: Partial<ClaimFields> & Pick<ClaimFields, "metric" | "direction" | "kind">, known: string, outlet = "Outlet", article = `a${++n}`): ClaimView => {
  const value = f.value === undefined ? 0 : f.value;
  const qualifier = f.qualifier ?? "exact";
  const i = Q.fromReported(value, qualifier);
  const id = `c${++n}`;
  return {
    claimId: id,
    articleId: article,
    outlet,
    publishedAt: known,
    knownAt: known,
    fields: { id, value, qualifier, lo: i.lo, hi: i.hi, validFrom: f.validFrom ?? null, validTo: f.validTo ?? null, attributedTo: f.attributedTo ?? outlet, evidence: { start: n, end: n + 1, text: "" }, ...f } as ClaimFields,
    reportedVia: null,
    origin: "extracted",
    rootArticleId: article,
    rootVoice: outlet,
    amendedOn: [],
  };
};

const opts = (through: string | null = null): R.Options => ({ through, parties: R.defaultParties });

describe("fact slots", () => {
  it("five outlets quoting the same ministry are one version", () => {
    const claims = ["Reuters", "AFP", "AP", "IANS", "TASS"].map((o) =>
      claim({ metric: "prisoners_returned", direction: "to_russia", kind: "event", value: 307, validFrom: "2025-05-24", validTo: "2025-05-24", attributedTo: "Russian Defence Ministry" }, "2025-05-24", o),
    );
    const [slot] = FS.build(claims, R.defaultParties);
    expect(slot?.versions).toHaveLength(1);
    expect(slot?.versions[0]?.history).toHaveLength(4);
  });

  it("each_side claims feed both directions", () => {
    const slots = FS.build([claim({ metric: "prisoners_returned", direction: "each_side", kind: "event", value: 390, validFrom: "2025-05-23", validTo: "2025-05-23" }, "2025-05-24")], R.defaultParties);
    expect(slots.map((s) => [s.direction, s.reconciled.best])).toEqual([
      ["to_russia", 390],
      ["to_ukraine", 390],
    ]);
  });

  it("compatible versions agree: 'more than 6,000' and '6,012' reconcile to 6,012 with no flag", () => {
    const base = { metric: "bodies_returned", direction: "to_ukraine", kind: "cumulative" as const, validTo: "2025-06-19" };
    const [slot] = FS.build([claim({ ...base, value: 6000, qualifier: "more_than", attributedTo: "Putin" }, "2025-06-20"), claim({ ...base, value: 6012, attributedTo: "Reuters" }, "2025-06-21")], R.defaultParties);
    expect(slot?.conflicts).toHaveLength(0);
    expect(slot?.reconciled).toEqual({ best: 6012, lo: 6012, hi: 6012 });
  });

  it("a source that reports a slot again supersedes its own earlier version", () => {
    const base = { metric: "prisoners_returned", direction: "to_ukraine", kind: "event" as const, validFrom: "2025-06-09", validTo: "2025-06-09", attributedTo: "Zelensky" };
    const [slot] = FS.build([claim({ ...base, value: 100 }, "2025-06-09"), claim({ ...base, value: 120 }, "2025-06-10")], R.defaultParties);
    expect(slot?.versions).toHaveLength(1);
    expect(slot?.reconciled.best).toBe(120);
    expect(slot?.versions[0]?.history.map((h) => h.claim.fields.value)).toEqual([100]);
  });

  it("one claimant's several figures for a slot in one article are a whole and its parts, not a revision", () => {
    const base = { metric: "bodies_returned", direction: "to_ukraine", kind: "event" as const, validFrom: "2024-12-20", validTo: "2024-12-20", attributedTo: "Coordination HQ" };
    const [one] = FS.build([claim({ ...base, value: 503 }, "2024-12-22", "Outlet", "same"), claim({ ...base, value: 31 }, "2024-12-22", "Outlet", "same")], R.defaultParties);
    expect([one?.reconciled.best, one?.revisions.length, one?.versions[0]?.history.length]).toEqual([503, 0, 1]);
    const [two] = FS.build([claim({ ...base, value: 503 }, "2024-12-22", "Outlet", "first"), claim({ ...base, value: 31 }, "2024-12-23", "Outlet", "later")], R.defaultParties);
    expect([two?.reconciled.best, two?.revisions.length]).toEqual([31, 1]);
  });

  it("an undated article's events are one slot per figure: two claimants of one figure share it, two figures are no conflict", () => {
    const base = { metric: "prisoners_returned", direction: "to_ukraine", kind: "event" as const };
    const slots = FS.build([claim({ ...base, value: 80, attributedTo: "Kyiv" }, "2025-01-01", "O", "page"), claim({ ...base, value: 80, attributedTo: "Moscow" }, "2025-01-01", "O", "page"), claim({ ...base, value: 94, attributedTo: "Kyiv" }, "2025-01-01", "O", "page")], R.defaultParties);
    expect(slots.map((s) => [s.reconciled.best, s.versions.length, s.conflicts.length])).toEqual([[80, 2, 0], [94, 1, 0]]);
  });

  it("disagreeing independent versions are flagged and the best-supported one wins", () => {
    const base = { metric: "prisoners_returned", direction: "to_ukraine", kind: "event" as const, validFrom: "2025-06-09", validTo: "2025-06-09" };
    const claims = [claim({ ...base, value: 215, attributedTo: "A" }, "2025-06-09"), claim({ ...base, value: 215, qualifier: "about", attributedTo: "B" }, "2025-06-09"), claim({ ...base, value: 150, attributedTo: "C" }, "2025-06-10")];
    const r = R.report(claims, opts());
    const [slot] = r.slots;
    expect(slot?.reconciled.best).toBe(215);
    expect(r.discrepancies.map((d) => d.reason)).toEqual(["conflict"]);
  });
});

describe("running totals and agreements", () => {
  const seeds = () => [
    claim({ metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 1000, validFrom: "2025-05-16", validTo: "2025-05-16" }, "2025-05-24"),
    claim({ metric: "prisoners_returned", direction: "each_side", kind: "event", value: 390, validFrom: "2025-05-23", validTo: "2025-05-23" }, "2025-05-24"),
    claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 307, validFrom: "2025-05-24", validTo: "2025-05-24", attributedTo: "Zelensky" }, "2025-05-24"),
    claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value: 697, validTo: "2025-05-24", attributedTo: "Zelensky" }, "2025-05-24"),
  ];

  it("390 on May 23 plus 307 on May 24 is 697, consistent with the cumulative '697 in two days'", () => {
    const r = R.report(seeds(), opts("2025-05-24"));
    const t = R.findTotal(r, "prisoners_returned", "to_ukraine");
    expect(t).toMatchObject({ best: 697, lo: 697, hi: 697, disputed: false });
    expect(t?.checks.map((c) => c.outcome)).toEqual(["consistent"]);
  });

  it("the 1,000-for-1,000 agreement shows 697 done and 303 remaining", () => {
    const a = R.report(seeds(), opts("2025-05-24")).agreements.find((x) => x.direction === "to_ukraine");
    expect(a).toMatchObject({ target: 1000, agreedOn: "2025-05-16", done: 697, remaining: 303 });
  });

  it("events that add up to less than a cumulative figure are a coverage gap, not a discrepancy", () => {
    const claims = [
      claim({ metric: "bodies_returned", direction: "to_ukraine", kind: "event", value: 1200, validFrom: "2025-06-14", validTo: "2025-06-14" }, "2025-06-14"),
      claim({ metric: "bodies_returned", direction: "to_ukraine", kind: "cumulative", value: 3600, validTo: "2025-06-20" }, "2025-06-20"),
    ];
    const r = R.report(claims, opts());
    expect(R.findTotal(r, "bodies_returned", "to_ukraine")?.checks[0]?.outcome).toBe("coverage_gap");
    expect(r.discrepancies).toEqual([]);
  });

  it("events that add up to more than a cumulative figure are a contradiction", () => {
    const claims = [
      claim({ metric: "prisoners_returned", direction: "to_russia", kind: "event", value: 390, validFrom: "2025-05-23", validTo: "2025-05-23" }, "2025-05-24"),
      claim({ metric: "prisoners_returned", direction: "to_russia", kind: "cumulative", value: 300, validTo: "2025-05-24" }, "2025-05-25"),
    ];
    expect(R.report(claims, opts()).discrepancies.map((d) => d.reason)).toEqual(["events_exceed_cumulative"]);
  });

  it("a later cumulative figure below an earlier one is flagged", () => {
    const claims = [
      claim({ metric: "bodies_returned", direction: "to_ukraine", kind: "cumulative", value: 6000, qualifier: "more_than", validTo: "2025-06-19", attributedTo: "Putin" }, "2025-06-20"),
      claim({ metric: "bodies_returned", direction: "to_ukraine", kind: "cumulative", value: 3600, validTo: "2025-06-20" }, "2025-06-20"),
    ];
    const d = R.report(claims, opts()).discrepancies;
    expect(d.map((x) => x.reason)).toEqual(["decrease"]);
    expect(d[0]?.versions.map((v) => v.claim.fields.value)).toEqual([6000, 3600]);
  });

  it("an undisclosed phase leaves the total unbounded above, and adds no unit no source said", () => {
    const claims = [
      claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 390, validFrom: "2025-05-23", validTo: "2025-05-23" }, "2025-05-24"),
      claim({ metric: "prisoners_returned", direction: "each_side", kind: "event", value: null, qualifier: "undisclosed", validFrom: "2025-06-26", validTo: "2025-06-26" }, "2025-06-27"),
    ];
    expect(R.findTotal(R.report(claims, opts()), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 390, lo: 390, hi: null });
    // Without it, the same total is closed above: the undisclosed phase is what opens it.
    expect(R.findTotal(R.report(claims.slice(0, 1), opts()), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 390, lo: 390, hi: 390 });
  });

  it("a phase whose two directions differ in an N-for-N exchange is flagged as asymmetric", () => {
    const day = { validFrom: "2025-06-09", validTo: "2025-06-09" };
    const claims = [
      claim({ metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 1000, validFrom: "2025-06-02", validTo: "2025-06-02" }, "2025-06-02"),
      claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 215, ...day }, "2025-06-09"),
      claim({ metric: "prisoners_returned", direction: "to_russia", kind: "event", value: 55, ...day }, "2025-06-09"),
    ];
    expect(R.report(claims, opts()).discrepancies.map((d) => d.reason)).toEqual(["asymmetric"]);
  });

  it("a later agreement on the same metric and direction takes over the events after its day", () => {
    const claims = [
      claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 1000, validFrom: "2025-05-16", validTo: "2025-05-16" }, "2025-05-16"),
      claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 1200, validFrom: "2025-06-02", validTo: "2025-06-02" }, "2025-06-02"),
      claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 390, validFrom: "2025-05-23", validTo: "2025-05-23" }, "2025-05-24"),
      claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 100, validFrom: "2025-06-09", validTo: "2025-06-09" }, "2025-06-09"),
    ];
    expect(R.report(claims, opts()).agreements.map((a) => [a.agreedOn, a.done])).toEqual([
      ["2025-05-16", 390],
      ["2025-06-02", 100],
    ]);
  });

  it("an agreement is fulfilled on the day its progress reaches the target: later events are beyond it", () => {
    const ev = (value: number, day: string) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value, validFrom: day, validTo: day }, day);
    const claims = [
      claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 500, validFrom: "2025-05-16", validTo: "2025-05-16" }, "2025-05-16"),
      ev(300, "2025-05-23"),
      ev(250, "2025-05-24"),
      ev(100, "2025-08-01"),
    ];
    const [a] = R.report(claims, opts()).agreements;
    expect([a?.done, a?.remaining, a?.scope]).toEqual([550, 0, { from: "2025-05-16", to: "2025-05-24" }]);
    expect(R.report(claims.slice(0, 2), opts()).agreements[0]?.done).toBe(300);
  });
});

describe("undated events", () => {
  const cumulative = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value: 5857, validFrom: "2022-02-24", validTo: "2025-07-28" }, "2025-07-28");
  const undated = (value: number) => claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value }, "2025-09-01");

  it("an event of unknown day may be one already counted: it bounds the total from below and adds nothing", () => {
    // No larger than the dated running count through its article's day: the count's bounds stand.
    expect(R.findTotal(R.report([cumulative, undated(1000)], opts("2025-09-01")), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 5857, lo: 5857, hi: 5857 });
    // Two undated events may be one exchange (at least 1,000) or two (at most 1,095); neither leaves the total unbounded.
    expect(R.findTotal(R.report([undated(95), undated(1000)], opts("2025-09-01")), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 1000, lo: 1000, hi: 1095 });
  });

  it("a running count with no as-of day is a floor, never a decrease against a later dated count", () => {
    const old = claim({ metric: "prisoners_returned", direction: "to_ukraine", kind: "cumulative", value: 1953 }, "2025-09-01");
    const r = R.report([cumulative, old], opts("2025-09-01"));
    expect(R.findTotal(r, "prisoners_returned", "to_ukraine")).toMatchObject({ best: 5857, lo: 5857, hi: 5857 });
    expect(r.discrepancies.map((d) => d.reason)).toEqual([]);
  });

  it("an undated event larger than the running total raises it, and counts only from its article's day", () => {
    const claims = [cumulative, undated(6030)];
    // Larger than the dated count by 173: the ceiling widens by that much, to the undated figure's own.
    expect(R.findTotal(R.report(claims, opts("2025-09-01")), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 6030, lo: 6030, hi: 6030 });
    expect(R.findTotal(R.report(claims, opts("2025-08-01")), "prisoners_returned", "to_ukraine")).toMatchObject({ best: 5857, lo: 5857, hi: 5857 });
  });
});
