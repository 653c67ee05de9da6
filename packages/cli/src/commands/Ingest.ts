/**
 * `facts ingest` and `facts extract`: files in, what was recorded (or would
 * be) out. Progress goes to stderr: a bar on a terminal, a line per file (or
 * per 100 files) elsewhere, so a log shows a long ingest moving.
 */
import { basename } from "node:path";
import { Files, Ingest } from "@factledger/app";
import type { Parsed } from "../Args.ts";
import { flag, str } from "../Args.ts";
import type { Context } from "../Context.ts";
import { dateArg, printJson, unwrap, withApp } from "../Context.ts";
import * as R from "../Render.ts";

const flagsOf = (p: Parsed, ctx: Context): Ingest.FlagMetadata => {
  const published = dateArg(p, "published");
  // A publication day after today is kept (the flag wins) but said: it is most likely a typo, and such an article is
  // known to no --known-at before that day.
  if (published !== undefined && published > ctx.clock.today()) ctx.err(`note: --published ${published} is after today (${ctx.clock.today()}): the article will be known to no --known-at before that day\n`);
  return {
    ...(published !== undefined ? { publishedAt: published } : {}),
    ...(str(p, "outlet") !== undefined ? { outlet: str(p, "outlet")! } : {}),
    ...(str(p, "url") !== undefined ? { url: str(p, "url")! } : {}),
    ...(str(p, "manifest") !== undefined ? { manifest: str(p, "manifest")! } : {}),
  };
};

/** Progress on stderr: a bar on a terminal; elsewhere one line per file for small runs, per 100 files for large ones. */
const progress = (ctx: Context) => {
  return (done: number, total: number, path: string) => {
    if (total <= 5) return;
    if (ctx.stderrIsTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      ctx.err(`\r  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}`);
      if (done === total) ctx.err("\r\u001b[K");
    } else if (total <= 200 || done % 100 === 0 || done === total) ctx.err(`ingest: ${done}/${total} ${R.cell(path)}\n`);
  };
};

/** When no argument names a readable article: what is wrong with each (read up to the first good one, so a batch is read once more at most by one file). */
const nothingReadable = (args: readonly string[]): Array<{ path: string; error: string }> | null => {
  const bad: Array<{ path: string; error: string }> = [];
  for (const i of Files.collect(args)) {
    if ("error" in i) bad.push({ path: i.path, error: i.error });
    else {
      const r = Files.readText(i.path);
      if (r._tag === "Right") return null;
      bad.push({ path: i.path, error: r.left });
    }
  }
  return bad.length > 0 ? bad : null;
};

