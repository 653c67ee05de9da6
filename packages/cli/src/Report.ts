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
const screenRows = 6;
const screenTotals = 8;

/** The totals a reader looks at first: the most reported ones, in their own order. */
const headlineTotals = (v: ReportView): ReportView["totals"] => {
  const keep = new Set([...v.totals].sort((a, b) => b.claims - a.claims).slice(0, screenTotals));
  return v.totals.filter((t) => keep.has(t));
};

/** Which rules a reader should see first: flat contradictions before wide window puzzles. */
const rulePriority = ["conflict", "decrease", "asymmetric", "events_exceed_cumulative", "date_conflict", "revised", "stale", "part_exceeds_whole", "window_conflict"];

/**
 * The discrepancies in order of importance: by rule (two sources contradicting each other first, a
 * window that cannot be solved last), then those about the most reported totals, then the most
 * recent; one per fact and rule.
 */
export const ranked = (v: ReportView, onePerFact = true): DiscrepancyRow[] => {
  const weight = new Map<string, number>();
  for (const t of v.totals) weight.set(`${t.metric} ${t.direction}`, Math.max(weight.get(`${t.metric} ${t.direction}`) ?? 0, t.claims));
  const w = (d: DiscrepancyRow) => weight.get(`${d.metric} ${d.direction}`) ?? Math.max(0, ...v.totals.filter((t) => t.metric === d.metric).map((t) => t.claims));
  const rank = (d: DiscrepancyRow) => {
    const i = rulePriority.indexOf(d.reason);
    return i < 0 ? rulePriority.length : i;
  };
  const seen = new Set<string>();
  return v.discrepancies
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank(a.d) - rank(b.d) || w(b.d) - w(a.d) || (b.d.validTo ?? "").localeCompare(a.d.validTo ?? "") || a.i - b.i)
    .map((x) => x.d)
    .filter((d) => {
      const k = [d.reason, d.metric, d.direction, d.kind, d.validFrom, d.validTo].join("|");
      if (onePerFact && seen.has(k)) return false;
      seen.add(k);
      return true;
    });
};

/** A discrepancy in two lines: the rule and the fact; who said what, where and when. `esc` makes text from sources safe for the format. */
const discrepancyLines = (d: DiscrepancyRow, i: number, esc: (s: string) => string): [string, string] => [
  `${i + 1}. ${esc(`${d.reason} — ${d.metric} ${d.direction} ${d.kind} ${T.period(d.validFrom, d.validTo)} (${d.versions.length} version${d.versions.length === 1 ? "" : "s"})`)}`,
  esc(d.versions.slice(0, 3).map((x) => `${R.reported(x.value, x.qualifier)} ${x.attributedTo} (${x.outlet ?? "unnamed outlet"} ${x.publishedAt ?? "undated"})`).join("; ") + (d.versions.length > 3 ? `; +${d.versions.length - 3} more` : "")),
];

const headline = (v: ReportView): string => `as known on ${v.knownAt}, counting what happened through ${v.through}`;

const counts = (v: ReportView, where: string | null): string =>
  `${where === null ? "" : `${where}: `}${v.articles} article${v.articles === 1 ? "" : "s"} (${v.undated.length} undated), ${v.claims} claim${v.claims === 1 ? "" : "s"} known`;

const undatedLines = (v: ReportView): string[] => [
  ...(v.undated.length === 0 ? [] : [`${v.undated.length} undated article${v.undated.length === 1 ? "" : "s"}, counted from the day recorded ('facts date <article> <day>' dates one)`]),
  ...(v.undatedOutside === 0 ? [] : [`${v.undatedOutside} undated article${v.undatedOutside === 1 ? " recorded after " + v.knownAt + " sits" : "s recorded after " + v.knownAt + " sit"} outside this view`]),
];

const withMark = (best: string) => `${best} (disputed)`;
const totalCells = (t: ReportView["totals"][number]) => [...T.figureCells(t, withMark), String(t.claims), String(t.sources.length)];
const totalHeads = ["metric", "direction", ">best", ">bounds", ">claims", ">sources"];
const agreementHeads = T.agreementHeads.slice(0, 6);

/** "… 1 more agreement (--full)", "… 3 more totals (--full)": `what` is the plural; one drops its "s" ("discrepancies": "discrepancy"). */
const more = (n: number, what: string) => (n > 0 ? [`  … ${n} more ${n === 1 ? what.replace(/ies$/, "y").replace(/s$/, "") : what} (--full)`] : []);

