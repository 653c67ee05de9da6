/**
 * The audit against a tiny reference of docs/reconciliation.md rule 8: replay
 * knowledge step by step (a day's articles, then that day's analyst
 * amendments), recompute the total from exactly the events of the steps so
 * far, and keep the steps where the figure changed.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Audit from "./Audit.ts";
import type { LedgerEvent } from "./Events.ts";
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { richHistory } from "./arbitraries.ts";

const parties = R.defaultParties;
// A total reads its own claims and, for people returned, its parts' (soldiers and civilians returned: rule 5).
const readBy: Record<string, readonly string[]> = { prisoners_returned: ["prisoners_returned", "soldiers_returned", "civilians_returned"] };
// And the agreements on the counts its running counts may be under (rule 5: a count under a deal ends at the next one): on
// the counts it reads and on the whole a part belongs to, in any direction (`prisoners_agreed` for people returned).
const dealsOn: Record<string, readonly string[]> = { prisoners_returned: ["prisoners_agreed", "soldiers_agreed", "civilians_agreed"], soldiers_returned: ["soldiers_agreed", "prisoners_agreed"], civilians_returned: ["civilians_agreed", "prisoners_agreed"] };
const concerns = (f: { metric?: string | undefined; direction?: string | undefined }, metric: string, direction: string) =>
  ((readBy[metric] ?? [metric]).includes(f.metric ?? "") && (f.direction === direction || (f.direction === "each_side" && direction.startsWith("to_")))) ||
  (dealsOn[metric] ?? [metric.replace(/_returned$/, "_agreed")]).includes(f.metric ?? "");

const reference = (events: readonly LedgerEvent[], metric: string, direction: string, through: string | null) => {
  const full = L.fromEvents(events);
  // A claim belongs to the audit when it is about this total as recorded, or after its corrections up to any one of them (oldest first).
  const everAbout = (c: L.ClaimEntry): boolean => {
    let f: { metric?: string | undefined; direction?: string | undefined } = c.fields;
    if (concerns(f, metric, direction)) return true;
    for (const a of [...(full.amendments.get(c.claimId) ?? [])].sort((x, y) => (x.recordedAt < y.recordedAt ? -1 : 1)))
      if (a.change._tag === "Corrected" && concerns((f = { ...f, ...a.change.changes }), metric, direction)) return true;
    return false;
  };
  const relevant = new Set([...full.claims.values()].filter((c) => c.supersededBy === null && everAbout(c)).map((c) => c.claimId));
  const stepOf = (e: LedgerEvent): string | null => {
    if (e.type === "ClaimReported") {
      const c = full.claims.get(e.claimId);
      return c === undefined || !relevant.has(e.claimId) ? null : `${c.knownAt}|0|${c.articleId ?? c.claimId}`;
    }
    if (e.type === "ClaimCorrected" || e.type === "ClaimRejected") return relevant.has(e.claimId) ? `${e.recordedAt.slice(0, 10)}|1|analyst` : null;
    return null;
  };
  const steps = [...new Set(events.map(stepOf).filter((k): k is string => k !== null))].sort();
  const figureAt = (k: string | null) => {
    // Only the claims and amendments of the steps up to k; articles and re-extractions as they are.
    const known = events.filter((e) => {
      const s = stepOf(e);
      return (e.type !== "ClaimReported" && e.type !== "ClaimCorrected" && e.type !== "ClaimRejected") || (s !== null && k !== null && s <= k);
    });
    const t = R.findTotal(R.report(L.view(L.fromEvents(known), { knownAt: null }), { through, parties }), metric, direction);
    return t === undefined ? { best: null, lo: null, hi: null } : { best: t.best, lo: t.lo, hi: t.hi };
  };
  const out = [];
  let before = figureAt(null);
  for (const k of steps) {
    const after = figureAt(k);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      const [day, , who] = k.split("|") as [string, string, string];
      const claimIds = [...new Set(events.filter((e) => stepOf(e) === k).map((e) => (e as { claimId: string }).claimId))].sort();
      out.push({ knownAt: day, articleId: who === "analyst" || !full.articles.has(who) ? null : who, claimIds, before, after });
    }
    before = after;
  }
  return out;
};

describe("the audit against a reference replay", () => {
  it("lists exactly the steps that changed the total, in knowledge order, each with its claims and figures", () => {
    fc.assert(
      fc.property(richHistory, fc.constantFrom("prisoners_returned", "soldiers_returned", "bodies_returned"), fc.constantFrom("to_ukraine", "to_russia"), fc.constantFrom(null, "2025-06-06"), (events, metric, direction, through) => {
        const changes = Audit.audit(L.fromEvents(events), metric, direction, { parties, through }).map((c) => ({ ...c, claimIds: [...new Set(c.claimIds)].sort() }));
        expect(changes).toEqual(reference(events, metric, direction, through));
      }),
    );
  });
});
