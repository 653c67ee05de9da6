import { describe, expect, it } from "vitest";
import * as D from "./Dates.ts";

const resolveFirst = (text: string, ref: string | null) => D.resolve(D.find(text)[0]!, ref);

describe("dates in past-tense reports", () => {
  it("a weekday resolves backwards to the most recent such day, the same day included", () => {
    expect(resolveFirst("on Thursday", "2025-06-27")).toEqual({ from: "2025-06-26", to: "2025-06-26" }); // published Friday
    expect(resolveFirst("on Friday", "2025-06-20")).toEqual({ from: "2025-06-20", to: "2025-06-20" }); // published Friday
    expect(resolveFirst("on Saturday", "2025-06-16")).toEqual({ from: "2025-06-14", to: "2025-06-14" });
  });

  it("a month and day take the reference's year, or the year before when that would be in the future", () => {
    expect(resolveFirst("on May 23", "2025-05-24")).toEqual({ from: "2025-05-23", to: "2025-05-23" });
    expect(resolveFirst("on December 30", "2026-01-02")).toEqual({ from: "2025-12-30", to: "2025-12-30" });
    expect(resolveFirst("27 June, 2025, 00:21", null)).toEqual({ from: "2025-06-27", to: "2025-06-27" });
  });

  it("a named year or month is cut at the cap (the publication day), which is the reference unless the caller says there is none", () => {
    const year = D.find("in 2022")[0]!;
    expect(D.resolve(year, "2022-02-04")).toEqual({ from: "2022-01-01", to: "2022-02-04" });
    expect(D.resolve(year, "2022-02-04", null)).toEqual({ from: "2022-01-01", to: "2022-12-31" });
    const month = D.find("in February")[0]!;
    expect(D.resolve(month, "2022-02-04")).toEqual({ from: "2022-02-01", to: "2022-02-04" });
    expect(D.resolve(month, "2022-02-04", null)).toEqual({ from: "2022-02-01", to: "2022-02-28" });
  });

  it("the weekend is the last Saturday and Sunday on or before the reference; 'on the 14th' the last such day of a month", () => {
    expect(resolveFirst("over the weekend", "2025-06-20")).toEqual({ from: "2025-06-14", to: "2025-06-15" }); // a Friday
    expect(resolveFirst("last weekend", "2025-06-16")).toEqual({ from: "2025-06-14", to: "2025-06-15" }); // a Monday
    expect(resolveFirst("over the weekend", "2025-06-15")).toEqual({ from: "2025-06-14", to: "2025-06-15" }); // a Sunday
    expect(resolveFirst("On the 14th, 84 came home", "2025-06-20")).toEqual({ from: "2025-06-14", to: "2025-06-14" });
    expect(resolveFirst("on the 24th", "2025-06-20")).toEqual({ from: "2025-05-24", to: "2025-05-24" });
    expect(D.find("on the 64th exchange").length).toBe(0);
  });

  it("relative days and periods resolve against the reference, and nothing resolves without one", () => {
    expect(resolveFirst("yesterday", "2025-06-20")).toEqual({ from: "2025-06-19", to: "2025-06-19" });
    expect(resolveFirst("earlier this month", "2025-06-27")).toEqual({ from: "2025-06-01", to: "2025-06-27" });
    expect(resolveFirst("on Thursday", null)).toBeNull();
  });

  it("'the day before', 'a day earlier' and 'the previous day' are the day before the reference; 'the next day' the day after", () => {
    for (const s of ["the day before", "a day earlier", "the previous day"]) expect(resolveFirst(s, "2025-06-20")).toEqual({ from: "2025-06-19", to: "2025-06-19" });
    expect(resolveFirst("the next day", "2025-06-20")).toEqual({ from: "2025-06-21", to: "2025-06-21" });
    expect(resolveFirst("two days earlier", "2025-06-20")).toEqual({ from: "2025-06-18", to: "2025-06-18" });
  });

  it("'may' the verb is not May the month", () => {
    expect(D.find("talks may 25 resume").length).toBe(0);
  });

  it("a dateline's year is fixed by a weekday only within two years of today", () => {
    expect(D.yearFromWeekday(6, 12, 4, "2026-11-22")).toBe(2025); // June 12, 2025 was a Thursday
    expect(D.yearFromWeekday(3, 3, 6, "2026-11-22")).toBeNull(); // March 3 was a Saturday only in 2018 and earlier
  });
});
