/**
 * `facts report` as text and Markdown, from the app's report view (the same
 * view --json prints). By default it leads with one screen — headline totals
 * with bounds, agreement progress, the five most important discrepancies,
 * what is undated — within the width asked for; `--full` adds everything.
 * Both formats say the same things in the same order.
 */
import type { Views } from "@factledger/app";
import * as R from "./Render.ts";
import type { Style } from "./Render.ts";
import * as T from "./Text.ts";

type ReportView = Views.ReportView;
type DiscrepancyRow = Views.DiscrepancyRow;

/** Options of a report. */
export interface Options {
  readonly full: boolean;
  /** Columns of the one-screen report. */
  readonly width: number;
  readonly where: string;
}

/** How many rows of a table the one-screen report shows before "… n more". */
const screenRows = 8;

/** How far apart the versions of a discrepancy are: the most important disagree by the most. */
const spread = (d: DiscrepancyRow): number => {
  const los = d.versions.map((v) => v.lo);
  const his = d.versions.map((v) => v.hi ?? v.lo);
  return los.length === 0 ? 0 : Math.max(...his) - Math.min(...los);
};

/** The discrepancies in order of importance: the widest disagreement first, then the most versions. */
export const ranked = (ds: readonly DiscrepancyRow[]): DiscrepancyRow[] =>
  ds.map((d, i) => ({ d, i })).sort((a, b) => spread(b.d) - spread(a.d) || b.d.versions.length - a.d.versions.length || a.i - b.i).map((x) => x.d);

/** One line for a discrepancy: the rule, the fact, and who said what where. */
const discrepancyLine = (d: DiscrepancyRow): string =>
  `${d.reason}: ${d.metric} ${d.direction} ${d.kind} ${T.period(d.validFrom, d.validTo)} — ${d.versions.map((v) => `${R.reported(v.value, v.qualifier)} (${v.attributedTo}, ${v.outlet ?? "unnamed outlet"} ${v.publishedAt ?? "undated"})`).join(" vs ")}`;

const headline = (v: ReportView): string => `as known on ${v.knownAt}, counting what happened through ${v.through}`;

const counts = (v: ReportView, where: string | null): string =>
  `${where === null ? "" : `${where}: `}${v.articles} articles (${v.undated.length} undated), ${v.claims} claims known`;

const undatedLines = (v: ReportView): string[] => [
  ...(v.undated.length === 0 ? [] : [`${v.undated.length} undated article${v.undated.length === 1 ? "" : "s"} counted from the day recorded (date them with 'facts date <article> YYYY-MM-DD')`]),
  ...(v.undatedOutside === 0 ? [] : [`${v.undatedOutside} undated article${v.undatedOutside === 1 ? "" : "s"} recorded after ${v.knownAt} sit outside this view`]),
];

const totalCells = (t: ReportView["totals"][number]) => [t.metric, t.direction, `${R.num(t.best)}${t.disputed ? " (disputed)" : ""}`, R.bounds(t.lo, t.hi), String(t.claims), String(t.sources.length)];
const totalHeads = ["metric", "direction", ">best", ">bounds", ">claims", ">sources"];
const agreementHeads = T.agreementHeads.slice(0, 6);

const more = (n: number, what: string) => (n > 0 ? [`  … ${n} more ${what} (--full)`] : []);

