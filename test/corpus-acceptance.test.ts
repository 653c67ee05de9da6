// Issue #12's acceptance on real reporting, when the dev corpus is beside the repository (../shared/corpus/dev).
// The share of gold cumulative figures that the totals meet depends on the extractor: it is asserted loosely
// (measured 0.511 with the extractor before its rewrite, 0.422 with extractor 2.0 in progress at main c94ebbf);
// that the running total known at the last day never falls from one --through day to the next is asserted hard.
// The as-of timeline (known at and through each day) is printed by the script, not asserted: a better-supported
// figure arriving later may set aside a higher one (the ranking policy of docs/reconciliation.md).
import { beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { root } from "./cli.ts";

const corpus = join(root, "..", "shared", "corpus", "dev");
const present = existsSync(join(corpus, "gold.jsonl"));
if (!present) console.log(`corpus acceptance skipped: no corpus at ${corpus}`);

describe.skipIf(!present)("the dev corpus, reconciled", () => {
  // Asynchronous on purpose: a long synchronous child would block the test worker's messages to vitest
  // (execFile rejects on a non-zero exit, which fails the suite).
  let result: any = null;
  beforeAll(async () => {
    const r = await promisify(execFile)(process.execPath, [join(root, "test/corpus-acceptance.mjs"), "--json", "--corpus", corpus], { encoding: "utf8", maxBuffer: 1 << 26 });
    result = JSON.parse(r.stdout);
  }, 400_000);

  it("the running total of people and of bodies returned to Ukraine never falls from one --through day to the next", () => {
    expect(result.days).toBeGreaterThan(10);
    expect(result.falls).toEqual([]);
  });

  it("the totals meet at least the measured share of the gold cumulative figures, within their qualifiers", () => {
    expect(result.cases).toBeGreaterThan(20);
    // measured 0.600 with extractor 2.2.0; 0.867 once totals after the last report have no ceiling (docs/reconciliation.md)
    expect(result.share).toBeGreaterThanOrEqual(0.82);
  });

  it("met with a ceiling, and with the best figure inside the quoted one, at least as often as measured", () => {
    // The stricter measures, so that the open ceiling after the last report cannot hide a worse best figure (measured 17 and 21 of 45).
    expect(result.closedHeld).toBeGreaterThanOrEqual(15);
    expect(result.bestInside).toBeGreaterThanOrEqual(19);
  });

  it("asked with everything known, what had happened by each as-of day meets the quoted figure at least as often as measured", () => {
    // Known at the last day (the CLI's default) a misdated claim shows as a total above the figure: measured 29 of 45
    // met (best inside 19) before a named year was no longer cut at an undated article's stand-in day, 37 (27) after;
    // 34 (29) with extractor 2.8.0: two undated pages now dated add the June 11-16 repatriation (6,057 bodies), above two
    // round figures of the labels, and one pass was spurious (a soldiers total holding 909 bodies read as troops).
    expect(result.knowingAll.held).toBeGreaterThanOrEqual(33);
    expect(result.knowingAll.bestInside).toBeGreaterThanOrEqual(25);
  });
});
