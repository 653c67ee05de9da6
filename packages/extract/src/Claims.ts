/**
 * From sentences to claims. Each number mention is classified by what it
 * counts (people, civilians, bodies; or something else, which yields no
 * claim), whether it was agreed, held or returned, whether it is one event or
 * a running total, whose people it is about, when, and who said it.
 * Explicit non-figures ("did not say how many") become undisclosed claims.
 */
import { Claimant, Quantity as Q } from "@factledger/core";
import type { ClaimFields } from "@factledger/core";
import * as Attribution from "./Attribution.ts";
import * as Dates from "./Dates.ts";
import * as Numbers from "./Numbers.ts";
import { otherParty, partyOf } from "./Parties.ts";
import type { Sentence } from "./Sentences.ts";
import { insideQuotes } from "./Sentences.ts";

/** A claim as the extractor reads it, before it gets an id. */
export interface Draft {
  readonly metric: string;
  readonly direction: string;
  readonly kind: "event" | "cumulative" | "target" | "stock";
  readonly value: number | null;
  readonly qualifier: Q.Qualifier;
  readonly lo: number;
  readonly hi: number | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly attributedTo: string;
  readonly reportedVia: string | null;
  readonly evidence: { readonly start: number; readonly end: number; readonly text: string };
  /** Where the figure itself stands in the text (for ids and tests). */
  readonly at: number;
  readonly agreement?: ClaimFields["agreement"];
  readonly commitment?: ClaimFields["commitment"];
  readonly group?: ClaimFields["group"];
  readonly dateSource?: ClaimFields["dateSource"];
}

/** What the claims of one article are read against. */
export interface Context {
  readonly publishedAt: string | null;
  /** Who stands behind an unattributed figure: the outlet or wire agency. */
  readonly voice: string;
}

type Category = "persons" | "soldiers" | "civilians" | "bodies";

