/**
 * Running totals as window constraints. Every count slot bounds the total
 * over a window of days: an event its day or phase, a cumulative figure its
 * scope up to its as-of day. The bounds are accepted in policy order into a
 * difference-constraint system (Windows), and a total over any window is then
 * the tightest the accepted bounds allow. Refused bounds are findings.
 */
import * as FS from "./FactSlot.ts";
import * as F from "./Figure.ts";
import * as Q from "./Quantity.ts";
import * as W from "./Windows.ts";
import type { Discrepancy, Resolution } from "./Discrepancy.ts";
import { isMonotone } from "./Claim.ts";
import { previous } from "./DateOnly.ts";

/** How a slot was read into the total. */
export type Reading =
  | "window" // its bounds on its window, as stated
  | "all_time" // a cumulative figure of unknown scope, read as counting from the beginning (it held)
  | "at_least" // only its lower bound held (scope unknown, or its upper bound was set aside)
  | "stale" // dated only by publication and lower than an earlier figure: read as of an earlier day
  | "set_aside" // its bounds contradict better-ranked ones
  | "undated" // an event or running count with no day: the total through its article's day is at least it; it adds nothing, and widens hi only by its excess over the dated evidence
  | "part"; // a part (soldiers, civilians) bounding its whole from below

/** One slot's place in a total. */
export interface Counted {
  readonly slot: FS.Slot;
  /** The window it bounds; null for an undated event (a lower bound through its article's day). */
  readonly window: W.Window | null;
  readonly reading: Reading;
}

/** How a cumulative figure compares with the events inside its window. */
export type CheckOutcome = "consistent" | "coverage_gap" | "events_exceed_cumulative";

/** One comparison of a cumulative slot with the sum of the event slots inside its window. */
export interface Check {
  readonly asOf: string | null;
  readonly cumulative: Q.Interval;
  readonly events: Q.Interval;
  readonly outcome: CheckOutcome;
}

/** A running total of one metric toward one direction (and, for stocks, one group). */
export interface Total extends F.Figure {
  readonly metric: string;
  readonly direction: string;
  /** Of a stock: the group counted (null: all). */
  readonly group: string | null;
  /** The first day counted (null: from the beginning). */
  readonly since: string | null;
  readonly claims: number;
  readonly sources: readonly string[];
  readonly basis: "cumulative+events" | "events" | "stock";
  /** The slots behind the total (those whose bounds were accepted, in whole or in part). */
  readonly slots: readonly FS.Slot[];
  /** Every slot of the metric and direction with how it was read. */
  readonly readings: readonly Counted[];
  readonly checks: readonly Check[];
  readonly disputed: boolean;
}

/** The solved constraints of one metric and direction: totals over any window. */
export interface Group {
  readonly metric: string;
  readonly direction: string;
  /** The total over a window (from null: the beginning); an undated event bounds the totals through its article's day from below. */
  readonly over: (from: string | null, to: string) => F.Figure;
  readonly readings: readonly Counted[];
  readonly findings: readonly Discrepancy[];
  /** How many bounds were refused (the number of findings, without building them). */
  readonly refused: number;
  /** The last day any window reaches. */
  readonly lastDay: string;
}

/** Potentials kept from one solve of a total to the next (the audit's steps): a warm start of `solve`, same answers (`Windows.Seed`). */
export interface Warm {
  system?: W.Seed;
  pinned?: W.Seed;
}

/** The parts of a whole: soldiers and civilians returned are parts of prisoners (people) returned. */
export const partsOf: Readonly<Record<string, readonly string[]>> = { prisoners_returned: ["soldiers_returned", "civilians_returned"] };

/**
 * The day the domain's counts start: returns are counted from the full-scale invasion, so a figure "since
 * February 24, 2022" and one of unknown scope ("have returned 6,030 so far") bound the same all-time
 * window, and no figure can force people returned before it. A scope that starts on or before this day
 * is read as counting from the beginning.
 */
export const countsFrom = "2022-02-24";

/** A window's first day, with every start on or before `countsFrom` read as the beginning (null). */
export const startOf = (from: string | null): string | null => (from !== null && from <= countsFrom ? null : from);

/**
 * Nothing is known of the days after the last report (`lastDay`): a figure counted through a later day is
 * at least what it says, with no ceiling. The one statement of the rule: totals, agreement progress and
 * the warm index apply it through this function.
 */
