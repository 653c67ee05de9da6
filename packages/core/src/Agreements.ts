/**
 * Agreements and offers. An agreement is identified by what it is about and
 * the day it was made (the talks), so every source's figure for it is one
 * version of one agreement. Its progress is the total over its scope (from
 * the day it was made until the next agreement on the same count, or the
 * day its progress reached the target, whichever comes first), which
 * takes in the events there and the cumulative figures scoped to it. A
 * one-sided offer or pledge is listed apart and counts toward nothing.
 */
import * as FS from "./FactSlot.ts";
import * as F from "./Figure.ts";
import * as Q from "./Quantity.ts";
import * as T from "./Totals.ts";
import type { Discrepancy } from "./Discrepancy.ts";
import { fulfilledBy, isPartyDirection, isSwapCount } from "./Claim.ts";
import { previous } from "./DateOnly.ts";
import type { ClaimView } from "./Ledger.ts";

/** Progress of one agreement toward one direction. */
export interface Agreement {
  /** One id per agreement (metric and day made), shared by its directions. */
  readonly agreementId: string;
  readonly metric: string;
  readonly direction: string;
  readonly target: number;
  readonly targetLo: number;
  readonly targetHi: number | null;
  readonly agreedOn: string | null;
  readonly done: number;
  readonly doneLo: number;
  readonly doneHi: number | null;
  readonly remaining: number;
  /** The days its progress counts: from the day it was made to the day before the next agreement, the day the target was reached, or `through`. */
  readonly scope: { readonly from: string | null; readonly to: string };
  /** The event slots inside its scope. */
  readonly slots: readonly FS.Slot[];
  readonly sources: readonly string[];
  /** Every source's figure for this agreement, in every direction (each side, one side, both together). */
  readonly versions: readonly FS.Placed[];
}

/** A one-sided offer or pledge ("ready to hand over nearly 3,000 more"): shown, never counted as agreed. */
export interface Offer {
  readonly metric: string;
  readonly direction: string;
  readonly offeredOn: string | null;
  readonly figure: F.Figure;
  readonly sources: readonly string[];
  readonly versions: readonly FS.Placed[];
}

const sourcesOf = (slots: readonly FS.Slot[]): string[] => {
  const names = new Map<string, string>();
  for (const s of slots) for (const v of s.versions) if (!names.has(v.current.claimant)) names.set(v.current.claimant, v.current.claim.fields.attributedTo);
  return [...names.values()].sort();
};

const isOffer = (s: FS.Slot): boolean => s.key.endsWith("|offered");

/** The first index of a sorted array whose element is not below `key`. */
const lowerBound = (sorted: readonly string[], key: string): number => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** The first index of a sorted array whose element is above `key`. */
const upperBound = (sorted: readonly string[], key: string): number => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** What the progress of agreements reads of a solved group, indexed once per group (groups are immutable). */
interface GroupIndex {
  readonly readings: readonly T.Counted[];
  /** The days its progress can change on, sorted and distinct: where a window ends, or an undated figure's article day. */
  readonly ends: readonly string[];
  /** The dated event readings not set aside (indexes into `readings`), by first day of their window, and those first days. */
  readonly byFrom: readonly number[];
  readonly froms: readonly string[];
  /** The same readings by the day of the agreement their source links them to. */
  readonly linkedTo: ReadonlyMap<string, readonly number[]>;
}
const groupIndexes = new WeakMap<T.Group, GroupIndex>();
const indexOf = (g: T.Group): GroupIndex => {
  const known = groupIndexes.get(g);
  if (known !== undefined) return known;
  const readings = g.readings;
  const ends = [...new Set(readings.map((r) => (r.window !== null ? r.window.to : r.slot.happenedBy)))].sort();
  const eligible: number[] = [];
  const linkedTo = new Map<string, number[]>();
  readings.forEach((r, i) => {
    if (r.slot.kind !== "event" || r.window === null || r.reading === "set_aside") return;
    eligible.push(i);
    const linked = r.slot.agreedOn;
    if (linked !== null) {
      const list = linkedTo.get(linked);
      if (list === undefined) linkedTo.set(linked, [i]);
      else list.push(i);
    }
  });
  const fromOf = (i: number): string => readings[i]!.window!.from!;
  const byFrom = eligible.sort((a, b) => (fromOf(a) < fromOf(b) ? -1 : fromOf(a) > fromOf(b) ? 1 : a - b));
  const index: GroupIndex = { readings, ends, byFrom, froms: byFrom.map(fromOf), linkedTo };
  groupIndexes.set(g, index);
  return index;
};

