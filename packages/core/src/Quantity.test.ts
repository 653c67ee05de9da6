import { describe, expect, it } from "vitest";
import * as O from "fp-ts/lib/Option.js";
import * as Q from "./Quantity.ts";

describe("reported figures as intervals", () => {
  it("reads qualifiers the way the contract says", () => {
    expect(Q.fromReported(1000, "exact")).toEqual({ lo: 1000, hi: 1000 });
    expect(Q.fromReported(1000, "at_least")).toEqual({ lo: 1000, hi: null });
    expect(Q.fromReported(6000, "more_than")).toEqual({ lo: 6001, hi: null });
    expect(Q.fromReported(3000, "nearly")).toEqual({ lo: 2850, hi: 3000 });
    expect(Q.fromReported(53000, "about")).toEqual({ lo: 50350, hi: 55650 });
    expect(Q.fromReported(100, "at_most")).toEqual({ lo: 0, hi: 100 });
  });

  it("an undisclosed count is unbounded, and at least one when the event is known to have happened", () => {
    expect(Q.fromReported(null, "undisclosed")).toEqual({ lo: 0, hi: null });
    expect(Q.fromReported(null, "undisclosed")).toEqual({ lo: 0, hi: null });
  });

  it("sums intervals, and an unbounded part makes the sum unbounded", () => {
    expect(Q.sum([Q.exactly(390), Q.exactly(307)])).toEqual({ lo: 697, hi: 697 });
    expect(Q.sum([Q.exactly(390), Q.atLeast(1)])).toEqual({ lo: 391, hi: null });
    expect(Q.sum([])).toEqual(Q.zero);
  });

  it("'more than 6,000' and '6,012' agree; '3,600' and 'more than 6,000' do not", () => {
    expect(Q.consistent(Q.fromReported(6000, "more_than"), Q.exactly(6012))).toBe(true);
    expect(Q.consistent(Q.fromReported(6000, "more_than"), Q.exactly(3600))).toBe(false);
    expect(Q.intersect(Q.fromReported(6000, "more_than"), Q.exactly(6012))).toEqual(O.some({ lo: 6012, hi: 6012 }));
  });
});

describe("interval predicates", () => {
  it("contains is inclusive at both ends, and unbounded above when hi is null", () => {
    expect([4, 5, 7, 8].map((n) => Q.contains({ lo: 5, hi: 7 }, n))).toEqual([false, true, true, false]);
    expect([4, 5, 1e12].map((n) => Q.contains({ lo: 5, hi: null }, n))).toEqual([false, true, true]);
  });

  it("a point allows exactly one value; an unbounded interval is never a point", () => {
    expect(Q.isPoint({ lo: 3, hi: 3 })).toBe(true);
    expect(Q.isPoint({ lo: 3, hi: 4 })).toBe(false);
    expect(Q.isPoint({ lo: 3, hi: null })).toBe(false);
  });

  it("equality compares both bounds", () => {
    expect(Q.equals({ lo: 1, hi: 2 }, { lo: 1, hi: 2 })).toBe(true);
    expect(Q.equals({ lo: 1, hi: 2 }, { lo: 0, hi: 2 })).toBe(false);
    expect(Q.equals({ lo: 1, hi: 2 }, { lo: 1, hi: null })).toBe(false);
  });
});
