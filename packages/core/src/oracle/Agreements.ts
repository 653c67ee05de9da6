// The oracle of the differential tests (Reconcile.diff.test.ts): Agreements.ts as of 7b06421 (2026-12-03), before
// the reconciliation was made faster. Test-only (excluded from the build); never edit it to follow the new code,
// except for a change of the rules themselves, applied here the same way and marked so: rule 6's scope's own
// figures (2026-12-04, `scopedGroup` below), the asymmetries of swaps only (2026-12-04, `asymmetries`), and a
// scope with no report has no ceiling (2026-12-06, end of `progress`), and a target overshot by the day that meets it
// ends the scope the day before (2026-12-06, `ceilingOf`).
/**
 * Agreements and offers. An agreement is identified by what it is about and
 * the day it was made (the talks), so every source's figure for it is one
 * version of one agreement. Its progress is the total over its scope (from
 * the day it was made until the next agreement on the same count, or the
 * day its progress reached the target, whichever comes first), which
 * takes in the events there and the cumulative figures scoped to it. A
 * one-sided offer or pledge is listed apart and counts toward nothing.
 */
import * as FS from "../FactSlot.ts";
import * as F from "../Figure.ts";
import * as Q from "../Quantity.ts";
import * as T from "./Totals.ts";
import type { Discrepancy } from "../Discrepancy.ts";
import { fulfilledBy, isPartyDirection, isSwapCount } from "../Claim.ts";
import { previous } from "../DateOnly.ts";
import { OVERSHOOT } from "../Agreements.ts";

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
export const agreements = (slots: readonly FS.Slot[], groups: ReadonlyMap<string, T.Group>, through: string | null, deals: T.Deals = []): Agreement[] => {
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
  const daysOf = new Map<string, string[]>();
  for (const t of targets)
    if (t.day !== null) {
      const k = t.metric;
      const list = daysOf.get(k) ?? [];
      if (!list.includes(t.day)) list.push(t.day);
      daysOf.set(k, list);
    }
  for (const list of daysOf.values()) list.sort();

  // The target an agreement's direction is fulfilled at: its best, for each side of an N-for-N deal too.
  const targetOf = (metric: string, direction: string, day: string | null): number | null => {
    const own = targets.filter((t) => t.metric === metric && t.day === day && t.direction === direction);
    return own.length === 0 ? null : Math.max(...own.map((t) => t.reconciled.best));
  };
  // Rule change of 2026-12-06 (rule 6, a target overshot), the same as in ../Agreements.ts.
  const ceilingOf = (metric: string, direction: string, day: string | null): number | null => {
    const own = targets.filter((t) => t.metric === metric && t.day === day && t.direction === direction);
    return own.length === 0 || own.some((t) => t.reconciled.hi === null) ? null : Math.max(...own.map((t) => t.reconciled.hi!));
  };
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
    const nextDay = days.find((d) => d > madeOn);
    const end = nextDay !== undefined ? previous(nextDay) : null;
    // Its scope runs to the next agreement or the day asked; nothing is known of the days after the last report,
    // so when the scope reaches past it the progress has no ceiling (as a total through such a day has none).
    const reach = [end, through].filter((d): d is string => d !== null).sort()[0] ?? null;
    const last = g?.lastDay ?? madeOn;
    let to = reach !== null && reach < last ? reach : last;
    // Rule change of 2026-12-04 (rule 6, a scope's own figures), the same as in ../Agreements.ts.
    if (g !== undefined && to >= madeOn) g = scopedGroup(g, fulfils, direction, day, madeOn, to) ?? g;
    // No group: nothing reported at all, so any day the scope reaches is after the last report.
    const ceiling = (f: F.Figure): F.Figure => (reach === null ? f : T.openAfter(f, reach, g?.lastDay ?? ""));
    if (g === undefined || to < madeOn) return { figure: ceiling(F.zero), scope: { from: madeOn, to }, phases: [] };
    let reached = false;
    // An agreement is fulfilled on the first day its progress reaches the target: what comes after is beyond it.
    const target = targetOf(metric, direction, day);
    if (target !== null && target > 0) {
      // The days its progress can change on: where a window ends, or an undated figure's article day (its upper bound may widen there).
      const ends = g.readings.map((r) => (r.window !== null ? r.window.to : r.slot.happenedBy));
      const days = [...new Set(ends.filter((d) => d >= madeOn && d <= to))].sort();
      let lo = 0;
      let hi = days.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (g.over(madeOn, days[mid]!).best >= target) hi = mid;
        else lo = mid + 1;
      }
      if (lo < days.length) {
        to = days[lo]!;
        reached = true;
        // Rule change of 2026-12-06 (rule 6, a target overshot), the same as in ../Agreements.ts.
        const most = ceilingOf(metric, direction, day);
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
    for (const r of g.readings) {
      if (r.slot.kind !== "event" || r.window === null || r.reading === "set_aside") continue;
      const inside = r.window.from! >= madeOn && r.window.to <= to;
      const linked = r.slot.agreedOn;
      if (inside && linked !== null && linked !== day && days.includes(linked)) {
        // Counted under another agreement that its source names: out of this one.
        const e = r.slot.reconciled;
        figure = { best: Math.max(0, figure.best - e.best), lo: Math.max(0, figure.lo - (e.hi ?? Infinity)), hi: figure.hi === null ? null : Math.max(0, figure.hi - e.lo) };
      } else if (!inside && linked !== null && linked === day) {
        figure = F.add(figure, r.slot.reconciled);
        phases.push(r.slot);
      } else if (inside) phases.push(r.slot);
    }
    // Rule change of 2026-12-06 (rule 6, a scope with no report), the same as in ../Agreements.ts.
    const reported = g.readings.some((r) => { const d = r.window !== null ? r.window.to : r.slot.happenedBy; return d >= madeOn && d <= to; });
    if (!reached && phases.length === 0 && !reported && figure.hi !== null) figure = { ...figure, hi: null };
    return { figure, scope, phases };
  };

  // Rule change of 2026-12-04 (rule 6, a scope's own figures), the same as in ../Agreements.ts.
  const scopedGroup = (g: T.Group, metric: string, direction: string, day: string | null, madeOn: string, to: string): T.Group | null => {
    const inside = (w: { from: string | null; to: string } | null): boolean => w !== null && w.from !== null && w.from >= madeOn && w.to <= to;
    if (!g.readings.some((r) => r.reading === "set_aside" && inside(r.window))) return null;
    const own = g.readings.filter((r) => inside(r.window) || (day !== null && r.slot.kind === "event" && r.window !== null && r.slot.agreedOn === day)).map((r) => r.slot);
    return T.solve(metric, direction, own, [], false, undefined, deals);
  };

  const out: Agreement[] = [];
  for (const [id, list] of [...byAgreement].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const mentions = referenced.get(id) ?? [];
    // One version per claim (as 3658c3f made the engine list them): an each_side target sits in both directions' slots.
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
 */
export const asymmetries = (slots: readonly FS.Slot[], through: string | null): Discrepancy[] => {
  const firstSymmetric = new Map<string, string>();
  for (const t of slots) {
    if (t.kind !== "target" || isOffer(t)) continue;
    const metric = fulfilledBy(t.metric);
    // Rule change of 2026-12-04 (swaps only: no asymmetry of bodies), the same as in ../Agreements.ts.
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
