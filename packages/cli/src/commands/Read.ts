/**
 * The read commands: claims, totals, discrepancies, report, audit and
 * timeline. Each checks its arguments before opening the store, asks the app
 * for a view and prints it (--json: the view itself).
 */
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { dateArg, fail, printJson, streamJson, unwrap, usage, withApp } from "../Context.ts";
import { AppError } from "@factledger/app";
import type { Views } from "@factledger/app";
import * as O from "../Output.ts";
import type { Style } from "../Render.ts";
import * as R from "../Render.ts";
import * as T from "../Text.ts";
import * as Report from "../Report.ts";

/** Parses --position. */
const positionOf = async (p: Parsed) => {
  const v = str(p, "position");
  if (v === undefined) return null;
  const { parsePosition } = await import("@factledger/store");
  const pos = parsePosition(v);
  return pos === null ? fail(AppError.invalidArgument("--position", `"${v}" is not a position (a number, or commit and prepare as 100/100)`)) : pos;
};

/** The knowledge and event axes of a read command. */
const axes = async (ctx: Context, p: Parsed) => {
  const knownAt = dateArg(p, "known-at") ?? ctx.clock.today();
  const through = dateArg(p, "through") ?? knownAt;
  // A day after today is allowed (it asks what is known so far) but said, since it reads like a forecast.
  if (knownAt > ctx.clock.today()) ctx.err(`note: --known-at ${knownAt} is after today (${ctx.clock.today()}): nothing published later is known yet, so this is what is known today\n`);
  return { knownAt, through, position: await positionOf(p) };
};

/** --format of a command that lists rows: its human formats, and jsonl (one JSON object a line). */
const formatOf = (p: Parsed, name: string, formats: readonly string[]): string => {
  const f = str(p, "format") ?? formats[0]!;
  if (!formats.includes(f)) usage(`${name}: --format must be ${formats.slice(0, -1).join(", ")} or ${formats[formats.length - 1]}, not "${f}"`);
  return f;
};

export const claims = async (ctx: Context, p: Parsed): Promise<number> => {
  const format = formatOf(p, "claims", ["table", "csv", "jsonl"]);
  const knownAt = dateArg(p, "known-at") ?? null;
  const through = dateArg(p, "through") ?? null;
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  const position = await positionOf(p);
  const st = ctx.style;
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.claims({ ...(metric !== undefined ? { metric } : {}), ...(direction !== undefined ? { direction } : {}), knownAt, through, position }));
    if (flag(p, "json")) await streamJson(ctx, v, "claims");
    else if (format === "jsonl") await O.lines(ctx.write, O.jsonl(v.claims));
    else if (format === "csv") await O.lines(ctx.write, [R.csvLine([...T.claimColumns]), ...O.map(v.claims, (c) => R.csvLine(T.claimColumns.map((k) => T.claimCell(c, k))))]);
    else {
      const heads = ["known at", "metric", "direction", "kind", ">value", "valid", "attributed to", "outlet", "claim"];
      await O.lines(ctx.write, R.tableLines(heads, v.claims, (c) => [c.knownAt, c.metric, c.direction, c.kind, R.reported(c.value, c.qualifier), c.validTo ?? "-", c.attributedTo, c.outlet ?? "-", st.dim(c.id)]));
      ctx.out(`\n${v.claims.length} claim${v.claims.length === 1 ? "" : "s"}${knownAt === null ? "" : ` known on ${knownAt}`}${through === null ? "" : `, about what happened through ${through}`}`);
    }
    return 0;
  });
};

export const totals = async (ctx: Context, p: Parsed): Promise<number> => {
  const a = await axes(ctx, p);
  const since = dateArg(p, "since") ?? null;
  if (since !== null && since > a.through) fail(AppError.invalidArgument("--since", `${since} is after --through ${a.through}`));
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.totals({ ...a, since }));
    if (flag(p, "json")) printJson(ctx, v);
    else for (const l of T.totals(v, ctx.style)) ctx.out(l);
    return 0;
  });
};

/** --width: the columns a screen's text fits in (40 or more). Default: 100. */
const widthOf = (p: Parsed): number => {
  const widthArg = str(p, "width");
  const width = widthArg === undefined ? 100 : Number(widthArg);
  if (!Number.isInteger(width) || width < 40) fail(AppError.invalidArgument("--width", `"${widthArg}" is not a number of columns (40 or more)`));
  return width;
};

export const discrepancies = async (ctx: Context, p: Parsed): Promise<number> => {
  const a = await axes(ctx, p);
  const format = formatOf(p, "discrepancies", ["text", "jsonl"]);
  const fit = { width: widthOf(p), full: flag(p, "full") };
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.discrepancies(a));
    if (flag(p, "json")) await streamJson(ctx, v, "discrepancies");
    else if (format === "jsonl") await O.lines(ctx.write, O.jsonl(v.discrepancies));
    else {
      ctx.out(ctx.style.bold(`Discrepancies known on ${v.knownAt} (${v.discrepancies.length})`));
      const blocks = v.discrepancies.map(T.discrepancyLines(ctx.style, fit));
      ctx.out(blocks.length === 0 ? "  (none)" : blocks.map((b) => b.lines.join("\n")).join("\n\n"));
      const cut = blocks.filter((b) => b.cut).length;
      if (cut > 0) ctx.out(`\n${ctx.style.dim(R.wrapWords(`(${cut} of ${blocks.length} shortened to fit ${fit.width} columns; --full prints every figure and name, --json every field)`, fit.width, "  ", "  ").join("\n"))}`);
    }
    return 0;
  });
};

