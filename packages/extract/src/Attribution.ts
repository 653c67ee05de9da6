/**
 * Who said it. Finds attributions in a sentence ("X said", "said X",
 * "according to X", "X did not say"), resolves references back to a named
 * speaker ("the ministry", "he", "the Russian leader"), and keeps nested
 * reporting ("the ministry said, Xinhua news agency reported") as a claimant
 * plus the channel it came through.
 */

const VERBS = "said|says|say|estimates|estimated|believes|announced|announces|reported|reports|told|confirmed|confirms|stated|states|added|adds|wrote|writes|noted|claimed|claims|posted|declared";
const ORG_NOUNS = new Set([
  "ministry", "headquarters", "office", "agency", "service", "media", "government", "authorities", "forces", "army",
  "military", "kremlin", "side", "council", "committee", "commission", "staff", "command", "department", "administration", "parliament", "ombudsman's",
]);
const GENERIC_HEADS = new Set(["ministry", "headquarters", "agency", "office", "leader", "president", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "side", "military", "army", "government", "statement", "ombudsman", "kremlin", "authorities", "commander"]);
const TITLES = new Set([
  "President", "president", "Prime", "prime", "Minister", "minister", "Foreign", "Defence", "Defense", "Mr", "Mrs", "Ms", "Dr",
  "Ombudsman", "ombudsman", "Deputy", "deputy", "Head", "head", "Chief", "chief", "Commander-in-chief", "commander-in-chief", "Commander",
  "Spokesman", "spokesman", "Spokeswoman", "spokeswoman", "Ukrainian", "Russian", "Ukraine's", "Russia's", "General", "Gen",
  "Aide", "aide", "Adviser", "adviser", "Advisor", "advisor", "Presidential", "presidential",
  "Commissioner", "commissioner", "Secretary", "secretary", "Envoy", "envoy", "Ambassador", "ambassador",
]);
const NP_WORD = /^(?:[A-Z][\w’'.-]*|of|for|the|and|de|defence|defense|ministry|headquarters|office|agency|service|media|state|news|government|authorities|forces|army|military|leader|side|president|spokesman|spokeswoman|spokesperson|official|officials|commander|staff|command|treatment|prisoners|war|pows|human|rights|commissioner|ombudsman|envoy|negotiator|representative|adviser|aide|secretary|chief|head|deputy|governor|mayor|intelligence|directorate|security|national|border|guard|foreign|interior|internal|affairs|coordination|coordinating)$/;
const NOT_A_SPEAKER = /^(?:on|in|at|that|as|if|when|while|but|because|although|so|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|earlier|later|last|this|next)$/i;

/** Places that stand before a name without being part of it. */
const PLACES = /^(?:Ukraine|Russia|Kyiv|Kiev|Moscow|Istanbul|Turkey|Türkiye|Turkiye|Belarus|UAE|Ankara|Geneva|Minsk)$/;

/** A speaker named or referred to in a sentence. */
export interface Speaker {
  /** As named, titles dropped for persons ("Volodymyr Zelensky", "Russian Defence Ministry"). */
  readonly name: string;
  readonly isPerson: boolean;
  /** Where the attribution stands in the sentence. */
  readonly start: number;
  readonly end: number;
  /** Where the attribution verb ends: a date right after it dates the statement. */
  readonly verbEnd: number;
  /** Only a reference ("he", "the ministry"): resolve it against earlier speakers. */
  readonly reference: boolean;
  /** The channel, for nested reporting ("Xinhua news agency"). */
  readonly via: string | null;
}

const cleanName = (words: string[]): { name: string; isPerson: boolean } => {
  while (words.length > 0 && /^(?:the|and|of|for|on)$/i.test(words[0]!)) words.shift();
  while (words.length > 0 && /^(?:the|and|of|for|on)$/i.test(words.at(-1)!)) words.pop();
  // "Kremlin aide Vladimir Medinsky", "Kremlin spokesman Dmitry Peskov": an institution before a title names a person's employer.
  // "the head of the President's office Andriy Yermak": an institution followed by a person's name (two capitalised
  // words that end the phrase) is that person's employer too.
  const personAfter = (i: number) => words.length - i - 1 >= 2 && words.slice(i + 1).every((w) => /^\p{Lu}[\p{L}’'-]+$/u.test(w) && !TITLES.has(w) && !ORG_NOUNS.has(w.toLowerCase()) && !PLACES.test(w));
  const isOrg = words.some((w, i) => (ORG_NOUNS.has(w.toLowerCase()) || /^(?:Headquarters|Ministry|Office|Agency|Service|Kremlin)$/.test(w)) && !(TITLES.has(words[i + 1] ?? "") && /^[A-Z]/.test(words.at(-1) ?? "")) && !personAfter(i));
  if (isOrg) return { name: words.join(" "), isPerson: false };
  // A person: keep the trailing run of capitalised words that are not titles ("talks with Ukraine Vladimir Medinsky": not the place).
  const name: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i]!;
    if (name.length > 0 && PLACES.test(w)) break;
    if (/^[A-Z]/.test(w) && !TITLES.has(w)) name.unshift(w);
    else if (name.length > 0) break;
  }
  // "Commissioner for Human Rights Dmytro Lubinets": the office's words before a person's name are no part of it.
  if (name.length >= 4 && name[0] === "Human" && name[1] === "Rights") name.splice(0, 2);
  return { name: (name.length > 0 ? name : words).join(" "), isPerson: name.length > 0 };
};

const wordsBefore = (text: string, end: number): { words: string[]; start: number } => {
  const words: string[] = [];
  let pos = end;
  const re = /([\w’'.-]+)\s*$/;
  for (;;) {
    // A window before `pos` is enough for one word; matching against the whole prefix would be quadratic.
    let from = Math.max(0, pos - 48);
    let m = re.exec(text.slice(from, pos));
    if (m !== null && m.index === 0 && from > 0) {
      from = 0; // the word may run past the window: look at the whole prefix
      m = re.exec(text.slice(0, pos));
    }
    if (m === null) break;
    const w = m[1]!.replace(/[.]$/, "");
    if (!NP_WORD.test(w) || NOT_A_SPEAKER.test(w) || words.length >= 12) break;
    words.unshift(w);
    pos = from + m.index;
  }
  return { words, start: pos };
};

const wordsAfter = (text: string, start: number): { words: string[]; end: number } => {
  const words: string[] = [];
  let pos = start;
  const re = /^\s*([\w’'-]+)/;
  for (;;) {
    const m = re.exec(text.slice(pos));
    if (m === null) break;
    const w = m[1]!;
    if (!NP_WORD.test(w) || NOT_A_SPEAKER.test(w) || words.length >= 12) break;
    words.push(w);
    pos += m[0].length;
  }
  return { words, end: pos };
};

const PRONOUN = /^(?:he|she|it|they)$/i;

const make = (words: string[], start: number, end: number, verbEnd: number, via: string | null): Speaker | null => {
  const lower = words.map((w) => w.toLowerCase());
  // "Neither side said how many", "Both sides reported": nobody in particular.
  if (/^(?:neither|both|each|either|all|no|none|nobody|the two|two)$/.test(lower[0] ?? "") || lower.join(" ").startsWith("the two")) return null;
  if (words.length === 1 && PRONOUN.test(words[0]!)) return { name: lower[0]!, isPerson: lower[0] !== "it", start, end, verbEnd, reference: true, via };
  const capitals = words.filter((w) => /^[A-Z]/.test(w) && !/^The$/.test(w));
  const head = lower.at(-1) ?? "";
  const { name, isPerson } = cleanName([...words]);
  if (name.length === 0) return null;
  // "the ministry", "the Russian leader": a reference, unless it names enough to stand alone.
  const properOrg = capitals.length >= 1 && ORG_NOUNS.has(head) && capitals.some((w) => !TITLES.has(w) || /^(?:Russian|Ukrainian|Russia's|Ukraine's)$/.test(w));
  // "Russian officials said", "Ukrainian authorities say": a side's officials, named by the side.
  if (/^(?:officials|authorities|sources|side|military|government)$/.test(head) && words.length === 2 && /^(?:Russian|Ukrainian)$/.test(words[0]!)) return { name: words.join(" "), isPerson: false, start, end, verbEnd, reference: false, via };
  if (GENERIC_HEADS.has(head) && !properOrg && !(isPerson && capitals.length > 0 && !TITLES.has(capitals.at(-1)!))) return { name: head, isPerson: !ORG_NOUNS.has(head), start, end, verbEnd, reference: true, via };
  if (capitals.length === 0) return null;
  return { name, isPerson, start, end, verbEnd, reference: false, via };
};

/** Attributions in a sentence, in order. `outside[i]` says whether character i is outside quotation marks. */
export const find = (text: string, outside: readonly boolean[]): Speaker[] => {
  const out: Speaker[] = [];
  const ok = (i: number) => outside[i] ?? true;
  // "X said", "X did not say".
  for (const m of text.matchAll(new RegExp(`\\b(${VERBS}|did not say|didn't say|did not specify|did not disclose|declined to say|would not say)\\b`, "g"))) {
    const at = m.index!;
    if (!ok(at)) continue;
    // "he said", "He also reported": a pronoun, with at most one adverb before the verb.
    const window = Math.max(0, at - 30);
    const pronoun = /\b(he|she|it|they)\s+(?:(?:also|later|further|then|previously|earlier|again|additionally|separately|recently|once)\s+)?$/i.exec(text.slice(window, at));
    if (pronoun !== null) {
      const s = make([pronoun[1]!], window + pronoun.index, at + m[0].length, at + m[0].length, null);
      if (s !== null) out.push(s);
      continue;
    }
    // "Dmytro Lubinets also said": an adverb between the name and the verb is not part of the name.
    // "Kyiv has said", "officials have also said": the auxiliary too.
    const adverb = /\s(?:(?:has|have|had)(?:\s+(?:also|previously|earlier|repeatedly|already))?|also|later|further|then|previously|earlier|again|additionally|separately|recently|once)\s+$/i.exec(text.slice(Math.max(0, at - 30), at));
    const before = wordsBefore(text, adverb === null ? at : at - adverb[0].length + 1);
    const via = null;
    // "... at the peace talks in Istanbul, said": a place after its preposition is not who spoke.
    const placeOnly = before.words.length === 1 && PLACES.test(before.words[0]!) && /\b(?:in|at|from|to|with|near)\s+$/i.test(text.slice(Math.max(0, before.start - 8), before.start));
    if (before.words.length > 0 && !placeOnly) {
      const s = make(before.words, before.start, at + m[0].length, at + m[0].length, via);
      if (s !== null) {
        out.push(s);
        continue;
      }
    }
    // "Ukraine's military intelligence agency, known as HUR, said": the subject before its apposition; so too
    // before a participle's phrase ("Vladimir Medinsky, leading the Russian delegation, said").
    const apposition = /,\s*(?:(?:also\s+)?known\s+as|which|the|a|an|its|his|her|[a-z]{2,}ing)\s+[^,;"“”.]{1,80},\s*$/i.exec(text.slice(Math.max(0, at - 120), at));
    if (apposition !== null) {
      const comma = Math.max(0, at - 120) + apposition.index;
      const subject = wordsBefore(text, comma);
      const s = subject.words.length === 0 ? null : make(subject.words, subject.start, at + m[0].length, at + m[0].length, null);
      if (s !== null) {
        out.push(s);
        continue;
      }
    }
    // "The head of the breakaway region of Donetsk, Denis Pushilin, confirmed": a name set off by commas after the office
    // it holds is the subject.
    const named = /,\s*((?:[A-Z][\w’'-]+\s+){1,3}[A-Z][\w’'-]+),\s*$/.exec(text.slice(Math.max(0, at - 80), at));
    if (named !== null) {
      const start = Math.max(0, at - 80) + named.index + named[0].indexOf(named[1]!);
      const s = make(named[1]!.split(/\s+/), start, at + m[0].length, at + m[0].length, null);
      if (s !== null) {
        out.push(s);
        continue;
      }
    }
    // "Vladimir Medinsky, who led the delegation at the talks in Istanbul, said": the subject before its relative clause.
    const relative = /((?:[A-Z][\w’'-]+\s+){0,3}[A-Z][\w’'-]+),?\s+who\s+[^.;"“”]{1,140}?,?\s*$/.exec(text.slice(Math.max(0, at - 200), at));
    if (relative !== null) {
      const start = Math.max(0, at - 200) + relative.index;
      const s = make(relative[1]!.split(/\s+/), start, at + m[0].length, at + m[0].length, null);
      if (s !== null) {
        out.push(s);
        continue;
      }
    }
    // "said the Russian defence ministry", "said Iryna Vereshchuk, a deputy head", "As reported by Saraliev".
    const by = /^\s+by\s+/.exec(text.slice(at + m[0].length));
    const after = wordsAfter(text, at + m[0].length + (by === null ? 0 : by[0].length));
    if (after.words.length > 0) {
      const s = make(after.words, at, after.end, after.end, null);
      if (s !== null) out.push(s);
    }
  }
  for (const m of text.matchAll(/\b(?:according to|citing|cited by|(?:estimates|figures|data) (?:cited|given|published) by)\s+/gi)) {
    const at = m.index!;
    if (!ok(at)) continue;
    // "According to him": the object pronoun points back like "he said".
    const object = /^(him|her|them)\b/i.exec(text.slice(at + m[0].length));
    if (object !== null) {
      const subject = ({ him: "he", her: "she", them: "they" } as Record<string, string>)[object[1]!.toLowerCase()]!;
      const end = at + m[0].length + object[0].length;
      const s = make([subject], at, end, end, null);
      if (s !== null) out.push(s);
      continue;
    }
    const after = wordsAfter(text, at + m[0].length);
    const s = make(after.words, at, after.end, after.end, null);
    if (s !== null && !/^(?:statement|report|reports|data|figures|sources)$/i.test(s.name)) out.push(s);
  }
  // Nested reporting: "..., the ministry said, Xinhua news agency reported."
  const nested = /,\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*\s+news agency|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)\s+reported\.?\s*$/.exec(text);
  if (nested !== null && out.length >= 2) {
    const channel = out.at(-1)!;
    const primary = out[out.length - 2]!;
    out.splice(out.length - 2, 2, { ...primary, via: channel.name });
  }
  return out.sort((a, b) => a.start - b.start);
};

/** Remembers named speakers to resolve references ("he", "the ministry") against. */
export class SpeakerMemory {
  private readonly named: Speaker[] = [];

  /** Records a named speaker. */
  remember(s: Speaker): void {
    if (!s.reference) this.named.push(s);
  }

  /** The named speaker a reference points to, if any; `sentence` lets "it" find a country named just before. */
  resolve(s: Speaker, sentence: string): Speaker | null {
    if (!s.reference) return s;
    const head = s.name.toLowerCase();
    if (head === "it") {
      const country = /\b(Russia|Ukraine|Moscow|Kyiv|Kiev)\b(?![\s\S]*\b(?:Russia|Ukraine|Moscow|Kyiv|Kiev)\b)/.exec(sentence.slice(0, s.start));
      if (country !== null) return { ...s, name: country[1]!, isPerson: false, reference: false };
      return [...this.named].reverse().find((n) => !n.isPerson) ?? null;
    }
    if (head === "he" || head === "she" || head === "they" || head === "leader" || head === "president") return [...this.named].reverse().find((n) => n.isPerson) ?? null;
    return [...this.named].reverse().find((n) => n.name.toLowerCase().includes(head)) ?? null;
  }
}
