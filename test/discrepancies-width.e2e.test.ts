// `facts discrepancies` fits a screen (issue #14): a running total that cannot hold with a run of
// events is explained in 100 columns (or --width), naming the largest figures and how many more, and
// --full, --json and jsonl still carry every figure. The JSON is the contract: options of the text
// never change it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { facts, scratch } from "./cli.ts";

const columns = (text: string) => Math.max(...text.split("\n").map((l) => [...l].length));

describe("facts discrepancies within a width", () => {
  let dir: ReturnType<typeof scratch>;
  let store: string;
  const run = (...args: string[]) => facts(["discrepancies", ...args, "--store", store]);

  beforeAll(() => {
    dir = scratch();
    store = join(dir.dir, "w.db");
    // Seven returns of 20 bodies on seven days, against a running total of 100 through the month's end: six of them exceed it.
    for (let i = 1; i <= 7; i++) {
      const day = `2025-06-0${i}`;
      const r = facts(["add-claim", "--metric", "bodies_returned", "--direction", "to_ukraine", "--kind", "event", "--value", "20", "--valid-from", day, "--valid-to", day, "--attributed-to", "Ukraine’s Coordination Headquarters for the Treatment of Prisoners of War", "--reason", `briefing ${i}`, "--store", store]);
      expect(r.code, r.stderr).toBe(0);
    }
    const r = facts(["add-claim", "--metric", "bodies_returned", "--direction", "to_ukraine", "--kind", "cumulative", "--value", "100", "--valid-to", "2025-06-30", "--attributed-to", "Ministry", "--reason", "total", "--store", store]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => dir.cleanup());

  it("the text fits 100 columns and says how many figures it leaves out, with their sum", () => {
    const r = run();
    expect(r.code).toBe(0);
    expect(columns(r.stdout)).toBeLessThanOrEqual(100);
    const flat = r.stdout.replace(/\s+/g, " ");
    expect(flat).toContain("100 bodies_returned through 2025-06-30 cannot hold with 20 bodies_returned over");
    expect(flat).toMatch(/ and 3 more \(sum 60\); its upper bound was set aside/);
    expect(flat).toContain("(1 of 1 shortened to fit 100 columns; --full prints every figure and name, --json every field)");
  });

  it("--width narrows it; below 40 columns is refused", () => {
    const r = run("--width", "60");
    expect(r.code).toBe(0);
    expect(columns(r.stdout)).toBeLessThanOrEqual(60);
    expect(r.stdout.replace(/\s+/g, " ")).toContain("and 3 more (sum 60)");
    expect(run("--width", "39").code).toBe(1);
  });

  it("--full prints every figure of the explanation, as --json gives it", () => {
    const detail = run("--json").json().discrepancies[0].detail as string;
    expect(detail.split(" and ").length).toBe(6);
    expect(run("--full").stdout).toContain(`\n     ${detail}\n`);
  });

  it("--json and jsonl are the same whatever the text's options", () => {
    const json = run("--json").stdout;
    expect(run("--json", "--width", "60").stdout).toBe(json);
    expect(run("--json", "--full").stdout).toBe(json);
    const jsonl = run("--format", "jsonl", "--width", "60").stdout;
    expect(jsonl.trim().split("\n").map((l) => JSON.parse(l))).toEqual(JSON.parse(json).discrepancies);
  });
});
