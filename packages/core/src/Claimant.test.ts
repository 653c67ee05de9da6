import { describe, expect, it } from "vitest";
import fc from "fast-check";
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

describe("claimant keys against a reference table of who is who", () => {
  it("'Zelenskyy', 'Zelenskiy' and 'Zelenskyi' are Zelensky", () => {
    for (const s of ["Zelenskyy", "Volodymyr Zelenskyy", "President Zelenskyi", "Mr Zelenskiy"]) expect(Claimant.key(s)).toBe(Claimant.key("Zelensky"));
  });

  it("a curly apostrophe is an apostrophe: \u201cRussia\u2019s Defence Ministry\u201d is Russia's", () => {
    expect(Claimant.key("Russia\u2019s Defence Ministry")).toBe(Claimant.key("Russia's Defence Ministry"));
    expect(Claimant.key("Ukraine\u2019s Defence Ministry")).toBe(Claimant.key("Ukrainian Defence Ministry"));
  });

  it("quotation marks and punctuation around a name are not part of it", () => {
    expect(Claimant.key("\u201cZelensky\u201d")).toBe("zelensky");
    expect(Claimant.key("(Russian Defence Ministry)")).toBe(Claimant.key("Russian Defence Ministry"));
  });

  it("transliterations of one surname are one claimant: 'Vladimir Medynskyi' is 'Medinsky', 'Syrskyi' is 'Syrsky'", () => {
    expect(Claimant.key("Vladimir Medynskyi")).toBe(Claimant.key("Medinsky"));
    expect(Claimant.key("Oleksandr Syrskyi")).toBe(Claimant.key("General Syrsky"));
    expect(Claimant.key("Medinsky")).not.toBe(Claimant.key("Peskov"));
    // Institutions keep their words as written.
    expect(Claimant.key("Ukraine's Coordination Headquarters")).toBe("ukraine coordinating headquarters");
  });

  it("an institution keeps every word, and a person named after a nationality keeps the surname only", () => {
    expect(Claimant.key("Russian Defence Ministry")).toBe("russia defence ministry");
    expect(Claimant.key("Ukrainian President Volodymyr Zelensky")).toBe("zelensky");
  });

  // The reference: each claimant with the ways outlets write it (titles, first names, nationality, transliterations, word orders, apostrophes).
  const person = (first: string, surnames: readonly string[], titles: readonly string[]) =>
    fc.tuple(fc.constantFrom("", ...titles), fc.boolean(), fc.constantFrom(...surnames)).map(([t, f, s]) => [t, f ? first : "", s].filter((w) => w !== "").join(" "));
  const ministry = (nation: readonly string[]) =>
    fc
      .tuple(fc.constantFrom("", "the "), fc.constantFrom(...nation), fc.constantFrom("Defence", "Defense", "defence"), fc.boolean(), fc.constantFrom("of", "for"))
      .map(([the, n, d, inverted, of]) => (inverted ? `${the}${n} ministry ${of} ${d.toLowerCase()}` : `${the}${n} ${d} Ministry`));
  const who: fc.Arbitrary<readonly [string, string]> = fc.oneof(
    person("Volodymyr", ["Zelensky", "Zelenskiy", "Zelenskyy", "Zelenskyi"], ["President", "Mr", "Ukrainian President"]).map((s) => ["zelensky", s] as const),
    person("Vladimir", ["Putin"], ["President", "Mr", "Russian President"]).map((s) => ["putin", s] as const),
    person("Dmytro", ["Lubinets"], ["ombudsman", "Ukrainian ombudsman"]).map((s) => ["lubinets", s] as const),
    person("Dmitry", ["Peskov"], ["presidential spokesman", "Mr", "Russian presidential spokesman"]).map((s) => ["peskov", s] as const),
    person("Vladimir", ["Medinsky", "Medynskyi", "Medinskiy"], ["Mr", "Russian negotiator", "negotiator"]).map((s) => ["medinsky", s] as const),
    ministry(["Russia's", "Russia\u2019s", "Russian"]).map((s) => ["russian ministry", s] as const),
    ministry(["Ukraine's", "Ukraine\u2019s", "Ukrainian"]).map((s) => ["ukrainian ministry", s] as const),
  );

  it("two spellings have one key exactly when the reference says they are one claimant", () => {
    fc.assert(
      fc.property(who, who, ([a, sa], [b, sb]) => {
        expect(Claimant.key(sa) === Claimant.key(sb)).toBe(a === b);
      }),
    );
  });
});
