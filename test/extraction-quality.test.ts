// The extractor's measured quality on the hand-labelled seeds is a release gate (issue #4):
// precision >= 0.95, recall >= 0.9, dates right on >= 0.9 of matched claims.
import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
// @ts-expect-error: a plain .mjs script shared with `pnpm eval:extract`
import { evaluate } from "./eval-extract.mjs";

const gold = (f: string) => fileURLToPath(new URL(`./gold/${f}`, import.meta.url));

describe("extraction quality", () => {
  it("meets the seed thresholds: precision ≥ 0.95, recall ≥ 0.9, dates ≥ 0.9", () => {
    const r = evaluate(gold("seeds.json"));
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.datesRight).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps the same bar on the project's own varied articles", () => {
    const r = evaluate(gold("extra.json"));
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
  });
});
