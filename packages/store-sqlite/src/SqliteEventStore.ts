/**
 * The embedded event store: SQLite through better-sqlite3, in WAL mode, no
 * server. One append is one transaction, so an article and its claims land
 * together or not at all; event ids are unique; a wrong expected revision
 * writes nothing. Driver exceptions become the port's StoreError here.
 */
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { createHash } from "node:crypto";
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ExpectedRevision as ER, LogChain } from "@factledger/store";
import type { AppendResult, ChainedRecord, EventStore, NewEvent, ReadFrom, StoredEvent, StoreErrorT, Subscription, SubscriptionHandlers } from "@factledger/store";

/** The store schema this program writes and reads; older ones are migrated on open, newer ones refused. */
export const SCHEMA_VERSION = 2;

const sha256: LogChain.Sha256 = (s) => createHash("sha256").update(s, "utf8").digest("hex");
const chainLink = LogChain.link(sha256);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT PRIMARY KEY,
  revision  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Schema migrations, each run once in the transaction that records its version. A new store is made by the
 * version 1 tables above and every migration, so a new store and a migrated one have the same schema.
 * 2: the hash chain (docs/events.md), computed for the events already stored.
 */
const MIGRATIONS: ReadonlyArray<{ readonly to: number; readonly up: (db: Database.Database) => void }> = [
  {
    to: 2,
    up: (db) => {
      db.exec("ALTER TABLE events ADD COLUMN hash TEXT");
      const set = db.prepare("UPDATE events SET hash = ? WHERE position = ?");
      const page = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash FROM events WHERE position > ? ORDER BY position LIMIT 4096").raw(true);
      let previous = LogChain.GENESIS;
      for (let after = 0; ; ) {
        // Pages, not an iterator: the connection cannot update while a statement is iterating.
        const rows = page.all(after) as RawRecord[];
        for (const r of rows) {
          previous = chainLink(previous, fromRawRecord(r));
          set.run(previous, r[0]);
        }
        if (rows.length < 4096) break;
        after = rows.at(-1)![0];
      }
    },
  },
];

/** Options for opening the embedded store. */
export interface SqliteOptions {
  /** Create the file when it does not exist (default true). Read-only commands pass false. */
  readonly create?: boolean;
  /** How often a subscription polls for new events, in ms (default 50). */
  readonly pollMs?: number;
  /** How long to wait for another writer's lock, in ms (default 5000). */
  readonly busyTimeoutMs?: number;
  /** The clock, read at this edge only. */
  readonly now?: () => string;
  /** The most appends committed together when many are issued at once (default 256). */
  readonly maxBatch?: number;
  /** SQLite page cache, in KiB (default 65536). */
  readonly cacheKiB?: number;
  /** WAL pages between automatic checkpoints (default 10000, about 40 MB). */
  readonly checkpointPages?: number;
}

