/**
 * The slim answers of a slider position (`slim=1` on /api/totals, /api/agreements and /api/report): what the
 * page draws, without what only a reader of one total's detail needs. A total keeps every field of
 * `Views.TotalRow` but its slots, readings and checks (at 100,000 claims those are nearly all of a 48 MB
 * answer), and gains `disputedClaims`, the claims of its disputed slots (the page rings them); an agreement
 * and an offer keep every field but their versions, and an agreement's phases keep their figures without their
 * versions. Discrepancies are whole (the page shows every version side by side), but only the first
 * `DISCREPANCIES` of them, with how many there are and the claims of all of them (`disputedClaims`, for the
 * charts' rings): at 100,000 claims there are thousands, about 11 MB. The full shapes are unchanged.
 */
import * as t from "io-ts";
import { Views } from "@factledger/app";

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** A total without its slots, readings and checks, with the claims of its disputed slots. */
export const SlimTotalRow = t.type({
  metric: t.string,
  direction: t.string,
  best: t.number,
  lo: t.number,
  hi: nullable(t.number),
  claims: t.number,
  sources: t.array(t.string),
  group: nullable(t.string),
  since: nullable(t.string),
  basis: t.string,
  undisclosed: t.boolean,
  disputed: t.boolean,
  disputedClaims: t.array(t.string),
});
export type SlimTotalRow = t.TypeOf<typeof SlimTotalRow>;

/** A phase counted toward an agreement: its slot's figures without its versions. */
export const SlimPhase = t.type({ kind: t.string, validFrom: nullable(t.string), validTo: nullable(t.string), scope: nullable(t.string), dateSource: nullable(t.string), best: t.number, lo: t.number, hi: nullable(t.number), disputed: t.boolean });
export type SlimPhase = t.TypeOf<typeof SlimPhase>;

export const SlimAgreementRow = t.type({
  metric: t.string,
  direction: t.string,
  target: t.number,
  agreedOn: nullable(t.string),
  done: t.number,
  remaining: t.number,
  agreementId: t.string,
  targetLo: t.number,
  targetHi: nullable(t.number),
  doneLo: t.number,
  doneHi: nullable(t.number),
  scope: t.type({ from: nullable(t.string), to: t.string }),
  sources: t.array(t.string),
  phases: t.array(SlimPhase),
});
export type SlimAgreementRow = t.TypeOf<typeof SlimAgreementRow>;

export const SlimOfferRow = t.type({ metric: t.string, direction: t.string, offeredOn: nullable(t.string), best: t.number, lo: t.number, hi: nullable(t.number), sources: t.array(t.string) });
export type SlimOfferRow = t.TypeOf<typeof SlimOfferRow>;

/** `/api/totals?slim=1`. */
export const SlimTotalsView = t.type({ knownAt: t.string, through: t.string, since: nullable(t.string), totals: t.array(SlimTotalRow), agreements: t.array(SlimAgreementRow), offers: t.array(SlimOfferRow) });
export type SlimTotalsView = t.TypeOf<typeof SlimTotalsView>;

/** `/api/agreements?slim=1`. */
export const SlimAgreementsView = t.type({ knownAt: t.string, through: t.string, since: nullable(t.string), agreements: t.array(SlimAgreementRow), offers: t.array(SlimOfferRow) });
export type SlimAgreementsView = t.TypeOf<typeof SlimAgreementsView>;

/** How many discrepancies a slim answer lists (the first, in the report's order). */
export const DISCREPANCIES = 100;

/** What a slim answer says of the discrepancies beyond the ones it lists. */
const DiscrepancyCount = t.type({
  /** How many discrepancies there are (the list has the first `DISCREPANCIES`). */
  discrepancyCount: t.number,
  /** The claims of every version of every discrepancy, listed or not, once each. */
  disputedClaims: t.array(t.string),
});

