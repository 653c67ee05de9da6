/**
 * A warm start changes no answer (Windows.Seed): a system seeded with the potential of another system, over
 * other windows and other bounds, accepts and refuses exactly the bounds an unseeded one does, in the same
 * order, and gives the same bounds of every window; both without `explain` (the audit's use), and its
 * refusals are found at once (a negative cycle through the new bound). Fixed seed, at least 200 runs.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as W from "./Windows.ts";

const day = fc.integer({ min: 1, max: 12 }).map((d) => `2025-06-${String(d).padStart(2, "0")}`);
const windowArb: fc.Arbitrary<W.Window> = fc
  .tuple(fc.option(day, { nil: null }), day)
  .map(([a, b]) => (a === null ? { from: null, to: b } : a <= b ? { from: a, to: b } : { from: b, to: a }));
const halves = (n: number) =>
  fc.array(
    fc.record({ window: windowArb, side: fc.constantFrom("lo" as const, "hi" as const), bound: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3_000_000_000 })) }),
    { minLength: 1, maxLength: n },
  );

describe("a seeded window system", () => {
  it("accepts, refuses and bounds exactly as an unseeded one, whatever system its seed comes from", () => {
    fc.assert(
      fc.property(halves(25), fc.oneof(halves(4), halves(25)), fc.array(windowArb, { minLength: 1, maxLength: 6 }), (before, now, queries) => {
        // The seed: a system over other windows, after other bounds (some refused).
        const earlier = W.make(before.map((h) => h.window));
        before.forEach((h, ref) => earlier.add({ ref, ...h }, false));
        // Few windows leave closed cells (no counts) where the seed's potential may still rise.
        const windows = [...now.map((h) => h.window), ...queries];
        const cold = W.make(windows);
        const warm = W.make(windows, [], earlier.potential());
        now.forEach((h, ref) => {
          expect(warm.add({ ref, ...h }, false)._tag).toBe(cold.add({ ref, ...h }, false)._tag);
        });
        expect(warm.accepted()).toEqual(cold.accepted());
        for (const q of queries) expect(warm.bounds(q)).toEqual(cold.bounds(q));
        // Its own potential seeds the next one as well.
        const again = W.make(windows, [], warm.potential());
        now.forEach((h, ref) => again.add({ ref, ...h }, false));
        expect(again.accepted()).toEqual(cold.accepted());
        for (const q of queries) expect(again.bounds(q)).toEqual(cold.bounds(q));
      }),
    );
  });

  it("without explain refuses exactly what the search with explain refuses", () => {
    fc.assert(
      fc.property(halves(30), fc.array(windowArb, { minLength: 1, maxLength: 4 }), (hs, queries) => {
        const windows = [...hs.map((h) => h.window), ...queries];
        const quiet = W.make(windows);
        const told = W.make(windows);
        hs.forEach((h, ref) => expect(quiet.add({ ref, ...h }, false)._tag).toBe(told.add({ ref, ...h }, true)._tag));
        for (const q of queries) expect(quiet.bounds(q)).toEqual(told.bounds(q));
      }),
    );
  });

  it("carries a seed over a cell that holds nothing now: its ends are given one potential", () => {
    // The seed's potential rises by 5 over June 1; in the new system the days before June 5 are in no window.
    const earlier = W.make([{ from: "2025-06-01", to: "2025-06-01" }]);
    earlier.add({ ref: 0, window: { from: "2025-06-01", to: "2025-06-01" }, side: "lo", bound: 5 }, false);
    const windows = [{ from: "2025-06-05", to: "2025-06-05" }];
    const cold = W.make(windows);
    const warm = W.make(windows, [], earlier.potential());
    const p = warm.potential();
    expect(p.pi[0]).toBe(p.pi[1]);
    for (const sys of [cold, warm]) {
      expect(sys.add({ ref: 1, window: { from: "2025-06-05", to: "2025-06-05" }, side: "hi", bound: 3 }, false)._tag).toBe("Accepted");
      expect(sys.add({ ref: 2, window: { from: null, to: "2025-06-05" }, side: "lo", bound: 4 }, false)._tag).toBe("Refused");
    }
    expect(warm.bounds({ from: null, to: "2025-06-05" })).toEqual(cold.bounds({ from: null, to: "2025-06-05" }));
  });
});