/** The plain-text report. */
export const text = (v: ReportView, o: Options, st: Style): string[] => {
  const clip = (s: string) => (o.full ? s : s.split("\n").map((l) => R.clip(l, o.width)).join("\n"));
  const out: string[] = [st.bold(`factledger report — ${headline(v)}`), st.dim(counts(v, o.where))];
  const agreements = T.agreementRows(v);
  out.push(st.bold("\nAgreements"));
  if (o.full) out.push(agreements.length === 0 ? "  (none)" : R.table(T.agreementHeads, agreements));
  else out.push(agreements.length === 0 ? "  (none)" : clip(R.table(agreementHeads, agreements.slice(0, screenRows).map((r) => r.slice(0, 6)))), ...more(agreements.length - screenRows, "agreements"));
  if (o.full && v.offers.length > 0) {
    out.push(st.bold("\nOffers and pledges by one side") + st.dim(" (not agreements; counted toward nothing)"));
    out.push(R.table(T.offerHeads, T.offerRows(v)));
  }
  out.push(st.bold("\nRunning totals"));
  if (o.full) out.push(v.totals.length === 0 ? "  (none)" : R.table(T.totalHeads, T.totalRows(v, st, (b) => `${b} (disputed)`)));
  else out.push(v.totals.length === 0 ? "  (none)" : clip(R.table(totalHeads, v.totals.slice(0, screenRows * 2).map(totalCells))), ...more(v.totals.length - screenRows * 2, "totals"));
  const ds = ranked(v.discrepancies);
  if (o.full) {
    out.push(st.bold(`\nDiscrepancies (${ds.length})`));
    out.push(ds.length === 0 ? "  (none)" : ds.map(T.discrepancyBlock(st)).join("\n\n"));
  } else {
    out.push(st.bold(`\nDiscrepancies (${ds.length}${ds.length > 5 ? ", the five widest" : ""})`));
    out.push(...(ds.length === 0 ? ["  (none)"] : ds.slice(0, 5).map((d, i) => clip(`  ${i + 1}. ${discrepancyLine(d)}`))), ...more(ds.length - 5, "discrepancies"));
  }
  const undated = undatedLines(v);
  if (undated.length > 0) {
    out.push(st.bold("\nUndated"));
    out.push(...undated.map((l) => clip(`  ${l}`)));
    if (o.full) for (const a of v.undated) out.push(`  ${a.path ?? a.articleId}  recorded ${a.knownAt}`);
  }
  return out;
};

/** The Markdown report: the same sections, for pasting into a newsroom document. */
export const markdown = (v: ReportView, o: Options): string[] => {
  const out: string[] = [`# Ledger report, as known on ${v.knownAt}\n`, `${counts(v, null)}. Counting what happened through ${v.through}.\n`];
  const agreements = T.agreementRows(v);
  out.push(`## Agreements\n`);
  out.push(agreements.length === 0 ? "_none_\n" : (o.full ? R.mdTable(T.agreementHeads, agreements) : R.mdTable(agreementHeads, agreements.slice(0, screenRows).map((r) => r.slice(0, 6))) + (agreements.length > screenRows ? `\n\n_… ${agreements.length - screenRows} more agreements (--full)_` : "")) + "\n");
  if (o.full && v.offers.length > 0) out.push(`## Offers and pledges by one side\n`, R.mdTable(T.offerHeads, T.offerRows(v)) + "\n");
  out.push(`## Running totals\n`);
  const totals = o.full ? v.totals : v.totals.slice(0, screenRows * 2);
  out.push(
    v.totals.length === 0
      ? "_none_\n"
      : (o.full
          ? R.mdTable(T.totalHeads, v.totals.map((t) => [t.metric, t.direction, `${R.num(t.best)}${t.disputed ? " (disputed)" : ""}`, R.bounds(t.lo, t.hi), t.basis, String(t.claims), t.sources.join(", ")]))
          : R.mdTable(totalHeads, totals.map(totalCells))) + "\n",
  );
  const ds = ranked(v.discrepancies);
  out.push(`## Discrepancies (${ds.length}${!o.full && ds.length > 5 ? ", the five widest" : ""})\n`);
  if (ds.length === 0) out.push("_none_\n");
  for (const d of o.full ? ds : ds.slice(0, 5)) {
    if (o.full) {
      out.push(`- **${d.reason}** — ${d.metric} ${d.direction} ${d.kind} ${T.period(d.validFrom, d.validTo)}: ${d.detail}`);
      for (const x of d.versions) out.push(`  - ${R.reported(x.value, x.qualifier)} — ${x.attributedTo} (${x.outlet ?? "unnamed outlet"}, ${x.publishedAt ?? "undated"}): “${x.sentence}”`);
    } else out.push(`- ${discrepancyLine(d)}`);
  }
  if (!o.full && ds.length > 5) out.push(`\n_… ${ds.length - 5} more discrepancies (--full)_`);
  const undated = undatedLines(v);
  if (undated.length > 0) {
    out.push(`\n## Undated\n`, ...undated.map((l) => `- ${l}`));
    if (o.full) out.push(...v.undated.map((a) => `  - ${a.path ?? a.articleId} (recorded ${a.knownAt})`));
  }
  return out;
};
