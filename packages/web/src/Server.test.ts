// The server's warm index for the sliders: /api/figures answers, from the index once it is built, exactly the
// figures of /api/totals (a full reconciliation of the view) at every pair of days, and it follows the store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { App, Views, countingIds, fixedClock } from "@factledger/app";
import type { AppT } from "@factledger/app";
import { makeMemoryCheckpoints, makeMemoryStore } from "@factledger/store";
import { serve } from "./Server.ts";
import * as Slim from "./Slim.ts";
import { AgreementsView } from "./Api.ts";
import type { Running } from "./Server.ts";

const seeds = join(dirname(fileURLToPath(import.meta.url)), "../../../seeds");
const dir = mkdtempSync(join(tmpdir(), "facts-web-index-"));
let app: AppT;
let running: Running;

const get = async (path: string): Promise<any> => {
  const r = await fetch(`${running.url}${path}`);
  expect(r.status, path).toBe(200);
  return r.json();
};
const until = async (ready: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 600 && !ready(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(ready(), what).toBe(true);
};
const figuresOf = (totals: Views.TotalsView) => totals.totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));

beforeAll(async () => {
  app = App.make({ store: makeMemoryStore(), where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });
  const files = readdirSync(seeds).filter((f) => f.endsWith(".txt")).map((f) => join(seeds, f));
  expect(E.isRight(await app.ingest(files, {}))).toBe(true);
  running = await serve({ app, port: 0, today: () => "2026-11-22" });
});
afterAll(async () => {
  await running?.close();
  rmSync(dir, { recursive: true, force: true });
});

const right = <A>(r: E.Either<unknown, A>): A => {
  expect(E.isRight(r)).toBe(true);
  return (r as E.Right<A>).right;
};
const decodes = (codec: { decode: (u: unknown) => E.Either<unknown, unknown> }, u: unknown) => expect(E.isRight(codec.decode(u))).toBe(true);