/** How far past a target's upper bound the figure of the day that meets it may go and still meet it (rule 6). */
export const OVERSHOOT = 1.1;

/**
 * The deal one claim tells of: the day the agreement was made and the count that fulfils it, for a dated
 * target that is not an offer (the targets whose days end an agreement's scope in `agreements`); null otherwise.
 */
export const dealOf = (c: ClaimView): { readonly count: string; readonly day: string } | null => {
  const f = c.fields;
  if (f.kind !== "target" || f.commitment === "offered") return null;
  const count = fulfilledBy(f.metric);
  const day = f.validFrom ?? f.validTo;
  return count === null || day === null ? null : { count, day };
};

/** The days agreements were made, by count, as the claims known tell them (`Totals.Deals`: a running count under one ends at the next). */
export const dealsOf = (deals: Iterable<{ readonly count: string; readonly day: string } | null>): T.Deals => {
  const sets = new Map<string, Set<string>>();
  for (const d of deals) {
    if (d === null) continue;
    const set = sets.get(d.count);
    if (set === undefined) sets.set(d.count, new Set([d.day]));
    else set.add(d.day);
  }
  return new Map([...sets].map(([k, set]) => [k, [...set].sort()]));
};

/** The days agreements were made, as a set of claims tells them. */
export const dealsOfClaims = (claims: readonly ClaimView[]): T.Deals => dealsOf(claims.map(dealOf));

/** The offers among target slots, through a day. */
export const offers = (slots: readonly FS.Slot[], through: string | null): Offer[] =>
  slots
    .filter((s) => s.kind === "target" && isOffer(s) && (through === null || s.happenedBy <= through))
    .map((s) => ({ metric: s.metric, direction: s.direction, offeredOn: s.day, figure: s.reconciled, sources: sourcesOf([s]), versions: s.versions.map((v) => v.current) }));

/**
 * Agreement progress. `groups` gives the solved totals of each fulfilling metric and direction
 * (key `metric|direction`); events that their sources link to another agreement are taken out of
 * this one's scope, and events linked to this one outside its scope are added.
 */
