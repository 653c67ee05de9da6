import { describe, expect, it } from "vitest";
import * as N from "./Numbers.ts";

const values = (s: string) => N.find(s).map((m) => [m.value, m.qualifier, m.formula]);

describe("number mentions", () => {
  it("reads separators, words and qualifiers", () => {
    expect(values("at least 1,000 soldiers")).toEqual([[1000, "at_least", false]]);
    expect(values("more than 6,000 bodies")).toEqual([[6000, "more_than", false]]);
    expect(values("nearly 3,000 more")).toEqual([[3000, "nearly", false]]);
    expect(values("A thousand prisoners")).toEqual([[1000, "exact", false]]);
    expect(values("two hundred and fifty captives")).toEqual([[250, "exact", false]]);
    expect(values("up to 8,000 prisoners")).toEqual([[8000, "at_most", false]]);
    expect(values("no more than 500 prisoners")).toEqual([[500, "at_most", false]]);
    expect(values("no fewer than 300 prisoners")).toEqual([[300, "at_least", false]]);
    expect(values("no less than 300 prisoners")).toEqual([[300, "at_least", false]]);
    expect(values("fewer than 300 prisoners")).toEqual([[300, "at_most", false]]);
  });

  it("reads the particle of 'handed over' as no bound, and 'over' alone as one", () => {
    expect(values("Russia had handed over 140 Ukrainian service personnel")).toEqual([[140, "exact", false]]);
    expect(values("Kyiv turned over 25 bodies")).toEqual([[25, "exact", false]]);
    expect(values("over 140 Ukrainian service personnel")).toEqual([[140, "more_than", false]]);
  });

  it("reads 'taken over a hundred soldiers captive' as a bound ('take N captive'), and 'taken over 5 villages' as none", () => {
    expect(values("Kiev's troops had taken over a hundred Russian soldiers captive")).toEqual([[100, "more_than", false]]);
    expect(values("Ukraine took over 700 Russian prisoners in Kursk")).toEqual([[700, "more_than", false]]);
    expect(values("Russia has taken over 5 villages")).toEqual([[5, "exact", false]]);
  });

  it("reads thousands separators past a thousand and the word 'million'", () => {
    expect(values("1,000,000 prisoners")).toEqual([[1_000_000, "exact", false]]);
    expect(values("1,200,345 captives")).toEqual([[1_200_345, "exact", false]]);
    expect(values("3 million people")).toEqual([[3_000_000, "exact", false]]);
    expect(values("2.5 million people")).toEqual([[2_500_000, "exact", false]]);
    expect(values("two million people")).toEqual([[2_000_000, "exact", false]]);
  });

  it("reads N-for-N formulas as one figure", () => {
    expect(values("a 1,000-for-1,000 prisoner exchange")).toEqual([[1000, "exact", true]]);
    expect(values("based on a 6,000-for-6,000 formula")).toEqual([[6000, "exact", true]]);
  });

  it("sets aside dates, times and years", () => {
    expect(values("Kyiv/Moscow, June 12 Ukraine")).toEqual([]);
    expect(values("27 June, 2025, 00:21")).toEqual([]);
    expect(values("since 2022")).toEqual([]);
    expect(values("date 2025-06-20")).toEqual([]);
    expect(values("stages took place on June 9, 10, 12,14, 19 and 26.")).toEqual([]);
    expect(values("on May 23, 24 and 25 the sides swapped 390")).toEqual([[390, "exact", false]]);
    expect(values("on June 9, 30 prisoners were freed")).toEqual([[30, "exact", false]]);
  });
});
