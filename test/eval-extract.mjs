#!/usr/bin/env node
// Extraction quality against hand-labelled gold: precision, recall and F1 of
// claims matched on metric, direction, kind, value and qualifier, plus the
// share of matched claims whose dates (and claimants) are right.
// Usage: pnpm eval:extract [--json] [gold.json ...]   (default: the seeds and the extra set)
import { readFileSync, existsSync } from "node:fs";
import { dirname, basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extract, Manifest } from "@factledger/extract";
import { Claimant } from "@factledger/core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const sidecarsFor = (file) => {
  const m = join(dirname(file), "manifest.json");
  if (!existsSync(m)) return [];
  const parsed = Manifest.parse(JSON.parse(readFileSync(m, "utf8")));
  if (parsed._tag === "Left") throw new Error(`${m}: ${parsed.left}`);
  const s = parsed.right.get(basename(file));
  return s === undefined ? [] : [s];
};

const same = (g, c) => g.metric === c.metric && g.direction === c.direction && g.kind === c.kind && g.value === c.value && g.qualifier === c.qualifier;

/** Scores one gold file; returns counts and the per-claim differences. */
export const evaluate = (goldPath, today = "2026-11-22") => {
  const gold = JSON.parse(readFileSync(goldPath, "utf8"));
  let tp = 0, fp = 0, fn = 0, datesRight = 0, claimantsRight = 0, publishedRight = 0;
  const misses = [], extras = [], wrongDates = [], wrongClaimants = [];
  for (const a of gold.articles) {
    const file = join(root, a.file);
    const r = extract({ text: readFileSync(file, "utf8"), path: file, today, sidecars: sidecarsFor(file) });
    if (r.metadata.publishedAt === a.publishedAt) publishedRight++;
    const got = r.claims.map((c) => c.fields);
    const used = new Set();
    for (const g of a.claims) {
      const i = got.findIndex((c, k) => !used.has(k) && same(g, c));
      if (i < 0) {
        fn++;
        misses.push({ file: a.file, ...g });
        continue;
      }
      used.add(i);
      tp++;
      const c = got[i];
      if (c.validTo === g.validTo && (g.kind === "cumulative" || c.validFrom === g.validFrom)) datesRight++;
      else wrongDates.push({ file: a.file, metric: g.metric, value: g.value, want: [g.validFrom, g.validTo], got: [c.validFrom, c.validTo] });
      if (Claimant.key(c.attributedTo) === Claimant.key(g.attributedTo)) claimantsRight++;
      else wrongClaimants.push({ file: a.file, metric: g.metric, value: g.value, want: g.attributedTo, got: c.attributedTo });
    }
    got.forEach((c, k) => {
      if (!used.has(k)) {
        fp++;
        extras.push({ file: a.file, metric: c.metric, direction: c.direction, kind: c.kind, value: c.value, qualifier: c.qualifier, evidence: c.evidence.text.slice(0, 80) });
      }
    });
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    gold: goldPath.replace(root + "/", ""),
    articles: gold.articles.length,
    goldClaims: tp + fn,
    extracted: tp + fp,
    matched: tp,
    precision, recall, f1,
    datesRight: tp === 0 ? 1 : datesRight / tp,
    claimantsRight: tp === 0 ? 1 : claimantsRight / tp,
    publicationDatesRight: publishedRight / gold.articles.length,
    misses, extras, wrongDates, wrongClaimants,
  };
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const files = args.filter((a) => a !== "--json");
  const golds = files.length > 0 ? files.map((f) => resolve(f)) : [join(root, "test/gold/seeds.json"), join(root, "test/gold/extra.json")];
  const results = golds.map((g) => evaluate(g));
  if (json) console.log(JSON.stringify(results, null, 2));
  else {
    const pct = (x) => (x * 100).toFixed(1).padStart(6) + "%";
    console.log("gold set                  articles  claims  found  matched  precision  recall      F1   dates  claimants  pub.dates");
    for (const r of results)
      console.log(`${r.gold.padEnd(26)}${String(r.articles).padStart(8)}${String(r.goldClaims).padStart(8)}${String(r.extracted).padStart(7)}${String(r.matched).padStart(9)}  ${pct(r.precision)}  ${pct(r.recall)} ${pct(r.f1)} ${pct(r.datesRight)}    ${pct(r.claimantsRight)}    ${pct(r.publicationDatesRight)}`);
    for (const r of results) {
      for (const m of r.misses) console.log(`  missed   ${r.gold}: ${m.file.split("/").pop()} ${m.metric} ${m.direction} ${m.kind} ${m.value} ${m.qualifier}`);
      for (const e of r.extras) console.log(`  extra    ${r.gold}: ${e.file.split("/").pop()} ${e.metric} ${e.direction} ${e.kind} ${e.value} ${e.qualifier} | ${e.evidence}`);
      for (const w of r.wrongDates) console.log(`  date     ${r.gold}: ${w.file.split("/").pop()} ${w.metric} ${w.value} want ${w.want.join("..")} got ${w.got.join("..")}`);
      for (const w of r.wrongClaimants) console.log(`  claimant ${r.gold}: ${w.file.split("/").pop()} ${w.metric} ${w.value} want "${w.want}" got "${w.got}"`);
    }
  }
}
