// The command line over the app layer, as a data desk scripts it: dating articles, every option where
// a user expects it, one error prefix, honest counts with two writers, and a report that fits a screen.
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Views } from "@factledger/app";
import { bin, facts, root, scratch, seeds } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
let n = 0;
const fresh = () => join(s.dir, `app-${++n}.db`);

/** Runs `facts` asynchronously (two at once). */
const factsAsync = (args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "" } });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

/** A folder of 60 distinct articles: 12 variants of each seed. */
const many = (() => {
  let dir: string | null = null;
  return () => {
    if (dir !== null) return dir;
    dir = join(s.dir, "many");
    mkdirSync(dir);
    for (const f of readdirSync(seeds).filter((x) => x.endsWith(".txt")))
      for (let v = 0; v < 12; v++) writeFileSync(join(dir, `${v}-${f}`), `${readFileSync(join(seeds, f), "utf8")}\n\nEditor's note ${v}.\n`);
    return dir;
  };
})();

describe("facts date", () => {
  it("an undated article sits outside past views until it is dated; re-ingesting it with a day points to 'facts date'", () => {
    const dir = join(s.dir, "undated");
    mkdirSync(dir);
    copyFileSync(join(seeds, "002_3a353692aa7652b2.txt"), join(dir, "reuters.txt"));
    const store = fresh();
    const first = facts(["ingest", dir, "--store", store, "--json"]).json().ingested[0];
    expect(first.undated).toBe(true);
    const past = ["--known-at", "2025-06-30", "--store", store];
    expect(facts(["report", ...past]).stdout).toContain("1 undated article recorded after 2025-06-30 sits outside this view");
    expect(facts(["report", ...past, "--json"]).json()).toMatchObject({ undatedOutside: 1, claims: 0 });
    const again = facts(["ingest", dir, "--published", "2025-06-20", "--store", store]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`facts date ${first.articleId} 2025-06-20`);
    expect(again.stdout).toMatch(/0 articles recorded .*1 duplicate skipped/);
    const dated = facts(["date", first.articleId, "2025-06-20", "--reason", "the Reuters page gives June 20", "--store", store], { env: { FACTS_TODAY: "2026-11-23" } });
    expect(dated.code).toBe(0);
    expect(dated.stdout).toContain("(was undated)");
    const claims = facts(["claims", ...past, "--json"]).json().claims;
    expect(claims.length).toBe(first.claims);
    expect(claims.every((c: any) => c.publishedAt === "2025-06-20")).toBe(true);
    const c = claims.find((x: any) => x.metric.endsWith("_returned") && x.direction.startsWith("to_"));
    const audit = facts(["audit", "--metric", c.metric, "--direction", c.direction, "--store", store]);
    expect(audit.stdout).toMatch(/dated by .* on 2026-11-23, was undated/);
    expect(audit.stdout).toContain("the Reuters page gives June 20");
    // Dating it to the day it has is refused; a day that does not exist names the argument.
    const same = facts(["date", first.articleId, "2025-06-20", "--store", store]);
    expect([same.code, same.stderr]).toEqual([1, `facts: article ${first.articleId}: already published on 2025-06-20; nothing to record\n`]);
    expect(facts(["date", first.articleId, "2025-02-30", "--store", store]).stderr).toBe('facts: date: "2025-02-30" is not a day of the calendar\n');
    expect(facts(["date", "a-no-such-article", "2025-06-20", "--store", store]).stderr).toContain("article a-no-such-article: no such article");
  });
});

