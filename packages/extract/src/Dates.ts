/**
 * Date expressions and how they resolve against a reference day (the
 * publication date, or the day a statement was made). News reports are in
 * the past tense, so a bare weekday means the most recent such day on or
 * before the reference, never the next one, and a month-day without a year
 * takes the reference's year unless that would put it in the future.
 */
// One module each, not the date-fns index (which loads ~250 modules at every CLI start).
import { addDays } from "date-fns/addDays";
import { endOfMonth } from "date-fns/endOfMonth";
import { format } from "date-fns/format";
import { getDay } from "date-fns/getDay";
import { isValid } from "date-fns/isValid";
import { parseISO } from "date-fns/parseISO";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfWeek } from "date-fns/startOfWeek";
import { subDays } from "date-fns/subDays";
import { subMonths } from "date-fns/subMonths";
import { subWeeks } from "date-fns/subWeeks";
import { subYears } from "date-fns/subYears";

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const MONTH_RE = Object.keys(MONTHS).join("|");

const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4}))?`, "gi");
const SPAN_DAY_MONTH = new RegExp(`\\b(between\\s+|from\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|—|to|and|until|through)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_RE})\\b\\.?(?:,?\\s+(\\d{4}))?`, "gi");
const SPAN_MONTH_DAY = new RegExp(`\\b(between\\s+|from\\s+)?(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|—|to|and|until|through)\\s*(\\d{1,2})(?:st|nd|rd|th)?\\b(?!\\s*(?:,\\s*)?(?:${MONTH_RE}))(?:,?\\s+(\\d{4}))?`, "gi");
const MONTH_DAY = new RegExp(`\\b(${MONTH_RE})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, "gi");
const MONTH_PERIOD = new RegExp(`\\b(?:(in|during|since|until|till|by|from|through|throughout|of|end of|beginning of|start of|mid-|early|late)\\s*)?\\b(${MONTH_RE})\\b\\.?(?:,?\\s+((?:19|20)\\d{2})\\b)?`, "gi");
// Cheap test first: most sentences name no month, weekday or relative day at all.
const ANY_DATE = new RegExp(`\\d{4}|\\d(?:st|nd|rd|th)\\b|\\b(?:${MONTH_RE}|sunday|monday|tuesday|wednesday|thursday|friday|saturday|today|tonight|yesterday|day|week|month|year|morning|afternoon|evening|overnight)`, "i");

