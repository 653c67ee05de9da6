// What a reliability test reads back from an embedded store: its log as comparable rows, and the
// invariants every store must keep after any fault (every event decodes, positions are gapless,
// every stream is a whole number of appends). Stores are opened through the adapter, read-only use.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Similarity } from "@factledger/extract";
import { decodeStored } from "@factledger/store";
import type { StoredEvent } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { bin, root, seeds } from "../cli.ts";

/** The labelled corpus, when this machine has it (read in place, never copied into the repository). */
export const corpusArticles = join(root, "..", "shared", "corpus", "dev", "articles");

/** How many article files the reliability tests want at least: enough for progress lines, kill points and a store of some size. */
const WANTED = 60;

let synthetic: string[] | null = null;

/**
 * Without the corpus (a clone with no ../shared beside it, as in CI), a feed made from the seeds: each
 * article a different draw of lines from the five seeds, kept in their order, with a dispatch line of its
 * own. Draws too close to a seed or to an earlier draw are dropped, so that no article is a wire copy of
 * another (copy links depend on what a writer had seen, which concurrent writers do not share). Kept in
 * a temporary folder other users can read (the read-only case runs as nobody).
 */
const syntheticFeed = (): string[] => {
  if (synthetic !== null) return synthetic;
  const texts = readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort().map((f) => readFileSync(join(seeds, f), "utf8"));
  // One folder per content of the seeds, shared by every test process and kept between runs (its files are
  // written whole, by rename, so processes that make it at the same time never see half a file).
  const dir = join(tmpdir(), `facts-feed-${createHash("sha256").update(`v1\0${texts.join("\0")}`).digest("hex").slice(0, 12)}`);
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  chmodSync(dir, 0o755);
  const lines = texts.flatMap((t) => t.split("\n").map((l) => l.trim()).filter((l) => l !== ""));
  const seen = texts.map((t) => Similarity.signature(t));
  let state = 20261202;
  const random = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const out: string[] = [];
  for (let tries = 0; out.length + texts.length < WANTED && tries < 10_000; tries++) {
    const text = lines.filter(() => random() < 0.15).join("\n\n");
    const signature = Similarity.signature(text);
    if (text.length < 400 || seen.some((s) => Similarity.estimate(s, signature) >= 0.5)) continue;
    seen.push(signature);
    const path = join(dir, `dispatch-${String(out.length + 1).padStart(3, "0")}.txt`);
    const body = `${text}\n\nDispatch ${out.length + 1} of a feed made from the seeds.\n`;
    if (!existsSync(path) || readFileSync(path, "utf8") !== body) {
      const part = `${path}.${process.pid}.part`;
      writeFileSync(part, body, { mode: 0o644 });
      renameSync(part, path);
    }
    out.push(path);
  }
  console.log(`reliability tests: the labelled corpus is not at ${corpusArticles}; ingesting the seeds and ${out.length} dispatches drawn from them instead`);
  synthetic = out;
  return out;
};

/** Every article file the reliability tests ingest: the seeds, then the corpus when present, else a feed made from the seeds. */
export const articleFiles = (): string[] => {
  const list = (d: string) => readdirSync(d).filter((f) => f.endsWith(".txt")).sort().map((f) => join(d, f));
  return [...list(seeds), ...(existsSync(corpusArticles) ? list(corpusArticles) : syntheticFeed())];
};

/**
 * One stored event as the tests compare it: everything but the store's own recording time and the
 * run's random correlation ids, which differ between two runs of the same command by design.
 */
export interface Row {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  /** True for the first event of an append (the CLI sets no causation on it). */
  readonly opensAppend: boolean;
}

