/**
 * The audit trail of a total: replay knowledge day by day, article by article,
 * and keep each step where the reconciled total changed, with the claims and
 * the article (or analyst amendment) that caused it. The timeline is the
 * same replay summarised per day.
 */
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { directionsOf } from "./FactSlot.ts";

/** A total's figure at one moment; all null before anything was known. */
export interface Figure {
  readonly best: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** One change of a total. */
export interface Change {
  readonly knownAt: string;
  /** The article whose claims caused the change; null for an analyst amendment. */
  readonly articleId: string | null;
  readonly claimIds: readonly string[];
  readonly before: Figure;
  readonly after: Figure;
}

const none: Figure = { best: null, lo: null, hi: null };

const same = (a: Figure, b: Figure): boolean => a.best === b.best && a.lo === b.lo && a.hi === b.hi;

/** Options of an audit. */
export interface Options {
  readonly parties: readonly string[];
  /** Count what happened on or before this day; null counts everything known. */
  readonly through: string | null;
}

/** Every change of the total of `metric` toward `direction`, in knowledge order. */
export const audit = (ledger: L.Ledger, metric: string, direction: string, options: Options): Change[] => {
  const concerns = (f: { metric: string; direction: string }): boolean => f.metric === metric && directionsOf(f.direction, options.parties).includes(direction);
  const relevant = (c: L.ClaimView): boolean => concerns(c.fields);
  // Every claim that was ever known about this total, including those rejected or moved away since: their day is a step too.
  const all = [...ledger.claims.values()].filter(
    (c) => c.supersededBy === null && (concerns(c.fields) || (ledger.amendments.get(c.claimId) ?? []).some((a) => a.change._tag === "Corrected" && concerns({ ...c.fields, ...a.change.changes }))),
  );
  const ids = new Set(all.map((c) => c.claimId));
  type Step = { day: string; articleId: string | null; claimIds: string[] };
  const steps = new Map<string, Step>();
  for (const c of all) {
    const k = `${c.knownAt}|0|${c.articleId ?? c.claimId}`;
    const s = steps.get(k) ?? { day: c.knownAt, articleId: c.articleId, claimIds: [] };
    s.claimIds.push(c.claimId);
    steps.set(k, s);
  }
  for (const [claimId, list] of ledger.amendments)
    if (ids.has(claimId) || (ledger.claims.get(claimId) !== undefined && concerns(ledger.claims.get(claimId)!.fields)))
      for (const a of list) {
        const k = `${a.effectiveOn}|1|analyst`;
        const s = steps.get(k) ?? { day: a.effectiveOn, articleId: null, claimIds: [] };
        s.claimIds.push(claimId);
        steps.set(k, s);
      }
  const ordered = [...steps.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, s]) => ({ k, s }));
  // Only these claims can be relevant at any step: the others keep fields that never concern this total
  // (no correction), so each step views these alone, in ledger order, with their own amendments.
  const candidates = new Map<string, L.ClaimEntry>();
  for (const c of ledger.claims.values())
    if (ids.has(c.claimId) || (ledger.amendments.get(c.claimId) ?? []).some((a) => a.change._tag === "Corrected")) candidates.set(c.claimId, c);
  const candidateAmendments = [...ledger.amendments].filter(([id]) => candidates.has(id));
  const changes: Change[] = [];
  let before = none;
  for (const { k, s } of ordered) {
    // A day's articles come before that day's amendments: an article's step does not show an analyst's change of the same day.
    const asOfStep: L.Ledger = { ...ledger, claims: candidates, amendments: new Map(candidateAmendments.map(([id, list]) => [id, list.filter((a) => `${a.effectiveOn}|1|analyst` <= k)])) };
    const visible = L.view(asOfStep, { knownAt: s.day })
      .filter(relevant)
      .filter((c) => c.knownAt < s.day || `${c.knownAt}|0|${c.articleId ?? c.claimId}` <= k);
    const t = R.figureOf(visible, metric, direction, { through: options.through, parties: options.parties });
    const after: Figure = t === undefined ? none : { best: t.best, lo: t.lo, hi: t.hi };
    if (!same(before, after)) changes.push({ knownAt: s.day, articleId: s.articleId, claimIds: s.claimIds.sort(), before, after });
    before = after;
  }
  return changes;
};

/** A total as known at the end of each day on which it changed. */
export interface TimelinePoint extends Figure {
  readonly day: string;
}

/** The total as known on each day it changed. */
export const timeline = (changes: readonly Change[]): TimelinePoint[] => {
  const byDay = new Map<string, TimelinePoint>();
  for (const c of changes) byDay.set(c.knownAt, { day: c.knownAt, ...c.after });
  return [...byDay.values()].filter((p, i, arr) => i === 0 || !same(p, arr[i - 1]!));
};
