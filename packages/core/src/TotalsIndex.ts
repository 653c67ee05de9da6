/**
 * A warm index for as-of queries: the running totals as known on any day and
 * counting what happened through that same day, answered by binary search.
 * Built by replaying knowledge once, day by day: only the slots that a day's
 * new claims or amendments touch are reconciled again, and only the metric
 * and direction they belong to is solved again (Totals.solve, the same code
 * as the report). Totals are evaluated at every day on which they can change
 * (a knowledge day, or a day where a window starts or ends), so between two
 * such days the answer is exact. It must agree with `Reconcile.report`.
 */
import * as FS from "./FactSlot.ts";
import * as F from "./Figure.ts";
import * as L from "./Ledger.ts";
import * as T from "./Totals.ts";
import { previous } from "./DateOnly.ts";
import type { ClaimView } from "./Ledger.ts";

/** A total's figure, with what it is a total of. */
export interface Figure extends F.Figure {
  readonly metric: string;
  readonly direction: string;
  readonly group: string | null;
}

/** The index. */
export interface TotalsIndex {
  /** The totals known on `day`, counting what happened through `day`. */
  readonly totalsAt: (day: string) => Figure[];
  /** The days at which totals were evaluated, ascending. */
  readonly days: readonly string[];
}

type Fig = F.Figure | null;
const sameFigure = (a: Fig, b: Fig): boolean => (a === null || b === null ? a === b : F.equals(a, b));

/** Builds the index from a ledger. */
export const build = (ledger: L.Ledger, parties: readonly string[]): TotalsIndex => {
  // Every claim that can count toward a total, in knowledge order; amendments in the order they take effect.
  // A target counts toward no total, unless an analyst's correction of its kind makes it a count.
  const entries = [...ledger.claims.values()].filter(
    (c) => c.supersededBy === null && (c.fields.kind !== "target" || (ledger.amendments.get(c.claimId) ?? []).some((a) => a.change._tag === "Corrected" && a.change.changes.kind !== undefined)),
  );
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
  for (const c of entries) for (const d of [c.fields.validFrom, c.fields.validTo, c.fields.agreement?.agreedOn ?? null]) if (d !== null) slotDays.add(d);
  for (const list of ledger.amendments.values())
    for (const a of list)
      if (a.change._tag === "Corrected") for (const d of [a.change.changes.validFrom, a.change.changes.validTo, a.change.changes.agreement?.agreedOn]) if (d != null) slotDays.add(d);
  const sortedSlotDays = [...slotDays].sort();

  // The slots of each metric and direction (and of each stock group), as known so far.
  const slotsOf = new Map<string, Map<string, FS.Slot>>();
  const solved = new Map<string, T.Group>();
  const dirty = new Set<string>();
  // Each entry holds the group's last reported day: through a later day its total has no ceiling (Totals.solve's `over`).
  const timelines = new Map<string, Array<{ day: string; figure: Fig; lastDay: string | null }>>();
  const slotMeta = new Map<string, { group: string }>();
  const wholesOf = new Map<string, string[]>();
  for (const [whole, parts] of Object.entries(T.partsOf)) for (const m of parts) wholesOf.set(m, [...(wholesOf.get(m) ?? []), whole]);
  const groupKey = (metric: string, direction: string, kind: string, group: string | null) =>
    kind === "stock" ? `stock|${metric}|${direction}|${group ?? ""}` : `flow|${metric}|${direction}`;

  const knowledgeDays = new Set<string>([...entries.map((c) => c.knownAt), ...amended.map((a) => a.day)]);
  // Totals through a day change where a window starts or ends, where an undated event's article appeared, and where knowledge arrives.
  const evaluation = new Set<string>([...knowledgeDays, ...sortedSlotDays, ...sortedSlotDays.map(previous)]);
  for (const c of entries) if (c.knownAt !== null) evaluation.add(c.knownAt);
  for (const a of ledger.articles.values()) if (a.publishedAt !== null) evaluation.add(a.publishedAt);
  const evaluationDays = [...evaluation].sort();
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
        dirty.add(meta.group);
        const [, metric, direction] = meta.group.split("|") as [string, string, string];
        for (const whole of wholesOf.get(metric) ?? []) dirty.add(`flow|${whole}|${direction}`);
      }
    }
    for (const g of dirty) {
      const [tag, metric, direction] = g.split("|") as [string, string, string];
      if (tag !== "flow") continue;
      const own = FS.join([...(slotsOf.get(g)?.values() ?? [])]);
      const parts = (T.partsOf[metric] ?? []).flatMap((m) => FS.join([...(slotsOf.get(`flow|${m}|${direction}`)?.values() ?? [])]));
      if (own.length === 0 && parts.length === 0) solved.delete(g);
      // The index keeps figures only: conflicts are not searched (the report names them).
      else solved.set(g, T.solve(metric, direction, own.sort(byKey), parts.sort(byKey), false));
    }
    dirty.clear();
    const figures = new Map<string, Fig>();
    const lastDays = new Map<string, string>();
    for (const [g, solution] of solved) {
      const t = T.totalOf(solution, day, null);
      figures.set(g, t.readings.length > 0 || t.lo > 0 ? { best: t.best, lo: t.lo, hi: t.hi } : null);
      lastDays.set(g, solution.lastDay);
    }
    for (const [g, map] of slotsOf) {
      const [tag, metric, direction, group] = g.split("|") as [string, string, string, string];
      if (tag !== "stock") continue;
      // As in the report: a stock is listed only when no flow of the same metric and direction is.
      const t = solved.has(`flow|${metric}|${direction}`) ? null : T.stockOf(metric, direction, group === "" ? null : group, [...map.values()], day);
      figures.set(g, t === null ? null : { best: t.best, lo: t.lo, hi: t.hi });
    }
    for (const [g, f] of figures) {
      let tl = timelines.get(g);
      if (tl === undefined) timelines.set(g, (tl = []));
      const last = tl.at(-1);
      const lastDay = lastDays.get(g) ?? null;
      if (last === undefined ? f !== null : !sameFigure(last.figure, f) || last.lastDay !== lastDay) tl.push({ day, figure: f, lastDay });
    }
    for (const [g, tl] of timelines) if (!figures.has(g) && tl.at(-1)?.figure != null) tl.push({ day, figure: null, lastDay: null });
  }

  const describe = (g: string) => {
    const [tag, metric, direction, group] = g.split("|") as [string, string, string, string | undefined];
    return { metric, direction, group: tag === "stock" && group !== "" && group !== undefined ? group : null };
  };
  const ordered = [...timelines.entries()]
    .map(([g, tl]) => ({ ...describe(g), tl }))
    .sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : (a.group ?? "") < (b.group ?? "") ? -1 : 1));
  return {
    days: evaluationDays,
    totalsAt: (day) => {
      const out: Figure[] = [];
      for (const g of ordered) {
        const t = g.tl;
        let lo = 0, hi = t.length - 1, at = -1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          if (t[mid]!.day <= day) {
            at = mid;
            lo = mid + 1;
          } else hi = mid - 1;
        }
        const f = at < 0 ? null : t[at]!.figure;
        const lastDay = at < 0 ? null : t[at]!.lastDay;
        if (f !== null) out.push({ metric: g.metric, direction: g.direction, group: g.group, ...(lastDay === null ? f : T.openAfter(f, day, lastDay)) });
      }
      return out;
    },
  };
};

const byKey = (a: FS.Slot, b: FS.Slot): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
