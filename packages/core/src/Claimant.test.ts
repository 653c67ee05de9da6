import { describe, expect, it } from "vitest";
import * as Claimant from "./Claimant.ts";

describe("claimant keys", () => {
  it("spellings of one ministry are one claimant", () => {
    const k = Claimant.key("Russian Defence Ministry");
    expect(Claimant.key("Russia's Defense Ministry")).toBe(k);
    expect(Claimant.key("the Russian ministry for defence")).toBe(k);
    expect(Claimant.key("Russian ministry of defence")).toBe(k);
  });

  it("a person is known by surname, titles and transliterations aside", () => {
    expect(Claimant.key("Volodymyr Zelensky")).toBe(Claimant.key("Zelenskiy"));
    expect(Claimant.key("Ukrainian President Volodymyr Zelensky")).toBe(Claimant.key("Mr Zelenskiy"));
    expect(Claimant.key("Dmytro Lubinets")).toBe(Claimant.key("Lubinets"));
  });

  it("the two sides' ministries stay apart", () => {
    expect(Claimant.key("Russian Defence Ministry")).not.toBe(Claimant.key("Ukrainian Defence Ministry"));
  });
});
