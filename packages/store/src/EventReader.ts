/**
 * Reading the ledger back: stored events are decoded through the core's
 * codecs (upcasting older versions) and folded into the ledger. An event that
 * fails its codec stops the read with an error naming its stream, revision
 * and position: nothing is ever skipped silently.
 */
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { Events, Ledger } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import { comparePositions, showPosition } from "./EventStore.ts";
import type { EventStore, Position, ReadFrom, StoredEvent } from "./EventStore.ts";
import type { StoreError } from "./StoreError.ts";

/** Decodes one stored event, or says exactly where and why it cannot be read. */
export const decodeStored = (e: StoredEvent): E.Either<StoreError, LedgerEvent> => {
  const r = Events.decode(e.type, e.data);
  return E.isRight(r)
    ? r
    : E.left({ _tag: "EventDecodeFailed", stream: e.streamId, revision: e.revision, position: showPosition(e.position), message: Events.describeProblem(r.left) });
};

/** Options of a fold over the log. */
export interface FoldOptions {
  /** Stop after this position (inclusive): the ledger as this system had recorded it then. */
  readonly until?: Position | null;
  readonly from?: ReadFrom;
  readonly pageSize?: number;
}

/** Folds the global log page by page. `step` sees each decoded event with its stored envelope. */
export const foldAll = <S>(store: EventStore, initial: S, step: (s: S, e: LedgerEvent, stored: StoredEvent) => S, options: FoldOptions = {}): TE.TaskEither<StoreError, S> => async () => {
  let state = initial;
  let from: ReadFrom = options.from ?? "start";
  const pageSize = options.pageSize ?? 4096;
  for (;;) {
    const page = await store.readAll(from, pageSize)();
    if (E.isLeft(page)) return page;
    for (const stored of page.right) {
      if (options.until != null && comparePositions(stored.position, options.until) > 0) return E.right(state);
      const decoded = decodeStored(stored);
      if (E.isLeft(decoded)) return decoded;
      state = step(state, decoded.right, stored);
    }
    if (page.right.length < pageSize) return E.right(state);
    from = page.right.at(-1)!.position;
  }
};

/** Rebuilds the ledger projection from the whole log (or up to a position). */
export const readLedger = (store: EventStore, options: FoldOptions = {}): TE.TaskEither<StoreError, Ledger.Ledger> =>
  foldAll(store, Ledger.initial(), (l, e) => Ledger.evolve(l, e), options);
