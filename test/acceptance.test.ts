// Issue #3's acceptance on the seeds, through the CLI's JSON (CONTRACT.md shapes).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { facts, scratch, seeds } from "./cli.ts";

const s = scratch();
const store = join(s.dir, "seeds.db");
afterAll(s.cleanup);

beforeAll(() => {
  const r = facts(["ingest", seeds, "--store", store, "--json"]);
  expect(r.code).toBe(0);
});

describe("the seeds, reconciled", () => {
  it("known at 2025-05-24, prisoners returned to Ukraine through 2025-05-24 reconcile to 697", () => {
    const r = facts(["totals", "--known-at", "2025-05-24", "--through", "2025-05-24", "--store", store, "--json"]).json();
    expect(r).toMatchObject({ knownAt: "2025-05-24", through: "2025-05-24" });
    const t = r.totals.find((x: any) => x.metric === "prisoners_returned" && x.direction === "to_ukraine");
    expect(t).toMatchObject({ best: 697, lo: 697, hi: 697, disputed: false });
    expect(t.checks).toEqual([{ asOf: "2025-05-24", cumulative: { lo: 697, hi: 697 }, events: { lo: 697, hi: 697 }, outcome: "consistent" }]);
  });

  it("the 1,000-for-1,000 agreement shows 697 done and 303 remaining", () => {
    const r = facts(["totals", "--known-at", "2025-05-24", "--store", store, "--json"]).json();
    const a = r.agreements.find((x: any) => x.metric === "prisoners_agreed" && x.direction === "to_ukraine");
    expect(a).toMatchObject({ target: 1000, agreedOn: "2025-05-16", done: 697, remaining: 303 });
  });

  it("known at 2025-05-23 nothing from the seeds is known yet", () => {
    const r = facts(["totals", "--known-at", "2025-05-23", "--store", store, "--json"]).json();
    expect(r.totals).toEqual([]);
    expect(r.agreements).toEqual([]);
    expect(facts(["claims", "--known-at", "2025-05-23", "--store", store, "--json"]).json().claims).toEqual([]);
  });

  it("bodies returned to Ukraine show every source's version", () => {
    const r = facts(["claims", "--metric", "bodies_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json();
    const versions = r.claims.map((c: any) => [c.value, c.qualifier, c.attributedTo, c.publishedAt]);
    expect(versions).toEqual(
      expect.arrayContaining([
        [6000, "more_than", "Vladimir Putin", "2025-06-20"],
        [3600, "exact", "IANS", "2025-06-20"],
        [1200, "exact", "Russian ministry for defence", "2025-06-14"],
      ]),
    );
  });

  it("a lower cumulative figure reported after a higher one is flagged, with both versions", () => {
    const r = facts(["discrepancies", "--store", store, "--json"]).json();
    const d = r.discrepancies.find((x: any) => x.reason === "decrease" && x.metric === "bodies_returned" && x.direction === "to_ukraine");
    expect(d).toMatchObject({ kind: "cumulative", validFrom: "2025-06-19", validTo: "2025-06-20" });
    expect(d.versions.map((v: any) => [v.value, v.qualifier, v.attributedTo])).toEqual([
      [6000, "more_than", "Vladimir Putin"],
      [3600, "exact", "IANS"],
    ]);
    for (const v of d.versions) expect(Object.keys(v)).toEqual(expect.arrayContaining(["value", "qualifier", "lo", "hi", "attributedTo", "articleId", "outlet", "publishedAt"]));
  });

  it("how many bodies had Ukraine got back by June 20, by each source's count", () => {
    const r = facts(["totals", "--known-at", "2025-06-20", "--store", store, "--json"]).json();
    const t = r.totals.find((x: any) => x.metric === "bodies_returned" && x.direction === "to_ukraine");
    expect(t.disputed).toBe(true);
    const versions = t.slots.flatMap((sl: any) => sl.versions.map((v: any) => v.attributedTo));
    expect(versions).toContain("IANS");
  });

  it("the audit of the prisoner total lists the change that each article caused", () => {
    const r = facts(["audit", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json();
    expect(r).toMatchObject({ metric: "prisoners_returned", direction: "to_ukraine" });
    expect(r.changes[0]).toMatchObject({ knownAt: "2025-05-24", before: { best: null, lo: null, hi: null }, after: { best: 697, lo: 697, hi: 697 } });
    expect(r.changes[0].claimIds.length).toBeGreaterThanOrEqual(3);
    const days = r.changes.map((c: any) => c.knownAt);
    expect([...days].sort()).toEqual(days);
    const t = facts(["timeline", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json();
    expect(t.points[0]).toEqual({ day: "2025-05-24", best: 697, lo: 697, hi: 697 });
  });
});