export const agreements = (slots: readonly FS.Slot[], groups: ReadonlyMap<string, T.Group>, through: string | null, deals: T.Deals = new Map()): Agreement[] => {
  const targets = slots.filter((s) => s.kind === "target" && !isOffer(s) && (through === null || s.happenedBy <= through) && fulfilledBy(s.metric) !== null);
  // An undated mention of a deal by its figure ("under the 1000 for 1000 formula") is the latest deal made
  // before it on the same count with that figure, when there is one: another version of it, not a deal of its own.
  const dated = targets.filter((t) => t.day !== null);
  const referenced = new Map<string, FS.Slot[]>();
  const undatedOwn: FS.Slot[] = [];
  for (const t of targets) {
    if (t.day !== null) continue;
    const same = dated
      .filter((d) => d.metric === t.metric && d.day! <= t.happenedBy && Q.consistent(F.interval(d.reconciled), F.interval(t.reconciled)))
      .sort((a, b) => (a.day! < b.day! ? 1 : -1))[0];
    if (same === undefined) undatedOwn.push(t);
    else {
      const k = `${same.metric}|${same.day}`;
      referenced.set(k, [...(referenced.get(k) ?? []), t]);
    }
  }
  const byAgreement = new Map<string, FS.Slot[]>();
  for (const t of [...dated, ...undatedOwn]) {
    const k = `${t.metric}|${t.day ?? `undated:${t.key}`}`;
    const list = byAgreement.get(k);
    if (list === undefined) byAgreement.set(k, [t]);
    else list.push(t);
  }
  // The days agreements were made, per metric (in any direction: a deal on both sides together is a deal on
  // each side too): a later one ends an earlier one's scope.
  const daySets = new Map<string, Set<string>>();
  for (const t of targets)
    if (t.day !== null) {
      const set = daySets.get(t.metric);
      if (set === undefined) daySets.set(t.metric, new Set([t.day]));
      else set.add(t.day);
    }
  const daysOf = new Map<string, string[]>([...daySets].map(([k, set]) => [k, [...set].sort()]));

  // Each agreement's target, progress days and phases are looked up in indexes built once (they were scans of
  // every target and every reading per agreement): the same values, in the same order.
  // Each target's best (the figure its direction is fulfilled at, for each side of an N-for-N deal too) and the
  // highest it can be (null: no ceiling, "at least 1,000": what its progress may reach on the day it is met).
  const targetIndex = new Map<string, { best: number; hi: number | null }>();
  for (const t of targets) {
    const k = `${t.metric}|${t.day ?? "\u0000"}|${t.direction}`;
    const known = targetIndex.get(k);
    const { best, hi } = t.reconciled;
    targetIndex.set(k, known === undefined ? { best, hi } : { best: Math.max(known.best, best), hi: known.hi === null || hi === null ? null : Math.max(known.hi, hi) });
  }
  const targetOf = (metric: string, direction: string, day: string | null) => targetIndex.get(`${metric}|${day ?? "\u0000"}|${direction}`) ?? null;
  type Done = { figure: F.Figure; scope: { from: string | null; to: string }; phases: FS.Slot[] };
  // A direction's progress is asked again by the row of both sides together: it is computed once.
  const doneCache = new Map<string, Done>();
  const doneIn = (metric: string, direction: string, day: string | null, madeOn: string): Done => {
    const k = `${metric}|${direction}|${day ?? ""}|${madeOn}`;
    const known = doneCache.get(k);
    if (known !== undefined) return known;
    const done = progress(metric, direction, day, madeOn);
    doneCache.set(k, done);
    return done;
  };
  const progress = (metric: string, direction: string, day: string | null, madeOn: string): Done => {
    const fulfils = fulfilledBy(metric)!;
    let g = groups.get(`${fulfils}|${direction}`);
    const days = daysOf.get(metric) ?? [];
    const nextDay = days[upperBound(days, madeOn)];
    const end = nextDay !== undefined ? previous(nextDay) : null;
    // Its scope runs to the next agreement or the day asked; nothing is known of the days after the last report,
    // so when the scope reaches past it the progress has no ceiling (as a total through such a day has none).
    const reach = [end, through].filter((d): d is string => d !== null).sort()[0] ?? null;
    const last = g?.lastDay ?? madeOn;
    let to = reach !== null && reach < last ? reach : last;
    // When the whole count set aside a figure said of this scope alone, the scope is answered by what is said of it.
    if (g !== undefined && to >= madeOn) g = scopedGroup(g, fulfils, direction, day, madeOn, to) ?? g;
    // No group: nothing reported at all, so any day the scope reaches is after the last report.
    const ceiling = (f: F.Figure): F.Figure => (reach === null ? f : T.openAfter(f, reach, g?.lastDay ?? ""));
    if (g === undefined || to < madeOn) return { figure: ceiling(F.zero), scope: { from: madeOn, to }, phases: [] };
    let reached = false;
    // An agreement is fulfilled on the first day its progress reaches the target: what comes after is beyond it.
    const agreed = targetOf(metric, direction, day);
    const target = agreed?.best ?? null;
    if (target !== null && target > 0) {
      // The days its progress can change on: where a window ends, or an undated figure's article day (its upper bound may widen there).
      const ends = indexOf(g).ends;
      const first = lowerBound(ends, madeOn);
      const past = upperBound(ends, to);
      // The same probes as a search over the days of the scope alone (indexes relative to its first day).
      let lo = 0;
      let hi = past - first;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (g.over(madeOn, ends[first + mid]!).best >= target) hi = mid;
        else lo = mid + 1;
      }
      if (lo < past - first) {
        to = ends[first + lo]!;
        reached = true;
        // Approached by earlier reports and then met by one that overshoots it by more than a tenth ("out of 110
        // agreed", 108 came; 140 more a week later: 248): that day's figures are beyond it, so its scope ends the day
        // before, short of the target. A first report past it (a deal of 100, a swap of 130) still meets it.
        const most = agreed?.hi ?? null;
        if (most !== null && to > madeOn && g.over(madeOn, to).best > most * OVERSHOOT && g.over(madeOn, previous(to)).best > 0) {
          // The scope's end is still found in the reports (the day before that one), so no ceiling is opened.
          to = previous(to);
        }
      }
    }
    const scope = { from: madeOn, to };
    let figure = g.over(madeOn, to);
    if (!reached) figure = ceiling(figure);
    const phases: FS.Slot[] = [];
    // Only the event readings inside the scope or linked to this agreement do anything below: those, in reading order.
    const { readings, byFrom, froms, linkedTo } = indexOf(g);
    const touching: number[] = [];
    for (let i = lowerBound(froms, madeOn), end = upperBound(froms, to); i < end; i++) if (readings[byFrom[i]!]!.window!.to <= to) touching.push(byFrom[i]!);
    if (day !== null) for (const i of linkedTo.get(day) ?? []) touching.push(i);
    const agreedDays = daySets.get(metric);
    for (const i of [...new Set(touching)].sort((a, b) => a - b)) {
      const r = readings[i]!;
      const inside = r.window!.from! >= madeOn && r.window!.to <= to;
      const linked = r.slot.agreedOn;
      if (inside && linked !== null && linked !== day && agreedDays !== undefined && agreedDays.has(linked)) {
        // Counted under another agreement that its source names: out of this one.
        const e = r.slot.reconciled;
        figure = { best: Math.max(0, figure.best - e.best), lo: Math.max(0, figure.lo - (e.hi ?? Infinity)), hi: figure.hi === null ? null : Math.max(0, figure.hi - e.lo) };
      } else if (!inside && linked !== null && linked === day) {
        figure = F.add(figure, r.slot.reconciled);
        phases.push(r.slot);
      } else if (inside) phases.push(r.slot);
    }
    // Nothing reported of this direction inside the scope (no figure's day falls in it) and nothing linked to it: its
    // progress is not known to be nothing, so it has no ceiling ("≥ 0"), as a total with no report has none.
    const reports = indexOf(g).ends;
    if (!reached && phases.length === 0 && lowerBound(reports, madeOn) >= upperBound(reports, to) && figure.hi !== null) figure = { ...figure, hi: null };
    return { figure, scope, phases };
  };

  /**
   * Rule 6, a scope's own figures: when the solve of the whole count set aside the lower bound of a figure whose
   * window lies inside the scope (madeOn..to), that figure cannot hold with figures of other days (an all-time count,
   * an older one), which say nothing of this agreement alone. The scope's progress is then the solve, by the same
   * policy, of the figures whose windows lie inside it (and the events linked to it elsewhere); null when nothing
   * inside was set aside (the whole count's solve answers, as tight as it is).
   */
  const scopedGroup = (g: T.Group, metric: string, direction: string, day: string | null, madeOn: string, to: string): T.Group | null => {
    const inside = (w: { from: string | null; to: string } | null): boolean => w !== null && w.from !== null && w.from >= madeOn && w.to <= to;
    if (!g.readings.some((r) => r.reading === "set_aside" && inside(r.window))) return null;
    const own = g.readings.filter((r) => inside(r.window) || (day !== null && r.slot.kind === "event" && r.window !== null && r.slot.agreedOn === day)).map((r) => r.slot);
    return T.solve(metric, direction, own, [], false, undefined, deals);
  };

  const out: Agreement[] = [];
  for (const [id, list] of [...byAgreement].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mentions = referenced.get(id) ?? [];
    // One version per claim: an each_side target sits in both directions' slots.
    const byClaim = new Map<string, FS.Placed>();
    for (const s of [...list, ...mentions]) for (const v of s.versions) if (!byClaim.has(v.current.claim.claimId)) byClaim.set(v.current.claim.claimId, v.current);
    const versions = [...byClaim.values()];
    const sources = sourcesOf([...list, ...mentions]);
    const party = list.filter((s) => isPartyDirection(s.direction));
    const rows: Agreement[] = [];
    for (const t of list.sort((a, b) => (a.direction < b.direction ? -1 : 1))) {
      const madeOn = t.day ?? t.happenedBy;
      let figure: F.Figure;
      let scope: { from: string | null; to: string };
      let phases: FS.Slot[] = [];
      if (isPartyDirection(t.direction)) ({ figure, scope, phases } = doneIn(t.metric, t.direction, t.day, madeOn));
      else {
        // Both sides together: the sum of the two directions' progress.
        const parts = (party.length > 0 ? party.map((s) => s.direction) : ["to_ukraine", "to_russia"]).map((d) => doneIn(t.metric, d, t.day, madeOn));
        figure = parts.reduce((acc, p) => F.add(acc, p.figure), F.zero);
        scope = parts[0]?.scope ?? { from: madeOn, to: madeOn };
      }
      rows.push({
        agreementId: id,
        metric: t.metric,
        direction: t.direction,
        target: t.reconciled.best,
        targetLo: t.reconciled.lo,
        targetHi: t.reconciled.hi,
        agreedOn: t.day,
        done: figure.best,
        doneLo: figure.lo,
        doneHi: figure.hi,
        remaining: Math.max(0, t.reconciled.best - figure.best),
        scope,
        slots: phases,
        sources,
        versions,
      });
    }
    out.push(...rows);
  }
  return out;
};

