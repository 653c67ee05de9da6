#!/usr/bin/env node
// factledger benchmarks: a script that prints figures (never a timed test).
//   pnpm bench            full sizes (10k, 100k, 1M claims); writes docs/benchmarks.md
//   pnpm bench --quick    10k claims only, fewer runs (a CI-like check, under a minute); writes nothing
//   pnpm -s bench --json  the same figures as JSON on stdout (progress goes to stderr)
//   pnpm bench --only=extraction   extraction speed alone (seeds and test articles; the dev corpus when present)
//   pnpm bench --only=web          the dashboard's slider latency alone (GET /api/figures and /api/totals for new pairs of days; the warm index's build time and RSS), printed
//   pnpm bench --only=cli          the CLI's claims, audit and timeline alone (time and peak RSS); --cli-timeout=S bounds each run (default 300)
//   pnpm bench --only=reconcile    replay, a full reconciliation, the warm index and peak RSS alone (issue #12's targets); writes its section of docs/benchmarks.md
// Each figure is the median of several runs; ratios are measured in the same run on the same events.
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { Ledger, Reconcile, TotalsIndex } from "@factledger/core";
import { ExpectedRevision, readLedger } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { extract } from "@factledger/extract";
import { App, countingIds, fixedClock } from "@factledger/app";
import { serve } from "@factledger/web";
import { makeMemoryCheckpoints } from "@factledger/store";
import { articles, prng } from "./corpus.mjs";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
// --only=extraction: the extraction figures alone, printed, nothing written.
const only = args.find((a) => a.startsWith("--only="))?.slice(7) ?? null;
const json = args.includes("--json");
const sizesArg = args.find((a) => a.startsWith("--sizes="));
const started = performance.now();
const sizes = sizesArg ? sizesArg.slice(8).split(",").map(Number) : quick ? [10_000] : [10_000, 100_000, 1_000_000];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const log = (s) => process.stderr.write(`${s}\n`);
const tmp = mkdtempSync(join(os.tmpdir(), "factledger-bench-"));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const round = (x, d = 1) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);
const results = [];
const row = (r) => {
  results.push(r);
  log(`  ${r.name.padEnd(15)} ${String(r.claims).padStart(8)} claims  ours ${String(r.ours).padStart(10)} ${r.unit}${r.peer != null ? `  peer ${r.peer}` : ""}${r.floor != null ? `  floor ${r.floor}` : ""}${r.stat ? ` (${r.stat})` : ""}${r.cpuMs != null ? `  cpu ${Math.round(r.cpuMs)} ms` : ""}${r.note ? `  (${r.note})` : ""}`);
};
let fileNo = 0;
const freshFile = () => join(tmp, `b${++fileNo}.db`);
const cleanup = (f) => {
  for (const x of readdirSync(tmp)) if (x.startsWith(f.split("/").pop())) rmSync(join(tmp, x), { force: true });
};

const machine = {
  cpu: os.cpus()[0]?.model ?? "unknown",
  cores: os.cpus().length,
  memoryGB: Math.round(os.totalmem() / 1024 ** 3),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString().slice(0, 10),
};

// ------------------------------------------------------------------------------------------ append
// window = 1: each append awaited before the next (one transaction per article);
// window = 64: up to 64 appends issued at once, as a pipelined ingester would (group commit).
const appendOurs = async (corpus, window = 1) => {
  const file = freshFile();
  const store = openSqliteStore(file).right;
  const t = performance.now();
  for (let i = 0; i < corpus.length; i += window) {
    const rs = await Promise.all(corpus.slice(i, i + window).map((a) => store.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)()));
    for (const r of rs) if (r._tag === "Left") throw new Error(JSON.stringify(r.left));
  }
  const ms = performance.now() - t;
  await store.close();
  return { ms, file };
};

const appendFloor = (corpus) => {
  const file = freshFile();
  const db = new Database(file);
  // The same SQLite settings as the embedded store, so that the ratio measures the framework, not the tuning.
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("temp_store = MEMORY");
  db.pragma("cache_size = -65536");
  db.pragma("wal_autocheckpoint = 10000");
  db.exec("CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))");
  const insert = db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const t = performance.now();
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const a of corpus) a.events.forEach((e, i) => insert.run(a.stream, i, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now));
  })();
  const ms = performance.now() - t;
  db.close();
  cleanup(file);
  return ms;
};

/**
 * Emmett's append figure: one run per child process (see peer.mjs), because its store fails
 * intermittently inside the library (SQLITE_BUSY); failed runs are retried up to 3 times and every
 * failure is recorded. Null when no run succeeded.
 */
const appendPeer = (size, runs) => {
  const rates = [];
  let failures = 0;
  while (rates.length < runs && failures < 3) {
    const r = spawnSync(process.execPath, ["--max-old-space-size=8192", join(root, "bench/peer.mjs"), String(size), "1"], { cwd: join(root, "bench"), encoding: "utf8" });
    if (r.status !== 0) {
      const why = (r.stderr.match(/Error[^\n]*/) ?? ["exit " + r.status])[0];
      log(`  (Emmett's SQLite store failed at ${size.toLocaleString("en-US")} claims: ${why})`);
      peerFailures.push({ claims: size, error: why });
      failures++;
      continue;
    }
    const out = JSON.parse(r.stdout);
    rates.push(out.events / (out.ms[0] / 1000));
  }
  return rates.length === 0 ? null : median(rates);
};
const peerFailures = [];

// ------------------------------------------------------------------------------------------ replay
// The projection rebuild: read, decode with io-ts (upcasting), fold the ledger. Then, timed apart,
// a full reconciliation of everything known (every total, agreement and discrepancy).
const replayOurs = async (file) => {
  const store = openSqliteStore(file, { create: false }).right;
  const t = performance.now();
  const ledger = (await readLedger(store)()).right;
  const ms = performance.now() - t;
  const t2 = performance.now();
  const report = Reconcile.report(Ledger.view(ledger, { knownAt: null }), { through: null, parties: Reconcile.defaultParties });
  const reconcileMs = performance.now() - t2;
  await store.close();
  return { ms, reconcileMs, ledger, totals: report.totals.length };
};

const replayFloor = (file) => {
  const db = new Database(file, { readonly: true });
  const t = performance.now();
  let n = 0;
  for (const r of db.prepare("SELECT stream_id, revision, event_id, type, data, metadata, recorded_at, position FROM events ORDER BY position").iterate()) {
    JSON.parse(r.data);
    JSON.parse(r.metadata);
    n++;
  }
  const ms = performance.now() - t;
  db.close();
  return { ms, n };
};

// ------------------------------------------------------------------------------------------ as-of
const randomDays = (n, seed) => {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => new Date(Date.UTC(2023, 0, 1) + Math.floor(rnd() * 3 * 365) * 86400000).toISOString().slice(0, 10));
};

const asOfCold = async (file, days) => {
  const lat = [];
  for (const d of days) {
    const t = performance.now();
    const store = openSqliteStore(file, { create: false }).right;
    const ledger = (await readLedger(store)()).right;
    Reconcile.report(Ledger.view(ledger, { knownAt: d }), { through: d, parties: Reconcile.defaultParties });
    await store.close();
    lat.push(performance.now() - t);
  }
  return lat;
};

