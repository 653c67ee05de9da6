// The write paths the crash harness kills: ingest, re-extraction, analyst actions, `follow`, `migrate`
// and `import`, each with its starting store, its invariants after a kill and its final-state fingerprint.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Ledger, Reconcile } from "@factledger/core";
import { ExpectedRevision, readLedger } from "@factledger/store";
import type { StoredEvent } from "@factledger/store";
import { openReadModel, openSqliteStore } from "@factledger/store-sqlite";
import { facts, seeds } from "../cli.ts";
import { copyStore, removeStore } from "./Crash.ts";
import type { Scenario } from "./Crash.ts";
import { articleFiles, rows, violations } from "./Log.ts";
import type { Row } from "./Log.ts";

const DAY = "2026-11-22";

/** A store of `files`, ingested once by an uninterrupted run. */
export const ingested = (path: string, files: readonly string[]): string => {
  removeStore(path);
  const r = facts(["ingest", ...files, "--store", path]);
  if (r.code !== 0) throw new Error(`setting up ${path}: ${r.stderr}`);
  return path;
};

const logState = async (path: string): Promise<string> => (existsSync(path) ? JSON.stringify(await rows(path)) : "[]");

/** The articles the crash scenarios write: the seeds and the first 10 corpus articles (a run of about 0.4 s). */
const crashFiles = (): string[] => articleFiles().slice(0, 15);

/** `facts ingest` of the crash articles into an empty store. */
export const ingestScenario = (dir: string): Scenario => {
  const store = join(dir, "ingest.db");
  return {
    name: "ingest",
    reset: () => removeStore(store),
    commands: [["ingest", ...crashFiles(), "--store", store]],
    check: async (ref) => (existsSync(store) ? violations(store, JSON.parse(ref) as Row[]) : []),
    state: () => logState(store),
    wal: `${store}-wal`,
  };
};

/**
 * `facts reextract` of a store whose articles an older extractor read: the ingested store with its
 * extractor version, claim ids and claim event ids rewritten, as the previous release left them.
 */
export const reextractScenario = (dir: string): Scenario => {
  const old = join(dir, "old-extractor.db");
  ingested(old, crashFiles());
  const s = openSqliteStore(old, { create: false });
  if (E.isLeft(s)) throw new Error(s.left._tag);
  s.right.db.exec(`
    UPDATE events SET data = json_set(data, '$.extractor.version', '0.9.0') WHERE type = 'ArticleRecorded';
    UPDATE events SET event_id = 'old-' || event_id,
      data = json_set(data, '$.extractor.version', '0.9.0', '$.claimId', 'old-' || json_extract(data, '$.claimId'), '$.claim.id', 'old-' || json_extract(data, '$.claim.id'))
      WHERE type = 'ClaimReported';`);
  s.right.db.close();
  const store = join(dir, "reextract.db");
  return {
    name: "reextract",
    reset: () => copyStore(old, store),
    commands: [["reextract", "--store", store]],
    check: (ref) => violations(store, JSON.parse(ref) as Row[]),
    state: () => logState(store),
    wal: `${store}-wal`,
  };
};

/** The reconciled report of a store, computed in process (what `facts totals` prints, as data). */
const reportOf = async (path: string): Promise<unknown> => {
  const s = openSqliteStore(path, { create: false });
  if (E.isLeft(s)) throw new Error(s.left._tag);
  try {
    const l = await readLedger(s.right)();
    if (E.isLeft(l)) throw new Error(l.left._tag);
    const view = Ledger.view(l.right, { knownAt: DAY });
    return { claims: view.map((c) => [c.claimId, c.fields]).sort(), report: Reconcile.report(view, { through: DAY, since: null, parties: Reconcile.defaultParties }) };
  } finally {
    await s.right.close();
  }
};

/**
 * A sequence of analyst actions (correct, reject, add-claim, link, unlink) on the seed store. Their
 * event ids are random, so analyst events are compared without them; everything else, and the
 * reconciled report with each claim's amendment days, must be as after an uninterrupted sequence.
 */
