/**
 * Near-duplicate detection for wire copies: word 5-shingles of the story
 * text, summarised by a 64-hash MinHash signature. Two articles whose
 * estimated Jaccard similarity is at least `copyThreshold` are one story
 * republished, not two confirmations.
 */

/** Estimated Jaccard similarity at or above which an article is a copy of an earlier one. */
export const copyThreshold = 0.8;

const HASHES = 64;
const PRIME = 4294967311; // a prime above 2^32

const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
};

// Fixed coefficients so that signatures are the same on every machine and run.
const COEFFS: ReadonlyArray<readonly [number, number]> = Array.from({ length: HASHES }, (_, i) => [
  (fnv1a(`a${i}`) % 1_000_003) + 1,
  fnv1a(`b${i}`) % 1_000_003,
]);

/** The set of word 5-shingles of a text (lowercase words, punctuation ignored). */
export const shingles = (text: string): Set<string> => {
  const words = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter((w) => w.length > 0);
  const out = new Set<string>();
  if (words.length < 5) {
    if (words.length > 0) out.add(words.join(" "));
    return out;
  }
  for (let i = 0; i + 5 <= words.length; i++) out.add(words.slice(i, i + 5).join(" "));
  return out;
};

/** The MinHash signature of a text. */
export const signature = (text: string): number[] => {
  const sig = new Array<number>(HASHES).fill(Number.MAX_SAFE_INTEGER);
  for (const sh of shingles(text)) {
    const x = fnv1a(sh);
    for (let i = 0; i < HASHES; i++) {
      const [a, b] = COEFFS[i]!;
      const h = (a * x + b) % PRIME; // a < 2^20 and x < 2^32: exact in doubles
      if (h < sig[i]!) sig[i] = h;
    }
  }
  return sig;
};

/** Estimated Jaccard similarity of two signatures. */
export const estimate = (a: readonly number[], b: readonly number[]): number => {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
};
