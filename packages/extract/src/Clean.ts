/**
 * Which parts of a raw page are the story. Forum and page boilerplate (user
 * names, post counters, "Copy to clipboard"), teasers and a story pasted
 * twice are dropped, but nothing is rewritten: the result is a list of line
 * spans into the original text, so evidence offsets stay true.
 */

/** A span of the original text: [start, end). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const BOILERPLATE = [
  /^copy to clipboard$/i,
  /^(?:thread starter|senior member|member|moderator|administrator|origin|reply|quote|share|like|report|click to expand\.*)$/i,
  /^#\d+$/,
  /^[\d,.]+$/, // post and reaction counters
  /^(?:advertisement|subscribe|sign up|read more|related:?)$/i,
];

const wordsOf = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

/** The lines of a text with their offsets. */
export const lines = (text: string): Span[] => {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === "\n") {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out;
};

const isBoilerplate = (line: string): boolean => {
  const bare = line.replace(/^[-•*·]\s*/, "").trim();
  if (bare.length === 0) return true;
  return BOILERPLATE.some((re) => re.test(bare));
};

/** True for a line that reads like prose (a sentence), not a label or a name. */
const isProse = (line: string): boolean => line.trim().split(/\s+/).length >= 8 || /[.!?]["'’”]?\s*$/.test(line.trim());

/**
 * The spans worth reading. A header block of short non-prose lines before the
 * first sentence (a forum post's user name, rank, counters) is dropped; so is
 * any line seen before (a second paste), and a teaser ending in "..." that a
 * later line spells out in full.
 */
export const storySpans = (text: string): Span[] => {
  const all = lines(text);
  const firstProse = all.findIndex((l) => isProse(text.slice(l.start, l.end)));
  const seen = new Set<string>();
  const kept: Span[] = [];
  const bodies = all.map((l) => wordsOf(text.slice(l.start, l.end)));
  // Sorted, the lines that begin with a stem are side by side: finding one is a binary search, not a
  // scan of every line (thousands of teaser lines were quadratic).
  const sorted = [...bodies].sort();
  const othersStartWith = (stem: string): boolean => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < stem) lo = mid + 1;
      else hi = mid;
    }
    // The teaser itself begins with its own stem, so another line does when a second one does.
    return sorted[lo + 1]?.startsWith(stem) === true;
  };
  all.forEach((l, i) => {
    const raw = text.slice(l.start, l.end);
    if (isBoilerplate(raw)) return;
    if (i < firstProse && !isProse(raw)) return;
    const words = bodies[i]!;
    if (seen.has(words)) return;
    if (/(?:\.\.\.|…)\s*$/.test(raw.trim())) {
      const stem = words.split(" ").slice(0, -1).join(" ");
      if (stem.length > 20 && othersStartWith(stem)) return;
    }
    seen.add(words);
    kept.push(l);
  });
  return unwrap(text, kept);
};

/** A line that a hard wrap cut: long, not the end of a sentence, a heading or a list's lead. */
const cutByWrap = (line: string): boolean => {
  const t = line.trim();
  return t.length >= 45 && t.length <= 100 && !/[.!?:;]["'’”)]*$/.test(t);
};

/**
 * Wire copy kept at a fixed width ("Ukraine said Thursday that 30\nprisoners of war were being returned"): when at
 * least four kept lines of one text are cut by a hard wrap, each such line is joined with the line right after it
 * (the next line of the file, not after a blank one, and not a list item), so that a sentence is one span again. A
 * text that is not hard-wrapped keeps one span per line.
 */
const unwrap = (text: string, spans: Span[]): Span[] => {
  const adjacent = (a: Span, b: Span) => b.start === a.end + 1;
  const wrapped = spans.filter((l, i) => i + 1 < spans.length && adjacent(l, spans[i + 1]!) && cutByWrap(text.slice(l.start, l.end))).length;
  if (wrapped < 4) return spans;
  const out: Span[] = [];
  for (const l of spans) {
    const last = out.at(-1);
    if (last !== undefined && adjacent(last, l) && cutByWrap(text.slice(text.lastIndexOf("\n", last.end - 1) + 1, last.end)) && !/^\s*[-•*·–—]\s/.test(text.slice(l.start, l.end)))
      out[out.length - 1] = { start: last.start, end: l.end };
    else out.push(l);
  }
  return out;
};