/** The plain-text report. */
export const text = (v: ReportView, o: Options, st: Style): string[] => {
  const clip = (s: string) => (o.full ? s : s.split("\n").map((l) => R.clip(l, o.width)).join("\n"));
  const firstTotals = headlineTotals(v);
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
  else out.push(v.totals.length === 0 ? "  (none)" : clip(R.table(totalHeads, firstTotals.map(totalCells))), ...more(v.totals.length - firstTotals.length, "totals"));
  const ds = ranked(v, !o.full);
  const n = v.discrepancies.length;
  if (o.full) {
    out.push(st.bold(`\nDiscrepancies (${n})`));
    out.push(ds.length === 0 ? "  (none)" : ds.map(T.discrepancyBlock(st, { width: o.width, full: true })).join("\n\n"));
  } else {
    out.push(st.bold(`\nDiscrepancies (${n}${n > 5 ? ", the five most important" : ""})`));
    out.push(...(ds.length === 0 ? ["  (none)"] : ds.slice(0, 5).flatMap((d, i) => discrepancyLines(d, i, R.cell)).map((l, j) => clip(j % 2 === 0 ? `  ${l}` : `     ${st.dim(l)}`))), ...more(n - Math.min(5, ds.length), "discrepancies"));
  }
  const undated = undatedLines(v);
  if (undated.length > 0) {
    out.push(st.bold("\nUndated"));
    out.push(...undated.map((l) => clip(`  ${l}`)));
    if (o.full) for (const a of v.undated) out.push(R.cell(`  ${a.path ?? a.articleId}  recorded ${a.knownAt}`));
  }
  return o.full ? out : out.flatMap((l) => l.split("\n")).map(clip);
};

/** The Markdown report: the same sections, for pasting into a newsroom document. */
export const markdown = (v: ReportView, o: Options): string[] => {
  const out: string[] = [`# Ledger report, as known on ${v.knownAt}\n`, `${counts(v, null)}. Counting what happened through ${v.through}.\n`];
  const agreements = T.agreementRows(v);
  out.push(`## Agreements\n`);
  out.push(agreements.length === 0 ? "_none_\n" : (o.full ? R.mdTable(T.agreementHeads, agreements) : R.mdTable(agreementHeads, agreements.slice(0, screenRows).map((r) => r.slice(0, 6))) + (agreements.length > screenRows ? `\n\n_… ${agreements.length - screenRows} more agreement${agreements.length - screenRows === 1 ? "" : "s"} (--full)_` : "")) + "\n");
  if (o.full && v.offers.length > 0) out.push(`## Offers and pledges by one side\n`, R.mdTable(T.offerHeads, T.offerRows(v)) + "\n");
  out.push(`## Running totals\n`);
  const totals = o.full ? v.totals : headlineTotals(v);
  out.push(
    v.totals.length === 0
      ? "_none_\n"
      : (o.full
          ? R.mdTable(T.totalHeads, v.totals.map((t) => [...T.figureCells(t, withMark), t.basis, String(t.claims), t.sources.join(", ")]))
          : R.mdTable(totalHeads, totals.map(totalCells)) + (totals.length < v.totals.length ? `\n\n_… ${v.totals.length - totals.length} more totals (--full)_` : "")) + "\n",
  );
  const ds = ranked(v, !o.full);
  const n = v.discrepancies.length;
  out.push(`## Discrepancies (${n}${!o.full && n > 5 ? ", the five most important" : ""})\n`);
  if (ds.length === 0) out.push("_none_\n");
  for (const d of o.full ? ds : ds.slice(0, 5)) {
    if (o.full) {
      const md = R.mdText;
      out.push(`- **${md(d.reason)}** — ${md(`${d.metric} ${d.direction} ${d.kind} ${T.period(d.validFrom, d.validTo)}`)}: ${md(d.detail)}`);
      for (const x of d.versions) out.push(`  - ${md(R.reported(x.value, x.qualifier))} — ${md(`${x.attributedTo} (${x.outlet ?? "unnamed outlet"}, ${x.publishedAt ?? "undated"})`)}: “${md(x.sentence)}”`);
    }
  }
  if (!o.full) out.push(...ds.slice(0, 5).map((d, i) => discrepancyLines(d, i, R.mdText)).map(([a, b]) => `${a}\n   ${b}`));
  if (!o.full && n > Math.min(5, ds.length)) out.push(`\n_… ${n - Math.min(5, ds.length)} more discrepancies (--full)_`);
  const undated = undatedLines(v);
  if (undated.length > 0) {
    out.push(`\n## Undated\n`, ...undated.map((l) => `- ${l}`));
    if (o.full) out.push(...v.undated.map((a) => `  - ${R.mdText(a.path ?? a.articleId)} (recorded ${a.knownAt})`));
  }
  return out;
};
