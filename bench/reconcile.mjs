#!/usr/bin/env node
// CPU time of reconciliation alone, in one process, over a store written by bench/store.mjs (or any store):
//   node bench/reconcile.mjs FILE [report|audit|all] [--known-at D --through D] [--metric M --direction D]
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
