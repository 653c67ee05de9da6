// Large answers are streamed: what a pipe gets (through a shell pipeline, and through a reader that
// stalls) is byte for byte what a file gets, for JSON, JSON lines and CSV of several megabytes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
// The benchmark's seeded corpus: the events an ingest would record, without running the extractor.
import { articles } from "../bench/corpus.mjs";
import { bin, scratch } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
const store = join(s.dir, "big.db");
const CLAIMS = 6_000;

// The audit replays the total's history step by step (seconds per thousand claims), so it gets a smaller store.
const small = join(s.dir, "small.db");
const fill = async (path: string, claims: number) => {
  const opened = openSqliteStore(path);
  if (E.isLeft(opened)) throw new Error(opened.left._tag);
  const corpus = [...articles(claims, 7)] as Array<{ stream: string; events: any[] }>;
  for (let i = 0; i < corpus.length; i += 64) {
    const rs = await Promise.all(corpus.slice(i, i + 64).map((a) => opened.right.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)()));
    for (const r of rs) if (E.isLeft(r)) throw new Error(r.left._tag);
  }
  await opened.right.close();
};

beforeAll(async () => {
  await fill(store, CLAIMS);
  await fill(small, 400);
}, 60_000);

const env = { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "" };
let k = 0;
/** Runs a shell command (asynchronously: a worker blocked for long in spawnSync misses vitest's own heartbeats). */
const sh = (cmd: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn("sh", ["-c", cmd], { env });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });

/** Runs `facts ARGS` under sh with stdout into a file, directly or through a pipeline (`| cat > OUT`, a stalled reader); returns the bytes. */
const viaShell = async (args: string, pipeline: string, at = store): Promise<{ code: number; bytes: Buffer }> => {
  const out = join(s.dir, `out-${++k}`);
  const r = await sh(`"${process.execPath}" "${bin}" ${args} --store "${at}" ${pipeline.replace("OUT", `"${out}"`)}`);
  expect(r.stderr).toBe("");
  return { code: r.code, bytes: readFileSync(out) };
};

describe("streamed answers are complete on a pipe", () => {
  const cases: Array<[string, string, (b: string) => number]> = [
    ["claims --json", "JSON", (b) => JSON.parse(b).claims.length],
    ["claims --format jsonl", "JSON lines", (b) => b.trimEnd().split("\n").map((l) => JSON.parse(l)).length],
    ["claims --format csv", "CSV", (b) => b.trimEnd().split("\n").length - 1],
  ];
  for (const [args, what, count] of cases) {
    it(`${what} of ${CLAIMS.toLocaleString("en")} claims through a pipe, and a stalled pipe, equals the file output`, async () => {
      const file = await viaShell(args, "> OUT");
      const piped = await viaShell(args, "| cat > OUT");
      // The reader sleeps first: the pipe's 64 KB fill up and the writer must wait for it, not drop bytes or buffer the rest.
      const stalled = await viaShell(args, "| (sleep 1; cat > OUT)");
      expect([file.code, piped.code, stalled.code]).toEqual([0, 0, 0]);
      expect(file.bytes.length).toBeGreaterThan(what === "CSV" ? 1_000_000 : 2_000_000);
      expect(piped.bytes.equals(file.bytes)).toBe(true);
      expect(stalled.bytes.equals(file.bytes)).toBe(true);
      expect(count(file.bytes.toString("utf8"))).toBe(CLAIMS);
      console.log(`facts ${args}: ${file.bytes.length} bytes to a file, ${piped.bytes.length} through a pipe, ${stalled.bytes.length} through a stalled pipe`);
    }, 180_000);
  }

  it("the streamed JSON is exactly what JSON.stringify(view, null, 2) prints, and jsonl has the same rows", async () => {
    const json = (await viaShell("claims --json", "> OUT")).bytes.toString("utf8");
    const view = JSON.parse(json);
    expect(json).toBe(`${JSON.stringify(view, null, 2)}\n`);
    const jsonl = (await viaShell("claims --format jsonl", "> OUT")).bytes.toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(jsonl).toEqual(view.claims);
  }, 120_000);

  it("audit and timeline stream their JSON and JSON lines completely", async () => {
    const q = "--metric prisoners_returned --direction to_ukraine";
    for (const f of ["--json", "--format jsonl"])
      for (const cmd of ["audit", "timeline"]) {
        const file = await viaShell(`${cmd} ${q} ${f}`, "> OUT", small);
        const stalled = await viaShell(`${cmd} ${q} ${f}`, "| (sleep 0.3; cat > OUT)", small);
        expect(file.code).toBe(0);
        expect(stalled.bytes.equals(file.bytes)).toBe(true);
        const text = file.bytes.toString("utf8");
        const rows = f === "--json" ? JSON.parse(text)[cmd === "audit" ? "changes" : "points"] : text.trimEnd().split("\n").map((l) => JSON.parse(l));
        expect(rows.length).toBeGreaterThan(3);
      }
  }, 180_000);

  it("a reader that stops early (head) is not an error: exit 0, nothing on stderr", async () => {
    const r = await sh(`{ "${process.execPath}" "${bin}" claims --format jsonl --store "${store}"; echo "exit $?" >&2; } | head -n 2`);
    expect(r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).id)).toHaveLength(2);
    expect(r.stderr).toBe("exit 0\n");
  }, 60_000);
});
