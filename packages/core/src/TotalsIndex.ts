/**
 * A warm index for the dashboard's sliders: the running totals as known on any
 * day (known-at) and counting what happened through any day (through), answered
 * by two binary searches. Built by replaying knowledge once, day by day: only the
 * slots that a day's new claims or amendments touch are reconciled again, and
 * only the metric and direction they belong to is solved again (Totals.solve,
 * the same code as the report, warm-started from its last solve). Each solve is
 * kept as a row: its figure through every day on which a total can change (a
 * window's edges, an undated figure's article day, the day after the last
 * report), so between two such days the answer is exact. A day that leaves a
 * group alone keeps no row for it: the day before answers. It must agree with
 * `Reconcile.report` of the same view (TotalsIndex.prop.test.ts).
 */
import * as A from "./Agreements.ts";
import * as FS from "./FactSlot.ts";
import * as F from "./Figure.ts";
import * as L from "./Ledger.ts";
import * as T from "./Totals.ts";
import { next, previous } from "./DateOnly.ts";
import type { ClaimView } from "./Ledger.ts";

/** A total's figure, with what it is a total of. */
export interface Figure extends F.Figure {
  readonly metric: string;
  readonly direction: string;
  readonly group: string | null;
}

/** The index. */
export interface TotalsIndex {
  /** The totals as known on `knownAt`, counting what happened through `through` (since the beginning): `Reconcile.report`'s figures. */
  readonly figuresAt: (knownAt: string, through: string) => Figure[];
  /** The totals known on `day`, counting what happened through `day`. */
  readonly totalsAt: (day: string) => Figure[];
  /** The through-days after which a total may change, ascending (between two of them no total changes). */
  readonly days: readonly string[];
  /** The days on which knowledge changed, ascending (between two of them no view changes). */
  readonly knownDays: readonly string[];
  /** How many rows the index keeps, and the bytes of their figures. */
  readonly size: () => { readonly rows: number; readonly bytes: number };
  /** A copy of what the index keeps, to be read elsewhere (`reading`): another thread, once its buffers are transferred. */
  readonly rows: () => Rows;
}

/**
 * What an index keeps: per total, its rows by knowledge day, each with the list of through-days it was computed
 * under. The rows are packed end to end in two arrays (whole counts, and any other figures), so that another
 * thread receives a few buffers, not one per row.
 */
export interface Rows {
  readonly days: readonly string[];
  readonly knownDays: readonly string[];
  /** The lists of through-days, each ascending; a row names its list by position. */
  readonly lists: ReadonlyArray<readonly string[]>;
  readonly ints: Int32Array;
  readonly floats: Float64Array;
  readonly groups: ReadonlyArray<{
    readonly metric: string;
    readonly direction: string;
    readonly group: string | null;
    readonly days: readonly string[];
    /** Per row, three numbers: where it is (0: no row, 1: `ints`, 2: `floats`), its offset and its length. */
    readonly spans: Int32Array;
    /** Per row, its list of through-days. */
    readonly through: Int32Array;
  }>;
}

/** The buffers of `rows`: what a thread may transfer instead of copying. */
export const buffersOf = (r: Rows): ArrayBuffer[] => [r.ints.buffer as ArrayBuffer, r.floats.buffer as ArrayBuffer, ...r.groups.flatMap((g) => [g.spans.buffer as ArrayBuffer, g.through.buffer as ArrayBuffer])];

interface Group {
  readonly metric: string;
  readonly direction: string;
  readonly group: string | null;
  readonly days: readonly string[];
  readonly rows: ReadonlyArray<Row | null>;
  readonly through: ReadonlyArray<readonly string[]>;
}

