/**
 * Reconciliation: from the claims known on a day to running totals,
 * agreement progress and flagged discrepancies, counting what happened on or
 * before `through`. Pure: the caller chooses the view (knowledge day, store
 * position) and this module only reasons about the claims it is given.
 * The rules are stated in docs/reconciliation.md and property-tested.
 */
import * as FS from "./FactSlot.ts";
import * as Q from "./Quantity.ts";
import type { ClaimView } from "./Ledger.ts";
import { fulfilledBy, isMonotone } from "./Claim.ts";

/** Options of a report. */
export interface Options {
  /** Count what happened on or before this day; null counts everything. */
  readonly through: string | null;
  /** The parties that `each_side` claims expand to. */
  readonly parties: readonly string[];
}

/** The built-in domain pack's parties. */
export const defaultParties: readonly string[] = ["ukraine", "russia"];

/** How a cumulative figure compares with the events known up to its date. */
export type CheckOutcome = "consistent" | "coverage_gap" | "events_exceed_cumulative";

/** One comparison of a cumulative slot with the sum of events up to its as-of day. */
export interface Check {
  readonly asOf: string | null;
  readonly cumulative: Q.Interval;
  readonly events: Q.Interval;
  readonly outcome: CheckOutcome;
}

/** A running total of one metric toward one direction. */
export interface Total {
  readonly metric: string;
  readonly direction: string;
  readonly best: number;
  readonly lo: number;
  readonly hi: number | null;
  /** Number of claims behind the counted slots. */
  readonly claims: number;
  /** The independent sources behind the counted slots, as named. */
  readonly sources: readonly string[];
  /** What the total is made of: `cumulative+events`, `events`, or `stock`. */
  readonly basis: "cumulative+events" | "events" | "stock";
  readonly slots: readonly FS.Slot[];
  readonly checks: readonly Check[];
  /** True when some slot or check behind it is in dispute. */
  readonly disputed: boolean;
}

/** Progress of one agreement toward one direction. */
export interface Agreement {
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
  readonly slots: readonly FS.Slot[];
  readonly sources: readonly string[];
}

/** Why versions were flagged. */
export type DiscrepancyReason = "conflict" | "revised" | "decrease" | "events_exceed_cumulative" | "asymmetric";

/** A fact on which the sources cannot all be right. */
export interface Discrepancy {
  readonly reason: DiscrepancyReason;
  readonly metric: string;
  readonly direction: string;
  readonly kind: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly detail: string;
  readonly versions: readonly FS.Placed[];
}

/** The whole reconciled picture. */
export interface Report {
  readonly slots: readonly FS.Slot[];
  readonly totals: readonly Total[];
  readonly agreements: readonly Agreement[];
  readonly discrepancies: readonly Discrepancy[];
}

const within = (day: string, through: string | null): boolean => through === null || day <= through;

const fmt = (i: Q.Interval): string => (i.hi === null ? `≥ ${i.lo}` : i.lo === i.hi ? `${i.lo}` : `${i.lo}–${i.hi}`);

const sourcesOf = (slots: readonly FS.Slot[]): string[] => {
  const names = new Map<string, string>();
  for (const s of slots) for (const v of s.versions) if (!names.has(v.current.claimant)) names.set(v.current.claimant, v.current.claim.fields.attributedTo);
  return [...names.values()].sort();
};

const claimCount = (slots: readonly FS.Slot[]): number => {
  const ids = new Set<string>();
  for (const s of slots) for (const v of s.versions) for (const p of [v.current, ...v.history]) ids.add(p.claim.claimId);
  return ids.size;
};

const sumSlots = (slots: readonly FS.Slot[]): { interval: Q.Interval; best: number } => ({
  interval: Q.sum(slots.map(FS.intervalOf)),
  best: slots.reduce((n, s) => n + s.reconciled.best, 0),
});

const byDay = (a: FS.Slot, b: FS.Slot): number => (a.happenedBy < b.happenedBy ? -1 : a.happenedBy > b.happenedBy ? 1 : a.key < b.key ? -1 : 1);