/** A date expression found in a sentence (offsets relative to it). */
export interface DateMention {
  readonly start: number;
  readonly end: number;
  /** The word before it ("on", "until", "since"), lowercased. */
  readonly preposition: string;
  readonly expr:
    | { readonly _tag: "Full"; readonly day: string }
    | { readonly _tag: "MonthDay"; readonly month: number; readonly day: number; /** Said with it: "Saturday, December 31". */ readonly weekday?: number }
    | { readonly _tag: "Weekday"; readonly weekday: number }
    | { readonly _tag: "LastWeekday"; readonly weekday: number }
    | { readonly _tag: "Relative"; readonly days: number }
    /** "over the weekend", "last weekend": the last Saturday and Sunday on or before the reference. */
    | { readonly _tag: "Weekend" }
    /** "on the 14th": that day of the reference's month, or of the month before when it is still to come. */
    | { readonly _tag: "DayOfMonth"; readonly day: number }
    | { readonly _tag: "Period"; readonly unit: "month" | "week" | "year" }
    | { readonly _tag: "LastPeriod"; readonly unit: "month" | "week" | "year"; /** "the past week": the seven days up to the reference, not the calendar week before. */ readonly rolling?: true }
    | { readonly _tag: "Month"; readonly month: number; readonly year: number | null; readonly part?: "early" | "mid" | "late"; /** "last November": before the reference's own month. */ readonly last?: true }
    | { readonly _tag: "Year"; readonly year: number }
    /** Days of one month: "11-16 June", "between 11 and 16 June", "June 11 to 16, 2025". */
    | { readonly _tag: "Span"; readonly month: number; readonly from: number; readonly to: number; readonly year: number | null };
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
  if (!ANY_DATE.test(text)) return out;
  // "September 14 of this year": the day, in the reference's year (which is how a month-day resolves anyway).
  const thisYear = (at: number): number => /^\s+of\s+this\s+year\b/i.exec(text.slice(at, at + 20))?.[0].length ?? 0;
  const add = (start: number, end: number, expr: DateMention["expr"]) => {
    const before = /(\w+)\s*$/.exec(text.slice(Math.max(0, start - 24), start));
    if (out.some((o) => start < o.end && end > o.start)) return;
    out.push({ start, end, preposition: before?.[1]?.toLowerCase() ?? "", expr });
  };
  for (const m of text.matchAll(/\b(\d{4})-(\d{2})-(\d{2})\b/g)) {
    const day = dayOf(+m[1]!, +m[2]!, +m[3]!);
    if (day !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day });
  }
  // A span of days of one month; "and" joins two days into a span only after "between" ("on June 11 and 13" is two days).
  const span = (at: number, end: number, lead: string | undefined, joiner: string, month: number, from: number, to: number, year: string | undefined) => {
    if (/^and$/i.test(joiner.trim()) && !/^between/i.test(lead ?? "")) return;
    if (!(from >= 1 && to <= 31 && from < to)) return;
    add(at, end, { _tag: "Span", month, from, to, year: year === undefined ? null : +year });
  };
  for (const m of text.matchAll(SPAN_DAY_MONTH)) {
    const joiner = /\d\s*(-|–|—|to|and|until|through)\s*\d/i.exec(m[0])?.[1] ?? "";
    span(m.index!, m.index! + m[0].length, m[1], joiner, MONTHS[m[4]!.toLowerCase()]!, +m[2]!, +m[3]!, m[5]);
  }
  for (const m of text.matchAll(SPAN_MONTH_DAY)) {
    if (m[2]!.toLowerCase() === "may" && m[2] !== "May") continue;
    const joiner = /\d\s*(-|–|—|to|and|until|through)\s*\d/i.exec(m[0])?.[1] ?? "";
    span(m.index!, m.index! + m[0].length, m[1], joiner, MONTHS[m[2]!.toLowerCase()]!, +m[3]!, +m[4]!, m[5]);
  }
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = MONTHS[m[2]!.toLowerCase()]!;
    const day = +m[1]!;
    if (m[3] !== undefined) {
      const full = dayOf(+m[3], month, day);
      if (full !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day: full });
    } else add(m.index!, m.index! + m[0].length + thisYear(m.index! + m[0].length), { _tag: "MonthDay", month, day });
  }
  for (const m of text.matchAll(MONTH_DAY)) {
    const month = MONTHS[m[1]!.toLowerCase()]!;
    const day = +m[2]!;
    if (m[1] === "may" ) continue; // the modal verb, not the month
    if (m[3] !== undefined) {
      const full = dayOf(+m[3], month, day);
      if (full !== null) add(m.index!, m.index! + m[0].length, { _tag: "Full", day: full });
    } else add(m.index!, m.index! + m[0].length + thisYear(m.index! + m[0].length), { _tag: "MonthDay", month, day });
  }
  // "in June 2023", "at the end of April", "mid-November 2023", "June 2023": a month as a period.
  for (const m of text.matchAll(MONTH_PERIOD)) {
    if (m[1] === undefined && m[3] === undefined) continue; // a bare month name
    const word = m[2]!.toLowerCase();
    if (word === "may" && m[3] === undefined && m[2] !== "May") continue; // the verb
    if (word.length <= 4 && word !== "june" && word !== "july" && word !== "may" && m[3] === undefined) continue; // "mar", "dec": too ambiguous alone
    const at = m.index! + (m[1] === undefined ? 0 : m[0].toLowerCase().indexOf(word, m[1].length));
    const lead = (m[1] ?? "").toLowerCase();
    const part = lead === "mid-" ? "mid" : lead === "early" || lead === "beginning of" || lead === "start of" ? "early" : lead === "late" || lead === "end of" ? "late" : undefined;
    add(at, m.index! + m[0].length, { _tag: "Month", month: MONTHS[word]!, year: m[3] === undefined ? null : +m[3], ...(part === undefined ? {} : { part }) });
  }
  // "said last November": the latest such month before the reference's own.
  for (const m of text.matchAll(new RegExp(`\\b(?:last|this past)\\s+(${MONTH_RE})\\b(?!\\.?\\s*\\d)`, "gi"))) {
    const word = m[1]!.toLowerCase();
    if ((word.length <= 4 && word !== "june" && word !== "july" && word !== "may") || (word === "may" && m[1] !== "May")) continue;
    add(m.index!, m.index! + m[0].length, { _tag: "Month", month: MONTHS[word]!, year: null, last: true });
  }
  for (const m of text.matchAll(/\b(?:last|previous|past)\s+(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi))
    add(m.index!, m.index! + m[0].length, { _tag: "LastWeekday", weekday: WEEKDAYS[m[1]!.toLowerCase()]! });
  for (const m of text.matchAll(/\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi))
    add(m.index!, m.index! + m[0].length, { _tag: "Weekday", weekday: WEEKDAYS[m[1]!.toLowerCase()]! });
  for (const m of text.matchAll(/\b(today|tonight|this morning|this afternoon|this evening|overnight|yesterday|the day before|a day earlier|the previous day|a day before|the day after|the next day|the following day|(two|three|four|five|\d) days (?:earlier|ago|before))\b/gi)) {
    const w = m[1]!.toLowerCase();
    const n = m[2] === undefined ? 0 : (({ two: 2, three: 3, four: 4, five: 5 }) as Record<string, number>)[m[2].toLowerCase()] ?? +m[2];
    const days = n > 0 ? -n : /yesterday|before|earlier|previous/.test(w) ? -1 : /after|next|following/.test(w) ? 1 : 0;
    add(m.index!, m.index! + m[0].length, { _tag: "Relative", days });
  }
  for (const m of text.matchAll(/\b(?:the|last|this|past)\s+weekend\b/gi)) add(m.index!, m.index! + m[0].length, { _tag: "Weekend" });
  for (const m of text.matchAll(/\b[Oo]n\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:[A-Z][a-z]+|exchange|swap|round|stage|phase|anniversary|day|time|attempt)\b)/g))
    if (+m[1]! >= 1 && +m[1]! <= 31) add(m.index! + 3, m.index! + m[0].length, { _tag: "DayOfMonth", day: +m[1]! });
  for (const m of text.matchAll(/\b(?:earlier )?this (month|week|year)\b|\bearlier in the (month|week|year)\b/gi))
    add(m.index!, m.index! + m[0].length, { _tag: "Period", unit: (m[1] ?? m[2])!.toLowerCase() as "month" | "week" | "year" });
  for (const m of text.matchAll(/\b(?:last|past|previous)\s+(month|week|year)\b/gi)) {
    const rolling = /^past$/i.test(m[0].split(/\s+/)[0]!) && /\bthe\s+$/i.test(text.slice(Math.max(0, m.index! - 5), m.index!));
    add(m.index!, m.index! + m[0].length, { _tag: "LastPeriod", unit: m[1]!.toLowerCase() as "month" | "week" | "year", ...(rolling ? { rolling: true as const } : {}) });
  }
  for (const m of text.matchAll(/\b(?:in|during|since|of|for|throughout)\s+((?:19|20)\d{2})\b(?!\s*[-–]\d)/gi))
    add(m.index! + m[0].indexOf(m[1]!), m.index! + m[0].length, { _tag: "Year", year: +m[1]! });
  // "on Friday, April 1": the weekday only repeats the date that follows; the date takes its preposition.
  out.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < out.length; i++) {
    const w = out[i]!, d = out[i + 1]!;
    if (w.expr._tag === "Weekday" && (d.expr._tag === "MonthDay" || d.expr._tag === "Full") && /^,?\s*(?:the\s+)?$/.test(text.slice(w.end, d.start))) {
      out[i + 1] = { ...d, start: w.start, preposition: w.preposition, ...(d.expr._tag === "MonthDay" ? { expr: { ...d.expr, weekday: w.expr.weekday } } : {}) };
      out.splice(i, 1);
    }
  }
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
/** A part of a month ("early", "mid-", "late April") as its third of the month; the whole month otherwise. Capped at `cap` (the reference day, when the month is the reference's). */
const partOf = (part: "early" | "mid" | "late" | undefined, first: string, last: string, cap: string | null): Resolved => {
  const month = first.slice(0, 8);
  const from = part === "mid" ? `${month}11` : part === "late" ? `${month}21` : first;
  const to = part === "early" ? `${month}10` : part === "mid" ? `${month}20` : last;
  return { from, to: cap !== null && to > cap ? (cap < from ? from : cap) : to };
};

