/**
 * The ledger projection persisted in a SQLite file of its own (beside an
 * embedded store `x.db` it is `x-read.db`; it never shares the event store's
 * file or tables). Articles, claims and amendments are rows of JSON, each with
 * a CRC-32, in the order the fold first made them; one meta row holds the tip
 * (the position, event id and count of the last event applied), the row
 * counts and the format and fold versions, with a CRC of its own. A batch of
 * events and its new tip are one transaction that first checks the stored tip
 * is the one it started from, so two writers (a runner and a reader) never
 * interleave. Applying loads only the rows the events touch; a reader loads
 * everything once. A file of another version, a bad CRC, a row count that
 * does not match or a file SQLite cannot read is thrown away, never used.
 */
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { rmSync } from "node:fs";
import { crc32 } from "node:zlib";
import { Ledger } from "@factledger/core";
import { comparePositions } from "@factledger/store";
import type { Applied, Applying, LedgerProjection, Position, ReadFrom, StoreErrorT, Tip } from "@factledger/store";
import { translateError } from "./SqliteEventStore.ts";

const FORMAT = "factledger-ledger-projection";
/** The version of the rows' layout; with the fold's own version it is the version a file must have to be used. */
const ROWS_VERSION = 2;
/** The version this program writes and reads: the rows' layout and the ledger fold's (`Ledger.foldVersion`). */
export const projectionVersion = `${ROWS_VERSION}.${Ledger.foldVersion}`;

const TABLES = ["lp_articles", "lp_claims", "lp_amendments"] as const;
const SCHEMA = `
CREATE TABLE IF NOT EXISTS lp_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lp_articles (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, json TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS lp_claims (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, article_id TEXT, json TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS lp_claims_article ON lp_claims (article_id);
CREATE TABLE IF NOT EXISTS lp_amendments (seq INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, json TEXT NOT NULL, crc INTEGER NOT NULL);
`;
/** Tables of the read model written before projections were versioned: dropped, their content rebuilt. */
const LEGACY = ["rm_articles", "rm_claims", "rm_amendments", "rm_checkpoints"];

interface Counts {
  articles: number;
  claims: number;
  amendments: number;
}

/** What the meta row holds. */
interface State {
  readonly tip: Tip | null;
  readonly counts: Counts;
  readonly nextSeq: number;
}

const empty = (): State => ({ tip: null, counts: { articles: 0, claims: 0, amendments: 0 }, nextSeq: 1 });

const posJson = (p: Position) => ({ commit: p.commit.toString(), prepare: p.prepare.toString() });
const posOf = (x: { commit: string; prepare: string }): Position => ({ commit: BigInt(x.commit), prepare: BigInt(x.prepare) });
const encodeState = (s: State): string =>
  JSON.stringify({
    tip: s.tip === null ? null : { ...posJson(s.tip.position), eventId: s.tip.eventId, recordedAt: s.tip.recordedAt, previous: s.tip.previous === "start" ? "start" : posJson(s.tip.previous), events: s.tip.events },
    counts: s.counts,
    nextSeq: s.nextSeq,
  });
const decodeState = (json: string): State => {
  const x = JSON.parse(json) as {
    tip: { commit: string; prepare: string; eventId: string; recordedAt: string; previous: "start" | { commit: string; prepare: string }; events: number } | null;
    counts: Counts;
    nextSeq: number;
  };
  if (typeof x.nextSeq !== "number" || typeof x.counts?.claims !== "number") throw new Error("meta row has the wrong shape");
  return {
    tip: x.tip === null ? null : { position: posOf(x.tip), eventId: x.tip.eventId, recordedAt: x.tip.recordedAt, previous: x.tip.previous === "start" ? "start" : posOf(x.tip.previous), events: x.tip.events },
    counts: { ...x.counts },
    nextSeq: x.nextSeq,
  };
};
const sameTip = (a: Tip | null, b: Tip | null): boolean =>
  a === null || b === null ? a === b : comparePositions(a.position, b.position) === 0 && a.eventId === b.eventId && a.recordedAt === b.recordedAt;

/** A damaged row or meta: the projection must be rebuilt. */
class Damaged extends Error {}

const checked = <A>(table: string, key: string, json: string, crc: number): A => {
  if (crc32(json) !== crc) throw new Damaged(`${table} row ${key}: checksum does not match`);
  try {
    return JSON.parse(json) as A;
  } catch {
    throw new Damaged(`${table} row ${key}: not JSON`);
  }
};

