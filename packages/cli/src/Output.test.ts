// The streamed JSON is the same text as JSON.stringify(view, replacer, 2), and lines go out in chunks
// that wait for the reader.
import { describe, expect, it } from "vitest";
import * as O from "./Output.ts";

const whole = (view: object) => `${JSON.stringify(view, O.replacer, 2)}\n`;
const streamed = async (view: object, key: string) => {
  let out = "";
  await O.lines(async (c) => void (out += c), O.json(view, key));
  return out;
};

describe("Output.json", () => {
  const views: Array<[string, object, string]> = [
    ["rows among other fields", { knownAt: "2025-06-20", rows: [{ a: 1, b: [1, 2], c: { d: null } }, { a: "x\ny \"q\"" }], tail: { n: 1n } }, "rows"],
    ["no rows", { metric: "m", rows: [] }, "rows"],
    ["rows with nested arrays and holes", { rows: [[1, [2]], null, "s", 3n] }, "rows"],
    ["fields that JSON leaves out", { a: undefined, rows: [undefined, { x: undefined, y: 1 }], f: () => 1 }, "rows"],
    ["an empty object", {}, "rows"],
    ["the key absent", { other: [1, 2] }, "rows"],
  ];
  for (const [what, view, key] of views)
    it(`is JSON.stringify's text for ${what}`, async () => {
      expect(await streamed(view, key)).toBe(whole(view));
    });
});

describe("Output.lines", () => {
  it("hands the text over in chunks of about 64 KB, waiting for each", async () => {
    const chunks: number[] = [];
    let waiting = 0;
    await O.lines(async (c) => {
      waiting++;
      chunks.push(c.length);
      await new Promise((r) => setTimeout(r, 1));
      waiting--;
    }, O.map(Array.from({ length: 20_000 }, (_, i) => i), (i) => `row ${i}`));
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks)).toBeLessThan(70_000);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(Array.from({ length: 20_000 }, (_, i) => `row ${i}\n`).join("").length);
    expect(waiting).toBe(0);
  });

  it("jsonl is one JSON object a line", async () => {
    let out = "";
    await O.lines(async (c) => void (out += c), O.jsonl([{ a: 1 }, { b: "x\ny" }, { n: 2n }]));
    expect(out).toBe('{"a":1}\n{"b":"x\\ny"}\n{"n":"2"}\n');
  });
});
