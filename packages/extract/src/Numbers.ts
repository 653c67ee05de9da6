/**
 * Number mentions in a sentence: digits with any thousands separator ("1,200",
 * "1 200", "18 403", "6.000"), number words ("two hundred and seven", "a
 * thousand", "a dozen"), zero words ("none", "not a single"), N-for-N formulas
 * in every spelling ("1,000-for-1,000", "75 people for 75 people", "the
 * 50-50 formula", "a thousand for a thousand"), and the qualifier written
 * around them ("at least", "nearly", "or more"). What a number counts is
 * decided later; dates, times, years, ages and decimals are set aside here.
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
  /** How it was written: digits, words, or a zero word ("none", "no", "not a single"). */
  readonly form: "digits" | "words" | "zero";
}

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

// Longest first: "no more than" must win over "more than", "no fewer than" over "fewer than".
const QUALIFIERS: ReadonlyArray<readonly [RegExp, Mention["qualifier"]]> = [
  [/\b(?:at least|no fewer than|no less than|a minimum of|not less than|minimum)\s*$/i, "at_least"],
  [/\b(?:up to|at most|no more than|not more than|as many as|a maximum of|fewer than|less than|under|a maximum)\s*$/i, "at_most"],
  // "handed over 140": the particle of a verb, not a bound.
  [/(?:\b(?:more than|(?<!\b(?:hand(?:ed|s|ing)?|turn(?:ed|s|ing)?|pass(?:ed|es|ing)?|sign(?:ed|s|ing)?|took|take[ns]?|taking|gave|give[ns]?|giving|carr(?:y|ied|ies|ying))\s+)over|in excess of|upwards of|above|over than|exceeding|exceeded|surpassed|beyond)|\+)\s*$/i, "more_than"],
  [/\b(?:nearly|almost|close to|just under|just shy of|nearing|short of|approaching)\s*$/i, "nearly"],
  [/\b(?:about|around|approximately|roughly|some|an estimated|estimated|circa|approx\.?|an approximate|approximate|~)\s*$/i, "about"],
];
const QUALIFIERS_AFTER: ReadonlyArray<readonly [RegExp, Mention["qualifier"]]> = [
  [/^(?:\s+or more|\s*\+|-plus\b|\s+plus\b)/i, "at_least"],
  [/^\s+or so\b/i, "about"],
];

const qualifierAround = (text: string, start: number, end: number): Mention["qualifier"] => {
  // "more than a thousand", "at least a dozen": the article belongs to the number.
  const before = text.slice(Math.max(0, start - 40), start).replace(/\b(?:a|an|the)\s*$/i, "").replace(/\s*$/, " ");
  for (const [re, q] of QUALIFIERS) if (re.test(before)) return q;
  // "had taken over a hundred Russian soldiers captive": "take N captive" with "over" before N is a bound, not "take over".
  if (/\b(?:took|taken|take[ns]?|taking)\s+over\s+$/i.test(before) && /^[^.;]{0,50}\b(?:captive|prisoners?|POWs?)\b/i.test(text.slice(end, end + 60))) return "more_than";
  const after = text.slice(end, end + 12);
  for (const [re, q] of QUALIFIERS_AFTER) if (re.test(after)) return q;
  return "exact";
};