/** The whole log of an embedded store, in position order. */
export const rows = async (path: string): Promise<Row[]> => {
  const s = openSqliteStore(path, { create: false });
  if (E.isLeft(s)) throw new Error(`${path}: ${s.left._tag}`);
  try {
    const out: Row[] = [];
    let from: "start" | StoredEvent["position"] = "start";
    for (;;) {
      const page = await s.right.readAll(from, 5000)();
      if (E.isLeft(page)) throw new Error(`${path}: ${page.left._tag}`);
      for (const e of page.right)
        out.push({ position: Number(e.position.commit), stream: e.streamId, revision: Number(e.revision), eventId: e.eventId, type: e.type, data: JSON.stringify(e.data), opensAppend: e.metadata.causationId == null });
      if (page.right.length < 5000) return out;
      from = page.right.at(-1)!.position;
    }
  } finally {
    await s.right.close();
  }
};

/** The rows without their positions, sorted: equal for two stores that hold the same events in any order. */
export const asSet = (log: readonly Row[]): string[] => log.map((r) => JSON.stringify([r.stream, r.revision, r.eventId, r.type, r.data])).sort();

/**
 * The invariants of a store after any fault, as a list of violations (empty when it holds):
 * every event decodes through the core's codecs, positions run 1..N without a gap, each stream's
 * revisions run 0..n, and when a `reference` log is given, each stream is a prefix of the same
 * stream there that ends on an append boundary (no partial article, no half an analyst action).
 */
export const violations = async (path: string, reference?: readonly Row[]): Promise<string[]> => {
  const problems: string[] = [];
  const s = openSqliteStore(path, { create: false });
  if (E.isLeft(s)) return [`${path} does not open: ${s.left._tag} ${"message" in s.left ? s.left.message : ""}`];
  try {
    const check = s.right.db.prepare("PRAGMA integrity_check").pluck().all() as string[];
    if (check.join() !== "ok") problems.push(`integrity_check: ${check.slice(0, 3).join("; ")}`);
    const page = await s.right.readAll("start", 1e9)();
    if (E.isLeft(page)) return [...problems, `readAll failed: ${page.left._tag}`];
    const revs = new Map<string, number>();
    page.right.forEach((e, i) => {
      if (Number(e.position.commit) !== i + 1) problems.push(`position ${e.position.commit} where ${i + 1} was due (a gap)`);
      const d = decodeStored(e);
      if (E.isLeft(d)) problems.push(`position ${e.position.commit} does not decode: ${d.left._tag}`);
      const next = (revs.get(e.streamId) ?? -1) + 1;
      if (Number(e.revision) !== next) problems.push(`${e.streamId} revision ${e.revision} where ${next} was due`);
      revs.set(e.streamId, next);
    });
    if (reference !== undefined) {
      const byStream = new Map<string, Row[]>();
      for (const r of reference) byStream.set(r.stream, [...(byStream.get(r.stream) ?? []), r]);
      const mine = new Map<string, StoredEvent[]>();
      for (const e of page.right) mine.set(e.streamId, [...(mine.get(e.streamId) ?? []), e]);
      for (const [stream, events] of mine) {
        const ref = byStream.get(stream) ?? [];
        events.forEach((e, i) => {
          if (ref[i] === undefined || ref[i]!.eventId !== e.eventId || ref[i]!.data !== JSON.stringify(e.data)) problems.push(`${stream} revision ${i} differs from the uninterrupted run`);
        });
        const after = ref[events.length];
        if (after !== undefined && !after.opensAppend) problems.push(`${stream} stops inside an append (${events.length} of its events stored)`);
      }
    }
  } finally {
    await s.right.close();
  }
  return problems;
};

/** The outcome of a `facts` child process run asynchronously (so that several can run at once). */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Starts `facts` with a fixed day. `killAfterMs` sends SIGKILL that many ms after the start;
 * `killWhen` is polled every millisecond and sends it as soon as it returns true.
 */
export const start = (args: readonly string[], options: { env?: Record<string, string>; killAfterMs?: number; killWhen?: () => boolean; cwd?: string } = {}): Promise<Exit> =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? root,
      env: { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "", stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), options.killAfterMs);
    const poll = options.killWhen === undefined ? undefined : setInterval(() => options.killWhen!() && child.kill("SIGKILL"), 1);
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      if (poll !== undefined) clearInterval(poll);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