export const openAfter = (f: F.Figure, through: string, lastDay: string): F.Figure => (through > lastDay && f.hi !== null ? { ...f, hi: null } : f);

/**
 * The days agreements were made, by the count that fulfils them (`prisoners_returned` for `prisoners_agreed`),
 * ascending and distinct (`Agreements.dealsOf`): a running count under one agreement ends at the next (`capOf`).
 */
export type Deals = ReadonlyMap<string, readonly string[]>;
const noDeals: Deals = new Map();

/** The days of the deals a count of `metric` can be counted under: its own count's and its whole's (a part counts under the whole's deals). */
export const dealDaysFor = (deals: Deals, metric: string): readonly string[] => {
  const own = deals.get(metric) ?? [];
  const wholes = Object.keys(partsOf).filter((w) => partsOf[w]!.includes(metric) && (deals.get(w)?.length ?? 0) > 0);
  if (wholes.length === 0) return own;
  return [...new Set([...own, ...wholes.flatMap((w) => deals.get(w)!)])].sort();
};

/**
 * The window of a running count under an agreement (`agreedOn` A) ends at the next deal: the first day B among
 * `days` after both A and the day its count starts, when B is before its as-of day, ends it on B - 1 (the days
 * from B on are the next deal's scope). A deal made on the as-of day itself does not cut it: a count told on the
 * day of new talks ("across all stages of the recent Istanbul agreements, more than 1,000") includes that day's
 * exchange, which closes the earlier deal. Any other slot, and a count with no such deal, keeps its window.
 */
export const capOf = (s: FS.Slot, w: W.Window, days: readonly string[]): W.Window => {
  if (s.kind !== "cumulative" || s.agreedOn === null || days.length === 0) return w;
  const starts = s.scope !== null && s.scope > s.agreedOn ? s.scope : s.agreedOn;
  let lo = 0, hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= starts) lo = mid + 1;
    else hi = mid;
  }
  const next = days[lo];
  return next === undefined || next >= w.to ? w : { from: w.from, to: previous(next) };
};

// A slot's window, found once per slot (slots are immutable; the audit solves mostly the same slots at every step).
const windows = new WeakMap<FS.Slot, W.Window | null>();
const slotWindow = (s: FS.Slot): W.Window | null => {
  let w = windows.get(s);
  if (w === undefined) windows.set(s, (w = windowOfSlot(s)));
  return w;
};
const windowOfSlot = (s: FS.Slot): W.Window | null => {
  if (s.kind === "event") {
    const a = s.validFrom ?? s.validTo;
    const b = s.validTo ?? s.validFrom;
    if (a === null || b === null) return null;
    return a <= b ? { from: a, to: b } : { from: b, to: a };
  }
  const asOf = s.validTo ?? s.validFrom ?? s.happenedBy;
  return { from: s.scope !== null && s.scope <= asOf ? startOf(s.scope) : null, to: asOf };
};

/** Who stands behind a slot, for ranking: named claimants (a party, an official) above an outlet's own background sentence. */
const sourceKind = (s: FS.Slot): number => (s.versions.some((v) => !v.current.claimant.startsWith("voice:")) ? 1 : 0);

const support = (s: FS.Slot): number =>
  s.versions.filter((v) => Q.consistent(v.current.interval, F.interval(s.reconciled)) || Q.consistent(FS.looseOf(v.current), F.interval(s.reconciled))).length;

const latest = (s: FS.Slot): FS.Placed => s.versions.map((v) => v.current).sort((a, b) => FS.recency(b.claim, a.claim))[0]!;

// What the ranking reads of a slot, found once per slot (slots are immutable; the audit solves mostly the same ones at every step).
const ranking = new WeakMap<FS.Slot, { readonly support: number; readonly sourceKind: number; readonly latest: FS.Placed; readonly tier: string; readonly partTier: string }>();
/** The key of a rank's tier: part or not, support, kind of source, each padded so that keys sort as the ranks do. */
const tierKey = (part: boolean, support: number, sourceKind: number): string => [part ? 0 : 1, support, sourceKind].map((x) => String(x).padStart(6, "0")).join("|");
const rankingOf = (s: FS.Slot) => {
  let r = ranking.get(s);
  if (r === undefined) {
    const sup = support(s), kind = sourceKind(s);
    ranking.set(s, (r = { support: sup, sourceKind: kind, latest: latest(s), tier: tierKey(false, sup, kind), partTier: tierKey(true, sup, kind) }));
  }
  return r;
};