const DAY_LIST = new RegExp(`\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*[-–]\\s*)\\d{1,2}(?:st|nd|rd|th)?)*(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*[-–]\\s*)$`);
const isDateOrTime = (text: string, start: number, end: number): boolean => {
  const before = text.slice(Math.max(0, start - 12), start).toLowerCase();
  const after = text.slice(end, end + 14).toLowerCase();
  if (new RegExp(`\\b(?:${MONTHS})\\.?\\s*$`).test(before)) return true; // June 12
  if (new RegExp(`^(?:st|nd|rd|th)?\\s*(?:of\\s+)?(?:${MONTHS})\\b`).test(after)) return true; // 27 June
  // "June 9, 10, 12 and 14": a day in a list of days after a month.
  // Not "On June 9, 30 prisoners": the day goes on the list when another day follows it, or other days came before it.
  const list = Number(text.slice(start, end)) <= 31 ? DAY_LIST.exec(text.slice(Math.max(0, start - 60), start).toLowerCase()) : null;
  if (list !== null && (/^(?:st|nd|rd|th)?\s*(?:,|and\b|[-–]\s*\d|[.;)]|$)/.test(after) || (list[0].match(/\d{1,2}/g)?.length ?? 0) >= 2)) return true;
  // "on 10, 12, 14 and 26 June": a day in a list of days before a month.
  if (Number(text.slice(start, end)) <= 31 && new RegExp(`^(?:(?:st|nd|rd|th)?(?:\\s*,\\s*(?:and\\s+)?|\\s+and\\s+|\\s*[-–]\\s*)\\d{1,2})+(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b`).test(text.slice(end, end + 60).toLowerCase())) return true;
  if (/^(?:st|nd|rd|th)\b/.test(after)) return true; // the 50th swap
  if (/^[:]\d/.test(after) || /\d[:]$/.test(before)) return true; // 00:21
  if (/^[.,]\d/.test(after)) return true; // 1.5, a decimal
  if (/^-\d{2}\b/.test(after) || /\d-$/.test(before)) return true; // 2025-06-20
  if (/^\s*(?:%|percent|per cent)/.test(after)) return true;
  if (/^\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt|utc|hrs)/.test(after)) return true;
  if (/(?:no\.|number|#)\s*$/.test(before)) return true;
  return false;
};

const WORD = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)";
const WORDS_RE = new RegExp(`\\b(?:a\\s+|an\\s+)?(?:${WORD}|hundred|thousand)(?:[\\s-]+(?:and\\s+)?(?:${WORD}|hundred|thousand|million))*\\b`, "gi");
const toInt = (s: string): number => Number(s.replace(/[^\d]/g, ""));
const FIGURE = "\\d{1,3}(?:,\\d{3})+|\\d+";
const FORMULA_RE = new RegExp(`(?<![\\w.,])(${FIGURE})(?:\\s+[a-z]+)?\\s*(-?\\s*(?:for|to|x|×)\\s*-?|-|–)\\s*(${FIGURE})(?![\\w,]*\\d)`, "gi");
// Digits: plain, or grouped by comma, dot, space, non-breaking or thin space ("1,200", "6.000", "5 857", "18 403").
const DIGITS_RE = /(?<![\w.,\u00a0\u202f-])(\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![.,]?\d)|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d+)(?![\w]*\d)(?:\s+(thousand|million))?/g;

const wordValue = (phrase: string): number | null => {
  const parts = phrase.toLowerCase().split(/[\s-]+/).filter((w) => w !== "and");
  let total = 0, current = 0, any = false;
  for (const p of parts) {
    if (p === "a" || p === "an") {
      current += 1;
      continue;
    }
    if (p in UNITS) current += UNITS[p]!;
    else if (p in SCALES) {
      current = (current === 0 ? 1 : current) * SCALES[p]!;
      if (p !== "hundred") {
        total += current;
        current = 0;
      }
    } else return null;
    any = true;
  }
  return any ? total + current : null;
};

