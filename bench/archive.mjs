#!/usr/bin/env node
// Time and peak RSS of `facts export --out`, `facts import` and `facts verify` over a large log, each a
// fresh CLI process (peak RSS from the kernel through rss.cjs). A script that prints figures, never a test.
//   node bench/archive.mjs [CLAIMS]      default 100000 claims of the seeded corpus (bench/corpus.mjs)
// The store is written once per size into $TMPDIR/factledger-archive-bench-CLAIMS.db and kept (it takes a
// while to make); the archive and the imported store are made anew in a temporary folder and removed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const bin = join(root, "packages/cli/bin/facts.js");
const claims = Number(process.argv[2] ?? 100_000);
const store = join(os.tmpdir(), `factledger-archive-bench-${claims}.db`);
if (!existsSync(store)) {
  process.stderr.write(`writing ${claims} claims into ${store}\n`);
  const w = spawnSync(process.execPath, [join(here, "store.mjs"), String(claims), store], { stdio: "inherit" });
  if (w.status !== 0) throw new Error("bench/store.mjs failed");
}
const tmp = mkdtempSync(join(os.tmpdir(), "factledger-archive-bench-"));
const mb = (bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

/** One CLI run: wall seconds and peak RSS in MB. */
const run = (args) => {
  const rssFile = join(tmp, "rss");
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", join(here, "rss.cjs"), bin, ...args], { env: { ...process.env, BENCH_RSS_FILE: rssFile, FACTS_STORE: "" }, encoding: "utf8" });
  const s = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`facts ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
  const [kb] = readFileSync(rssFile, "utf8").split(" ").map(Number);
  return { s, rssMB: kb / 1024, out: r.stdout.trim() };
};

try {
  const archive = join(tmp, "log.ndjson");
  const copy = join(tmp, "copy.db");
  const rows = [];
  const ex = run(["export", "--store", store, "--out", archive]);
  rows.push(["export --out", ex]);
  const im = run(["import", archive, "--store", copy]);
  rows.push(["import", im]);
  rows.push(["verify (imported)", run(["verify", "--store", copy])]);
  const events = Number(/exported (\d+) event/.exec(ex.out)?.[1]);
  console.log(`${events} events; store ${mb(statSync(store).size)}, archive ${mb(statSync(archive).size)}; load average ${os.loadavg()[0].toFixed(1)}; node ${process.version}`);
  for (const [name, r] of rows) console.log(`  ${name.padEnd(18)} ${r.s.toFixed(1).padStart(6)} s  peak RSS ${r.rssMB.toFixed(0).padStart(5)} MB`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