describe("the reconciled views of a slider position, from the reconciler thread", () => {
  it("totals, agreements, discrepancies and report are the app's views (reconciled here), full and slim, and the thread made them", async () => {
    await until(() => running.index().ready, "the index is built");
    // The warm-up asks the thread too: done first, so that the count below is this test's own.
    await running.warmed();
    for (const [knownAt, through] of [["2025-05-24", "2025-05-24"], ["2025-06-27", "2025-06-27"], ["2025-06-27", "2025-05-30"], ["2025-06-10", "2025-06-01"]] as const) {
      const q = `known-at=${knownAt}&through=${through}`;
      const before = running.reconciler().views;
      const totals = right(await app.totals({ knownAt, through }));
      const report = right(await app.report({ knownAt, through }));
      const agreements = { knownAt, through, since: null, agreements: totals.agreements, offers: totals.offers };
      expect(await get(`api/totals?${q}`)).toEqual(totals);
      expect(await get(`api/agreements?${q}`)).toEqual(agreements);
      expect(await get(`api/discrepancies?${q}`)).toEqual(right(await app.discrepancies({ knownAt, through })));
      expect(await get(`api/report?${q}`)).toEqual(report);
      // Four routes, one thread answer each (one reconciliation behind them: the thread keeps it).
      expect(running.reconciler()).toEqual({ up: true, views: before + 4 });
      const slimTotals = await get(`api/totals?${q}&slim=1`);
      expect(slimTotals).toEqual(Slim.totals(totals));
      decodes(Slim.SlimTotalsView, slimTotals);
      const slimAgreements = await get(`api/agreements?${q}&slim=true`);
      expect(slimAgreements).toEqual(Slim.agreements(agreements));
      decodes(Slim.SlimAgreementsView, slimAgreements);
      decodes(AgreementsView, await get(`api/agreements?${q}&slim=0`));
      const slimReport = await get(`api/report?${q}&slim=1`);
      expect(slimReport).toEqual(Slim.report(report));
      decodes(Slim.SlimReportView, slimReport);
      // Slim keeps what the page draws: the headline figures, and the claims it rings as disputed.
      expect(slimReport.totals.map((t: any) => [t.metric, t.direction, t.best, t.lo, t.hi])).toEqual(report.totals.map((t) => [t.metric, t.direction, t.best, t.lo, t.hi]));
      expect(slimReport.totals.flatMap((t: any) => t.disputedClaims).sort()).toEqual([...new Set(report.totals.flatMap((t) => t.slots.filter((x) => x.disputed).flatMap((x) => x.versions.map((v) => v.claimId))))].sort());
      expect(JSON.stringify(slimReport).length).toBeLessThan(JSON.stringify(report).length);
      const discrepancies = right(await app.discrepancies({ knownAt, through }));
      const slimDiscrepancies = await get(`api/discrepancies?${q}&slim=1`);
      expect(slimDiscrepancies).toEqual(Slim.discrepancies(discrepancies));
      decodes(Slim.SlimDiscrepanciesView, slimDiscrepancies);
      // The seeds have fewer discrepancies than a slim answer lists: all of them, and all their claims.
      expect(slimDiscrepancies.discrepancies).toEqual(discrepancies.discrepancies);
      expect(slimDiscrepancies.discrepancyCount).toBe(discrepancies.discrepancies.length);
      expect(slimReport.disputedClaims.sort()).toEqual([...new Set(discrepancies.discrepancies.flatMap((d) => d.versions.map((v) => v.claimId)))].sort());
    }
  });

  it("the seeds' known figures through the slim report: 697 returned to Ukraine on May 24, the deal 697 done of 1,000", async () => {
    const r = await get("api/report?known-at=2025-05-24&through=2025-05-24&slim=1");
    expect(r.totals).toContainEqual(expect.objectContaining({ metric: "prisoners_returned", direction: "to_ukraine", best: 697, lo: 697 }));
    expect(r.agreements).toContainEqual(expect.objectContaining({ target: 1000, done: 697, remaining: 303 }));
    expect(r.totals.every((t: any) => t.slots === undefined && t.readings === undefined && t.checks === undefined)).toBe(true);
  });

  it("past the first discrepancies, a slim answer lists the first ones and counts them all, with all their claims", () => {
    const version = (claimId: string): Views.Version => ({ value: 1, qualifier: "exact", lo: 1, hi: 1, attributedTo: "x", articleId: null, outlet: null, publishedAt: null, claimId, kind: "event", direction: "to_ukraine", validFrom: null, validTo: null, reportedVia: null, sentence: "" });
    const row = (i: number): Views.DiscrepancyRow => ({ metric: "m", direction: "to_ukraine", kind: "event", validFrom: null, validTo: null, reason: "r", rule: "x", detail: "", versions: [version(`a${i}`), version(`b${i}`)], kept: [], setAside: [], resolve: [] });
    const all = Array.from({ length: Slim.DISCREPANCIES + 7 }, (_, i) => row(i));
    const v = Slim.discrepancies({ knownAt: "2025-06-01", through: "2025-06-01", discrepancies: all });
    expect(v.discrepancies).toEqual(all.slice(0, Slim.DISCREPANCIES));
    expect(v.discrepancyCount).toBe(Slim.DISCREPANCIES + 7);
    expect(v.disputedClaims).toHaveLength(2 * (Slim.DISCREPANCIES + 7));
    expect(v.disputedClaims).toContain(`b${Slim.DISCREPANCIES + 6}`);
  });

  it("a bad slim is a one-line 400 naming it; routes that have no slim answer refuse it", async () => {
    for (const [path, error] of [
      ["api/totals?slim=yes", 'slim: "yes" is not 1, true, 0 or false'],
      ["api/timeline?metric=prisoners_returned&direction=to_ukraine&slim=1", "slim: unknown parameter"],
    ] as const) {
      const r = await fetch(`${running.url}${path}`);
      expect(r.status, path).toBe(400);
      const body = await r.json();
      expect(body.error, path).toContain(error.split(": ")[1]!.split(" (")[0]);
      expect(body.param, path).toBe("slim");
    }
  });
});

