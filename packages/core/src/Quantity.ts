/**
 * Reported figures as intervals. A value with its qualifier ("at least
 * 1,000", "nearly 3,000", "undisclosed") becomes the closed interval of whole
 * numbers it allows; reconciliation then works only with intervals: sum,
 * intersection and consistency. `hi === null` means unbounded above.
 */
import * as t from "io-ts";
import * as O from "fp-ts/lib/Option.js";

/** How a figure was qualified in the text. */
export const Qualifier = t.keyof({
  exact: null,
  at_least: null,
  more_than: null,
  about: null,
  nearly: null,
  at_most: null,
  undisclosed: null,
});
export type Qualifier = t.TypeOf<typeof Qualifier>;

/** The class a qualifier falls in, as the corpus scores it: "at least" and "more than" are lower bounds, "about" and "nearly" approximate. */
export type QualifierClass = "exact" | "lower" | "approx" | "upper" | "undisclosed";
export const qualifierClass = (q: Qualifier): QualifierClass =>
  q === "at_least" || q === "more_than" ? "lower" : q === "about" || q === "nearly" ? "approx" : q === "at_most" ? "upper" : q;

/** A closed interval of whole numbers; `hi` null when unbounded. */
export const Interval = t.type({ lo: t.number, hi: t.union([t.number, t.null]) });
export type Interval = t.TypeOf<typeof Interval>;

/** The empty sum: exactly zero. */
export const zero: Interval = { lo: 0, hi: 0 };

/** Everything from `lo` up, with no upper bound. */
export const atLeast = (lo: number): Interval => ({ lo, hi: null });

/** Exactly `n`. */
export const exactly = (n: number): Interval => ({ lo: n, hi: n });

/**
 * The tolerance of an approximate figure: 5% of it, rounded up, and at least 1.
 * "about 53,000" allows ±2,650; "nearly 3,000" allows 2,850 to 3,000.
 */
export const tolerance = (n: number): number => Math.max(1, Math.ceil(Math.abs(n) * 0.05));

/**
 * The interval a reported value allows. An undisclosed count is [0, ∞) whatever
 * its kind: an exchange known to have happened but of no given size adds no
 * unit to a total (it was [1, ∞) for an event before extractor 2.8.0, which put
 * a "1" no source said into every total beside it: 1,198 on the seeds where the
 * sources add up to 1,197). Its existence is kept: its slot, its reading, its flags.
 */
export const fromReported = (value: number | null, qualifier: Qualifier): Interval => {
  if (qualifier === "undisclosed" || value === null) return atLeast(0);
  switch (qualifier) {
    case "exact":
      return exactly(value);
    case "at_least":
      return atLeast(value);
    case "more_than":
      return atLeast(value + 1);
    case "at_most":
      return { lo: 0, hi: value };
    case "about":
      return { lo: Math.max(0, value - tolerance(value)), hi: value + tolerance(value) };
    case "nearly":
      return { lo: Math.max(0, value - tolerance(value)), hi: value };
  }
};

/** The interval sum: every total that the parts allow together. */
export const add = (a: Interval, b: Interval): Interval => ({
  lo: a.lo + b.lo,
  hi: a.hi === null || b.hi === null ? null : a.hi + b.hi,
});

/** The sum of many intervals (zero for none). */
export const sum = (xs: Iterable<Interval>): Interval => {
  let acc = zero;
  for (const x of xs) acc = add(acc, x);
  return acc;
};

/** The values both intervals allow, if any. */
export const intersect = (a: Interval, b: Interval): O.Option<Interval> => {
  const lo = Math.max(a.lo, b.lo);
  const hi = a.hi === null ? b.hi : b.hi === null ? a.hi : Math.min(a.hi, b.hi);
  return hi !== null && lo > hi ? O.none : O.some({ lo, hi });
};

/** True when both intervals can be true at once. */
export const consistent = (a: Interval, b: Interval): boolean => O.isSome(intersect(a, b));

/** True when `n` lies inside the interval. */
export const contains = (i: Interval, n: number): boolean => n >= i.lo && (i.hi === null || n <= i.hi);

/** The nearest value to `n` inside the interval. */
export const clamp = (i: Interval, n: number): number => Math.max(i.lo, i.hi === null ? n : Math.min(i.hi, n));

/** True when the interval allows exactly one value. */
export const isPoint = (i: Interval): boolean => i.hi !== null && i.lo === i.hi;

/** Structural equality. */
export const equals = (a: Interval, b: Interval): boolean => a.lo === b.lo && a.hi === b.hi;
