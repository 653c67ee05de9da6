// `facts discrepancies` as text fits a screen (issue #14: answers that fit a screen): an explanation
// that a figure cannot hold with dozens of others names the largest few and says how many it leaves
// out, long lines are wrapped or cut, and --full still prints everything.
import { describe, expect, it } from "vitest";
import type { Views } from "@factledger/app";
import * as R from "./Render.ts";
import * as T from "./Text.ts";

const plain: R.Style = { bold: (s) => s, dim: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s };
const colour = R.style(true, {});

const day = (i: number) => new Date(Date.UTC(2023, 0, 1 + 3 * i)).toISOString().slice(0, 10);
const longWho = "Ukraine’s Coordination Headquarters for the Treatment of Prisoners of War, citing the ministry";
const longOutlet = "The America One News (Euromaidan Press), republished by a very long outlet name";

const version = (i: number, value: number, over: boolean): Views.Version => ({
  value,
  qualifier: "exact",
  lo: value,
  hi: value,
  attributedTo: longWho,
  articleId: `a${i}`,
  outlet: i % 2 === 0 ? longOutlet : null,
  publishedAt: i % 3 === 0 ? null : day(i),
  claimId: `c${i}`,
  kind: over ? "event" : "cumulative",
  direction: i % 5 === 0 ? "each_side" : "to_ukraine",
  validFrom: over ? day(i) : null,
  validTo: day(i),
  reportedVia: i % 4 === 0 ? "Ukrinform, quoting the Ministry of Reintegration of the Temporarily Occupied Territories" : null,
  sentence: `The bodies of ${value} fallen defenders were returned, ${"the headquarters said at length ".repeat(5)}`,
});

/** A cumulative figure of 6057 that cannot hold with `n` one-day events of 10, 11, 12, … bodies on days three apart. */
const manyFigures = (n: number): Views.DiscrepancyRow => {
  const events = Array.from({ length: n }, (_, i) => ({ value: 10 + i, from: day(i) }));
  return {
    metric: "bodies_returned",
    direction: "to_ukraine",
    kind: "cumulative",
    validFrom: day(0),
    validTo: "2025-06-16",
    reason: "window_conflict",
    rule: "window_conflict",
    detail: `6057 bodies_returned through 2025-06-16 cannot hold with ${events.map((e) => `${e.value} bodies_returned over ${e.from}..${e.from}`).join(" and ")}; its upper bound was set aside`,
    versions: [...events.map((e, i) => version(i, e.value, true)), version(n, 6057, false)],
    kept: events.map((_, i) => `c${i}`),
    setAside: [`c${n}`],
    resolve: [{ action: "reject", claimIds: [`c${n}`] }],
  };
};

const widest = (lines: readonly string[]) => Math.max(...lines.map(R.visible));

describe("a discrepancy that fits a screen", () => {
  it("with 40 conflicting figures: every line within 100 columns, the three largest named, the other 37 counted and summed", () => {
    const d = manyFigures(40);
    const { lines, cut } = T.discrepancyLines(plain)(d, 0);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    const text = lines.join("\n");
    const detail = text.replace(/\s+/g, " ");
    // The largest are 47, 48 and 49; the others are 10..46, which sum to 1036, on days that do not overlap.
    expect(detail).toContain("6057 bodies_returned through 2025-06-16 cannot hold with 47 bodies_returned over");
    expect(detail).toContain(`49 bodies_returned over ${day(39)}..${day(39)} and 37 more (sum 1036); its upper bound was set aside`);
    expect(detail).not.toContain(`10 bodies_returned over ${day(0)}`);
    expect(cut).toBe(true);
    // Every version is still listed, with its figure.
    for (const v of d.versions) expect(text).toContain(R.num(v.value!));
    expect(lines.filter((l) => l.includes("“")).length).toBe(d.versions.length);
  });

  it("fits any width from 40 columns, colours or not", () => {
    const d = manyFigures(40);
    for (const width of [40, 60, 80, 100, 132]) {
      for (const st of [plain, colour]) expect(widest(T.discrepancyLines(st, { width, full: false })(d, 11).lines)).toBeLessThanOrEqual(width);
      expect(T.discrepancyLines(plain, { width, full: false })(d, 0).lines.join(" ").replace(/\s+/g, " ")).toContain("and 37 more (sum 1036)");
    }
  });

  it("--full is the block as it always was: the whole explanation on one line", () => {
    const d = manyFigures(40);
    const full = T.discrepancyLines(plain, { width: 100, full: true })(d, 0);
    expect(full.lines[1]).toBe(`     ${d.detail}`);
    expect(full.cut).toBe(false);
    expect(T.discrepancyBlock(plain, { width: 100, full: true })(d, 0)).toBe(full.lines.join("\n"));
  });

  it("a short explanation is only wrapped, word for word", () => {
    const d = manyFigures(4);
    const { lines, cut } = T.discrepancyLines(plain)({ ...d, versions: d.versions.map((v) => ({ ...v, attributedTo: "Lubinets", outlet: "UNN", reportedVia: null })) }, 0);
    expect(widest(lines)).toBeLessThanOrEqual(100);
    // The explanation's lines start at column 6, their continuations at 8 (a version's figure is right-aligned further in).
    expect(lines.slice(1).filter((l) => /^( {5}| {7})\S/.test(l)).map((l) => l.trim()).join(" ")).toBe(d.detail);
    expect(cut).toBe(false);
  });
});