/** All number mentions of a sentence, left to right. */
export const find = (text: string): Mention[] => {
  const raw: Array<Omit<Mention, "qualifier" | "formula">> = [];
  // Which characters a mention already covers: checking a span costs its length, not the number of
  // mentions so far (a sentence of thousands of numbers was quadratic).
  const taken = new Uint8Array(text.length);
  const free = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (taken[k] === 1) return false;
    return true;
  };
  const add = (start: number, end: number, value: number, form: Mention["form"]) => {
    // A figure beyond what a double holds exactly (400 digits, "a hundred hundred ... hundred") counts nothing real.
    if (!Number.isSafeInteger(value)) return;
    raw.push({ start, end, value, form });
    taken.fill(1, start, end);
  };

  // Digit formulas first: "1,000-for-1,000", "1000 for 1000", "75 people for 75 people", "50-50".
  const formulas = new Set<number>();
  for (const m of text.matchAll(FORMULA_RE)) {
    const a = toInt(m[1]!), b = toInt(m[3]!);
    if (a !== b || a < 2) continue;
    if (m[2] === "-" && !/^\s*(?:formula|format|principle|basis|scheme|deal|exchange|swap|prisoner|pow|agreement)/i.test(text.slice(m.index! + m[0].length)) && !/\b(?:the|a|an)\s*$/i.test(text.slice(0, m.index!))) continue;
    const start = m.index!, end = start + m[0].length;
    if (!Number.isSafeInteger(a)) continue;
    add(start, end, a, "digits");
    formulas.add(start);
  }

  // "2.5 thousand", "1,5 million": a decimal with its scale.
  for (const m of text.matchAll(/(?<![\w.,])(\d+)[.,](\d+)\s+(thousand|million)\b/gi)) {
    const start = m.index!, end = start + m[0].length;
    const value = Math.round(Number(`${m[1]}.${m[2]}`) * (m[3]!.toLowerCase() === "thousand" ? 1000 : 1_000_000));
    add(start, end, value, "digits");
  }

  // "Nearly 1K bodies", "2.5K prisoners": the headline's thousands.
  for (const m of text.matchAll(/(?<![\w.,])(\d+(?:\.\d+)?)\s?[Kk](?=\s+[a-z])/gi)) {
    const start = m.index!, end = start + m[0].length;
    add(start, end, Math.round(Number(m[1]) * 1000), "digits");
  }

  const PEOPLE_AFTER = /^\s+(?:(?:more|other|of our|of their|captured|fallen|dead|Ukrainian|Russian)\s+)?(?:Ukrainians|Russians|people|persons|prisoners|POWs|soldiers|servicemen|servicemembers|defenders|civilians|bodies|troops|fighters|captives|citizens)\b/i;
  for (const m of text.matchAll(DIGITS_RE)) {
    const start = m.index!;
    const digits = m[1]!;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    if (isDateOrTime(text, start, start + digits.length)) continue;
    const grouped = /[,. \u00a0\u202f]/.test(digits);
    let value = Number(digits.replace(/[^\d]/g, ""));
    if (m[2] !== undefined) value *= m[2].toLowerCase() === "thousand" ? 1000 : 1_000_000;
    // A bare four-digit number in the range of recent years is a year, not a count, unless a noun of people
    // follows it ("return home 1993 Ukrainians", "2005 prisoners"), as no year does.
    if (!grouped && m[2] === undefined && value >= 1900 && value <= 2100 && !PEOPLE_AFTER.test(text.slice(end, end + 40))) continue;
    // "7 250" could be two numbers; a space-grouped figure whose first group is a plausible count of its own stays one
    // figure only when nothing but a noun follows (that is how the corpus writes "5 857 people").
    add(start, end, value, "digits");
  }

  // "a dozen", "two dozen", "dozens" (no value: skipped).
  for (const m of text.matchAll(new RegExp(`\\b(a|an|one|two|three|four|five|half a)\\s+dozen\\b`, "gi"))) {
    const start = m.index!, end = start + m[0].length;
    if (!free(start, end)) continue;
    const n = m[1]!.toLowerCase();
    add(start, end, n === "half a" ? 6 : 12 * (UNITS[n] ?? 1), "words");
  }

  for (const m of text.matchAll(WORDS_RE)) {
    let start = m.index!;
    let phrase = m[0];
    const end = start + phrase.length;
    if (!free(start, end)) continue;
    const value = wordValue(phrase);
    if (value === null) continue;
    // "a" alone is no number; "one" alone is kept (one civilian) and judged by what it counts.
    if (/^(?:a|an)$/i.test(phrase.trim())) continue;
    // "several thousand prisoners", "a few hundred", "tens of thousands": no figure, only a magnitude.
    if (/^(?:hundred|thousand|million)s?$/i.test(phrase.trim()) && /\b(?:several|a few|few|many|some|tens of|hundreds of|thousands of)\s+$/i.test(text.slice(Math.max(0, start - 14), start))) continue;
    if (/^(?:a|an)\s+/i.test(phrase) && !/\b(?:hundred|thousand|million)\b/i.test(phrase)) {
      const lead = /^(?:a|an)\s+/i.exec(phrase)![0].length;
      start += lead;
      phrase = phrase.slice(lead);
    }
    // "one of the", "one side", "one another", "no one": not counts.
    if (/^one$/i.test(phrase) && /^\s+(?:of|another|side|by|more|day|time|year|week|month)\b/i.test(text.slice(end))) continue;
    if (/^one$/i.test(phrase) && /\b(?:no|any|every|some|the)\s*$/i.test(text.slice(Math.max(0, start - 6), start))) continue;
    add(start, end, value, "words");
  }

  // Zero: "none of", "no prisoners", "not a single soldier". Kept only when a captive noun follows (decided later).
  for (const m of text.matchAll(/\b(?:not a single|not one|none|zero|no)\b/gi)) {
    const start = m.index!, end = start + m[0].length;
    if (!free(start, end)) continue;
    if (/^no$/i.test(m[0]) && !/^\s+(?:(?:more|other|new|further|russian|ukrainian)\s+)?(?:prisoners?|pows?|captives?|soldiers?|servicem[ae]n|civilians?|bodies|people|ukrainians|russians)\b/i.test(text.slice(end))) continue;
    add(start, end, 0, "zero");
  }

  raw.sort((a, b) => a.start - b.start);

  // N-for-N: two equal figures joined by "for", "to", "-", "x" or "on", each perhaps with its noun ("75 people for 75 people").
  const out: Mention[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i]!;
    const b = raw[i + 1];
    if (formulas.has(a.start)) {
      out.push({ ...a, qualifier: qualifierAround(text, a.start, a.end), formula: true });
      continue;
    }
    if (b !== undefined && a.value === b.value && a.value > 1 && a.form === "words") {
      const between = text.slice(a.end, b.start);
      if (/^\s*(?:[\w’'-]+\s+){0,2}?(?:-\s*)?(?:for|to|on|x|×|-|–|\/)(?:\s*-)?\s*(?:an?-)?$/i.test(between) && !/[,.;]/.test(between)) {
        out.push({ start: a.start, end: b.end, value: a.value, qualifier: qualifierAround(text, a.start, a.end), formula: true, form: a.form });
        i++;
        continue;
      }
    }
    out.push({ ...a, qualifier: qualifierAround(text, a.start, a.end), formula: false });
  }
  return out;
};