/** The index answering from rows (sorted by metric, direction and group), as built or as sent by another thread. */
const reader = (ordered: readonly Group[], days: readonly string[], knownDays: readonly string[]): TotalsIndex => {
  const figuresAt = (knownAt: string, through: string): Figure[] => {
    const out: Figure[] = [];
    // Rows computed under the same list of through-days share it: one search per list.
    const at = new Map<readonly string[], number>();
    for (const g of ordered) {
      const k = lastAtOrBefore(g.days, knownAt);
      const row = k < 0 ? null : g.rows[k]!;
      if (row === null) continue;
      const list = g.through[k]!;
      let i = at.get(list);
      if (i === undefined) at.set(list, (i = lastAtOrBefore(list, through)));
      if (i < 0) continue;
      const j = 3 * Math.min(i, row.length / 3 - 1);
      const best = valueOf(row, j);
      if (best === null) continue;
      out.push({ metric: g.metric, direction: g.direction, group: g.group, best, lo: valueOf(row, j + 1)!, hi: valueOf(row, j + 2) });
    }
    return out;
  };
  return {
    days,
    knownDays,
    figuresAt,
    totalsAt: (day) => figuresAt(day, day),
    size: () => {
      let rowsKept = 0, numbers = 0;
      for (const g of ordered) for (const r of g.rows) if (r !== null) (rowsKept++, (numbers += r.byteLength));
      return { rows: rowsKept, bytes: numbers };
    },
    rows: () => {
      const lists: Array<readonly string[]> = [];
      const listNo = new Map<readonly string[], number>();
      const no = (l: readonly string[]) => {
        let i = listNo.get(l);
        if (i === undefined) listNo.set(l, (i = lists.push([...l]) - 1));
        return i;
      };
      let intCount = 0, floatCount = 0;
      for (const g of ordered) for (const r of g.rows) if (r instanceof Int32Array) intCount += r.length;
      else if (r !== null) floatCount += r.length;
      const ints = new Int32Array(intCount), floats = new Float64Array(floatCount);
      let i = 0, f = 0;
      const groups = ordered.map((g) => {
        const spans = new Int32Array(3 * g.rows.length);
        g.rows.forEach((r, k) => {
          if (r === null) return;
          if (r instanceof Int32Array) {
            ints.set(r, i);
            spans.set([1, i, r.length], 3 * k);
            i += r.length;
          } else {
            floats.set(r, f);
            spans.set([2, f, r.length], 3 * k);
            f += r.length;
          }
        });
        return { metric: g.metric, direction: g.direction, group: g.group, days: [...g.days], spans, through: Int32Array.from(g.through.map(no)) };
      });
      return { days: [...days], knownDays: [...knownDays], lists, ints, floats, groups };
    },
  };
};

/** An index that answers from rows made elsewhere (`TotalsIndex.rows`): the same answers as the index they come from. */
export const reading = (r: Rows): TotalsIndex =>
  reader(
    r.groups.map((g) => ({
      metric: g.metric,
      direction: g.direction,
      group: g.group,
      days: g.days,
      rows: g.days.map((_, k): Row | null => {
        const [where, at, length] = [g.spans[3 * k]!, g.spans[3 * k + 1]!, g.spans[3 * k + 2]!];
        return where === 0 ? null : where === 1 ? r.ints.subarray(at, at + length) : r.floats.subarray(at, at + length);
      }),
      through: [...g.through].map((i) => r.lists[i]!),
    })),
    r.days,
    r.knownDays,
  );

/** How far a build or an extension has gone: knowledge days done, of how many. */
export interface Progress {
  readonly done: number;
  readonly of: number;
}

/** Options of a build. */
export interface BuildOptions {
  /**
   * Keep what the replay held (the slots, solves and memberships as of the last knowledge day), so that the
   * index can be extended by later events instead of rebuilt (`extending`). It costs that memory for as long
   * as the index lives.
   */
  readonly extendable?: boolean;
}

/** An index that can follow the log: `extending` a later ledger of the same log. */
export interface Extendable extends TotalsIndex {
  /**
   * Steps that extend the index to `ledger` (the same log with more events: the ledger it was built from,
   * folded further, or a fresh fold of the longer log). They return the extended index, the same as one
   * built from `ledger` (TotalsIndex.prop.test.ts), or null when that cannot be done by extending: an event
   * lands before the last knowledge day of the index (a claim known earlier, an amendment effective earlier,
   * an article dated, a re-extraction superseding claims already counted), or this index is not the latest
   * of its line (it was extended already, or an extension of it was left unfinished). Null is decided before
   * anything is changed; once the steps go on, this index answers no more (its rows are being extended).
   */
  readonly extending: (ledger: L.Ledger) => Generator<Progress, Extendable | null, void>;
}

