/**
 * Laws of the window solver, checked against brute force on small instances:
 * three days and the time before them, daily counts enumerated up to a cap.
 * Fixed seed and at least 200 runs (test/fast-check.setup.ts).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as W from "./Windows.ts";

const DAYS = ["2025-06-01", "2025-06-02", "2025-06-03"];
// Cell 0 is every day before the first; cells 1..3 are the days.
const cellsOf = (w: W.Window): number[] => {
  const from = w.from === null ? 0 : DAYS.indexOf(w.from) + 1;
  const to = DAYS.indexOf(w.to) + 1;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
};

const windowArb: fc.Arbitrary<W.Window> = fc
  .tuple(fc.integer({ min: -1, max: 2 }), fc.integer({ min: 0, max: 2 }))
  .map(([a, b]) => ({ from: a < 0 ? null : DAYS[Math.min(a, b)]!, to: DAYS[Math.max(a, b)]! }));

const halfArb = (ref: number): fc.Arbitrary<W.Half> =>
  fc.record({ window: windowArb, side: fc.constantFrom("lo" as const, "hi" as const), bound: fc.integer({ min: 0, max: 2 }) }).map((h) => ({ ref, ...h }));

const instance = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => halfArb(i))), windowArb));

/** Every assignment of daily counts (0..cap) to the open cells (cells outside every window hold nothing). */
const assignments = (open: readonly boolean[], cap: number): number[][] => {
  let out: number[][] = [[]];
  for (const o of open) out = out.flatMap((a) => (o ? Array.from({ length: cap + 1 }, (_, v) => [...a, v]) : [[...a, 0]]));
  return out;
};

const holds = (x: readonly number[], h: W.Half): boolean => {
  const total = cellsOf(h.window).reduce((s, c) => s + x[c]!, 0);
  return h.side === "lo" ? total >= h.bound : total <= h.bound;
};

const openCells = (halves: readonly W.Half[]): boolean[] => [0, 1, 2, 3].map((c) => halves.some((h) => cellsOf(h.window).includes(c)));

describe("the window solver", () => {
  it("bounds are sound and tight: they are the least and greatest window totals of the assignments the accepted bounds allow", () => {
    fc.assert(
      fc.property(instance, ([halves, query]) => {
        const sys = W.make(halves.map((h) => h.window));
        for (const h of halves) sys.add(h);
        const accepted = halves.filter((h) => sys.accepted().includes(h.ref));
        const open = openCells(halves);
        const totals = (cap: number) =>
          assignments(open, cap)
            .filter((x) => accepted.every((h) => holds(x, h)))
            .map((x) => cellsOf(query).reduce((s, c) => s + x[c]!, 0));
        const small = totals(9);
        const large = totals(10);
        expect(small.length).toBeGreaterThan(0);
        const b = sys.bounds(query);
        expect(b.lo).toBe(Math.min(...small));
        // Bounded totals cannot grow with the cap (accepted bounds are at most 2 each, five of them).
        expect(b.hi).toBe(Math.max(...large) > Math.max(...small) ? null : Math.max(...small));
      }),
    );
  });

  it("a bound is refused only when it cannot hold with those accepted before it", () => {
    fc.assert(
      fc.property(instance, ([halves]) => {
        const sys = W.make(halves.map((h) => h.window));
        const open = openCells(halves);
        const all = assignments(open, 9);
        const before: W.Half[] = [];
        for (const h of halves) {
          const r = sys.add(h);
          const possible = all.some((x) => [...before, h].every((g) => holds(x, g)));
          expect(r._tag === "Accepted").toBe(possible);
          if (r._tag === "Accepted") before.push(h);
        }
      }),
    );
  });

  it("a refusal names a minimal conflict: with it the refused bound cannot hold, and without any one member it can", () => {
    fc.assert(
      fc.property(instance, ([halves]) => {
        const sys = W.make(halves.map((h) => h.window));
        const all = assignments(openCells(halves), 9);
        const possible = (hs: readonly W.Half[]) => all.some((x) => hs.every((g) => holds(x, g)));
        for (const h of halves) {
          const r = sys.add(h);
          if (r._tag === "Accepted") continue;
          const members = halves.filter((g) => r.conflict.includes(g.ref));
          expect(members.every((m) => sys.accepted().includes(m.ref))).toBe(true);
          expect(possible([...members, h])).toBe(false);
          for (const m of members) expect(possible([...members.filter((x) => x !== m), h])).toBe(true);
        }
      }),
    );
  });

  it("counts are non-negative and days in no window hold nothing: a window outside every claim totals zero", () => {
    const sys = W.make([{ from: "2025-06-02", to: "2025-06-02" }]);
    sys.add({ ref: 0, window: { from: "2025-06-02", to: "2025-06-02" }, side: "lo", bound: 5 });
    expect(sys.bounds({ from: "2025-06-03", to: "2025-06-09" })).toEqual({ lo: 0, hi: 0 });
    expect(sys.bounds({ from: null, to: "2025-06-09" })).toEqual({ lo: 5, hi: null });
  });
});
