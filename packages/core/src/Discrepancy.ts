/**
 * Discrepancies: facts on which the sources cannot all be right. Each rule of
 * reconciliation returns its findings as data: which rule fired, which
 * versions, which claims the policy kept and which it set aside, and what an
 * analyst could do to resolve it. The slot-level rules live here; the window,
 * part-and-whole and agreement rules live with their concern.
 */
import * as FS from "./FactSlot.ts";
import * as F from "./Figure.ts";
import * as O from "fp-ts/lib/Option.js";
import * as Q from "./Quantity.ts";

/** Which rule fired. */
export type Rule =
  | "conflict" // independent versions of one slot that cannot both be true
  | "revised" // one claimant contradicted its own earlier figure
  | "decrease" // a count that only grows would fall
  | "stale" // a figure dated only by its article's publication day is lower than an earlier one: it may refer to an earlier day
  | "events_exceed_cumulative" // events inside a cumulative figure's window add up to more than it
  | "window_conflict" // figures over overlapping windows that cannot all hold
  | "part_exceeds_whole" // soldiers or civilians returned above people returned for the same window
  | "asymmetric" // an N-for-N phase whose two directions differ
  | "date_conflict"; // the same exchange dated differently by its sources

/** What would resolve a discrepancy. */
export interface Resolution {
  readonly action: "reject" | "correct_value" | "correct_date" | "correct_scope" | "link_to_agreement";
  readonly claimIds: readonly string[];
}

/** A fact on which the sources cannot all be right. */
export interface Discrepancy {
  /** The rule that fired (the contract's `reason`). */
  readonly reason: Rule;
  readonly metric: string;
  readonly direction: string;
  readonly kind: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly detail: string;
  readonly versions: readonly FS.Placed[];
  /** Claims whose figures the policy kept in the total. */
  readonly kept: readonly string[];
  /** Claims whose figures (or one side of them) the policy set aside. */
  readonly setAside: readonly string[];
  /** What would resolve it, most likely first. */
  readonly resolve: readonly Resolution[];
}

const ids = (ps: readonly FS.Placed[]): string[] => [...new Set(ps.map((p) => p.claim.claimId))];

/** Slot rule: independent versions of one slot that cannot both be true (round spoken figures read loosely). */
export const conflicts = (s: FS.Slot): Discrepancy[] => {
  if (s.conflicts.length === 0) return [];
  const current = s.versions.map((v) => v.current);
  const kept = current.filter((p) => O.isSome(Q.intersect(p.interval, F.interval(s.reconciled))) || O.isSome(Q.intersect(FS.looseOf(p), F.interval(s.reconciled))));
  const aside = current.filter((p) => !kept.includes(p));
  return [
    {
      reason: "conflict",
      metric: s.metric,
      direction: s.direction,
      kind: s.kind,
      validFrom: s.validFrom,
      validTo: s.validTo,
      detail: `${s.versions.length} independent versions, ${s.conflicts.length} pair(s) cannot both be true`,
      versions: current,
      kept: ids(kept),
      setAside: ids(aside),
      resolve: [{ action: "reject", claimIds: ids(aside) }, { action: "correct_value", claimIds: ids(aside) }],
    },
  ];
};

/** Slot rule: a claimant contradicted its own earlier figure (a round figure beside a qualified one is not a contradiction). */
export const revisions = (s: FS.Slot): Discrepancy[] =>
  s.revisions.map(([before, after]) => ({
    reason: "revised" as const,
    metric: s.metric,
    direction: s.direction,
    kind: s.kind,
    validFrom: s.validFrom,
    validTo: s.validTo,
    detail: `${after.claim.fields.attributedTo} changed its own figure from ${F.show(before.interval)} to ${F.show(after.interval)}`,
    versions: [before, after],
    kept: [after.claim.claimId],
    setAside: [before.claim.claimId],
    resolve: [{ action: "reject" as const, claimIds: [before.claim.claimId] }],
  }));

/** Slot rule: one exchange its sources date on different days (FactSlot.matchDates): counted once over both days, each day's claims named. */
export const dateConflicts = (s: FS.Slot): Discrepancy[] => {
  if (s.datings.length < 2) return [];
  const current = s.versions.map((v) => v.current);
  const [first, second] = [s.datings[0]!, s.datings[s.datings.length - 1]!];
  // The day fewer sources give is the likelier slip; on a tie, the earlier one.
  const weaker = second.claimIds.length < first.claimIds.length ? second : first;
  return [
    {
      reason: "date_conflict",
      metric: s.metric,
      direction: s.direction,
      kind: s.kind,
      validFrom: s.validFrom,
      validTo: s.validTo,
      detail: `the same exchange of ${F.show(F.interval(s.reconciled))} is dated ${s.datings.map((d) => `${d.day} (${d.claimIds.length} claim${d.claimIds.length === 1 ? "" : "s"})`).join(" and ")}; counted once over ${s.validFrom}..${s.validTo}`,
      versions: current,
      kept: ids(current),
      setAside: [],
      resolve: [{ action: "correct_date", claimIds: weaker.claimIds }],
    },
  ];
};