const asOfWarm = (ledger, days) => {
  const t0 = performance.now();
  const index = TotalsIndex.build(ledger, Reconcile.defaultParties);
  const buildMs = performance.now() - t0;
  const lat = [];
  for (const d of days) {
    const t = performance.now();
    index.totalsAt(d);
    lat.push(performance.now() - t);
  }
  return { lat, buildMs, index };
};

// ------------------------------------------------------------------------------------------ web
// What moving the dashboard's sliders costs, over HTTP on this machine, for pairs of days not asked before (the
// server's answer cache misses; its read cache keeps the log in memory): GET /api/figures (the totals' figures,
// from the warm index once it is built: the time to build it and the process's RSS then are reported too), and
// GET /api/totals (the whole totals view, reconciled), at fewer pairs: it takes seconds at 100k claims.
// The longest the event loop was held during a phase (perf_hooks' histogram, 10 ms resolution): what a request
// arriving then would have waited before the server even read it.
const loopWatch = () => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return () => {
    h.disable();
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6 };
  };
};
const sliderApi = async (file, pairs, { totalsPairs = 3, later = [] } = {}) => {
  const store = openSqliteStore(file, { create: false }).right;
  const app = App.make({ store, where: file, checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-01-01T12:00:00.000Z"), ids: countingIds() });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  // Without the warm-up of the first view: its reconciliations would hold the event loop while the sliders are timed.
  const buildLoop = loopWatch();
  const running = await serve({ app, port: 0, today: () => "2026-01-01", warm: false });
  const figures = [], figuresApp = [], totals = [], bytes = [], extended = [];
  const slim = [], slimBytes = [], slimAgain = [], figuresDuring = [], discrepancies = [], discrepancyBytes = [], fullReportBytes = [];
  let viewsLoopMax = null;
  let index;
  try {
    const timed = async (path) => {
      const t = performance.now();
      const r = await fetch(`${running.url}${path}`);
      const body = await r.text();
      if (r.status !== 200) throw new Error(`${path} answered ${r.status}`);
      // The server's own time for the answer (its server-timing header): the rest is HTTP and waiting for a core.
      const app = Number(/app;dur=([\d.]+)/.exec(r.headers.get("server-timing") ?? "")?.[1] ?? NaN);
      return { ms: performance.now() - t, bytes: body.length, app };
    };
    // A large body is read by curl in another process: its reading is then not on the server's event loop,
    // whose longest hold is measured (the small answers of /api/figures are read here).
    const fetched = (path) =>
      new Promise((resolve, reject) =>
        execFile("curl", ["-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}", `${running.url}${path}`], (e, out) => {
          if (e) return reject(e);
          const [code, size, secs] = out.trim().split(" ").map(Number);
          if (code !== 200) return reject(new Error(`${path} answered ${code}`));
          resolve({ ms: secs * 1000, bytes: size });
        }),
      );
    while (!running.index().ready) await new Promise((resolve) => setTimeout(resolve, 200));
    index = { ...running.index(), sinceStartMs: performance.now() - t0, loop: buildLoop() };
    global.gc?.();
    index.rssMB = Math.round(process.memoryUsage().rss / 2 ** 20);
    index.rssBeforeMB = Math.round(rssBefore / 2 ** 20);
    for (const [k, t] of pairs) {
      const r = await timed(`api/figures?known-at=${k}&through=${t}`);
      figures.push(r.ms);
      figuresApp.push(r.app);
    }
    // The reconciled views, made by the server's reconciler thread: the whole totals view of a new pair, then
    // the page's slim report of another new pair while /api/figures is asked every 25 ms (what a slider's
    // next move would wait), the same slim report again (from the cache), and the discrepancies of that pair.
    const viewsLoop = loopWatch();
    for (let i = 0; i < totalsPairs; i++) {
      const [k, t] = pairs[i];
      const r = await fetched(`api/totals?known-at=${k}&through=${t}`);
      totals.push(r.ms);
      bytes.push(r.bytes);
      const [k2, t2] = pairs[i + totalsPairs];
      let done = false;
      const poll = (async () => {
        for (let j = 0; !done; j++) {
          const [a, b] = pairs[(200 + j) % pairs.length];
          figuresDuring.push((await timed(`api/figures?known-at=${a}&through=${b}`)).ms);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      const s1 = await fetched(`api/report?known-at=${k2}&through=${t2}&slim=1`);
      done = true;
      await poll;
      slim.push(s1.ms);
      slimBytes.push(s1.bytes);
      slimAgain.push((await fetched(`api/report?known-at=${k2}&through=${t2}&slim=1`)).ms);
      const d = await fetched(`api/discrepancies?known-at=${k2}&through=${t2}`);
      discrepancies.push(d.ms);
      discrepancyBytes.push(d.bytes);
      fullReportBytes.push((await fetched(`api/report?known-at=${k2}&through=${t2}`)).bytes);
    }
    viewsLoopMax = viewsLoop();
    // New articles, one at a time, as another terminal would ingest them: from the append until the index
    // answers for the new log (extended when the article is known on or after the last day, else rebuilt).
    for (const a of later) {
      const seen = running.seen().events;
      const before = running.index();
      const loop = loopWatch();
      const t = performance.now();
      const r = await store.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)();
      if (r._tag === "Left") throw new Error(JSON.stringify(r.left));
      while (running.seen().events < seen + a.events.length || !running.index().ready) await new Promise((resolve) => setTimeout(resolve, 20));
      const after = running.index();
      extended.push({ ms: performance.now() - t, indexMs: after.buildMs, how: after.how, extensions: after.extensions - before.extensions, builds: after.builds - before.builds, claims: a.claims, loop: loop() });
    }
  } finally {
    await running.close();
    await store.close();
  }
  return { figures, figuresApp, totals, bytes, index, extended, slim, slimBytes, slimAgain, figuresDuring, discrepancies, discrepancyBytes, fullReportBytes, viewsLoopMax };
};
const showSlider = (size, r) => {
  const n = size.toLocaleString("en-US");
  log(`slider: ${n} claims  GET /api/figures (a new pair, from the warm index)  p50 ${round(pct(r.figures, 50), 2)} ms  p99 ${round(pct(r.figures, 99), 2)} ms (${r.figures.length} samples; in the server p50 ${round(pct(r.figuresApp, 50), 2)} ms p99 ${round(pct(r.figuresApp, 99), 2)} ms)`);
  if (r.totals.length > 0) {
    const kb = (xs) => `${Math.round(median(xs) / 1024)} KB`;
    log(`slider: ${n} claims  GET /api/totals (a new pair, reconciled by the thread)  p50 ${round(pct(r.totals, 50))} ms  p99 ${round(pct(r.totals, 99))} ms (${r.totals.length} samples, ${kb(r.bytes)} each)`);
    log(`slider: ${n} claims  GET /api/report?slim=1 (another new pair)  p50 ${round(pct(r.slim, 50))} ms  max ${round(Math.max(...r.slim))} ms, ${kb(r.slimBytes)} (the whole report: ${kb(r.fullReportBytes)}); asked again ${round(pct(r.slimAgain, 50), 2)} ms; its discrepancies ${round(pct(r.discrepancies, 50))} ms, ${kb(r.discrepancyBytes)}`);
    log(`slider: ${n} claims  GET /api/figures while the thread reconciles  p50 ${round(pct(r.figuresDuring, 50), 2)} ms  p99 ${round(pct(r.figuresDuring, 99), 2)} ms  max ${round(Math.max(...r.figuresDuring), 2)} ms (${r.figuresDuring.length} samples); event loop held at most ${round(r.viewsLoopMax.maxMs)} ms (p99 ${round(r.viewsLoopMax.p99Ms)} ms) over these views`);
  }
  log(`slider: ${n} claims  warm index built in ${(r.index.buildMs / 1000).toFixed(1)} s (ready ${(r.index.sinceStartMs / 1000).toFixed(1)} s after the server started), ${r.index.rows} rows, ${Math.round(r.index.bytes / 2 ** 20)} MB of figures; RSS ${r.index.rssBeforeMB} MB before serving, ${r.index.rssMB} MB with the index; event loop held at most ${round(r.index.loop.maxMs)} ms meanwhile (p99 ${round(r.index.loop.p99Ms)} ms)`);
  for (const x of r.extended) log(`slider: ${n} claims  one more article (${x.claims} claims): index ${x.how} (${x.extensions} extension${x.extensions === 1 ? "" : "s"}, ${x.builds} build${x.builds === 1 ? "" : "s"}) in ${round(x.indexMs)} ms, ready ${round(x.ms)} ms after the append; event loop held at most ${round(x.loop.maxMs)} ms`);
};

// ------------------------------------------------------------------------------------------ cold processes
// A fresh `facts` process per question, end to end (node start, open, load the persisted projection beside
// the store, catch up, reconcile, print JSON), as a script of a data desk runs it.
const facts = join(root, "packages/cli/bin/facts.js");
const COLD_TIMEOUT_MS = Number(process.env.FACTS_BENCH_COLD_TIMEOUT_MS ?? 400_000);
// audit and timeline reconcile once per step of the total's history: known to take minutes already at 10k claims.
const AUDIT_TIMEOUT_MS = Number(process.env.FACTS_BENCH_AUDIT_TIMEOUT_MS ?? 120_000);
// The CPU time of each process too (user + system, from /usr/bin/time when there is one): on a shared
// machine the wall clock measures the neighbours as much as the engine.
const timeBin = ["/usr/bin/time"].find((x) => { try { return readFileSync(x).length > 0; } catch { return false; } }) ?? null;
const cpuTimes = new Map();
const factsRun = (argv, timeoutMs = COLD_TIMEOUT_MS) => {
  const cpuFile = join(tmp, "cpu.txt");
  const cmd = timeBin === null ? [process.execPath, facts, ...argv] : [timeBin, "-f", "%U %S", "-o", cpuFile, process.execPath, facts, ...argv];
  const t = performance.now();
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: tmp, encoding: "utf8", env: { ...process.env, FACTS_TODAY: "2026-01-01" }, timeout: timeoutMs, maxBuffer: 1 << 30 });
  const ms = performance.now() - t;
  if (r.error?.code === "ETIMEDOUT" || r.signal === "SIGTERM") return { ms: null, cpuMs: null, timedOut: true };
  if (r.status !== 0) throw new Error(`facts ${argv.join(" ")}: exit ${r.status}: ${r.stderr}`);
  let cpuMs = null;
  if (timeBin !== null) {
    const [u, sy] = readFileSync(cpuFile, "utf8").trim().split(/\s+/).slice(-2).map(Number);
    cpuMs = (u + sy) * 1000;
  }
  return { ms, cpuMs, stdout: r.stdout };
};
const projectionOf = (file) => file.replace(/\.db$/, "-read.db");
const dropProjection = (file) => {
  for (const x of ["", "-wal", "-shm"]) rmSync(projectionOf(file) + x, { force: true });
};
const dayPairs = (n, seed) => {
  const a = randomDays(n, seed), b = randomDays(n, seed + 1);
  return a.map((d, i) => (d <= b[i] ? [b[i], d] : [d, b[i]])); // known at the later day, counting through the earlier
};
/** Latencies of fresh processes; a run past the timeout is recorded as null (and stops that figure). */
const coldRuns = (argvs, timeoutMs) => {
  const lat = [];
  const cpu = [];
  for (const argv of argvs) {
    const r = factsRun(argv, timeoutMs);
    lat.push(r.ms);
    cpu.push(r.cpuMs);
    if (r.ms === null) break;
  }
  lat.cpu = cpu;
  return lat;
};
const cpuP50 = (lat) => (lat.cpu.some((x) => x === null) ? null : round(pct(lat.cpu, 50)));
// Once a question times out at one size it is not asked at the larger ones.
const timedOut = new Set();

// In one process, CPU time: the ledger from the projection at the head of the log, against a replay of the
// log; and one reconciliation, which every totals question pays on top of either.
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const inProcess = async (file, pairs) => {
  const { openLedgerProjection } = await import("@factledger/store-sqlite");
  const { PersistedLedger } = await import("@factledger/app");
  const loads = [], replays = [];
  let ledger = null;
  for (let r = 0; r < (pairs.length > 2 ? 3 : 1); r++) {
    let t = cpuNow();
    const store = openSqliteStore(file, { create: false }).right;
    const p = openLedgerProjection(projectionOf(file)).right;
    ledger = await PersistedLedger.current({ store, where: file, projection: p });
    loads.push(cpuNow() - t);
    p.close();
    t = cpuNow();
    (await readLedger(store)()).right;
    replays.push(cpuNow() - t);
    await store.close();
  }
  const t = cpuNow();
  Reconcile.report(Ledger.view(ledger, { knownAt: pairs[0][0] }), { through: pairs[0][1], parties: Reconcile.defaultParties });
  return { load: median(loads), replay: median(replays), reconcile: cpuNow() - t };
};
const p50 = (lat) => (lat.some((x) => x === null) ? null : pct(lat, 50));

// The floor of "just put it in a database": the claims as a plain SQLite table (one row per claim, no
// amendments, no reconciliation: sum of exact event figures known by D about days through D'), queried
// by a fresh process.
const sqlFloor = (ledger, pairs) => {
  const file = freshFile();
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.exec("CREATE TABLE claims (metric TEXT, direction TEXT, kind TEXT, value INTEGER, known_at TEXT, valid_to TEXT)");
  db.exec("CREATE INDEX claims_known ON claims (known_at)");
  const ins = db.prepare("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?)");
  db.transaction(() => {
    for (const c of ledger.claims.values()) ins.run(c.fields.metric, c.fields.direction, c.fields.kind, c.fields.value, c.knownAt, c.fields.validTo);
  })();
  db.close();
  const lat = [];
  for (const [k, d] of pairs) {
    const script = `import Database from "better-sqlite3"; const db = new Database(${JSON.stringify(file)}, { readonly: true });
      const rows = db.prepare("SELECT metric, direction, sum(value) AS best, count(*) AS claims FROM claims WHERE known_at <= ? AND (valid_to IS NULL OR valid_to <= ?) AND kind = 'event' GROUP BY metric, direction").all(${JSON.stringify(k)}, ${JSON.stringify(d)});
      process.stdout.write(JSON.stringify(rows));`;
    const t = performance.now();
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: join(root, "bench"), encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    lat.push(performance.now() - t);
  }
  cleanup(file);
  return lat;
};

/** A process that does nothing: what node itself costs before any work. */
const nodeStart = () => {
  const lat = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    spawnSync(process.execPath, ["-e", "0"]);
    lat.push(performance.now() - t);
  }
  return median(lat);
};

const coldFigures = async (file, size, ledger) => {
  const store = ["--store", file, "--json"];
  // Fewer fresh processes at the larger sizes, where one question takes minutes on a shared machine.
  const n = quick ? 2 : size >= 100_000 ? 2 : 5;
  const pairs = dayPairs(n, 23);
  // The first read after the log was written without a projection builds it from the log (a rebuild).
  dropProjection(file);
  const build = factsRun(["totals", "--known-at", pairs[0][0], "--through", pairs[0][1], ...store]);
  row({ name: "projectionBuild", claims: size, unit: "ms", ours: build.ms === null ? null : Math.round(build.ms), cpuMs: build.cpuMs, peer: null, floor: null });
  const ip = await inProcess(file, pairs);
  row({ name: "projectionLoad", claims: size, unit: "ms cpu", ours: Math.round(ip.load), peer: null, floor: Math.round(ip.replay), note: "floor column: the replay of the log it replaces" });
  row({ name: "reconcileOnce", claims: size, unit: "ms cpu", ours: Math.round(ip.reconcile), peer: null, floor: null });
  const ask = (name, argvs, timeoutMs = COLD_TIMEOUT_MS) => {
    if (timedOut.has(name)) return Object.assign([null], { cpu: [null], skipped: true });
    const lat = coldRuns(argvs, timeoutMs);
    if (lat.includes(null)) timedOut.add(name);
    return lat;
  };
  const totals = ask("coldTotals", pairs.map(([k, d]) => ["totals", "--known-at", k, "--through", d, ...store]));
  const floor = sqlFloor(ledger, pairs);
  row({ name: "coldTotals", claims: size, unit: "ms", stat: "p50", ours: round(p50(totals)), cpuMs: cpuP50(totals), peer: null, floor: round(median(floor)), samples: totals.length });
  // The same question answered the old way, folding the whole log (--position at the head forces it).
  const replayed = ask("coldTotalsReplay", pairs.slice(0, quick || size >= 100_000 ? 1 : 2).map(([k, d]) => ["totals", "--known-at", k, "--through", d, "--position", "999999999999", ...store]));
  row({ name: "coldTotalsReplay", claims: size, unit: "ms", stat: "p50", ours: round(p50(replayed)), cpuMs: cpuP50(replayed), peer: null, floor: null, samples: replayed.length });
  const disc = ask("coldDiscrepancies", pairs.slice(0, size >= 100_000 ? 1 : 2).map(([k, d]) => ["discrepancies", "--known-at", k, "--through", d, ...store]));
  row({ name: "coldDiscrepancies", claims: size, unit: "ms", stat: "p50", ours: round(p50(disc)), cpuMs: cpuP50(disc), peer: null, floor: null, samples: disc.length });
  const totalArgs = ["--metric", "prisoners_returned", "--direction", "to_ukraine", ...store];
  const audit = ask("coldAudit", [["audit", ...totalArgs]], AUDIT_TIMEOUT_MS);
  row({ name: "coldAudit", claims: size, unit: "ms", ours: audit[0] === null ? null : Math.round(audit[0]), cpuMs: audit.cpu[0], peer: null, floor: null, timedOut: audit[0] === null });
  const timeline = ask("coldTimeline", [["timeline", ...totalArgs]], AUDIT_TIMEOUT_MS);
  row({ name: "coldTimeline", claims: size, unit: "ms", ours: timeline[0] === null ? null : Math.round(timeline[0]), cpuMs: timeline.cpu[0], peer: null, floor: null, timedOut: timeline[0] === null });
  // One more article (a seed text the corpus does not have), then the question again: two processes.
  const ing = factsRun(["ingest", join(root, "seeds", "004_aed729b3b5d47801.txt"), ...store]);
  const after = ing.ms === null ? { ms: null, cpuMs: null } : factsRun(["totals", "--known-at", pairs[0][0], "--through", pairs[0][1], ...store]);
  const both = ing.ms === null || after.ms === null ? null : ing.ms + after.ms;
  row({ name: "ingestThenQuery", claims: size, unit: "ms", ours: both === null ? null : Math.round(both), peer: null, floor: null, ingestMs: ing.ms === null ? null : Math.round(ing.ms), queryMs: after.ms === null ? null : Math.round(after.ms), ingestCpuMs: ing.cpuMs, queryCpuMs: after.cpuMs });
  return { build: build.ms, buildCpu: build.cpuMs, load: ip.load, replay: ip.replay, reconcile: ip.reconcile, totals: p50(totals), totalsCpu: cpuP50(totals), floor: median(floor), replayed: p50(replayed), replayedCpu: cpuP50(replayed), disc: p50(disc), audit: audit[0], timeline: timeline[0], ingestThenQuery: both, ingestMs: ing.ms, queryMs: after.ms };
};

// ------------------------------------------------------------------------------------------ extraction
// The real articles of ../shared/corpus are read in place when present (never copied into the project).
const corpusDir = join(root, "..", "shared", "corpus", "dev", "articles");
const textsOf = (dirs) => dirs.flatMap((dir) => readdirSync(dir).filter((x) => x.endsWith(".txt")).map((f) => readFileSync(join(dir, f), "utf8")));
const extraction = (texts) => {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const runs = [];
  for (let r = 0; r < (quick ? 3 : 5); r++) {
    let n = 0, b = 0;
    const t = performance.now();
    while (performance.now() - t < (quick ? 500 : 2000)) {
      for (const text of texts) extract({ text, path: null, today: "2026-11-22", sidecars: [] });
      n += texts.length;
      b += bytes;
    }
    const s = (performance.now() - t) / 1000;
    runs.push({ mbps: b / 1024 / 1024 / s, aps: n / s });
  }
  return { mbps: median(runs.map((r) => r.mbps)), aps: median(runs.map((r) => r.aps)), articles: texts.length, bytes };
};

// ------------------------------------------------------------------------------------------ memory
// In a fresh process with Node's default heap limit: rebuild the persistent projections (the ledger fold and
// the warm totals index), optionally followed by a full reconciliation of everything known.
// maxRSS only grows, so one process gives both: the peak after the rebuild, then the peak after reconciling too.
// With `index` false, the process only replays before reconciling (the reconciliation's own peak, issue #12).
const peakRss = (file, index = true) => {
  const script = `
    import { Ledger, Reconcile, TotalsIndex } from "@factledger/core";
    import { readLedger } from "@factledger/store";
    import { openSqliteStore } from "@factledger/store-sqlite";
    const store = openSqliteStore(${JSON.stringify(file)}, { create: false }).right;
    const ledger = (await readLedger(store)()).right;
    if (${index}) TotalsIndex.build(ledger, Reconcile.defaultParties);
    const rebuilt = process.resourceUsage().maxRSS;
    Reconcile.report(Ledger.view(ledger, { knownAt: null }), { through: null, parties: Reconcile.defaultParties });
    process.stdout.write(JSON.stringify([rebuilt, process.resourceUsage().maxRSS]));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: join(root, "bench"), encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout).map((kb) => kb / 1024); // maxRSS is in KB
};

// ------------------------------------------------------------------------------------------ main
// ------------------------------------------------------------------------------------------ cli
// The CLI's large answers as a user runs them: a fresh `facts` process per command, stdout to /dev/null; wall
// time and the process's peak resident set (bench/rss.cjs). A run past --cli-timeout seconds (default 300) is
// killed and reported as not finished.
const cliTimeout = Number(args.find((a) => a.startsWith("--cli-timeout="))?.slice(14) ?? 300);
const cliCommands = [
  ["claims --json", ["claims", "--json"]],
  ["claims jsonl", ["claims", "--format", "jsonl"]],
  ["audit --json", ["audit", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--json"]],
  ["timeline --json", ["timeline", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--json"]],
];
const cliRun = (file, argv) => {
  const rssFile = join(tmp, "rss");
  rmSync(rssFile, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ["-r", join(root, "bench/rss.cjs"), join(root, "packages/cli/bin/facts.js"), ...argv, "--store", file], {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    timeout: cliTimeout * 1000,
    env: { ...process.env, FACTS_TODAY: "2026-11-22", BENCH_RSS_FILE: rssFile },
  });
  const s = (performance.now() - t) / 1000;
  if (r.error?.code === "ETIMEDOUT" || r.signal !== null) return { s: null, cpu: null, mb: null, note: `killed after ${cliTimeout} s` };
  if (r.status !== 0) return { s: null, cpu: null, mb: null, note: `exit ${r.status}: ${r.stderr.trim().split("\n")[0]}` };
  const [kb, cpuMicros] = readFileSync(rssFile, "utf8").split(" ").map(Number);
  return { s, cpu: cpuMicros / 1e6, mb: kb / 1024, note: null };
};
const cliBench = (file, size) => {
  for (const [name, argv] of cliCommands) {
    const x = cliRun(file, argv);
    row({ name: `cli ${name}`, claims: size, unit: "s", ours: x.s === null ? null : round(x.s, 2), peer: null, floor: null, note: x.note });
    // CPU seconds (user + system) say more than wall time on a machine shared with other work.
    row({ name: `cli ${name} cpu`, claims: size, unit: "s", ours: x.cpu === null ? null : round(x.cpu, 2), peer: null, floor: null, note: x.note });
    row({ name: `cli ${name} peak`, claims: size, unit: "MB", ours: x.mb === null ? null : Math.round(x.mb), peer: null, floor: null, note: x.note });
  }
};

const growth = [];
// Extraction first, while the heap is small: later sizes hold a million-claim corpus in memory.
const ex = extraction(textsOf(["seeds", "test/gold/extra", "test/gold/heldout"].map((d) => join(root, d))));
let exCorpus = null;
try {
  exCorpus = extraction(textsOf([corpusDir]));
} catch {
  log(`extraction on the dev corpus skipped: ${corpusDir} is not readable`);
}
if (only === "extraction") {
  log(`extraction: seeds and test articles ${round(ex.mbps, 2)} MB/s (${ex.articles} texts, ${ex.bytes} bytes)`);
  if (exCorpus !== null) log(`extraction: dev corpus ${round(exCorpus.mbps, 2)} MB/s (${exCorpus.articles} texts, ${exCorpus.bytes} bytes)`);
  process.exit(0);
}
if (only === "web") {
  for (const size of sizes) {
    // The corpus is not kept: the server's heap is then its own (its collections are part of what is timed).
    // The last three articles are held back and appended while the server runs (the index follows them).
    const corpus = [...articles(size, 42)];
    const later = corpus.splice(-3);
    const { file } = await appendOurs(corpus, 64);
    corpus.length = 0;
    global.gc?.();
    log(`slider: ${size.toLocaleString("en-US")} claims stored; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} on ${machine.cores} cores`);
    showSlider(size, await sliderApi(file, dayPairs(500, 13), { totalsPairs: size >= 1_000_000 ? 0 : 3, later }));
    log(`slider: load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} when done`);
    cleanup(file);
  }
  process.exit(0);
}
if (only === "reconcile") {
  // The reconciliation's figures alone (issue #12's targets): per size, one pipelined load of the store, a replay with a
  // full reconciliation of everything known (in this process), the peak RSS of a fresh process that replays and then
  // reconciles everything, and the warm index's build and as-of latencies (in this process); the figures replace the
  // reconcile section of docs/benchmarks.md.
  const load = os.loadavg()[0];
  log(`factledger bench (reconcile only): sizes ${sizes.join(", ")}; load average ${load.toFixed(1)} on ${machine.cores} cores`);
  const rec = [];
  for (const size of sizes) {
    log(`\n== ${size.toLocaleString("en-US")} claims: generating corpus and store`);
    const corpus = [...articles(size, 42)];
    const events = corpus.reduce((n, a) => n + a.events.length, 0);
    const x = await appendOurs(corpus, 64);
    corpus.length = 0;
    const r = await replayOurs(x.file);
    row({ name: "replay", claims: size, events, unit: "ms", ours: Math.round(r.ms), peer: null, floor: null });
    row({ name: "reconcile", claims: size, events, unit: "ms", ours: Math.round(r.reconcileMs), peer: null, floor: null });
    log(`  (peak RSS of a fresh process replaying and reconciling: measuring)`);
    const [replayed, reconciled] = peakRss(x.file, false);
    row({ name: "peakRssReplayed", claims: size, unit: "MB", ours: Math.round(replayed), peer: null, floor: null });
    row({ name: "peakRssReconciled", claims: size, unit: "MB", ours: Math.round(reconciled), peer: null, floor: null });
    const warm = asOfWarm(r.ledger, randomDays(1000, 11));
    row({ name: "indexBuild", claims: size, unit: "ms", ours: Math.round(warm.buildMs), peer: null, floor: null });
    row({ name: "asOfWarm", claims: size, unit: "ms", stat: "p50", ours: round(pct(warm.lat, 50), 4), peer: null, floor: null, samples: warm.lat.length });
    row({ name: "asOfWarm", claims: size, unit: "ms", stat: "p99", ours: round(pct(warm.lat, 99), 4), peer: null, floor: null, samples: warm.lat.length });
    rec.push({ size, events, replayMs: r.ms, reconcileMs: r.reconcileMs, totals: r.totals, buildMs: warm.buildMs, warmP50: pct(warm.lat, 50), warmP99: pct(warm.lat, 99), rows: warm.index.size(), replayed, reconciled, rssInProcess: process.resourceUsage().maxRSS / 1024 });
    cleanup(x.file);
    dropProjection(x.file);
  }
  rmSync(tmp, { recursive: true, force: true });
  if (json) process.stdout.write(JSON.stringify({ machine, loadAverage: load, results }, null, 2) + "\n");
  else if (!quick) {
    writeSection("reconcile", reconcileSection(rec, load));
    log("\nwrote the reconcile section of docs/benchmarks.md");
  }
  process.exit(0);
}
if (only === "cold") {
  // The cold-process figures alone (issue #15): each size's store is written with pipelined appends, then
  // questioned by fresh `facts` processes; the figures replace the cold section of docs/benchmarks.md.
  const load = os.loadavg()[0];
  log(`factledger bench (cold only): sizes ${sizes.join(", ")}; load average ${load.toFixed(1)} on ${machine.cores} cores`);
  const cold = [];
  for (const size of sizes) {
    log(`\n== ${size.toLocaleString("en-US")} claims: generating corpus and store`);
    const corpus = [...articles(size, 42)];
    const x = await appendOurs(corpus, 64);
    corpus.length = 0;
    const { ledger } = await replayOurs(x.file);
    log(`  (node itself starts in ${Math.round(nodeStart())} ms)`);
    cold.push({ size, ...(await coldFigures(x.file, size, ledger)) });
    cleanup(x.file);
    dropProjection(x.file);
  }
  rmSync(tmp, { recursive: true, force: true });
  if (json) process.stdout.write(JSON.stringify({ machine, loadAverage: load, results }, null, 2) + "\n");
  else if (!quick) {
    writeColdSection(cold, load);
    log("\nwrote the cold section of docs/benchmarks.md");
  }
  process.exit(0);
}
log(`factledger bench (${quick ? "quick" : "full"}): sizes ${sizes.join(", ")}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, node ${machine.node}`);
for (const size of sizes) {
  log(`\n== ${size.toLocaleString("en-US")} claims: generating corpus`);
  const corpus = [...articles(size, 42)];
  const events = corpus.reduce((n, a) => n + a.events.length, 0);
  if (only === "cli") {
    // Only the CLI's figures: one pipelined load of the store, then the commands.
    const x = await appendOurs(corpus, 64);
    corpus.length = 0;
    cliBench(x.file, size);
    cleanup(x.file);
    continue;
  }
  // Several runs per figure, except at 1,000,000 claims, where one run each keeps the full benchmark under 10 minutes.
  const runs = quick ? 2 : size >= 1_000_000 ? 1 : size >= 100_000 ? 3 : 5;

  const ours = [];
  let file = null;
  for (let r = 0; r < runs; r++) {
    const x = await appendOurs(corpus);
    ours.push(x.ms);
    if (file === null) file = x.file;
    else cleanup(x.file);
  }
  const floor = [];
  for (let r = 0; r < runs; r++) floor.push(appendFloor(corpus));
  // Emmett's SQLite store is far slower; it runs on every size in quick mode and up to 100k in full mode.
  const peer = quick || size <= 100_000 ? appendPeer(size, size >= 100_000 ? 1 : runs) : null;
  const eps = (ms) => events / (ms / 1000);
  row({ name: "append", claims: size, events, unit: "events/s", ours: Math.round(eps(median(ours))), peer: peer === null ? null : Math.round(peer), floor: Math.round(eps(median(floor))) });
  const piped = [];
  for (let r = 0; r < runs; r++) {
    const x = await appendOurs(corpus, 64);
    piped.push(x.ms);
    cleanup(x.file);
  }
  // Emmett's SQLite store cannot take overlapping appends on one store: with 64 in flight it fails inside
  // the library ("SQLITE_BUSY: cannot commit transaction - SQL statements in progress", an unhandled
  // rejection that ends the process), so it has no pipelined figure.
  row({ name: "appendPipelined", claims: size, events, unit: "events/s", ours: Math.round(eps(median(piped))), peer: null, floor: Math.round(eps(median(floor))) });

  const rep = [];
  const repAll = [];
  let ledger = null;
  for (let r = 0; r < runs; r++) {
    const x = await replayOurs(file);
    rep.push(x.ms);
    repAll.push(x.ms + x.reconcileMs);
    ledger = x.ledger;
  }
  const repFloor = [];
  for (let r = 0; r < runs; r++) repFloor.push(replayFloor(file).ms);
  row({ name: "replay", claims: size, events, unit: "events/s", ours: Math.round(eps(median(rep))), peer: null, floor: Math.round(eps(median(repFloor))) });
  row({ name: "replayReconciled", claims: size, events, unit: "events/s", ours: Math.round(eps(median(repAll))), peer: null, floor: Math.round(eps(median(repFloor))) });

  const cold = await asOfCold(file, randomDays(quick ? 3 : size >= 1_000_000 ? 3 : 10, 7));
  row({ name: "asOfCold", claims: size, unit: "ms", stat: "p50", ours: round(pct(cold, 50)), peer: null, floor: null, samples: cold.length });
  row({ name: "asOfCold", claims: size, unit: "ms", stat: "p99", ours: round(pct(cold, 99)), peer: null, floor: null, samples: cold.length });
  const slider = await sliderApi(file, dayPairs(quick ? 20 : 200, 13), { totalsPairs: quick || size >= 1_000_000 ? 0 : 3 });
  showSlider(size, slider);
  row({ name: "sliderApi", claims: size, unit: "ms", stat: "p50", ours: round(pct(slider.figures, 50), 2), peer: null, floor: null, samples: slider.figures.length });
  row({ name: "sliderApi", claims: size, unit: "ms", stat: "p99", ours: round(pct(slider.figures, 99), 2), peer: null, floor: null, samples: slider.figures.length });
  row({ name: "sliderIndexBuild", claims: size, unit: "ms", ours: Math.round(slider.index.buildMs), peer: null, floor: null });
  const warm = asOfWarm(ledger, randomDays(1000, 11));
  row({ name: "asOfWarm", claims: size, unit: "ms", stat: "p50", ours: round(pct(warm.lat, 50), 4), peer: null, floor: null, samples: warm.lat.length });
  row({ name: "asOfWarm", claims: size, unit: "ms", stat: "p99", ours: round(pct(warm.lat, 99), 4), peer: null, floor: null, samples: warm.lat.length });
  row({ name: "indexBuild", claims: size, unit: "ms", ours: Math.round(warm.buildMs), peer: null, floor: null });
  log(`  (fresh facts processes over the store: node itself starts in ${Math.round(nodeStart())} ms)`);
  const c = await coldFigures(file, size, ledger);
  ledger = null;
  cliBench(file, size);
  growth.push({ size, appendMs: median(ours), replayMs: median(rep), reconciledMs: median(repAll), coldP50: pct(cold, 50), warmP50: pct(warm.lat, 50), ...c });

  if (size === sizes.at(-1)) {
    const [rebuilt, reconciled] = peakRss(file);
    row({ name: "peakRss", claims: size, unit: "MB", ours: Math.round(rebuilt), peer: null, floor: null });
    row({ name: "peakRssReconciled", claims: size, unit: "MB", ours: Math.round(reconciled), peer: null, floor: null });
  }
  cleanup(file);
  dropProjection(file);
}
row({ name: "extraction", claims: null, unit: "MB/s", ours: round(ex.mbps, 2), peer: null, floor: null, articlesPerSecond: Math.round(ex.aps) });
if (exCorpus !== null) row({ name: "extractionCorpus", claims: null, unit: "MB/s", ours: round(exCorpus.mbps, 2), peer: null, floor: null, articlesPerSecond: Math.round(exCorpus.aps) });
rmSync(tmp, { recursive: true, force: true });

const out = { machine, results, peerFailures };
if (json) process.stdout.write(JSON.stringify(out, null, 2) + "\n");
else {
  const get = (name, claims, stat) => results.find((r) => r.name === name && r.claims === claims && (stat === undefined || r.stat === stat));
  const lines = [];
  lines.push("| figure | claims | unit | ours | peer (Emmett SQLite) | floor | ours/peer | ours/floor |", "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results)
    lines.push(`| ${r.name}${r.stat ? ` ${r.stat}` : ""} | ${r.claims?.toLocaleString("en-US") ?? "-"} | ${r.unit} | ${r.ours?.toLocaleString("en-US") ?? (r.note ? `not measured: ${r.note}` : "timed out")} | ${r.peer?.toLocaleString("en-US") ?? "-"} | ${r.floor?.toLocaleString("en-US") ?? "-"} | ${r.peer ? (r.ours / r.peer).toFixed(2) + "×" : "-"} | ${r.floor ? (r.ours / r.floor).toFixed(2) + "×" : "-"} |`);
  console.log(lines.join("\n"));
  if (!quick && only === null) {
    const big = sizes.at(-1);
    const md = [
      "# Benchmarks",
      "",
      `Written by \`pnpm bench\` on ${machine.date}; every figure below was measured in that one run: the median of 5 runs at 10,000 claims and 3 at 100,000, a single run at 1,000,000 (to stay under 10 minutes); as-of latencies are percentiles over 1,000 warm queries, and 10, 10 and 3 cold ones. Re-run it to refresh this file; \`pnpm bench --quick\` checks the script in under a minute without writing here, and \`pnpm bench --json\` prints the figures as JSON.`,
      "",
      `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}, ${machine.platform}.`,
      "",
      "Corpus: `bench/corpus.mjs`, seeded: articles of 1–15 claims (mean 8) over three years, 7 metrics, both directions and each_side, qualifiers, 5% undisclosed, 20 outlets, 10% wire copies, 10% conflicting versions. An event is an ArticleRecorded or a ClaimReported (about 1.1 events per claim).",
      "",
      "## Figures",
      "",
      ...lines,
      "",
      "- **appendPipelined**: the same appends with up to 64 in flight (a pipelined ingester); the embedded store commits appends issued together in one transaction, each in its own savepoint (group commit: every article still atomic and validated on its own). Emmett's store fails inside the library when appends overlap (SQLITE_BUSY, observed), so it has no figure here.",
      "- **append**: one atomic append per article, each awaited before the next (`appendToStream(..., NoStream)`) into the embedded store; peer: Emmett's SQLite event store (`@event-driven-io/emmett-sqlite` 0.38.5, the newest installable: 0.42.4 depends on an unpublished emmett 0.42.4), same events, one append per article with `STREAM_DOES_NOT_EXIST`; floor: plain better-sqlite3 inserts of the same rows (JSON-serialised) in one transaction, with the same SQLite settings as the store (WAL, synchronous NORMAL, 64 MB cache, checkpoint every 10,000 pages).",
      "- **replay**: rebuild the ledger projection from the embedded store (read every event, decode it with its io-ts codec, fold it); **replayReconciled**: the same plus a full reconciliation of everything known (every slot, total, agreement and discrepancy); floor: read the same rows and parse their JSON, nothing else.",
      "- **asOfCold**: `totals` known at a random day from the log (open, replay, reconcile). **asOfWarm**: the same query from the warm index (`TotalsIndex`, built once: see indexBuild), over 1,000 random days.",
      "- **extraction**: `extract()` on the seeds and the test articles (13 texts), repeated.",
      `- **cli …**: the command as a user runs it, \`facts <command> --store <that store>\` in a fresh process with stdout to /dev/null (one run per size): wall seconds, CPU seconds (user + system, **cpu**), and (**peak**) the process's maximum resident set; audit and timeline of prisoners_returned to_ukraine. A run past ${cliTimeout} s is killed and shown as not measured.`,
      "- **peakRss**: maximum resident set of a fresh process (Node's default heap limit) that rebuilds the persistent projections: replays the store into the ledger and builds the warm totals index. **peakRssReconciled**: the same process followed by a full reconciliation of everything known.",
      "",
      "## Targets (issue #7), as measured in this run",
      "",
      ...targets(get, big),
      "",
      ...(peerFailures.length > 0 ? ["Emmett's store failed in this run at: " + peerFailures.map((f) => `${f.claims.toLocaleString("en-US")} claims (${f.error})`).join("; ") + ".", ""] : []),
      ...coldSection(growth, os.loadavg()[0], "pnpm bench"),
      "",
      "## How cost grows",
      "",
      "| claims | append (ms) | replay (ms) | replay + reconcile (ms) | cold as-of p50 (ms) | warm as-of p50 (ms) |",
      "| ---: | ---: | ---: | ---: | ---: | ---: |",
      ...growth.map((g) => `| ${g.size.toLocaleString("en-US")} | ${Math.round(g.appendMs).toLocaleString("en-US")} | ${Math.round(g.replayMs).toLocaleString("en-US")} | ${Math.round(g.reconciledMs).toLocaleString("en-US")} | ${Math.round(g.coldP50).toLocaleString("en-US")} | ${g.warmP50.toFixed(4)} |`),
      "",
      readFileSync(join(root, "bench/NOTES.md"), "utf8").trim(),
    ];
    md.splice(md.indexOf("## Figures"), 0, `The whole run took ${Math.round((performance.now() - started) / 1000)} s.`, "");
    writeFileSync(join(root, "docs/benchmarks.md"), md.join("\n") + "\n");
    log("\nwrote docs/benchmarks.md");
  }
}

