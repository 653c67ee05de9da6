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

export const discrepancyBlock = (st: Style) => (d: DiscrepancyRow, i: number) =>
  [
    `  ${i + 1}. ${st.red(d.reason)}  ${d.metric} ${d.direction} ${d.kind}  ${period(d.validFrom, d.validTo)}`,
    `     ${R.cell(d.detail)}`,
    ...d.versions.flatMap((v) => [`     ${versionLine(v, st)}${v.direction === d.direction ? "" : `  ${v.direction}`}`, `${" ".repeat(19)}${st.dim(R.clip(`“${R.cell(v.sentence.replace(/\s+/g, " "))}”`, 80))}`]),
  ].join("\n");

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