interface Candidate {
  readonly ref: number;
  readonly slot: FS.Slot;
  readonly window: W.Window;
  readonly lo: number;
  readonly hi: number | null;
  /** A cumulative figure of unknown scope: its upper bound is the all-time reading, which may not hold. */
  readonly unknownScope: boolean;
  readonly part: boolean;
  /** An event of unknown day: it happened by its article's day, so the total through then is at least it; it may be one of the dated events, so it adds nothing. */
  readonly undated: boolean;
}


/**
 * Solves the count slots of one metric and direction (plus its parts' slots as lower bounds).
 * Policy: slots are ranked by independent support, then by the kind of source, then by recency;
 * within a rank every lower bound comes before any upper bound, so a later, lower figure never
 * overrides a higher one of the same rank. A refused bound is a finding naming a minimal conflict
 * (with `explain` false, the conflicts are not searched: the figures are the same, the findings name no members).
 */
export const solve = (metric: string, direction: string, slots: readonly FS.Slot[], parts: readonly FS.Slot[] = [], explain = true, warm?: Warm, deals: Deals = noDeals): Group => {
  // A warm start (the potentials of the last solve of this total) changes no answer, only the work: not with `explain`.
  const seed = explain ? undefined : warm;
  // A running count under an agreement ends at the next deal on its count (`capOf`): the days of each metric's deals, found once per solve.
  const dealDays = new Map<string, readonly string[]>();
  const windowOf = (s: FS.Slot): W.Window | null => {
    const w = slotWindow(s);
    if (w === null || s.kind !== "cumulative" || s.agreedOn === null) return w;
    let days = dealDays.get(s.metric);
    if (days === undefined) dealDays.set(s.metric, (days = dealDaysFor(deals, s.metric)));
    return capOf(s, w, days);
  };
  const events = slots.filter((s) => s.kind === "event");
  const dated = events.filter((s) => windowOf(s) !== null);
  const undated = events.filter((s) => windowOf(s) === null);
  // A running count with no as-of day (an undated page) held at some day before its article was known: a floor, like an undated event.
  const undatedCount = (s: FS.Slot) => s.kind === "cumulative" && s.validTo === null && s.validFrom === null;
  const cumulative = slots.filter((s) => s.kind === "cumulative" && !undatedCount(s));
  undated.push(...slots.filter(undatedCount));
  const candidates: Candidate[] = [];
  for (const s of [...dated, ...cumulative]) {
    const w = windowOf(s)!;
    candidates.push({ ref: candidates.length, slot: s, window: w, lo: s.reconciled.lo, hi: s.reconciled.hi, unknownScope: s.kind === "cumulative" && w.from === null && s.scope === null, part: false, undated: false });
  }
  for (const s of undated) candidates.push({ ref: candidates.length, slot: s, window: { from: null, to: s.happenedBy }, lo: s.reconciled.lo, hi: null, unknownScope: false, part: false, undated: true });
  // Parts bound the whole from below over their windows; two parts over one window bound it by their sum.
  const partWindows = new Map<string, { window: W.Window; lo: number; slot: FS.Slot }>();
  for (const s of parts) {
    if (s.kind !== "event" && s.kind !== "cumulative") continue;
    const w = windowOf(s);
    if (w === null) continue;
    const k = `${w.from ?? ""}|${w.to}`;
    const prev = partWindows.get(k);
    if (prev === undefined) partWindows.set(k, { window: w, lo: s.reconciled.lo, slot: s });
    else if (prev.slot.metric !== s.metric) partWindows.set(k, { window: w, lo: prev.lo + s.reconciled.lo, slot: prev.slot });
    else if (s.reconciled.lo > prev.lo) partWindows.set(k, { window: w, lo: s.reconciled.lo, slot: s });
  }
  for (const { window, lo, slot } of partWindows.values()) if (lo > 0) candidates.push({ ref: candidates.length, slot, window, lo, hi: null, unknownScope: false, part: true, undated: false });

  const system = W.make(candidates.map((c) => c.window), [], seed?.system);
  const tiers = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const k = c.part ? rankingOf(c.slot).partTier : rankingOf(c.slot).tier;
    const list = tiers.get(k);
    if (list === undefined) tiers.set(k, [c]);
    else list.push(c);
  }
  const order: Array<{ c: Candidate; side: "lo" | "hi" }> = [];
  // The all-time reading of a figure of unknown scope is an assumption, not a statement: it comes after every stated bound.
  const assumed: Array<{ c: Candidate; side: "lo" | "hi" }> = [];
  for (const k of [...tiers.keys()].sort().reverse()) {
    // Each slot's most recent version, found once (not once per comparison).
    const newest: FS.Placed["claim"][] = [];
    for (const c of tiers.get(k)!) newest[c.ref] = rankingOf(c.slot).latest.claim;
    const tier = tiers.get(k)!.sort((a, b) => FS.recency(newest[b.ref]!, newest[a.ref]!) || a.ref - b.ref);
    // An undated figure's floor is always tried (even at 0) so that its best figure is pinned in its rank.
    for (const c of tier) if (c.lo > 0 || c.undated) order.push({ c, side: "lo" });
    for (const c of tier) if (c.hi !== null) (c.unknownScope ? assumed : order).push({ c, side: "hi" });
  }
  order.push(...assumed);
  const refusedLo = new Set<number>();
  const refusedHi = new Map<number, readonly number[]>();
  const refusedLoConflict = new Map<number, readonly number[]>();
  const accepted: Array<{ c: Candidate; side: "lo" | "hi" }> = [];
  for (const h of order) {
    if (h.side === "hi" && refusedLo.has(h.c.ref)) continue;
    const r = system.add({ ref: h.c.ref, window: h.c.window, side: h.side, bound: h.side === "lo" ? h.c.lo : h.c.hi! }, explain);
    if (r._tag === "Accepted") accepted.push(h);
    else if (h.side === "lo") {
      refusedLo.add(h.c.ref);
      refusedLoConflict.set(h.c.ref, r.conflict);
    } else refusedHi.set(h.c.ref, r.conflict);
  }

  // The best figure: each accepted slot's best value, in the same order, kept where it can hold; then the least total they allow.
  // Warm: the same accepted bounds in the same order (they hold together), over the last pinned system's potential.
  const bestSystem = seed === undefined ? system.clone() : system.fresh(seed.pinned);
  if (seed !== undefined) for (const { c, side } of accepted) bestSystem.add({ ref: c.ref, window: c.window, side, bound: side === "lo" ? c.lo : c.hi! }, false);
  const pinned = new Set<number>();
  for (const { c } of accepted) {
    if (pinned.has(c.ref)) continue;
    pinned.add(c.ref);
    // A part bounds its whole from below by its lower bound; an undated figure is a floor at its best figure (never a ceiling).
    const best = c.part ? c.lo : c.slot.reconciled.best;
    bestSystem.add({ ref: c.ref, window: c.window, side: "lo", bound: best }, false);
    if (!refusedHi.has(c.ref) && !c.part && !c.undated) bestSystem.add({ ref: c.ref, window: c.window, side: "hi", bound: best }, false);
  }

  if (seed !== undefined) {
    seed.system = system.potential();
    seed.pinned = bestSystem.potential();
  }

  const readingOf = (c: Candidate): Reading => {
    if (c.part) return "part";
    if (refusedLo.has(c.ref)) return "set_aside";
    if (c.undated) return "undated";
    if (refusedHi.has(c.ref)) return c.slot.kind === "cumulative" && c.slot.dateSource === "publication" ? "stale" : "at_least";
    if (c.unknownScope) return c.hi === null ? "at_least" : "all_time";
    return "window";
  };
  const readings: Counted[] = [
    ...candidates.filter((c) => !c.part).map((c) => ({ slot: c.slot, window: c.undated ? null : c.window, reading: readingOf(c) })),
  ];

  // Findings: every refused bound, with the accepted bounds it contradicts.
  const byRef = (r: number) => candidates[r]!;
  // Whether every version of every candidate's slot is a different claim (then a finding's kept claims need no set).
  let distinct: boolean | null = null;
  const claimsDistinct = (): boolean => {
    if (distinct !== null) return distinct;
    const seen = new Set<string>();
    for (const c of candidates)
      for (const v of c.slot.versions) {
        const id = v.current.claim.claimId;
        if (seen.has(id)) return (distinct = false);
        seen.add(id);
      }
    return (distinct = true);
  };
  const described = new Map<number, string>();
  const what = (x: Candidate): string => {
    let d = described.get(x.ref);
    if (d === undefined) described.set(x.ref, (d = `${F.show(x.part ? { lo: x.lo, hi: null } : F.interval(x.slot.reconciled))} ${x.slot.metric}${x.window.from === null ? ` through ${x.window.to}` : ` over ${x.window.from}..${x.window.to}`}`));
    return d;
  };
  const finding = (c: Candidate, side: "lo" | "hi", conflict: readonly number[]): Discrepancy => {
    const others = conflict.map(byRef).filter((o) => o.ref !== c.ref);
    const members = [...others, c].sort((a, b) => (a.window.to < b.window.to ? -1 : a.window.to > b.window.to ? 1 : a.ref - b.ref));
    const allCumulative = others.every((o) => o.slot.kind === "cumulative" && !o.part);
    const onlyEvents = others.every((o) => o.slot.kind === "event");
    const reason: Discrepancy["reason"] = c.part
      ? "part_exceeds_whole"
      : c.slot.kind === "cumulative" && side === "hi" && c.slot.dateSource === "publication"
        ? "stale"
        : c.slot.kind === "cumulative" && isMonotone(metric) && allCumulative && others.length > 0
          ? "decrease"
          : (c.slot.kind === "cumulative" && side === "hi" && onlyEvents) || (c.slot.kind === "event" && side === "lo" && others.every((o) => o.slot.kind === "cumulative"))
            ? "events_exceed_cumulative"
            : "window_conflict";
    // A long conflict names many versions (a refusal's cycle of more than Windows.MINIMAL_UP_TO bounds is named as
    // found): the lists are built by loops, and each candidate's description once per solve (`described`).
    const versions: FS.Placed[] = [];
    for (const m of members) for (const v of m.slot.versions) versions.push(v.current);
    const aside = c.slot.versions.map((v) => v.current.claim.claimId);
    // The claims kept, each once: when no claim is in two versions of the candidates' slots, the list itself.
    let kept: string[] = [];
    if (claimsDistinct()) for (const o of others) for (const v of o.slot.versions) kept.push(v.current.claim.claimId);
    else {
      const once = new Set<string>();
      for (const o of others) for (const v of o.slot.versions) once.add(v.current.claim.claimId);
      kept = [...once];
    }
    const resolve: Resolution[] =
      reason === "stale"
        ? [{ action: "correct_date", claimIds: aside }]
        : reason === "decrease" || reason === "events_exceed_cumulative"
          ? [
              { action: "correct_scope", claimIds: aside },
              { action: "link_to_agreement", claimIds: aside },
              { action: "reject", claimIds: aside },
            ]
          : [
              { action: "reject", claimIds: aside },
              { action: "correct_value", claimIds: aside },
            ];
    return {
      reason,
      metric,
      direction,
      kind: c.slot.kind,
      validFrom: members[0]!.slot.day ?? members[0]!.window.to,
      validTo: members.at(-1)!.slot.day ?? members.at(-1)!.window.to,
      detail: `${what(c)} cannot hold with ${others.map(what).join(" and ")}; its ${side === "hi" ? "upper" : "lower"} bound was set aside${reason === "stale" ? " (dated only by its article: it may refer to an earlier day)" : ""}`,
      versions,
      kept,
      setAside: aside,
      resolve,
    };
  };
  // Findings are built when first read: totals alone never read them, and a long conflict names many versions.
  let built: Discrepancy[] | null = null;
  const findingsOf = (): readonly Discrepancy[] => {
    if (built !== null) return built;
    const findings: Discrepancy[] = [];
    for (const [ref, conflict] of refusedHi) findings.push(finding(byRef(ref), "hi", conflict));
    for (const [ref, conflict] of refusedLoConflict) findings.push(finding(byRef(ref), "lo", conflict));
    return (built = findings);
  };

  // The upper bounds come from the dated evidence alone: a system over the dated windows (an undated floor opens
  // every day up to its article's, which would leave them unbounded), widened by each undated figure that may lie in
  // the window by as much as its own upper bound exceeds what the dated evidence allows through its article's day.
  const floors = candidates.filter((c) => c.undated && !refusedLo.has(c.ref));
  // With no undated figure at all, the dated evidence is the system itself: the same windows and the same
  // accepted bounds, added in the same order (each holds with those before it), so the same shortest paths.
  const anyUndated = candidates.some((c) => c.undated);
  const datedEvidence = anyUndated
    ? W.make(
        candidates.filter((c) => !c.undated).map((c) => c.window),
        floors.map((c) => c.window.to),
      )
    : system;
  if (anyUndated) for (const { c, side } of accepted) if (!c.undated) datedEvidence.add({ ref: c.ref, window: c.window, side, bound: side === "lo" ? c.lo : c.hi! }, false);
  const widening = floors.map((c) => {
    const dated = datedEvidence.upper({ from: null, to: c.window.to });
    const own = c.slot.reconciled.hi;
    // No larger than the dated evidence through its day (or that evidence is unbounded there): it widens nothing.
    return { day: c.window.to, by: dated === null ? 0 : own === null ? null : Math.max(0, own - dated) };
  });
  // The latest window end (a linear scan: the warm index solves a group once per knowledge day).
  let lastDay = "0000-01-01";
  for (const c of candidates) if (c.window.to > lastDay) lastDay = c.window.to;
  const over = (since: string | null, to: string): F.Figure => {
    const from = startOf(since);
    // Only the halves the figure reads: the least totals of the system and of the pinned one, the greatest of the dated evidence.
    const lo = system.lower({ from, to });
    const pinnedLo = bestSystem.lower({ from, to });
    let hi = datedEvidence.upper({ from, to });
    for (const w of widening) if (hi !== null && (from === null || from <= w.day) && w.day <= to) hi = w.by === null ? null : hi + w.by;
    return openAfter({ best: Math.min(Math.max(pinnedLo, lo), hi ?? Infinity), lo, hi }, to, lastDay);
  };
  return {
    metric,
    direction,
    over,
    readings,
    get findings() {
      return findingsOf();
    },
    refused: refusedHi.size + refusedLoConflict.size,
    lastDay,
  };
};

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