/** `/api/discrepancies?slim=1`: the first discrepancies, whole, with how many there are and all their claims. */
export const SlimDiscrepanciesView = t.intersection([t.type({ knownAt: t.string, through: t.string, discrepancies: t.array(Views.DiscrepancyRow) }), DiscrepancyCount]);
export type SlimDiscrepanciesView = t.TypeOf<typeof SlimDiscrepanciesView>;

/** `/api/report?slim=1`: the report view with slim totals, agreements and offers, and the first discrepancies (the rest whole). */
export const SlimReportView = t.intersection([
  SlimTotalsView,
  DiscrepancyCount,
  t.type({
    discrepancies: t.array(Views.DiscrepancyRow),
    articles: t.number,
    claims: t.number,
    undated: t.array(t.type({ articleId: t.string, path: nullable(t.string), knownAt: t.string })),
    undatedOutside: t.number,
  }),
]);
export type SlimReportView = t.TypeOf<typeof SlimReportView>;

const slot = (s: Views.SlotView): SlimPhase => ({ kind: s.kind, validFrom: s.validFrom, validTo: s.validTo, scope: s.scope, dateSource: s.dateSource, best: s.best, lo: s.lo, hi: s.hi, disputed: s.disputed });

export const total = (x: Views.TotalRow): SlimTotalRow => ({
  metric: x.metric,
  direction: x.direction,
  best: x.best,
  lo: x.lo,
  hi: x.hi,
  claims: x.claims,
  sources: x.sources,
  group: x.group,
  since: x.since,
  basis: x.basis,
  undisclosed: x.undisclosed,
  disputed: x.disputed,
  disputedClaims: [...new Set(x.slots.flatMap((s) => (s.disputed ? s.versions.map((v) => v.claimId) : [])))],
});

export const agreement = (a: Views.AgreementRow): SlimAgreementRow => ({
  metric: a.metric,
  direction: a.direction,
  target: a.target,
  agreedOn: a.agreedOn,
  done: a.done,
  remaining: a.remaining,
  agreementId: a.agreementId,
  targetLo: a.targetLo,
  targetHi: a.targetHi,
  doneLo: a.doneLo,
  doneHi: a.doneHi,
  scope: a.scope,
  sources: a.sources,
  phases: a.phases.map(slot),
});

export const offer = (o: Views.OfferRow): SlimOfferRow => ({ metric: o.metric, direction: o.direction, offeredOn: o.offeredOn, best: o.best, lo: o.lo, hi: o.hi, sources: o.sources });

export const totals = (v: Views.TotalsView): SlimTotalsView => ({ knownAt: v.knownAt, through: v.through, since: v.since, totals: v.totals.map(total), agreements: v.agreements.map(agreement), offers: v.offers.map(offer) });

export const agreements = (v: { knownAt: string; through: string; since: string | null; agreements: Views.AgreementRow[]; offers: Views.OfferRow[] }): SlimAgreementsView => ({
  knownAt: v.knownAt,
  through: v.through,
  since: v.since,
  agreements: v.agreements.map(agreement),
  offers: v.offers.map(offer),
});

const claimsOf = (ds: readonly Views.DiscrepancyRow[]): string[] => [...new Set(ds.flatMap((d) => d.versions.map((x) => x.claimId)))];

export const discrepancies = (v: Views.DiscrepanciesView): SlimDiscrepanciesView => ({
  knownAt: v.knownAt,
  through: v.through,
  discrepancies: v.discrepancies.slice(0, DISCREPANCIES),
  discrepancyCount: v.discrepancies.length,
  disputedClaims: claimsOf(v.discrepancies),
});

export const report = (v: Views.ReportView): SlimReportView => ({
  ...totals(v),
  discrepancies: v.discrepancies.slice(0, DISCREPANCIES),
  discrepancyCount: v.discrepancies.length,
  disputedClaims: claimsOf(v.discrepancies),
  articles: v.articles,
  claims: v.claims,
  undated: v.undated,
  undatedOutside: v.undatedOutside,
});
