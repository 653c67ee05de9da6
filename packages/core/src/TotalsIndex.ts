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
  constructor(private readonly n: number) {
    this.best = new Float64Array(n + 1);
    this.lo = new Float64Array(n + 1);
    this.hi = new Float64Array(n + 1);
    this.open = new Int32Array(n + 1);
  }
  add(i: number, best: number, lo: number, hi: number | null, sign: 1 | -1): void {
    for (let k = i + 1; k <= this.n; k += k & -k) {
      this.best[k]! += sign * best;
      this.lo[k]! += sign * lo;
      if (hi === null) this.open[k]! += sign;
      else this.hi[k]! += sign * hi;
    }
  }
  /** Sums over indices [0, i]. */
  prefix(i: number): { best: number; lo: number; hi: number; open: number } {
    let best = 0, lo = 0, hi = 0, open = 0;
    for (let k = i + 1; k > 0; k -= k & -k) {
      best += this.best[k]!;
      lo += this.lo[k]!;
      hi += this.hi[k]!;
      open += this.open[k]!;
    }
    return { best, lo, hi, open };
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
  put(kind: string, r: Rec | null, key: string): void {
    const map = kind === "event" ? this.events : kind === "cumulative" ? this.cumulative : this.stocks;
    const old = map.get(key);
    if (kind === "event" && old !== undefined) this.move(old, -1);
    if (r === null) map.delete(key);
    else {
      map.set(key, r);
      if (kind === "event") this.move(r, 1);
    }
  }
  /** The same rules as Reconcile's totals, through `day`. */
  evaluate(day: string, upTo: (d: string) => number): Omit<Figure, "metric" | "direction"> | null {
    const later = (a: Rec, b: Rec) => (a.happenedBy !== b.happenedBy ? a.happenedBy > b.happenedBy : a.key > b.key);
    let base: Rec | null = null;
    let anyCumulative = false;
    for (const c of this.cumulative.values()) {
      if (c.happenedBy > day) continue;
      anyCumulative = true;
      if (c.day !== null && (base === null || later(c, base))) base = c;
    }
    const datedUpTo = upTo(day);
    const events = datedUpTo < 0 ? { best: 0, lo: 0, hi: 0, open: 0 } : this.tree.prefix(datedUpTo);
    const anyEvents = events.best !== 0 || events.lo !== 0 || events.open !== 0 || this.countDated(day) > 0 || this.undated.n > 0;
    if (!anyEvents && !anyCumulative) {
      let latest: Rec | null = null;
      for (const s of this.stocks.values()) if (s.happenedBy <= day && (latest === null || later(s, latest))) latest = s;
      return latest === null ? null : { best: latest.best, lo: latest.lo, hi: latest.hi };
    }
    if (base !== null) {
      const at = upTo(base.day!);
      const before = at < 0 ? { best: 0, lo: 0, hi: 0, open: 0 } : this.tree.prefix(at);
      const open = events.open - before.open + (base.hi === null ? 1 : 0);
      return { best: base.best + events.best - before.best, lo: base.lo + events.lo - before.lo, hi: open > 0 ? null : base.hi! + events.hi - before.hi };
    }
    const open = events.open + this.undated.open;
    return { best: events.best + this.undated.best, lo: events.lo + this.undated.lo, hi: open > 0 ? null : events.hi + this.undated.hi };
  }
  private countDated(day: string): number {
    let n = 0;
    for (const e of this.events.values()) if (e.day !== null && e.day <= day) n++;
    return n;
  }
}

const happenedBy = (s: FS.Slot): string => s.happenedBy;

/** Builds the index from a ledger. */
export const build = (ledger: L.Ledger, parties: readonly string[]): TotalsIndex => {
  // Every claim that can count toward a total, with the days on which its view can change.
  const entries = [...ledger.claims.values()].filter((c) => c.supersededBy === null && c.fields.kind !== "target");
  const changes = new Map<string, Set<string>>(); // knowledge day -> claim ids whose view changes
  const note = (day: string, id: string) => {
    const set = changes.get(day) ?? new Set<string>();
    set.add(id);
    changes.set(day, set);
  };
  for (const c of entries) {
    note(c.knownAt, c.claimId);
    for (const a of ledger.amendments.get(c.claimId) ?? []) if (a.effectiveOn >= c.knownAt) note(a.effectiveOn, c.claimId);
  }
  // Slot membership: a claim's slot keys depend only on fields that amendments may change, so they are recomputed on change.
  const current = new Map<string, ClaimView>();
  const slotMembers = new Map<string, Set<string>>();
  const claimSlots = new Map<string, string[]>();

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

  const evaluationDays = [...new Set([...changes.keys(), ...sortedSlotDays])].sort();
  for (const day of evaluationDays) {
    const changed = changes.get(day);
    if (changed !== undefined) {
      const touched = new Set<string>();
      for (const id of changed) {
        const entry = ledger.claims.get(id)!;
        for (const k of claimSlots.get(id) ?? []) {
          slotMembers.get(k)?.delete(id);
          touched.add(k);
        }
        const v = L.viewClaim(ledger, entry, day);
        if (v === null || v.fields.kind === "target") {
          current.delete(id);
          claimSlots.set(id, []);
          continue;
        }
        current.set(id, v);
        const keys = FS.directionsOf(v.fields.direction, parties).map((d) => {
          const k = FS.slotKey(v, d);
          slotMeta.set(k, { metric: v.fields.metric, direction: d, kind: v.fields.kind });
          return k;
        });
        claimSlots.set(id, keys);
        for (const k of keys) {
          const set = slotMembers.get(k) ?? new Set<string>();
          set.add(id);
          slotMembers.set(k, set);
          touched.add(k);
        }
      }
      for (const k of touched) {
        const meta = slotMeta.get(k)!;
        const g = groupOf(meta.metric, meta.direction);
        const members = [...(slotMembers.get(k) ?? [])].map((id) => current.get(id)!);
        const slot = members.length === 0 ? undefined : FS.build(members, parties).find((s) => s.key === k);
        g.put(meta.kind, slot === undefined ? null : { day: slot.day, happenedBy: happenedBy(slot), key: k, best: slot.reconciled.best, lo: slot.reconciled.lo, hi: slot.reconciled.hi }, k);
      }
    }
    for (const g of groups.values()) {
      const f = g.evaluate(day, upTo);
      const last = g.timeline.at(-1);
      if (last === undefined || JSON.stringify(last.figure) !== JSON.stringify(f)) g.timeline.push({ day, figure: f });
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
