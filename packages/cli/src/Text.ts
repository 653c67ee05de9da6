/**
 * The views as people read them: tables and blocks for the terminal,
 * Markdown for a newsroom document, CSV for a spreadsheet. Pure functions of
 * the app's views (the same views --json prints), so every format says the
 * same things.
 */
import type { Views } from "@factledger/app";
import * as R from "./Render.ts";
import type { Style } from "./Render.ts";

type TotalsView = Views.TotalsView;
type DiscrepancyRow = Views.DiscrepancyRow;
type VersionRow = Views.Version;

/** A total's first four cells, as every renderer shows them: the metric with its group, the direction, best, bounds. */
export const figureCells = (t: Views.TotalRow, disputed: (best: string) => string): [string, string, string, string] => [
  t.group === null ? t.metric : `${t.metric} (${t.group})`,
  t.direction,
  t.undisclosed ? "undisclosed" : t.disputed ? disputed(R.num(t.best)) : R.num(t.best),
  t.undisclosed ? "-" : R.bounds(t.lo, t.hi),
];

/** A sources cell that fits a screen: the first four, then how many more (`--json` lists every one). */
export const sourcesCell = (xs: readonly string[], max = 4): string => (xs.length <= max ? xs.join(", ") : `${xs.slice(0, max).join(", ")} +${xs.length - max} more`);

export const totalHeads = ["metric", "direction", ">best", ">bounds", "basis", ">claims", "sources"];
// A disputed total says so in words as well as in red: without colour (a pipe, NO_COLOR) the mark is all there is.
export const totalRows = (v: TotalsView, st: Style, disputed: (best: string) => string = (b) => st.red(`${b} (disputed)`)) =>
  v.totals.map((t) => [...figureCells(t, disputed), t.basis, String(t.claims), sourcesCell(t.sources)]);

export const agreementHeads = ["agreement", "direction", "agreed on", ">target", ">done", ">remaining", "sources"];
export const agreementRows = (v: TotalsView) =>
  v.agreements.map((a) => [a.metric, a.direction, a.agreedOn ?? "?", R.figure(a.target, a.targetLo, a.targetHi), R.figure(a.done, a.doneLo, a.doneHi), a.doneHi === null ? `≤ ${R.num(remainingAtMost(a))}` : R.num(a.remaining), sourcesCell(a.sources)]);

/** With no ceiling on what was done, what remains is at most the highest target less the least done ("≤ 888" for 6,001–6,300 against ≥ 5,412). */
const remainingAtMost = (a: Views.AgreementRow): number => Math.max(0, (a.targetHi ?? a.target) - a.doneLo);

export const offerHeads = ["offer", "direction", "offered on", ">figure", "by"];
export const offerRows = (v: TotalsView) => v.offers.map((x) => [x.metric, x.direction, x.offeredOn ?? "?", R.bounds(x.lo, x.hi), sourcesCell(x.sources)]);

/** A day or period as people read it: "2025-06-19", "as of 2025-06-19", "2025-05-24 → 2025-06-19". */
export const period = (from: string | null, to: string | null): string =>
  from === null && to === null ? "undated" : from === null ? `as of ${to}` : to === null || to === from ? from : `${from} → ${to}`;

export const versionLine = (v: VersionRow, st: Style) =>
  `${R.reported(v.value, v.qualifier).padStart(12)}  ${R.cell(v.attributedTo)}${v.reportedVia === null ? "" : ` via ${R.cell(v.reportedVia)}`}  ${st.dim(R.cell(`${v.outlet ?? "unnamed outlet"}, ${v.publishedAt ?? "undated"}`))}`;

/** How a discrepancy is laid out: within `width` columns, or `full` (every figure and whole lines, as the block always was). */
export interface Fit {
  readonly width: number;
  readonly full: boolean;
}
export const screen: Fit = { width: 100, full: false };