export const analystScenario = (dir: string): Scenario => {
  const base = ingested(join(dir, "analyst-base.db"), [seeds]);
  const claims = facts(["claims", "--store", base, "--json"]).json().claims as Array<{ id: string }>;
  const [c0, c1, c2] = [claims[0]!.id, claims[1]!.id, claims[2]!.id];
  const store = join(dir, "analyst.db");
  const on = (...a: string[]) => [...a, "--analyst", "ana", "--store", store];
  return {
    name: "analyst actions",
    reset: () => copyStore(base, store),
    commands: [
      on("correct", c0, "--value", "301", "--reason", "briefing"),
      on("reject", c1, "--reason", "misread"),
      on("add-claim", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--kind", "event", "--value", "303", "--valid-from", "2025-05-25", "--valid-to", "2025-05-25", "--attributed-to", "Coordination Headquarters", "--reason", "briefing"),
      on("link", c2, "--agreed-on", "2025-05-16", "--reason", "same deal"),
      on("unlink", c2, "--reason", "another deal"),
      on("correct", c0, "--qualifier", "about", "--reason", "rounded"),
    ],
    check: () => violations(store),
    state: async () => {
      const log = (await rows(store)).map((r) => (r.stream.startsWith("analyst-") && r.type !== "ClaimReported" ? { ...r, eventId: "(random)" } : r));
      return JSON.stringify({ log, report: await reportOf(store) });
    },
    wal: `${store}-wal`,
  };
};

/** The rows of a read model and its checkpoint, in a fixed order. */
const readModelState = (path: string): string => {
  if (!existsSync(path)) return "(no read model)";
  const rm = openReadModel(path);
  if (E.isLeft(rm)) return `(read model does not open: ${rm.left._tag})`;
  const cp = rm.right.checkpoint();
  const sorted = <V>(m: Map<string, V>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
  const out = JSON.stringify({ checkpoint: cp === null ? null : String(cp.commit), events: rm.right.ledger.events, articles: sorted(rm.right.ledger.articles), claims: sorted(rm.right.ledger.claims), amendments: sorted(rm.right.ledger.amendments) });
  rm.right.close();
  return out;
};

/** `facts follow --once` building a read model in its own file from the ingested store. */
export const followScenario = (dir: string): Scenario => {
  const source = ingested(join(dir, "follow-source.db"), crashFiles());
  const model = join(dir, "follow-model.db");
  return {
    name: "follow",
    reset: () => removeStore(model),
    commands: [["follow", "--once", "--store", source, "--read-model", model]],
    // After any kill the read model is exactly the fold of the log up to its checkpoint.
    check: async () => {
      if (!existsSync(model)) return [];
      const rm = openReadModel(model);
      if (E.isLeft(rm)) return [`the read model does not open: ${rm.left._tag}`];
      const cp = rm.right.checkpoint();
      const sorted = <V>(m: Map<string, V>) => JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
      const mine = [sorted(rm.right.ledger.articles), sorted(rm.right.ledger.claims), sorted(rm.right.ledger.amendments), rm.right.ledger.events];
      rm.right.close();
      const s = openSqliteStore(source, { create: false });
      if (E.isLeft(s)) return [`the source does not open: ${s.left._tag}`];
      const l = cp === null ? E.right(Ledger.initial()) : await readLedger(s.right, { until: cp })();
      await s.right.close();
      if (E.isLeft(l)) return [`the source does not read: ${l.left._tag}`];
      const folded = JSON.parse(JSON.stringify([sorted(l.right.articles), sorted(l.right.claims), sorted(l.right.amendments), l.right.events]));
      return JSON.stringify(mine) === JSON.stringify(folded) ? [] : [`the read model is not the fold of the log up to its checkpoint ${cp?.commit ?? "none"}`];
    },
    state: async () => readModelState(model),
    wal: `${model}-wal`,
  };
};

/** `facts migrate` of the ingested store into a new embedded store. */
export const migrateScenario = (dir: string): Scenario => {
  const base = ingested(join(dir, "migrate-base.db"), crashFiles());
  const source = join(dir, "migrate-source.db");
  const target = join(dir, "migrate-target.db");
  return {
    name: "migrate",
    reset: () => {
      copyStore(base, source);
      removeStore(target);
    },
    commands: [["migrate", "--from", source, "--to", target]],
    check: async (ref) => (existsSync(target) ? violations(target, JSON.parse(ref) as Row[]) : []),
    state: () => logState(target),
    wal: `${target}-wal`,
  };
};

/**
 * A store of all the articles (about 530 events with the corpus), then 7 copies of each stream under other
 * names and ids (about 4,300 events, 8 MB): an import's transaction or an export's writing is then a fair
 * part of the command's run (about 0.2 of 0.7 s), so that kills land in it and not only in the start.
 */
const largeLog = async (path: string): Promise<string> => {
  const base = ingested(path, articleFiles());
  const b = openSqliteStore(base, { create: false });
  if (E.isLeft(b)) throw new Error(b.left._tag);
  const all = await b.right.readAll("start", 1e9)();
  if (E.isLeft(all)) throw new Error(all.left._tag);
  const byStream = new Map<string, StoredEvent[]>();
  for (const ev of all.right) byStream.set(ev.streamId, [...(byStream.get(ev.streamId) ?? []), ev]);
  for (let k = 1; k <= 7; k++) {
    const appended = await Promise.all(
      [...byStream].map(([stream, events]) =>
        b.right.appendToStream(`${stream}-copy${k}`, events.map((ev) => ({ eventId: `${ev.eventId}-copy${k}`, type: ev.type, data: ev.data, metadata: ev.metadata })), ExpectedRevision.NoStream)(),
      ),
    );
    const failed = appended.find(E.isLeft);
    if (failed !== undefined) throw new Error(JSON.stringify(failed.left));
  }
  await b.right.close();
  return base;
};

/** What a killed export left at its --out path: nothing, or the whole archive; and the partial files beside it. */
export interface ExportOutcomes {
  noFile: number;
  whole: number;
  /** Kills after which a partial file (FILE.partial-…) was beside it (the next export removes it). */
  partialsLeft: number;
}

/**
 * `facts export --out FILE` of the large log. It writes beside FILE and renames: after any kill FILE is
 * absent or the whole archive, never a part of it; the re-run writes the same archive and removes the
 * partial files the killed runs left.
 */
export const exportScenario = async (dir: string): Promise<Scenario & { readonly outcomes: ExportOutcomes }> => {
  const base = await largeLog(join(dir, "export-base.db"));
  const folder = join(dir, "export-out");
  mkdirSync(folder, { recursive: true });
  const out = join(folder, "log.ndjson");
  // The archive of an uninterrupted export (to a file: a pipe through spawnSync stops at its 1 MB buffer).
  const referenceFile = join(dir, "export-reference.ndjson");
  const e = facts(["export", "--store", base, "--out", referenceFile]);
  if (e.code !== 0) throw new Error(`exporting ${base}: ${e.stderr}`);
  const reference = readFileSync(referenceFile, "utf8");
  const outcomes: ExportOutcomes = { noFile: 0, whole: 0, partialsLeft: 0 };
  const partials = () => readdirSync(folder).filter((f) => f.startsWith("log.ndjson.partial-"));
  return {
    name: "export",
    outcomes,
    reset: () => {
      for (const f of readdirSync(folder)) rmSync(join(folder, f), { force: true });
    },
    commands: [["export", "--store", base, "--out", out]],
    check: async () => {
      const problems: string[] = [];
      if (partials().length > 0) outcomes.partialsLeft += 1;
      if (!existsSync(out)) outcomes.noFile += 1;
      else if (readFileSync(out, "utf8") === reference) outcomes.whole += 1;
      else problems.push(`${out} holds ${readFileSync(out).length} bytes that are not the archive (${reference.length} bytes)`);
      return problems;
    },
    // The file, and the partial files beside it: none once an export has run to the end.
    state: async () => JSON.stringify({ out: existsSync(out) ? readFileSync(out, "utf8") : "(no file)", partials: partials().length }),
    // Kills by time only: the partial file's name is random.
    wal: join(dir, "export-no-wal"),
  };
};

/** What a killed import left: no store, an empty one, or all of the archive (the kill came after the commit). */
export interface ImportOutcomes {
  noStore: number;
  empty: number;
  whole: number;
}

/**
 * `facts import` of the crash articles' archive into a new store. Its one transaction must leave nothing
 * or everything; a store an import made and a kill left behind is empty, and the re-run fills it; a
 * re-run after a kill that came after the commit finds the same log and writes nothing.
 */
export const importScenario = async (dir: string): Promise<Scenario & { readonly outcomes: ImportOutcomes }> => {
  const base = await largeLog(join(dir, "import-base.db"));
  const archive = join(dir, "import.ndjson");
  const e = facts(["export", "--store", base, "--out", archive]);
  if (e.code !== 0) throw new Error(`exporting ${base}: ${e.stderr}`);
  const target = join(dir, "import-target.db");
  const outcomes: ImportOutcomes = { noStore: 0, empty: 0, whole: 0 };
  let reference: Row[] | undefined;
  return {
    name: "import",
    outcomes,
    reset: () => {
      removeStore(target);
      removeStore(join(dir, "import-target-read.db"));
    },
    commands: [["import", archive, "--store", target]],
    check: async () => {
      if (!existsSync(target)) {
        outcomes.noStore += 1;
        return [];
      }
      const expected = (reference ??= await rows(base));
      const problems = await violations(target, expected);
      const held = (await rows(target)).length;
      if (held === 0) outcomes.empty += 1;
      else if (held === expected.length) outcomes.whole += 1;
      else problems.push(`the store holds ${held} of the archive's ${expected.length} events (an import is all or nothing)`);
      return problems;
    },
    state: () => chainState(target),
    // Kills by time only: the write-ahead log grows only at the commit, so a kill sent when it has grown
    // comes after the commit or after the process ended (43 of 58 such kills missed in a trial run).
    wal: join(dir, "import-no-wal"),
  };
};

/** Every record of a store as stored, recording times and hashes included (an import must reproduce them). */
const chainState = async (path: string): Promise<string> => {
  if (!existsSync(path)) return "[]";
  const s = openSqliteStore(path, { create: false });
  if (E.isLeft(s)) throw new Error(s.left._tag);
  try {
    const r = await s.right.chain!.readRecords(0n, 1e9)();
    if (E.isLeft(r)) throw new Error(r.left._tag);
    return JSON.stringify(r.right, (_k, v: unknown) => (typeof v === "bigint" ? `${v}` : v));
  } finally {
    await s.right.close();
  }
};
