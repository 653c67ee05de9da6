// `facts serve` end to end on the seeds: every /api/ route answers exactly what the CLI's --json prints
// (decoded with the app's codecs), bad parameters are one-line 400s naming the parameter, an article
// ingested by another process reaches open event streams, Ctrl-C stops the server, and
// `facts report --format html` is one self-contained file embedding the CLI's views.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Articles, Views } from "@factledger/app";
import { Api, Slim } from "@factledger/web";
import { spawnSync } from "node:child_process";
import { bin, facts, scratch, seeds } from "./cli.ts";
import { get, serve } from "./web.ts";
import type { Served } from "./web.ts";

const s = scratch();
const store = join(s.dir, "seeds.db");
let server: Served;

beforeAll(async () => {
  expect(facts(["ingest", seeds, "--store", store, "--json"]).code).toBe(0);
  server = await serve(store);
});
afterAll(async () => {
  await server?.stop();
  s.cleanup();
});

const cli = (args: string[]) => {
  const r = facts([...args, "--store", store, "--json"]);
  expect(r.code, r.stderr).toBe(0);
  return r.json();
};

const decoded = <A>(codec: { decode: (u: unknown) => E.Either<unknown, A> }, u: unknown): A => {
  const r = codec.decode(u);
  expect(E.isRight(r)).toBe(true);
  return (r as E.Right<A>).right;
};