/** Builds the index from a ledger. */
export const build = (ledger: L.Ledger, parties: readonly string[]): TotalsIndex => run(building(ledger, parties));

/** Runs the steps of a build or an extension to their end. */
export const run = <A>(steps: Generator<Progress, A, void>): A => {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
};

/**
 * The same build, one knowledge day at a time: each step yields how many knowledge days are done and how
 * many there are, and the generator returns the index. A server runs it between requests (a long build
 * never holds the event loop for more than one day's work); the index is the same as `build`'s.
 */
export function building(ledger: L.Ledger, parties: readonly string[]): Generator<Progress, TotalsIndex, void>;
export function building(ledger: L.Ledger, parties: readonly string[], options: BuildOptions & { readonly extendable: true }): Generator<Progress, Extendable, void>;
export function building(ledger: L.Ledger, parties: readonly string[], options?: BuildOptions): Generator<Progress, TotalsIndex, void>;
export function* building(ledger: L.Ledger, parties: readonly string[], options: BuildOptions = {}): Generator<Progress, TotalsIndex, void> {
  const index = yield* engine(parties, options.extendable === true).advance(ledger, 0);
  // A fresh engine never refuses: nothing lands before a last day it does not have.
  return index!;
}

/** Every claim that can change a total: a count, and a target too (a deal's day ends the windows of the running counts under an earlier deal, rule 5; a correction may make it a count). */
const isEntry = (c: L.ClaimEntry): boolean => c.supersededBy === null;

const NO_AMENDMENTS: ReadonlyMap<string, L.Amendment[]> = new Map();

/**
 * The replay of knowledge and what it keeps between a build and its extensions. `advance` replays the
 * knowledge days of a ledger from the last one it replayed (all of them the first time).
 */
