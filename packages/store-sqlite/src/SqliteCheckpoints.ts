/**
 * Checkpoints in a SQLite file, on a connection of their own (never through
 * an event store's handle): a `checkpoints` table of name → position. The
 * file may be a store's own file or a separate one.
 */
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import type { CheckpointStore, StoreErrorT } from "@factledger/store";
import { translateError } from "./SqliteEventStore.ts";

const SCHEMA = "CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, commit_pos TEXT NOT NULL, prepare_pos TEXT NOT NULL) WITHOUT ROWID";

/** Opens (or creates) the checkpoints of a SQLite file. */
export const openSqliteCheckpoints = (path: string): E.Either<StoreErrorT, CheckpointStore> => {
  let db: Database.Database;
  try {
    db = new Database(path);
    db.pragma("busy_timeout = 5000");
    db.pragma("journal_mode = WAL");
    db.exec(SCHEMA);
  } catch (e) {
    const err = translateError(e);
    return E.left({ ...err, message: `${path}: ${"message" in err ? err.message : ""}` } as StoreErrorT);
  }
  const get = db.prepare("SELECT commit_pos, prepare_pos FROM checkpoints WHERE name = ?");
  const put = db.prepare("INSERT INTO checkpoints (name, commit_pos, prepare_pos) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos");
  const attempt = <A>(f: () => A) => async (): Promise<E.Either<StoreErrorT, A>> => {
    try {
      return E.right(f());
    } catch (e) {
      return E.left(translateError(e));
    }
  };
  return E.right({
    load: (name) =>
      attempt(() => {
        const r = get.get(name) as { commit_pos: string; prepare_pos: string } | undefined;
        return r === undefined ? null : { commit: BigInt(r.commit_pos), prepare: BigInt(r.prepare_pos) };
      }),
    save: (name, p) =>
      attempt(() => {
        put.run(name, p.commit.toString(), p.prepare.toString());
      }),
    close: async () => {
      if (db.open) db.close();
    },
  });
};
