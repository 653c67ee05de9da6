#!/usr/bin/env node
// CPU of reconciliation alone at several sizes of the seeded synthetic corpus (bench/corpus.mjs, seed 42),
// each ledger folded in memory (no store file): a script that prints figures, never a timed test.
//   node bench/reconcile-sizes.mjs [--report=1000,10000,100000] [--audit=2000,10000] [--runs=N] [--core=DIR]
// --core=DIR: reconcile with another build of @factledger/core (DIR/dist/index.js, e.g. an older commit's
// packages/core built apart), to compare two builds on the same corpus, in alternate runs.
// For each report size: the CPU ms (user + system) of one `Reconcile.report` of everything known (through
// null), of one report as known on a day (the middle of the corpus, through the same day), and the median of
// N reports at random pairs of days (known-at D, through D' ≤ D). For each audit size: one `Audit.audit` of
// prisoners returned to Ukraine (the total with parts), its timeline, and every total's audit in turn.
// Each line ends with a digest of the answer, so that two builds can be compared on the same corpus.
import { createHash } from "node:crypto";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { ExpectedRevision, makeMemoryStore, readLedger } from "@factledger/store";
import { articles, prng } from "./corpus.mjs";

const args = process.argv.slice(2);
const list = (k, d) => (args.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3) ?? d).split(",").filter((x) => x !== "").map(Number);
const reportSizes = list("report", "1000,10000,100000");
const auditSizes = list("audit", "2000,10000");
const runs = list("runs", "5")[0];
const coreDir = args.find((a) => a.startsWith("--core="))?.slice(7) ?? null;
const { Audit, Ledger, Reconcile } = await import(coreDir === null ? "@factledger/core" : pathToFileURL(`${coreDir}/dist/index.js`).href);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const digest = (x) => createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 16);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const parties = Reconcile.defaultParties;
const day = (n) => new Date(Date.UTC(2023, 0, 1) + n * 86400000).toISOString().slice(0, 10);

const ledgerOf = async (size) => {
  const store = makeMemoryStore();
  for (const a of articles(size, 42)) {
    const r = await store.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)();
    if (r._tag === "Left") throw new Error(JSON.stringify(r.left));
  }
  return (await readLedger(store)()).right;
};
const answer = (r) => [
  r.totals.map((x) => [x.metric, x.direction, x.group, x.best, x.lo, x.hi, x.disputed, x.claims, x.readings.map((c) => c.reading)]),
  r.agreements.map((a) => [a.agreementId, a.direction, a.done, a.doneLo, a.doneHi, a.scope]),
  r.discrepancies.map((d) => [d.reason, d.detail, d.kept, d.setAside]),
];
const timedReport = (ledger, knownAt, through) => {
  const t = cpu();
  const r = Reconcile.report(Ledger.view(ledger, { knownAt }), { through, parties });
  const totalsMs = cpu() - t;
  const a = answer(r); // reads the discrepancies (gathered when first read)
  return { ms: cpu() - t, totalsMs, digest: digest(a), discrepancies: r.discrepancies.length };
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

console.log(`node ${process.version}, ${os.cpus().length} cores, load ${load()}, core ${coreDir ?? "@factledger/core (this checkout)"}`);
for (const size of reportSizes) {
  const ledger = await ledgerOf(size);
  const all = timedReport(ledger, null, null);
  console.log(`report   ${String(size).padStart(7)} claims  everything known   cpu ${all.ms.toFixed(0).padStart(7)} ms (totals, agreements ${all.totalsMs.toFixed(0)} ms)  discrepancies ${all.discrepancies}  ${all.digest}`);
  // The same report again, twice: the first report of a process also pays for compiling the code (what a fresh CLI process pays).
  timedReport(ledger, null, null);
  const again = timedReport(ledger, null, null);
  console.log(`report   ${String(size).padStart(7)} claims  the same, 3rd time cpu ${again.ms.toFixed(0).padStart(7)} ms (totals, agreements ${again.totalsMs.toFixed(0)} ms)  discrepancies ${again.discrepancies}  ${again.digest}`);
  const mid = day(547);
  const one = timedReport(ledger, mid, mid);
  console.log(`report   ${String(size).padStart(7)} claims  known at ${mid}   cpu ${one.ms.toFixed(0).padStart(7)} ms (totals, agreements ${one.totalsMs.toFixed(0)} ms)  discrepancies ${one.discrepancies}  ${one.digest}`);
  if (runs === 0) continue;
  const rnd = prng(7);
  const ms = [], ds = [];
  for (let i = 0; i < runs; i++) {
    const k = Math.floor(rnd() * 3 * 365), t = Math.floor(rnd() * (k + 1));
    const r = timedReport(ledger, day(k), day(t));
    ms.push(r.ms);
    ds.push(r.digest);
  }
  console.log(`report   ${String(size).padStart(7)} claims  ${runs} random days     cpu ${median(ms).toFixed(0).padStart(7)} ms median (${ms.map((x) => x.toFixed(0)).join(", ")})  ${digest(ds)}`);
}
for (const size of auditSizes) {
  const ledger = await ledgerOf(size);
  let t = cpu();
  const changes = Audit.audit(ledger, "prisoners_returned", "to_ukraine", { parties, through: null });
  const points = Audit.timeline(changes);
  const ms = cpu() - t;
  console.log(`audit    ${String(size).padStart(7)} claims  prisoners_returned to_ukraine  cpu ${ms.toFixed(0).padStart(7)} ms  changes ${changes.length}, timeline ${points.length}  ${digest([changes, points])}`);
  const r = Reconcile.report(Ledger.view(ledger, { knownAt: null }), { through: null, parties });
  const names = [...new Set(r.totals.map((x) => `${x.metric}|${x.direction}`))].sort();
  t = cpu();
  const every = names.map((k) => Audit.audit(ledger, ...k.split("|"), { parties, through: null }));
  const allMs = cpu() - t;
  console.log(`audit    ${String(size).padStart(7)} claims  every total (${names.length})       cpu ${allMs.toFixed(0).padStart(7)} ms  changes ${every.reduce((n, c) => n + c.length, 0)}  ${digest(every)}`);
}
console.log(`load ${load()}`);
