/**
 * The read commands: claims, totals, discrepancies, report, audit and
 * timeline. Each checks its arguments before opening the store, asks the app
 * for a view and prints it (--json: the view itself).
 */
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { dateArg, fail, printJson, unwrap, usage, withApp } from "../Context.ts";
import { AppError } from "@factledger/app";
import * as R from "../Render.ts";
import * as T from "../Text.ts";
import * as Report from "../Report.ts";

/** Parses --position. */
const positionOf = async (p: Parsed) => {
  const v = str(p, "position");
  if (v === undefined) return null;
  const { parsePosition } = await import("@factledger/store");
  const pos = parsePosition(v);
  return pos === null ? fail(AppError.invalidArgument("--position", `"${v}" is not a position (a number, or commit/prepare)`)) : pos;
};

/** The knowledge and event axes of a read command. */
const axes = async (ctx: Context, p: Parsed) => {
  const knownAt = dateArg(p, "known-at") ?? ctx.clock.today();
  const through = dateArg(p, "through") ?? knownAt;
  return { knownAt, through, position: await positionOf(p) };
};

export const claims = async (ctx: Context, p: Parsed): Promise<number> => {
  const format = str(p, "format") ?? "table";
  if (format !== "table" && format !== "csv") usage(`claims: --format must be table or csv, not "${format}"`);
  const knownAt = dateArg(p, "known-at") ?? null;
  const through = dateArg(p, "through") ?? null;
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  const position = await positionOf(p);
  const st = ctx.style;
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.claims({ ...(metric !== undefined ? { metric } : {}), ...(direction !== undefined ? { direction } : {}), knownAt, through, position }));
    if (flag(p, "json")) printJson(ctx, v);
    else if (format === "csv") {
      ctx.out(R.csvLine([...T.claimColumns]));
      for (const c of v.claims) ctx.out(R.csvLine(T.claimColumns.map((k) => (k === "evidence" ? c.evidence.text : k === "id" ? c.id : (c[k] as string | number | null)))));
    } else {
      ctx.out(
        R.table(
          ["known at", "metric", "direction", "kind", ">value", "valid", "attributed to", "outlet", "claim"],
          v.claims.map((c) => [c.knownAt, c.metric, c.direction, c.kind, R.reported(c.value, c.qualifier), c.validTo ?? "-", c.attributedTo, c.outlet ?? "-", st.dim(c.id)]),
        ),
      );
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

export const discrepancies = async (ctx: Context, p: Parsed): Promise<number> => {
  const a = await axes(ctx, p);
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.discrepancies(a));
    if (flag(p, "json")) printJson(ctx, v);
    else {
      ctx.out(ctx.style.bold(`Discrepancies known on ${v.knownAt} (${v.discrepancies.length})`));
      ctx.out(v.discrepancies.length === 0 ? "  (none)" : v.discrepancies.map(T.discrepancyBlock(ctx.style)).join("\n\n"));
    }
    return 0;
  });
};

export const report = async (ctx: Context, p: Parsed): Promise<number> => {
  const a = await axes(ctx, p);
  const format = str(p, "format") ?? "text";
  if (format !== "text" && format !== "md" && format !== "html") usage(`report: --format must be text, md or html, not "${format}"`);
  const widthArg = str(p, "width");
  const width = widthArg === undefined ? 100 : Number(widthArg);
  if (!Number.isInteger(width) || width < 40) fail(AppError.invalidArgument("--width", `"${widthArg}" is not a number of columns (40 or more)`));
  return withApp(ctx, p, false, async (app) => {
    if (format === "html" && !flag(p, "json")) {
      const { Report: Html } = await import("@factledger/web");
      ctx.out(await Html.html(app, { today: ctx.clock.today(), ...(str(p, "known-at") !== undefined ? { knownAt: a.knownAt, through: a.through } : {}) }));
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
const totalQuery = async (p: Parsed, name: string) => {
  const metric = str(p, "metric");
  const direction = str(p, "direction");
  if (metric === undefined || direction === undefined) usage(`${name} needs --metric M and --direction D`);
  return { metric: metric!, direction: direction!, knownAt: dateArg(p, "known-at") ?? null, through: dateArg(p, "through") ?? null, position: await positionOf(p) };
};

const fig = (f: { best: number | null; lo: number | null; hi: number | null }) => (f.best === null ? "-" : `${R.num(f.best)} (${R.bounds(f.lo!, f.hi)})`);

export const audit = async (ctx: Context, p: Parsed): Promise<number> => {
  const q = await totalQuery(p, "audit");
  const st = ctx.style;
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.audit(q));
    if (flag(p, "json")) printJson(ctx, v);
    else {
      ctx.out(st.bold(`How ${v.metric} ${v.direction} changed${q.knownAt === null ? "" : `, as known on ${q.knownAt}`} (${v.changes.length} change${v.changes.length === 1 ? "" : "s"})`));
      if (v.changes.length === 0) ctx.out("  (no claims)");
      for (const c of v.changes) {
        const source = c.articleId === null ? "analyst amendment" : `${c.outlet ?? "unnamed outlet"}, ${c.publishedAt ?? "undated"}${c.dated === null ? "" : st.yellow(` (dated by ${c.dated.analyst} on ${c.dated.recordedOn}, was ${c.dated.previous ?? "undated"})`)}`;
        ctx.out(`  ${c.knownAt}  ${fig(c.before)} → ${fig(c.after)}  ${source}`);
        for (const x of c.causes) ctx.out(`      ${R.reported(x.value, x.qualifier).padStart(10)}  ${x.attributedTo}: ${st.dim(R.clip(`“${x.sentence}”`, 80))}`);
      }
      for (const d of v.datings) ctx.out(st.dim(`  note: ${d.path ?? d.articleId} (${d.outlet ?? "unnamed outlet"}) was dated ${d.publishedAt} by ${d.analyst} on ${d.recordedOn}: ${d.reason}`));
    }
    return 0;
  });
};

export const timeline = async (ctx: Context, p: Parsed): Promise<number> => {
  const q = await totalQuery(p, "timeline");
  return withApp(ctx, p, false, async (app) => {
    const v = unwrap(await app.timeline(q));
    if (flag(p, "json")) printJson(ctx, v);
    else {
      ctx.out(ctx.style.bold(`${v.metric} ${v.direction}, as known on each day it changed`));
      ctx.out(v.points.length === 0 ? "  (no claims)" : R.table(["day", ">best", ">bounds"], v.points.map((x) => [x.day, x.best === null ? "-" : R.num(x.best), x.lo === null ? "-" : R.bounds(x.lo, x.hi)])));
    }
    return 0;
  });
};
