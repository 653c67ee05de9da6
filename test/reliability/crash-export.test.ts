// Crash anywhere, lose nothing (the archive's other half): `facts export --out FILE` SIGKILLed at random
// moments of its run leaves FILE absent or whole, never a part of an archive, and running it again writes
// the same archive. Sizes as in crash-ingest.test.ts (RELIABILITY_KILLS, RELIABILITY_SOAK, RELIABILITY_SEED).
import { afterAll, describe, expect, it } from "vitest";
import { scratch } from "../cli.ts";
import { killLoop, killSettings } from "./Crash.ts";
import { exportScenario } from "./Scenarios.ts";

const s = scratch();
afterAll(s.cleanup);
const { kills, seed } = killSettings();

describe("SIGKILL at random points of an export", () => {
  it(`export killed ${kills} times leaves no file or the whole archive, and the re-run writes the same archive`, async () => {
    const sc = await exportScenario(s.dir);
    const t = await killLoop(sc, kills, seed + 6);
    console.log(`crash: ${JSON.stringify({ ...t, outcomes: sc.outcomes })}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(sc.outcomes.noFile + sc.outcomes.whole).toBe(kills);
    // Some kills must land while the archive was being written (a partial file beside FILE).
    expect(sc.outcomes.partialsLeft).toBeGreaterThan(0);
  }, 600_000);
});