const totalOf = (metric: string, direction: string, slots: readonly FS.Slot[], through: string | null, flags: Discrepancy[]): Total | null => {
  const events = slots.filter((s) => s.kind === "event" && within(s.happenedBy, through)).sort(byDay);
  const cumulative = slots.filter((s) => s.kind === "cumulative" && within(s.happenedBy, through)).sort(byDay);
  const stocks = slots.filter((s) => s.kind === "stock" && within(s.happenedBy, through)).sort(byDay);

  // Each cumulative figure is checked against the events known up to its as-of day (one sweep: both lists are sorted by day).
  let swept = 0;
  let running: Q.Interval = Q.zero;
  const checks: Check[] = cumulative.map((c) => {
    while (swept < events.length && events[swept]!.happenedBy <= c.happenedBy) running = Q.add(running, FS.intervalOf(events[swept++]!));
    const ev = running;
    // The flag lists the cumulative figure's versions and those of the latest event slots (at most 20).
    const upTo = () => events.slice(Math.max(0, swept - 20), swept);
    const cum = FS.intervalOf(c);
    const outcome: CheckOutcome = cum.hi !== null && ev.lo > cum.hi ? "events_exceed_cumulative" : ev.hi !== null && ev.hi < cum.lo ? "coverage_gap" : "consistent";
    if (outcome === "events_exceed_cumulative")
      flags.push({
        reason: "events_exceed_cumulative",
        metric,
        direction,
        kind: "cumulative",
        validFrom: c.validFrom,
        validTo: c.validTo,
        detail: `events up to ${c.happenedBy} (${swept} slot${swept === 1 ? "" : "s"}${swept > 20 ? ", the latest 20 listed" : ""}) add up to ${fmt(ev)}, more than the cumulative figure ${fmt(cum)}`,
        versions: [...c.versions.map((v) => v.current), ...upTo().flatMap((e) => e.versions.map((v) => v.current))],
      });
    return { asOf: c.day, cumulative: cum, events: ev, outcome };
  });

  // Counts that only grow cannot fall: a later cumulative figure below an earlier one is flagged,
  // against the highest earlier figure (one flag per fallen figure, not one per pair).
  if (isMonotone(metric)) {
    const dated = cumulative.filter((c) => c.day !== null).sort((x, y) => (x.day! < y.day! ? -1 : x.day! > y.day! ? 1 : 0));
    let highest: FS.Slot | null = null;
    let i = 0;
    while (i < dated.length) {
      // Slots of one day are compared only with earlier days.
      let j = i;
      while (j < dated.length && dated[j]!.day === dated[i]!.day) j++;
      for (let k = i; k < j; k++) {
        const b = dated[k]!;
        const a = highest;
        if (a !== null && b.reconciled.hi !== null && b.reconciled.hi < a.reconciled.lo)
          flags.push({
            reason: "decrease",
            metric,
            direction,
            kind: "cumulative",
            validFrom: a.day,
            validTo: b.day,
            detail: `a count that only grows fell from ${fmt(FS.intervalOf(a))} (as of ${a.day}) to ${fmt(FS.intervalOf(b))} (as of ${b.day})`,
            versions: [...a.versions.map((v) => v.current), ...b.versions.map((v) => v.current)],
          });
      }
      for (let k = i; k < j; k++) if (highest === null || dated[k]!.reconciled.lo > highest.reconciled.lo) highest = dated[k]!;
      i = j;
    }
  }

  let counted: FS.Slot[];
  let basis: Total["basis"];
  if (events.length === 0 && cumulative.length === 0) {
    const latest = stocks.at(-1);
    if (latest === undefined) return null;
    counted = [latest];
    basis = "stock";
  } else {
    // The latest cumulative figure is the base; dated events after its as-of day are added to it.
    const base = [...cumulative].reverse().find((c) => c.day !== null);
    counted = base === undefined ? events : [base, ...events.filter((e) => e.day !== null && e.day > base.day!)];
    basis = base === undefined ? "events" : "cumulative+events";
  }
  const { interval, best } = sumSlots(counted);
  const disputed =
    counted.some((s) => s.conflicts.length > 0 || s.revisions.length > 0) ||
    checks.some((c) => c.outcome === "events_exceed_cumulative") ||
    flags.some((f) => f.reason === "decrease" && f.metric === metric && f.direction === direction);
  return {
    metric,
    direction,
    best,
    lo: interval.lo,
    hi: interval.hi,
    claims: claimCount(counted),
    sources: sourcesOf(counted),
    basis,
    slots: counted,
    checks,
    disputed,
  };
};

