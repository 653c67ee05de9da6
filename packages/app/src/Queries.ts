/**
 * The read side: each query folds the ledger (up to a store position when
 * asked), views it as known on a day, reconciles, and returns one of the
 * contract's views (Views.ts). Unknown metrics and directions are errors that
 * list the known ones, decided before anything is printed.
 */
import * as E from "fp-ts/lib/Either.js";
import { Audit, Claim, Ledger, Reconcile, TotalsIndex } from "@factledger/core";
import { readLedger } from "@factledger/store";
import type { Position } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";
import * as PersistedLedger from "./PersistedLedger.ts";
import * as V from "./Views.ts";

/** The time axes of a read: known on `knownAt`, counting what happened through `through`, as recorded up to `position`. */
export interface Axes {
  readonly knownAt: string;
  readonly through: string;
  readonly since?: string | null;
  readonly position?: Position | null;
}

const partiesOf = (parts: Parts): readonly string[] => parts.parties ?? Reconcile.defaultParties;

/** The ledger at the head of the log (from the persisted projection when there is one), or as folded up to a position. */
export const ledger = async (parts: Parts, position: Position | null = null): Promise<Ledger.Ledger> => {
  if (position === null) return PersistedLedger.current(parts);
  const r = await readLedger(parts.store, { until: position })();
  return E.isLeft(r) ? Err.fail(Err.storeFailed(parts.where)(r.left)) : r.right;
};

/** The metrics a filter may name: the built-in ones and every metric in the ledger. */
export const knownMetrics = (l: Ledger.Ledger): string[] => [...new Set<string>([...Claim.builtInMetrics, ...[...l.claims.values()].map((c) => c.fields.metric)])].sort();

/** The directions of the vocabulary (CONTRACT.md): toward each party, each side, both together. */
export const directionsOf = (parties: readonly string[]): string[] => [...parties.map(Claim.toParty), "each_side", "total"].sort();

/** The directions a filter may name: those of the vocabulary and every direction in the ledger. */
export const knownDirections = (l: Ledger.Ledger, parties: readonly string[]): string[] =>
  [...new Set<string>([...directionsOf(parties), ...[...l.claims.values()].map((c) => c.fields.direction)])].sort();

const checkFilter = (parts: Parts, l: Ledger.Ledger, metric: string | undefined, direction: string | undefined): void => {
  if (metric !== undefined && !knownMetrics(l).includes(metric)) Err.fail(Err.invalidArgument("--metric", `unknown metric "${metric}" (known: ${knownMetrics(l).join(", ")})`));
  const directions = knownDirections(l, partiesOf(parts));
  if (direction !== undefined && !directions.includes(direction)) Err.fail(Err.invalidArgument("--direction", `unknown direction "${direction}" (known: ${directions.join(", ")})`));
};

const report = (parts: Parts, l: Ledger.Ledger, a: Axes): Reconcile.Report =>
  Reconcile.report(Ledger.view(l, { knownAt: a.knownAt }), { through: a.through, since: a.since ?? null, parties: partiesOf(parts) });

/** Options of `claims`. */
export interface ClaimsQuery {
  readonly metric?: string;
  readonly direction?: string;
  /** Null: every claim, whenever known. */
  readonly knownAt: string | null;
  /** Count only claims about what happened on or before this day (undated claims are kept). */
  readonly through?: string | null;
  readonly position?: Position | null;
}

/** Every claim known on a day, with its source, in knowledge order. */
export const claims = async (parts: Parts, q: ClaimsQuery): Promise<V.ClaimsView> => {
  const l = await ledger(parts, q.position ?? null);
  checkFilter(parts, l, q.metric, q.direction);
  const rows = Ledger.view(l, { knownAt: q.knownAt })
    .filter((c) => q.metric === undefined || c.fields.metric === q.metric)
    .filter((c) => q.direction === undefined || c.fields.direction === q.direction || (c.fields.direction === "each_side" && Claim.isPartyDirection(q.direction)))
    .filter((c) => q.through == null || (c.fields.validFrom ?? c.fields.validTo) === null || (c.fields.validFrom ?? c.fields.validTo)! <= q.through)
    .sort((a, b) => (a.knownAt + a.claimId < b.knownAt + b.claimId ? -1 : 1));
  return { claims: rows.map(V.claim) };
};

