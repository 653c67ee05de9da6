/**
 * The embedded event store: SQLite through better-sqlite3, in WAL mode, no
 * server. One append is one transaction, so an article and its claims land
 * together or not at all; event ids are unique; a wrong expected revision
 * writes nothing. Driver exceptions become the port's StoreError here.
 */
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { existsSync } from "node:fs";
import { ExpectedRevision as ER } from "@factledger/store";
import type { AppendResult, EventStore, NewEvent, ReadFrom, StoredEvent, StoreErrorT, Subscription, SubscriptionHandlers } from "@factledger/store";

const SCHEMA_VERSION = "1";

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

/** The embedded store, with the underlying database exposed for checkpoints kept beside the events. */
export interface SqliteEventStore extends EventStore {
  readonly db: Database.Database;
  readonly path: string;
}

/** Opens (or creates) the embedded store at `path`. */
export const openSqliteStore = (path: string, options: SqliteOptions = {}): E.Either<StoreErrorT, SqliteEventStore> => {
  if (options.create === false && path !== ":memory:" && !existsSync(path))
    return E.left({ _tag: "NotFound", message: `no store at ${path} (run "facts ingest" first, or pass --store)` });
  let db: Database.Database;
  try {
    db = new Database(path, { fileMustExist: options.create === false && path !== ":memory:" });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    // Savepoints (one per append in a group commit) keep their sub-journal in memory, not in a temp file;
    // a 64 MB page cache keeps the event-id index (random UUIDs) from thrashing between commits.
    db.pragma("temp_store = MEMORY");
    // Checkpoint the WAL every ~40 MB instead of every ~4 MB: each checkpoint syncs the database file,
    // and at the default interval checkpoints were most of the cost of an append (docs/benchmarks.md).
    db.pragma(`wal_autocheckpoint = ${options.checkpointPages ?? 10000}`);
    db.pragma(`cache_size = -${options.cacheKiB ?? 65536}`);
    db.exec(SCHEMA);
    const version = db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
    if (version === undefined) db.prepare("INSERT INTO store_meta (key, value) VALUES ('schema_version', ?)").run(SCHEMA_VERSION);
    else if (version !== SCHEMA_VERSION) return E.left({ _tag: "Corrupt", message: `${path}: store schema version ${version}, this program reads ${SCHEMA_VERSION}` });
  } catch (e) {
    const err = translateError(e);
    return E.left({ ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT);
  }
  const now = options.now ?? (() => new Date().toISOString());
  const pollMs = options.pollMs ?? 50;

  const streamRevision = db.prepare("SELECT revision FROM streams WHERE stream_id = ?").pluck();
  const byEventId = db.prepare("SELECT stream_id, revision, position FROM events WHERE event_id = ?");
  const insertEvent = db.prepare(
    "INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
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
    let position = 0n;
    let wrote = false;
    for (const e of events) {
      revision += 1;
      try {
        const info = insertEvent.run(stream, revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt);
        position = BigInt(info.lastInsertRowid);
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
    if (batch.length === 1) {
      const p = batch[0]!;
      p.resolve(run(() => append.immediate(p.stream, p.events, p.expected)));
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
        for (const p of batch) p.resolve(run(() => append.immediate(p.stream, p.events, p.expected)));
        return;
      }
      const err = translateError(e);
      for (const p of batch) p.resolve(E.left(err));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]!));
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

  const store: SqliteEventStore = {
    description: `sqlite:${path}`,
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
