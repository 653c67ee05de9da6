/**
 * Projections and the runner that keeps them current. A projection is a fold
 * (initial state, evolve) over the event types it handles; a sink holds its
 * state and its checkpoint and applies a batch of events together with the
 * new checkpoint, so that a restart resumes just after the last event
 * applied. The runner catches up from the checkpoint, then follows live.
 */
import * as E from "fp-ts/lib/Either.js";
import { Ledger } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import { decodeStored } from "@factledger/store";
import type { CheckpointStore, EventStore, Position, StoreErrorT, StoredEvent } from "@factledger/store";

/** A projection: a fold over some event types. */
export interface Projection<S> {
  readonly name: string;
  /** The event types it handles; the others are skipped (and still move the checkpoint). */
  readonly handles: readonly LedgerEvent["type"][];
  readonly initial: () => S;
  readonly evolve: (state: S, event: LedgerEvent) => S;
}

/** The ledger projection (articles, claims, amendments): what the read model holds. */
export const ledger: Projection<Ledger.Ledger> = {
  name: "ledger",
  handles: ["ArticleRecorded", "ClaimReported", "ArticleReextracted", "ClaimCorrected", "ClaimRejected", "ArticleDated"],
  initial: Ledger.initial,
  evolve: Ledger.evolve,
};

/** One event with its position in the log. */
export interface Positioned {
  readonly event: LedgerEvent;
  readonly position: Position;
  readonly eventId: string;
  readonly recordedAt: string;
}

/** Where a projection's state and checkpoint live. */
export interface Sink {
  /** The position of the last event applied, or null before any. */
  readonly checkpoint: () => Position | null;
  /** Applies a batch and moves the checkpoint to its last position, all or nothing. */
  readonly apply: (batch: readonly Positioned[]) => E.Either<StoreErrorT, void>;
}

/**
 * A sink that keeps the state in memory and the checkpoint in a checkpoint store (saved after
 * each batch: after a crash the batch is applied again to a state rebuilt from the start).
 */
export const memorySink = async <S>(p: Projection<S>, checkpoints: CheckpointStore): Promise<E.Either<StoreErrorT, Sink & { readonly state: () => S; readonly flush: () => Promise<E.Either<StoreErrorT, void>> }>> => {
  const cp = await checkpoints.load(p.name)();
  if (E.isLeft(cp)) return cp;
  let state = p.initial();
  let checkpoint = cp.right;
  let dirty = false;
  return E.right({
    state: () => state,
    checkpoint: () => checkpoint,
    apply: (batch) => {
      for (const { event } of batch) if (p.handles.includes(event.type)) state = p.evolve(state, event);
      if (batch.length > 0) {
        checkpoint = batch.at(-1)!.position;
        dirty = true;
      }
      return E.right(undefined);
    },
    flush: async () => {
      if (!dirty || checkpoint === null) return E.right(undefined);
      dirty = false;
      return checkpoints.save(p.name, checkpoint)();
    },
  });
};

/** How a run ended. */
export interface RunResult {
  readonly applied: number;
  readonly error: StoreErrorT | null;
}

/** A running projection: `done` settles when it stops (caught up with `once`, stopped, or failed). */
export interface Running {
  readonly done: Promise<RunResult>;
  readonly stop: () => void;
}

/** Options of a run. */
export interface RunOptions {
  /** Stop once caught up. */
  readonly once: boolean;
  /** Told when the runner has applied everything stored when it started. */
  readonly onCaughtUp?: (applied: number) => void;
  /** Events per batch while catching up. Default 500. */
  readonly batchSize?: number;
}

/** Subscribes to the log after the sink's checkpoint and applies every event to the sink, in batches. */
export const run = (store: EventStore, sink: Sink, options: RunOptions): Running => {
  let applied = 0;
  let error: StoreErrorT | null = null;
  let caughtUp = false;
  const pending: Positioned[] = [];
  const batchSize = options.batchSize ?? 500;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const flush = (): void => {
    if (pending.length === 0 || error !== null) return;
    const r = sink.apply(pending.splice(0));
    if (E.isLeft(r)) error = r.left;
  };
  const stopWith = (e: StoreErrorT | null) => {
    if (e !== null && error === null) error = e;
    void sub.stop().then(() => {
      flush();
      finish();
    });
  };
  const start = sink.checkpoint();
  const sub = store.subscribeToAll(start ?? "start", {
    onEvent: (stored: StoredEvent) => {
      if (error !== null) return;
      const d = decodeStored(stored);
      if (E.isLeft(d)) return stopWith(d.left);
      pending.push({ event: d.right, position: stored.position, eventId: stored.eventId, recordedAt: stored.recordedAt });
      applied++;
      if (pending.length >= batchSize || caughtUp) flush();
      if (error !== null) stopWith(null);
    },
    onCaughtUp: () => {
      caughtUp = true;
      flush();
      options.onCaughtUp?.(applied);
      if (options.once) stopWith(null);
    },
    onError: (e) => stopWith(e),
  });
  return { done: done.then(() => ({ applied, error })), stop: () => stopWith(null) };
};