/** Each cumulative figure against the event slots that lie inside its window. */
const checksOf = (g: Group): Check[] => {
  const events = g.readings.filter((e) => e.slot.kind === "event");
  // Sums of whole numbers whose magnitudes add up to a safe integer are exact in any order: then the events inside
  // each window are summed from sorted prefix sums instead of a scan of every event per figure (the same sums).
  let magnitude = 0;
  let whole = true;
  for (const e of events) {
    const i = F.interval(e.slot.reconciled);
    if (!Number.isSafeInteger(i.lo) || (i.hi !== null && !Number.isSafeInteger(i.hi))) whole = false;
    magnitude += Math.abs(i.lo) + (i.hi === null ? 0 : Math.abs(i.hi));
  }
  return whole && magnitude <= Number.MAX_SAFE_INTEGER ? checksBySums(g, events) : checksByScan(g);
};

/** A running sum of intervals over a sorted list: `lo[k]`, `hi[k]` and how many are unbounded among the first k. */
interface Prefix {
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly open: Int32Array;
}
const prefixOf = (xs: readonly Q.Interval[]): Prefix => {
  const lo = new Float64Array(xs.length + 1), hi = new Float64Array(xs.length + 1), open = new Int32Array(xs.length + 1);
  xs.forEach((x, k) => {
    lo[k + 1] = lo[k]! + x.lo;
    hi[k + 1] = hi[k]! + (x.hi ?? 0);
    open[k + 1] = open[k]! + (x.hi === null ? 1 : 0);
  });
  return { lo, hi, open };
};
/** How many of the sorted days are at or before `day`. */
const countUpTo = (sorted: readonly string[], day: string): number => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** How many of the sorted days are before `day`. */
const countBelow = (sorted: readonly string[], day: string): number => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const checksBySums = (g: Group, events: readonly Counted[]): Check[] => {
  const dated = events.filter((e) => e.window !== null);
  const byTo = [...dated].sort((a, b) => (a.window!.to < b.window!.to ? -1 : a.window!.to > b.window!.to ? 1 : 0));
  const tos = byTo.map((e) => e.window!.to);
  const toSums = prefixOf(byTo.map((e) => F.interval(e.slot.reconciled)));
  const undated = events.filter((e) => e.window === null).sort((a, b) => (a.slot.happenedBy < b.slot.happenedBy ? -1 : a.slot.happenedBy > b.slot.happenedBy ? 1 : 0));
  const days = undated.map((e) => e.slot.happenedBy);
  const undatedSums = prefixOf(undated.map((e) => F.interval(e.slot.reconciled)));
  // For a scoped window: the dated events by first day (an event inside it starts inside it).
  const byFrom = [...dated].sort((a, b) => (a.window!.from! < b.window!.from! ? -1 : a.window!.from! > b.window!.from! ? 1 : 0));
  const froms = byFrom.map((e) => e.window!.from!);
  return g.readings
    .filter((r) => r.slot.kind === "cumulative" && r.window !== null)
    .map((r) => {
      const w = r.window!;
      let lo = 0, hi = 0, open = 0;
      if (w.from === null) {
        const k = countUpTo(tos, w.to), u = countUpTo(days, w.to);
        lo = toSums.lo[k]! + undatedSums.lo[u]!;
        hi = toSums.hi[k]! + undatedSums.hi[u]!;
        open = toSums.open[k]! + undatedSums.open[u]!;
      } else
        for (let k = countBelow(froms, w.from), end = countUpTo(froms, w.to); k < end; k++) {
          const e = byFrom[k]!;
          if (e.window!.to > w.to) continue;
          const i = F.interval(e.slot.reconciled);
          lo += i.lo;
          hi += i.hi ?? 0;
          open += i.hi === null ? 1 : 0;
        }
      const ev: Q.Interval = { lo, hi: open > 0 ? null : hi };
      const cum = F.interval(r.slot.reconciled);
      const outcome: CheckOutcome = cum.hi !== null && ev.lo > cum.hi ? "events_exceed_cumulative" : ev.hi !== null && ev.hi < cum.lo ? "coverage_gap" : "consistent";
      return { asOf: r.slot.day, cumulative: cum, events: ev, outcome };
    });
};