// One figure of a window explanation as the core writes it: "6057 bodies_returned through 2025-06-16",
// "≥ 1001 prisoners_returned over 2025-06-02..2025-07-22", "6650–7350 bodies_returned through 2025-07-23".
const FIGURE = /^(?:≥ (\d+)|(\d+)–(\d+)|(\d+)) \S+ (?:through (\d{4}-\d{2}-\d{2})|over (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2}))$/;

interface Figure {
  readonly text: string;
  readonly lo: number;
  readonly hi: number | null;
  /** Null for a running total ("through"). */
  readonly from: string | null;
  readonly to: string;
}

const figureOf = (text: string): Figure | null => {
  const m = FIGURE.exec(text);
  if (m === null) return null;
  const lo = Number(m[1] ?? m[2] ?? m[4]);
  const hi = m[1] !== undefined ? null : Number(m[3] ?? m[4]);
  return { text, lo, hi, from: m[6] ?? null, to: m[5] ?? m[7]! };
};

/** An interval as the core's explanations write it: "3257", "≥ 3257", "3200–3300". */
const shown = (lo: number, hi: number | null) => (hi === null ? `≥ ${lo}` : lo === hi ? `${lo}` : `${lo}–${hi}`);

/**
 * A discrepancy's explanation short enough for a screen. A bound that "cannot hold with" more than
 * `keep` + 1 figures names the `keep` largest (in the explanation's own order), then how many it leaves
 * out and, when those are all counts over days that do not overlap, their sum: "… and 909 bodies_returned
 * over 2025-04-01..2025-04-30 and 16 more (sum 3257); its upper bound was set aside". Any other
 * explanation, or one this does not read, is returned whole. `left` is how many figures were left out.
 */
export const shortDetail = (detail: string, keep = 3): { readonly text: string; readonly left: number } => {
  const whole = { text: detail, left: 0 };
  const m = /^([^;]*?) cannot hold with ([^;]*)(;[^]*)?$/.exec(detail);
  if (m === null) return whole;
  const parts = m[2]!.split(" and ");
  if (parts.length <= keep + 1) return whole;
  const figures = parts.map(figureOf);
  if (figures.some((f) => f === null)) return whole;
  const fs = figures as Figure[];
  const named = new Set(
    fs
      .map((f, i) => ({ f, i }))
      .sort((a, b) => b.f.lo - a.f.lo || a.i - b.i)
      .slice(0, keep)
      .map((x) => x.i),
  );
  const left = fs.filter((_, i) => !named.has(i));
  const byDay = [...left].sort((a, b) => (a.from! < b.from! ? -1 : a.from! > b.from! ? 1 : 0));
  const disjoint = left.every((f) => f.from !== null) && byDay.every((f, i) => i === 0 || f.from! > byDay[i - 1]!.to);
  const sum = disjoint ? ` (sum ${shown(left.reduce((s, f) => s + f.lo, 0), left.some((f) => f.hi === null) ? null : left.reduce((s, f) => s + f.hi!, 0))})` : "";
  return { text: `${m[1]} cannot hold with ${fs.filter((_, i) => named.has(i)).map((f) => f.text).join(" and ")} and ${left.length} more${sum}${m[3] ?? ""}`, left: left.length };
};

/** A version's line within `width`: the attribution, then the outlet and day, are cut (with "…") before anything else. */
const versionFitted = (v: VersionRow, d: DiscrepancyRow, st: Style, width: number): { line: string; cut: boolean } => {
  const value = R.reported(v.value, v.qualifier).padStart(12);
  const who = `${R.cell(v.attributedTo)}${v.reportedVia === null ? "" : ` via ${R.cell(v.reportedVia)}`}`;
  const where = R.cell(`${v.outlet ?? "unnamed outlet"}, ${v.publishedAt ?? "undated"}`);
  const dir = v.direction === d.direction ? "" : `  ${v.direction}`;
  const room = width - 5 - R.visible(value) - 4 - R.visible(dir);
  let w = who;
  let p = where;
  if (R.visible(who) + R.visible(where) > room) {
    w = R.clip(who, Math.max(12, room - R.visible(where)));
    p = R.clip(where, Math.max(1, room - R.visible(w)));
  }
  return { line: R.clip(`     ${value}  ${w}  ${st.dim(p)}${dir}`, width), cut: w !== who || p !== where };
};