export const ingest = async (ctx: Context, p: Parsed): Promise<number> => {
  const flags = flagsOf(p, ctx);
  const st = ctx.style;
  // Nothing to record: say why, without opening (and so creating) the store.
  const refused = nothingReadable(p.positionals);
  if (refused !== null) {
    if (flag(p, "json")) printJson(ctx, { ingested: [], rejected: refused });
    for (const x of refused) ctx.err(`facts: ${x.path}: ${x.error}\n`);
    return 1;
  }
  // A manifest given for every file is read once, before the store: a bad one is one line, not one per file, and no store.
  if (flags.manifest !== undefined) {
    const m = Files.manifestReader()(flags.manifest, flags.manifest);
    if (m._tag === "Left") {
      ctx.err(`facts: --manifest ${flags.manifest}: ${"reason" in m.left ? String(m.left.reason) : m.left._tag}\n`);
      return 1;
    }
  }
  return withApp(ctx, p, true, async (app) => {
    const quiet = flag(p, "quiet");
    const r = unwrap(await app.ingest(p.positionals, flags, quiet ? undefined : progress(ctx)));
    if (flag(p, "json")) printJson(ctx, { ingested: r.ingested.map(({ notes: _n, ...x }) => x), rejected: r.rejected });
    else {
      // A duplicate says of what: a file of this run with the same text, else the article already in the store.
      const firstPath = new Map<string, string>();
      for (const i of r.ingested) {
        const of = !i.duplicate ? "" : st.dim(firstPath.has(i.articleId) ? `  same text as ${R.cell(firstPath.get(i.articleId)!)}` : `  already recorded as article ${i.articleId.slice(0, 12)}`);
        if (!firstPath.has(i.articleId)) firstPath.set(i.articleId, i.path);
        ctx.out(
          `${i.duplicate ? st.dim("duplicate") : st.green("recorded ")}  ${R.cell(i.path)}  ${i.claims} claim${i.claims === 1 ? "" : "s"}  ${i.publishedAt ?? st.yellow("undated")}${i.copyOf === null ? "" : st.dim(`  copy of ${i.copyOf.slice(0, 12)}`)}${of}`,
        );
      }
      for (const x of r.rejected) ctx.out(`${st.red("rejected ")}  ${R.cell(x.path)}: ${x.error}`);
      const recorded = r.ingested.filter((i) => !i.duplicate);
      const duplicates = r.ingested.length - recorded.length;
      ctx.out(
        `\n${recorded.length} article${recorded.length === 1 ? "" : "s"} recorded (${R.count(recorded.reduce((n, i) => n + i.claims, 0), "claim")}), ${duplicates} duplicate${duplicates === 1 ? "" : "s"} skipped, ${r.rejected.length} rejected. Store: ${app.parts.where}`,
      );
      for (const u of recorded.filter((i) => i.undated))
        ctx.out(st.yellow(`note: ${u.path} has no publication date (text, manifest or --published): recorded as undated; it counts as known from the day it was recorded. Date it with 'facts date ${u.articleId} YYYY-MM-DD'.`));
      for (const i of r.ingested.filter((x) => x.redate !== null))
        ctx.out(st.yellow(`note: ${i.path} is already recorded, without the day ${i.redate}; to record that day: facts date ${i.articleId} ${i.redate} --reason "..."`));
    }
    for (const x of r.rejected) ctx.err(`facts: ${x.path}: ${x.error}\n`);
    return r.rejected.length > 0 ? 1 : 0;
  });
};

export const extract = async (ctx: Context, p: Parsed): Promise<number> => {
  const path = p.positionals[0]!;
  const st = ctx.style;
  const { extraction: x } = unwrap(Ingest.extractFile(path, flagsOf(p, ctx), ctx.clock.today()));
  const m = x.metadata;
  if (flag(p, "json")) {
    printJson(ctx, {
      article: { id: x.articleId, publishedAt: m.publishedAt, outlet: m.outlet, url: m.url, wire: m.wire, undated: m.publishedAt === null, learned: m.learned, notes: m.notes, path },
      claims: x.claims.map((c) => ({ ...c.fields, reportedVia: c.reportedVia })),
    });
    return 0;
  }
  ctx.out(`${st.bold(basename(path))}  article ${x.articleId}`);
  ctx.out(`  published ${m.publishedAt ?? st.yellow("undated")} (${m.learned.publishedAt})  outlet ${m.outlet ?? "-"} (${m.learned.outlet})${m.wire !== null && m.wire !== m.outlet ? `  wire ${m.wire}` : ""}`);
  for (const n of m.notes) ctx.out(st.yellow(`  note: ${n}`));
  ctx.out("");
  ctx.out(
    R.table(
      ["metric", "direction", "kind", ">value", "valid", "attributed to"],
      x.claims.map((c) => {
        const f = c.fields;
        return [f.metric, f.direction, f.kind, R.reported(f.value, f.qualifier), f.validFrom === f.validTo ? (f.validTo ?? "-") : `${f.validFrom ?? "…"}..${f.validTo ?? "…"}`, f.attributedTo + (c.reportedVia === null ? "" : st.dim(` via ${c.reportedVia}`))];
      }),
    ),
  );
  ctx.out(`\n${x.claims.length} claim${x.claims.length === 1 ? "" : "s"}`);
  return 0;
};
