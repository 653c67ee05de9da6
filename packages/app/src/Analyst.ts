/**
 * The analyst's actions as use cases: fold what the decider needs, decide,
 * then one append at the revision the decision was made on. Corrections,
 * rejections and added claims are decided against the ledger; a dating
 * against the article's own stream.
 */
import * as E from "fp-ts/lib/Either.js";
import { Analyst, ArticleStream, Ids, Reconcile } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import { decodeStored, ExpectedRevision } from "@factledger/store";
import type { NewEvent } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";
import * as PersistedLedger from "./PersistedLedger.ts";
import * as Queries from "./Queries.ts";

/** A command without its signature: the use case adds the time. */
export type Unsigned<C> = C extends unknown ? Omit<C, "recordedAt"> : never;

const revisionOf = async (parts: Parts, stream: string): Promise<bigint | null> => {
  const current = await parts.store.readStream(stream)();
  if (E.isLeft(current)) return Err.fail(Err.storeFailed(parts.where)(current.left));
  return current.right.at(-1)?.revision ?? null;
};

const append = async (parts: Parts, stream: string, revision: bigint | null, events: readonly LedgerEvent[], eventId: (e: LedgerEvent, i: number) => string): Promise<void> => {
  const correlationId = parts.ids.newId();
  const news: NewEvent[] = events.map((e, i) => ({ eventId: eventId(e, i), type: e.type, data: e, metadata: { correlationId, causationId: null } }));
  const r = await parts.store.appendToStream(stream, news, revision === null ? ExpectedRevision.NoStream : ExpectedRevision.Exact(revision))();
  if (E.isLeft(r)) return Err.fail(Err.storeFailed(parts.where)(r.left));
};

const lastEventOf = async (parts: Parts, stream: string): Promise<LedgerEvent | null> => {
  const read = await parts.store.readStream(stream)();
  if (E.isLeft(read)) return Err.fail(Err.storeFailed(parts.where)(read.left));
  const tail = read.right.at(-1);
  if (tail === undefined) return null;
  const d = decodeStored(tail);
  return E.isLeft(d) ? Err.fail(Err.storeFailed(parts.where)(d.left)) : d.right;
};

/** Decides an analyst's command on the ledger and appends its event; returns the event. */
export const act = async (parts: Parts, command: Unsigned<Analyst.Command>): Promise<LedgerEvent> => {
  const c = { ...command, recordedAt: parts.clock.now() } as Analyst.Command;
  // A direction is toward a party, each side or both together: a typo ("to_mars") would move a claim out of every total.
  const direction = c._tag === "AddClaim" ? c.direction : c._tag === "Correct" ? (c.changes as { direction?: string }).direction : undefined;
  const directions = Queries.directionsOf(parts.parties ?? Reconcile.defaultParties);
  if (direction !== undefined && !directions.includes(direction)) Err.fail(Err.invalidArgument("--direction", `unknown direction "${direction}" (known: ${directions.join(", ")})`));
  const stream = Analyst.streamOf(c);
  // The stream's revision is read before the ledger: an append by someone else in between is a conflict, not lost.
  const revision = await revisionOf(parts, stream);
  const ledger = await PersistedLedger.current(parts);
  const decided = Analyst.decide(c, ledger);
  if (E.isLeft(decided))
    return Err.fail(decided.left._tag === "UnknownClaim" ? { _tag: "UnknownClaim", claimId: decided.left.claimId, store: parts.where } : { _tag: "RuleViolated", violation: decided.left, store: parts.where });
  // A re-run of an action whose write already landed (the same event, at the same time) records nothing more.
  const last = revision === null ? null : await lastEventOf(parts, stream);
  if (last !== null && decided.right.length === 1 && JSON.stringify(last) === JSON.stringify(decided.right[0])) return decided.right[0]!;
  // An added claim's id is its content; a correction or rejection is a new fact each time.
  await append(parts, stream, revision, decided.right, (e) => (c._tag === "AddClaim" && e.type === "ClaimReported" ? Ids.eventIdOf(`manual:${e.claimId}`) : parts.ids.newId()));
  await PersistedLedger.advance(parts);
  return decided.right[0]!;
};

/** Dates an article (`facts date`): an ArticleDated event on its stream, at the stream's revision. */
export const date = async (parts: Parts, command: Unsigned<ArticleStream.DateArticle>): Promise<LedgerEvent> => {
  const c: ArticleStream.DateArticle = { ...command, recordedAt: parts.clock.now() };
  const stream = Ids.articleStream(c.articleId);
  const read = await parts.store.readStream(stream)();
  if (E.isLeft(read)) return Err.fail(Err.storeFailed(parts.where)(read.left));
  const events: LedgerEvent[] = [];
  for (const s of read.right) {
    const d = decodeStored(s);
    if (E.isLeft(d)) return Err.fail(Err.storeFailed(parts.where)(d.left));
    events.push(d.right);
  }
  const state = ArticleStream.fold(events);
  const decided = ArticleStream.decide(c, state);
  if (E.isLeft(decided)) return Err.fail({ _tag: "RuleViolated", violation: decided.left, store: parts.where });
  await append(parts, stream, state.revision, decided.right, () => parts.ids.newId());
  await PersistedLedger.advance(parts);
  return decided.right[0]!;
};