/**
 * A discrepancy as lines: the rule and the fact, the explanation, and every version with its sentence.
 * Within `fit.width` columns unless `fit.full`: the explanation is shortened (shortDetail) and wrapped, as
 * is a long first line; long attributions and outlets are cut. `cut` says whether anything was left out
 * (figures, or part of an attribution; a sentence is always cut to its line, as it always was).
 */
export const discrepancyLines =
  (st: Style, fit: Fit = screen) =>
  (d: DiscrepancyRow, i: number): { lines: string[]; cut: boolean } => {
    const sentenceLine = (v: VersionRow) => `${" ".repeat(19)}${st.dim(R.clip(`“${R.cell(v.sentence.replace(/\s+/g, " "))}”`, fit.full ? 80 : Math.max(20, fit.width - 20)))}`;
    const head = `  ${i + 1}. ${st.red(d.reason)}  ${d.metric} ${d.direction} ${d.kind}  ${period(d.validFrom, d.validTo)}`;
    if (fit.full)
      return {
        lines: [head, `     ${R.cell(d.detail)}`, ...d.versions.flatMap((v) => [`     ${versionLine(v, st)}${v.direction === d.direction ? "" : `  ${v.direction}`}`, sentenceLine(v)])],
        cut: false,
      };
    const short = shortDetail(R.cell(d.detail));
    const heads = R.visible(head) <= fit.width ? [head] : R.wrapWords(head, fit.width, "  ", "     ");
    const versions = d.versions.map((v) => versionFitted(v, d, st, fit.width));
    return {
      lines: [...heads, ...R.wrapWords(short.text, fit.width, "     ", "       "), ...d.versions.flatMap((v, j) => [versions[j]!.line, sentenceLine(v)])],
      cut: short.left > 0 || versions.some((x) => x.cut),
    };
  };

export const discrepancyBlock = (st: Style, fit: Fit = screen) => (d: DiscrepancyRow, i: number) => discrepancyLines(st, fit)(d, i).lines.join("\n");

/** The totals command's text. */
export const totals = (v: TotalsView, st: Style): string[] => {
  const lines = [st.bold(`Totals known on ${v.knownAt}, counting what happened ${v.since === null ? "" : `from ${v.since} `}through ${v.through}`)];
  lines.push(v.totals.length === 0 ? "  (none)" : R.table(totalHeads, totalRows(v, st)));
  if (v.totals.some((t) => t.direction === "total")) lines.push(st.dim("  (direction total: figures stated for both sides together, reconciled on their own; not the sum of the two directions)"));
  lines.push(st.bold(`\nAgreements`));
  lines.push(v.agreements.length === 0 ? "  (none)" : R.table(agreementHeads, agreementRows(v)));
  if (v.offers.length > 0) {
    lines.push(st.bold(`\nOffers and pledges by one side`) + st.dim(" (not agreements; counted toward nothing)"));
    lines.push(R.table(offerHeads, offerRows(v)));
  }
  return lines;
};

/** The CSV columns of `claims --format csv`. */
export const claimColumns = ["id", "metric", "direction", "kind", "value", "qualifier", "lo", "hi", "validFrom", "validTo", "attributedTo", "reportedVia", "articleId", "outlet", "publishedAt", "knownAt", "evidence", "group", "commitment", "agreedOn"] as const;

/** A claim's CSV cell: the columns after `evidence` (added 2026-12-03, so earlier columns keep their places) tell a stock's group, an agreed or offered target, and the agreement a count is under. */
export const claimCell = (c: Views.ClaimRow, k: (typeof claimColumns)[number]): string | number | null =>
  k === "evidence" ? c.evidence.text : k === "agreedOn" ? (c.agreement?.agreedOn ?? null) : (c[k] as string | number | null);
