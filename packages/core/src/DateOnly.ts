/**
 * Calendar days as ISO strings (`YYYY-MM-DD`). Plain strings compare in
 * calendar order, which keeps the time axes of the ledger simple; this module
 * validates them and is the only place that says what a valid day is.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
// One module each, not the date-fns index: the index loads ~250 modules (about 0.3 s of every CLI start).
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when the string is a real calendar day written `YYYY-MM-DD`. */
export const isDateOnly = (s: string): boolean => DAY.test(s) && isValid(parseISO(s)) && parseISO(s).toISOString().startsWith(s);

interface DateOnlyBrand { readonly DateOnly: unique symbol }

/** Why a text is not a day: "2025-02-30" has the form but no such day; "June 1" has not the form. */
export const whyNotADay = (s: string): string => (DAY.test(s) ? `"${s}" is not a day of the calendar` : `"${s}" is not a date in YYYY-MM-DD form`);

/** A validated `YYYY-MM-DD` day. */
export const DateOnly = t.brand(t.string, (s): s is t.Branded<string, DateOnlyBrand> => isDateOnly(s), "DateOnly");
export type DateOnly = t.TypeOf<typeof DateOnly>;

/** Smart constructor: a day, or a message saying why the text is not one. */
export const parse = (s: string): E.Either<string, DateOnly> =>
  isDateOnly(s) ? E.right(s as DateOnly) : E.left(DAY.test(s) ? `not a day of the calendar: "${s}"` : `not a date in YYYY-MM-DD form: "${s}"`);

/** The day part of an ISO timestamp (the clock is read by callers, never here). */
export const ofTimestamp = (iso: string): string => iso.slice(0, 10);

// Day arithmetic runs in the inner loops of reconciliation (every window edge, every day bound); the
// answers are pure functions of the day, so they are remembered (bounded, and the same answer either way).
const MEMO_LIMIT = 1 << 16;
const memo = <A>(f: (day: string) => A): ((day: string) => A) => {
  const seen = new Map<string, A>();
  return (day) => {
    const hit = seen.get(day);
    if (hit !== undefined) return hit;
    const value = f(day);
    if (seen.size >= MEMO_LIMIT) seen.clear();
    seen.set(day, value);
    return value;
  };
};
const epochMs = memo((s: string): number => {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
});

/** The calendar day after `day` (`YYYY-MM-DD`); calendar arithmetic only, no clock. */
export const next = memo((day: string): string => new Date(epochMs(day) + 86400000).toISOString().slice(0, 10));

/** The calendar day before `day`. */
export const previous = memo((day: string): string => new Date(epochMs(day) - 86400000).toISOString().slice(0, 10));

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((epochMs(b) - epochMs(a)) / 86400000);
