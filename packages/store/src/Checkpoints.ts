/**
 * The checkpoint port: how far a projection (or a migration) has read the
 * global log, saved under a name so that a restart resumes just after the
 * last event it handled. The in-memory implementation is for tests and for
 * one-off runs; the embedded one lives in @factledger/store-sqlite.
 */
import * as TE from "fp-ts/lib/TaskEither.js";
import type { Position } from "./EventStore.ts";
import type { StoreError } from "./StoreError.ts";

/** Named checkpoints. */
export interface CheckpointStore {
  /** The position saved under `name`, or null when none was. */
  readonly load: (name: string) => TE.TaskEither<StoreError, Position | null>;
  /** Saves `position` under `name`, replacing what was there. */
  readonly save: (name: string, position: Position) => TE.TaskEither<StoreError, void>;
  readonly close: () => Promise<void>;
}

/** Checkpoints kept in memory (lost when the process ends). */
export const makeMemoryCheckpoints = (): CheckpointStore => {
  const saved = new Map<string, Position>();
  return {
    load: (name) => TE.right(saved.get(name) ?? null),
    save: (name, position) => {
      saved.set(name, position);
      return TE.right(undefined);
    },
    close: async () => {},
  };
};
