/**
 * A warm index for as-of queries: the running totals as known on any day and
 * counting what happened through that same day, answered by binary search.
 * Built by replaying knowledge once, day by day: only the slots that a day's
 * new claims or amendments touch are reconciled again, and each metric and
 * direction keeps Fenwick trees of its event slots by day, so evaluating a
 * total is logarithmic. Totals are evaluated at every day on which they can
 * change (a knowledge day or a slot's day), so between two such days the
 * answer is exact. It must agree with `Reconcile.report` (property-tested).
 */
import * as FS from "./FactSlot.ts";
import * as L from "./Ledger.ts";
import type { ClaimView } from "./Ledger.ts";

/** A total's figure. */
export interface Figure {
  readonly metric: string;
  readonly direction: string;
  readonly best: number;
  readonly lo: number;
  readonly hi: number | null;
}

/** The index. */
export interface TotalsIndex {
  /** The totals known on `day`, counting what happened through `day`. */
  readonly totalsAt: (day: string) => Figure[];
  /** The days at which totals were evaluated, ascending. */
  readonly days: readonly string[];
}

/** Sums over day indices (Fenwick tree), with a count of unbounded upper bounds. */
class Fenwick {
  private readonly best: Float64Array;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly open: Int32Array;
  private readonly count: Int32Array;
  constructor(private readonly n: number) {
    this.count = new Int32Array(n + 1);
    this.best = new Float64Array(n + 1);
    this.lo = new Float64Array(n + 1);
    this.hi = new Float64Array(n + 1);
    this.open = new Int32Array(n + 1);
  }
  add(i: number, best: number, lo: number, hi: number | null, sign: 1 | -1): void {
    for (let k = i + 1; k <= this.n; k += k & -k) {
      this.count[k]! += sign;
      this.best[k]! += sign * best;
      this.lo[k]! += sign * lo;
      if (hi === null) this.open[k]! += sign;
      else this.hi[k]! += sign * hi;
    }
  }
  /** Sums over indices [0, i]. */
  prefix(i: number): { best: number; lo: number; hi: number; open: number; count: number } {
    let best = 0, lo = 0, hi = 0, open = 0, count = 0;
    for (let k = i + 1; k > 0; k -= k & -k) {
      count += this.count[k]!;
      best += this.best[k]!;
      lo += this.lo[k]!;
      hi += this.hi[k]!;
      open += this.open[k]!;
    }
    return { best, lo, hi, open, count };
  }
}

type Rec = { readonly day: string | null; readonly happenedBy: string; readonly key: string; readonly best: number; readonly lo: number; readonly hi: number | null };

