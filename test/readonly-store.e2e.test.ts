// A store in a folder its reader cannot write (a shared drive, a published archive): every read command answers
// from a snapshot of it, every write is refused in one line naming the store, and nothing is left behind.
// The permissions must bind the process: as root they do not, so the commands then run as `nobody` (when `su`
// exists and `nobody` can read this checkout); otherwise the test says why it is skipped.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, facts, root, scratch, seeds } from "./cli.ts";

const isRoot = process.getuid?.() === 0;
const asNobody = isRoot && spawnSync("su", ["nobody", "-s", "/bin/sh", "-c", `test -r ${JSON.stringify(bin)} && test -x ${JSON.stringify(root)}`]).status === 0;
const canRun = !isRoot || asNobody;
if (!canRun) console.log("readonly-store: skipped: running as root, and `su nobody` cannot read this checkout, so a read-only folder does not bind");

const run = (args: string[]) => {
  const env = { FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "", PATH: process.env["PATH"] ?? "" };
  if (!isRoot) return facts(args);
  const line = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const r = spawnSync("su", ["nobody", "-s", "/bin/sh", "-c", `cd / && env ${Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(" ")} ${line}`], { encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
};

describe.skipIf(!canRun)("a store in a read-only folder", () => {
  const s = scratch();
  const folder = join(s.dir, "archive");
  const store = join(folder, "seeds.db");
  const article = join(s.dir, "new.txt");
  let expected = "";
  beforeAll(() => {
    mkdirSync(folder);
    writeFileSync(article, "Ukraine brought home 84 prisoners of war on Monday, the Coordination Headquarters said.\n");
    expect(facts(["ingest", seeds, "--store", store, "--quiet"]).code).toBe(0);
    expected = facts(["totals", "--store", store, "--json"]).stdout;
    chmodSync(store, 0o444);
    chmodSync(folder, 0o555);
    chmodSync(s.dir, 0o755);
  });
  afterAll(() => {
    chmodSync(folder, 0o755);
    s.cleanup();
  });

  it("answers totals, claims and the audit as from a writable copy", () => {
    const t = run(["totals", "--store", store, "--json"]);
    expect(t.stderr).toBe("");
    expect(t.code).toBe(0);
    expect(t.stdout).toBe(expected);
    expect(run(["claims", "--store", store, "--json"]).json().claims.length).toBeGreaterThan(10);
    expect(run(["audit", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--store", store]).code).toBe(0);
  });

  it("refuses a write in one line naming the store, exit 1, and the store is unchanged", () => {
    const before = readFileSync(store);
    const r = run(["ingest", article, "--published", "2025-06-30", "--store", store]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(store);
    expect(r.stderr).toMatch(/cannot be written/);
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it("leaves no snapshot behind", () => {
    run(["totals", "--store", store]);
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith("facts-readonly-"))).toEqual([]);
  });
});
