// A generator of hostile articles: text shaped to break a parser or a regular expression (random
// bytes and code units, huge lines, megabyte sentences, deep quotes and brackets, 400-digit numbers,
// 1e308, direction overrides, zero-width and combining marks, lone surrogates, NUL, HTML and script,
// thousands of repeated numbers, ...), each tagged with its shape. Deterministic for a seed.
import { random } from "./Crash.ts";

/** One hostile input. */
export interface Hostile {
  readonly shape: string;
  readonly text: string;
}

const CLAIM = [
  "Ukraine returned 95 prisoners of war, Zelensky said.",
  "Russia handed over 1,000 bodies under the 6,000-for-6,000 formula, the ministry said.",
  "At least 300 Ukrainian soldiers came home on Friday, according to the Coordination Headquarters.",
  "“We brought back 84 of our people,” Yermak said.",
  "Kyiv, 24 May 2025. The two sides swapped 307 for 307.",
];

/** The shapes, each a function of a random source and a size hint (characters, roughly). */
export const shapes: Record<string, (r: () => number, size: number) => string> = {
  "random bytes": (r, n) => new TextDecoder("utf-8").decode(Uint8Array.from({ length: n }, () => Math.floor(r() * 256))),
  "random code units": (r, n) => String.fromCharCode(...Array.from({ length: Math.min(n, 60_000) }, () => Math.floor(r() * 65536))),
  "huge single line": (r, n) => Array.from({ length: Math.ceil(n / 12) }, (_, i) => (i % 7 === 0 ? String(Math.floor(r() * 5000)) : "prisoners")).join(" "),
  "one long sentence": (_r, n) => `Ukraine said that ${"more than 95 prisoners and ".repeat(Math.ceil(n / 27))}were returned.`,
  "nested quotes": (_r, n) => `${"“‘\"".repeat(Math.ceil(n / 6))} Ukraine returned 95 prisoners ${"’”\"".repeat(Math.ceil(n / 6))} Zelensky said.`,
  "nested brackets": (_r, n) => `${"([{".repeat(Math.ceil(n / 6))}Russia freed 12 soldiers${"}])".repeat(Math.ceil(n / 6))}.`,
  "400-digit numbers": (r, n) => Array.from({ length: Math.max(1, Math.ceil(n / 460)) }, () => `Ukraine returned ${Array.from({ length: 400 }, () => Math.floor(r() * 10)).join("")} prisoners of war.`).join("\n"),
  "grouped giant numbers": (_r, n) => `Russia handed over ${"999,".repeat(Math.ceil(n / 4))}999 bodies, the ministry said.`,
  "1e308 and friends": () => "Ukraine returned 1e308 prisoners. Russia freed 1.7976931348623157e308 soldiers. 9007199254740993 bodies came back. Infinity POWs, NaN captives, -0 civilians and 0x1F4 soldiers were exchanged.",
  "number words that multiply": (_r, n) => `Ukraine returned a ${"hundred ".repeat(Math.min(400, Math.ceil(n / 8)))}prisoners and ${"a million ".repeat(20)}bodies, officials said.`,
  "scaled decimals": () => "Ukraine got back 99999999999999999999.5 million prisoners and 1.5 thousand bodies; 123456789012345678901234567890.1 thousand soldiers came home.",
  "direction overrides": (r) => CLAIM.map((c) => c.replace(/\d+/g, (d) => `\u202e${d}\u202c\u2067${d}\u2069`)).join(r() < 0.5 ? " " : "\n"),
  "zero-width and combining": (_r, n) => CLAIM.map((c) => [...c].map((ch) => ch + (/\d/.test(ch) ? "\u200b\u200d\ufeff" : "\u0301\u0308\u20dd")).join("")).join("\n").repeat(Math.max(1, Math.ceil(n / 2000))),
  "lone surrogates": (r, n) => CLAIM.map((c) => c.replace(/ /g, () => (r() < 0.3 ? (r() < 0.5 ? "\ud800" : "\udfff") : " "))).join("\n").repeat(Math.max(1, Math.ceil(n / 400))),
  "NUL bytes": (_r, n) => CLAIM.join("\u0000\n").repeat(Math.max(1, Math.ceil(n / 400))),
  "HTML and script": (_r, n) => `<html><head><script>alert("95 prisoners")</script><style>p{}</style></head><body>${CLAIM.map((c) => `<p onclick="x()">${c}</p>`).join("").repeat(Math.max(1, Math.ceil(n / 700)))}<!-- 300 -->${"<div>".repeat(500)}</body></html>`,
  "repeated numbers": (_r, n) => `Ukraine returned ${"95 ".repeat(Math.ceil(n / 3))}prisoners.`,
  "repeated formulas": (_r, n) => `The sides agreed ${"1,000-for-1,000 and ".repeat(Math.ceil(n / 20))}the 50-50 formula.`,
  "repeated teaser lines": (r, n) => Array.from({ length: Math.ceil(n / 60) }, (_, i) => `Breaking story number ${i} ${Math.floor(r() * 1e6)} about prisoners of war...`).join("\n"),
  "many short lines": (_r, n) => "95\n1,000\n#12\nReply\n".repeat(Math.ceil(n / 20)),
  "many full stops": (_r, n) => `Mr. Dr. St. Gen. ${"A. B. C. 1. 2. ".repeat(Math.ceil(n / 15))}Ukraine returned 95 prisoners.`,
  "many dates": (_r, n) => `On ${"24 May 2025, June 12, 2025-06-20, ".repeat(Math.ceil(n / 36))}Ukraine returned 95 prisoners.`,
  "many attributions": (_r, n) => `${"Zelensky said, Yermak said, according to the ministry, ".repeat(Math.ceil(n / 56))}Ukraine returned 95 prisoners.`,
  "whitespace only and controls": (r, n) => Array.from({ length: n }, () => " \t\r\n\u000b\u000c\u0085\u00a0\u2028\u2029\u3000"[Math.floor(r() * 12)]).join(""),
  "mutated article": (r) => {
    const base = CLAIM.join(" ");
    const bits = ["\u0000", "\ud800", "\u202e", "\u200b", "“", "(", "1e308", "9".repeat(400), "<script>", "...", "\n", "-for-", ","];
    let t = base;
    for (let k = 0; k < 20; k++) {
      const at = Math.floor(r() * t.length);
      t = t.slice(0, at) + bits[Math.floor(r() * bits.length)]! + t.slice(at);
    }
    return t;
  },
};

/**
 * Shapes whose time grows faster than their length in Claims.ts (a scan of the whole rest of the
 * sentence for each number: see docs/reliability.md): the generator keeps them to 20 KB, so that the
 * suite stays bounded; the others get the megabyte inputs.
 */
export const superlinear = new Set(["one long sentence", "huge single line", "repeated numbers", "repeated formulas", "many dates", "HTML and script", "random bytes", "many full stops", "many attributions"]);

/** `count` hostile articles, cycling through the shapes with random sizes (a few of about 1 MB). */
export const generate = (count: number, seed: number): Hostile[] => {
  const r = random(seed);
  const names = Object.keys(shapes);
  const out: Hostile[] = [];
  for (let i = 0; i < count; i++) {
    const shape = names[i % names.length]!;
    // Mostly small; one in 100 medium (about 20 KB); one in 2,000 about 1 MB where the shape allows it.
    const big = i % 2000 === 1999 ? 1_000_000 : i % 100 === 99 ? 20_000 : 30 + Math.floor(r() * 800);
    const size = superlinear.has(shape) ? Math.min(big, 20_000) : big;
    out.push({ shape, text: shapes[shape]!(r, size) });
  }
  return out;
};