/** The state of one metric and direction. */
class Group {
  readonly events = new Map<string, Rec>();
  readonly cumulative = new Map<string, Rec>();
  readonly stocks = new Map<string, Rec>();
  readonly tree: Fenwick;
  undated = { best: 0, lo: 0, hi: 0, open: 0, n: 0 };
  readonly timeline: Array<{ day: string; figure: Omit<Figure, "metric" | "direction"> | null }> = [];
  constructor(readonly metric: string, readonly direction: string, private readonly dayIndex: Map<string, number>, size: number) {
    this.tree = new Fenwick(size);
  }
  private move(r: Rec, sign: 1 | -1): void {
    if (r.day === null) {
      this.undated.best += sign * r.best;
      this.undated.lo += sign * r.lo;
      if (r.hi === null) this.undated.open += sign;
      else this.undated.hi += sign * r.hi;
      this.undated.n += sign;
    } else this.tree.add(this.dayIndex.get(r.day)!, r.best, r.lo, r.hi, sign);
  }
  /** Cumulative and stock slots sorted by (happenedBy, key): the latest one up to a day is a binary search. */
  private readonly sorted = { cumulative: [] as Rec[], stock: [] as Rec[] };
  private static order(a: Rec, b: Rec): number {
    return a.happenedBy < b.happenedBy ? -1 : a.happenedBy > b.happenedBy ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  }
  private static position(list: Rec[], r: Rec): number {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (Group.order(list[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** The last record with happenedBy ≤ day satisfying `ok`, scanning back from the end of that range. */
  static latest(list: readonly Rec[], day: string, ok: (r: Rec) => boolean): Rec | null {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.happenedBy <= day) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0; i--) if (ok(list[i]!)) return list[i]!;
    return null;
  }
  put(kind: string, r: Rec | null, key: string): void {
    const map = kind === "event" ? this.events : kind === "cumulative" ? this.cumulative : this.stocks;
    const old = map.get(key);
    if (kind === "event" && old !== undefined) this.move(old, -1);
    const list = kind === "cumulative" ? this.sorted.cumulative : kind === "stock" ? this.sorted.stock : null;
    if (list !== null && old !== undefined) list.splice(Group.position(list, old), 1);
    if (r === null) map.delete(key);
    else {
      map.set(key, r);
      if (kind === "event") this.move(r, 1);
      if (list !== null) list.splice(Group.position(list, r), 0, r);
    }
  }
  /** The same rules as Reconcile's totals, through `day`. */
  evaluate(day: string, upTo: (d: string) => number): Omit<Figure, "metric" | "direction"> | null {
    const anyCumulative = this.sorted.cumulative.length > 0 && this.sorted.cumulative[0]!.happenedBy <= day;
    const base = anyCumulative ? Group.latest(this.sorted.cumulative, day, (c) => c.day !== null) : null;
    const datedUpTo = upTo(day);
    const events = datedUpTo < 0 ? { best: 0, lo: 0, hi: 0, open: 0, count: 0 } : this.tree.prefix(datedUpTo);
    const anyEvents = events.count > 0 || this.undated.n > 0;
    if (!anyEvents && !anyCumulative) {
      const latest = Group.latest(this.sorted.stock, day, () => true);
      return latest === null ? null : { best: latest.best, lo: latest.lo, hi: latest.hi };
    }
    if (base !== null) {
      const at = upTo(base.day!);
      const before = at < 0 ? { best: 0, lo: 0, hi: 0, open: 0, count: 0 } : this.tree.prefix(at);
      const open = events.open - before.open + (base.hi === null ? 1 : 0);
      return { best: base.best + events.best - before.best, lo: base.lo + events.lo - before.lo, hi: open > 0 ? null : base.hi! + events.hi - before.hi };
    }
    const open = events.open + this.undated.open;
    return { best: events.best + this.undated.best, lo: events.lo + this.undated.lo, hi: open > 0 ? null : events.hi + this.undated.hi };
  }
}

const happenedBy = (s: FS.Slot): string => s.happenedBy;

type Fig = Omit<Figure, "metric" | "direction"> | null;
const sameFigure = (a: Fig, b: Fig): boolean => (a === null || b === null ? a === b : a.best === b.best && a.lo === b.lo && a.hi === b.hi);

/** Builds the index from a ledger. */
export const build = (ledger: L.Ledger, parties: readonly string[]): TotalsIndex => {
  // Every claim that can count toward a total, in knowledge order; amendments in the order they take effect.
  const entries = [...ledger.claims.values()].filter((c) => c.supersededBy === null && c.fields.kind !== "target");
  entries.sort((a, b) => (a.knownAt < b.knownAt ? -1 : a.knownAt > b.knownAt ? 1 : 0));
  const amended: Array<{ day: string; claimId: string }> = [];
  const hasAmendments = new Set<string>();
  for (const c of entries)
    for (const a of ledger.amendments.get(c.claimId) ?? [])
      if (a.effectiveOn >= c.knownAt) {
        amended.push({ day: a.effectiveOn, claimId: c.claimId });
        hasAmendments.add(c.claimId);
      }
  amended.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  // Slot membership is kept as claim ids; a touched slot recomputes its members' views from the ledger.
  // Only claims with amendments can move between slots, so only theirs are remembered.
  const slotMembers = new Map<string, string[]>();
  const movedFrom = new Map<string, string[]>();

  const slotDays = new Set<string>();
  for (const c of entries) for (const d of [c.fields.validFrom, c.fields.validTo]) if (d !== null) slotDays.add(d);
  for (const list of ledger.amendments.values()) for (const a of list) if (a.change._tag === "Corrected") for (const d of [a.change.changes.validFrom, a.change.changes.validTo]) if (d != null) slotDays.add(d);
  const sortedSlotDays = [...slotDays].sort();
  const dayIndex = new Map(sortedSlotDays.map((d, i) => [d, i]));
  const upTo = (day: string): number => {
    let lo = 0, hi = sortedSlotDays.length - 1, ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sortedSlotDays[mid]! <= day) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };

  const groups = new Map<string, Group>();
  const groupOf = (metric: string, direction: string): Group => {
    const k = `${metric}|${direction}`;
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = new Group(metric, direction, dayIndex, Math.max(1, sortedSlotDays.length))));
    return g;
  };
  const slotMeta = new Map<string, { metric: string; direction: string; kind: string }>();

  const knowledgeDays = new Set<string>([...entries.map((c) => c.knownAt), ...amended.map((a) => a.day)]);
  const evaluationDays = [...new Set([...knowledgeDays, ...sortedSlotDays])].sort();
  let next = 0;
  let nextAmendment = 0;
  for (const day of evaluationDays) {
    const changed: string[] = [];
    while (next < entries.length && entries[next]!.knownAt === day) changed.push(entries[next++]!.claimId);
    while (nextAmendment < amended.length && amended[nextAmendment]!.day === day) changed.push(amended[nextAmendment++]!.claimId);
    if (changed.length > 0) {
      const touched = new Set<string>();
      for (const id of changed) {
        const entry = ledger.claims.get(id)!;
        for (const k of movedFrom.get(id) ?? []) {
          const members = slotMembers.get(k);
          const at = members?.indexOf(id) ?? -1;
          if (at >= 0) members!.splice(at, 1);
          touched.add(k);
        }
        const v = L.viewClaim(ledger, entry, day);
        if (v === null || v.fields.kind === "target") {
          if (hasAmendments.has(id)) movedFrom.set(id, []);
          continue;
        }
        const keys = FS.directionsOf(v.fields.direction, parties).map((d) => {
          const k = FS.slotKey(v, d);
          if (!slotMeta.has(k)) slotMeta.set(k, { metric: v.fields.metric, direction: d, kind: v.fields.kind });
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
        const g = groupOf(meta.metric, meta.direction);
        const members = (slotMembers.get(k) ?? []).map((id) => L.viewClaim(ledger, ledger.claims.get(id)!, day)).filter((v): v is ClaimView => v !== null);
        const slot = members.length === 0 ? undefined : FS.build(members, parties).find((s) => s.key === k);
        g.put(meta.kind, slot === undefined ? null : { day: slot.day, happenedBy: happenedBy(slot), key: k, best: slot.reconciled.best, lo: slot.reconciled.lo, hi: slot.reconciled.hi }, k);
      }
    }
    for (const g of groups.values()) {
      const f = g.evaluate(day, upTo);
      const last = g.timeline.at(-1);
      if (last === undefined || !sameFigure(last.figure, f)) g.timeline.push({ day, figure: f });
    }
  }

  const ordered = [...groups.values()].sort((a, b) => (`${a.metric}|${a.direction}` < `${b.metric}|${b.direction}` ? -1 : 1));
  return {
    days: evaluationDays,
    totalsAt: (day) => {
      const out: Figure[] = [];
      for (const g of ordered) {
        const t = g.timeline;
        let lo = 0, hi = t.length - 1, at = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (t[mid]!.day <= day) {
            at = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        const f = at < 0 ? null : t[at]!.figure;
        if (f !== null) out.push({ metric: g.metric, direction: g.direction, ...f });
      }
      return out;
    },
  };
};
