/**
 * The one figure type of reconciliation: a best value and the bounds it lies
 * in. Fact slots, running totals, window totals, agreement progress, the warm
 * index and the audit all report a `Figure`; `hi` is null when unbounded.
 */
import * as t from "io-ts";
import * as Q from "./Quantity.ts";

/** A reconciled figure: `lo ≤ best ≤ hi` (hi null: no upper bound). */
export const Figure = t.type({ best: t.number, lo: t.number, hi: t.union([t.number, t.null]) });
export type Figure = t.TypeOf<typeof Figure>;

/** Exactly zero. */
export const zero: Figure = { best: 0, lo: 0, hi: 0 };

/** A figure from a best value and an interval. */
export const of = (best: number, i: Q.Interval): Figure => ({ best, lo: i.lo, hi: i.hi });

/** The bounds of a figure as an interval. */
export const interval = (f: Figure): Q.Interval => ({ lo: f.lo, hi: f.hi });

/** The sum of two figures (bounds add as intervals). */
export const add = (a: Figure, b: Figure): Figure => ({ best: a.best + b.best, lo: a.lo + b.lo, hi: a.hi === null || b.hi === null ? null : a.hi + b.hi });

/** Structural equality. */
export const equals = (a: Figure, b: Figure): boolean => a.best === b.best && a.lo === b.lo && a.hi === b.hi;

/** "697", "≥ 6,001", "2,850–3,000" without separators (for details in findings). */
export const show = (i: Q.Interval): string => (i.hi === null ? `≥ ${i.lo}` : i.lo === i.hi ? `${i.lo}` : `${i.lo}–${i.hi}`);