/**
 * `cap` is the last day the story can speak of (its publication day): a named year or month is cut there. It is the
 * reference by default; an undated article's stand-in reference (the latest day it states) is no such bound, since
 * the story was written on that day or later, so there the caller passes null.
 */
export const resolve = (m: DateMention, reference: string | null, cap: string | null = reference): Resolved | null => {
  const e = m.expr;
  if (e._tag === "Full") return { from: e.day, to: e.day };
  if (e._tag === "Span" && e.year !== null && reference === null) {
    const from = dayOf(e.year, e.month, e.from), to = dayOf(e.year, e.month, e.to);
    return from === null || to === null ? null : { from, to };
  }
  if (e._tag === "Month" && e.year !== null && reference === null) {
    const first = parseISO(`${e.year}-${pad(e.month)}-01`);
    return partOf(e.part, iso(first), iso(endOfMonth(first)), null);
  }
  if (e._tag === "Year" && reference === null) return { from: `${e.year}-01-01`, to: `${e.year}-12-31` };
  if (reference === null) return null;
  switch (e._tag) {
    case "MonthDay": {
      const d = monthDayBefore(reference, e.month, e.day);
      return d === null ? null : { from: d, to: d };
    }
    case "Span": {
      // The year of its last day, as for a month and day; the first day in the same month.
      const to = e.year !== null ? dayOf(e.year, e.month, e.to) : monthDayBefore(reference, e.month, e.to);
      const from = to === null ? null : dayOf(+to.slice(0, 4), e.month, e.from);
      return to === null || from === null ? null : { from, to };
    }
    case "Weekday": {
      const d = weekdayOnOrBefore(reference, e.weekday);
      return { from: d, to: d };
    }
    case "Relative": {
      const d = iso(addDays(parseISO(reference), e.days));
      return { from: d, to: d };
    }
    case "Weekend": {
      const ref = parseISO(reference);
      const dow = getDay(ref);
      if (dow === 0) return { from: iso(subDays(ref, 1)), to: reference };
      if (dow === 6) return { from: reference, to: reference };
      const sunday = subDays(ref, dow);
      return { from: iso(subDays(sunday, 1)), to: iso(sunday) };
    }
    case "DayOfMonth": {
      const y = +reference.slice(0, 4), mo = +reference.slice(5, 7);
      const same = dayOf(y, mo, e.day);
      if (same !== null && same <= reference) return { from: same, to: same };
      const prev = subMonths(parseISO(`${reference.slice(0, 7)}-01`), 1);
      const d = dayOf(prev.getFullYear(), prev.getMonth() + 1, e.day);
      return d === null ? null : { from: d, to: d };
    }
    case "LastWeekday": {
      const d = weekdayOnOrBefore(iso(subDays(parseISO(reference), 1)), e.weekday);
      return { from: d, to: d };
    }
    case "Period": {
      const ref = parseISO(reference);
      const start = e.unit === "month" ? startOfMonth(ref) : e.unit === "year" ? new Date(ref.getFullYear(), 0, 1) : startOfWeek(ref, { weekStartsOn: 1 });
      return { from: iso(start), to: reference };
    }
    case "LastPeriod": {
      const ref = parseISO(reference);
      if (e.rolling === true) {
        const from = e.unit === "week" ? addDays(ref, -6) : addDays(e.unit === "month" ? subMonths(ref, 1) : subMonths(ref, 12), 1);
        return { from: iso(from), to: reference };
      }
      if (e.unit === "month") {
        const m = subMonths(startOfMonth(ref), 1);
        return { from: iso(m), to: iso(endOfMonth(m)) };
      }
      if (e.unit === "year") return { from: `${ref.getFullYear() - 1}-01-01`, to: `${ref.getFullYear() - 1}-12-31` };
      const w = subWeeks(startOfWeek(ref, { weekStartsOn: 1 }), 1);
      return { from: iso(w), to: iso(addDays(w, 6)) };
    }
    case "Month": {
      const ref = parseISO(reference);
      let y = e.year ?? ref.getFullYear();
      if (e.year === null && (`${y}-${pad(e.month)}-01` > reference || (e.last === true && e.month === ref.getMonth() + 1))) y -= 1;
      const first = parseISO(`${y}-${pad(e.month)}-01`);
      const last = iso(endOfMonth(first));
      return partOf(e.part, iso(first), last, cap !== null && y === +cap.slice(0, 4) ? cap : null);
    }
    case "Year": {
      const last = `${e.year}-12-31`;
      return { from: `${e.year}-01-01`, to: cap !== null && last > cap ? cap : last };
    }
  }
};

/**
 * The year of a dateline without one ("Kyiv/Moscow, June 12"), fixed by a
 * weekday the story gives for that day ("on Thursday"): the latest year, up
 * to the reference and at most two years before it, in which that month and
 * day fell on that weekday. Further back, one weekday fits too many years.
 */
export const yearFromWeekday = (month: number, day: number, weekday: number, reference: string, within = 2): number | null => {
  const ref = parseISO(reference);
  for (let back = 0; back <= within; back++) {
    const y = subYears(ref, back).getFullYear();
    const d = dayOf(y, month, day);
    if (d !== null && d <= reference && getDay(parseISO(d)) === weekday) return y;
  }
  return null;
};

/** A day moved by a number of days. */
export const shift = (day: string, days: number): string => iso(addDays(parseISO(day), days));

/** The last day of a month, or null for an impossible month. */
export const monthEnd = (year: number, month: number): string | null => {
  const first = dayOf(year, month, 1);
  return first === null ? null : iso(endOfMonth(parseISO(first)));
};
