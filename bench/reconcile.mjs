#!/usr/bin/env node
// CPU time of reconciliation alone, in one process, over a store written by bench/store.mjs (or any store):
//   node bench/reconcile.mjs FILE [report|audit|all|ends] [--known-at D --through D] [--metric M --direction D]
// `ends`: for every total of the report, the CPU of its audit and whether the audit's last change known by
// --known-at is the report's figure (docs/reconciliation.md rule 8).
// Prints the CPU milliseconds (user + system) of each step and a digest of its answer, so that two builds
// can be compared on the same store without writing the answers out.
import { createHash } from "node:crypto";
import { Audit, Ledger, Reconcile } from "@factledger/core";
import { readLedger } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";

const args = process.argv.slice(2);
const file = args[0];
const what = args[1] ?? "all";
const opt = (k, d = null) => (args.indexOf(k) >= 0 ? args[args.indexOf(k) + 1] : d);
const knownAt = opt("--known-at"), through = opt("--through");
const metric = opt("--metric", "prisoners_returned"), direction = opt("--direction", "to_ukraine");
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const digest = (x) => createHash("sha256").update(JSON.stringify(x)).digest("hex").slice(0, 16);
const store = openSqliteStore(file, { create: false }).right;
const ledger = (await readLedger(store)()).right;
await store.close();
const parties = Reconcile.defaultParties;
if (what === "report" || what === "all") {
  const t = cpu();
  const r = Reconcile.report(Ledger.view(ledger, { knownAt }), { through, parties });
  const ms = cpu() - t;
  const totals = r.totals.map((x) => [x.metric, x.direction, x.group, x.best, x.lo, x.hi]);
  console.log(`report   cpu ${ms.toFixed(0).padStart(7)} ms  totals ${digest(totals)} agreements ${digest(r.agreements.map((a) => [a.agreementId, a.direction, a.done, a.doneLo, a.doneHi, a.scope]))} discrepancies ${r.discrepancies.length} ${digest(r.discrepancies.map((d) => [d.reason, d.detail, d.kept, d.setAside]))}`);
}
if (what === "audit" || what === "all") {
  const t = cpu();
  const changes = Audit.audit(ledger, metric, direction, { parties, through });
  const ms = cpu() - t;
  console.log(`audit    cpu ${ms.toFixed(0).padStart(7)} ms  changes ${changes.length} ${digest(changes)}`);
}
if (what === "ends") {
  const r = Reconcile.report(Ledger.view(ledger, { knownAt }), { through, parties });
  const names = [...new Set(r.totals.map((x) => `${x.metric}|${x.direction}`))].sort();
  let agree = 0;
  for (const k of names) {
    const [m, d] = k.split("|");
    const t = Reconcile.findTotal(r, m, d);
    const c0 = cpu();
    const changes = Audit.audit(ledger, m, d, { parties, through }).filter((c) => knownAt === null || c.knownAt <= knownAt);
    const ms = cpu() - c0;
    const last = changes.at(-1)?.after ?? { best: null, lo: null, hi: null };
    const same = last.best === t.best && last.lo === t.lo && last.hi === t.hi;
    if (same) agree++;
    console.log(`${same ? "ends on the total" : "DIFFERS          "}  ${k.padEnd(32)} total ${t.best} [${t.lo}, ${t.hi}]  audit ${last.best} [${last.lo}, ${last.hi}]  ${changes.length} changes  cpu ${ms.toFixed(0)} ms`);
  }
  console.log(`${agree} of ${names.length} totals: the audit ends on the total`);
}

