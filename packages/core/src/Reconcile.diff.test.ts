/**
 * Reconciliation against the code it replaced (differential): the modules of `./oracle/` are Windows, Totals,
 * Agreements, Reconcile and Audit as they were before they were made faster (2026-12-03, at 7b06421), kept
 * unchanged as the reference. On generated histories, every report is the same, field for field (slots,
 * totals with their readings and checks, agreements with their scopes and phases, offers, every discrepancy
 * with its detail, versions, kept and set-aside claims), for several known-at / through / since days, and every
 * audit of every total is the same list of changes.
 *
 * Two kinds of history: `richHistory` (every event type: corrections of any field, rejections, re-extractions,
 * datings, wire copies, manual claims; a few days), and wide ones (up to 40 articles over seven weeks, with
 * agreements on many days, events linked to them, cumulative figures scoped or not, parts and wholes, stocks,
 * undated figures and amendments), so that agreements' scopes, the solver's long conflicts and the audit's many
 * steps are reached.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Audit from "./Audit.ts";
import type { ClaimFields } from "./Claim.ts";
import type { ArticleRecorded, ClaimCorrected, ClaimRejected, ClaimReported, LedgerEvent } from "./Events.ts";
import * as L from "./Ledger.ts";
import * as Q from "./Quantity.ts";
import * as R from "./Reconcile.ts";
import * as OAudit from "./oracle/Audit.ts";
import * as OR from "./oracle/Reconcile.ts";
import { richHistory } from "./arbitraries.ts";

const parties = R.defaultParties;

const DAYS = Array.from({ length: 49 }, (_, i) => new Date(Date.UTC(2025, 4, 13) + i * 86400000).toISOString().slice(0, 10));
const DEALS = [DAYS[3]!, DAYS[10]!, DAYS[17]!, DAYS[24]!, DAYS[31]!, DAYS[38]!];
const wideDay = fc.integer({ min: 0, max: DAYS.length - 1 });
const wideMetric = fc.constantFrom("prisoners_returned", "prisoners_returned", "soldiers_returned", "civilians_returned", "bodies_returned", "prisoners_agreed", "prisoners_agreed", "bodies_agreed", "held_captive");
const wideValue = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 }), fc.constantFrom(100, 390, 500, 697, 1000, 1200, 6000), fc.integer({ min: 0, max: 9000 }));

/** Claim fields over seven weeks: days, phases, undated; cumulative scoped, by an agreement or not; targets agreed or offered. */
const wideFields = (id: string): fc.Arbitrary<ClaimFields> =>
  fc
    .record({
      metric: wideMetric,
      direction: fc.constantFrom("to_ukraine", "to_russia", "to_ukraine", "to_russia", "each_side"),
      cumulative: fc.integer({ min: 0, max: 9 }).map((n) => n < 3),
      value: wideValue,
      qualifier: fc.constantFrom("exact", "exact", "exact", "at_least", "more_than", "about", "nearly", "at_most", "undisclosed" as Q.Qualifier),
      a: wideDay,
      span: fc.constantFrom(0, 0, 0, 1, 3),
      shape: fc.constantFrom("day", "day", "day", "phase", "undated", "scoped", "agreement", "agreement"),
      deal: fc.integer({ min: 0, max: DEALS.length - 1 }),
      onDeal: fc.integer({ min: 0, max: 3 }).map((n) => n > 0),
      back: fc.integer({ min: 0, max: 12 }),
      offered: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
      group: fc.constantFrom(null, "soldiers" as const, "civilians" as const),
      dateSource: fc.constantFrom(null, "text" as const, "publication" as const),
      attributedTo: fc.constantFrom("Volodymyr Zelensky", "Russian Defence Ministry", "Coordination Headquarters", "Reuters", "voice:AFP"),
    })
    .map((r) => {
      const kind = r.metric === "held_captive" ? "stock" : r.metric.endsWith("_agreed") ? "target" : r.cumulative ? "cumulative" : "event";
      const value = r.qualifier === "undisclosed" ? null : r.value;
      const i = Q.fromReported(value, r.qualifier);
      const earlier = DAYS[Math.max(0, r.a - r.back)]!;
      // Deals are mostly made on a few days, and a figure may be linked to any of them, before or after its own day
      // (counted outside the deal's scope), so that links meet the deals they name.
      const deal = DEALS[r.deal]!;
      const onDeal = kind === "target" && r.onDeal;
      const to = onDeal ? deal : DAYS[Math.min(DAYS.length - 1, r.a + (r.shape === "phase" ? r.span : 0))]!;
      const from = onDeal ? deal : DAYS[r.a]!;
      const undated = r.shape === "undated";
      return {
        id,
        metric: r.metric,
        direction: r.direction,
        kind,
        value,
        qualifier: r.qualifier,
        lo: i.lo,
        hi: i.hi,
        validFrom: undated ? null : kind === "cumulative" || kind === "stock" ? (r.shape === "scoped" ? earlier : null) : from,
        validTo: undated ? null : to,
        attributedTo: r.attributedTo,
        evidence: { start: r.a, end: r.a + 10, text: "evidence" },
        agreement: (kind === "cumulative" || kind === "event") && r.shape === "agreement" ? { agreedOn: r.onDeal ? deal : earlier, value: null } : null,
        commitment: kind === "target" ? (r.offered ? "offered" : "agreed") : null,
        group: kind === "stock" ? r.group : null,
        dateSource: r.dateSource,
      } as ClaimFields;
    });

