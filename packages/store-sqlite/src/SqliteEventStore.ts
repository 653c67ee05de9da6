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
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return { _tag: "Locked", message };
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
  const selectAll = db.prepare("SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?");
  db.defaultSafeIntegers(false);

  class Refused extends Error {
    constructor(readonly error: StoreErrorT) {
      super(error._tag);
    }
  }

  const append = db.transaction((stream: string, events: readonly NewEvent[], expected: ER.ExpectedRevision): AppendResult => {
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
    for (const e of events) {
      revision += 1;
      try {
        const info = insertEvent.run(stream, revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt);
        position = BigInt(info.lastInsertRowid);
      } catch (err) {
        if ((err as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") throw new Refused({ _tag: "DuplicateEventId", stream, eventId: e.eventId });
        throw err;
      }
    }
    if (events.length > 0) upsertStream.run(stream, revision);
    return { nextExpectedRevision: BigInt(revision), position: { commit: position, prepare: position } };
  });

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
    appendToStream: (stream, events, expected) => TE.fromEither(run(() => append.immediate(stream, events, expected))),
    readStream: (stream) => TE.fromEither(run(() => (selectStream.all(stream) as Row[]).map(toStored))),
    readAll: (from, maxCount) => TE.fromEither(run(() => (selectAll.all(after(from), maxCount) as Row[]).map(toStored))),
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
      for (const cancel of subscriptions) cancel();
      subscriptions.clear();
      if (db.open) db.close();
    },
  };
  return E.right(store);
};