describe("the sliders' warm index", () => {
  it("is built once the store is caught up, and /api/figures from it is /api/totals' figures at every pair of days", async () => {
    await until(() => running.index().ready, "the index is built");
    expect(running.index().rows).toBeGreaterThan(0);
    const articles = (await get("api/articles")).articles as { knownAt: string }[];
    const known = [...new Set(articles.map((a) => a.knownAt))].sort();
    // Every day an article was known, the days around them, and days before and after all of them.
    const days = [...new Set([...known, "2025-05-23", "2025-05-25", "2025-06-26", "2025-06-28", "2024-01-01", "2026-01-01"])].sort();
    let asked = 0;
    for (const knownAt of days)
      for (const through of days) {
        const q = `known-at=${knownAt}&through=${through}`;
        const fast = Views.FiguresView.decode(await get(`api/figures?${q}`));
        expect(E.isRight(fast)).toBe(true);
        expect((fast as E.Right<Views.FiguresView>).right).toEqual({ knownAt, through, since: null, totals: figuresOf(await get(`api/totals?${q}`)) });
        asked++;
      }
    expect(asked).toBe(days.length ** 2);
    // The page's known figure: 697 people returned to Ukraine as known on May 24.
    expect((await get("api/figures?known-at=2025-05-24&through=2025-05-24")).totals).toContainEqual(expect.objectContaining({ metric: "prisoners_returned", direction: "to_ukraine", best: 697, lo: 697 }));
  });

  it("a view counted since a day is reconciled (the index counts from the beginning), with the same figures as /api/totals", async () => {
    const q = "known-at=2025-06-27&through=2025-06-27&since=2025-06-01";
    const r = await get(`api/figures?${q}`);
    expect(r).toEqual({ knownAt: "2025-06-27", through: "2025-06-27", since: "2025-06-01", totals: figuresOf(await get(`api/totals?${q}`)) });
    expect(r.totals.length).toBeGreaterThan(0);
  });

  it("follows the store: an article ingested while serving is in the figures once the index is built again", async () => {
    const before = (await get("api/figures?known-at=2025-07-05&through=2025-07-05")).totals;
    const seen = running.seen().events;
    const file = join(dir, "later.txt");
    writeFileSync(file, "KYIV, July 4 (Reuters) - Ukraine said 55 prisoners of war were returned home on Friday in an exchange with Russia.");
    expect(E.isRight(await app.ingest([file], { publishedAt: "2025-07-04", outlet: "Reuters" }))).toBe(true);
    // A new event makes the index stale at once (it is not used again until it is built over the new log).
    await until(() => running.seen().events > seen, "the server has seen the article");
    await until(() => running.index().ready, "the index is built again");
    const q = "known-at=2025-07-05&through=2025-07-05";
    const after = await get(`api/figures?${q}`);
    expect(after.totals).toEqual(figuresOf(await get(`api/totals?${q}`)));
    expect(after.totals).not.toEqual(before);
    // Known after the last day: the index was extended by that day, not rebuilt.
    expect(running.index()).toMatchObject({ how: "extended", builds: 1, extensions: 1 });
  });

  it("an article published before the last known day is in the past: the index is rebuilt, and still answers as /api/totals", async () => {
    const seen = running.seen().events;
    const file = join(dir, "earlier.txt");
    writeFileSync(file, "KYIV, May 20 (Reuters) - Ukraine said 12 civilians were returned home on Tuesday in an exchange with Russia.");
    expect(E.isRight(await app.ingest([file], { publishedAt: "2025-05-20", outlet: "Reuters" }))).toBe(true);
    await until(() => running.seen().events > seen, "the server has seen the article");
    await until(() => running.index().ready, "the index is built again");
    expect(running.index()).toMatchObject({ how: "built", builds: 2, extensions: 1 });
    for (const q of ["known-at=2025-05-21&through=2025-05-21", "known-at=2025-07-05&through=2025-05-20", "known-at=2025-07-05&through=2025-07-05"]) expect((await get(`api/figures?${q}`)).totals).toEqual(figuresOf(await get(`api/totals?${q}`)));
  });
});
