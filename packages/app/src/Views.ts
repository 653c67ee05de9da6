/**
 * The JSON shapes of CONTRACT.md as io-ts codecs: each view's codec is its
 * type, the builders below produce it from the core's reports, front ends
 * print it, and tests decode what they read with the same codec. Every field
 * the contract names is here under its name; extra fields only extend.
 */
import * as t from "io-ts";
import { Claim, Quantity } from "@factledger/core";
import type { Audit, FactSlot, Ledger, Reconcile, Totals } from "@factledger/core";

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);
const Hi = nullable(t.number);
const Window = t.type({ from: nullable(t.string), to: t.string });

/** A claim with its source (`facts claims`). */
export const ClaimRow = t.intersection([
  Claim.ClaimFields,
  t.type({
    articleId: nullable(t.string),
    outlet: nullable(t.string),
    publishedAt: nullable(t.string),
    knownAt: t.string,
    reportedVia: nullable(t.string),
    origin: t.keyof({ extracted: null, manual: null }),
    amendedOn: t.array(t.string),
  }),
]);
export type ClaimRow = t.TypeOf<typeof ClaimRow>;

/** `facts claims --json`. */
export const ClaimsView = t.type({ claims: t.array(ClaimRow) });
export type ClaimsView = t.TypeOf<typeof ClaimsView>;

/** One source's version of a fact, with the sentence it comes from. */
export const Version = t.type({
  value: nullable(t.number),
  qualifier: Quantity.Qualifier,
  lo: t.number,
  hi: Hi,
  attributedTo: t.string,
  articleId: nullable(t.string),
  outlet: nullable(t.string),
  publishedAt: nullable(t.string),
  claimId: t.string,
  kind: t.string,
  /** The direction the claim itself gives (each_side, to_ukraine...): an N-for-N asymmetry's versions differ in it. */
  direction: t.string,
  validFrom: nullable(t.string),
  validTo: nullable(t.string),
  reportedVia: nullable(t.string),
  sentence: t.string,
});
export type Version = t.TypeOf<typeof Version>;

export const SlotView = t.type({
  kind: t.string,
  validFrom: nullable(t.string),
  validTo: nullable(t.string),
  scope: nullable(t.string),
  dateSource: nullable(t.string),
  best: t.number,
  lo: t.number,
  hi: Hi,
  disputed: t.boolean,
  versions: t.array(Version),
});
export type SlotView = t.TypeOf<typeof SlotView>;

const Interval = t.type({ lo: t.number, hi: Hi });

export const TotalRow = t.type({
  metric: t.string,
  direction: t.string,
  best: t.number,
  lo: t.number,
  hi: Hi,
  claims: t.number,
  sources: t.array(t.string),
  group: nullable(t.string),
  since: nullable(t.string),
  basis: t.string,
  /** Every claim behind it says the figure was not given ("Kyiv does not publish the figures"): `best` 0 is no count. */
  undisclosed: t.boolean,
  disputed: t.boolean,
  slots: t.array(SlotView),
  readings: t.array(t.intersection([SlotView, t.type({ window: nullable(Window), reading: t.string })])),
  checks: t.array(t.type({ asOf: nullable(t.string), cumulative: Interval, events: Interval, outcome: t.string })),
});
export type TotalRow = t.TypeOf<typeof TotalRow>;

export const AgreementRow = t.type({
  metric: t.string,
  direction: t.string,
  target: t.number,
  agreedOn: nullable(t.string),
  done: t.number,
  remaining: t.number,
  agreementId: t.string,
  targetLo: t.number,
  targetHi: Hi,
  doneLo: t.number,
  doneHi: Hi,
  scope: Window,
  sources: t.array(t.string),
  versions: t.array(Version),
  phases: t.array(SlotView),
});
export type AgreementRow = t.TypeOf<typeof AgreementRow>;

export const OfferRow = t.type({
  metric: t.string,
  direction: t.string,
  offeredOn: nullable(t.string),
  best: t.number,
  lo: t.number,
  hi: Hi,
  sources: t.array(t.string),
  versions: t.array(Version),
});
export type OfferRow = t.TypeOf<typeof OfferRow>;

/** `facts totals --json`. */
export const TotalsView = t.type({
  knownAt: t.string,
  through: t.string,
  since: nullable(t.string),
  totals: t.array(TotalRow),
  agreements: t.array(AgreementRow),
  offers: t.array(OfferRow),
});
export type TotalsView = t.TypeOf<typeof TotalsView>;

/** A total's figure alone: what the dashboard's sliders move (`Reconcile.report`'s best, lo and hi). */
export const FigureRow = t.type({ metric: t.string, direction: t.string, group: nullable(t.string), best: t.number, lo: t.number, hi: Hi });
export type FigureRow = t.TypeOf<typeof FigureRow>;

/** `/api/figures`: the totals' figures of the totals view (`facts totals --json`), without their slots, readings and checks. */
export const FiguresView = t.type({ knownAt: t.string, through: t.string, since: nullable(t.string), totals: t.array(FigureRow) });
export type FiguresView = t.TypeOf<typeof FiguresView>;

