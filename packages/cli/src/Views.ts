/**
 * The JSON shapes of CONTRACT.md, built from the core's reports. Every field
 * the contract names is here under its name; extra fields only extend.
 */
import type { Audit, FactSlot, Ledger, Reconcile, Totals } from "@factledger/core";

/** A claim with its source (`facts claims`). */
export const claim = (c: Ledger.ClaimView) => ({
  ...c.fields,
  articleId: c.articleId,
  outlet: c.outlet,
  publishedAt: c.publishedAt,
  knownAt: c.knownAt,
  reportedVia: c.reportedVia,
  origin: c.origin,
  amendedOn: c.amendedOn,
});

/** One source's version of a fact. */
export const version = (p: FactSlot.Placed) => ({
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
  validFrom: p.claim.fields.validFrom,
  validTo: p.claim.fields.validTo,
  reportedVia: p.claim.reportedVia,
});

const slot = (s: FactSlot.Slot) => ({
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

const check = (c: Reconcile.Check): { asOf: string | null; cumulative: { lo: number; hi: number | null }; events: { lo: number; hi: number | null }; outcome: string } => ({
  asOf: c.asOf,
  cumulative: c.cumulative,
  events: c.events,
  outcome: c.outcome,
});

/** How each slot was read into a total (the window it bounds and the reading the policy chose). */
const reading = (r: Totals.Counted) => ({
  ...slot(r.slot),
  window: r.window === null ? null : { from: r.window.from, to: r.window.to },
  reading: r.reading as string,
});

/** `facts totals`. */
export const totals = (r: Reconcile.Report, knownAt: string, through: string, since: string | null = null) => ({
  knownAt,
  through,
  since,
  totals: r.totals.map((t) => ({
    metric: t.metric,
    direction: t.direction,
    best: t.best,
    lo: t.lo,
    hi: t.hi,
    claims: t.claims,
    sources: t.sources,
    group: t.group,
    since: t.since,
    basis: t.basis as string,
    disputed: t.disputed,
    slots: t.slots.map(slot),
    readings: t.readings.map(reading),
    checks: t.checks.map(check),
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
    sources: a.sources,
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
    sources: o.sources,
    versions: o.versions.map(version),
  })),
});

/** `facts discrepancies`. */
export const discrepancies = (r: Reconcile.Report, knownAt: string, through: string) => ({
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

/** `facts audit`. */
export const audit = (metric: string, direction: string, changes: readonly Audit.Change[]) => ({ metric, direction, changes });