function targets(get, big) {
  const a = get("append", big), a100 = get("append", 100_000) ?? get("append", sizes[0]), r = get("replay", big), w = get("asOfWarm", big, "p50"), e = get("extraction", null), m = get("peakRss", big);
  const ok = (b) => (b ? "met" : "**missed**");
  return [
    "| target | measured | |",
    "| --- | --- | --- |",
    `| append ≥ 3× Emmett's SQLite store | ${a100?.peer ? (a100.ours / a100.peer).toFixed(1) + "× at " + a100.claims.toLocaleString("en-US") + " claims" : "n/a"} | ${a100?.peer ? ok(a100.ours / a100.peer >= 3) : ""} |`,
    `| append ≥ 0.5× the floor | ${(a.ours / a.floor).toFixed(2)}× at ${big.toLocaleString("en-US")} | ${ok(a.ours / a.floor >= 0.5)} |`,
    `| replay ≥ 0.5× the floor | ${(r.ours / r.floor).toFixed(2)}× at ${big.toLocaleString("en-US")} (with a full reconciliation: ${(get("replayReconciled", big).ours / r.floor).toFixed(2)}×) | ${ok(r.ours / r.floor >= 0.5)} |`,
    `| warm as-of ≤ 5 ms p50 at 1,000,000 claims | ${w.ours} ms at ${big.toLocaleString("en-US")} | ${ok(w.ours <= 5 && big >= 1_000_000)} |`,
    `| extraction ≥ 1 MB/s | ${e.ours} MB/s (seeds and test articles)${exCorpus === null ? "" : `; ${round(exCorpus.mbps, 2)} MB/s (the 120 real articles of the dev corpus)`} | ${ok(e.ours >= 1 && (exCorpus === null || exCorpus.mbps >= 1))} |`,
    `| peak RSS ≤ 1.5 GB at 1,000,000 claims | ${m.ours} MB at ${big.toLocaleString("en-US")} | ${ok(m.ours <= 1536 && big >= 1_000_000)} |`,
  ];
}