/** The figures of a report's totals. */
export const figures = (r: Pick<Reconcile.Report, "totals">, knownAt: string, through: string, since: string | null = null): FiguresView => ({
  knownAt,
  through,
  since,
  totals: r.totals.map((x) => ({ metric: x.metric, direction: x.direction, group: x.group, best: x.best, lo: x.lo, hi: x.hi })),
});

export const DiscrepancyRow = t.type({
  metric: t.string,
  direction: t.string,
  kind: t.string,
  validFrom: nullable(t.string),
  validTo: nullable(t.string),
  reason: t.string,
  rule: t.string,
  detail: t.string,
  versions: t.array(Version),
  kept: t.array(t.string),
  setAside: t.array(t.string),
  resolve: t.array(t.type({ action: t.string, claimIds: t.array(t.string) })),
});
export type DiscrepancyRow = t.TypeOf<typeof DiscrepancyRow>;

/** `facts discrepancies --json`. */
export const DiscrepanciesView = t.type({ knownAt: t.string, through: t.string, discrepancies: t.array(DiscrepancyRow) });
export type DiscrepanciesView = t.TypeOf<typeof DiscrepanciesView>;

const Figure = t.type({ best: nullable(t.number), lo: nullable(t.number), hi: Hi });

/** A claim behind a change, named as a reader would: who, where, when, and the sentence. */
export const Cause = t.type({ claimId: t.string, attributedTo: t.string, value: nullable(t.number), qualifier: t.string, outlet: nullable(t.string), publishedAt: nullable(t.string), sentence: t.string });
export type Cause = t.TypeOf<typeof Cause>;

/** An analyst's dating of an article, as the audit shows it. */
export const DatingRow = t.type({ articleId: t.string, outlet: nullable(t.string), path: nullable(t.string), publishedAt: t.string, previous: nullable(t.string), recordedOn: t.string, analyst: t.string, reason: t.string });
export type DatingRow = t.TypeOf<typeof DatingRow>;

export const ChangeRow = t.type({
  knownAt: t.string,
  articleId: nullable(t.string),
  claimIds: t.array(t.string),
  before: Figure,
  after: Figure,
  outlet: nullable(t.string),
  publishedAt: nullable(t.string),
  causes: t.array(Cause),
  /** Set when the article was dated by an analyst: its day comes from that dating. */
  dated: nullable(DatingRow),
});
export type ChangeRow = t.TypeOf<typeof ChangeRow>;

/** `facts audit --json`. */
export const AuditView = t.type({ metric: t.string, direction: t.string, knownAt: nullable(t.string), through: nullable(t.string), changes: t.array(ChangeRow), datings: t.array(DatingRow) });
export type AuditView = t.TypeOf<typeof AuditView>;

/** `facts timeline --json`. */
export const TimelineView = t.type({ metric: t.string, direction: t.string, points: t.array(t.type({ day: t.string, best: nullable(t.number), lo: nullable(t.number), hi: Hi })) });
export type TimelineView = t.TypeOf<typeof TimelineView>;

/** An article outside the view: undated, it counts as known from the day it was recorded. */
export const UndatedRow = t.type({ articleId: t.string, path: nullable(t.string), knownAt: t.string });

/** `facts report --json`: the totals view, the discrepancies, and what the view leaves out. */
export const ReportView = t.intersection([
  TotalsView,
  t.type({
    discrepancies: t.array(DiscrepancyRow),
    articles: t.number,
    claims: t.number,
    undated: t.array(UndatedRow),
    /** Undated articles recorded after the view's day: they exist but no past view can count them. */
    undatedOutside: t.number,
  }),
]);
export type ReportView = t.TypeOf<typeof ReportView>;

/** `facts ingest --json`. */
export const IngestView = t.type({
  ingested: t.array(
    t.type({ path: t.string, articleId: t.string, claims: t.number, duplicate: t.boolean, publishedAt: nullable(t.string), undated: t.boolean, copyOf: nullable(t.string), redate: nullable(t.string) }),
  ),
  rejected: t.array(t.type({ path: t.string, error: t.string })),
});
export type IngestView = t.TypeOf<typeof IngestView>;

// ---------------------------------------------------------------------------------------- builders

/** A claim with its source. */
export const claim = (c: Ledger.ClaimView): ClaimRow => ({
  ...c.fields,
  articleId: c.articleId,
  outlet: c.outlet,
  publishedAt: c.publishedAt,
  knownAt: c.knownAt,
  reportedVia: c.reportedVia,
  origin: c.origin,
  amendedOn: [...c.amendedOn],
});

/** One source's version of a fact. */
export const version = (p: FactSlot.Placed): Version => ({
  value: p.claim.fields.value,
  qualifier: p.claim.fields.qualifier,
  lo: p.interval.lo,
  hi: p.interval.hi,
  attributedTo: p.claim.fields.attributedTo,
  articleId: p.claim.articleId,
  outlet: p.claim.outlet,
  publishedAt: p.claim.publishedAt,
  claimId: p.claim.claimId,
  kind: p.claim.fields.kind,
  direction: p.claim.fields.direction,
  validFrom: p.claim.fields.validFrom,
  validTo: p.claim.fields.validTo,
  reportedVia: p.claim.reportedVia,
  sentence: p.claim.fields.evidence.text,
});

