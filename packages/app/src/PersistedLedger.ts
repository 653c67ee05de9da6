/**
 * The ledger at the head of the log, from the persisted projection when the
 * parts have one (Marten's async daemon and KurrentDB's checkpointed
 * subscriptions are the model): checked to belong to this log, caught up from
 * its tip, and rebuilt from the log when it is missing, of another version or
 * damaged. Writers (ingest, analyst actions, the runner) move it forward
 * after they append, touching only the rows their events touch. Without a
 * projection the log is folded, as before; a projection that cannot be read
 * or written never fails a command, it is only slower.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Ledger } from "@factledger/core";
import { comparePositions, decodeStored, readLedger } from "@factledger/store";
import type { Applied, Applying, LedgerProjection, ReadFrom, StoreErrorT } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";
import type { Sink } from "./Projection.ts";

/** Events read and applied per transaction while catching up. */
const PAGE = 4096;

const fold = async (parts: Parts): Promise<Ledger.Ledger> => {
  const r = await readLedger(parts.store)();
  return E.isLeft(r) ? Err.fail(Err.storeFailed(parts.where)(r.left)) : r.right;
};

/** True when the projection's tip is an event of this log (a store re-created in its place has other events, or other recording times, there). */
const belongs = async (parts: Parts, p: LedgerProjection): Promise<boolean> => {
  const tip = p.tip();
  if (tip === null) return true;
  const r = await parts.store.readAll(tip.previous, 1)();
  if (E.isLeft(r)) return Err.fail(Err.storeFailed(parts.where)(r.left));
  const e = r.right[0];
  return e !== undefined && comparePositions(e.position, tip.position) === 0 && e.eventId === tip.eventId && e.recordedAt === tip.recordedAt;
};

/** Reads the log after the projection's tip and applies it page by page. */
const catchUp = async (parts: Parts, p: LedgerProjection): Promise<E.Either<StoreErrorT, Applying>> => {
  let from: ReadFrom = p.tip()?.position ?? "start";
  for (;;) {
    const page = await parts.store.readAll(from, PAGE)();
    if (E.isLeft(page)) return Err.fail(Err.storeFailed(parts.where)(page.left));
    if (page.right.length === 0) return E.right("Applied");
    const batch: Applied[] = [];
    for (const s of page.right) {
      const d = decodeStored(s);
      if (E.isLeft(d)) return Err.fail(Err.storeFailed(parts.where)(d.left));
      batch.push({ event: d.right, position: s.position, eventId: s.eventId, recordedAt: s.recordedAt });
    }
    const r = p.apply(batch);
    if (E.isLeft(r) || r.right === "Stale") return r;
    if (page.right.length < PAGE) return E.right("Applied");
    from = page.right.at(-1)!.position;
  }
};

const reset = (p: LedgerProjection, reason: string): boolean => E.isRight(p.reset(reason));

/** The whole ledger at the head of the log. */
export const current = async (parts: Parts): Promise<Ledger.Ledger> => {
  const p = parts.projection;
  if (p === undefined) return fold(parts);
  if (!(await belongs(parts, p)) && !reset(p, "its tip is not an event of this log")) return fold(parts);
  let loaded = p.load();
  if (E.isLeft(loaded) && loaded.left._tag === "Corrupt" && reset(p, `damaged: ${loaded.left.message}`)) loaded = p.load();
  if (E.isLeft(loaded)) return fold(parts);
  // Loaded whole, the projection applies in memory even when its file cannot be written: the answer stands.
  const r = await catchUp(parts, p);
  if (E.isLeft(r) || r.right === "Stale") return fold(parts);
  const l = p.load();
  return E.isLeft(l) ? fold(parts) : l.right;
};

/**
 * Moves the projection forward after an append, loading only the rows the new events touch. A damaged
 * row found on the way makes it rebuild; any other failure leaves it behind, for the next reader.
 */
export const advance = async (parts: Parts): Promise<void> => {
  const p = parts.projection;
  if (p === undefined) return;
  try {
    if (!(await belongs(parts, p)) && !reset(p, "its tip is not an event of this log")) return;
    const r = await catchUp(parts, p);
    if (E.isLeft(r) && r.left._tag === "Corrupt" && reset(p, `damaged: ${r.left.message}`)) await catchUp(parts, p);
  } catch (e) {
    // The append has landed; a projection left behind is caught up by the next reader.
    if (!(e instanceof Err.Failure)) throw e;
  }
};

/** The projection as a sink of the runner (`facts follow`), after checking it belongs to this log. */
export const sink = async (parts: Parts): Promise<Sink & { readonly events: () => number }> => {
  const p = parts.projection;
  if (p === undefined) return Err.fail(Err.invalidArgument("--read-model", "no projection to follow into"));
  if (!(await belongs(parts, p))) reset(p, "its tip is not an event of this log");
  return {
    checkpoint: () => p.tip()?.position ?? null,
    events: () => p.tip()?.events ?? 0,
    apply: (batch) => {
      const r = p.apply(batch);
      if (E.isLeft(r)) return r;
      return r.right === "Applied" ? E.right(undefined) : E.left({ _tag: "Unexpected", message: `${p.description}: another process rebuilt the projection while this one followed; run it again` });
    },
  };
};