/** The cold-process table, between its markers in docs/benchmarks.md (the rest of the file is the last full run's). */
function coldSection(cold, load, how = "pnpm bench --only=cold") {
  const ms = (x) => (x === null || x === undefined ? "timed out" : Math.round(x).toLocaleString("en-US"));
  const get = (name, claims) => results.find((r) => r.name === name && r.claims === claims);
  return [
    "<!-- cold:start -->",
    "## Fresh processes over a persisted projection (issue #15)",
    "",
    `Measured by \`${how}\` on ${machine.date} (load average ${load.toFixed(1)} on ${machine.cores} cores when it started: the machine was shared, so every figure here is slower than on an idle machine). Each figure is a fresh \`facts\` process, end to end (node start, open the store and its projection \`x-read.db\`, load, catch up, reconcile, print JSON); timeout ${COLD_TIMEOUT_MS / 1000} s per process (${AUDIT_TIMEOUT_MS / 1000} s for audit and timeline; a question that timed out is not asked at the larger sizes). CPU times are user + system of the process, from /usr/bin/time.`,
    "",
    "| claims | projection build (ms) | coldTotals p50 (ms, cpu) | SQL floor p50 (ms) | coldTotalsReplay (ms, cpu) | coldDiscrepancies p50 (ms) | coldAudit (ms) | coldTimeline (ms) | ingestThenQuery (ms) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...cold.map((c) => `| ${c.size.toLocaleString("en-US")} | ${ms(c.build)} | ${ms(c.totals)} (${ms(c.totalsCpu)}) | ${ms(c.floor)} | ${ms(c.replayed)} (${ms(c.replayedCpu)}) | ${ms(c.disc)} | ${ms(c.audit)} | ${ms(c.timeline)} | ${ms(c.ingestThenQuery)} (ingest ${ms(c.ingestMs)} + query ${ms(c.queryMs)}) |`),
    "",
    "In one process, CPU time (less sensitive to the neighbours than the wall clock):",
    "",
    "| claims | ledger from the projection (ms cpu) | ledger by replaying the log (ms cpu) | projection / replay | one reconciliation of the view (ms cpu) |",
    "| ---: | ---: | ---: | ---: | ---: |",
    ...cold.map((c) => `| ${c.size.toLocaleString("en-US")} | ${ms(c.load)} | ${ms(c.replay)} | ${(c.load / c.replay).toFixed(2)}× | ${ms(c.reconcile)} |`),
    "",
    "- **projection build**: the first `facts totals` on a store that has no projection yet: it folds the whole log and writes the projection.",
    "- **coldTotals**: `facts totals --known-at D --through D'` over random pairs of days, the projection current. **SQL floor**: the same question put to a plain SQLite table of the claims by a fresh process (a sum of event figures known by D about days through D': no amendments, no versions, no reconciliation), the floor of \"just put it in a database\".",
    "- **coldTotalsReplay**: the same question answered by folding the whole log (`--position` at the head), as every read did before the projection.",
    "- **coldAudit**, **coldTimeline**: `--metric prisoners_returned --direction to_ukraine`, everything known.",
    "- **ingestThenQuery**: `facts ingest` of one more article (a seed text), then `facts totals`: two processes.",
    "<!-- cold:end -->",
  ];
}
function writeColdSection(cold, load) {
  writeSection("cold", coldSection(cold, load));
}
/** Replaces the section between `<!-- NAME:start -->` and `<!-- NAME:end -->` of docs/benchmarks.md (the lines given carry the markers), or adds it before "What was profiled and fixed". */
function writeSection(name, lines) {
  const path = join(root, "docs/benchmarks.md");
  const doc = readFileSync(path, "utf8");
  const section = lines.join("\n");
  const open = `<!-- ${name}:start -->`, close = `<!-- ${name}:end -->`;
  const start = doc.indexOf(open), end = doc.indexOf(close);
  const next = start >= 0 && end > start ? doc.slice(0, start) + section + doc.slice(end + close.length) : doc.replace("## What was profiled and fixed", `${section}\n\n## What was profiled and fixed`);
  writeFileSync(path, next);
}
/** The reconciliation's table (issue #12's targets), between its markers. */
function reconcileSection(rec, load) {
  const n = (x) => Math.round(x).toLocaleString("en-US");
  const big = rec.at(-1);
  const ok = (b) => (b ? "met" : "**missed**");
  return [
    "<!-- reconcile:start -->",
    "## Reconciliation v2 at scale (issue #12)",
    "",
    `Measured by \`pnpm bench --only=reconcile --sizes=${rec.map((r) => r.size).join(",")}\` on ${machine.date} (load average ${load.toFixed(1)} on ${machine.cores} cores when it started), one run per size, on the seeded corpus above written with pipelined appends. **replay**: read, decode and fold the log into the ledger; **reconcile**: one \`Reconcile.report\` of everything known in the same process (every slot, total, agreement and discrepancy: the first of the process, so it includes compiling the code); **index build** and **warm as-of**: the warm totals index (\`TotalsIndex\`) built in the same process, then 1,000 random days asked of it, and the rows it keeps; **peak RSS**: the maximum resident set of a fresh process (Node's default heap limit) that replays the store, then the same process after a full reconciliation of everything known; **bench RSS**: the bench process's own peak so far (it holds the generated corpus, the ledger and the index).`,
    "",
    "| claims | events | replay (ms) | reconcile (ms) | totals | index build (ms) | index rows (MB) | warm as-of p50 / p99 (ms) | peak RSS replayed / reconciled (MB) | bench RSS (MB) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rec.map((r) => `| ${n(r.size)} | ${n(r.events)} | ${n(r.replayMs)} | ${n(r.reconcileMs)} | ${r.totals} | ${n(r.buildMs)} | ${n(r.rows.rows)} (${n(r.rows.bytes / 2 ** 20)}) | ${r.warmP50.toFixed(4)} / ${r.warmP99.toFixed(4)} | ${n(r.replayed)} / ${n(r.reconciled)} | ${n(r.rssInProcess)} |`),
    "",
    "| target (issue #12) | measured | |",
    "| --- | --- | --- |",
    `| warm as-of ≤ 5 ms p50 at 1,000,000 claims | ${big.warmP50.toFixed(4)} ms at ${n(big.size)} | ${ok(big.warmP50 <= 5 && big.size >= 1_000_000)} |`,
    `| a full reconciliation at 1,000,000 claims under 1.5 GB peak RSS (1,536 MB) | ${n(big.reconciled)} MB at ${n(big.size)} | ${ok(big.reconciled < 1536 && big.size >= 1_000_000)} |`,
    "<!-- reconcile:end -->",
  ];
}