describe("shortDetail", () => {
  const cum = (v: number, d: string) => `${v} bodies_returned through ${d}`;
  const over = (v: string, a: string, b: string) => `${v} bodies_returned over ${a}..${b}`;
  const of = (...others: string[]) => `${cum(6057, "2025-06-16")} cannot hold with ${others.join(" and ")}; its upper bound was set aside`;

  it("names up to four figures whole; from five, the three largest and how many more", () => {
    const four = of(over("1", "2023-01-01", "2023-01-01"), over("2", "2023-01-02", "2023-01-02"), over("3", "2023-01-03", "2023-01-03"), over("4", "2023-01-04", "2023-01-04"));
    expect(T.shortDetail(four)).toEqual({ text: four, left: 0 });
    const five = of(over("5", "2023-01-01", "2023-01-01"), over("≥ 900", "2023-02-01", "2023-02-28"), over("2", "2023-03-01", "2023-03-01"), over("100–120", "2023-04-01", "2023-04-01"), over("7", "2023-05-01", "2023-05-01"));
    expect(T.shortDetail(five)).toEqual({ text: of(over("≥ 900", "2023-02-01", "2023-02-28"), over("100–120", "2023-04-01", "2023-04-01"), over("7", "2023-05-01", "2023-05-01")).replace("; its", " and 2 more (sum 7); its"), left: 2 });
  });

  it("sums what it leaves out only when those are counts over days that do not overlap, bounds and all", () => {
    const big = [over("900", "2025-01-01", "2025-01-01"), over("800", "2025-01-02", "2025-01-02"), over("700", "2025-01-03", "2025-01-03")];
    expect(T.shortDetail(of(...big, over("≥ 5", "2023-01-01", "2023-01-31"), over("3–4", "2023-02-01", "2023-02-01"))).text).toContain("and 2 more (sum ≥ 8);");
    expect(T.shortDetail(of(...big, over("5", "2023-01-01", "2023-01-31"), over("3–4", "2023-02-01", "2023-02-01"))).text).toContain("and 2 more (sum 8–9);");
    // Overlapping days: a sum could count one exchange twice, so none is given.
    expect(T.shortDetail(of(...big, over("5", "2023-01-01", "2023-01-31"), over("3", "2023-01-15", "2023-01-15"))).text).toContain("and 2 more;");
    // A running total among them: not a count of days, so no sum.
    expect(T.shortDetail(of(...big, over("5", "2023-01-01", "2023-01-31"), cum(3, "2023-02-01"))).text).toContain("and 2 more;");
  });

  it("returns any other explanation whole", () => {
    for (const s of ["an N-for-N phase with 0 to_russia against 1200 to_ukraine", "3 independent versions, 2 pair(s) cannot both be true", of("a", "b", "c", "d", "e", "f")]) expect(T.shortDetail(s)).toEqual({ text: s, left: 0 });
  });
});

describe("wrapWords", () => {
  it("breaks between words within the width, and cuts a word longer than a line with …", () => {
    expect(R.wrapWords("aaa bbb ccc ddd", 9, "  ", "    ")).toEqual(["  aaa bbb", "    ccc", "    ddd"]);
    expect(R.wrapWords("x ".repeat(3) + "y".repeat(30), 10, "", "")).toEqual(["x x x", "yyyyyyyyy…"]);
    expect(R.wrapWords("", 10, "  ", "")).toEqual(["  "]);
  });
});
