/**
 * Sentence splitting with offsets, and the quotation each sentence sits in.
 * A claim inside a multi-sentence quote belongs to whoever the text says
 * spoke it, which is usually named only after the quote closes.
 */
import type { Span } from "./Clean.ts";

/** A sentence of the story. */
export interface Sentence extends Span {
  readonly text: string;
  /** Index of the paragraph (kept line) it belongs to. */
  readonly paragraph: number;
  /** Index of the quotation it is part of, or null outside quotes. */
  readonly quote: number | null;
  /** True when the sentence begins inside a quotation opened by an earlier sentence. */
  readonly startsInQuote: boolean;
}

const ABBREVIATIONS = /(?:(?:^|\W)(?:Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K|e\.g|i\.e|vs|approx)\.)$/;
const OPEN_QUOTES = new Set(["“", "‘", '"']);
const CLOSE_QUOTES = new Set(["”", "’", '"']);
const QUOTE_CHARS = /["“”‘’']/g;

/** Splits the kept spans into sentences and tracks quotations across them. */
export const split = (text: string, spans: readonly Span[]): Sentence[] => {
  const out: Sentence[] = [];
  let quoteCount = 0;
  spans.forEach((span, paragraph) => {
    const line = text.slice(span.start, span.end);
    let start = 0;
    const cuts: Array<[number, number]> = [];
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (ch !== "." && ch !== "!" && ch !== "?") continue;
      let j = i + 1;
      while (j < line.length && (CLOSE_QUOTES.has(line[j]!) || line[j] === ")")) j++;
      if (j < line.length && line[j] !== " " && line[j] !== "\n") continue;
      const next = line.slice(j, j + 40).trimStart();
      if (next.length > 0 && !/^[A-Z0-9“‘"(\[]/.test(next)) continue;
      // Only the few characters before the full stop matter (an abbreviation or an initial).
      if (ch === "." && ABBREVIATIONS.test(line.slice(Math.max(0, i - 8), i + 1))) continue;
      if (ch === "." && /(?:^|\W)[A-Z]$/.test(line.slice(Math.max(0, i - 2), i)) && /^[A-Z]\./.test(next)) continue; // initials
      cuts.push([start, j]);
      start = j;
    }
    if (start < line.length) cuts.push([start, line.length]);
    // Quotation state: an opening mark that is not closed in the same sentence carries over.
    let open = false;
    let current: number | null = null;
    for (const [a, b] of cuts) {
      const raw = line.slice(a, b);
      const lead = raw.length - raw.trimStart().length;
      const s = span.start + a + lead;
      const e = span.start + b;
      if (e <= s) continue;
      // A span joined across a hard wrap reads its line breaks as spaces (the same length: offsets stay true).
      const body = text.slice(s, e).replace(/\n/g, " ");
      const startsInQuote: boolean = open;
      let marks = 0;
      // Only the quote characters are looked at: the rest of the sentence cannot change the count.
      for (const q of body.matchAll(QUOTE_CHARS)) {
        const k = q.index!;
        const ch = body[k]!;
        const prev = k === 0 ? " " : body[k - 1]!;
        const nxt = k + 1 < body.length ? body[k + 1]! : " ";
        // An apostrophe inside a word is not a quotation mark.
        if ((ch === "’" || ch === "'") && /\w/.test(prev) && /\w/.test(nxt)) continue;
        if (ch === "’" && /\w/.test(prev) && /s/i.test(prev)) continue;
        if (OPEN_QUOTES.has(ch) || CLOSE_QUOTES.has(ch)) marks++;
      }
      if (!startsInQuote && marks > 0) current = quoteCount++;
      const endsInQuote: boolean = (startsInQuote ? marks % 2 === 0 : marks % 2 === 1);
      out.push({ start: s, end: e, text: body, paragraph, quote: startsInQuote || marks > 0 ? current : null, startsInQuote });
      open = endsInQuote;
      if (!open) current = startsInQuote || marks > 0 ? current : null;
    }
  });
  return out;
};

/** True when the character at `i` of a sentence is a quotation mark rather than an apostrophe. */
export const isQuoteMark = (body: string, i: number): boolean => {
  const ch = body[i]!;
  if (!OPEN_QUOTES.has(ch) && !CLOSE_QUOTES.has(ch)) return false;
  const prev = i === 0 ? " " : body[i - 1]!;
  const nxt = i + 1 < body.length ? body[i + 1]! : " ";
  if ((ch === "’" || ch === "'") && /\w/.test(prev) && /\w/.test(nxt)) return false;
  if (ch === "’" && /s/i.test(prev) && !/[.,!?]/.test(prev)) return false;
  return true;
};

/** For each character of a sentence, whether it lies inside a quotation. */
export const insideQuotes = (s: Sentence): boolean[] => {
  const inside: boolean[] = new Array<boolean>(s.text.length);
  let open = s.startsInQuote;
  let from = 0;
  for (const q of s.text.matchAll(QUOTE_CHARS)) {
    const i = q.index!;
    if (!isQuoteMark(s.text, i)) continue;
    inside.fill(open, from, i);
    inside[i] = true;
    open = !open;
    from = i + 1;
  }
  inside.fill(open, from, s.text.length);
  return inside;
};
