// Whose side a name points to: the built-in pack's parties, with their regions, officials and units.
import { describe, expect, it } from "vitest";
import { extract } from "./Extract.ts";
import { partyOf } from "./Parties.ts";

describe("parties", () => {
  it("a Russian region, its leader and its units point to Russia", () => {
    for (const name of ["Chechen authorities", "the Chechnya government", "Ramzan Kadyrov", "the Akhmat regiment"]) expect(partyOf(name), name).toBe("russia");
    expect(partyOf("Chechen and Ukrainian officials")).toBeNull();
  });

  it("Russia's negotiator is Russia's however his name is spelled", () => {
    for (const name of ["Vladimir Medinsky", "Vladimir Medynskyi", "Medinskiy"]) expect(partyOf(name), name).toBe("russia");
  });

  it("fighters swapped by a Russian region's authorities came home to Russia", () => {
    const r = extract({ text: "Chechen authorities said that they had swapped five fighters from the regiment on May 5.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2023-05-08" }] });
    expect(r.claims.map((c) => [c.fields.direction, c.fields.value])).toEqual([["to_russia", 5]]);
  });
});
