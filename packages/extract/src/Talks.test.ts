import { describe, expect, it } from "vitest";
import * as Talks from "./Talks.ts";

describe("the calendar of talks", () => {
  it("dates a figure by the round that agreed it, preferring the round that reported the same qualifier", () => {
    expect(Talks.dayOfDeal("persons", 1000, "exact", "2025-07-02")).toBe("2025-05-16");
    expect(Talks.dayOfDeal("persons", 1000, "at_least", "2025-07-02")).toBe("2025-06-02");
    // Two rounds agreed 1,200 each: the latest before the story.
    expect(Talks.dayOfDeal("persons", 1200, "exact", "2025-06-20")).toBe("2025-06-02");
    expect(Talks.dayOfDeal("persons", 1200, "exact", "2025-08-01")).toBe("2025-07-23");
  });

  it("knows nothing before a round, long after it, outside the month the text gives, or for another figure", () => {
    expect(Talks.dayOfDeal("bodies", 6000, "exact", "2025-06-01")).toBeNull();
    expect(Talks.dayOfDeal("bodies", 6000, "exact", Talks.rounds[1]!.day)).toBe("2025-06-02");
    expect(Talks.dayOfDeal("bodies", 6000, "exact", "2025-09-01")).toBeNull(); // 91 days on
    expect(Talks.dayOfDeal("persons", 1000, "exact", "2025-07-02", { from: "2025-06-01", to: "2025-06-30" })).toBe("2025-06-02");
    expect(Talks.dayOfDeal("persons", 1000, "exact", "2025-07-02", { from: "2025-04-01", to: "2025-04-30" })).toBeNull();
    expect(Talks.dayOfDeal("persons", 999, "exact", "2025-07-02")).toBeNull();
    expect(Talks.dayOfDeal("persons", 1000, "exact", null)).toBeNull();
  });

  it("names the latest round of a place with terms of the category, within the stale window, for a count under its talks", () => {
    expect(Talks.roundNamed("bodies", "the return of more than 6,000 bodies under the Istanbul agreements", "2025-06-16")).toBe("2025-06-02");
    // The May 16 round agreed no bodies; the July 23 round did, once it was held.
    expect(Talks.roundNamed("bodies", "under the Istanbul agreements", "2025-06-01")).toBeNull();
    expect(Talks.roundNamed("bodies", "under the Istanbul agreements", "2025-07-30")).toBe("2025-07-23");
    expect(Talks.roundNamed("persons", "under the Istanbul agreements", "2025-05-30")).toBe("2025-05-16");
    // No place named, another place, or long after the round.
    expect(Talks.roundNamed("bodies", "under the agreements", "2025-06-16")).toBeNull();
    expect(Talks.roundNamed("bodies", "under the Geneva agreements", "2025-06-16")).toBeNull();
    expect(Talks.roundNamed("persons", "under the Istanbul agreements", "2026-01-30")).toBeNull();
  });

  it("gives a page its year only when a sentence names a round's place and its day", () => {
    expect(Talks.yearOfRound("agreements made on 2 June in Istanbul", [{ month: 6, day: 2 }])).toBe(2025);
    expect(Talks.yearOfRound("agreements made on 2 June", [{ month: 6, day: 2 }])).toBeNull();
    expect(Talks.yearOfRound("talks in Istanbul on 3 June", [{ month: 6, day: 3 }])).toBeNull();
  });
});