const PERSON = /^(?:ukrainians|russians|prisoners?|pows?|captives?|servicem[ae]n|servicewomen|members|soldiers?|personnel|people|persons|individuals|defenders|warriors|detainees|hostages|citizens|fighters|marines|sailors|officers|men|women|children|wounded|military|troops?)$/;
const SKIP = /^(?:more|of|our|its|their|the|these|those|other|others|additional|another|fallen|dead|slain|killed|deceased|wounded|seriously|severely|ill|sick|captured|freed|released|detained|young|elderly|ukrainian|russian|ukraine's|russia's|service|military|war|prisoner|pow|and|civilian|of|war's|national|guard|border|navy|army|armed|forces|seriously-wounded)$/;
const NOT_CAPTIVES = /^(?:troops?|km|kilomet\w*|miles?|metres?|meters?|%|percent|per|years?|year-old|months?|weeks?|days?|hours?|minutes?|times|aircraft|drones?|missiles?|tanks?|regions?|villages?|towns?|settlements?|dollars?|euros?|rubles?|hryvnias?|billion|million|attacks?|strikes?|shells?|injured|killed|casualties)$/;

const FUNCTION_WORDS = /^(?:so|in|have|has|had|were|was|are|is|be|been|and|but|or|while|to|from|on|at|by|with|for|as|who|that|which|will|would|could|should|may|might|were|than|this|since|during|after|before|until|when|whom|now|already|still|also|only|just|each|apiece|per|back|home|out)$/;
const RETURN = /\b(?:return\w*|brought (?:home|back)|bring\w* (?:home|back)|releas\w*|freed|free|exchang\w*|swap\w*|hand\w* over|transferr?\w*|repatriat\w*|c[oa]me home|coming home|receiv\w*|got back|get back|recover\w*|handover|in return)\b/i;
const TARGET = /\b(?:agree[sd]?|agreement|deal|pledged?|promised?|formula|ready to|prepared to|willing to|will (?:hand over|return|exchange|swap|release|transfer)|plans? to|to be (?:exchanged|swapped|released|returned|handed over))\b/i;
// Said of the figure itself: it is still to happen ("would be handed over", "are due to be freed").
const FUTURE = /\b(?:would|will|shall|could)\s+(?:also\s+)?be\s+(?:handed over|returned|exchanged|swapped|released|freed|transferred|repatriated)|\b(?:are|is)\s+(?:due|set|expected|scheduled|going)\s+to\s+be\b|\bin the coming (?:days|weeks)\b/i;
const SUBJECT_RECEIVES = /\b(Russia|Ukraine|Moscow|Kyiv|Kiev)\s+(?:has\s+|have\s+|had\s+|also\s+|just\s+|now\s+)*(?:received|got back|brought home|brought back|recovered|repatriated|welcomed|took back)\b/i;
const SUBJECT_GIVES = /\b(Russia|Ukraine|Moscow|Kyiv|Kiev)\s+(?:has\s+|have\s+|had\s+|also\s+|just\s+|now\s+)*(?:handed over|returned|released|freed|transferred|sent back|gave back)\b/i;
const SOLDIERLY = /^(?:soldiers?|servicem[ae]n|servicewomen|military|troops?|marines|sailors|officers|fighters|defenders|warriors)$/i;
const SPLIT = /\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)\s+(?:\w+\s+)?civilians?\b/i;
const TALKS = /\b(?:talks|meeting|negotiations|summit|round|agreed|agreement|deal|memorandum)\b/i;
const HELD = /\b(?:holding|holds|held captive|held in captivity|are held|is held|being held|remain (?:in captivity|captive)|still in captivity|in (?:russian|ukrainian) captivity|detaining|are detained|in custody|imprisoned|held by)\b/i;
const CUMULATIVE = /\b(?:so far|in total|a total of|to date|altogether|in all|overall|since the (?:start|beginning)|these (?:\w+ )?days|these exchanges|over the past|thus far|as of|by now|cumulative)\b/i;
const PERFECT = /\b(?:have|has|'ve)\s+(?:also\s+|already\s+|now\s+|so far\s+)?(?:been\s+)?(?:return|releas|brought|freed|repatriat|exchang|swapp|receiv|handed|transferr|come)\w*/i;
const EVENT_CUE = /\b(?:phase|stage|round|today|latest|also|yesterday|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;
const HABITUAL = /\b(?:usually|typically|normally|on average|often|generally|each time)\b/i;
const EACH = /^[^.;]{0,30}?\b(?:each|on each side|per side|from each side|apiece)\b/i;
const RECEIVE = /\b(?:receiv\w*|got back|get back|brought (?:home|back)|c[oa]me home|welcomed|in return)\b/i;
const GIVE = /\b(?:releas\w*|freed|hand\w* over|handed|transferr?\w*|(?:have|has|had|we|they)\s+(?:already\s+)?returned|return(?:ed)? the)\b/i;
const UNDISCLOSED =
  /\b(?:(?:did not|didn't|would not|declined to|not|without|neither side)\s+(?:say|said|saying|giving|give|gave|specify|specifying|specified|disclose|disclosed|disclosing|reveal|revealed|revealing)\s+(?:how many|the number|a number|the exact number|any figures?|the figures?|numbers)|(?:an\s+)?(?:undisclosed|unspecified|unknown)\s+number\s+of)\b/i;

const categoryOfWord = (w: string): Category | "other" | null => {
  const lw = w.toLowerCase();
  if (/^(?:bodies|remains|corpses|dead)$/.test(lw)) return "bodies";
  if (/^civilians?$/.test(lw)) return "civilians";
  if (NOT_CAPTIVES.test(lw)) return "other";
  if (PERSON.test(lw)) return "persons";
  return null;
};

const wordsIn = (s: string): Array<{ w: string; at: number }> => [...s.matchAll(/[\p{L}%][\p{L}’'-]*/gu)].map((m) => ({ w: m[0], at: m.index! }));

/** What the words right after a number count; null when nothing is named there. */
const nounAfter = (after: string): { category: Category | "other" | null; end: number } => {
  const words = wordsIn(after).slice(0, 7);
  for (const { w, at } of words) {
    if (at > 60) break;
    if (/[.;:!?,"“”]/.test(after.slice(0, at))) break;
    const c = categoryOfWord(w);
    if (c !== null) return { category: c, end: at + w.length };
    if (SKIP.test(w.toLowerCase())) continue;
    // A function word or verb right after the number: nothing is named ("500 so far", "174 have returned").
    if (FUNCTION_WORDS.test(w.toLowerCase())) return { category: null, end: 0 };
    return { category: "other", end: at + w.length };
  }
  return { category: null, end: 0 };
};

/** The nearest captive noun in a phrase (for formulas written away from their noun). */
const nearestNoun = (text: string, at: number): Category | null => {
  let best: { c: Category; d: number } | null = null;
  for (const { w, at: i } of wordsIn(text)) {
    const c = categoryOfWord(w);
    if (c === null || c === "other") continue;
    const d = Math.abs(i - at);
    const bodies = c === "persons" && /\b(?:bodies|remains)\s+of\s+(?:\w+\s+){0,2}$/i.test(text.slice(0, i));
    if (best === null || d < best.d) best = { c: bodies ? "bodies" : c, d };
  }
  return best?.c ?? null;
};

interface Antecedent {
  readonly sentence: number;
  readonly paragraph: number;
  readonly quote: number | null;
  readonly category: Category;
  readonly nationality: string | null;
}

const metricOf = (category: Category, kind: Draft["kind"]): string =>
  kind === "target" ? (category === "bodies" ? "bodies_agreed" : "prisoners_agreed")
  : kind === "stock" ? "held_captive"
  : category === "bodies" ? "bodies_returned"
  : category === "civilians" ? "civilians_returned"
  : category === "soldiers" ? "soldiers_returned"
  : "prisoners_returned";

const PREP_EXCLUDED = new Set(["until", "till", "since", "before", "after", "from"]);

/** Reads every claim of an article's sentences. */
export const extract = (sentences: readonly Sentence[], ctx: Context): Draft[] => {
  const memory = new Attribution.SpeakerMemory();
  const statementDates = new Map<string, string>();
  type Attributed = { speaker: Attribution.Speaker | null; date: Dates.Resolved | null; undated: boolean };
  const perSentence: Array<{ outside: boolean[]; speakers: Array<{ s: Attribution.Speaker; resolved: Attribution.Speaker | null; date: Dates.Resolved | null; undated: boolean }>; dates: Dates.DateMention[] }> = [];
  const quoteSpeaker = new Map<number, Attributed>();

  // Pass 1: who speaks where, and when each statement was made.
  sentences.forEach((s, i) => {
    const inside = insideQuotes(s);
    const outside = inside.map((x) => !x);
    const dates = Dates.find(s.text);
    const speakers = Attribution.find(s.text, outside).map((sp) => {
      const resolved = memory.resolve(sp, s.text);
      const near = dates.find((d) => d.start >= sp.verbEnd && d.start - sp.verbEnd <= 45 && outside[d.start]);
      const date = near === undefined ? null : Dates.resolve(near, ctx.publishedAt);
      const undated = near !== undefined && near.expr._tag === "Period";
      if (resolved !== null) {
        memory.remember(resolved);
        if (date !== null && !undated) statementDates.set(Claimant.key(resolved.name), date.to);
      }
      return { s: sp, resolved, date: undated ? null : date, undated };
    });
    perSentence.push({ outside, speakers, dates });
    if (s.quote !== null && !quoteSpeaker.has(s.quote)) {
      const first = speakers.find((x) => x.resolved !== null);
      if (first !== undefined) quoteSpeaker.set(s.quote, { speaker: first.resolved, date: first.date, undated: first.undated });
      else if (i > 0 && /:\s*$/.test(sentences[i - 1]!.text.split(/[“"‘]/)[0] ?? "")) {
        const prev = perSentence[i - 1]!.speakers.find((x) => x.resolved !== null);
        if (prev !== undefined) quoteSpeaker.set(s.quote, { speaker: prev.resolved, date: prev.date, undated: prev.undated });
      }
    }
  });

  const drafts: Draft[] = [];
  const antecedents: Antecedent[] = [];
  let discourse: string | null = null;
  let talksDate: string | null = null;

  sentences.forEach((s, i) => {
    const { outside, speakers, dates } = perSentence[i]!;
    const text = s.text;
    const lower = text.toLowerCase();
    const evidence = { start: s.start, end: s.end, text };
    const habitual = HABITUAL.test(text);

    const speakerAt = (at: number): { name: string; via: string | null; date: string | null; undated: boolean } => {
      const quoted = !(outside[at] ?? true) && s.quote !== null;
      if (quoted) {
        const q = quoteSpeaker.get(s.quote!);
        if (q?.speaker != null) {
          const key = Claimant.key(q.speaker.name);
          return { name: q.speaker.name, via: q.speaker.via, date: q.date?.to ?? (q.undated ? null : (statementDates.get(key) ?? null)), undated: q.undated };
        }
      }
      const candidates = speakers.filter((x) => x.resolved !== null);
      const before = [...candidates].reverse().find((x) => x.s.start <= at);
      const chosen = before ?? candidates[0];
      if (chosen?.resolved == null) return { name: ctx.voice, via: null, date: null, undated: false };
      const key = Claimant.key(chosen.resolved.name);
      return { name: chosen.resolved.name, via: chosen.s.via ?? chosen.resolved.via, date: chosen.date?.to ?? statementDates.get(key) ?? null, undated: chosen.undated };
    };

    const dateFor = (at: number, kind: Draft["kind"], who: { date: string | null; undated: boolean }): Dates.Resolved | null => {
      const quoted = !(outside[at] ?? true);
      const usable = dates.filter((d) => !PREP_EXCLUDED.has(d.preposition) && (outside[d.start] ?? true) !== quoted);
      const reference = who.date ?? ctx.publishedAt;
      const nearest = [...usable].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
      if (nearest !== undefined && !(quoted === false && speakers.some((sp) => nearest.start >= sp.s.verbEnd && nearest.start - sp.s.verbEnd <= 45) && kind !== "event" && kind !== "stock")) {
        const r = Dates.resolve(nearest, reference);
        if (r !== null) return r;
      }
      if (who.date !== null) return { from: who.date, to: who.date };
      if (who.undated && kind !== "cumulative" && kind !== "stock") return null;
      if (kind === "cumulative" || kind === "stock") return ctx.publishedAt === null ? null : { from: ctx.publishedAt, to: ctx.publishedAt };
      if (quoted) return null;
      // An agreement is dated by the talks it came from; an event by the day the story is about.
      const fallback = kind === "target" ? talksDate : discourse;
      return fallback === null ? null : { from: fallback, to: fallback };
    };

    const push = (d: Omit<Draft, "lo" | "hi" | "evidence">) => {
      const i2 = Q.fromReported(d.value, d.qualifier, d.kind === "event");
      drafts.push({ ...d, lo: i2.lo, hi: i2.hi, evidence });
    };

    const place = (kind: Draft["kind"], r: Dates.Resolved | null): { validFrom: string | null; validTo: string | null } =>
      r === null ? { validFrom: null, validTo: null } : kind === "cumulative" ? { validFrom: null, validTo: r.to } : kind === "stock" ? { validFrom: r.to, validTo: r.to } : { validFrom: r.from, validTo: r.to };

    if (!habitual) {
      for (const m of Numbers.find(text)) {
        const before = text.slice(Math.max(0, m.start - 60), m.start);
        const after = text.slice(m.end);
        if (/\b(?:age|aged|ages)\b[^,.;]{0,12}$/i.test(before) || /\b(?:youngest|oldest)\b/i.test(lower)) continue;
        const split = SPLIT.test(text) && /\b(?:\d[\d,]*|\w+)\s+(?:\w+\s+)?(?:soldiers?|servicem[ae]n|military)\b/i.test(text);
        // "include 27 soldiers who ..." is a subset of a figure given elsewhere; "included 76 soldiers and eight civilians" splits it.
        if (/\b(?:include[sd]?|including|among them|among whom)\s+$/i.test(before) && !split) continue;

        // "Of them, 526 are civilians": a part of the figure just given, with its kind, direction and date.
        const partitive = /\b(?:of them|of those|among them|of whom),?\s+$/i.exec(before);
        const predicate = /^\s+(?:are|were|was|is)\s+(?:\w+\s+)?(civilians?|soldiers?|servicem[ae]n|military)\b/i.exec(after);
        if (partitive !== null && predicate !== null && drafts.length > 0) {
          const whole = drafts.at(-1)!;
          const part: Category = /civilian/i.test(predicate[1]!) ? "civilians" : "soldiers";
          if (whole.kind !== "target" && whole.kind !== "stock") {
            push({ ...whole, metric: metricOf(part, whole.kind), value: m.value, qualifier: m.qualifier, at: s.start + m.start });
            continue;
          }
        }
        let category: Category | null = null;
        let nationality: string | null = null;
        let elliptical = false;
        const noun = nounAfter(after);
        if (m.formula) category = nearestNoun(text, m.start);
        else if (/\b(?:bodies|remains)\s+of\s+(?:an?\s+|the\s+)?(?:additional\s+|another\s+|more\s+)?$/i.test(before)) category = "bodies";
        else if (noun.category === "other") continue;
        else if (noun.category !== null) {
          category = noun.category;
          const nounWord = after.slice(0, noun.end).trim().split(/\s+/).pop() ?? "";
          if (category === "persons" && split && SOLDIERLY.test(nounWord)) category = "soldiers";
          const phrase = text.slice(Math.max(0, m.start - 25), m.end + noun.end);
          if (category === "persons" && /\b(?:bodies|remains)\s+of\b/i.test(text.slice(Math.max(0, m.start - 25), m.start))) category = "bodies";
          nationality = partyOf(text.slice(m.start, m.end + noun.end)) ?? (/\bof (?:fallen |dead )?(?:ukrainian|russian)\b/i.test(phrase) ? partyOf(phrase) : null);
        } else if (/^\s*(?:more|others|so far|in return|each|--|—|-|,|\.|;|$|have|has|were|was|of them|are|had)/i.test(after)) {
          const ante = [...antecedents].reverse().find((a) => a.sentence === i || (a.sentence >= i - 2 && a.paragraph === s.paragraph) || (s.quote !== null && a.quote === s.quote));
          if (ante === undefined) continue;
          category = ante.category;
          nationality = ante.nationality;
          elliptical = true;
        }
        if (category === null) continue;
        antecedents.push({ sentence: i, paragraph: s.paragraph, quote: s.quote, category, nationality });

        // What happened to them: agreed, held, or returned; one event or a running total.
        const clauseStart = Math.max(0, ...[";", " — ", " – ", " -- ", ", while ", ", but ", ", of whom "].map((b) => text.lastIndexOf(b, m.start)));
        const ends = [", of whom", ", while", ", but", ";", " — ", " – ", " -- ", ", and "].map((b) => text.indexOf(b, m.end)).filter((x) => x >= 0);
        const clause = text.slice(clauseStart, Math.min(m.end + 80, ...ends));
        const lead = text.slice(clauseStart, m.start);
        let kind: Draft["kind"];
        if (m.formula ? TARGET.test(text) : TARGET.test(lead) || FUTURE.test(clause)) kind = "target";
        else if (m.formula) continue; // a deal named in passing ("after the 1,000-for-1,000 exchange is complete")
        else if (HELD.test(clause) && !RETURN.test(clause.replace(HELD, ""))) kind = "stock";
        else if (RETURN.test(clause) || (split && /\b(?:prisoners|pows|captives|those (?:freed|released|exchanged|returned))\b[^.]*\binclud/i.test(text))) {
          // Present perfect with no day, phase or "also" tying it to one exchange reads as a running total.
          const upTo = text.slice(0, m.end + 80);
          const datedHere = dates.some((d) => (outside[d.start] ?? true) === (outside[m.start] ?? true) && d.expr._tag !== "Period" && !PREP_EXCLUDED.has(d.preposition));
          kind = CUMULATIVE.test(text) || (PERFECT.test(upTo) && !EVENT_CUE.test(clause) && !datedHere) ? "cumulative" : "event";
        }
        else continue;

        const who = speakerAt(m.start);
        const speakerParty = partyOf(who.name);
        // Whose people, in order of evidence: N-for-N or "each"; a nationality; a destination; the verb and the speaker.
        let direction: string | null = null;
        if (m.formula || EACH.test(after)) direction = "each_side";
        const verbBefore = (re: RegExp) => re.test(lead.slice(-60));
        // The verb nearest before the figure says who got them: "released 500 -- received back 400".
        const lastAt = (re: RegExp) => Math.max(-1, ...[...lead.slice(-60).matchAll(new RegExp(re.source, "gi"))].map((x) => x.index!));
        const receives = lastAt(RECEIVE) > lastAt(GIVE);
        if (direction === null && elliptical && speakerParty !== null && (verbBefore(RECEIVE) || verbBefore(GIVE)))
          direction = receives ? speakerParty : otherParty(speakerParty);
        if (direction === null && nationality === null && split) {
          const whose = /\b(Ukrainian|Russian)\s+(?:prisoners|pows|captives|detainees)\b/i.exec(text);
          if (whose !== null) nationality = partyOf(whose[1]!);
        }
        if (direction === null && nationality !== null) direction = nationality;
        if (direction === null) {
          // "Ukraine has repatriated the bodies of ...", "Russia received the remains of 19 of its soldiers".
          const gets = [...lead.matchAll(new RegExp(SUBJECT_RECEIVES.source, "gi"))].at(-1);
          const gives = [...lead.matchAll(new RegExp(SUBJECT_GIVES.source, "gi"))].at(-1);
          if (gets !== undefined && (gives === undefined || gets.index! > gives.index!)) direction = partyOf(gets[1]!);
          else if (gives !== undefined) direction = otherParty(partyOf(gives[1]!) ?? "");
        }
        if (direction === null && /\bour (?:people|citizens|soldiers|defenders|servicemen|heroes)\b/i.test(text.slice(m.start, m.end + 30)) && speakerParty !== null) direction = speakerParty;
        if (direction === null) {
          const dest = /\b(?:to|home to|back to|in|into)\s+(Ukraine|Kyiv|Kiev|Russia|Moscow)\b/.exec(after.slice(0, 80));
          const from = /\bfrom\s+(Russian|Ukrainian)\s+captivity\b|\bfrom\s+(Ukraine|Russia)\b/.exec(after.slice(0, 80));
          if (dest !== null) direction = partyOf(dest[1]!);
          else if (from !== null) direction = otherParty(partyOf(from[0]) ?? "");
        }
        if (direction === null && speakerParty !== null) {
          if (receives || /^\s*(?:\w+\s+){0,4}(?:have|has|were)?\s*(?:been\s+)?(?:brought|come|came|returned)\s+home\b/i.test(after)) direction = speakerParty;
          else if (verbBefore(GIVE)) direction = otherParty(speakerParty);
        }
        if (direction === null && kind === "stock") direction = null;
        if (direction === null && /\b(?:exchange|swap)\s+of\s+$/i.test(before)) direction = "total";
        if (direction === null) continue;
        const dirName = direction === "each_side" || direction === "total" ? direction : `to_${direction}`;

        const r = dateFor(m.start, kind, who);
        if (kind === "event" && r !== null && !(outside[m.start] === false)) discourse = r.to;
        push({
          metric: metricOf(category, kind),
          direction: dirName,
          kind,
          value: m.value,
          qualifier: m.qualifier,
          ...place(kind, r),
          attributedTo: who.name,
          reportedVia: who.via,
          at: s.start + m.start,
        });
      }
    }

    // "Neither side said how many": a figure that exists but was not given.
    const und = UNDISCLOSED.exec(text);
    if (und !== null && !habitual) {
      const category: Category | null = /\b(?:bodies|remains)\b/i.test(text) ? "bodies" : /\b(?:prisoners?|pows?|captives?|servicem[ae]n|soldiers?|personnel|people|detainees)\b/i.test(text) ? "persons" : null;
      if (category !== null) {
        const who = speakerAt(und.index);
        const whose = /\b(Ukrainian|Russian)\s+(?:\w+\s+){0,2}(?:prisoners?|pows?|captives?|servicem[ae]n|soldiers?|personnel|troops|citizens|civilians)\b/i.exec(text);
        const direction = /\b(?:neither side|both sides|swap|exchange|each)\b/i.test(text) || whose === null ? "each_side" : `to_${partyOf(whose[1]!)!}`;
        const r = dateFor(und.index, "event", { date: null, undated: false });
        if (r !== null && outside[und.index] !== false) discourse = r.to;
        push({
          metric: category === "bodies" ? "bodies_returned" : "prisoners_returned",
          direction,
          kind: "event",
          value: null,
          qualifier: "undisclosed",
          ...place("event", r),
          attributedTo: who.name === ctx.voice && /^\s*neither side/i.test(text) ? ctx.voice : who.name,
          reportedVia: who.via,
          at: s.start + und.index,
        });
      }
    }

    // Dates said in plain narration ("on May 23") carry to the next sentences that give none.
    if (s.quote === null || outside.every((x) => x)) {
      const on = dates.filter((d) => d.preposition === "on" && (outside[d.start] ?? true) && d.expr._tag !== "Period");
      const last = on.at(-1);
      if (last !== undefined) discourse = Dates.resolve(last, ctx.publishedAt)?.to ?? discourse;
      if (last !== undefined && TALKS.test(text)) talksDate = Dates.resolve(last, ctx.publishedAt)?.to ?? talksDate;
    }
  });

  // The same figure said twice by the same claimant in one article is one claim.
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const k = [d.metric, d.direction, d.kind, d.value, d.qualifier, d.validFrom, d.validTo, Claimant.key(d.attributedTo)].join("|");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};
