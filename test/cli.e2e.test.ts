// The `facts` command line as a user meets it: exit codes, errors that name the file or argument,
// idempotent ingest, exports, analyst events, replay by store position, the projection runner and migration.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, facts, root, scratch, seeds } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
let n = 0;
const fresh = () => join(s.dir, `store-${++n}.db`);

describe("ingest", () => {
  it("re-ingesting the same texts changes nothing", () => {
    const store = fresh();
    const first = facts(["ingest", seeds, "--store", store, "--json"]).json();
    expect(first.ingested).toHaveLength(5);
    expect(first.ingested.every((i: any) => i.duplicate === false)).toBe(true);
    expect(first.ingested.reduce((k: number, i: any) => k + i.claims, 0)).toBe(27);
    for (const i of first.ingested) expect(Object.keys(i)).toEqual(expect.arrayContaining(["path", "articleId", "claims", "duplicate"]));
    const again = facts(["ingest", seeds, "--store", store, "--json"]).json();
    expect(again.ingested.every((i: any) => i.duplicate === true)).toBe(true);
    expect(facts(["claims", "--store", store, "--json"]).json().claims).toHaveLength(27);
  });

  it("a duplicate offered another day reports the day it holds, and the day offered as redate", () => {
    const store = fresh();
    const file = join(seeds, "002_3a353692aa7652b2.txt");
    expect(facts(["ingest", file, "--store", store, "--json"]).code).toBe(0);
    const again = facts(["ingest", file, "--published", "2025-06-20", "--store", store, "--json"]).json().ingested[0];
    expect(again).toMatchObject({ duplicate: true, publishedAt: "2025-06-14", redate: "2025-06-20" });
  });

  it("a directory with bad files records the good ones and names each bad one, exit 1", () => {
    const dir = join(s.dir, "mixed");
    mkdirSync(dir);
    copyFileSync(join(seeds, "004_aed729b3b5d47801.txt"), join(dir, "good.txt"));
    writeFileSync(join(dir, "empty.txt"), "");
    writeFileSync(join(dir, "binary.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]));
    writeFileSync(join(dir, "latin1.txt"), Buffer.from([0x4b, 0x69, 0x65, 0x76, 0xe9, 0x20, 0x73, 0x61, 0x69, 0x64]));
    const store = fresh();
    const r = facts(["ingest", dir, "--store", store, "--json", "--published", "2025-05-24"]);
    expect(r.code).toBe(1);
    const out = r.json();
    expect(out.ingested.map((i: any) => i.path)).toEqual([join(dir, "good.txt")]);
    expect(Object.fromEntries(out.rejected.map((x: any) => [x.path.split("/").pop(), x.error]))).toEqual({
      "binary.txt": "binary file (contains NUL bytes), not an article",
      "empty.txt": "file is empty",
      "latin1.txt": "not valid UTF-8 text",
    });
    expect(r.stderr).toContain(`${join(dir, "empty.txt")}: file is empty`);
    expect(facts(["claims", "--store", store, "--json"]).json().claims).toHaveLength(10);
  });

  it("a manifest in the parent folder, or one given with --manifest, dates the articles", () => {
    const dir = join(s.dir, "corpus-layout");
    mkdirSync(join(dir, "articles"), { recursive: true });
    copyFileSync(join(seeds, "002_3a353692aa7652b2.txt"), join(dir, "articles", "007.txt"));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ "007.txt": { publishedAt: "2025-06-20", outlet: "Reuters", url: null } }));
    const x = facts(["extract", join(dir, "articles", "007.txt"), "--json"]).json();
    expect(x.article.publishedAt).toBe("2025-06-20");
    const other = join(s.dir, "other-manifest.json");
    writeFileSync(other, JSON.stringify({ "007.txt": { publishedAt: "2025-06-21" } }));
    expect(facts(["extract", join(dir, "articles", "007.txt"), "--manifest", other, "--json"]).json().article.publishedAt).toBe("2025-06-21");
    const r = facts(["ingest", join(dir, "articles"), "--manifest", join(s.dir, "none.json"), "--store", fresh()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("none.json: no such manifest");
  });

  it("a known-at after today answers what is known today and says so on stderr, exit 0", () => {
    const store = fresh();
    expect(facts(["ingest", seeds, "--store", store, "--json"]).code).toBe(0);
    const later = facts(["totals", "--known-at", "2030-01-01", "--through", "2030-01-01", "--store", store, "--json"], { env: { FACTS_TODAY: "2026-11-22" } });
    expect(later.code).toBe(0);
    expect(later.stderr).toContain("--known-at 2030-01-01 is after today (2026-11-22)");
    expect(later.json().totals.length).toBeGreaterThan(0);
    expect(facts(["totals", "--known-at", "2025-06-20", "--store", store, "--json"], { env: { FACTS_TODAY: "2026-11-22" } }).stderr).toBe("");
  });

  it("a missing file is a user error naming it", () => {
    const r = facts(["ingest", join(s.dir, "nope.txt"), "--store", fresh()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("nope.txt: no such file or directory");
  });

  it("an ingest with nothing readable creates no store, and says why for each argument", () => {
    const store = fresh();
    const empty = join(s.dir, "empty.txt");
    writeFileSync(empty, "");
    const r = facts(["ingest", join(s.dir, "nope.txt"), empty, "--store", store, "--json"]);
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({ ingested: [], rejected: [{ path: join(s.dir, "nope.txt"), error: "no such file or directory" }, { path: empty, error: "file is empty" }] });
    expect(readdirSync(s.dir).filter((f) => f.startsWith(store.split("/").pop()!.replace(/\.db$/, "")))).toEqual([]);
  });

  it("an undated article is recorded, marked undated, and the CLI says so", () => {
    const dir = join(s.dir, "undated");
    mkdirSync(dir);
    copyFileSync(join(seeds, "002_3a353692aa7652b2.txt"), join(dir, "reuters.txt"));
    const r = facts(["ingest", dir, "--store", fresh()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/reuters\.txt .*undated/);
    expect(r.stdout).toMatch(/note: .*reuters\.txt has no publication date/);
  });

  it("a republished wire story is linked to its original", () => {
    const dir = join(s.dir, "wire");
    mkdirSync(dir);
    const original = readFileSync(join(seeds, "003_b12102c5caae9ef0.txt"), "utf8");
    writeFileSync(join(dir, "a.txt"), original);
    writeFileSync(join(dir, "b.txt"), `Reposted by a news aggregator\n${original.replace("Syrsky said", "Oleksandr Syrsky said")}`);
    const r = facts(["ingest", join(dir, "a.txt"), join(dir, "b.txt"), "--store", fresh(), "--json"]).json();
    expect(r.ingested[1].copyOf).toBe(r.ingested[0].articleId);
  });
});

describe("errors and usage", () => {
  it("a bad date names the argument, exit 1", () => {
    const r = facts(["totals", "--known-at", "24/05/2025", "--store", fresh()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('facts: --known-at: "24/05/2025" is not a date in YYYY-MM-DD form\n');
  });

  it("a file over 10 MB is rejected with its name, and nothing is recorded", () => {
    const dir = join(s.dir, "huge");
    mkdirSync(dir);
    writeFileSync(join(dir, "huge.txt"), "Ukraine and Russia exchanged prisoners. ".repeat(270_000));
    const store = fresh();
    const r = facts(["ingest", dir, "--store", store, "--json"]);
    expect(r.code).toBe(1);
    expect(r.json().rejected).toEqual([{ path: join(dir, "huge.txt"), error: "file is larger than 10 MB" }]);
    // Nothing readable: the store is not even created.
    const read = facts(["claims", "--store", store, "--json"]);
    expect([read.code, read.stderr]).toEqual([1, expect.stringContaining("no store at")]);
  });

  it("a store locked by another writer is a one-line error, and the other writer's data is intact", async () => {
    const store = fresh();
    facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]);
    const { openSqliteStore } = await import("@factledger/store-sqlite");
    const holder = openSqliteStore(store);
    if (holder._tag === "Left") throw new Error(holder.left._tag);
    holder.right.db.exec("BEGIN EXCLUSIVE");
    try {
      const r = facts(["ingest", join(seeds, "001_67d94a947bd7fca4.txt"), "--store", store], { env: { FACTS_BUSY_TIMEOUT_MS: "200" } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^facts: .*store\S*\.db: store is locked/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      holder.right.db.exec("ROLLBACK");
      await holder.right.close();
    }
    expect(facts(["claims", "--store", store, "--json"]).json().claims).toHaveLength(10);
  });

  it("reading a store that does not exist is an error, and creates nothing", () => {
    const path = join(s.dir, "typo.db");
    const r = facts(["totals", "--store", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no store at ${path}`);
    expect(facts(["totals", "--store", path]).code).toBe(1);
  });

  it("a file that is not a store is reported as corrupt, without a stack trace", () => {
    const path = join(s.dir, "notastore.db");
    writeFileSync(path, "hello ".repeat(1000));
    const r = facts(["totals", "--store", path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^facts: .*notastore\.db: .*corrupt|not a database/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown metric is a user error that lists the known ones", () => {
    const store = fresh();
    facts(["ingest", seeds, "--store", store]);
    const r = facts(["claims", "--metric", "prisoners", "--store", store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--metric: unknown metric "prisoners" (known: ');
  });

  it("an unknown option or command is a usage error, exit 2", () => {
    expect(facts(["totals", "--knownat", "2025-01-01"]).code).toBe(2);
    expect(facts(["frobnicate"]).code).toBe(2);
    expect(facts(["audit", "--metric", "x"]).code).toBe(2);
  });

  it("--help tells the truth: docs/cli.md is generated from it", () => {
    expect(facts(["--help"]).code).toBe(0);
    expect(facts(["ingest", "--help"]).stdout).toContain("Usage: facts ingest");
    expect(readFileSync(join(root, "docs/cli.md"), "utf8")).toBe(facts(["help", "--markdown"]).stdout);
  });
});

describe("output", () => {
  const store = join(s.dir, "output.db");
  it("extract prints the contract's shape, touching no store", () => {
    const r = facts(["extract", join(seeds, "004_aed729b3b5d47801.txt"), "--json"], { cwd: s.dir });
    expect(r.code).toBe(0);
    const x = r.json();
    expect(Object.keys(x.article)).toEqual(expect.arrayContaining(["id", "publishedAt", "outlet", "url"]));
    expect(x.article.publishedAt).toBe("2025-05-24");
    expect(x.claims).toHaveLength(10);
    for (const c of x.claims)
      expect(Object.keys(c)).toEqual(expect.arrayContaining(["id", "metric", "direction", "kind", "value", "qualifier", "lo", "hi", "validFrom", "validTo", "attributedTo", "evidence"]));
    const c = x.claims[0];
    const text = readFileSync(join(seeds, "004_aed729b3b5d47801.txt"), "utf8");
    expect(text.slice(c.evidence.start, c.evidence.end)).toBe(c.evidence.text);
  });

  it("claims export as CSV and the report as Markdown", () => {
    facts(["ingest", seeds, "--store", store]);
    const csv = facts(["claims", "--format", "csv", "--store", store]).stdout.trim().split("\n");
    expect(csv[0]).toBe("id,metric,direction,kind,value,qualifier,lo,hi,validFrom,validTo,attributedTo,reportedVia,articleId,outlet,publishedAt,knownAt,evidence,group,commitment,agreedOn");
    expect(csv).toHaveLength(28);
    const md = facts(["report", "--format", "md", "--known-at", "2025-06-30", "--store", store]).stdout;
    expect(md).toMatch(/^# Ledger report, as known on 2025-06-30/);
    expect(md).toContain("| prisoners_returned | to_ukraine |");
  });

  it("output piped to another program is complete past 64 KB, JSON and CSV alike", () => {
    // 12 distinct variants of each seed give 324 claims: about 230 KB of JSON and 90 KB of CSV, well past a pipe's buffer.
    const dir = join(s.dir, "many");
    mkdirSync(dir);
    for (const f of readdirSync(seeds))
      for (let v = 0; v < 12; v++) writeFileSync(join(dir, `${v}-${f}`), `${readFileSync(join(seeds, f), "utf8")}\n\nEditor's note ${v}.\n`);
    const big = join(s.dir, "big.db");
    expect(facts(["ingest", dir, "--store", big]).code).toBe(0);
    const json = facts(["claims", "--json", "--store", big]); // spawnSync reads through a pipe
    expect(json.code).toBe(0);
    expect(json.stdout.length).toBeGreaterThan(100_000);
    expect(json.json().claims).toHaveLength(324);
    // A shell pipe is a real pipe (64 KB buffer), unlike spawnSync's socket pair: this is what `| jq` sees.
    const env = { ...process.env, FACTS_TODAY: "2026-11-22" };
    const viaPipe = (args: string) => spawnSync("sh", ["-c", `"${process.execPath}" "${bin}" ${args} --store "${big}" | cat`], { encoding: "utf8", env, maxBuffer: 1 << 26 }).stdout;
    expect(viaPipe("claims --json")).toBe(json.stdout);
    const csv = viaPipe("claims --format csv");
    expect(csv.length).toBeGreaterThan(65_536);
    expect(csv.trim().split("\n")).toHaveLength(325);
  });

  it("the human report has the agreements, totals with sources, and discrepancies", () => {
    const r = facts(["report", "--known-at", "2025-05-24", "--store", store]);
    expect(r.code).toBe(0);
    // At least 697 done: the 697 of "these two days" is a count from May 23, and Lubinets' civilians since the war began leave the days before open.
    expect(r.stdout).toMatch(/prisoners_agreed\s+to_ukraine\s+2025-05-16\s+1,000\s+≥ 697\s+≤ 303/);
    expect(r.stdout).toContain("Running totals");
  });
});

describe("analyst events and replay by store position", () => {
  it("a rejection takes effect from the day it was recorded, and --position shows the ledger before it", () => {
    const store = fresh();
    facts(["ingest", seeds, "--store", store]);
    const claims = facts(["claims", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json().claims;
    const c307 = claims.find((c: any) => c.value === 307 && c.kind === "event");
    const before = facts(["totals", "--known-at", "2025-05-24", "--store", store, "--json"]).json();
    const r = facts(["reject", c307.id, "--reason", "test rejection", "--store", store], { env: { FACTS_TODAY: "2026-11-22" } });
    expect(r.code).toBe(0);
    // Known on a day before the rejection: unchanged.
    expect(facts(["totals", "--known-at", "2025-05-24", "--store", store, "--json"]).json()).toEqual(before);
    // Known today: the 307 is no longer a claim of the ledger (the 697 of "these two days" still backs the agreement's progress).
    const ids = (args: string[]) => facts(["claims", "--metric", "prisoners_returned", "--direction", "to_ukraine", ...args, "--store", store, "--json"]).json().claims.map((c: any) => c.id);
    expect(ids(["--known-at", "2026-11-22"])).not.toContain(c307.id);
    expect(ids(["--known-at", "2025-05-24"])).toContain(c307.id);
    // As of the store position before the rejection: as if it never happened.
    const events = facts(["follow", "--once", "--store", store, "--read-model", join(s.dir, `rm-${n}.db`), "--json"]).json();
    const lastBefore = events.events - 1;
    expect(ids(["--known-at", "2026-11-22", "--position", String(lastBefore)])).toContain(c307.id);
  });

  it("a correction changes the figure from its day on; an unknown claim id is an error", () => {
    const store = fresh();
    facts(["ingest", seeds, "--store", store]);
    const c = facts(["claims", "--metric", "bodies_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json().claims.find((x: any) => x.value === 3600);
    expect(facts(["correct", c.id, "--value", "6,100", "--reason", "IANS misprint", "--store", store]).code).toBe(0);
    const after = facts(["claims", "--metric", "bodies_returned", "--direction", "to_ukraine", "--store", store, "--json"]).json().claims.find((x: any) => x.id === c.id);
    expect([after.value, after.lo, after.hi, after.amendedOn]).toEqual([6100, 6100, 6100, ["2026-11-22"]]);
    const r = facts(["reject", "c-no-such-claim", "--reason", "x", "--store", store]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("claim c-no-such-claim: no such claim");
  });
});

describe("the projection runner and migration", () => {
  it("follow builds a read model, resumes from its checkpoint, and never applies an event twice", () => {
    const store = fresh();
    const rm = join(s.dir, "follow-rm.db");
    facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]);
    const first = facts(["follow", "--once", "--store", store, "--read-model", rm, "--json"]).json();
    expect(first.applied).toBe(11);
    expect(facts(["follow", "--once", "--store", store, "--read-model", rm, "--json"]).json().applied).toBe(0);
    facts(["ingest", join(seeds, "001_67d94a947bd7fca4.txt"), "--store", store]);
    const third = facts(["follow", "--once", "--store", store, "--read-model", rm, "--json"]).json();
    expect(third.applied).toBe(12);
    expect(third.events).toBe(23);
  });

  it("migrate copies every event in order with the same ids, and a second run copies nothing", () => {
    const from = fresh();
    const to = fresh();
    facts(["ingest", seeds, "--store", from]);
    const r = facts(["migrate", "--from", from, "--to", to, "--json"]).json();
    expect(r.copied).toBe(32);
    expect(facts(["migrate", "--from", from, "--to", to, "--json"]).json()).toMatchObject({ copied: 0 });
    const a = facts(["totals", "--store", from, "--json"]).json();
    const b = facts(["totals", "--store", to, "--json"]).json();
    expect(b).toEqual(a);
    expect(facts(["claims", "--store", to, "--json"]).json().claims.map((c: any) => c.id)).toEqual(facts(["claims", "--store", from, "--json"]).json().claims.map((c: any) => c.id));
  });
});
