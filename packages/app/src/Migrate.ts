/**
 * Copying a log between any two stores: every stream's events in global
 * order, with the same event ids and revisions (consecutive events of one
 * stream, one append in the source, are one append in the target). Resumable
 * from a checkpoint, and a run over events the target already has copies
 * nothing: each stream's revision in the target is checked first.
 */
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision } from "@factledger/store";
import type { CheckpointStore, EventStore, NewEvent, ReadFrom, StoredEvent } from "@factledger/store";
import * as Err from "./AppError.ts";

/** One side of a migration: a store and its name for messages. */
export interface Side {
  readonly store: EventStore;
  readonly where: string;
}

/** What a migration did. */
export interface Migrated {
  readonly copied: number;
  readonly skipped: number;
}

/** Copies `from` into `to`; the checkpoint is saved under `migrate:<to>` after each append. */
export const migrate = async (from: Side, to: Side, checkpoints: CheckpointStore, pageSize = 2000): Promise<Migrated> => {
  const key = `migrate:${to.where}`;
  const saved = await checkpoints.load(key)();
  if (E.isLeft(saved)) return Err.fail(Err.storeFailed("checkpoints")(saved.left));
  let position: ReadFrom = saved.right ?? "start";
  if (position !== "start") {
    // A checkpoint for a target that holds nothing: it was removed or replaced since the last run, so the
    // checkpoint says nothing about it; copy from the start (what is there already is skipped by id).
    const any = await to.store.readAll("start", 1)();
    if (E.isLeft(any)) return Err.fail(Err.storeFailed(to.where)(any.left));
    if (any.right.length === 0) position = "start";
  }
  let copied = 0;
  let skipped = 0;
  const targetRevision = new Map<string, { revision: bigint | null; ids: Set<string> }>();
  const revisionInTarget = async (stream: string) => {
    let r = targetRevision.get(stream);
    if (r === undefined) {
      const there = await to.store.readStream(stream)();
      if (E.isLeft(there)) return Err.fail(Err.storeFailed(to.where)(there.left));
      r = { revision: there.right.at(-1)?.revision ?? null, ids: new Set(there.right.map((x) => x.eventId)) };
      targetRevision.set(stream, r);
    }
    return r;
  };
  for (;;) {
    const page = await from.store.readAll(position, pageSize)();
    if (E.isLeft(page)) return Err.fail(Err.storeFailed(from.where)(page.left));
    if (page.right.length === 0) break;
    const groups: StoredEvent[][] = [];
    for (const e of page.right) {
      const last = groups.at(-1);
      if (last !== undefined && last[0]!.streamId === e.streamId && last.at(-1)!.revision + 1n === e.revision) last.push(e);
      else groups.push([e]);
    }
    for (const g of groups) {
      const first = g[0]!;
      const lastEvent = g.at(-1)!;
      const target = await revisionInTarget(first.streamId);
      if (target.revision !== null && target.revision >= lastEvent.revision) {
        // Already there (an earlier run, or a resumed one after a crash between the append and the checkpoint).
        if (!g.every((e) => target.ids.has(e.eventId)))
          return Err.fail(Err.storeFailed(to.where)({ _tag: "VersionConflict", stream: first.streamId, expected: ExpectedRevision.Exact(first.revision - 1n), actual: target.revision }));
        skipped += g.length;
      } else {
        const expected = first.revision === 0n ? ExpectedRevision.NoStream : ExpectedRevision.Exact(first.revision - 1n);
        const events: NewEvent[] = g.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: { ...e.metadata, migratedFrom: { position: `${e.position.commit}`, recordedAt: e.recordedAt } } }));
        const r = await to.store.appendToStream(first.streamId, events, expected)();
        if (E.isLeft(r)) return Err.fail(Err.storeFailed(to.where)(r.left));
        for (const e of g) target.ids.add(e.eventId);
        target.revision = lastEvent.revision;
        copied += g.length;
      }
      const s = await checkpoints.save(key, lastEvent.position)();
      if (E.isLeft(s)) return Err.fail(Err.storeFailed("checkpoints")(s.left));
    }
    position = page.right.at(-1)!.position;
  }
  return { copied, skipped };
};
