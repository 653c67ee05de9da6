/**
 * What the application is built from: the store (and how to name it in
 * messages), the checkpoints of its projections, the clock and the id
 * source. Front ends make these at their edge (the CLI reads the clock and
 * the environment in main.ts) and tests pass fixed ones.
 */
import type { CheckpointStore, EventStore, LedgerProjection } from "@factledger/store";

/** The clock: recording times and today's day, both ISO strings. */
export interface Clock {
  readonly now: () => string;
  readonly today: () => string;
}

/** Fresh ids (correlation ids of a run). */
export interface IdSource {
  readonly newId: () => string;
}

/** The parts of an application. */
export interface Parts {
  readonly store: EventStore;
  /** How the store is named in messages ("factledger.db", "esdb://***@host"). */
  readonly where: string;
  readonly checkpoints: CheckpointStore;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The parties totals are reconciled for. Default: the built-in pack's. */
  readonly parties?: readonly string[];
  /** The ledger persisted beside the log: reads load and catch it up, writes move it forward. Without one, reads fold the log. */
  readonly projection?: LedgerProjection;
}

/** A clock fixed at one instant, for tests and reproducible runs. */
export const fixedClock = (iso: string): Clock => ({ now: () => iso, today: () => iso.slice(0, 10) });

/** Ids counted from 1 with a prefix, for tests. */
export const countingIds = (prefix = "id"): IdSource => {
  let n = 0;
  return { newId: () => `${prefix}-${++n}` };
};
