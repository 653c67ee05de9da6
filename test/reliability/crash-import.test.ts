// Crash anywhere, lose nothing (3 of 3): `facts import` SIGKILLed at random moments of its run leaves
// no store, an empty store or the whole archive, never a part of it, and running it again (into the
// empty store a kill left, or the full one) ends with the archive's records exactly. Sizes as in
// crash-ingest.test.ts (RELIABILITY_KILLS, RELIABILITY_SOAK, RELIABILITY_SEED).
import { afterAll, describe, expect, it } from "vitest";
import { scratch } from "../cli.ts";
import { killLoop, killSettings } from "./Crash.ts";
import { importScenario } from "./Scenarios.ts";

const s = scratch();
afterAll(s.cleanup);
const { kills, seed } = killSettings();

describe("SIGKILL at random points of an import", () => {
  it(`import killed ${kills} times leaves no store, an empty one or the whole archive, and the re-run reaches the archive's log`, async () => {
    const sc = await importScenario(s.dir);
    const t = await killLoop(sc, kills, seed + 5);
    console.log(`crash: ${JSON.stringify({ ...t, outcomes: sc.outcomes })}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    // Some kills must land after the store was made (an empty store the re-run has to fill).
    expect(sc.outcomes.empty).toBeGreaterThan(0);
    expect(sc.outcomes.noStore + sc.outcomes.empty + sc.outcomes.whole).toBe(kills);
  }, 600_000);
});
