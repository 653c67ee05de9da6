// Crash anywhere, lose nothing (1 of 3): `facts ingest` and `facts reextract` are SIGKILLed at random
// moments, again and again on the same store; after every kill the store opens, every event decodes,
// positions run without a gap and no article is stored in part; re-running then reaches the very log
// (same events, ids, positions) an uninterrupted run writes. RELIABILITY_KILLS sets the kills per
// write path (default 30, 210 over the seven paths: `killSettings` in Crash.ts; RELIABILITY_SOAK=1 makes it 400), RELIABILITY_SEED the kill moments.
import { afterAll, describe, expect, it } from "vitest";
import { scratch } from "../cli.ts";
import { killLoop, killSettings } from "./Crash.ts";
import { ingestScenario, reextractScenario } from "./Scenarios.ts";

const s = scratch();
afterAll(s.cleanup);
const { kills, seed } = killSettings();

describe("SIGKILL at random points of the article write paths", () => {
  it(`ingest killed ${kills} times keeps every invariant, and a re-run writes the uninterrupted run's log`, async () => {
    const t = await killLoop(ingestScenario(s.dir), kills, seed);
    console.log(`crash: ${JSON.stringify(t)}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(t.amidWrites).toBeGreaterThan(0);
  }, 600_000);

  it(`reextract killed ${kills} times keeps every invariant, and a re-run writes the uninterrupted run's log`, async () => {
    const t = await killLoop(reextractScenario(s.dir), kills, seed + 1);
    console.log(`crash: ${JSON.stringify(t)}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(t.amidWrites).toBeGreaterThan(0);
  }, 600_000);
});
