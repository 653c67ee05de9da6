/**
 * Calendar days as ISO strings (`YYYY-MM-DD`). Plain strings compare in
 * calendar order, which keeps the time axes of the ledger simple; this module
 * validates them and is the only place that says what a valid day is.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { isValid, parseISO } from "date-fns";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** True when the string is a real calendar day written `YYYY-MM-DD`. */
export const isDateOnly = (s: string): boolean => DAY.test(s) && isValid(parseISO(s)) && parseISO(s).toISOString().startsWith(s);

interface DateOnlyBrand { readonly DateOnly: unique symbol }

/** A validated `YYYY-MM-DD` day. */
export const DateOnly = t.brand(t.string, (s): s is t.Branded<string, DateOnlyBrand> => isDateOnly(s), "DateOnly");
export type DateOnly = t.TypeOf<typeof DateOnly>;

/** Smart constructor: a day, or a message saying why the text is not one. */
export const parse = (s: string): E.Either<string, DateOnly> =>
  isDateOnly(s) ? E.right(s as DateOnly) : E.left(`not a date in YYYY-MM-DD form: "${s}"`);

/** The day part of an ISO timestamp (the clock is read by callers, never here). */
export const ofTimestamp = (iso: string): string => iso.slice(0, 10);