export const report = async (ctx: Context, p: Parsed): Promise<number> => {
  const a = await axes(ctx, p);
  const format = str(p, "format") ?? "text";
  if (format !== "text" && format !== "md" && format !== "html") usage(`report: --format must be text, md or html, not "${format}"`);
  const width = widthOf(p);
  return withApp(ctx, p, false, async (app) => {
    if (format === "html" && !flag(p, "json")) {
      const { Report: Html } = await import("@factledger/web");
      ctx.out(await Html.html(app, { today: ctx.clock.today(), ...(str(p, "known-at") !== undefined ? { knownAt: a.knownAt } : {}), ...(str(p, "known-at") !== undefined || str(p, "through") !== undefined ? { through: a.through } : {}) }));
      return 0;
    }
    const v = unwrap(await app.report(a));
    if (flag(p, "json")) printJson(ctx, v);
    else {
      const o = { full: flag(p, "full"), width, where: app.parts.where };
      for (const l of format === "md" ? Report.markdown(v, o) : Report.text(v, o, ctx.style)) ctx.out(l);
    }
    return 0;
  });
};

/** Arguments are checked before any store is opened: a usage error does not depend on what is on disk. */
const totalQuery = async (ctx: Context, p: Parsed, name: string) => {
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  if (metric === undefined || direction === undefined) usage(`${name} needs --metric M and --direction D`);
  // As totals counts: through the --known-at day (today when not given) unless --through says otherwise, so that the
  // audit ends on that total (through a day after the last report a total has no ceiling).
  const knownAt = dateArg(p, "known-at") ?? null;
  return { metric: metric!, direction: direction!, knownAt, through: dateArg(p, "through") ?? knownAt ?? ctx.clock.today(), position: await positionOf(p) };
};

const fig = (f: { best: number | null; lo: number | null; hi: number | null }) => (f.best === null ? "-" : `${R.num(f.best)} (${R.bounds(f.lo!, f.hi)})`);

/** The audit as text, a line at a time. */
function* auditLines(v: Views.AuditView, knownAt: string | null, st: Style): Generator<string> {
  yield st.bold(`How ${v.metric} ${v.direction} changed${knownAt === null ? "" : `, as known on ${knownAt}`} (${v.changes.length} change${v.changes.length === 1 ? "" : "s"})`);
  if (v.changes.length === 0) yield "  (no claims)";
  for (const c of v.changes) {
    const source = c.articleId === null ? "analyst amendment" : `${c.outlet ?? "unnamed outlet"}, ${c.publishedAt ?? "undated"}${c.dated === null ? "" : st.yellow(` (dated by ${c.dated.analyst} on ${c.dated.recordedOn}, was ${c.dated.previous ?? "undated"})`)}`;
    yield R.cell(`  ${c.knownAt}  ${fig(c.before)} → ${fig(c.after)}  ${source}`);
    for (const x of c.causes) yield R.cell(`      ${R.reported(x.value, x.qualifier).padStart(10)}  ${x.attributedTo}: ${st.dim(R.clip(`“${x.sentence}”`, 80))}`);
  }
  for (const d of v.datings) yield R.cell(st.dim(`  note: ${d.path ?? d.articleId} (${d.outlet ?? "unnamed outlet"}) was dated ${d.publishedAt} by ${d.analyst} on ${d.recordedOn}: ${d.reason}`));
}

export const audit = async (ctx: Context, p: Parsed): Promise<number> => {
  const q = await totalQuery(ctx, p, "audit");
  const format = formatOf(p, "audit", ["text", "jsonl"]);
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.audit(q));
    if (flag(p, "json")) await streamJson(ctx, v, "changes");
    else if (format === "jsonl") await O.lines(ctx.write, O.jsonl(v.changes));
    else await O.lines(ctx.write, auditLines(v, q.knownAt, ctx.style));
    return 0;
  });
};

export const timeline = async (ctx: Context, p: Parsed): Promise<number> => {
  const q = await totalQuery(ctx, p, "timeline");
  const format = formatOf(p, "timeline", ["text", "jsonl"]);
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.timeline(q));
    if (flag(p, "json")) await streamJson(ctx, v, "points");
    else if (format === "jsonl") await O.lines(ctx.write, O.jsonl(v.points));
    else {
      ctx.out(ctx.style.bold(`${v.metric} ${v.direction}, as known on each day it changed`));
      if (v.points.length === 0) ctx.out("  (no claims)");
      else await O.lines(ctx.write, R.tableLines(["day", ">best", ">bounds"], v.points, (x) => [x.day, x.best === null ? "-" : R.num(x.best), x.lo === null ? "-" : R.bounds(x.lo, x.hi)]));
    }
    return 0;
  });
};
