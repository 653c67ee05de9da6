/**
 * `facts report --format html`: the page as one self-contained file. The
 * page's own script and style are inlined, and every view it asks for, for
 * every pair of days its sliders can reach, is answered now through the API
 * (Api.ts) and embedded as JSON, identical views stored once (timelines and
 * audits once per through-day: the page cuts them at the known-at day). No server and
 * no network: the file's Content-Security-Policy forbids both.
 */
import { App } from "@factledger/app";
import type { AppT } from "@factledger/app";
import * as Api from "./Api.ts";
import * as Assets from "./Assets.ts";
import { readCache } from "./ReadCache.ts";

/** Options of a report. */
export interface Options {
  /** Today: the report's date, and the default of known-at as in the CLI. */
  readonly today: string;
  /** How many days the sliders may stop at (the days on which something was published or happened). Default 24. */
  readonly maxDays?: number;
  /** The first view (the page snaps to the latest slider stop on or before each day). Default: the last day. */
  readonly knownAt?: string;
  readonly through?: string;
}


/** JSON that can sit inside a <script> element: no "</script", no "<!--", no line separators. */
const scriptSafe = (json: string): string => json.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");

/** The days a slider stops at: every publication day, and every day a claim refers to within them. */
const stops = (knownDays: string[], claimDays: string[], max: number): string[] => {
  const first = knownDays[0]!;
  const last = knownDays[knownDays.length - 1]!;
  const all = [...new Set([...knownDays, ...claimDays.filter((d) => d >= first && d <= last)])].sort();
  if (all.length <= max) return all;
  const known = [...new Set(knownDays)].sort();
  return known.length <= max ? known : known.filter((_d, i) => i % Math.ceil(known.length / max) === 0 || i === known.length - 1);
};

/** Builds the report's HTML. */
export const html = async (given: AppT, o: Options): Promise<string> => {
  // One snapshot of the log, read once: the report asks hundreds of views of it.
  const app = App.make({ ...given.parts, store: readCache(given.parts.store).store });
  const blobs: string[] = [];
  const index = new Map<string, number>();
  const keys: Record<string, number> = {};
  // `as`: the query the page will look the answer up by, when it is answered with more (the report's known-at day).
  const ask = async (route: string, p: Api.Query = {}, as: Api.Query = p): Promise<any> => {
    const asked = Api.keyOf(route, p);
    const key = Api.keyOf(route, as);
    const search = new URLSearchParams(asked.includes("?") ? asked.slice(asked.indexOf("?") + 1) : "");
    const a = await Api.handle(app, o.today, `/api/${route}`, search);
    if (a.status !== 200) throw new Error(`report: ${key}: ${(a.body as Api.ErrorBody).error}`);
    const text = JSON.stringify(a.body);
    let i = index.get(text);
    if (i === undefined) {
      i = blobs.length;
      blobs.push(text);
      index.set(text, i);
    }
    keys[key] = i;
    return a.body;
  };
  // A report as known on a day holds nothing learned after it: its sliders stop there, its articles are those known by then.
  const asOf = o.knownAt === undefined ? {} : { "known-at": o.knownAt };
  const articles = await ask("articles", asOf, {});
  const claims = await ask("claims", asOf, {});
  const knownDays: string[] = articles.articles.map((a: { knownAt: string }) => a.knownAt).sort();
  const claimDays: string[] = claims.claims.flatMap((c: { validFrom: string | null; validTo: string | null }) => [c.validFrom, c.validTo]).filter((d: string | null): d is string => d !== null);
  // The days asked for are stops themselves, so the page opens on exactly them (not on the nearest stop before).
  const asked = [o.knownAt, o.through].filter((d): d is string => d !== undefined && (o.knownAt === undefined || d <= o.knownAt));
  const days = knownDays.length === 0 ? [] : [...new Set([...stops(knownDays, claimDays, o.maxDays ?? 24), ...asked])].sort();
  for (const a of articles.articles) await ask("articles", { id: a.articleId });
  if (days.length > 0) {
    const last = days[days.length - 1]!;
    const latest = await ask("report", { "known-at": last, through: last });
    const figures = Api.figuresOf(latest.totals);
    for (const k of days)
      for (const t of days.filter((d) => d <= k)) {
        const axes = { "known-at": k, through: t };
        await ask("report", axes);
        for (const f of figures) await ask("claims", { ...axes, metric: f.metric, direction: f.direction });
      }
    // A timeline or an audit as known on a day is the one known at any day cut at that day: the page cuts it.
    for (const t of days)
      for (const f of figures) {
        const q = { through: t, metric: f.metric, direction: f.direction };
        await ask("timeline", { ...asOf, ...q }, q);
        await ask("audit", { ...asOf, ...q }, q);
      }
  }
  const snap = (d: string | undefined): string | null => (d === undefined ? null : (days.filter((x) => x <= d).at(-1) ?? days[0] ?? null));
  const initial = { knownAt: snap(o.knownAt), through: snap(o.through) };
  const data = `{"generated":${JSON.stringify(o.today)},"initial":${JSON.stringify(initial)},"days":${JSON.stringify(days)},"keys":${JSON.stringify(keys)},"blobs":[${blobs.join(",")}]}`;
  const page = Assets.text("index.html");
  const css = Assets.text("app.css");
  const js = Assets.text("app.js").replace(/<\/script/gi, "<\\/script");
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'">`;
  return page
    .replace(`<meta charset="utf-8">`, `<meta charset="utf-8">\n${csp}`)
    .replace(/<link rel="icon"[^>]*>\n/, "")
    .replace(`<link rel="stylesheet" href="app.css">`, () => `<style>\n${css}</style>`)
    .replace(`<script src="app.js"></script>`, () => `<script type="application/json" id="factledger-data">${scriptSafe(data)}</script>\n<script>\n${js}</script>`)
    .replace("<title>factledger</title>", `<title>factledger report, ${initial.knownAt === null ? o.today : `known at ${initial.knownAt}`}</title>`);
};