/** Up to 40 articles over seven weeks, each with up to 6 claims, and a few corrections and rejections. */
const wideHistory: fc.Arbitrary<LedgerEvent[]> = fc
  .record({
    articles: fc.array(fc.record({ published: fc.option(wideDay, { nil: null, freq: 12 }), outlet: fc.constantFrom("Reuters", "AFP", "TASS", null), claims: fc.integer({ min: 0, max: 6 }) }), { minLength: 1, maxLength: 40 }),
    amendments: fc.array(fc.record({ pick: fc.nat(), day: wideDay, reject: fc.boolean(), value: wideValue }), { maxLength: 5 }),
  })
  .chain(({ articles, amendments }) =>
    fc.tuple(...articles.map((a, n) => fc.tuple(...Array.from({ length: a.claims }, (_, i) => wideFields(`w${n}-${i}`))))).map((claimsOf) => {
      const events: LedgerEvent[] = [];
      const ids: string[] = [];
      articles.forEach((a, n) => {
        const articleId = `wa${n}`;
        const published = a.published === null ? null : DAYS[a.published]!;
        const recordedAt = `${published ?? "2025-07-01"}T06:00:00.000Z`;
        const article: ArticleRecorded = {
          type: "ArticleRecorded", version: 2, articleId, textHash: `wh${n}`, text: `wide ${n}`, path: null, publishedAt: published, outlet: a.outlet, wire: null, url: null,
          learned: { publishedAt: published === null ? "none" : "text", outlet: a.outlet === null ? "none" : "text", url: "none" }, copyOf: null, extractor: { name: "test", version: "1" }, recordedAt,
        };
        events.push(article);
        for (const c of claimsOf[n]!) {
          const reported: ClaimReported = { type: "ClaimReported", version: 3, claimId: c.id, articleId, claim: c, reportedVia: a.outlet, origin: "extracted", analyst: null, extractor: { name: "test", version: "1" }, recordedAt };
          events.push(reported);
          ids.push(c.id);
        }
      });
      if (ids.length > 0)
        amendments.forEach((m, k) => {
          const claimId = ids[m.pick % ids.length]!;
          const recordedAt = `${DAYS[m.day]!}T1${k}:00:00.000Z`;
          events.push(
            m.reject
              ? ({ type: "ClaimRejected", version: 1, claimId, reason: "test", analyst: "a", recordedAt } satisfies ClaimRejected)
              : ({ type: "ClaimCorrected", version: 1, claimId, changes: { value: m.value, qualifier: "exact" }, reason: "test", analyst: "a", recordedAt } satisfies ClaimCorrected),
          );
        });
      return events;
    }),
  );

/** Everything a report says, with the discrepancies read. */
const whole = (r: R.Report) => ({ slots: r.slots, totals: r.totals, agreements: r.agreements, offers: r.offers, discrepancies: r.discrepancies });

/** The days to ask a report at: everything known, and days of the history's range (null: everything). */
const asks = (events: readonly LedgerEvent[]): Array<{ knownAt: string | null; through: string | null; since: string | null }> => {
  const days = [...new Set(events.flatMap((e) => ("recordedAt" in e ? [e.recordedAt.slice(0, 10)] : [])))].sort();
  const mid = days[Math.floor(days.length / 2)] ?? null;
  return [
    { knownAt: null, through: null, since: null },
    { knownAt: mid, through: mid, since: null },
    { knownAt: null, through: mid, since: null },
    { knownAt: days.at(-1) ?? null, through: days[0] ?? null, since: null },
    { knownAt: null, through: null, since: mid },
  ];
};

const sameReports = (events: readonly LedgerEvent[]): void => {
  const ledger = L.fromEvents(events);
  for (const { knownAt, through, since } of asks(events)) {
    const claims = L.view(ledger, { knownAt });
    const options = { through, since, parties };
    expect(whole(R.report(claims, options))).toStrictEqual(whole(OR.report(claims, options)));
  }
};

const sameAudits = (events: readonly LedgerEvent[]): void => {
  const ledger = L.fromEvents(events);
  const r = OR.report(L.view(ledger, { knownAt: null }), { through: null, parties });
  const names = [...new Set(r.totals.map((t) => `${t.metric}|${t.direction}`)), "prisoners_returned|to_ukraine"];
  const days = [null, ...new Set(asks(events).map((a) => a.through))];
  for (const k of new Set(names)) {
    const [metric, direction] = k.split("|") as [string, string];
    for (const through of days) expect(Audit.audit(ledger, metric, direction, { parties, through })).toStrictEqual(OAudit.audit(ledger, metric, direction, { parties, through }));
  }
};

describe("reconciliation against the code it replaced", () => {
  it("gives the same report on rich histories (every event type), at several known-at, through and since days", () => {
    fc.assert(fc.property(richHistory, sameReports));
  });
  it("gives the same report on wide histories (seven weeks, agreements on many days, long conflicts)", () => {
    fc.assert(fc.property(wideHistory, sameReports));
  });
  it("gives the same audit of every total on rich histories, through several days", () => {
    fc.assert(fc.property(richHistory, sameAudits));
  });
  it("gives the same audit of every total on wide histories", () => {
    fc.assert(fc.property(wideHistory, sameAudits));
  });
});
