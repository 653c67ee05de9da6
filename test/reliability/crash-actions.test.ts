// Crash anywhere, lose nothing (2 of 3): analyst actions, `facts follow` and `facts migrate` are
// SIGKILLed at random moments; after every kill the store (or read model) keeps its invariants, and
// finishing the interrupted commands reaches the state of an uninterrupted run. Sizes as in
// crash-ingest.test.ts (RELIABILITY_KILLS, RELIABILITY_SOAK, RELIABILITY_SEED).
import { afterAll, describe, expect, it } from "vitest";
import { scratch } from "../cli.ts";
import { killLoop, killSettings } from "./Crash.ts";
import { analystScenario, followScenario, migrateScenario } from "./Scenarios.ts";

const s = scratch();
afterAll(s.cleanup);
const { kills, seed } = killSettings();

describe("SIGKILL at random points of the other write paths", () => {
  it(`analyst actions killed ${kills} times are each recorded whole or not at all, and re-runs reach the uninterrupted state`, async () => {
    const t = await killLoop(analystScenario(s.dir), kills, seed + 2);
    console.log(`crash: ${JSON.stringify(t)}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(t.amidWrites).toBeGreaterThan(0);
  }, 600_000);

  it(`follow killed ${kills} times leaves a read model equal to the log up to its checkpoint, and resumes to the same model`, async () => {
    const t = await killLoop(followScenario(s.dir), kills, seed + 3);
    console.log(`crash: ${JSON.stringify(t)}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(t.amidWrites).toBeGreaterThan(0);
  }, 600_000);

  it(`migrate killed ${kills} times copies whole appends only, and resumes to the same target log`, async () => {
    const t = await killLoop(migrateScenario(s.dir), kills, seed + 4);
    console.log(`crash: ${JSON.stringify(t)}`);
    expect(t.problems).toEqual([]);
    expect(t.kills).toBe(kills);
    expect(t.amidWrites).toBeGreaterThan(0);
  }, 600_000);
});
