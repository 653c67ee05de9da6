/**
 * Number mentions in a sentence: digits with thousands separators, number
 * words ("a thousand", "two hundred"), N-for-N formulas, and the qualifier
 * written before them ("at least", "nearly", "up to"). What a number counts
 * is decided later; here dates, times, years and ages are already set aside.
 */
import type { Quantity } from "@factledger/core";

type Qualifier = Quantity.Qualifier;

/** A number found in a sentence, with offsets relative to the sentence. */
export interface Mention {
  readonly start: number;
  readonly end: number;
  readonly value: number;
  readonly qualifier: Exclude<Qualifier, "undisclosed">;
  /** Written as an N-for-N formula ("1,000-for-1,000"). */
  readonly formula: boolean;
}

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

const UNITS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000 };

const QUALIFIERS: ReadonlyArray<readonly [RegExp, Mention["qualifier"]]> = [
  [/\b(?:at least|no fewer than|no less than|a minimum of|not less than)\s*$/i, "at_least"],
  [/\b(?:more than|over|in excess of|upwards of|above|over than)\s*$/i, "more_than"],
  [/\b(?:nearly|almost|close to|just under|just shy of|nearing)\s*$/i, "nearly"],
  [/\b(?:about|around|approximately|roughly|some|an estimated|estimated|circa|approx\.?|~)\s*$/i, "about"],
  [/\b(?:up to|at most|no more than|as many as|a maximum of|fewer than|less than|under)\s*$/i, "at_most"],
];

const qualifierBefore = (before: string): Mention["qualifier"] => {
  for (const [re, q] of QUALIFIERS) if (re.test(before)) return q;
  return "exact";
};

const toInt = (s: string): number => Number(s.replace(/[,\s]/g, ""));

const isDateOrTime = (text: string, start: number, end: number): boolean => {
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
  const after = text.slice(end, end + 12).toLowerCase();
  if (new RegExp(`\\b(?:${MONTHS})\\.?\\s*$`).test(before)) return true; // June 12
  if (new RegExp(`^(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:${MONTHS})\\b`).test(after)) return true; // 27 June
  if (/^[:.]\d/.test(after) || /\d[:]$/.test(before)) return true; // 00:21, 1.5
  if (/^-\d{2}\b/.test(after) || /\d-$/.test(before)) return true; // 2025-06-20
  return false;
};

/** All number mentions of a sentence, left to right. */
export const find = (text: string): Mention[] => {
  const out: Mention[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number) => taken.every(([x, y]) => b <= x || a >= y);

  // N-for-N formulas first: "1,000-for-1,000", "6,000 for 6,000".
  for (const m of text.matchAll(/\b(\d{1,3}(?:,\d{3})+|\d+)\s*-?\s*for\s*-?\s*(\d{1,3}(?:,\d{3})+|\d+)\b/gi)) {
    const a = toInt(m[1]!), b = toInt(m[2]!);
    if (a !== b) continue; // "215 for 56" is two figures, read separately
    const start = m.index!;
    out.push({ start, end: start + m[0].length, value: a, qualifier: qualifierBefore(text.slice(0, start)), formula: true });
    taken.push([start, start + m[0].length]);
  }

  for (const m of text.matchAll(/(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w,]*\d)(?:\s+(thousand|million))?/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const digits = m[1]!;
    if (isDateOrTime(text, start, start + digits.length)) continue;
    let value = toInt(digits);
    if (m[2] !== undefined) value *= m[2].toLowerCase() === "thousand" ? 1000 : 1_000_000;
    // A bare four-digit number in the range of recent years is a year, not a count.
    if (!digits.includes(",") && m[2] === undefined && value >= 1900 && value <= 2100) continue;
    out.push({ start, end, value, qualifier: qualifierBefore(text.slice(0, start)), formula: false });
    taken.push([start, end]);
  }

  // Number words: "a thousand", "two hundred and fifty", "three thousand".
  const word = "(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
  const re = new RegExp(`\\b${word}(?:[\\s-]+(?:and\\s+)?(?:${word}|hundred|thousand))*\\b`, "gi");
  for (const m of text.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const parts = m[0].toLowerCase().split(/[\s-]+/).filter((w) => w !== "and");
    if (parts.length === 1 && (parts[0] === "a" || parts[0] === "one")) continue;
    let total = 0, current = 0, valid = true;
    for (const p of parts) {
      if (p === "a" || p === "one") current += 1;
      else if (p in UNITS) current += UNITS[p]!;
      else if (p in SCALES) {
        current = (current === 0 ? 1 : current) * SCALES[p]!;
        if (p === "thousand") {
          total += current;
          current = 0;
        }
      } else valid = false;
    }
    if (!valid) continue;
    const value = total + current;
    if (value < 2) continue;
    out.push({ start, end, value, qualifier: qualifierBefore(text.slice(0, start)), formula: false });
    taken.push([start, end]);
  }
  return out.sort((a, b) => a.start - b.start);
};