/** The embedded ledger projection, with its file's path. */
export interface SqliteLedgerProjection extends LedgerProjection {
  readonly path: string;
}

const removeFiles = (path: string): void => {
  for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
};

const connect = (path: string): Database.Database => {
  const db = new Database(path);
  db.pragma("busy_timeout = 5000");
  if (path !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("cache_size = -65536");
  db.exec(SCHEMA);
  return db;
};

/** Opens (or creates) the ledger projection kept in the SQLite file at `path`. */
export const openLedgerProjection = (path: string): E.Either<StoreErrorT, SqliteLedgerProjection> => {
  let db: Database.Database;
  let discarded: string | null = null;
  try {
    try {
      db = connect(path);
    } catch (e) {
      // A file SQLite cannot read holds nothing this program can use: it is a cache of the log, made again.
      if (translateError(e)._tag !== "Corrupt" || path === ":memory:") throw e;
      removeFiles(path);
      discarded = `damaged file (${e instanceof Error ? e.message : String(e)})`;
      db = connect(path);
    }
  } catch (e) {
    const err = translateError(e);
    return E.left({ ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT);
  }

  const getMeta = db.prepare("SELECT value FROM lp_meta WHERE key = ?").pluck();
  const putMeta = db.prepare("INSERT INTO lp_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  const writeState = (s: State): void => {
    const json = encodeState(s);
    putMeta.run("state", json);
    putMeta.run("state_crc", String(crc32(json)));
  };
  const readState = (): State => {
    const json = getMeta.get("state") as string | undefined;
    const crc = getMeta.get("state_crc") as string | undefined;
    if (json === undefined || crc === undefined) throw new Damaged("meta row missing");
    if (String(crc32(json)) !== crc) throw new Damaged("meta row: checksum does not match");
    try {
      return decodeState(json);
    } catch (e) {
      throw new Damaged(`meta row: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const wipe = db.transaction((reason: string | null) => {
    for (const t of [...TABLES, ...LEGACY]) db.exec(`DROP TABLE IF EXISTS ${t}`);
    db.exec("DELETE FROM lp_meta");
    db.exec(SCHEMA);
    putMeta.run("format", FORMAT);
    putMeta.run("version", projectionVersion);
    writeState(empty());
    return reason;
  });

  // What is on disk: kept only when it is this format, this version, and its meta row is sound.
  let state: State;
  try {
    const format = getMeta.get("format") as string | undefined;
    const version = getMeta.get("version") as string | undefined;
    const legacy = db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'rm_checkpoints'").pluck().get() as number;
    if (format === undefined) discarded ??= legacy > 0 ? "written by an unversioned read model" : "missing";
    else if (format !== FORMAT) discarded = `not a ledger projection (${format})`;
    else if (version !== projectionVersion) discarded = `written by version ${version}, this program keeps ${projectionVersion}`;
    if (discarded === null) {
      try {
        state = readState();
      } catch (e) {
        if (!(e instanceof Damaged)) throw e;
        discarded = `damaged: ${e.message}`;
      }
    }
    if (discarded !== null) {
      wipe(discarded);
      state = empty();
    }
  } catch (e) {
    db.close();
    const err = translateError(e);
    return E.left({ ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT);
  }
  state = state!;

  const q = {
    article: db.prepare("SELECT key, json, crc FROM lp_articles WHERE key = ?").raw(true),
    claim: db.prepare("SELECT key, json, crc FROM lp_claims WHERE key = ?").raw(true),
    claimsOfArticle: db.prepare("SELECT key, json, crc FROM lp_claims WHERE article_id = ?").raw(true),
    amendment: db.prepare("SELECT key, json, crc FROM lp_amendments WHERE key = ?").raw(true),
    allArticles: db.prepare("SELECT key, json, crc FROM lp_articles ORDER BY seq").raw(true),
    allClaims: db.prepare("SELECT key, json, crc FROM lp_claims ORDER BY seq").raw(true),
    allAmendments: db.prepare("SELECT key, json, crc FROM lp_amendments ORDER BY seq").raw(true),
    insArticle: db.prepare("INSERT INTO lp_articles (seq, key, json, crc) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING"),
    updArticle: db.prepare("UPDATE lp_articles SET json = ?, crc = ? WHERE key = ?"),
    insClaim: db.prepare("INSERT INTO lp_claims (seq, key, article_id, json, crc) VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING"),
    updClaim: db.prepare("UPDATE lp_claims SET json = ?, crc = ? WHERE key = ?"),
    insAmendment: db.prepare("INSERT INTO lp_amendments (seq, key, json, crc) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING"),
    updAmendment: db.prepare("UPDATE lp_amendments SET json = ?, crc = ? WHERE key = ?"),
  };
  type Raw = [string, string, number];

  // The ledger in memory: everything (`full`, after `load` or a reset) or only the rows the current batch touches.
  let ledger = Ledger.initial();
  let full = false;
  // Set when another writer moved the file while this process held it whole: it goes on in memory only.
  let detached = false;
  // Whether the batch being applied reached the ledger in memory (a failed write after it leaves it there).
  let evolved = false;

  const loadAll = db.transaction((): { ledger: Ledger.Ledger; state: State } => {
    const st = readState();
    const l = Ledger.initial();
    l.events = st.tip?.events ?? 0;
    let n = 0;
    for (const [key, json, crc] of q.allArticles.iterate() as IterableIterator<Raw>) {
      l.articles.set(key, checked<Ledger.ArticleInfo>("articles", key, json, crc));
      n++;
    }
    if (n !== st.counts.articles) throw new Damaged(`articles: ${n} rows, the meta row says ${st.counts.articles}`);
    n = 0;
    for (const [key, json, crc] of q.allClaims.iterate() as IterableIterator<Raw>) {
      l.claims.set(key, checked<Ledger.ClaimEntry>("claims", key, json, crc));
      n++;
    }
    if (n !== st.counts.claims) throw new Damaged(`claims: ${n} rows, the meta row says ${st.counts.claims}`);
    n = 0;
    for (const [key, json, crc] of q.allAmendments.iterate() as IterableIterator<Raw>) {
      l.amendments.set(key, checked<Ledger.Amendment[]>("amendments", key, json, crc));
      n++;
    }
    if (n !== st.counts.amendments) throw new Damaged(`amendments: ${n} rows, the meta row says ${st.counts.amendments}`);
    return { ledger: l, state: st };
  });

  /** Brings the rows a batch reads into the partial ledger (the file holds the state before the batch). */
  const preload = (batch: readonly Applied[]): void => {
    const articleClaims = new Set<string>();
    const one = <V>(table: string, stmt: Database.Statement, map: Map<string, V>, key: string): void => {
      if (map.has(key)) return;
      const r = stmt.get(key) as Raw | undefined;
      if (r !== undefined) map.set(key, checked<V>(table, key, r[1], r[2]));
    };
    for (const { event } of batch) {
      const t = Ledger.touches(event);
      for (const k of t.articles) one("articles", q.article, ledger.articles, k);
      for (const k of t.claims) one("claims", q.claim, ledger.claims, k);
      for (const k of t.amendments) one("amendments", q.amendment, ledger.amendments, k);
      for (const a of t.claimsOfArticles) {
        if (articleClaims.has(a)) continue;
        articleClaims.add(a);
        for (const [key, json, crc] of q.claimsOfArticle.all(a) as Raw[]) if (!ledger.claims.has(key)) ledger.claims.set(key, checked("claims", key, json, crc));
      }
    }
  };

  /** Folds a batch into the in-memory ledger; the keys it made or changed, in the order the fold first made them. */
  const evolveBatch = (batch: readonly Applied[]) => {
    const written = { articles: new Set<string>(), claims: new Set<string>(), amendments: new Set<string>() };
    for (const { event } of batch) {
      Ledger.evolve(ledger, event);
      const t = Ledger.touches(event);
      for (const k of t.articles) if (ledger.articles.has(k)) written.articles.add(k);
      for (const k of t.claims) if (ledger.claims.has(k)) written.claims.add(k);
      for (const k of t.amendments) if (ledger.amendments.has(k)) written.amendments.add(k);
      for (const a of t.claimsOfArticles) for (const c of Ledger.claimsOf(ledger, a)) written.claims.add(c.claimId);
    }
    return written;
  };

  const persist = (written: ReturnType<typeof evolveBatch>, next: State): State => {
    const counts = { ...next.counts };
    let seq = next.nextSeq;
    for (const k of written.articles) {
      const json = JSON.stringify(ledger.articles.get(k));
      const crc = crc32(json);
      if (q.insArticle.run(seq++, k, json, crc).changes > 0) counts.articles++;
      else q.updArticle.run(json, crc, k);
    }
    for (const k of written.claims) {
      const c = ledger.claims.get(k)!;
      const json = JSON.stringify(c);
      const crc = crc32(json);
      if (q.insClaim.run(seq++, k, c.articleId, json, crc).changes > 0) counts.claims++;
      else q.updClaim.run(json, crc, k);
    }
    for (const k of written.amendments) {
      const json = JSON.stringify(ledger.amendments.get(k));
      const crc = crc32(json);
      if (q.insAmendment.run(seq++, k, json, crc).changes > 0) counts.amendments++;
      else q.updAmendment.run(json, crc, k);
    }
    const s: State = { tip: next.tip, counts, nextSeq: seq };
    writeState(s);
    return s;
  };

  const tipAfter = (from: Tip | null, batch: readonly Applied[]): Tip => {
    const last = batch.at(-1)!;
    const before: ReadFrom = batch.length >= 2 ? batch.at(-2)!.position : (from?.position ?? "start");
    return { position: last.position, eventId: last.eventId, recordedAt: last.recordedAt, previous: before, events: ledger.events };
  };

  type Outcome = { readonly _tag: "Done"; readonly state: State } | { readonly _tag: "Detach" } | { readonly _tag: "Stale" };
  const applyTx = db.transaction((batch: readonly Applied[]): Outcome => {
    const stored = readState();
    let todo = batch;
    let base = state;
    if (!sameTip(stored.tip, state.tip)) {
      if (full) return { _tag: "Detach" };
      // Another writer moved the file: follow it if this batch reaches past its tip, else leave it be.
      ledger = Ledger.initial();
      const t = stored.tip;
      if (t === null) return { _tag: "Stale" };
      const at = batch.findIndex((a) => comparePositions(a.position, t.position) === 0);
      if (at < 0) return comparePositions(t.position, batch.at(-1)!.position) >= 0 ? { _tag: "Done", state: stored } : { _tag: "Stale" };
      if (batch[at]!.eventId !== t.eventId || batch[at]!.recordedAt !== t.recordedAt) return { _tag: "Stale" };
      todo = batch.slice(at + 1);
      base = stored;
      if (todo.length === 0) return { _tag: "Done", state: stored };
    }
    if (!full) preload(todo);
    ledger.events = base.tip?.events ?? 0;
    const written = evolveBatch(todo);
    evolved = true;
    return { _tag: "Done", state: persist(written, { ...base, tip: tipAfter(base.tip, todo) }) };
  });

  const failed = (e: unknown): StoreErrorT => {
    if (e instanceof Damaged) return { _tag: "Corrupt", message: `${path}: ${e.message}` };
    const err = translateError(e);
    return { ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT;
  };

  const projection: SqliteLedgerProjection = {
    path,
    description: path,
    discarded: () => discarded,
    tip: () => state.tip,
    load: () => {
      if (full) return E.right(ledger);
      try {
        const r = loadAll();
        ledger = r.ledger;
        state = r.state;
        full = true;
        return E.right(ledger);
      } catch (e) {
        return E.left(failed(e));
      }
    },
    apply: (batch): E.Either<StoreErrorT, Applying> => {
      if (batch.length === 0) return E.right("Applied");
      if (detached) {
        for (const { event } of batch) Ledger.evolve(ledger, event);
        return E.right("Applied");
      }
      evolved = false;
      try {
        const r = applyTx.immediate(batch);
        if (r._tag === "Detach") {
          detached = true;
          for (const { event } of batch) Ledger.evolve(ledger, event);
          return E.right("Applied");
        }
        if (r._tag === "Stale") return E.right("Stale");
        state = r.state;
        // A partial ledger is a cache of one batch's rows: the file is the truth between batches.
        if (!full) ledger = Ledger.initial();
        return E.right("Applied");
      } catch (e) {
        if (full) {
          // The file could not be written (full disk, read-only, damaged meta): this process goes on in memory.
          if (!evolved) for (const { event } of batch) Ledger.evolve(ledger, event);
          detached = true;
          return E.right("Applied");
        }
        ledger = Ledger.initial();
        return E.left(failed(e));
      }
    },
    reset: (reason) => {
      try {
        wipe(reason);
      } catch (e) {
        return E.left(failed(e));
      }
      discarded = reason;
      state = empty();
      ledger = Ledger.initial();
      full = true;
      detached = false;
      return E.right(undefined);
    },
    close: () => {
      if (db.open) db.close();
    },
  };
  return E.right(projection);
};
