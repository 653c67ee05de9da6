import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as O from "fp-ts/lib/Option.js";
import * as Q from "./Quantity.ts";
import { qualifier } from "./testing.ts";

const interval = fc.record({ lo: fc.nat(5000), width: fc.option(fc.nat(5000), { nil: null }) }).map(({ lo, width }): Q.Interval => ({ lo, hi: width === null ? null : lo + width }));

describe("interval laws", () => {
  it("a reported value lies inside its own interval unless it is a strict bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), qualifier, (v, q) => {
        const i = Q.fromReported(v, q);
        if (q === "more_than" || q === "undisclosed") return true;
        return Q.contains(i, v);
      }),
    );
  });

  it("about and nearly widen by the documented tolerance: 5% rounded up, at least 1", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), (v) => {
        const t = Math.max(1, Math.ceil(v * 0.05));
        expect(Q.fromReported(v, "about")).toEqual({ lo: Math.max(0, v - t), hi: v + t });
        expect(Q.fromReported(v, "nearly")).toEqual({ lo: Math.max(0, v - t), hi: v });
      }),
    );
  });

  it("the sum of intervals contains every sum of their members", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(interval, fc.nat(5000)), { maxLength: 6 }), (parts) => {
        const members = parts.map(([i, k]) => Q.clamp(i, i.lo + k));
        return Q.contains(Q.sum(parts.map(([i]) => i)), members.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it("intersection is commutative and consistent exactly when it exists", () => {
    fc.assert(
      fc.property(interval, interval, (a, b) => {
        expect(Q.intersect(a, b)).toEqual(Q.intersect(b, a));
        expect(Q.consistent(a, b)).toBe(O.isSome(Q.intersect(a, b)));
      }),
    );
  });
});