const engine = (parties: readonly string[], extendable: boolean) => {
  // Slot membership is kept as claim ids; a touched slot recomputes its members' views from the ledger.
  // Only claims with amendments can move between slots, so only theirs are remembered.
  const slotMembers = new Map<string, string[]>();
  const movedFrom = new Map<string, string[]>();
  // The slots of each metric and direction (and of each stock group), as known so far.
  const slotsOf = new Map<string, Map<string, FS.Slot>>();
  const solved = new Map<string, T.Group>();
  const slotMeta = new Map<string, { group: string }>();
  const warm = new Map<string, T.Warm>();
  const wholesOf = new Map<string, string[]>();
  for (const [whole, parts] of Object.entries(T.partsOf)) for (const m of parts) wholesOf.set(m, [...(wholesOf.get(m) ?? []), whole]);
  // The deal each claim tells of as known so far (Agreements.dealOf), how many claims tell each (count, day), and
  // the days deals were made (Totals.Deals) that the solves read: a running count under a deal ends at the next.
  const dealOfClaim = new Map<string, string>();
  const dealClaims = new Map<string, number>();
  let deals: T.Deals = A.dealsOf([]);
  const groupKey = (metric: string, direction: string, kind: string, group: string | null) =>
    kind === "stock" ? `stock|${metric}|${direction}|${group ?? ""}` : `flow|${metric}|${direction}`;

  // What the last replay saw of the ledger, to tell an extension from a change of the past: every claim id,
  // the superseded ones, how many amendments each amended claim had, how many datings each dated article.
  const known = new Set<string>();
  const superseded = new Set<string>();
  const amendCount = new Map<string, number>();
  const datedCount = new Map<string, number>();
  const hasAmendments = new Set<string>();
  let lastDay: string | null = null;
  let knowledgeDays: string[] = [];
  // The days through which a total can change, as any view may know it: a total through a day is read at the
  // boundaries of the windows (a window's first day and the day after its last), at an undated figure's article
  // day and at the day after the last report (Totals.solve's `over`), at a stock's day (Totals.stockOf). Every
  // such boundary comes from a claim's days (as stated or as corrected) or an article's day; each is taken with
  // the days before and after it, so between two consecutive through-days nothing a query reads can change.
  const marks = new Set<string>([FLOOR]);
  // The days marked with their neighbours (a day in `marks` may be only a neighbour of one).
  const centres = new Set<string>();
  let throughDays: readonly string[] = [FLOOR];
  // The line of indexes: only the latest may be extended, and not while (or after) an extension was left half done.
  let version = 0;
  let broken = false;

  // Per group, the rows it had as known on each knowledge day where it changed (a day that leaves it alone adds
  // nothing: the row of the day before is the answer). A row holds best, lo, hi (NaN: no ceiling) at each
  // through-day of its own list (the through-days as they were when it was computed: days added later fall
  // between two of them, where its figures do not change), up to the day after which nothing changes; best NaN:
  // the total is not listed through that day. Counts are whole numbers: a row of them is kept as 32-bit
  // integers (-1 for NaN), half the memory.
  const rows = new Map<string, { days: string[]; rows: Array<Row | null>; through: Array<readonly string[]> }>();
  const record = (g: string, day: string, figures: Float64Array | null) => {
    const row = figures === null ? null : compact(figures);
    let r = rows.get(g);
    if (r === undefined) rows.set(g, (r = { days: [], rows: [], through: [] }));
    if (r.days.at(-1) === day) {
      r.rows[r.rows.length - 1] = row;
      r.through[r.through.length - 1] = throughDays;
    } else {
      if (r.rows.length === 0 && row === null) return;
      r.days.push(day);
      r.rows.push(row);
      r.through.push(throughDays);
    }
  };
  const put = (row: Float64Array, i: number, f: F.Figure | null) => {
    row[3 * i] = f === null ? NaN : f.best;
    row[3 * i + 1] = f === null ? NaN : f.lo;
    row[3 * i + 2] = f === null || f.hi === null ? NaN : f.hi;
  };
  const flowRow = (g: T.Group): Float64Array => {
    // Through the day after the last report and later, the total no longer changes.
    const length = Math.max(1, lastAtOrBefore(throughDays, next(g.lastDay)) + 1);
    const row = new Float64Array(3 * length);
    const listed = g.readings.length > 0;
    for (let i = 0; i < length; i++) {
      const f = g.over(null, throughDays[i]!);
      put(row, i, listed || f.lo > 0 ? f : null);
    }
    return row;
  };
  const stockRow = (stocks: readonly FS.Slot[]): Float64Array | null => {
    if (stocks.length === 0) return null;
    // Totals.stockOf through a day: the last stock of the group by day (then key) known by then.
    const sorted = [...stocks].sort((a, b) => (a.happenedBy < b.happenedBy ? -1 : a.happenedBy > b.happenedBy ? 1 : a.key < b.key ? -1 : 1));
    const length = Math.max(1, lastAtOrBefore(throughDays, sorted.at(-1)!.happenedBy) + 1);
    const row = new Float64Array(3 * length);
    let at = -1;
    for (let i = 0; i < length; i++) {
      while (at + 1 < sorted.length && sorted[at + 1]!.happenedBy <= throughDays[i]!) at++;
      put(row, i, at < 0 ? null : sorted[at]!.reconciled);
    }
    return row;
  };

  /** The slot keys a claim was filed under when last replayed (it had no amendments then: its own fields). */
  const keysOf = (ledger: L.Ledger, id: string): string[] => {
    const was = movedFrom.get(id);
    if (was !== undefined) return was;
    const c = ledger.claims.get(id);
    if (!known.has(id) || c === undefined) return [];
    const v = L.viewClaim({ ...ledger, amendments: NO_AMENDMENTS as Map<string, L.Amendment[]> }, c, c.knownAt);
    if (v === null || v.fields.kind === "target") return [];
    return FS.directionsOf(v.fields.direction, parties).map((d) => FS.slotKey(v, d));
  };

  /** One knowledge day: the claims and amendments of the day filed, their slots rebuilt, their groups solved again, their rows recorded. */
  const replayDay = (ledger: L.Ledger, day: string, changed: readonly string[]) => {
    const stale = new Set<string>();
    const touched = new Set<string>();
    // The counts whose deals' days changed today (a deal made, moved, rejected, or made an offer).
    const dealCounts = new Set<string>();
    const tally = (key: string, by: number) => {
      const n = (dealClaims.get(key) ?? 0) + by;
      if (n === 0) dealClaims.delete(key);
      else dealClaims.set(key, n);
      // The set of days changes only when a day gains its first claim or loses its last.
      if (n === 0 || n === by) dealCounts.add(key.slice(0, key.indexOf("|")));
    };
    for (const id of changed) {
      const entry = ledger.claims.get(id)!;
      const was = dealOfClaim.get(id);
      const view = L.viewClaim(ledger, entry, day);
      const deal = view === null ? null : A.dealOf(view);
      const now = deal === null ? undefined : `${deal.count}|${deal.day}`;
      if (was !== now) {
        if (was !== undefined) tally(was, -1);
        if (now !== undefined) tally(now, 1);
        if (now === undefined) dealOfClaim.delete(id);
        else dealOfClaim.set(id, now);
      }
      for (const k of keysOf(ledger, id)) {
        const members = slotMembers.get(k);
        const at = members?.indexOf(id) ?? -1;
        if (at >= 0) members!.splice(at, 1);
        touched.add(k);
      }
      const v = view;
      if (v === null || v.fields.kind === "target") {
        if (hasAmendments.has(id)) movedFrom.set(id, []);
        continue;
      }
      const keys = FS.directionsOf(v.fields.direction, parties).map((d) => {
        const k = FS.slotKey(v, d);
        slotMeta.set(k, { group: groupKey(v.fields.metric, d, v.fields.kind, v.fields.group) });
        return k;
      });
      if (hasAmendments.has(id)) movedFrom.set(id, keys);
      for (const k of keys) {
        const members = slotMembers.get(k);
        if (members === undefined) slotMembers.set(k, [id]);
        else if (!members.includes(id)) members.push(id);
        touched.add(k);
      }
    }
    for (const k of touched) {
      const meta = slotMeta.get(k)!;
      const members = (slotMembers.get(k) ?? []).map((id) => L.viewClaim(ledger, ledger.claims.get(id)!, day)).filter((v): v is ClaimView => v !== null);
      const slot = members.length === 0 ? undefined : FS.build(members, parties).find((s) => s.key === k);
      let map = slotsOf.get(meta.group);
      if (map === undefined) slotsOf.set(meta.group, (map = new Map()));
      if (slot === undefined) map.delete(k);
      else map.set(k, slot);
      stale.add(meta.group);
      const [, metric, direction] = meta.group.split("|") as [string, string, string];
      for (const whole of wholesOf.get(metric) ?? []) stale.add(`flow|${whole}|${direction}`);
    }
    if (dealCounts.size > 0) {
      const days = new Map<string, Set<string>>();
      for (const key of dealClaims.keys()) {
        const [count, d] = key.split("|") as [string, string];
        const set = days.get(count);
        if (set === undefined) days.set(count, new Set([d]));
        else set.add(d);
      }
      deals = new Map([...days].map(([k, set]) => [k, [...set].sort()]));
      // A count's deals end the windows of its own running counts, of its parts' (they count under the whole's deals) and so
      // of its wholes' (which read their parts' windows): those totals are solved again.
      const reached = new Set<string>();
      for (const count of dealCounts) for (const m of [count, ...(T.partsOf[count] ?? []), ...(wholesOf.get(count) ?? [])]) reached.add(m);
      for (const g of slotsOf.keys()) {
        const [tag, metric, direction] = g.split("|") as [string, string, string];
        if (tag !== "flow" || !reached.has(metric)) continue;
        stale.add(g);
        // A whole reported only through its parts has no slots of its own.
        for (const whole of wholesOf.get(metric) ?? []) stale.add(`flow|${whole}|${direction}`);
      }
    }
    const flowsChanged = new Set<string>();
    for (const g of stale) {
      const [tag, metric, direction] = g.split("|") as [string, string, string];
      if (tag !== "flow") continue;
      const own = FS.join([...(slotsOf.get(g)?.values() ?? [])]);
      const parts = (T.partsOf[metric] ?? []).flatMap((m) => FS.join([...(slotsOf.get(`flow|${m}|${direction}`)?.values() ?? [])]));
      const had = solved.has(g);
      if (own.length === 0 && parts.length === 0) {
        solved.delete(g);
        record(g, day, null);
      } else {
        let w = warm.get(g);
        if (w === undefined) warm.set(g, (w = {}));
        // The index keeps figures only: conflicts are not searched (the report names them); the last solve's potentials start this one (same answers).
        const solution = T.solve(metric, direction, own.sort(byKey), parts.sort(byKey), false, w, deals);
        solved.set(g, solution);
        record(g, day, flowRow(solution));
      }
      if (had !== solved.has(g)) flowsChanged.add(`${metric}|${direction}`);
    }
    // As in the report: a stock is listed only when no flow of the same metric and direction is.
    for (const [g, map] of slotsOf) {
      const [tag, metric, direction] = g.split("|") as [string, string, string, string];
      if (tag !== "stock" || (!stale.has(g) && !flowsChanged.has(`${metric}|${direction}`))) continue;
      record(g, day, solved.has(`flow|${metric}|${direction}`) ? null : stockRow([...map.values()]));
    }
  };

  /** The index of the rows as they are now (the rows are shared with the engine: a later extension changes them). */
  const snapshot = (): Extendable => {
    const mine = ++version;
    const describe = (g: string) => {
      const [tag, metric, direction, group] = g.split("|") as [string, string, string, string | undefined];
      return { metric, direction, group: tag === "stock" && group !== "" && group !== undefined ? group : null };
    };
    const ordered = [...rows.entries()]
      .map(([g, r]) => ({ ...describe(g), ...r }))
      .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : (a.group ?? "") < (b.group ?? "") ? -1 : 1));
    return {
      ...reader(ordered, throughDays.slice(1), [...knowledgeDays]),
      extending: (ledger) => advance(ledger, mine),
    };
  };

  /** Replays the knowledge days of `ledger` from the last one replayed; null (nothing changed) when an event lands before it. */
  function* advance(ledger: L.Ledger, line: number): Generator<Progress, Extendable | null, void> {
    if (line !== version || broken || (line > 0 && !extendable)) return null;
    const since = lastDay;
    // 1. What is new, and whether it all lands on or after the last knowledge day (nothing is changed yet).
    const changedOn = new Map<string, string[]>();
    const amendedOn = new Map<string, string[]>();
    const on = (m: Map<string, string[]>, day: string, id: string) => {
      const list = m.get(day);
      if (list === undefined) m.set(day, [id]);
      else list.push(id);
    };
    const newMarks = new Set<string>();
    const mark = (d: string | null | undefined) => {
      if (d != null && !centres.has(d)) newMarks.add(d);
    };
    const markChanges = (a: L.Amendment) => {
      mark(a.effectiveOn);
      if (a.change._tag === "Corrected") for (const d of [a.change.changes.validFrom, a.change.changes.validTo, a.change.changes.agreement?.agreedOn]) mark(d);
    };
    const amendedNow: Array<[string, number]> = [];
    const newIds: string[] = [];
    const newlySuperseded: string[] = [];
    const dated: Array<[string, number]> = [];
    let n = 0;
    const scanned = () => (++n & 8191) === 0;
    for (const a of ledger.articles.values()) {
      if (scanned()) yield { done: 0, of: 0 };
      // A dating moves the article's claims (and its days) to another knowledge day: in the past, or leaving it.
      if (line > 0 && a.dated.length !== (datedCount.get(a.articleId) ?? 0)) return null;
      if (a.dated.length > 0) dated.push([a.articleId, a.dated.length]);
      mark(a.publishedAt);
      mark(a.knownAt);
    }
    for (const [id, list] of ledger.amendments) {
      if (scanned()) yield { done: 0, of: 0 };
      const before = amendCount.get(id) ?? 0;
      if (list.length < before) return null;
      for (let i = before; i < list.length; i++) {
        if (since !== null && list[i]!.effectiveOn < since) return null;
        markChanges(list[i]!);
      }
      if (list.length > before) amendedNow.push([id, list.length]);
    }
    // Claims newly counted, in the ledger's order: then stably by the day they became known.
    const entries: L.ClaimEntry[] = [];
    for (const c of ledger.claims.values()) {
      if (scanned()) yield { done: 0, of: 0 };
      const list = ledger.amendments.get(c.claimId) ?? [];
      const old = known.has(c.claimId);
      if (old && (c.supersededBy !== null) !== superseded.has(c.claimId)) return null;
      if (!old) {
        newIds.push(c.claimId);
        if (c.supersededBy !== null) newlySuperseded.push(c.claimId);
        mark(c.knownAt);
        for (const d of [c.fields.validFrom, c.fields.validTo, c.fields.agreement?.agreedOn]) mark(d);
      }
      if (!isEntry(c)) continue;
      const before = old ? (amendCount.get(c.claimId) ?? 0) : 0;
      if (old) {
        // Counted already: only its new amendments are new.
        for (let i = before; i < list.length; i++) if (list[i]!.effectiveOn >= c.knownAt) on(amendedOn, list[i]!.effectiveOn, c.claimId);
        continue;
      }
      // Newly counted (a new claim): known on or after the last day only.
      if (since !== null && c.knownAt < since) return null;
      entries.push(c);
    }
    entries.sort((a, b) => (a.knownAt < b.knownAt ? -1 : a.knownAt > b.knownAt ? 1 : 0));
    for (const c of entries) on(changedOn, c.knownAt, c.claimId);
    for (const c of entries) for (const a of ledger.amendments.get(c.claimId) ?? []) if (a.effectiveOn >= c.knownAt) on(amendedOn, a.effectiveOn, c.claimId);

    // 2. Nothing lands in the past: take it in.
    // What was seen is remembered as it was seen: a ledger folded further while the days below replay (a
    // server's, between two slices) shows the rest to the next extension.
    broken = true;
    for (const [id, count] of amendedNow) {
      amendCount.set(id, count);
      hasAmendments.add(id);
    }
    for (const [id, count] of dated) datedCount.set(id, count);
    if (newMarks.size > 0) {
      const before = marks.size;
      for (const d of newMarks) {
        centres.add(d);
        marks.add(d);
        marks.add(previous(d));
        marks.add(next(d));
      }
      if (marks.size !== before) throughDays = [...marks].sort();
    }
    const days = [...new Set<string>([...changedOn.keys(), ...amendedOn.keys()])].sort();
    knowledgeDays = [...new Set<string>([...knowledgeDays, ...days])].sort();
    for (const [done, day] of days.entries()) {
      if (done > 0) yield { done, of: days.length };
      replayDay(ledger, day, [...(changedOn.get(day) ?? []), ...(amendedOn.get(day) ?? [])]);
    }
    // Claims replayed from now on are known: a later amendment moves them out of the slots they were filed under.
    for (const id of newIds) known.add(id);
    for (const id of newlySuperseded) superseded.add(id);
    lastDay = knowledgeDays.at(-1) ?? null;
    broken = false;
    const index = snapshot();
    // What the replay held is not needed to answer: only the rows are kept, unless the index is to be extended.
    if (!extendable) for (const m of [slotsOf, solved, warm, slotMembers, movedFrom, slotMeta, known, superseded, amendCount, datedCount, hasAmendments, centres, dealOfClaim, dealClaims]) m.clear();
    return index;
  }

  return { advance };
};

/** The last index of a sorted list whose day is on or before `day` (-1: none). */
const lastAtOrBefore = (days: readonly string[], day: string): number => {
  let lo = 0, hi = days.length - 1, at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return at;
};

type Row = Int32Array | Float64Array;
/** A row of whole counts as 32-bit integers (NaN as -1); any other row as it is. */
const compact = (figures: Float64Array): Row => {
  for (const x of figures) if (!Number.isNaN(x) && !(Number.isInteger(x) && x >= 0 && x < 2 ** 31)) return figures;
  return Int32Array.from(figures, (x) => (Number.isNaN(x) ? -1 : x));
};
const valueOf = (row: Row, i: number): number | null => {
  const x = row[i]!;
  return row instanceof Int32Array ? (x < 0 ? null : x) : Number.isNaN(x) ? null : x;
};

/** Before any day of the record: the through-days start here, so that every day asked has one at or before it. */
const FLOOR = "0001-01-01";

const byKey = (a: FS.Slot, b: FS.Slot): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
