/**
 * The read model of `facts follow` as it was first offered: the ledger and
 * its checkpoint, loaded whole. It is now the persisted ledger projection
 * (SqliteLedgerProjection.ts) seen through that older shape; new code should
 * open the projection itself.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Ledger } from "@factledger/core";
import type { Applied, Position, StoreErrorT } from "@factledger/store";
import { openLedgerProjection } from "./SqliteLedgerProjection.ts";

/** The read model: a ledger kept current and durable. */
export interface SqliteReadModel {
  /** The ledger as of the checkpoint. */
  readonly ledger: Ledger.Ledger;
  /** The position of the last event applied, or null before any. */
  readonly checkpoint: () => Position | null;
  /** Applies events and moves the checkpoint, atomically. */
  readonly apply: (batch: readonly Applied[]) => E.Either<StoreErrorT, void>;
  readonly close: () => void;
}

/** Opens (or creates) a read model in a SQLite file, loaded whole (a damaged one is emptied, to be rebuilt). */
export const openReadModel = (path: string): E.Either<StoreErrorT, SqliteReadModel> => {
  const opened = openLedgerProjection(path);
  if (E.isLeft(opened)) return opened;
  const p = opened.right;
  let loaded = p.load();
  if (E.isLeft(loaded) && loaded.left._tag === "Corrupt") {
    const r = p.reset(`damaged: ${loaded.left.message}`);
    if (E.isLeft(r)) return r;
    loaded = p.load();
  }
  if (E.isLeft(loaded)) {
    p.close();
    return loaded;
  }
  const ledger = loaded.right;
  return E.right({
    ledger,
    checkpoint: () => p.tip()?.position ?? null,
    apply: (batch) => {
      const r = p.apply(batch);
      return E.isLeft(r) ? r : E.right(undefined);
    },
    close: p.close,
  });
};