const agreementsOf = (slots: readonly FS.Slot[], through: string | null, flags: Discrepancy[]): Agreement[] => {
  const targets = slots.filter((s) => s.kind === "target" && within(s.happenedBy, through)).sort(byDay);
  // Dated event slots per metric and direction, by day, so that each agreement scans only its own window.
  const eventsOf = new Map<string, FS.Slot[]>();
  for (const s of slots)
    if (s.kind === "event" && s.day !== null && within(s.day, through)) {
      const k = `${s.metric}|${s.direction}`;
      const list = eventsOf.get(k);
      if (list === undefined) eventsOf.set(k, [s]);
      else list.push(s);
    }
  for (const list of eventsOf.values()) list.sort(byDay);
  const targetsOf = new Map<string, FS.Slot[]>();
  for (const t of targets) {
    const k = `${t.metric}|${t.direction}`;
    const list = targetsOf.get(k);
    if (list === undefined) targetsOf.set(k, [t]);
    else list.push(t);
  }
  const out: Agreement[] = [];
  for (const t of targets) {
    const metric = fulfilledBy(t.metric);
    if (metric === null) continue;
    // A later agreement on the same metric and direction supersedes this one from its own day.
    const next = targetsOf.get(`${t.metric}|${t.direction}`)!.find((u) => u.happenedBy > t.happenedBy);
    const all = eventsOf.get(`${metric}|${t.direction}`) ?? [];
    let lo = 0, hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (all[mid]!.day! > t.happenedBy) hi = mid;
      else lo = mid + 1;
    }
    const candidates: FS.Slot[] = [];
    for (let k = lo; k < all.length && (next === undefined || all[k]!.day! < next.happenedBy); k++) candidates.push(all[k]!);
    const counted: FS.Slot[] = [];
    let done: Q.Interval = Q.zero;
    let doneBest = 0;
    for (const s of candidates) {
      if (doneBest >= t.reconciled.best) break; // the target is met: later phases belong elsewhere
      counted.push(s);
      done = Q.add(done, FS.intervalOf(s));
      doneBest += s.reconciled.best;
    }
    out.push({
      metric: t.metric,
      direction: t.direction,
      target: t.reconciled.best,
      targetLo: t.reconciled.lo,
      targetHi: t.reconciled.hi,
      agreedOn: t.day,
      done: doneBest,
      doneLo: done.lo,
      doneHi: done.hi,
      remaining: Math.max(0, t.reconciled.best - doneBest),
      slots: counted,
      sources: sourcesOf([t]),
    });
  }
  // In an N-for-N exchange the two directions of one phase should match: phases after the earliest
  // N-for-N agreement on their metric are checked.
  const firstSymmetric = new Map<string, string>();
  for (const t of targets) {
    const metric = fulfilledBy(t.metric);
    if (metric === null || !t.versions.some((v) => v.current.claim.fields.direction === "each_side")) continue;
    const known = firstSymmetric.get(metric);
    if (known === undefined || t.happenedBy < known) firstSymmetric.set(metric, t.happenedBy);
  }
  const phases = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    const since = firstSymmetric.get(s.metric);
    if (since === undefined || s.kind !== "event" || s.day === null || s.day <= since || !s.direction.startsWith("to_") || !within(s.day, through)) continue;
    const phase = s.key.replace(`|${s.direction}|`, "|*|");
    const list = phases.get(phase);
    if (list === undefined) phases.set(phase, [s]);
    else list.push(s);
  }
  {
    for (const [, list] of phases) {
      if (list.length < 2) continue;
      const [a, b] = list;
      const metric = a!.metric;
      if (a === undefined || b === undefined || Q.consistent(FS.intervalOf(a), FS.intervalOf(b))) continue;
      flags.push({
        reason: "asymmetric",
        metric,
        direction: "each_side",
        kind: "event",
        validFrom: a.validFrom,
        validTo: a.validTo,
        detail: `an N-for-N phase with ${fmt(FS.intervalOf(a))} ${a.direction} against ${fmt(FS.intervalOf(b))} ${b.direction}`,
        versions: [...a.versions, ...b.versions].map((v) => v.current),
      });
    }
  }
  return out;
};

/** Reconciles a set of known claims into totals, agreements and discrepancies. */
export const report = (claims: readonly ClaimView[], options: Options): Report => {
  const slots = FS.build(claims, options.parties);
  const flags: Discrepancy[] = [];
  for (const s of slots)
    if (s.conflicts.length > 0 && within(s.happenedBy, options.through))
      flags.push({
        reason: "conflict",
        metric: s.metric,
        direction: s.direction,
        kind: s.kind,
        validFrom: s.validFrom,
        validTo: s.validTo,
        detail: `${s.versions.length} independent versions, ${s.conflicts.length} pair(s) cannot both be true`,
        versions: s.versions.map((v) => v.current),
      });
  for (const s of slots)
    for (const [before, after] of s.revisions)
      if (within(s.happenedBy, options.through))
        flags.push({
          reason: "revised",
          metric: s.metric,
          direction: s.direction,
          kind: s.kind,
          validFrom: s.validFrom,
          validTo: s.validTo,
          detail: `${after.claim.fields.attributedTo} changed its own figure from ${fmt(before.interval)} to ${fmt(after.interval)}`,
          versions: [before, after],
        });
  const groups = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    if (s.kind === "target") continue;
    const k = `${s.metric}|${s.direction}`;
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [s]);
    else list.push(s);
  }
  const totals: Total[] = [];
  for (const [k, group] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [metric, direction] = k.split("|") as [string, string];
    const t = totalOf(metric, direction, group, options.through, flags);
    if (t !== null) totals.push(t);
  }
  const agreements = agreementsOf(slots, options.through, flags);
  return { slots, totals, agreements, discrepancies: flags };
};

/** The total of one metric and direction in a report, if any. */
export const findTotal = (r: Report, metric: string, direction: string): Total | undefined =>
  r.totals.find((t) => t.metric === metric && t.direction === direction);
