// The audit of a total ends on the total (docs/reconciliation.md rule 8), through the CLI on the seeds: for every
// total `facts totals --json` lists, `facts audit` with the same --known-at and --through ends on its figure, and
// the timeline's last point is it too. The seeds' prisoners to Ukraine have parts (civilians returned), whose
// windows leave the total unbounded above: an audit that left them out ended at 1,197–1,197 known on June 20.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { facts, scratch, seeds } from "./cli.ts";

const s = scratch();
const store = join(s.dir, "seeds.db");
afterAll(s.cleanup);

beforeAll(() => {
  expect(facts(["ingest", seeds, "--store", store, "--json"]).code).toBe(0);
});

const figure = (x: { best: number | null; lo: number | null; hi: number | null }) => ({ best: x.best, lo: x.lo, hi: x.hi });
const none = { best: null, lo: null, hi: null };

/** Each total's figure as `totals` gives it, and the last change of its audit with the same axes. */
const pairs = (axes: readonly string[]) => {
  const totals = facts(["totals", ...axes, "--store", store, "--json"]).json().totals as Array<{ metric: string; direction: string; group: string | null; best: number; lo: number; hi: number | null }>;
  const names = [...new Set(totals.map((t) => `${t.metric}|${t.direction}`))].map((k) => k.split("|") as [string, string]);
  return names.map(([metric, direction]) => {
    const t = totals.find((x) => x.metric === metric && x.direction === direction && x.group === null) ?? totals.find((x) => x.metric === metric && x.direction === direction)!;
    const audit = facts(["audit", "--metric", metric, "--direction", direction, ...axes, "--store", store, "--json"]).json();
    return { metric, direction, total: figure(t), audit: audit.changes.length === 0 ? none : figure(audit.changes.at(-1).after) };
  });
};

describe("the audit of every total on the seeds ends on the total", () => {
  it("known today: prisoners returned to Ukraine end on 1,197, and every other total on its own figure", () => {
    const all = pairs([]);
    expect(all.length).toBeGreaterThanOrEqual(7);
    expect(all.find((p) => p.metric === "prisoners_returned" && p.direction === "to_ukraine")!.audit).toEqual({ best: 1197, lo: 1197, hi: null });
    for (const p of all) expect({ ...p, audit: p.audit }).toEqual({ ...p, audit: p.total });
    const t = facts(["timeline", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json();
    expect(figure(t.points.at(-1))).toEqual({ best: 1197, lo: 1197, hi: null });
  });

  for (const axes of [["--known-at", "2025-05-24"], ["--known-at", "2025-06-20"], ["--known-at", "2025-06-20", "--through", "2025-06-14"]])
    it(`with ${axes.join(" ")}`, () => {
      const all = pairs(axes);
      expect(all.length).toBeGreaterThan(0);
      for (const p of all) expect({ ...p, audit: p.audit }).toEqual({ ...p, audit: p.total });
    });
});
