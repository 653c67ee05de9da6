/**
 * The audit of a total ends on the total (docs/reconciliation.md rule 8): for every metric and direction
 * and any known-at / through pair, the figure after the audit's last change known by that day is
 * exactly what the reconciliation gives for the claims known that day (`findTotal(report(view))`),
 * nothing when there is no total. Histories reach parts and wholes (soldiers and civilians returned
 * under prisoners returned), undated claims and articles, corrections of any field (several of one
 * claim), rejections, re-extractions, datings, manual claims, wire copies, one exchange dated on two days, and a running count
 * under one deal with another deal on the same count made and learned on any days (rule 5).
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Audit from "./Audit.ts";
import { builtInMetrics } from "./Claim.ts";
import type { LedgerEvent } from "./Events.ts";
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { richHistory, withDeals } from "./arbitraries.ts";

const parties = R.defaultParties;
const directions = ["to_ukraine", "to_russia", "each_side", "total"] as const;
const none = { best: null, lo: null, hi: null };

/** A history in which analysts correct the same claim several times: a metric, then a direction, then a value. */
const stacked: fc.Arbitrary<LedgerEvent[]> = richHistory.chain((events) => {
  const ids = events.flatMap((e) => (e.type === "ClaimReported" ? [e.claimId] : []));
  if (ids.length === 0) return fc.constant(events);
  return fc
    .array(
      fc.record({
        pick: fc.nat(ids.length - 1),
        day: fc.integer({ min: 1, max: 14 }).map((d) => `2025-06-${String(d).padStart(2, "0")}`),
        changes: fc.oneof(
          fc.record({ metric: fc.constantFrom("prisoners_returned", "soldiers_returned", "civilians_returned", "bodies_returned") }),
          fc.record({ direction: fc.constantFrom("to_ukraine", "to_russia", "each_side") }),
          fc.record({ value: fc.integer({ min: 0, max: 2000 }) }),
        ),
      }),
      { maxLength: 4 },
    )
    .map((xs) => [
      ...events,
      ...xs.map((x, n): LedgerEvent => ({ type: "ClaimCorrected", version: 1, claimId: ids[x.pick]!, changes: x.changes, reason: "stacked", analyst: "a", recordedAt: `${x.day}T1${n}:00:00.000Z` })),
    ]);
});

/** A history with one exchange dated on two days: two articles give the same exact figure for consecutive days (FactSlot.matchDates). */
const datedTwice: fc.Arbitrary<LedgerEvent[]> = fc
  .record({ events: richHistory, d: fc.integer({ min: 1, max: 10 }), value: fc.constantFrom(390, 1000, 7), metric: fc.constantFrom("prisoners_returned", "soldiers_returned"), late: fc.boolean() })
  .map(({ events, d, value, metric, late }) => {
    const extra: LedgerEvent[] = [];
    [d, d + 1].forEach((n, i) => {
      const on = `2025-06-${String(n).padStart(2, "0")}`;
      const published = late && i === 0 ? "2025-06-13" : `2025-06-${String(n + 1).padStart(2, "0")}`;
      const recordedAt = `${published}T09:00:00.000Z`;
      const articleId = `twice${i}`;
      extra.push({ type: "ArticleRecorded", version: 2, articleId, textHash: `t${i}`, text: `twice ${i}`, path: null, publishedAt: published, outlet: i === 0 ? "Reuters" : "AFP", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "test", version: "1" }, recordedAt });
      const id = `tw${i}`;
      extra.push({
        type: "ClaimReported", version: 3, claimId: id, articleId, reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "test", version: "1" }, recordedAt,
        claim: { id, metric, direction: "to_ukraine", kind: "event", value, qualifier: "exact", lo: value, hi: value, validFrom: on, validTo: on, attributedTo: i === 0 ? "Volodymyr Zelensky" : "Russian Defence Ministry", evidence: { start: 0, end: 5, text: "" }, agreement: null, commitment: null, group: null, dateSource: "text" },
      });
    });
    return [...events, ...extra];
  });

const day = fc.option(fc.integer({ min: 1, max: 16 }).map((d) => `2025-06-${String(d).padStart(2, "0")}`), { nil: null });

describe("the audit ends on the total", () => {
  it("for every metric and direction and any known-at / through pair, the last change's figure is the reconciled total (best, lo, hi)", () => {
    fc.assert(
      fc.property(fc.oneof(richHistory, stacked, datedTwice, withDeals(richHistory)), day, day, (events, knownAt, through) => {
        const ledger = L.fromEvents(events);
        const metrics = [...new Set([...builtInMetrics, ...[...ledger.claims.values()].map((c) => c.fields.metric)])].sort();
        const r = R.report(L.view(ledger, { knownAt }), { through, parties });
        for (const metric of metrics)
          for (const direction of directions) {
            const t = R.findTotal(r, metric, direction);
            const expected = t === undefined ? none : { best: t.best, lo: t.lo, hi: t.hi };
            const changes = Audit.audit(ledger, metric, direction, { parties, through }).filter((c) => knownAt === null || c.knownAt <= knownAt);
            const last = changes.at(-1)?.after ?? none;
            expect({ metric, direction, knownAt, through, figure: last }).toEqual({ metric, direction, knownAt, through, figure: expected });
          }
      }),
    );
  });
});
