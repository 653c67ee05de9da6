/**
 * The JSON shapes of CONTRACT.md, built from the core's reports. Every field
 * the contract names is here under its name; extra fields only extend.
 */
import type { Audit, FactSlot, Ledger, Reconcile } from "@factledger/core";

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
  best: s.reconciled.best,
  lo: s.reconciled.lo,
  hi: s.reconciled.hi,
  disputed: s.conflicts.length > 0,
  versions: s.versions.map((v) => version(v.current)),
});

/** `facts totals`. */
export const totals = (r: Reconcile.Report, knownAt: string, through: string) => ({
  knownAt,
  through,
  totals: r.totals.map((t) => ({
    metric: t.metric,
    direction: t.direction,
    best: t.best,
    lo: t.lo,
    hi: t.hi,
    claims: t.claims,
    sources: t.sources,
    basis: t.basis,
    disputed: t.disputed,
    slots: t.slots.map(slot),
    checks: t.checks,
  })),
  agreements: r.agreements.map((a) => ({
    metric: a.metric,
    direction: a.direction,
    target: a.target,
    agreedOn: a.agreedOn,
    done: a.done,
    remaining: a.remaining,
    targetLo: a.targetLo,
    targetHi: a.targetHi,
    doneLo: a.doneLo,
    doneHi: a.doneHi,
    sources: a.sources,
    phases: a.slots.map(slot),
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
    reason: d.reason,
    detail: d.detail,
    versions: d.versions.map(version),
  })),
});

/** `facts audit`. */
export const audit = (metric: string, direction: string, changes: readonly Audit.Change[]) => ({ metric, direction, changes });