/** Reconciled totals, agreements and offers. */
export const totals = async (parts: Parts, a: Axes): Promise<V.TotalsView> => V.totals(report(parts, await ledger(parts, a.position ?? null), a), a.knownAt, a.through, a.since ?? null);

/** The totals' figures alone (the same as `totals`' figures), reconciled from the view. */
export const figures = async (parts: Parts, a: Axes): Promise<V.FiguresView> =>
  V.figures(Reconcile.report(Ledger.view(await ledger(parts, a.position ?? null), { knownAt: a.knownAt }), { through: a.through, since: a.since ?? null, parties: partiesOf(parts) }), a.knownAt, a.through, a.since ?? null);

/** The warm index of the ledger at the head of the log, to be built step by step (`TotalsIndex.building`). */
export const totalsIndex = async (parts: Parts): Promise<Generator<{ readonly done: number; readonly of: number }, TotalsIndex.TotalsIndex, void>> =>
  TotalsIndex.building(await ledger(parts), partiesOf(parts));

/** Every fact on which the sources disagree. */
export const discrepancies = async (parts: Parts, a: Axes): Promise<V.DiscrepanciesView> => V.discrepancies(report(parts, await ledger(parts, a.position ?? null), a), a.knownAt, a.through);

/** The whole picture for a reporter: totals, agreements, discrepancies, and what is undated. */
export const reportView = async (parts: Parts, a: Axes): Promise<V.ReportView> => {
  const l = await ledger(parts, a.position ?? null);
  const r = report(parts, l, a);
  const articles = [...l.articles.values()];
  const known = articles.filter((x) => x.knownAt <= a.knownAt);
  const undated = known.filter((x) => x.publishedAt === null);
  return {
    ...V.totals(r, a.knownAt, a.through),
    discrepancies: V.discrepancies(r, a.knownAt, a.through).discrepancies,
    articles: known.length,
    claims: Ledger.view(l, { knownAt: a.knownAt }).length,
    undated: undated.map((x) => ({ articleId: x.articleId, path: x.path, knownAt: x.knownAt })),
    undatedOutside: articles.filter((x) => x.publishedAt === null && x.knownAt > a.knownAt).length,
  };
};

/** Options of `audit` and `timeline`. */
export interface TotalQuery {
  readonly metric: string;
  readonly direction: string;
  /** As known on this day (null: everything known). */
  readonly knownAt: string | null;
  readonly through: string | null;
  readonly position?: Position | null;
}

const changesOf = async (parts: Parts, q: TotalQuery) => {
  const l = await ledger(parts, q.position ?? null);
  checkFilter(parts, l, q.metric, q.direction);
  // The audit replays knowledge in order: what was known on a day is the changes up to that day.
  const changes = Audit.audit(l, q.metric, q.direction, { parties: partiesOf(parts), through: q.through }).filter((c) => q.knownAt === null || c.knownAt <= q.knownAt);
  return { l, changes };
};

/** How one total changed, claim by claim. */
export const audit = async (parts: Parts, q: TotalQuery): Promise<V.AuditView> => {
  const { l, changes } = await changesOf(parts, q);
  return V.audit(l, q.metric, q.direction, changes, q.knownAt, q.through);
};

/** A total as known on each day it changed. */
export const timeline = async (parts: Parts, q: TotalQuery): Promise<V.TimelineView> => {
  const { changes } = await changesOf(parts, q);
  return { metric: q.metric, direction: q.direction, points: Audit.timeline(changes) };
};
