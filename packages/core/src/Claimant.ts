/**
 * Who made a statement, as a comparable key. Independence is counted per
 * claimant, and outlets spell the same claimant many ways ("Russia's Defense
 * Ministry", "the Russian ministry for defence"; "Zelenskiy", "President
 * Volodymyr Zelensky"). The key folds those spellings; the display name stays
 * as reported.
 */

const TITLES = new Set([
  "the", "mr", "mrs", "ms", "dr", "president", "presidential", "leader", "minister", "prime", "chief", "head",
  "spokesman", "spokeswoman", "spokesperson", "official", "officials", "deputy", "ombudsman",
]);

const SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bdefense\b/g, "defence"],
  [/\bministry (?:of|for) (?:the )?defence\b/g, "defence ministry"],
  [/\brussian\b/g, "russia"],
  [/\bukrainian\b/g, "ukraine"],
  [/\bzelenskiy\b|\bzelenskyy\b|\bzelenskyi\b/g, "zelensky"],
  [/\bcoordination\b/g, "coordinating"],
  [/\bprisoners of war\b/g, "pows"],
  [/\bpow\b/g, "pows"],
];

const INSTITUTIONS = new Set([
  "ministry", "headquarters", "office", "agency", "service", "media", "government", "authorities", "forces", "army", "military",
  "kremlin", "side", "council", "committee", "commission", "staff", "command", "department", "administration", "parliament",
  "news", "press", "ukraine", "russia", "commissioner", "guard", "navy", "rights", "state", "officials", "sources", "outlet", "france",
]);

const cache = new Map<string, string>();

/** The comparison key of a claimant's name (memoised: a ledger has few distinct names and many claims). */
export const key = (name: string): string => {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const k = computeKey(name);
  if (cache.size > 50_000) cache.clear();
  cache.set(name, k);
  return k;
};

const computeKey = (name: string): string => {
  let s = name.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  s = s.replace(/['’]s\b/g, "").replace(/[^a-z0-9 ]+/g, " ");
  for (const [re, to] of SPELLINGS) s = s.replace(re, to);
  let words = s.split(/\s+/).filter((w) => w.length > 0 && !TITLES.has(w));
  // "Ukrainian President Volodymyr Zelensky": a nationality before a person's name is not part of it.
  if (words.length >= 2 && (words[0] === "ukraine" || words[0] === "russia") && !words.slice(1).some((w) => INSTITUTIONS.has(w))) words = words.slice(1);
  // A person is known by surname: "Volodymyr Zelensky", "Mr Zelenskiy" and "Zelensky" are one claimant.
  // Institutions keep every word: "Russia defence ministry" is not "Ukraine defence ministry".
  const institutional = words.some((w) => INSTITUTIONS.has(w));
  if (!institutional && words.length >= 2 && words.length <= 3 && /^[A-Z]/.test(name.trim().split(/\s+/).at(-1) ?? "")) return surname(words.at(-1)!);
  if (!institutional && words.length === 1 && /^[A-Z]/.test(name.trim())) return surname(words[0]!);
  return words.join(" ");
};

/**
 * A surname's transliterations as one: the endings "-yy", "-yi", "-iy", "-ii" are "-y", and a "y" inside the name is
 * an "i" ("Medynskyi", "Medinsky"; "Syrskyi", "Syrsky"; "Zelenskyi", "Zelensky"). Only a comparison key: the name shown
 * stays as reported.
 */
const surname = (w: string): string => w.replace(/(?:yy|yi|iy|ii|ij)$/, "y").replace(/(?<=.)y(?=.)/g, "i");