/** The same checks, each figure scanning every event (for sums that might not be exact in another order). */
const checksByScan = (g: Group): Check[] =>
  g.readings
    .filter((r) => r.slot.kind === "cumulative" && r.window !== null)
    .map((r) => {
      const w = r.window!;
      const inside = g.readings.filter((e) => e.slot.kind === "event" && (e.window === null ? w.from === null && e.slot.happenedBy <= w.to : (w.from === null || e.window.from! >= w.from) && e.window.to <= w.to));
      const ev = Q.sum(inside.map((e) => F.interval(e.slot.reconciled)));
      const cum = F.interval(r.slot.reconciled);
      const outcome: CheckOutcome = cum.hi !== null && ev.lo > cum.hi ? "events_exceed_cumulative" : ev.hi !== null && ev.hi < cum.lo ? "coverage_gap" : "consistent";
      return { asOf: r.slot.day, cumulative: cum, events: ev, outcome };
    });

/** The total of a solved group over `since`..`through` (through null: everything). */
export const totalOf = (g: Group, through: string | null, since: string | null): Total => {
  const to = through ?? g.lastDay;
  const f = g.over(since, to);
  const counted = g.readings.filter((r) => r.reading !== "set_aside" && r.reading !== "part" && (r.window === null ? r.slot.happenedBy <= to : r.window.from === null || r.window.from <= to)).map((r) => r.slot);
  const basis: Total["basis"] = counted.some((s) => s.kind === "cumulative") ? "cumulative+events" : "events";
  const disputed = g.refused > 0 || counted.some((s) => s.conflicts.length > 0 || s.revisions.length > 0);
  return {
    metric: g.metric,
    direction: g.direction,
    group: null,
    since,
    ...f,
    claims: claimCount(counted),
    sources: sourcesOf(counted),
    basis,
    slots: counted,
    readings: g.readings,
    checks: checksOf(g),
    disputed,
  };
};

/** A stock total: the latest level of its group through a day. */
export const stockOf = (metric: string, direction: string, group: string | null, stocks: readonly FS.Slot[], through: string | null): Total | null => {
  const known = stocks.filter((s) => through === null || s.happenedBy <= through).sort((a, b) => (a.happenedBy < b.happenedBy ? -1 : a.happenedBy > b.happenedBy ? 1 : a.key < b.key ? -1 : 1));
  const last = known.at(-1);
  if (last === undefined) return null;
  return {
    metric,
    direction,
    group,
    since: null,
    ...last.reconciled,
    claims: claimCount([last]),
    sources: sourcesOf([last]),
    basis: "stock",
    slots: [last],
    readings: [{ slot: last, window: null, reading: "window" }],
    checks: [],
    disputed: last.conflicts.length > 0 || last.revisions.length > 0,
  };
};