interface Row {
  position: number | bigint;
  stream_id: string;
  revision: number | bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Turns a better-sqlite3 exception into the port's error. */
export const translateError = (e: unknown): StoreErrorT => {
  const code = (e as { code?: string } | null)?.code ?? "";
  const message = e instanceof Error ? e.message : String(e);
  // SQLite has already retried for the whole busy timeout when this reaches us.
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"))
    return { _tag: "Locked", message: `${message} (another process held the write lock for longer than the busy timeout)` };
  if (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB") return { _tag: "Corrupt", message };
  if (code === "SQLITE_CANTOPEN") return { _tag: "Unavailable", message };
  // A failed write is rolled back by SQLite (the journal makes it so): say what happened and that nothing of it was kept.
  if (code === "SQLITE_FULL") return { _tag: "Unavailable", message: `the disk is full (${message}); the write that hit it was rolled back` };
  if (code.startsWith("SQLITE_READONLY")) return { _tag: "Unavailable", message: `the store cannot be written: the file or its folder is read-only (${message}); nothing was written` };
  if (code.startsWith("SQLITE_IOERR"))
    return { _tag: "Unavailable", message: `the disk refused a ${/READ/.test(code) ? "read" : "write"} (${code}: ${message}; a full disk, a file size limit or a failing device); the write was rolled back` };
  return { _tag: "Unexpected", message };
};

const toStored = (r: Row): StoredEvent => {
  const p = BigInt(r.position);
  return {
    streamId: r.stream_id,
    revision: BigInt(r.revision),
    position: { commit: p, prepare: p },
    eventId: r.event_id,
    type: r.type,
    data: JSON.parse(r.data) as unknown,
    metadata: JSON.parse(r.metadata) as StoredEvent["metadata"],
    recordedAt: r.recorded_at,
  };
};

/** The columns of `SELECT *` in order, read as arrays (no per-row object from the driver). */
type RawRow = [number, string, number, string, string, string, string, string];
const fromRaw = (r: RawRow): StoredEvent => {
  const p = BigInt(r[0]);
  return {
    streamId: r[1],
    revision: BigInt(r[2]),
    position: { commit: p, prepare: p },
    eventId: r[3],
    type: r[4],
    data: JSON.parse(r[5]) as unknown,
    metadata: JSON.parse(r[6]) as StoredEvent["metadata"],
    recordedAt: r[7],
  };
};

/** The columns of a chained record in order, as read with `raw`. */
type RawRecord = [number, string, number, string, string, string, string, string, string | null];
const fromRawRecord = (r: RawRecord): ChainedRecord => ({
  position: BigInt(r[0]),
  streamId: r[1],
  revision: BigInt(r[2]),
  eventId: r[3],
  type: r[4],
  data: r[5],
  metadata: r[6],
  recordedAt: r[7],
  hash: r[8],
});

/** The device and inode of a file, or null when there is none at the path. */
const fileIdentity = (path: string): string | null => {
  try {
    const st = statSync(path, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
};

/** The schema version of an open database: 1 for a store that predates the record (a new file, or the first release). */
const versionOf = (db: Database.Database): number | string => {
  const v = db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  return v === undefined ? 1 : /^[1-9][0-9]*$/.test(v) ? Number(v) : v;
};

/** Why a store of schema version `v` cannot be opened by this program, or null when it can. */
const refusal = (path: string, v: number | string): StoreErrorT | null =>
  typeof v === "string"
    ? { _tag: "Corrupt", message: `${path}: store schema version "${v}" is not a version this program knows` }
    : v > SCHEMA_VERSION
      ? { _tag: "Unsupported", message: `${path}: store schema version ${v} was written by a newer facts; this program reads versions up to ${SCHEMA_VERSION} (upgrade facts to open it); nothing was changed` }
      : null;

/** Brings a store up to SCHEMA_VERSION in one transaction, or says why it cannot be read. Null when done. */
const upgrade = (db: Database.Database, path: string): StoreErrorT | null => {
  const seen = versionOf(db);
  if (seen === SCHEMA_VERSION) return null;
  const early = refusal(path, seen);
  if (early !== null) return early;
  // Another process may be migrating too: the version is read again under the write lock.
  let refused: StoreErrorT | null = null;
  db.transaction(() => {
    const v = versionOf(db);
    refused = refusal(path, v);
    if (refused !== null || v === SCHEMA_VERSION) return;
    for (const m of MIGRATIONS) if (m.to > (v as number)) m.up(db);
    db.prepare("INSERT INTO store_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(SCHEMA_VERSION));
  }).immediate();
  return refused;
};

/** The embedded store, with the underlying database exposed for checkpoints kept beside the events. */
export interface SqliteEventStore extends EventStore {
  readonly db: Database.Database;
  readonly path: string;
}

const writable = (folder: string): boolean => {
  try {
    accessSync(folder, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Opens (or creates) the embedded store at `path`. A reader (`create: false`) of a store in a folder it cannot
 * write, where SQLite cannot make the WAL's shared-memory file beside it, reads a snapshot: a copy of the file
 * (and of its WAL, if any) in a temporary folder, opened read-only, removed on close. No writer can be active
 * there either (it would need the same files), so the snapshot is the store; an append to it is refused.
 */
export const openSqliteStore = (path: string, options: SqliteOptions = {}): E.Either<StoreErrorT, SqliteEventStore> => {
  const r = openAt(path, options, false);
  if (E.isRight(r) || options.create !== false || path === ":memory:" || !existsSync(path) || writable(dirname(path))) return r;
  const dir = mkdtempSync(join(tmpdir(), "facts-readonly-"));
  const drop = () => rmSync(dir, { recursive: true, force: true });
  try {
    const copy = join(dir, "store.db");
    copyFileSync(path, copy);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
    const s = openAt(copy, options, true);
    if (E.isLeft(s)) {
      drop();
      return r;
    }
    const close = s.right.close;
    return E.right({ ...s.right, path, close: async () => { await close(); drop(); } });
  } catch {
    drop();
    return r;
  }
};

const openAt = (path: string, options: SqliteOptions, readonly: boolean): E.Either<StoreErrorT, SqliteEventStore> => {
  if (options.create === false && path !== ":memory:" && !existsSync(path))
    return E.left({ _tag: "NotFound", message: `no store at ${path} (run "facts ingest" first, or pass --store)` });
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.create === false && path !== ":memory:", readonly });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // A store of a newer version is refused before anything (even the journal mode) is written to it.
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").get() !== undefined) {
      const v = versionOf(db);
      if (typeof v === "number" && v > SCHEMA_VERSION) {
        db.close();
        return E.left(refusal(path, v)!);
      }
    }
    if (readonly) {
      // A snapshot is read as it is: a store that needs an upgrade cannot be upgraded where it lies.
      const v = versionOf(db);
      if (v !== SCHEMA_VERSION) {
        db.close();
        return E.left({ _tag: "Unavailable", message: `${path}: this store is of an older schema (${String(v)}) and its folder is read-only, so it cannot be upgraded; copy it to a folder you can write` });
      }
    }
    if (path !== ":memory:" && !readonly) db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // Savepoints (one per append in a group commit) keep their sub-journal in memory, not in a temp file;
    // a 64 MB page cache keeps the event-id index (random UUIDs) from thrashing between commits.
    db.pragma("temp_store = MEMORY");
    // Checkpoint the WAL every ~40 MB instead of every ~4 MB: each checkpoint syncs the database file,
    // and at the default interval checkpoints were most of the cost of an append (docs/benchmarks.md).
    db.pragma(`wal_autocheckpoint = ${options.checkpointPages ?? 10000}`);
    db.pragma(`cache_size = -${options.cacheKiB ?? 65536}`);
    if (!readonly) db.exec(SCHEMA);
    let refused: StoreErrorT | null;
    try {
      refused = readonly ? null : upgrade(db, path);
    } catch (e) {
      const err = translateError(e);
      db.close();
      const why = "message" in err ? err.message : err._tag;
      return E.left({ ...err, message: `${path}: this store was written by an earlier facts and is upgraded to schema version ${SCHEMA_VERSION} on first open, which failed (${why}); it is unchanged` } as StoreErrorT);
    }
    if (refused !== null) {
      db.close();
      return E.left(refused);
    }
  } catch (e) {
    const err = translateError(e);
    return E.left({ ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT);
  }
  const now = options.now ?? (() => new Date().toISOString());
  const pollMs = options.pollMs ?? 50;

  // A store file removed (or replaced) while it is open keeps taking writes into a file nobody can open again:
  // SQLite does not notice. Each commit checks that the path is still this file, before and after writing.
  const identity = path === ":memory:" ? null : fileIdentity(path);
  const gone = (when: "before" | "after"): StoreErrorT | null => {
    if (identity === null) return null;
    const current = fileIdentity(path);
    if (current === identity) return null;
    return {
      _tag: "Unavailable",
      message: `the store file was ${current === null ? "removed" : "replaced by another file"} while this command ran; ${when === "before" ? "nothing more was written" : "the last write went into the removed file and is lost with it"}`,
    };
  };

  const streamRevision = db.prepare("SELECT revision FROM streams WHERE stream_id = ?").pluck();
  const byEventId = db.prepare("SELECT stream_id, revision, position FROM events WHERE event_id = ?");
  const insertEvent = db.prepare(
    "INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  // The chain's tip, read inside each append's transaction: another process may have appended since.
  const selectTip = db.prepare("SELECT position, hash FROM events ORDER BY position DESC LIMIT 1").raw(true);
  const selectRecords = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at, hash FROM events WHERE position > ? ORDER BY position LIMIT ?").raw(true);
  const countEvents = db.prepare("SELECT count(*) FROM events").pluck();
  const upsertStream = db.prepare("INSERT INTO streams (stream_id, revision) VALUES (?, ?) ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision");
  const selectStream = db.prepare("SELECT * FROM events WHERE stream_id = ? ORDER BY revision");
  const selectAll = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?");
  const selectAllRaw = db.prepare("SELECT position, stream_id, revision, event_id, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?").raw(true);
  db.defaultSafeIntegers(false);

  class Refused extends Error {
    constructor(readonly error: StoreErrorT) {
      super(error._tag);
    }
  }

  /** An append that failed after it had written rows: only rolling back the whole transaction undoes it. */
  class Partial extends Error {
    constructor(readonly inner: unknown) {
      super("partial append");
    }
  }

  const appendBody = (stream: string, events: readonly NewEvent[], expected: ER.ExpectedRevision): AppendResult => {
    const first = events[0];
    if (first !== undefined) {
      const prior = byEventId.get(first.eventId) as { stream_id: string; revision: number; position: number } | undefined;
      if (prior !== undefined) {
        // A retried append: idempotent when every id is already in this stream.
        const rows = events.map((e) => byEventId.get(e.eventId) as { stream_id: string; revision: number; position: number } | undefined);
        if (rows.some((r) => r === undefined || r.stream_id !== stream)) throw new Refused({ _tag: "DuplicateEventId", stream, eventId: first.eventId });
        const last = rows.at(-1)!;
        return { nextExpectedRevision: BigInt(last.revision), position: { commit: BigInt(last.position), prepare: BigInt(last.position) } };
      }
    }
    const current = streamRevision.get(stream) as number | undefined;
    const currentRev = current === undefined ? null : BigInt(current);
    if (!ER.satisfiedBy(expected, currentRev)) throw new Refused({ _tag: "VersionConflict", stream, expected, actual: currentRev });
    const recordedAt = now();
    let revision = current ?? -1;
    const tip = selectTip.get() as [number, string | null] | undefined;
    let position = BigInt(tip?.[0] ?? 0);
    let previous = tip?.[1] ?? LogChain.GENESIS;
    let wrote = false;
    for (const e of events) {
      revision += 1;
      try {
        position += 1n;
        const record = { position, streamId: stream, revision: BigInt(revision), eventId: e.eventId, type: e.type, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata), recordedAt };
        const hash = chainLink(previous, record);
        insertEvent.run(position, stream, revision, e.eventId, e.type, record.data, record.metadata, recordedAt, hash);
        previous = hash;
        wrote = true;
      } catch (err) {
        const refused = (err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" ? new Refused({ _tag: "DuplicateEventId", stream, eventId: e.eventId }) : err;
        throw wrote ? new Partial(refused) : refused;
      }
    }
    if (events.length > 0) upsertStream.run(stream, revision);
    return { nextExpectedRevision: BigInt(revision), position: { commit: position, prepare: position } };
  };
  const append = db.transaction((stream: string, events: readonly NewEvent[], expected: ER.ExpectedRevision): AppendResult => {
    try {
      return appendBody(stream, events, expected);
    } catch (e) {
      throw e instanceof Partial ? e.inner : e; // the transaction wrapper rolls back what was written
    }
  });

  // Group commit: appends issued together (before the next microtask) share one transaction. Each is
  // validated on its own and is refused before it writes anything, so a refused append leaves no trace;
  // if one fails after writing (a constraint caught mid-append), the whole batch is rolled back and its
  // appends are redone one transaction each. Every promise resolves only after its commit.
  type Pending = { stream: string; events: readonly NewEvent[]; expected: ER.ExpectedRevision; resolve: (r: E.Either<StoreErrorT, AppendResult>) => void };
  const queue: Pending[] = [];
  let scheduled = false;
  const maxBatch = options.maxBatch ?? 256;
  const flush = (): void => {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length > 0) schedule();
    if (batch.length === 0) return;
    const missing = gone("before");
    if (missing !== null) {
      for (const p of batch) p.resolve(E.left(missing));
      return;
    }
    // Resolves the batch's promises once the file is known to be still there after the commit.
    const settle = (p: Pending, r: E.Either<StoreErrorT, AppendResult>): void => {
      const lost = E.isRight(r) ? gone("after") : null;
      p.resolve(lost === null ? r : E.left(lost));
    };
    if (batch.length === 1) {
      const p = batch[0]!;
      settle(p, run(() => append.immediate(p.stream, p.events, p.expected)));
      return;
    }
    const results: Array<E.Either<StoreErrorT, AppendResult>> = [];
    const all = db.transaction(() => {
      for (const p of batch) {
        try {
          results.push(E.right(appendBody(p.stream, p.events, p.expected)));
        } catch (e) {
          if (e instanceof Refused) results.push(E.left(e.error));
          else throw e;
        }
      }
    });
    try {
      all.immediate();
    } catch (e) {
      if (e instanceof Partial) {
        for (const p of batch) settle(p, run(() => append.immediate(p.stream, p.events, p.expected)));
        return;
      }
      const err = translateError(e);
      for (const p of batch) p.resolve(E.left(err));
      return;
    }
    batch.forEach((p, i) => settle(p, results[i]!));
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(flush);
  };

  const run = <A>(f: () => A): E.Either<StoreErrorT, A> => {
    try {
      return E.right(f());
    } catch (e) {
      return E.left(e instanceof Refused ? e.error : translateError(e));
    }
  };

  const after = (from: ReadFrom): number => (from === "start" ? 0 : Number(from.commit));
  const subscriptions = new Set<() => void>();

  /** An exception thrown by the records a restore was given (not by the store): rethrown as it is. */
  class FromRecords extends Error {
    constructor(readonly inner: unknown) {
      super("the records failed");
    }
  }
  function* guarded(records: Iterable<ChainedRecord>): Generator<ChainedRecord, void, undefined> {
    const it = records[Symbol.iterator]();
    try {
      for (;;) {
        let next: IteratorResult<ChainedRecord>;
        try {
          next = it.next();
        } catch (e) {
          throw new FromRecords(e);
        }
        if (next.done === true) return;
        yield next.value;
      }
    } finally {
      it.return?.();
    }
  }
  const restore = db.transaction((records: Iterable<ChainedRecord>): number => {
    const held = countEvents.get() as number;
    if (held > 0) throw new Refused({ _tag: "Unsupported", message: `${path} already holds ${held} events; a log is restored only into an empty store` });
    const streams = new Map<string, bigint>();
    let n = 0;
    for (const r of guarded(records)) {
      try {
        insertEvent.run(r.position, r.streamId, r.revision, r.eventId, r.type, r.data, r.metadata, r.recordedAt, r.hash);
      } catch (e) {
        if ((e as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE" && /events\.event_id/.test((e as Error).message)) throw new Refused({ _tag: "DuplicateEventId", stream: r.streamId, eventId: r.eventId });
        throw e;
      }
      streams.set(r.streamId, r.revision);
      n += 1;
    }
    for (const [stream, revision] of streams) upsertStream.run(stream, revision);
    return n;
  });

  const store: SqliteEventStore = {
    description: `sqlite:${path}`,
    chain: {
      readRecords: (after, maxCount) => TE.fromEither(run(() => (selectRecords.all(after, maxCount) as RawRecord[]).map(fromRawRecord))),
      integrityCheck: () => TE.fromEither(run(() => (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).filter((m) => m !== "ok"))),
      restore: (records) => {
        let r: E.Either<StoreErrorT, number>;
        try {
          r = E.right(restore.immediate(records));
        } catch (e) {
          if (e instanceof FromRecords) throw e.inner; // rolled back; the caller's own failure
          r = E.left(e instanceof Refused ? e.error : translateError(e));
        }
        return TE.fromEither(
          E.flatMap(r, (n) => {
            const lost = gone("after");
            return lost === null ? E.right(n) : E.left(lost);
          }),
        );
      },
    },
    db,
    path,
    appendToStream: (stream, events, expected) => () =>
      new Promise((resolve) => {
        if (!db.open) return resolve(E.left({ _tag: "Unavailable", message: `${path}: the store is closed` }));
        queue.push({ stream, events, expected, resolve });
        schedule();
      }),
    readStream: (stream) => TE.fromEither(run(() => (selectStream.all(stream) as Row[]).map(toStored))),
    readAll: (from, maxCount) => TE.fromEither(run(() => (selectAllRaw.all(after(from), maxCount) as RawRow[]).map(fromRaw))),
    subscribeToAll: (from: ReadFrom, handlers: SubscriptionHandlers): Subscription => {
      let next = after(from);
      let stopped = false;
      let caughtUp = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const loop = async (): Promise<void> => {
        while (!stopped) {
          const page = run(() => selectAll.all(next, 1000) as Row[]);
          if (E.isLeft(page)) {
            handlers.onError?.(page.left);
            return;
          }
          for (const row of page.right) {
            if (stopped) return;
            await handlers.onEvent(toStored(row));
            next = Number(row.position);
          }
          if (page.right.length < 1000) break;
        }
        if (stopped) return;
        if (!caughtUp) {
          caughtUp = true;
          handlers.onCaughtUp?.();
        }
        timer = setTimeout(() => void loop(), pollMs);
      };
      // Never call handlers from inside subscribeToAll itself: the caller must get its Subscription first.
      timer = setTimeout(() => void loop(), 0);
      const cancel = () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
      };
      subscriptions.add(cancel);
      return {
        stop: async () => {
          cancel();
          subscriptions.delete(cancel);
        },
      };
    },
    close: async () => {
      while (queue.length > 0) flush();
      for (const cancel of subscriptions) cancel();
      subscriptions.clear();
      if (db.open) db.close();
    },
  };
  return E.right(store);
};
