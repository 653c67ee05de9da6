import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as L from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import * as TI from "./TotalsIndex.ts";
import { amendment, history } from "./testing.ts";
import type { LedgerEvent } from "./Events.ts";

const withAmendments = history.chain((h) => {
  const ids = h.flatMap((e) => (e.type === "ClaimReported" ? [e.claimId] : []));
  if (ids.length === 0) return fc.constant(h as LedgerEvent[]);
  return fc.array(fc.constantFrom(...ids).chain(amendment), { maxLength: 3 }).map((as) => [...h, ...as]);
});

describe("the warm totals index", () => {
  it("index agrees with reconciliation: totals known on D through D are the same as Reconcile.report's", () => {
    fc.assert(
      fc.property(withAmendments, fc.integer({ min: 0, max: 12 }), (events, d) => {
        const ledger = L.fromEvents(events);
        const index = TI.build(ledger, R.defaultParties);
        const day = `2025-06-${String(d).padStart(2, "0")}`;
        const expected = R.report(L.view(ledger, { knownAt: day }), { through: day, parties: R.defaultParties }).totals.map((t) => ({ metric: t.metric, direction: t.direction, group: t.group, best: t.best, lo: t.lo, hi: t.hi }));
        expect(index.totalsAt(day)).toEqual(expected);
      }),
    );
  });
});
