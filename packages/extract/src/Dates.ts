/**
 * Date expressions and how they resolve against a reference day (the
 * publication date, or the day a statement was made). News reports are in
 * the past tense, so a bare weekday means the most recent such day on or
 * before the reference, never the next one, and a month-day without a year
 * takes the reference's year unless that would put it in the future.
 */
import { addDays, format, getDay, isValid, parseISO, startOfMonth, startOfWeek, subDays, subYears } from "date-fns";

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTH_RE = Object.keys(MONTHS).join("|");

/** A date expression found in a sentence (offsets relative to it). */
export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** The word before it ("on", "until", "since"), lowercased. */
  readonly preposition: string;
  readonly expr:
    | { readonly _tag: "Full"; readonly day: string }
    | { readonly _tag: "MonthDay"; readonly month: number; readonly day: number }
    | { readonly _tag: "Weekday"; readonly weekday: number }
    | { readonly _tag: "Relative"; readonly days: number }
    | { readonly _tag: "Period"; readonly unit: "month" | "week" };
}

/** A resolved day or period. */
export interface Resolved {
  readonly from: string;
  readonly to: string;
}

const iso = (d: Date): string => format(d, "yyyy-MM-dd");
const pad = (n: number): string => String(n).padStart(2, "0");

/** A real calendar day from its parts, or null. */
export const dayOf = (y: number, m: number, d: number): string | null => {
  const s = `${y}-${pad(m)}-${pad(d)}`;
  const p = parseISO(s);
  return isValid(p) && iso(p) === s ? s : null;
};

/** Every date expression in a sentence. */
export const find = (text: string): DateMention[] => {
  const out: DateMention[] = [];
  const add = (start: number, end: number, expr: DateMention["expr"]) => {
    const before = /(\w+)\s*$/.exec(text.slice(Math.max(0, start - 24), start));
    if (out.some((o) => start < o.end && end > o.start)) return;
    out.push({ start, end, preposition: before?.[1]?.toLowerCase() ?? "", expr });
  };
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const day = dayOf(+m[1]!, +m[2]!, +m[3]!);
    if (day !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day });
  }
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4}))?`, "gi"))) {
    const month = MONTHS[m[2]!.toLowerCase()]!;
    const day = +m[1]!;
    if (m[3] !== undefined) {
      const full = dayOf(+m[3], month, day);
      if (full !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day: full });
    } else add(m.index!, m.index! + m[0].length, { _tag: "MonthDay", month, day });
  }
  for (const m of text.matchAll(new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, "gi"))) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    const day = +m[2]!;
    if (m[1] === "may" ) continue; // the modal verb, not the month
    if (m[3] !== undefined) {
      const full = dayOf(+m[3], month, day);
      if (full !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day: full });
    } else add(m.index!, m.index! + m[0].length, { _tag: "MonthDay", month, day });
  }
  for (const m of text.matchAll(/\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi))
    add(m.index!, m.index! + m[0].length, { _tag: "Weekday", weekday: WEEKDAYS[m[1]!.toLowerCase()]! });
  for (const m of text.matchAll(/\b(today|tonight|this morning|this afternoon|this evening|overnight|yesterday|the day before)\b/gi)) {
    const w = m[1]!.toLowerCase();
    add(m.index!, m.index! + m[0].length, { _tag: "Relative", days: w === "yesterday" ? -1 : w === "the day before" ? -1 : 0 });
  }
  for (const m of text.matchAll(/\b(?:earlier )?this (month|week)\b/gi))
    add(m.index!, m.index! + m[0].length, { _tag: "Period", unit: m[1]!.toLowerCase() as "month" | "week" });
  return out.sort((a, b) => a.start - b.start);
};

/** A month and day without a year, in the reference's year unless that is more than two days ahead of it. */
export const monthDayBefore = (reference: string, month: number, day: number): string | null => {
  const ref = parseISO(reference);
  const y = ref.getFullYear();
  const same = dayOf(y, month, day);
  if (same !== null && same <= iso(addDays(ref, 2))) return same;
  return dayOf(y - 1, month, day);
};

/** The most recent day with this weekday on or before the reference. */
export const weekdayOnOrBefore = (reference: string, weekday: number): string => {
  const ref = parseISO(reference);
  const back = (getDay(ref) - weekday + 7) % 7;
  return iso(subDays(ref, back));
};

/** Resolves a date expression against a reference day; null when it cannot be. */
export const resolve = (m: DateMention, reference: string | null): Resolved | null => {
  const e = m.expr;
  if (e._tag === "Full") return { from: e.day, to: e.day };
  if (reference === null) return null;
  switch (e._tag) {
    case "MonthDay": {
      const d = monthDayBefore(reference, e.month, e.day);
      return d === null ? null : { from: d, to: d };
    }
    case "Weekday": {
      const d = weekdayOnOrBefore(reference, e.weekday);
      return { from: d, to: d };
    }
    case "Relative": {
      const d = iso(addDays(parseISO(reference), e.days));
      return { from: d, to: d };
    }
    case "Period": {
      const ref = parseISO(reference);
      const start = e.unit === "month" ? startOfMonth(ref) : startOfWeek(ref, { weekStartsOn: 1 });
      return { from: iso(start), to: reference };
    }
  }
};

/**
 * The year of a dateline without one ("Kyiv/Moscow, June 12"), fixed by a
 * weekday the story gives for that day ("on Thursday"): the latest year, up
 * to the reference and at most two years before it, in which that month and
 * day fell on that weekday. Further back, one weekday fits too many years.
 */
export const yearFromWeekday = (month: number, day: number, weekday: number, reference: string): number | null => {
  const ref = parseISO(reference);
  for (let back = 0; back <= 2; back++) {
    const y = subYears(ref, back).getFullYear();
    const d = dayOf(y, month, day);
    if (d !== null && d <= reference && getDay(parseISO(d)) === weekday) return y;
  }
  return null;
};