/**
 * In an N-for-N exchange the two directions of one phase should match: phases after the earliest
 * N-for-N agreement on their metric are checked, and a phase whose directions' intervals are disjoint is flagged.
 * Only swaps (`isSwapCount`): an N-for-N deal on bodies caps one-way handovers, which are rarely equal.
 */
export const asymmetries = (slots: readonly FS.Slot[], through: string | null): Discrepancy[] => {
  const firstSymmetric = new Map<string, string>();
  for (const t of slots) {
    if (t.kind !== "target" || isOffer(t)) continue;
    const metric = fulfilledBy(t.metric);
    if (metric === null || !isSwapCount(metric) || !t.versions.some((v) => v.current.claim.fields.direction === "each_side")) continue;
    const known = firstSymmetric.get(metric);
    if (known === undefined || t.happenedBy < known) firstSymmetric.set(metric, t.happenedBy);
  }
  const phases = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    const since = firstSymmetric.get(s.metric);
    if (since === undefined || s.kind !== "event" || s.day === null || s.day <= since || !isPartyDirection(s.direction) || (through !== null && s.day > through)) continue;
    const phase = s.key.replace(`|${s.direction}|`, "|*|");
    const list = phases.get(phase);
    if (list === undefined) phases.set(phase, [s]);
    else list.push(s);
  }
  const out: Discrepancy[] = [];
  for (const [, list] of phases) {
    const [a, b] = list;
    if (a === undefined || b === undefined || Q.consistent(F.interval(a.reconciled), F.interval(b.reconciled))) continue;
    const versions = [...a.versions, ...b.versions].map((v) => v.current);
    out.push({
      reason: "asymmetric",
      metric: a.metric,
      direction: "each_side",
      kind: "event",
      validFrom: a.validFrom,
      validTo: a.validTo,
      detail: `an N-for-N phase with ${F.show(F.interval(a.reconciled))} ${a.direction} against ${F.show(F.interval(b.reconciled))} ${b.direction}`,
      versions,
      kept: versions.map((p) => p.claim.claimId),
      setAside: [],
      resolve: [{ action: "correct_value", claimIds: versions.map((p) => p.claim.claimId) }],
    });
  }
  return out;
};
