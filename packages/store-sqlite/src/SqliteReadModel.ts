/**
 * A durable read model for the projection runner: the ledger projection's
 * articles, claims and amendments as SQLite rows, plus the checkpoint (the
 * global position of the last event applied). Each batch of events and the
 * new checkpoint are written in one transaction, so after a crash or restart
 * the runner resumes exactly after the last event it applied: nothing is
 * missed and nothing is counted twice.
 */
import Database from "better-sqlite3";
import * as E from "fp-ts/lib/Either.js";
import { Ledger } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import type { Position, StoreErrorT } from "@factledger/store";
import { translateError } from "./SqliteEventStore.ts";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_articles (article_id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_claims (claim_id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_amendments (claim_id TEXT PRIMARY KEY, json TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rm_checkpoints (name TEXT PRIMARY KEY, commit_pos TEXT NOT NULL, prepare_pos TEXT NOT NULL, events INTEGER NOT NULL) WITHOUT ROWID;
`;

/** The read model: a ledger kept current and durable. */
export interface SqliteReadModel {
  /** The ledger as of the checkpoint. */
  readonly ledger: Ledger.Ledger;
  /** The position of the last event applied, or null before any. */
  readonly checkpoint: () => Position | null;
  /** Applies events and moves the checkpoint, atomically. */
  readonly apply: (batch: ReadonlyArray<{ readonly event: LedgerEvent; readonly position: Position }>) => E.Either<StoreErrorT, void>;
  readonly close: () => void;
}

const touched = (ledger: Ledger.Ledger, e: LedgerEvent): { articles: string[]; claims: string[]; amendments: string[] } => {
  switch (e.type) {
    case "ArticleRecorded":
      return { articles: [e.articleId], claims: [], amendments: [] };
    case "ClaimReported":
      return { articles: [], claims: [e.claimId], amendments: [] };
    case "ArticleReextracted":
      return { articles: [], claims: e.supersedes, amendments: [] };
    case "ClaimCorrected":
    case "ClaimRejected":
      return { articles: [], claims: [], amendments: [e.claimId] };
    case "ArticleDated":
      return { articles: [e.articleId], claims: Ledger.claimsOf(ledger, e.articleId).map((c) => c.claimId), amendments: [] };
  }
};

/** Opens (or creates) a read model in a SQLite file; `name` keeps several runners apart. */
export const openReadModel = (path: string, name = "ledger"): E.Either<StoreErrorT, SqliteReadModel> => {
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
  const ledger = Ledger.initial();
  // (strings are interned as events are folded; rows loaded here keep their own copies)
  for (const r of db.prepare("SELECT json FROM rm_articles").all() as Array<{ json: string }>) {
    const a = JSON.parse(r.json) as Ledger.ArticleInfo;
    // Read models written before ArticleDated existed have no `dated` list.
    ledger.articles.set(a.articleId, { ...a, dated: a.dated ?? [] });
  }
  for (const r of db.prepare("SELECT json FROM rm_claims").all() as Array<{ json: string }>) {
    const c = JSON.parse(r.json) as Ledger.ClaimEntry;
    ledger.claims.set(c.claimId, c);
  }
  for (const r of db.prepare("SELECT claim_id, json FROM rm_amendments").all() as Array<{ claim_id: string; json: string }>)
    ledger.amendments.set(r.claim_id, JSON.parse(r.json) as Ledger.Amendment[]);
  const cp = db.prepare("SELECT commit_pos, prepare_pos, events FROM rm_checkpoints WHERE name = ?").get(name) as { commit_pos: string; prepare_pos: string; events: number } | undefined;
  let checkpoint: Position | null = cp === undefined ? null : { commit: BigInt(cp.commit_pos), prepare: BigInt(cp.prepare_pos) };
  ledger.events = cp?.events ?? 0;

  const putArticle = db.prepare("INSERT INTO rm_articles (article_id, json) VALUES (?, ?) ON CONFLICT(article_id) DO UPDATE SET json = excluded.json");
  const putClaim = db.prepare("INSERT INTO rm_claims (claim_id, json) VALUES (?, ?) ON CONFLICT(claim_id) DO UPDATE SET json = excluded.json");
  const putAmendments = db.prepare("INSERT INTO rm_amendments (claim_id, json) VALUES (?, ?) ON CONFLICT(claim_id) DO UPDATE SET json = excluded.json");
  const putCheckpoint = db.prepare(
    "INSERT INTO rm_checkpoints (name, commit_pos, prepare_pos, events) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET commit_pos = excluded.commit_pos, prepare_pos = excluded.prepare_pos, events = excluded.events",
  );

  const write = db.transaction((batch: ReadonlyArray<{ event: LedgerEvent; position: Position }>, last: Position) => {
    const articles = new Set<string>(), claims = new Set<string>(), amendments = new Set<string>();
    for (const { event } of batch) {
      const t = touched(ledger, event);
      t.articles.forEach((x) => articles.add(x));
      t.claims.forEach((x) => claims.add(x));
      t.amendments.forEach((x) => amendments.add(x));
    }
    for (const id of articles) {
      const a = ledger.articles.get(id);
      if (a !== undefined) putArticle.run(id, JSON.stringify(a));
    }
    for (const id of claims) {
      const c = ledger.claims.get(id);
      if (c !== undefined) putClaim.run(id, JSON.stringify(c));
    }
    for (const id of amendments) putAmendments.run(id, JSON.stringify(ledger.amendments.get(id) ?? []));
    putCheckpoint.run(name, last.commit.toString(), last.prepare.toString(), ledger.events);
  });

  return E.right({
    ledger,
    checkpoint: () => checkpoint,
    apply: (batch) => {
      if (batch.length === 0) return E.right(undefined);
      // Work on the in-memory ledger first; if the transaction fails, reload from disk on the next open.
      for (const { event } of batch) Ledger.evolve(ledger, event);
      const last = batch.at(-1)!.position;
      try {
        write(batch, last);
        checkpoint = last;
        return E.right(undefined);
      } catch (e) {
        return E.left(translateError(e));
      }
    },
    close: () => {
      if (db.open) db.close();
    },
  });
};