const slot = (s: FactSlot.Slot): SlotView => ({
  kind: s.kind,
  validFrom: s.validFrom,
  validTo: s.validTo,
  scope: s.scope,
  dateSource: s.dateSource,
  best: s.reconciled.best,
  lo: s.reconciled.lo,
  hi: s.reconciled.hi,
  disputed: s.conflicts.length > 0,
  versions: s.versions.map((v) => version(v.current)),
});

const check = (c: Reconcile.Check): TotalRow["checks"][number] => ({ asOf: c.asOf, cumulative: { lo: c.cumulative.lo, hi: c.cumulative.hi }, events: { lo: c.events.lo, hi: c.events.hi }, outcome: c.outcome });

/** How each slot was read into a total (the window it bounds and the reading the policy chose). */
const reading = (r: Totals.Counted): TotalRow["readings"][number] => ({
  ...slot(r.slot),
  window: r.window === null ? null : { from: r.window.from, to: r.window.to },
  reading: r.reading as string,
});

/** `facts totals`. */
export const totals = (r: Reconcile.Report, knownAt: string, through: string, since: string | null = null): TotalsView => ({
  knownAt,
  through,
  since,
  totals: r.totals.map((x) => ({
    metric: x.metric,
    direction: x.direction,
    best: x.best,
    lo: x.lo,
    hi: x.hi,
    claims: x.claims,
    sources: [...x.sources],
    group: x.group,
    since: x.since,
    basis: x.basis as string,
    undisclosed: x.readings.length > 0 && x.readings.every((r) => r.slot.versions.every((v) => v.current.claim.fields.qualifier === "undisclosed")),
    disputed: x.disputed,
    slots: x.slots.map(slot),
    readings: x.readings.map(reading),
    checks: x.checks.map(check),
  })),
  agreements: r.agreements.map((a) => ({
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
    scope: { from: a.scope.from, to: a.scope.to },
    sources: [...a.sources],
    versions: a.versions.map(version),
    phases: a.slots.map(slot),
  })),
  offers: r.offers.map((o) => ({
    metric: o.metric,
    direction: o.direction,
    offeredOn: o.offeredOn,
    best: o.figure.best,
    lo: o.figure.lo,
    hi: o.figure.hi,
    sources: [...o.sources],
    versions: o.versions.map(version),
  })),
});

/** `facts discrepancies`. */
export const discrepancies = (r: Reconcile.Report, knownAt: string, through: string): DiscrepanciesView => ({
  knownAt,
  through,
  discrepancies: r.discrepancies.map((d) => ({
    metric: d.metric,
    direction: d.direction,
    kind: d.kind,
    validFrom: d.validFrom,
    validTo: d.validTo,
    reason: d.reason as string,
    rule: d.reason as string,
    detail: d.detail,
    versions: d.versions.map(version),
    kept: [...d.kept],
    setAside: [...d.setAside],
    resolve: d.resolve.map((x) => ({ action: x.action as string, claimIds: [...x.claimIds] })),
  })),
});

/** The datings of an article, as rows. */
export const datings = (a: Ledger.ArticleInfo): DatingRow[] =>
  a.dated.map((d) => ({ articleId: a.articleId, outlet: a.outlet, path: a.path, publishedAt: d.publishedAt, previous: d.previous, recordedOn: d.recordedAt.slice(0, 10), analyst: d.analyst, reason: d.reason }));

/** `facts audit`: each change with the outlet, day and sentences behind it. */
export const audit = (ledger: Ledger.Ledger, metric: string, direction: string, changes: readonly Audit.Change[], knownAt: string | null, through: string | null): AuditView => {
  const dated = new Map<string, DatingRow>();
  const rows = changes.map((c): ChangeRow => {
    const article = c.articleId === null ? undefined : ledger.articles.get(c.articleId);
    const lastDating = article === undefined ? undefined : datings(article).at(-1);
    if (lastDating !== undefined) dated.set(lastDating.articleId, lastDating);
    return {
      knownAt: c.knownAt,
      articleId: c.articleId,
      claimIds: [...c.claimIds],
      before: c.before,
      after: c.after,
      outlet: article?.outlet ?? null,
      publishedAt: article?.publishedAt ?? null,
      causes: c.claimIds.flatMap((id) => {
        const e = ledger.claims.get(id);
        if (e === undefined) return [];
        const a = e.articleId === null ? undefined : ledger.articles.get(e.articleId);
        return [{ claimId: id, attributedTo: e.fields.attributedTo, value: e.fields.value, qualifier: e.fields.qualifier, outlet: a?.outlet ?? null, publishedAt: a?.publishedAt ?? null, sentence: e.fields.evidence.text }];
      }),
      dated: lastDating ?? null,
    };
  });
  return { metric, direction, knownAt, through, changes: rows, datings: [...dated.values()] };
};