describe("the API answers the CLI's --json shapes", () => {
  it("the server prints its address on 127.0.0.1 by default", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("/api/totals is facts totals --json, by default and as known on 2025-05-24 (697 to Ukraine)", async () => {
    const all = await get(server.url, "api/totals");
    expect(all.status).toBe(200);
    expect(all.json).toEqual(cli(["totals"]));
    decoded(Views.TotalsView, all.json);
    const may = await get(server.url, "api/totals?known-at=2025-05-24&through=2025-05-24");
    expect(may.json).toEqual(cli(["totals", "--known-at", "2025-05-24", "--through", "2025-05-24"]));
    expect(may.json.totals.find((t: any) => t.metric === "prisoners_returned" && t.direction === "to_ukraine")).toMatchObject({ best: 697, lo: 697 });
    // camelCase aliases name the same parameters
    expect((await get(server.url, "api/totals?knownAt=2025-05-24")).json).toEqual(may.json);
  });

  it("/api/totals as known on 2025-06-27 gives the reconciled totals of that day", async () => {
    const r = await get(server.url, "api/totals?known-at=2025-06-27");
    expect(r.json).toEqual(cli(["totals", "--known-at", "2025-06-27"]));
    expect(r.json.totals.find((t: any) => t.metric === "prisoners_returned" && t.direction === "to_ukraine")).toMatchObject({ best: 1197, lo: 1197, hi: null });
  });

  it("/api/discrepancies, /api/audit, /api/timeline and /api/claims are their commands' --json", async () => {
    const d = await get(server.url, "api/discrepancies?known-at=2025-06-20");
    expect(d.json).toEqual(cli(["discrepancies", "--known-at", "2025-06-20"]));
    decoded(Views.DiscrepanciesView, d.json);
    const one = "metric=prisoners_returned&direction=to_ukraine";
    const a = await get(server.url, `api/audit?${one}&known-at=2025-06-20`);
    expect(a.json).toEqual(cli(["audit", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--known-at", "2025-06-20"]));
    expect(decoded(Views.AuditView, a.json).changes.map((c) => c.after.best)).toEqual([697, 1197]);
    const t = await get(server.url, `api/timeline?${one}`);
    expect(t.json).toEqual(cli(["timeline", "--metric", "prisoners_returned", "--direction", "to_ukraine"]));
    decoded(Views.TimelineView, t.json);
    const c = await get(server.url, "api/claims?metric=bodies_returned&direction=to_ukraine&through=2025-06-14");
    expect(c.json).toEqual(cli(["claims", "--metric", "bodies_returned", "--direction", "to_ukraine", "--through", "2025-06-14"]));
    expect(decoded(Views.ClaimsView, c.json).claims.length).toBeGreaterThan(0);
  });

  it("/api/report is facts report --json (what the page reads: totals, agreements and discrepancies in one reconciliation)", async () => {
    const r = await get(server.url, "api/report?known-at=2025-06-27");
    expect(r.json).toEqual(cli(["report", "--known-at", "2025-06-27"]));
    decoded(Views.ReportView, r.json);
  });

  it("slim=1: /api/report and /api/totals are the CLI's views without slots, readings, checks and versions, and smaller", async () => {
    const report = cli(["report", "--known-at", "2025-06-27"]);
    const slim = await get(server.url, "api/report?known-at=2025-06-27&slim=1");
    expect(slim.json).toEqual(Slim.report(report));
    decoded(Slim.SlimReportView, slim.json);
    expect(slim.text.length).toBeLessThan((await get(server.url, "api/report?known-at=2025-06-27")).text.length / 2);
    const totals = cli(["totals", "--known-at", "2025-05-24"]);
    const slimTotals = await get(server.url, "api/totals?known-at=2025-05-24&slim=1");
    expect(slimTotals.json).toEqual(Slim.totals(totals));
    expect(slimTotals.json.totals.find((t: any) => t.metric === "prisoners_returned" && t.direction === "to_ukraine")).toMatchObject({ best: 697, lo: 697 });
  });

  it("/api/agreements is the agreements and offers of facts totals --json", async () => {
    const r = await get(server.url, "api/agreements?known-at=2025-05-24");
    const v = decoded(Api.AgreementsView, r.json);
    const totals = cli(["totals", "--known-at", "2025-05-24"]);
    expect(v).toEqual({ knownAt: totals.knownAt, through: totals.through, since: totals.since, agreements: totals.agreements, offers: totals.offers });
    expect(v.agreements.find((a) => a.metric === "prisoners_agreed" && a.direction === "to_ukraine")).toMatchObject({ target: 1000, done: 697, remaining: 303 });
  });

  it("/api/articles lists the five seeds; one article's text holds every claim's sentence at its offsets", async () => {
    const list = decoded(Articles.ArticlesView, (await get(server.url, "api/articles")).json);
    expect(list.articles.map((a) => a.publishedAt)).toEqual(["2025-05-24", "2025-06-12", "2025-06-14", "2025-06-20", "2025-06-27"]);
    expect(list.articles.reduce((n, a) => n + a.claims, 0)).toBe(cli(["claims"]).claims.length);
    const first = list.articles[0]!;
    const one = decoded(Articles.ArticleView, (await get(server.url, `api/articles/${first.articleId}`)).json);
    expect(one.claims).toHaveLength(first.claims);
    for (const c of one.claims) expect(one.text.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
    expect((await get(server.url, `api/articles?id=${first.articleId}`)).json).toEqual(one);
    expect(decoded(Articles.ArticlesView, (await get(server.url, "api/articles?known-at=2025-06-14")).json).articles).toHaveLength(3);
  });
});

describe("bad requests", () => {
  const cases: [string, number, string][] = [
    ["api/totals?known-at=2025-13-01", 400, "known-at"],
    ["api/totals?knownAt=yesterday", 400, "known-at"],
    ["api/totals?through=2025-6-1", 400, "through"],
    ["api/totals?known-at=2025-05-24&knownAt=2025-05-24", 400, "known-at"],
    ["api/totals?colour=red", 400, "colour"],
    ["api/totals?since=2025-06-30&through=2025-06-01", 400, "since"],
    ["api/audit?direction=to_ukraine", 400, "metric"],
    ["api/timeline?metric=prisoners_returned", 400, "direction"],
    ["api/claims?metric=souls_returned", 400, "metric"],
    ["api/audit?metric=prisoners_returned&direction=to_mars", 400, "direction"],
    ["api/totals?position=soon", 400, "position"],
    ["api/articles/0000", 404, "id"],
  ];
  it.each(cases)("%s is a %i with a one-line JSON error naming %s", async (path, status, param) => {
    const r = await get(server.url, path);
    expect(r.status).toBe(status);
    expect(r.text.trim().split("\n")).toHaveLength(1);
    expect(r.json.param).toBe(param);
    expect(r.json.error.startsWith(`${param}: `) || r.json.error.includes(param)).toBe(true);
    expect(r.text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it("an unknown route is a 404 that lists the routes, and writing is refused", async () => {
    const r = await get(server.url, "api/everything");
    expect(r.status).toBe(404);
    for (const route of ["totals", "discrepancies", "agreements", "audit", "timeline", "claims", "articles"]) expect(r.json.error).toContain(`/api/${route}`);
    const post = await fetch(new URL("api/totals", server.url), { method: "POST" });
    expect(post.status).toBe(405);
  });
});

describe("the page and its assets", () => {
  it("are served by the package, with a policy that allows nothing from elsewhere", async () => {
    const r = await fetch(server.url);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<script src="app.js">');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    for (const a of ["app.js", "app.css", "favicon.svg"]) expect((await fetch(new URL(a, server.url))).status).toBe(200);
  });
});

describe("live", () => {
  it("an article ingested by another process reaches an open event stream and the API", async () => {
    const before = (await get(server.url, "api/articles")).json.articles.length;
    const ctl = new AbortController();
    const res = await fetch(new URL("api/events", server.url), { signal: ctl.signal });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const positions: string[] = [];
    let buffer = "";
    const next = async () => {
      for (;;) {
        const m = /event: position\ndata: (.*)\n\n/.exec(buffer);
        if (m !== null) {
          buffer = buffer.slice(m.index + m[0].length);
          return JSON.parse(m[1]!).position as string;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("the event stream ended");
        buffer += new TextDecoder().decode(value);
      }
    };
    positions.push(await next());
    const file = join(s.dir, "live.txt");
    writeFileSync(file, "KYIV, June 28 (Wire) - Ukraine said 25 prisoners of war were returned home on Saturday in a new exchange.\n");
    expect(facts(["ingest", file, "--store", store, "--published", "2025-06-28", "--outlet", "Wire"]).code).toBe(0);
    const t0 = performance.now();
    let p = await next();
    while (p === positions[0]) p = await next();
    const ms = performance.now() - t0;
    ctl.abort();
    expect(p).not.toBe(positions[0]);
    expect(ms).toBeLessThan(5000);
    expect((await get(server.url, "api/articles")).json.articles.length).toBe(before + 1);
  });
});

describe("stopping", () => {
  it("Ctrl-C stops the server with exit 0, and it listens no more", async () => {
    const other = await serve(store);
    const code = await other.stop();
    expect(code).toBe(0);
    expect(other.stderr()).toBe("");
    await expect(fetch(other.url)).rejects.toThrow();
  });

  it("a port that is taken is a one-line error naming --port, exit 1", async () => {
    const port = new URL(server.url).port;
    const r = facts(["serve", "--store", store, "--port", port]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^facts: --port: cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE$/);
  });
});

describe("facts report --format html", () => {
  it("writes one self-contained page: inline script and style, the views embedded, nothing to fetch", () => {
    // The page is larger than spawnSync's default buffer: every view of every pair of slider stops is in it.
    const r = spawnSync(process.execPath, [bin, "report", "--format", "html", "--store", store], { env: { ...process.env, FACTS_TODAY: "2026-11-22" }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    expect(r.status, r.stderr).toBe(0);
    const html = r.stdout;
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).toContain(`default-src 'none'`);
    const json = /<script type="application\/json" id="factledger-data">([\s\S]*?)<\/script>/.exec(html);
    expect(json).not.toBeNull();
    const data = JSON.parse(json![1]!);
    expect(data.days).toContain("2025-05-24");
    expect(data.days).toContain("2025-06-27");
    const view = data.blobs[data.keys["report?known-at=2025-05-24&through=2025-05-24"]];
    expect(view).toEqual(cli(["report", "--known-at", "2025-05-24", "--through", "2025-05-24"]));
  }, 180_000);
});