describe("options where a user expects them", () => {
  const store = join(s.dir, "seeds.db");
  it("audit and timeline take --known-at: a total's history as known on a past day", () => {
    facts(["ingest", seeds, "--store", store]);
    const args = ["--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store, "--json"];
    const all = facts(["audit", ...args]).json().changes;
    const may = facts(["audit", ...args, "--known-at", "2025-05-24"]).json().changes;
    expect(may.length).toBeGreaterThan(0);
    expect(may).toEqual(all.filter((c: any) => c.knownAt <= "2025-05-24"));
    expect(facts(["timeline", ...args, "--known-at", "2025-05-24"]).json().points.map((p: any) => p.day)).toEqual(["2025-05-24"]);
    // The audit names outlets, days and sentences.
    expect(all[0].causes[0]).toMatchObject({ attributedTo: expect.any(String), sentence: expect.any(String) });
  });

  it("claims and discrepancies take --known-at and --through", () => {
    const through = facts(["claims", "--known-at", "2025-06-30", "--through", "2025-05-24", "--store", store, "--json"]).json().claims;
    expect(through.length).toBeGreaterThan(0);
    expect(through.every((c: any) => (c.validFrom ?? c.validTo) === null || (c.validFrom ?? c.validTo) <= "2025-05-24")).toBe(true);
    expect(facts(["discrepancies", "--known-at", "2025-06-30", "--through", "2025-06-20", "--store", store, "--json"]).json()).toMatchObject({ knownAt: "2025-06-30", through: "2025-06-20" });
  });

  it("an unknown direction is an error that lists the known ones", () => {
    const r = facts(["claims", "--direction", "to_mars", "--store", store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('facts: --direction: unknown direction "to_mars" (known: each_side, to_russia, to_ukraine, total)\n');
  });

  it("a correction or an added claim toward an unknown direction is refused in one line, and nothing is written", () => {
    const copy = fresh();
    copyFileSync(store, copy);
    const before = facts(["export", "--store", copy]).stdout;
    const id = (facts(["claims", "--store", copy, "--json"]).json().claims as Array<{ id: string }>)[0]!.id;
    for (const args of [["correct", id, "--direction", "to_mars", "--reason", "typo"], ["add-claim", "--metric", "bodies_returned", "--direction", "to_mars", "--kind", "event", "--value", "12", "--valid-from", "2025-06-14", "--valid-to", "2025-06-14", "--attributed-to", "X", "--reason", "typo"]]) {
      const r = facts([...args, "--store", copy]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('facts: --direction: unknown direction "to_mars" (known: each_side, to_russia, to_ukraine, total)\n');
    }
    expect(facts(["export", "--store", copy]).stdout).toBe(before);
    expect(facts(["correct", id, "--direction", "total", "--reason", "both sides", "--store", copy]).code).toBe(0);
  });

  it("a missing or broken --manifest is one line naming it, exit 1, and no store is made", () => {
    writeFileSync(join(s.dir, "broken.json"), "{not json");
    for (const [m, why] of [[join(s.dir, "absent.json"), "no such manifest"], [join(s.dir, "broken.json"), "not valid JSON"]] as const) {
      const target = fresh();
      const r = facts(["ingest", seeds, "--manifest", m, "--store", target]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(`--manifest ${m}: ${why}`);
      expect(existsSync(target)).toBe(false);
    }
  });

  it("a --published day after today is kept but said on stderr; a past one is silent", () => {
    const file = join(s.dir, "future.txt");
    writeFileSync(file, "Ukraine and Russia exchanged 77 prisoners each on Friday.");
    const later = facts(["ingest", file, "--published", "2027-01-01", "--store", fresh(), "--json"], { env: { FACTS_TODAY: "2026-11-22" } });
    expect(later.code).toBe(0);
    expect(later.stderr).toContain("note: --published 2027-01-01 is after today (2026-11-22)");
    expect(later.json().ingested[0]).toMatchObject({ publishedAt: "2027-01-01" });
    const past = facts(["ingest", file, "--published", "2025-06-20", "--store", fresh(), "--json"], { env: { FACTS_TODAY: "2026-11-22" } });
    expect(past.stderr).not.toContain("after today");
  });

  it("migrate takes --store as its source (--from is the same) and copies into any registered store", () => {
    const to = fresh();
    expect(facts(["migrate", "--store", store, "--to", to, "--json"]).json()).toMatchObject({ copied: 32 });
    expect(facts(["migrate", "--from", store, "--to", to, "--json"]).json()).toMatchObject({ copied: 0 });
    expect(facts(["totals", "--store", to, "--json"]).json()).toEqual(facts(["totals", "--store", store, "--json"]).json());
    expect(facts(["migrate", "--store", store, "--from", to, "--to", fresh()]).code).toBe(2);
  });
});

describe("errors", () => {
  it("one 'facts:' prefix, and a store's name once", () => {
    const path = join(s.dir, "notastore.db");
    writeFileSync(path, "hello ".repeat(1000));
    const r = facts(["totals", "--store", path]);
    expect(r.stderr.split(path).length - 1).toBe(1);
    expect(r.stderr).toMatch(/^facts: (?!facts)/);
    const usage = facts(["ingest", "--frobnicate"]);
    expect([usage.code, usage.stderr]).toEqual([2, "facts: ingest: unknown option --frobnicate (see 'facts ingest --help')\n"]);
  });

  it("an esdb:// location is opened by the EventStoreDB adapter (here: nothing listens), never as a file", () => {
    const r = facts(["totals", "--store", "esdb://127.0.0.1:1?tls=false&defaultDeadline=300"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^facts: esdb:\/\/127\.0\.0\.1:1.*: (store unavailable|deadline exceeded)/);
  });
});

describe("honest summaries", () => {
  it("two ingest processes at once count only what each appended: together, every article once", async () => {
    const store = fresh();
    const [a, b] = await Promise.all([factsAsync(["ingest", many(), "--store", store, "--json"]), factsAsync(["ingest", many(), "--store", store, "--json"])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const recorded = [...JSON.parse(a.stdout).ingested, ...JSON.parse(b.stdout).ingested].filter((i: any) => !i.duplicate);
    expect(recorded).toHaveLength(60);
    expect(new Set(recorded.map((i: any) => i.articleId)).size).toBe(60);
  }, 120_000);
});

describe("a report that fits a screen", () => {
  it("leads with one screen of at most 40 lines and 100 columns; --full says everything; --width narrows it", () => {
    const store = fresh();
    const ingest = facts(["ingest", many(), "--store", store]);
    // Not a terminal: a long ingest says on stderr how far it got.
    expect(ingest.stderr).toContain("ingest: 1/60 ");
    expect(ingest.stderr).toContain("ingest: 60/60 ");
    const short = facts(["report", "--known-at", "2025-06-30", "--store", store]).stdout.trimEnd().split("\n");
    expect(short.length).toBeLessThanOrEqual(40);
    expect(Math.max(...short.map((l) => [...l].length))).toBeLessThanOrEqual(100);
    expect(short.join("\n")).toMatch(/Agreements[\s\S]*Running totals[\s\S]*Discrepancies/);
    const full = facts(["report", "--known-at", "2025-06-30", "--store", store, "--full"]).stdout;
    expect(full.split("\n").length).toBeGreaterThan(short.length);
    const narrow = facts(["report", "--known-at", "2025-06-30", "--store", store, "--width", "60"]).stdout.trimEnd().split("\n");
    expect(Math.max(...narrow.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it("text and Markdown say the same things: the same totals, disputes and discrepancy count", () => {
    const store = join(s.dir, "seeds.db");
    const json = facts(["report", "--known-at", "2025-06-30", "--store", store, "--json"]).json();
    const text = facts(["report", "--known-at", "2025-06-30", "--store", store]).stdout;
    const md = facts(["report", "--known-at", "2025-06-30", "--store", store, "--format", "md"]).stdout;
    for (const out of [text, md]) {
      expect(out).toContain(`Discrepancies (${json.discrepancies.length}`);
      expect(out).toContain(`${json.articles} articles`);
      for (const t of json.totals.filter((x: any) => x.disputed)) expect(out).toMatch(new RegExp(`${t.metric}.*${t.direction}.*\\(disputed\\)`));
    }
  });
});

describe("the JSON the CLI prints is the app's views", () => {
  it("claims, totals, discrepancies, report, audit, timeline and ingest decode with their codecs", () => {
    const store = fresh();
    const decodes = (codec: { decode: (x: unknown) => E.Either<unknown, unknown> }, args: string[]) => {
      const r = facts([...args, "--store", store, "--json"]);
      expect(r.code).toBe(0);
      expect(E.isRight(codec.decode(r.json())), args.join(" ")).toBe(true);
    };
    decodes(Views.IngestView, ["ingest", seeds]);
    decodes(Views.ClaimsView, ["claims"]);
    decodes(Views.TotalsView, ["totals", "--known-at", "2025-06-30"]);
    decodes(Views.DiscrepanciesView, ["discrepancies", "--known-at", "2025-06-30"]);
    decodes(Views.ReportView, ["report", "--known-at", "2025-06-30"]);
    decodes(Views.AuditView, ["audit", "--metric", "bodies_returned", "--direction", "to_ukraine"]);
    decodes(Views.TimelineView, ["timeline", "--metric", "bodies_returned", "--direction", "to_ukraine"]);
    // And a view that is not one does not decode: the check can fail.
    expect(E.isRight(Views.TotalsView.decode(facts(["claims", "--store", store, "--json"]).json()))).toBe(false);
  });
});
