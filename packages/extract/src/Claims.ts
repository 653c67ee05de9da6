/**
 * From sentences to claims. Every number mention is read in four steps, each a
 * small general rule over the words around it rather than a phrase list:
 *   1. what it counts: the head of the noun phrase after it ("45 service personnel",
 *      "the bodies of 94 Ukrainian defenders"), or the noun it refers back to ("500 so far");
 *   2. what happened to them: agreed or offered (a target), held (a stock), or returned;
 *      one event or a running total, and the window a total covers ("since the invasion");
 *   3. whose people: a nationality in the phrase, where they went or came from, the
 *      subject of the verb that governs the figure, the speaker, in that order;
 *   4. when, and who said it.
 * Explicit non-figures ("did not say how many") become undisclosed claims.
 */
import { Claim, Claimant, Quantity as Q } from "@factledger/core";
import type { ClaimFields } from "@factledger/core";
import * as Attribution from "./Attribution.ts";
import * as Dates from "./Dates.ts";
import * as Exchanges from "./Exchanges.ts";
import * as Numbers from "./Numbers.ts";
import * as Talks from "./Talks.ts";
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
  readonly agreement: ClaimFields["agreement"];
  readonly commitment: ClaimFields["commitment"];
  readonly group: ClaimFields["group"];
  readonly dateSource: ClaimFields["dateSource"];
  /** How precisely the day was read: 3 a stated date, 2 a weekday or relative day, 1 carried from the story, 0 the publication day. */
  readonly dateRank?: number;
}

/** What the claims of one article are read against. */
export interface Context {
  readonly publishedAt: string | null;
  /** Who stands behind an unattributed figure: the outlet or wire agency. */
  readonly voice: string;
  /** Today (`YYYY-MM-DD`): bounds the years an undated article's days can fall in. */
  readonly today?: string;
  /** Of an undated page, the month its address gives (`YYYY-MM`): bounds its days as an archive stamp's month does. */
  readonly month?: string | null;
}

type Category = "persons" | "soldiers" | "civilians" | "bodies";
type Kind = Draft["kind"];

// ------------------------------------------------------------------------------------------ vocabulary

/** "Of them, 526 are civilians": a figure told as one part of a whole by a predicate. */
const PART_PREDICATE = /^\s+(?:of them\s+|of whom\s+)?(?:are|were|was|is|being)\s+(?:\w+\s+)?(civilians?|soldiers?|servicem[ae]n|military(?: personnel)?|women|men|officers|children)\b/i;

/** Head nouns of the things counted, by category. Sub-groups (women, officers) are persons that are rarely a total. */
const BODY_HEADS = /^(?:bodies|body|remains|corpses|dead|fallen|deceased|killed)$/;
const CIVILIAN_HEADS = /^(?:civilians?|hostages)$/;
const SOLDIER_HEADS = /^(?:soldiers?|servicem[ae]n|servicewomen|service(?:men|women)?|members|personnel|military|troops?|defenders?|warriors?|fighters?|marines?|sailors?|seamen|guardsmen|guards|combatants?|pilots?|paratroopers?|militants?|mercenaries|conscripts?|occupiers|invaders|heroes|servicepeople|militaries|pows?|pow’s|pow's)$/;
const PERSON_HEADS = /^(?:prisoners?|captives?|people|men|persons|individuals|ukrainians|russians|citizens|detainees|nationals|compatriots|countrymen|residents|inhabitants|others|captured|evacuees)$/;
const SUBGROUP_HEADS = /^(?:women|children|kids|teenagers|minors|officers?|privates|sergeants|wounded|injured|foreigners|medics|doctors|chaplains|journalists|priests|volunteers|commanders|families|mothers|boys|girls|patients|teenager|seriously|severely)$/;
/** Words between a number and its head noun that do not end the phrase. */
const MODIFIERS = /^(?:more|other|additional|another|further|of|our|their|its|his|her|the|these|those|own|ukrainian|russian|ukraine['’]s|russia['’]s|captured|freed|released|detained|imprisoned|returned|exchanged|repatriated|abducted|deported|illegally|young|elderly|former|seriously|severely|badly|gravely|ill|sick|heavily|service|war|prisoner|prisoners|armed|forces|national|guard|border|navy|naval|army|air|force|territorial|defence|defense|special|operations|marine|military|civilian|state|regular|new|first|last|latest|total|fellow|male|female|dead|fallen|slain|killed|deceased|perished|wounded|injured|kidnapped|living|alive|surviving|brave|heroic|so-called|mostly|all|both|pow|captive|held|ukraine|russia|kursk|mariupol|azovstal|azov)$/;
const NOT_CAPTIVES = /^(?:km|kilomet\w*|miles?|metres?|meters?|%|percent|per|years?|year-old|years-old|months?|weeks?|days?|hours?|minutes?|times|aircraft|drones?|missiles?|tanks?|regions?|villages?|towns?|cities|settlements?|dollars?|euros?|rubles?|roubles?|hryvnias?|billion|attacks?|strikes?|shells?|casualties|rounds?|stages?|phases?|exchanges?|swaps?|cases?|points?|countries|nations|sides|vehicles|artillery|shahed\w*|uavs?|rockets?|bombs?|tonnes|tons|kg|homes|buildings|houses|apartments|children's|questions|letters|appeals|lists?|names|complaints|requests|applications|reports|sessions|meetings|rounds|talks|deaths|executions|mobilised|mobilized|recruits|troop|brigades?|battalions?|units?|divisions?|positions?|flights?|buses|trains|trucks|tons)$/;

const PREVIOUS_DEAL = /\b(?:final|last|concluding)\s+(?:prisoner\s+|POW\s+)?(?:exchange|swap|stage|phase)\b[^.;]{0,60}\b(?:previous(?:ly)?|earlier|prior|last round|previous round)\b[^.;]{0,40}\b(?:agreements?|agreed|deals?|talks|round)\b/i;
const SERIES_SIZE = /\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\d+(?:st|nd|rd|th))\s+(?:such\s+|large\s+|major\s+)?(?:swap|exchange|repatriation|handover|transfer)\s+(?:since|this year|in)\b[^.;]{0,40}\b(?:involving|of)\s+(?:(?:at least|more than|over|some)\s+)?$/i;
const PRISONER_WORD = /\b(?:prisoners?|POWs?|captiv\w*|free[ds]?|releas(?:e|ed|es))\b/i;
const BODY_WORD = /\b(?:bod(?:y|ies)|remains|corpses|fallen|deceased)\b/i;
const EXCHANGE_WORD = /\b(?:stage|round|phase|exchange|swap)\b/i;
const RETURN_VERB = /\b(?:return(?:ed|ing|s)?|obtain(?:ed|ing|s)?|free(?:d|ing)?|releas(?:e|ed|es|ing)|exchang(?:e|ed|es|ing)|swap(?:ped|ping|s)?|hand(?:ed|ing|s)? (?:over|back)|handover|transferr?(?:ed|ing|s)?|repatriat(?:ed|ing|ion|e|es)|c[oa]me home|coming home|went home|brought (?:home|back)|bring(?:ing)? (?:home|back)|retriev(?:e|ed|es|ing)|rescued?|liberat(?:ed|e|ing)|receiv(?:e|ed|es|ing)|got(?: back)?|get back|recover(?:ed|ing|y)?|secured? the (?:release|return)|reunited|trad(?:e|ed|es|ing)|sent back|delivered|took (?:away|back)|taken back)\b/i;
const NOMINAL_RETURN = /\b(?:(?:the )?(?:release|return|exchange|swap|transfer|repatriation|handover|liberation|retrieval) of)\s+(?:(?:the|some|an?|another|more than|over|at least|about|nearly|almost|around)\s+)*$/i;
/** A handover told without its giver: passive "were handed over", "ready for transfer", "arrived at the exchange area". */
const HANDED_BY_SPEAKER = /\b(?:(?:were|was|had been|have been|has been|are|is|will be|would be|to be)\s+(?:\w+\s+)?(?:handed\s+(?:over|back)|transferred|sent\s+back|delivered)|ready\s+(?:for|to\s+be)\s+(?:the\s+)?(?:transfer|handover|handed\s+over|transferred|exchange|repatriation)|arrived\s+(?:[\w-]+\s+){0,5}?(?:at|in|to)\s+(?:the\s+)?(?:designated\s+|agreed\s+)?(?:exchange|handover|transfer)\s+(?:area|point|site|zone|place))\b/i;
/** Staged for a handover, not yet handed over: "1,000 bodies were ready for transfer", "has arrived at the designated exchange area". */
const STAGED_AFTER = /^[^.;]{0,80}?\b(?:(?:were|was|are|is|are\s+now|stand)\s+(?:\w+\s+)?ready\s+for\s+(?:the\s+)?(?:transfer|handover|exchange|repatriation)|arrived\s+(?:[\w-]+\s+){0,5}?(?:at|in|to)\s+(?:the\s+)?(?:designated\s+|agreed\s+)?(?:exchange|handover|transfer)\s+(?:area|point|site|zone|place))\b/i;
const TARGET_CUE = /\b(?:ready\s+for\s+(?:the\s+)?(?:transfer|handover|exchange|repatriation)|agree[ds]?|agreeing|agreement|agreements|deal|accord|pledged?|promis(?:e|ed|es)|plan(?:s|ned)?|intend(?:s|ed)?|will|would|shall|ready to|prepared to|willing to|willingness to|readiness to|committed to|commits? to|commitment to|operation to|offer(?:s|ed|ing)?|propos(?:e|ed|al|es)|suggest(?:s|ed)?|lists? of|(?:handed|submitted|received|sent|gave)(?: \w+)? (?:a |the )?lists?|formula|memorandum|expected to|due to|set to|scheduled|(?:hopes?|hoping|expects?|expecting|prepar(?:es?|ing)|aims?|aiming|seeks?|seeking|wants?|wanting|intending|planning|looks? forward)\s+to|upcoming|in the coming|next (?:stage|phase|round)|could|to be (?:exchanged|swapped|released|returned|handed over|freed|transferred|repatriated)|negotiat\w*|talks on|reached (?:a|an) (?:agreement|deal))\b/i;
const OFFER_CUE = /\b(?:offer(?:s|ed|ing)?|propos(?:e|ed|al|es)|ready to|prepared to|willing to|willingness to|readiness to|(?:hopes?|hoping|expects?|expecting|prepar(?:es?|ing)|aims?|aiming|seeks?|seeking|wants?|wanting)\s+to|suggest(?:s|ed)?|lists? of|(?:handed|submitted|received|sent|gave)(?: \w+)? (?:a |the )?lists?|invit\w*)\b/i;
const FUTURE_AFTER = /^\s*(?:[\w’'-]+\s+){0,3}?(?:agreed|planned|promised|pledged|listed|slated|earmarked)\s+(?:in|for|under|to be)\b|^[^.;]{0,60}?\b(?:would|will|shall|could|are to|is to)\s+(?:also\s+|soon\s+|then\s+)?(?:be\s+)?(?:handed over|returned|exchanged|swapped|released|freed|transferred|repatriated|taken back|brought)|^[^.;]{0,30}?\b(?:are|is|were|was)\s+(?:due|set|expected|scheduled|going|planned)\s+to\b/i;
const HELD_CUE = /\b(?:held(?! (?:an?|another|the|its|their|talks|consultations|negotiations)\b)|holding(?! (?:an?|another|the|talks)\b)|holds|hold(?! (?:an?|another|the|talks)\b)|in (?:(?:russian|ukrainian|enemy|russia['’]s|ukraine['’]s)\s+)?(?:captivity|custody|detention)|remain(?:s|ed|ing)?|still in|being held|imprisoned|detain(?:ed|ing|s)|captured|capturing|taken (?:prisoner|captive)|has (?:\w+ )?in captivity|behind bars|kept|incarcerated|jailed|in prisons?|(?:were|are|was|is|been)\s+(?:still\s+|now\s+|left\s+)?in\s+(?:russia|ukraine)|left\s+in\s+(?:russia|ukraine)|(?:are|were|is|was)\s+(?:\w+\s+)?(?:pows|prisoners of war|captives|hostages)\b|(?:has|have|had)\s+taken(?!\s+(?:back|home|part))|taken\s+(?:\w+\s+){0,3}?(?:prisoner|captive))\b/i;
const CUMULATIVE_CUE = /\b(?:so far|to date|in total|altogether|in all|overall|thus far|as of|by now|up to now|until now|cumulative(?:ly)?|since|from the (?:start|beginning)|over the (?:past|course|entire)|during the (?:full-scale |entire )?(?:war|invasion)|throughout the war|total number|the number of|in (?:these|those|the two|the past) (?:\w+ )?days|(?:over|within) (?:the )?(?:past |last )?(?:two|three|four|five) days|these exchanges|these swaps|(?:\d+|[a-z]+ty(?:-[a-z]+)?|dozens of|hundreds of)\s+(?:prisoner\s+|pow\s+)?(?:exchanges|swaps)|already|in (?:19|20)\d\d\b|this year|last year|has reached|have reached|rose to|risen to|increased to|brings? the total|bringing the total|total to|the total)\b/i;
/** A count told as the outcome of a finished process or of agreements as a whole: "completed the repatriation ..., receiving 6,057", "a process completed by June 16 with 6,057 transferred in phases", "as a result of the Istanbul agreements, more than a thousand were returned". */
const PROCESS_CUMULATIVE = /\b(?:complet(?:ed|ion of|ing)\s+(?!(?:another|the latest|a new|the (?:first|second|third|next) |yet another)\b)(?:\w+\s+){0,3}?(?:repatriation|exchanges?|swaps?|process|portion|stages?|phases?|handovers?|transfers?)|process\s+(?:\w+\s+){0,2}?completed|in\s+(?:several\s+|multiple\s+|two\s+|three\s+|four\s+|five\s+|\d+\s+)?(?:phases|stages)\b|(?:as a result of|through(?: all (?:the )?stages of)?|thanks to)\s+(?:the\s+)?(?:\w+\s+){0,3}?agreements)\b/i;
/** Handed over before an exchange the story tells: "Moscow had handed over 6,000 bodies ahead of Thursday's exchange" is the count up to it. */
const BEFORE_EXCHANGE = /^[^.;]{0,60}?\b(?:ahead of|prior to|before)\s+(?:the\s+|this\s+|today['’]s\s+|\w+day['’]s\s+)?(?:latest\s+|last\s+|new\s+|recent\s+)?(?:exchange|swap|handover|repatriation|transfer)\b/i;
const STRONG_CUMULATIVE = /\b(?:(?:over|across|in|during|through(?:out)?|from)\s+all\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:stages|phases|rounds|exchanges|swaps)|(?:in|over|across)\s+(?:two|three|four|five|six|several|\d)\s+(?:stages|phases|rounds)\b[^.;]{0,40}\b(?:a total of|in total|altogether|in all)|as of (?:today|now|this|the|(?:early|mid|late)[- ]|(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)|including (?:today's|this|the latest|yesterday's)|in (?:just |only )?(?:these|those) (?:\w+ )?days|since the (?:start|beginning) of the (?:full-scale|large-scale)|during the (?:full-scale|large-scale) (?:war|invasion))\b/i;
/** The running count a figure ends: "the number of Ukrainians freed has reached 5,857", "bringing the total to 3,100" (read before the figure only). */
const REACHED_BEFORE = /\b(?:(?:number|total|tally|count)\s+(?:of\s+)?(?:[\w’'-]+\s+){0,6}?(?:has|have|had)\s+(?:now\s+)?(?:reached|risen to|climbed to|grown to|increased to)|(?:bringing|brings|brought|raising|raises|taking|takes)\s+(?:the\s+)?(?:overall\s+)?(?:total|number|tally|count)\b[^.;]{0,60}\bto)\s*(?:more than\s+|over\s+|about\s+|around\s+|nearly\s+|almost\s+)?$/i;
/** "one of the biggest swaps of the war so far": the superlative's "so far" says nothing of a running count. */
const SUPERLATIVE_SO_FAR = /\b(?:biggest|largest|greatest|smallest|longest|highest|most\s+\w+|the\s+most|first|only)\s+(?:[\w-]+\s+){0,6}?(?:so far|to date|yet|since\b[^.,;]{0,40})/gi;
/** The text with its superlatives' "since ..." blanked (same length): "the largest swap since the start of the invasion" scopes no figure. */
const withoutSuperlatives = (text: string): string => text.replace(SUPERLATIVE_SO_FAR, (x) => " ".repeat(x.length));
const EVENT_CUE = /\b(?:another|latest|(?:largest|biggest|smallest|first|last) of (?:which|them|these|those)|today|tonight|yesterday|this time|(?:in|during|as part of|under) (?:the|this|a|today's|yesterday's) (?:latest |new |recent )?(?:exchange|swap|stage|phase|round|transfer|repatriation)|a new (?:exchange|swap)|(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|next|new) (?:stage|phase|round|exchange|swap|group)|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b/i;
const PERFECT = /\b(?:have|has|'ve)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:return|releas|brought|freed|repatriat|exchang|swapp|receiv|handed|transferr|c[oa]me|manag|secur|rescu|liberat|retriev)\w*/i;
/** Below this, a figure in the present perfect with nothing tying it to one exchange is still read as one event (measured on the training split: 0 → F1 0.761, 100 → 0.769, 500 → 0.788). */
const PERFECT_MIN = 500;
/** Larger than any one day of exchange or repatriation reported so far: a figure beyond it with no day of its own is a running count. */
const LARGEST_EXCHANGE = 1500;
const LARGEST_REPATRIATION = 3000;
/** A place a figure comes from in a breakdown: "from the Donetsk region", "on the Luhansk axis", "from the Bakhmut direction". */
const PLACE = /\b(?:from|on)\s+the\s+(?:[\w’'-]+\s+){1,2}?(?:region|oblast|direction|sector|axis|front)\b/;
const PLACES = new RegExp(PLACE.source, "gi");
const PLACE_AFTER = new RegExp(`^[^.;,\\d]{0,50}?${PLACE.source}`, "i");
/** A link to another story in the page: "Read also: …", "READ MORE: …", "Related: …" (or glued, "RelatedRussia, …"). */
const LINK_HEAD = /^\s*(?:(?:read|see)\s+(?:also|more)|also\s+read|related(?:\s+(?:news|stories|articles?))?)\s*[:|–—-]/i;
const isLink = (text: string): boolean => LINK_HEAD.test(text) || /^\s*Related(?=[A-Z])/.test(text);
/** A line of a bulleted list, and such a line that is a part by place ("- 71 from the Bakhmut direction;"). */
const BULLET = /^\s*[-–—•]\s+/;
const PLACE_ITEM = new RegExp(`^\\s*[-–—•]\\s+(?:about\\s+|some\\s+)?\\d[\\d,. ]*\\s+(?:[\\w’'-]+\\s+){0,3}?${PLACE.source}`, "i");
const HABITUAL = /\b(?:usually|typically|normally|on average|often|generally|each time|per exchange|every exchange)\b/i;
const EACH_AFTER = /^[^.;\d]{0,40}?\b(?:each|on each side|per side|from each side|on both sides|from both sides|apiece|for each side|to each side)\b/i;
const EACH_BEFORE = /\b(?:each|both sides|both countries|both parties|the two sides|the sides|the parties|each side|each country)\s+(?:\w+\s+){0,3}$/i;
const TOTAL_CUE = /\b(?:a total of|total of|in total|in all|altogether|combined|involving|involved|including both|overall)\b/i;
const RECEIVE_VERB = /\b(?:receiv\w*|obtain(?:ed|ing|s)?|got back|get back|getting back|got(?=\s+(?:(?:the\s+)?(?:bodies|remains)\s+of\s+)?(?:only\s+|just\s+)?(?:\d|$))|gets(?=\s+(?:\d|$))|brought (?:home|back)|bring\w* (?:home|back)|retriev\w*|rescu\w*|recover\w*|took (?:away|back)|taken back|took in|welcomed|accepted|secur\w* the (?:release|return)|manag\w* to (?:return|free|bring|retrieve|rescue|secure|get)|return(?:ed|ing|s)?(?: home)?|repatriat\w*)\b/gi;
/** The receiving verbs that cannot also mean giving back ("returned" can). */
const STRICT_RECEIVE_VERB = /\b(?:receiv\w*|obtain(?:ed|ing|s)?|got back|get back|getting back|got(?=\s+(?:(?:the\s+)?(?:bodies|remains)\s+of\s+)?(?:only\s+|just\s+)?(?:\d|$))|gets(?=\s+(?:\d|$))|brought (?:home|back)|bring\w* (?:home|back)|retriev\w*|rescu\w*|recover\w*|took (?:away|back)|taken back|took in|welcomed|accepted)\b/gi;
const GIVE_VERB = /\b(?:hand\w* (?:over|back)|handover|transferr?\w*|releas\w*|free(?:d|ing)?|gave(?: back| up)?|give(?:s|n)?(?: back)?|sent(?: back)?|send(?:s|ing)?(?: back)?|deliver\w*|in exchange for|in return for)\b/gi;
/**
 * Where a bare "for" before the figure gives, in the words before it: only right before the figure and after an act
 * of exchange ("swapped 84 Russians for 84 Ukrainians"), not in a name ("Headquarters for the Treatment of Prisoners
 * of War said 390 had been freed") nor in "a victory for 215 families". -1 when it does not.
 */
const forGiving = (lead: string): number => {
  const f = /\bfor\s+(?:the\s+|another\s+|some\s+|about\s+|nearly\s+|more than\s+|at least\s+|over\s+)?$/i.exec(lead);
  return f !== null && /\b(?:exchang|swap|trad|hand|releas|free|return|transfer|repatriat|receiv|got|get)\w*\b/i.test(lead.slice(0, f.index)) ? f.index : -1;
};
const UNDISCLOSED =
  /\b(?:(?:did not|didn't|does not|doesn't|would not|wouldn't|will not|won't|declined to|refused to|not|without|neither side|nor did)\s+(?:immediately\s+|publicly\s+|officially\s+)?(?:say|said|saying|giving|give|gave|specify|specifying|specified|disclose|disclosed|disclosing|reveal|revealed|reveals|revealing|provide|provided|report|reported|publish|published|name|confirm|comment)\s+(?:\w+\s+){0,5}?(?:how many|the number|a number|the exact number|any figures?|the figures?|the figure|numbers|details)|(?:an?\s+)?(?:undisclosed|unspecified|unknown)\s+number\s+of|(?:not|unclear|no information about|no word on|no details on)\s+(?:\w+\s+){0,2}?(?:how many|the number)|(?:neither|nor)\s+(?:side\s+)?(?:\w+\s+){0,2}(?:reveals?|discloses?|says?|gives?)\s+(?:\w+\s+){0,3}?how many|\bneither\b[^.;]{0,140}?\b(?:provided|gave|disclosed|released|published|offered|specified)\s+(?:an?\s+|any\s+|the\s+)?(?:exact\s+|precise\s+|official\s+)?(?:figures?|numbers?|counts?|totals?)\s+(?:of|for|on)\s+how many|not (?:give|giving|disclose|disclosing) the (?:real )?figure|(?:gave|give|gives|giving|offered|provided)\s+no\s+(?:\w+\s+){0,2}?(?:figures?|numbers?|details|breakdown|count|total)|(?:without|not)\s+(?:\w+\s+){0,2}?(?:giving|providing|offering|citing|specifying|naming|disclosing)\s+(?:any\s+|a\s+|the\s+)?(?:figures?|numbers?|totals?|counts?)|(?:declined|refused)\s+to\s+(?:give|provide|say|specify|disclose|reveal|confirm|name)\s+(?:a|any)\s+(?:figure|number|total)|(?:unclear|unknown|not known|not clear|not immediately clear)\s+(?:exactly\s+)?how many|\b(?:the\s+)?(?:exact\s+|precise\s+|total\s+)?(?:numbers?|figures?|counts?|totals?|size|scale)\s+(?:\w+\s+){0,6}?(?:was|were|has|have|had|is|are)\s+(?:still\s+)?(?:not|n't|never)\s+(?:been\s+)?(?:immediately\s+|yet\s+|publicly\s+|officially\s+)?(?:disclosed|given|revealed|specified|released|announced|made public|reported|provided|published|named|confirmed|known|available)|without\s+(?:any\s+|a\s+)?(?:figures?|numbers?|totals?)\s+(?:being\s+)?(?:given|released|disclosed|provided)|\bno\s+(?:figures?|numbers?|totals?|count)\s+(?:was|were|has been|have been|had been)\s+(?:given|released|provided|disclosed|published|announced|made public)|\b(?:the\s+)?(?:exact\s+|precise\s+|real\s+)?(?:number|figure|count|total)\s+(?:\w+\s+){0,8}?(?:is|was|are|were|remains?|remained|has been|have been)\s+(?:still\s+|being\s+)?(?:kept\s+)?(?:classified|secret|confidential|unknown|not known|unclear))\b/i;
const INVASION = /\b(?:since|from|after)\s+(?:the\s+)?(?:very\s+)?(?:beginning|start|onset|outbreak|launch)\s+of\s+(?:the\s+)?(?:russia['’]s\s+|russian\s+)?(?:full[- ]scale\s+)?(?:russian\s+)?(?:war|invasion|aggression|conflict|hostilities|special\s+military\s+operation|SMO)|\bsince\s+(?:the\s+)?(?:russia['’]s\s+|russian\s+)?(?:full[- ]scale\s+)?(?:russian\s+)?(?:war|invasion|aggression)\b(?:\s+(?:began|started|of ukraine))?|\bsince\s+(?:the\s+)?(?:war|invasion|conflict)\s+(?:began|started)|\bsince\s+(?:february|feb\.?)\s+(?:24,?\s+)?2022|\bsince\s+2022\b/i;
const AGREEMENT_SCOPE = /\b(?:under|as part of|within(?: the framework of)?|in accordance with|in line with|pursuant to|following|follows|followed|as agreed (?:in|at|during))\s+(?:the\s+|an?\s+)?(?:[\w"“”'‘’-]+\s+){0,5}?(?:agreements?|deal|accords?|arrangements?|talks|memorandum|negotiations|(?:exchanges?|swaps?) agreed)\b(?:\s+(?:of|reached|made|struck|concluded)\s+(?:(?:at|in|during)\s+)?(?:the\s+)?(?:[\w"“”'‘’-]+\s+){0,4}?(?:meetings?|talks|rounds?|negotiations|summits?)\b)?/i;
/** A speaker calling what was just said the outcome of talks: "This is still a positive result of the talks in Istanbul". */
const RESULT_OF_TALKS = /\b(?:results?|outcomes?|fruits?|thanks to|because of)\s+(?:of\s+)?(?:the\s+)?(?:[\w"“”'‘’-]+\s+){0,3}?(?:talks|agreements?|negotiations|deal|accords?|memorandum)\b/i;
/** A sentence that opens on the exchange just told: "The exchange took place in three stages". */
const THE_DEAL = /^\W*(?:the|this|that)\s+(?:\w+\s+)?(?:exchange|swap|handover|repatriation|transfer)\s+(?:took place|was (?:carried out|held|completed|conducted|implemented)|happened|ended)\b/i;
const TALKS = /\b(?:talks|meeting|negotiations|summit|round|agreed|agreement|agreements|deal|memorandum|accord)\b/i;
const PREP_EXCLUDED = new Set(["until", "till", "since", "before", "after", "from", "by", "through"]);
/** Of these, the ones that give a running total its as-of day ("6,057 by June 16"). */
const AS_OF_BOUND = new Set(["by", "through", "until", "till"]);

/** The words of a text, or its first `limit` words (read no further, so a long sentence is not read once per figure). */
const wordsIn = (s: string, limit = Infinity): Array<{ w: string; at: number }> => {
  const out: Array<{ w: string; at: number }> = [];
  if (limit <= 0) return out;
  for (const m of s.matchAll(/[\p{L}%][\p{L}’'-]*/gu)) {
    out.push({ w: m[0], at: m.index! });
    if (out.length >= limit) break;
  }
  return out;
};

const headCategory = (lw: string): Category | "subgroup" | "other" | null => {
  if (BODY_HEADS.test(lw)) return "bodies";
  if (CIVILIAN_HEADS.test(lw)) return "civilians";
  if (SOLDIER_HEADS.test(lw)) return "soldiers";
  if (PERSON_HEADS.test(lw)) return "persons";
  if (SUBGROUP_HEADS.test(lw)) return "subgroup";
  if (NOT_CAPTIVES.test(lw)) return "other";
  return null;
};

interface Phrase {
  readonly category: Category | "subgroup" | "other" | null;
  /** End of the phrase, relative to the text after the number. */
  readonly end: number;
  /** The nationality the phrase names ("Ukrainian", "of our"), if any. */
  readonly party: string | "ours" | null;
  /** A modifier that makes persons into bodies ("fallen", "dead"). */
  readonly dead: boolean;
  readonly civilian: boolean;
}

/**
 * The noun phrase right after a number: what it counts, whose, and where it ends. The phrase runs
 * over modifiers and nouns ("fallen Ukrainian soldiers", "prisoners of war", "Azovstal defenders")
 * and its head is its last noun, except that bodies or remains anywhere make it a count of bodies.
 */
const phraseAfter = (after: string): Phrase => {
  const words = wordsIn(after, 9);
  let party: string | "ours" | null = null;
  let dead = false, civilian = false, bodies = false;
  let head: { c: Category | "subgroup" | "other"; end: number } | null = null;
  for (let k = 0; k < words.length; k++) {
    const { w, at } = words[k]!;
    if (at > 80) break;
    const gap = after.slice(k === 0 ? 0 : words[k - 1]!.at + words[k - 1]!.w.length, at);
    if (/[.;:!?,"“”()]/.test(gap) || /\s[-–—]\s/.test(gap)) break;
    // "soldiers' bodies": a plural possessive is its noun.
    const lw = w.toLowerCase().replace(/(s)['’]$/, "$1");
    if (/^\d/.test(lw)) break;
    const c = headCategory(lw);
    const isMod = MODIFIERS.test(lw);
    if (lw === "and" || lw === "or") {
      // "soldiers and civilians": one phrase of people; "45 soldiers and two civilians": the next figure's own.
      const n = words[k + 1]?.w.toLowerCase();
      if (head !== null && n !== undefined && headCategory(n) !== null && headCategory(n) !== "other" && !/\d/.test(after.slice(at, words[k + 1]!.at))) {
        head = { c: "persons", end: words[k + 1]!.at + words[k + 1]!.w.length };
        civilian = false;
        break;
      }
      break;
    }
    if (/^(?:ukrainian|ukrainians|ukraine['’]s|ukraine)$/.test(lw)) party ??= "ukraine";
    else if (/^(?:russian|russians|russia['’]s|russia)$/.test(lw)) party ??= "russia";
    else if (lw === "our") party ??= "ours";
    if (/^(?:dead|fallen|slain|killed|deceased|perished)$/.test(lw)) dead = true;
    if (/^(?:bodies|remains|body|corpses)$/.test(lw)) bodies = true;
    if (lw === "civilian") civilian = true;
    if (c !== null && c !== "other") {
      if (!(isMod && head !== null)) head = { c, end: at + w.length };
      continue;
    }
    if (isMod) continue;
    // A capitalised word is a name in the phrase ("Azovstal defenders", "National Guard soldiers").
    if (/^\p{Lu}/u.test(w) && head === null && k < 3) continue;
    // An adjective we do not know ("frozen bodies", "exchanged Azov fighters") before a head noun.
    const nw = words[k + 1]?.w.toLowerCase();
    if (head === null && k < 4 && nw !== undefined && /^[a-z][a-z-]+$/.test(lw) && !/^(?:and|or|of|to|in|on|at|by|for|from|with|were|was|are|is|have|has|had|will|would)$/.test(lw) && headCategory(nw) !== null && headCategory(nw) !== "other") continue;
    // "two prisoner swaps": a noun after the head makes a compound whose last noun counts something else.
    if (head !== null && /^(?:missing|dead|killed|wounded|injured)$/.test(lw) && !isMod) return { category: "other", end: at + w.length, party, dead, civilian };
    if (head !== null && c === "other" && !/\s{2,}/.test(gap)) return { category: "other", end: at + w.length, party, dead, civilian };
    if (head !== null) break;
    if (c === "other") return { category: "other", end: at + w.length, party, dead, civilian };
    if (/^(?:so|in|have|has|had|were|was|are|is|be|been|but|while|to|on|at|by|with|for|as|who|that|which|will|would|could|should|may|might|than|this|since|during|after|before|until|when|whom|now|already|still|also|only|just|each|apiece|back|home|out|them|those|returned|released|freed|exchanged|from|people)$/.test(lw))
      return { category: null, end: 0, party, dead, civilian };
    return { category: "other", end: at + w.length, party, dead, civilian };
  }
  if (head === null) return { category: null, end: 0, party, dead, civilian };
  if (bodies) return { category: "bodies", end: head.end, party, dead, civilian };
  if (head.c === "civilians" || (civilian && head.c !== "subgroup")) return { category: "civilians", end: head.end, party, dead, civilian: true };
  if (dead && head.c !== "subgroup") return { category: "bodies", end: head.end, party, dead, civilian };
  return { category: head.c, end: head.end, party, dead, civilian };
};

const metricOf = (category: Category, kind: Kind): string =>
  kind === "target" ? (category === "bodies" ? "bodies_agreed" : "prisoners_agreed")
  : kind === "stock" ? "held_captive"
  : category === "bodies" ? "bodies_returned"
  : category === "civilians" ? "civilians_returned"
  : category === "soldiers" ? "soldiers_returned"
  : "prisoners_returned";

const partyWord = (s: string): string | null => {
  if (/^(?:ukrain\w*|kyiv|kiev)$/i.test(s)) return "ukraine";
  if (/^(?:russia\w*|moscow|kremlin)$/i.test(s)) return "russia";
  return null;
};

/** Where the people went or came from, read after (or around) the figure. */
const destination = (after: string, around: string): string | null => {
  const a = after.slice(0, 110);
  // "returned 14 children to their families in Ukraine": the families' country.
  const home = /\bto\s+(?:their|the(?:ir)?)\s+(?:famil\w+|homes?|relatives|loved ones|parents)\s+in\s+(Ukraine|Russia)\b/.exec(a);
  if (home !== null) return partyWord(home[1]!);
  const to = /\b(?:to|into|for|back to|home to|in)\s+(?:the\s+)?(?:territory\s+(?:controlled by|under the control of)\s+(?:the\s+)?(?:government of\s+)?)?(Ukraine|Ukrainian|Kyiv|Kiev|Russia|Russian|Moscow)\b/.exec(a);
  const controlled = /\b(?:ukraine-controlled|ukrainian-controlled|government-controlled|(?:the\s+)?controlled territory|territory (?:controlled by|under the control of) (?:the government of )?ukraine)\b/i.test(a) ? "ukraine" : null;
  const fromCaptivity = /\bfrom\s+(?:the\s+)?(Russian|Ukrainian)\s+captivity|\bfrom\s+captivity\s+in\s+(Russia|Ukraine)|\bin\s+(Russian|Ukrainian)\s+captivity|\bheld\s+(?:captive\s+)?(?:in|by)\s+(Russia|Ukraine)|\bcaptured\s+by\s+(?:the\s+)?(Russian|Ukrainian|Russia|Ukraine)|\bfrom\s+(?:the\s+)?(?:territory\s+controlled\s+by\s+)?(?:the\s+)?(Kyiv|Kiev|Ukraine|Russia|Moscow)\b(?!['’]s)/.exec(a);
  if (to !== null && !/\bin\s*$/.test(a.slice(0, to.index + 3)) ) return partyWord(to[1]!);
  if (controlled !== null) return controlled;
  if (fromCaptivity !== null) {
    const w = fromCaptivity.slice(1).find((x) => x !== undefined)!;
    return otherParty(partyWord(w) ?? "");
  }
  // "115 servicemen captured in the Kursk region": Russians, when said of the figure's own noun (not of a part after a comma).
  if (/\b(?:captured|taken prisoner)\s+(?:\w+\s+){0,3}in\s+(?:the\s+)?(?:russia['’]s\s+)?(?:kursk|belgorod|bryansk)\b/i.test(around.split(/[,;]/)[0]!)) return "russia";
  return null;
};

// ------------------------------------------------------------------------------------------ the reader

interface Who {
  readonly name: string;
  readonly via: string | null;
  readonly date: string | null;
  readonly undated: boolean;
  /** The month or year the statement was placed in ("said last November"), when that is all the text gives. */
  readonly toldIn?: Dates.Resolved | null;
}

interface Antecedent {
  readonly sentence: number;
  readonly paragraph: number;
  readonly quote: number | null;
  readonly category: Category;
  readonly party: string | null;
}

/** Reads every claim of an article's sentences. */
export const extract = (sentences: readonly Sentence[], ctx: Context): Draft[] => {
  // With no publication day, the latest full date the article gives stands in for it (archive stamps, datelines).
  // An archive stamp (" date 2023-02-17 ") is the page's, not a day the story names: it dates no claim.
  const found = sentences.map((s, i) => {
    const found = Dates.find(s.text);
    const stampAt = i === 0 ? /^\s*date\s+\S+/.exec(s.text) : null;
    return stampAt === null ? found : found.filter((d) => d.start >= stampAt[0].length);
  });
  // An archive stamp with only a month (" date 2022-04 ") bounds the story to that month.
  const stamp = /^\s*date\s+((?:19|20)\d{2})-(\d{2})(?!-\d)/.exec(sentences[0]?.text ?? "") ?? (ctx.month == null ? null : /^(\d{4})-(\d{2})$/.exec(ctx.month));
  const monthEnd = stamp === null ? null : Dates.monthEnd(+stamp[1]!, +stamp[2]!);
  // A background date is no stand-in when the text names a later year ("the warrant of March 17, 2023" in a 2024 story).
  const years = sentences.flatMap((s) => [...s.text.matchAll(/\b((?:19|20)\d{2})\b/g)].map((m) => +m[1]!));
  // An undated article's days without a year: "on Saturday, December 31" is the one year, up to today and
  // within five years, in which that day was a Saturday; else a month and day take the latest year the story
  // names as its own (not the war's start, "since the 2022 invasion", nor a copyright line).
  const storyYears = sentences.flatMap((s) => [...s.text.matchAll(/\b((?:19|20)\d{2})\b/g)]
    .filter((m) => !STARTING_YEAR.test(s.text.slice(Math.max(0, m.index! - 45), m.index!)) && !STARTED_AFTER.test(s.text.slice(m.index! + 4, m.index! + 30)))
    .map((m) => +m[1]!)).filter((y) => ctx.today === undefined || y <= +ctx.today.slice(0, 4));
  // With no year at all, a round of talks named by place and day ("on 2 June in Istanbul") gives its year.
  const roundYear = sentences.map((s, i) => Talks.yearOfRound(s.text, found[i]!.flatMap((d) => (d.expr._tag === "MonthDay" ? [d.expr] : [])))).find((y) => y !== null) ?? null;
  // With neither, an exchange day ("in a prisoner swap on Sept. 21") takes the year of the one exchange the pack's
  // calendar has on that day (of prisoners: a repatriation of bodies is no exchange it lists).
  const exchangeYear = sentences.flatMap((s, i) => ((RETURN_VERB.test(s.text) || EXCHANGE_WORD.test(s.text)) && !(BODY_WORD.test(s.text) && !PRISONER_WORD.test(s.text))
    ? found[i]!.flatMap((d) => (d.expr._tag === "MonthDay" && d.expr.weekday === undefined ? [Exchanges.yearOfExchange(d.expr.month, d.expr.day, ctx.today)] : []))
    : [])).find((y) => y !== null) ?? null;
  // A page names past years, not later ones: an exchange day of a later year than any it names is of that year
  // ("retrieved nearly 1,600 prisoners in 2022 … a new exchange on Feb. 4": 2023).
  const namedYear = storyYears.length === 0 ? null : Math.max(...storyYears);
  const yearHint = namedYear === null ? roundYear ?? exchangeYear : exchangeYear !== null && exchangeYear > namedYear ? exchangeYear : namedYear;
  const sentenceDates = ctx.publishedAt !== null || monthEnd !== null ? found : found.map((ds) => ds.map((d): Dates.DateMention => {
    if (d.expr._tag !== "MonthDay") return d;
    const { month, day, weekday } = d.expr;
    const y = weekday !== undefined && ctx.today !== undefined ? Dates.yearFromWeekday(month, day, weekday, ctx.today, 4) : weekday === undefined ? yearHint : null;
    const full = y === null ? null : Dates.dayOf(y, month, day);
    return full === null ? d : { ...d, expr: { _tag: "Full", day: full } };
  }));
  const stated = sentenceDates.flat().filter((d) => d.expr._tag === "Full").map((d) => (d.expr as { day: string }).day).sort();
  const latestStated = stated.at(-1) ?? null;
  const standIn = latestStated !== null && years.every((y) => y <= +latestStated.slice(0, 4)) ? latestStated : null;
  const published = ctx.publishedAt ?? standIn ?? monthEnd ?? null;
  const monthOnly = ctx.publishedAt === null && standIn === null && monthEnd !== null;
  // The last day the story can speak of: its publication day, or the end of its stamp's month; not a stand-in.
  const cap = ctx.publishedAt ?? monthEnd ?? null;
  const capOf = (day: string | null) => day ?? cap;

  const memory = new Attribution.SpeakerMemory();
  const statementDates = new Map<string, string>();
  type Attributed = { speaker: Attribution.Speaker | null; date: Dates.Resolved | null; undated: boolean };
  const perSentence: Array<{ outside: boolean[]; speakers: Array<{ s: Attribution.Speaker; resolved: Attribution.Speaker | null; date: Dates.Resolved | null; undated: boolean; toldIn: Dates.Resolved | null }>; dates: Dates.DateMention[] }> = [];
  const quoteSpeaker = new Map<number, Attributed>();

  // Pass 1: who speaks where, and when each statement was made.
  sentences.forEach((s, i) => {
    const inside = insideQuotes(s);
    const outside = inside.map((x) => !x);
    const dates = sentenceDates[i]!;
    const speakers = Attribution.find(s.text, outside).map((sp) => {
      const resolved = memory.resolve(sp, s.text);
      // "told journalists in Istanbul after the talks on Wednesday evening": the day of the telling, in its clause.
      const near = dates.find((d) => d.start >= sp.verbEnd && d.start - sp.verbEnd <= 60 && outside[d.start] && !/[,;:“"]/.test(s.text.slice(sp.verbEnd, d.start))) ??
        // "On June 19, Russian President Vladimir Putin said": the sentence opens with the day of the telling.
        dates.find((d) => d.end <= sp.start && /^[\s,]*$/.test(s.text.slice(d.end, sp.start)) && /^\W*(?:on\s+)?$/i.test(s.text.slice(0, d.start)));
      const date = near === undefined ? null : Dates.resolve(near, published, cap);
      const undated = near !== undefined && (near.expr._tag === "Period" || near.expr._tag === "Month" || near.expr._tag === "Year" || near.expr._tag === "LastPeriod");
      if (resolved !== null) {
        memory.remember(resolved);
        if (date !== null && !undated) statementDates.set(Claimant.key(resolved.name), date.to);
      }
      return { s: sp, resolved, date: undated ? null : date, undated, toldIn: undated ? date : null };
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
  // A quote whose speaker is named only in a later sentence ("... ," he said) takes that speaker.
  sentences.forEach((s, i) => {
    if (s.quote === null || quoteSpeaker.has(s.quote)) return;
    for (let j = i + 1; j < sentences.length && sentences[j]!.quote === s.quote; j++) {
      const sp = perSentence[j]!.speakers.find((x) => x.resolved !== null);
      if (sp !== undefined) {
        quoteSpeaker.set(s.quote, { speaker: sp.resolved, date: sp.date, undated: sp.undated });
        break;
      }
    }
  });

  // The days of talks the article names ("talks in Istanbul on June 2"): an agreement is dated by them.
  const talks: Array<{ sentence: number; day: string }> = [];
  const narration: Array<{ sentence: number; day: string }> = [];
  sentences.forEach((s, i) => {
    const { outside, dates } = perSentence[i]!;
    for (const d of dates) {
      if (!(outside[d.start] ?? true) || PREP_EXCLUDED.has(d.preposition)) continue;
      if (d.expr._tag === "Period" || d.expr._tag === "Month" || d.expr._tag === "Year" || d.expr._tag === "LastPeriod") continue;
      const day = Dates.resolve(d, published, cap)?.to;
      if (day === undefined) continue;
      // A reference to earlier agreements ("as part of agreements reached in Istanbul") dates no talks: blanked, same length.
      const talkWords = [...s.text.replace(globalOf(AGREEMENT_SCOPE), (x) => " ".repeat(x.length)).matchAll(globalOf(TALKS))].map((t) => t.index!);
      if (talkWords.some((t) => Math.abs(t - d.start) <= 60)) talks.push({ sentence: i, day });
      if (RETURN_VERB.test(s.text) || EXCHANGE_WORD.test(s.text)) narration.push({ sentence: i, day });
    }
  });
  // The day the story is about: the first exchange day told near the top, within a week before publication.
  const storyDay = narration.find((n) => n.sentence <= 6 && published !== null && n.day <= published && n.day >= Dates.shift(published, -7))?.day ?? null;
  // The day of the round of talks the lead tells, one to three days before publication: a delegate's running count with
  // no day of its own was told there ("Medinsky … has already repatriated the remains of roughly 7,000", the day after).
  const leadDay = talks.filter((n) => n.sentence <= 3 && published !== null && n.day < published && n.day >= Dates.shift(published, -3)).sort((a, b) => a.sentence - b.sentence)[0]?.day ?? null;
  const talksBefore = (i: number): string | null => [...talks].reverse().find((t) => t.sentence <= i)?.day ?? talks[0]?.day ?? null;

  const drafts: Draft[] = [];
  const antecedents: Antecedent[] = [];
  // The exchange the story is telling: its day, or the part of a month it was placed in ("took place in mid-April").
  let discourse: { day: string; from: string; paragraph: number } | null = null;
  const quoteDays = new Map<number, string>();
  let talksDate: string | null = null;
  let lastTarget: { value: number | null; agreedOn: string | null; sentence: number; quote: number | null; bodies: boolean } | null = null;

  sentences.forEach((s, i) => {
    const { outside, speakers, dates } = perSentence[i]!;
    const text = s.text;
    const evidence = { start: s.start, end: s.end, text };
    if (HABITUAL.test(text)) return;
    // "- 451 from the Donetsk direction; - 13 from the Luhansk sector; - 34 dead were returned from morgues in Russia.":
    // an item of a bulleted breakdown by place is a part of the whole told before the list, whatever its wording.
    if (BULLET.test(text) && i > 0 && BULLET.test(sentences[i - 1]!.text) && PLACE_ITEM.test(sentences[i - 1]!.text)) return;
    const inSentence: Draft[] = [];
    let sentenceWords: Array<{ w: string; at: number }> | undefined;

    const speakerAt = (at: number): Who => {
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
      return { name: chosen.resolved.name, via: chosen.s.via ?? chosen.resolved.via, date: chosen.date?.to ?? statementDates.get(key) ?? null, undated: chosen.undated, toldIn: chosen.toldIn };
    };

    // A date inside a "since ..." phrase starts a count; it is no one's day ("since the invasion on February 24, 2022").
    const sinceSpans = [...text.matchAll(/\b(?:since|from the (?:beginning|start) of|after the start of)\b(?:(?!\b(?:as of|until|till|by|through)\b)[^,;.]){0,100}/gi)].map((x) => [x.index!, x.index! + x[0].length] as const);
    const inSince = (at: number): boolean => sinceSpans.some(([a, b]) => at >= a && at < b);

    // "On June 19, Putin said that ...", "the ministry said on Thursday that ...": the day of the telling, not of what is told.
    // A wire dateline ("MOSCOW, June 19 (Reuters) - ...") dates the dispatch, as a statement's day does.
    const dateline = /^\s*\p{Lu}[\p{L}/ .'’-]{1,40},\s+[^,()]{3,25}?\s*(?:\([^)]{2,40}\))?\s*[-–—]\s/u.exec(text);
    const ofTelling = (d: Dates.DateMention): boolean => (dateline !== null && i === 0 && d.end <= dateline[0].length) || speakers.some((sp) =>
      (d.start >= sp.s.verbEnd && d.start - sp.s.verbEnd <= 45 && !/[,;:]/.test(text.slice(sp.s.verbEnd, d.start))) ||
      (d.end <= sp.s.start && /^[\s,]*$/.test(text.slice(d.end, sp.s.start)) && /^\W*(?:on\s+)?$/i.test(text.slice(0, d.start))));

    /** The day or period a figure refers to, and whether the text said it. */
    const dateFor = (at: number, kind: Kind, who: Who, clause: [number, number], commitmentOf: Draft["commitment"] = null): { r: Dates.Resolved | null; source: Draft["dateSource"]; rank: number } => {
      const quoted = !(outside[at] ?? true);
      const reference = who.date ?? published;
      const coarse = (d: Dates.DateMention) => d.expr._tag === "Month" || d.expr._tag === "Year" || d.expr._tag === "LastPeriod" || d.expr._tag === "Period";
      const usable = dates.filter((d) =>
        // "a process completed by June 16 with 6,057 bodies": a running total's as-of day may be a bound.
        (!PREP_EXCLUDED.has(d.preposition) || (kind === "cumulative" && AS_OF_BOUND.has(d.preposition))) && (outside[d.start] ?? true) !== quoted && !inSince(d.start) &&
        // One event is dated by a day; a month or a year dates it only when said right beside the figure.
        // ...or when it opens the sentence ("In May, as part of the exchange under the formula, 120 were returned"; "Most
        // recently, in April, Russia returned 909 bodies and accepted 41").
        !(kind === "event" && coarse(d) && Math.abs(d.start - at) > 50 && !/^\W*(?:[a-z]+(?:\s+[a-z]+)?,\s*)?(?:in|during)\s*$/i.test(text.slice(0, d.start))) &&
        !(kind === "target" && coarse(d) && Math.abs(d.start - at) > 50) &&
        // "in February 2022" after "the invasion": the war's start, no figure's day.
        !(/\b(?:invasion|invaded|war (?:began|started)|full[- ]scale war)\b[^.;]{0,35}$/i.test(text.slice(Math.max(0, d.start - 60), d.start)) && !/\b(?:as of|as at|by|until|through)\s+(?:the\s+end\s+of\s+)?$/i.test(text.slice(Math.max(0, d.start - 20), d.start))) &&
        // "under a deal reached during last month's talks": the talks' time, not the handover's.
        !(kind === "event" && coarse(d) && TALKS.test(text.slice(d.end, d.end + 25))) &&
        // "two pilots captured by Moscow's forces last month ... had been released": the day of the capture, not of the release.
        !(kind === "event" && d.start > at && /\b(?:captured|taken\s+(?:prisoner|captive)|detained|abducted|seized)\b[^,;.]{0,40}$/i.test(text.slice(Math.max(at, d.start - 60), d.start))));
      // A date in the figure's own clause wins; else the nearest in the sentence not bound to the speaking verb.
      const inClause = usable.filter((d) => d.start >= clause[0] && d.start < clause[1]);
      const pool = inClause.length > 0 ? inClause : usable.filter((d) => !speakers.some((sp) => d.start >= sp.s.verbEnd && d.start - sp.s.verbEnd <= 45) || kind === "event");
      const nearest = [...pool].sort((a, b) => Math.abs(a.start - at) - Math.abs(b.start - at))[0];
      if (nearest !== undefined) {
        const r = Dates.resolve(nearest, reference, capOf(who.date));
        const rank = nearest.expr._tag === "Full" || nearest.expr._tag === "MonthDay" || nearest.expr._tag === "Span" ? 3 : 2;
        // "the ministry said on Thursday that 55 had been returned": the day of the telling bounds the handover;
        // the exchange the story is telling, a few days before, is the one it means.
        const told = discourse !== null && discourse.paragraph >= s.paragraph - 1 ? discourse.day : storyDay;
        if (r !== null && kind === "event" && ofTelling(nearest) && told !== null && told < r.to && told >= Dates.shift(r.to, -3)) return { r: { from: told, to: told }, source: "text", rank: 1 };
        if (r !== null) return { r, source: "text", rank };
      }
      // "Read also: Ukraine returns 505 marines", "RelatedRussia, Ukraine exchange 115 prisoners each": a link to another
      // story carries that story's figure, not this one's day.
      if (isLink(text)) return { r: null, source: null, rank: -1 };
      // An agreement is dated by the talks that made it; an offer by the day it was made (the statement).
      if (kind === "target" && commitmentOf !== "offered") {
        const t = talksBefore(i);
        if (t !== null) return { r: { from: t, to: t }, source: "text", rank: 2 };
      }
      if (who.date !== null) return { r: { from: who.date, to: who.date }, source: "text", rank: 2 };
      // "Ukrainian authorities said last November that 2,384 remained in captivity": a stock as of the month it was told
      // in, a running count up to its end; not as of the day it was reported.
      if (who.toldIn != null && (kind === "stock" || kind === "cumulative") && (published === null || who.toldIn.to < published)) {
        return { r: kind === "stock" ? who.toldIn : { from: who.toldIn.to, to: who.toldIn.to }, source: "text", rank: 2 };
      }
      // An agreement nobody dated stays undated: the day it was reported is not the day it was made.
      if (kind === "target") return { r: null, source: null, rank: -1 };
      if (kind === "event" && discourse !== null && discourse.paragraph >= s.paragraph - 1 && !quoted) return { r: { from: discourse.from, to: discourse.day }, source: "text", rank: 1 };
      // "“On September 14, 103 were returned. In exchange, 103 were transferred,”": a quotation keeps the day it set.
      const quoteDay = quoted && s.quote !== null ? quoteDays.get(s.quote) : undefined;
      if (kind === "event" && quoteDay !== undefined) return { r: { from: quoteDay, to: quoteDay }, source: "text", rank: 1 };
      if (kind === "event" && storyDay !== null) return { r: { from: storyDay, to: storyDay }, source: "text", rank: 1 };
      if (leadDay !== null && who.name !== ctx.voice && (kind === "cumulative" || kind === "stock")) return { r: { from: leadDay, to: leadDay }, source: "text", rank: 1 };
      if (published === null) return { r: null, source: null, rank: -1 };
      return { r: { from: published, to: published }, source: ctx.publishedAt === null ? "text" : "publication", rank: 0 };
    };

    const push = (raw: Omit<Draft, "lo" | "hi" | "evidence">) => {
      // The contract's prisoners_returned counts soldiers and civilians together unless the text splits them:
      // "307 Ukrainian soldiers" alone is people returned; soldiers_returned is the soldiers' part of a split.
      const d = raw.metric === "soldiers_returned" && !/\bcivilians?\b/i.test(text) ? { ...raw, metric: "prisoners_returned" } : raw;
      const q = Q.fromReported(d.value, d.qualifier);
      const draft: Draft = { ...d, lo: q.lo, hi: q.hi, evidence };
      drafts.push(draft);
      inSentence.push(draft);
    };

    const clauseOf = (start: number, end: number): [number, number] => {
      const bounds = [";", " — ", " – ", " -- ", ", when ", ", while ", ", whereas ", ", but ", " but ", ", of whom ", ", and ", " and received", " and took", " while ", ": "];
      // "... and received 60": the clause begins with its verb, after the conjunction.
      const kept = (b: string) => (b === " and received" || b === " and took" ? 5 : b.length);
      const a = Math.max(0, ...bounds.map((b) => { const k = text.lastIndexOf(b, start); return k < 0 ? 0 : k + kept(b); }));
      const endFrom = (from: number) => Math.min(text.length, ...bounds.map((b) => text.indexOf(b, from)).filter((x) => x >= 0));
      let e = endFrom(end);
      // "84 Ukrainians — 76 soldiers and eight civilians — were released": a pair of dashes sets off an aside, not a clause.
      const dash = [" — ", " – "].find((d) => text.startsWith(d, e));
      if (dash !== undefined) {
        const close = text.indexOf(dash, e + dash.length);
        if (close > 0 && close - e <= 80 && !/[.;]/.test(text.slice(e, close))) e = endFrom(close + dash.length);
      }
      return [a, e];
    };

    const mentions = Numbers.find(text);
    for (const m of mentions) {
      const before = text.slice(Math.max(0, m.start - 80), m.start);
      const after = text.slice(m.end);
      if (/\b(?:age[sd]?|aged|ages|born in|under the age of|over the age of)\b[^,.;]{0,12}$/i.test(before)) continue;
      // "the seventh swap since last October involving at least 500 Ukrainian soldiers": a size that sorts a series of
      // swaps, not the count of one.
      if (SERIES_SIZE.test(before)) continue;
      if (/\b(?:oldest|youngest)\b/i.test(text) && /(?:\b(?:turned|is|was|aged)|[—–-])\s*$/i.test(before)) continue;
      if (/^\s*(?:years?|-year)/i.test(after)) continue;
      // "those under 25", "soldiers younger than 25", "aged 18 to 25": an age, where no captive noun follows.
      if (m.value < 120 && /\b(?:under|over|younger than|older than|(?:aged|ages)\s+\d+\s*(?:to|and|-|–))\s*$/i.test(before) && /\b(?:young|aged?|ages|years?|wounded|sick|ill|old|those|men|boys)\b/i.test(text.slice(Math.max(0, m.start - 60), m.start)) && !/^\s*(?:[\w’'-]+\s+){0,2}?(?:prisoners?|pows?|captives?|soldiers?|servicem[ae]n|civilians?|people|bodies|defenders|troops|ukrainians|russians)\b/i.test(after)) continue;
      // "403 – from the Donetsk region; 12 – from the Luhansk direction": a breakdown by place is parts, never a total.
      if (/^\s*(?:[–—-]|:)\s*(?:from|in)\s+(?:the\s+)?(?:[\w’'-]+\s+){1,3}?(?:region|regions|oblast|direction|directions|area|front|sector)\b/i.test(after)) continue;
      // "451 bodies were transferred from the Donetsk region, and about 130 from the Zaporizhzhia region", "12 bodies of
      // defenders who fought on the Luhansk axis, 107 ... from the Donetsk axis": the same, told as a list of places.
      if ((text.match(PLACES) ?? []).length >= 2 && PLACE_AFTER.test(after)) continue;
      // "The remains of 502 fallen defenders were brought home, including 58 from the Kursk region": one place's part.
      if (/\b(?:including|among them|of them|of which|of whom)\s*$/i.test(before) && PLACE_AFTER.test(after)) continue;
      // "air strikes killed at least one person and wounded two others": casualties, not captives.
      if (/\b(?:killed|killing|wounded|wounding|injured|injuring|hurt)\s+(?:at least\s+|about\s+|more than\s+|some\s+|another\s+)?$/i.test(before)) continue;

      // "it has identified more than 500 of the bodies": identifications, not a return.
      if (/\b(?:identified|identify|identifying|identification of)\s+(?:[\w’'-]+\s+){0,3}$/i.test(before)) continue;
      // "Some 200 Ukrainian prisoners of war have died in Russian captivity": deaths in captivity, not a count of the living.
      if (!/\b(?:bodies|remains)\b/i.test(text) && /^[^.;]{0,60}?\b(?:have|has|had)\s+(?:\w+\s+)?(?:died|perished|been killed|been executed)\b|^[^.;]{0,60}?\b(?:died|perished|were killed|were executed)\s+(?:in|while in|during)\s+(?:\w+\s+)?(?:captivity|custody|detention|prisons?)\b/i.test(after)) continue;
      // "37 of the women had been captured at Azovstal", "95 of the 144 released were Azovstal defenders", "two of them
      // were officers": a partitive counts part of a group told elsewhere, not a group of its own.
      // ("Twenty-two of them are civilians" is the civilians' part of the whole just told: see the predicate below.)
      if (/^\s+of\s+(?:the|these|those|them)\b/i.test(after) && !/^\s+of\s+the\s+(?:bodies|remains)\b/i.test(after) && !/^\s+of\s+(?:them|those)\s+(?:are|were)\s+(?:\w+\s+)?(?:civilians?|soldiers?|servicem[ae]n|military)\b/i.test(after)) continue;
      // "five of whom died in captivity": what befell part of a group, not a count of its own.
      if (/^\s+of\s+(?:whom|them|those)\s+(?:had\s+|have\s+|were\s+|was\s+|are\s+)?(?:later\s+|reportedly\s+|allegedly\s+)?(?:died|dead|killed|perished|executed|tortured|wounded|injured|seriously|severely|sick|ill)\b/i.test(after)) continue;

      // 1. What it counts.
      let phrase = phraseAfter(after);
      let category: Category | null = null;
      let party: string | null = null;
      const bodiesOf = /\b(?:bodies|remains|body)\s+of\s+(?:what\s+(?:\w+\s+){0,2}?(?:said|says|claimed|claims|described as|called)\s+(?:were|was|are|as)\s+)?(?:the\s+|an?\s+|some\s+)?(?:additional\s+|another\s+|more\s+|other\s+|further\s+)?(?:(?:more than|over|at least|about|nearly|almost|around|some|approximately|up to)\s+)?$/i.test(before);
      if (m.form === "zero" && (phrase.category === null || phrase.category === "other")) {
        // "received none of its own": zero refers back to the figure just given.
        if (!/^\s+(?:of\s+(?:its|their|our|them|the)\b|in return|back)/i.test(after)) continue;
      }
      if (m.value === 1 && m.form === "words" && (phrase.category === null || phrase.category === "other")) continue;
      if (m.formula && (phrase.category === null || phrase.category === "other")) {
        // A formula named away from its noun ("exchange of bodies ... based on a 6,000-for-6,000 formula").
        const nouns = wordsIn(text).map(({ w, at }) => ({ c: headCategory(w.toLowerCase()), at })).filter((x) => x.c === "bodies" || x.c === "persons" || x.c === "soldiers" || x.c === "civilians");
        const nearest = [...nouns].sort((a, b) => Math.abs(a.at - m.start) - Math.abs(b.at - m.start))[0];
        // "agreed on a thousand for a thousand exchange": a swap that names no noun is one of prisoners.
        // "An exchange of 84 for 84 took place": so is a formula that an exchange names.
        if (nearest === undefined && !/^\s*["”»']?\s*(?:prisoner\s+|pow\s+)?(?:exchange|swap|formula|format|deal)\b/i.test(after) && !/\b(?:exchange|swap)\s+(?:of|on the basis of|under)\s+(?:the\s+)?$/i.test(text.slice(Math.max(0, m.start - 40), m.start))) continue;
        if (nearest === undefined) phrase = { ...phrase, category: "persons" };
        else {
          const bodiesJustBefore = /\b(?:bodies|remains|fallen|dead)\b[^,;.]{0,70}$/i.test(text.slice(Math.max(0, m.start - 80), m.start));
          phrase = { ...phrase, category: bodiesJustBefore ? "bodies" : (nearest.c as Category) };
        }
      }
      if (phrase.category === "other" && !bodiesOf) continue;
      // "Those freed include 82 privates and sergeants and 21 officers": ranks and other sub-groups after "include" are parts.
      if (!bodiesOf && SUBGROUP_HEADS.test(/^\s*([\w’'-]+)/.exec(after)?.[1]?.toLowerCase() ?? "") && /\b(?:includ\w*|among(?:\s+them|\s+whom)?|of (?:whom|them|those|which)|comprising|consisting of)\b[^.;]{0,60}$/i.test(before)) continue;
      // "on December 6, Ukraine returned 60 troops. … 34 defenders of Mariupol returned, including 14 from Azovstal": a group
      // named by where it fought or was held, after a larger figure told just before, is part of it; so is "including N from X".
      const largerBefore = drafts.some((d) => d.kind === "event" && d.value !== null && d.value > m.value && s.start - d.at <= 600);
      if (!bodiesOf && largerBefore && (phrase.category === "soldiers" || phrase.category === "persons") && /^\s+of\s+(?:the\s+)?[A-Z][\w’'-]+/.test(after.slice(phrase.end))) continue;
      if (!bodiesOf && /\b(?:including|among them)\s*$/i.test(before) && /^\s+from\s+(?:the\s+)?[A-Z][\w’'-]+/.test(after) && mentions.some((o) => o.end <= m.start)) continue;
      // "Ukraine retrieved 49 … among those freed are 23 soldiers and sergeants, and 19 officers": those named among the
      // freed, after a larger figure just told, are parts of it.
      if (!bodiesOf && largerBefore && phrase.category !== "civilians" && /\bamong\s+(?:those|the)\s+(?:\w+\s+)?(?:freed|released|returned|exchanged|liberated|rescued)\s+(?:\w+\s+)?(?:are|were|is|was)\s+(?:(?:about|some|nearly|almost|over|more than)\s+)?$/i.test(before)) continue;
      // "30 prisoners of war were returned … 'Five officers and 17 servicemen were exchanged'": the rank and file beside the
      // officers, after a larger figure told before, are a split by rank of it (with no whole told, the figure stays).
      if (!bodiesOf && phrase.category === "soldiers" && drafts.some((d) => d.kind === "event" && d.value !== null && d.value > m.value) && (/\b(?:officers?|commanders?|sergeants?)\s+and\s+$/i.test(before) || /^\s*(?:[\w’'-]+\s+){0,3}?and\s+(?:\w+\s+){0,2}?(?:officers?|commanders?)\b/i.test(after.slice(phrase.end)))) continue;
      // "132 Ukrainian men and eight women", "20 female and 80 male defenders": a split by sex is parts of a whole, each a sub-group.
      const sex = bodiesOf ? null : /^\s*(?:[\w’'-]+\s+){0,2}?(men|male|women|female)\b/i.exec(after.slice(0, phrase.end + 12));
      if (sex !== null) {
        const opposite = /^(?:men|male)$/i.test(sex[1]!) ? /^\s*(?:[\w’'-]+\s+){0,2}?(?:women|female)\b/i : /^\s*(?:[\w’'-]+\s+){0,2}?(?:men|male)\b/i;
        if (mentions.some((o) => o.start !== m.start && Math.abs(o.start - m.start) <= 60 && opposite.test(text.slice(o.end, o.end + 30)))) continue;
      }
      if (bodiesOf) category = "bodies";
      else if (phrase.category === "subgroup") {
        // A sub-group is a new total only when it is the only figure about captives in the sentence.
        const others = mentions.filter((o) => o.start !== m.start && ["persons", "soldiers", "civilians", "bodies"].includes(String(phraseAfter(text.slice(o.end)).category)));
        const partOf = /\b(?:includ\w*|among(?:\s+them|\s+whom)?|of (?:whom|them|those|which)|comprising|consisting of|in particular|namely|specifically|among the)\b[^.;]{0,60}$/i.test(before);
        // "exchanging a total of 218 detainees, including 108 Ukrainian women": a part of an exchange told for both
        // sides together that names one side is that side's count.
        const bothSides = inSentence.at(-1);
        if (partOf && phrase.party !== null && phrase.party !== "ours" && bothSides !== undefined && bothSides.direction === "total" && bothSides.kind === "event" && /^\s*(?:[\w’'-]+\s+){0,2}?(?:women|men)\b/i.test(after)) {
          push({ ...bothSides, direction: `to_${phrase.party}`, value: m.value, qualifier: m.qualifier, at: s.start + m.start });
          continue;
        }
        // "… they managed to free 23 Ukrainian women", after "49 Ukrainians" of the same story just told: a part of it
        // ("Separately, eight wounded were also released" is a figure of its own).
        const partOfStory = largerBefore && !/\b(?:separately|in addition|additionally|another|also|more|besides)\b/i.test(text);
        if (others.length > 0 || partOf || partOfStory || /\b(?:them|those)\b/i.test(after.slice(0, 20))) continue;
        // "1,641 children have been returned" (deported children brought back): not a count of exchanged captives.
        if (/^\s*(?:[\w’'-]+\s+){0,2}?(?:children|kids|minors|teenagers|boys|girls)\b/i.test(after.slice(0, phrase.end + 1))) continue;
        category = /officer|private|sergeant|commander/i.test(after.slice(0, phrase.end)) ? "soldiers" : "persons";
      } else if (phrase.category !== null && phrase.category !== "other") category = phrase.category;
      // "3,135 citizens, including 147 civilians": a part of the whole just given, with its kind, direction and day.
      // "84 Ukrainians — 76 soldiers and eight civilians — were released": an aside between dashes splits the whole before it.
      const dashAside = inSentence.length > 0 && /\s[—–]\s+[^—–.;]{0,50}$/.test(before);
      if ((category === "soldiers" || category === "civilians") && (dashAside || /\b(?:includ\w*|among(?:\s+them|\s+whom)?|of (?:whom|them|those|which)|comprising|consisting of)\b[^.;]{0,50}$/i.test(before))) {
        // With no whole in the sentence, a split of soldiers and civilians ("The Ukrainian prisoners included 76 soldiers
        // and eight civilians") still belongs to the figure just told; a lone sub-group ("include 27 soldiers") does not.
        const split = /\b(?:soldiers?|servicem[ae]n|military|troops|defenders)\b/i.test(text) && /\bcivilians?\b/i.test(text);
        // "2,430 people returned home. Among them, 139 civilians.": a sentence that opens on the whole just told.
        // "... 197 people on Friday. The returned include 8 civilians": the civilians among the returnees just told.
        const anaphoric = /^\W*(?:among (?:them|those|whom)|of (?:them|those|whom)|including)\b/i.test(text) || (category === "civilians" && /^\W*(?:the\s+)?(?:returned|returnees|freed|released|liberated|those\s+(?:freed|released|returned)|(?:freed|released|returned)\s+(?:prisoners|people|ukrainians|captives|group))\s+(?:\w+\s+)?(?:include|included|includes|were|are)\b/i.test(text));
        const lastWhole = drafts.filter((d) => d.kind === "event" || d.kind === "cumulative").at(-1);
        const whole = inSentence.at(-1) ?? (split || (anaphoric && lastWhole !== undefined && s.start - lastWhole.at <= 400) ? lastWhole : undefined);
        if (whole === undefined || whole.kind === "target" || whole.kind === "stock" && category !== "civilians") continue;
        if (inSentence.length === 0 && whole.direction === "each_side") {
          const side = partyWord(/\b(Ukrainian|Russian)\s+(?:prisoners|pows|captives|side)\b/i.exec(text.slice(0, m.start))?.[1] ?? "");
          if (side !== null) {
            push({ ...whole, direction: `to_${side}`, metric: metricOf(category, whole.kind), value: m.value, qualifier: m.qualifier, at: s.start + m.start });
            continue;
          }
        }
        push({ ...whole, metric: whole.kind === "stock" ? whole.metric : metricOf(category, whole.kind), value: m.value, qualifier: m.qualifier, at: s.start + m.start, group: whole.kind === "stock" ? category : whole.group });
        continue;
      }
      if (phrase.party !== null) party = phrase.party === "ours" ? "ours" : phrase.party;

      // "Of them, 526 are civilians", "The remaining seven are civilians": a part of the whole just given.
      const predicate = PART_PREDICATE.exec(after);
      if (category === null && predicate !== null) {
        // "… 4,337 are in captivity. Among them, 1,953 have been liberated. Of those taken captive, 3,574 are military
        // personnel and 763 are civilians": parts that add up to a figure told just before are that figure's parts.
        const parts = mentions.filter((o) => PART_PREDICATE.test(text.slice(o.end)));
        const sum = parts.reduce((n, o) => n + o.value, 0);
        const summed = parts.length >= 2 ? drafts.slice(-6).reverse().find((d) => d.value === sum) : undefined;
        if (summed !== undefined && summed.kind === "stock") continue;
        const whole = summed ?? inSentence.at(-1) ?? drafts.at(-1);
        if (whole !== undefined && whole.kind !== "target" && whole.kind !== "stock" && /^civilian|^soldier|^servicem|^military/i.test(predicate[1]!)) {
          const part: Category = /civilian/i.test(predicate[1]!) ? "civilians" : "soldiers";
          push({ ...whole, metric: metricOf(part, whole.kind), value: m.value, qualifier: m.qualifier, at: s.start + m.start });
        }
        continue;
      }

      let elliptical = false;
      if (category === null) {
        // "500 so far", "174 have returned", "103 of them": the noun is the one the text is already talking about.
        if (!/^\s*(?:more|others|so far|in return|in exchange|in (?:the\s+|a\s+|an\s+)?(?:largest|biggest|latest|new|first|second|third|fourth|another|next)\s+(?:[\w-]+\s+)?(?:swap|exchange|repatriation)|each|on (?:each|both) sides?|per side|from (?:each|both) sides?|apiece|of them|of those|of whom|--|—|–|-|,|\.|;|:|\)|$|have|has|were|was|are|had|people|in total|altogether|in all|returned|released|freed|exchanged|swapped|came|went|will|would|had|is|to|at|from|(?:on|last)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|on\s+(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?\b|in\s+(?:19|20)\d\d\b)/i.test(after) && m.form !== "zero") continue;
        // The words before the figure: the sentence's words read once, the last one cut at the figure as a prefix would.
        sentenceWords ??= wordsIn(text);
        const mentioned = sentenceWords.filter(({ at }) => at < m.start).map(({ w, at }) => ({ w: at + w.length > m.start ? w.slice(0, m.start - at) : w })).map(({ w }) => headCategory(w.toLowerCase())).filter((c): c is Category => c === "persons" || c === "soldiers" || c === "civilians" || c === "bodies");
        const ante = [...antecedents].reverse().find((a) => a.sentence === i || (a.sentence >= i - 2 && a.paragraph >= s.paragraph - 1) || (s.quote !== null && a.quote === s.quote));
        if (mentioned.length > 0 && (ante === undefined || ante.sentence !== i)) {
          category = mentioned.at(-1)!;
          if (/\bbodies|remains\b/i.test(text.slice(0, m.start)) && category !== "civilians") category = /\bbodies|remains\b/i.test(text.slice(Math.max(0, m.start - 120), m.start)) ? "bodies" : category;
        } else if (ante !== undefined) {
          // "Two civilians were also freed, bringing the total returned to 392": the total is of everyone, not of the part just named.
          category = REACHED_BEFORE.test(before) && (ante.category === "civilians" || ante.category === "soldiers") ? "persons" : ante.category;
        } else if (/^\s+(?:released|freed|exchanged|swapped|returned|repatriated|rescued|liberated)\b/i.test(after) && /\b(?:prisoners?|pows?|captives?|civilians?|soldiers|servicem[ae]n|defenders|people|detainees)\b/i.test(`${sentences[i - 1]?.text ?? ""} ${text}`)) {
          // "Among the 390 released were 120 civilians": people, named by the participle, when the story is of captives.
          category = "persons";
        } else if (REACHED_BEFORE.test(before) && /\b(?:exchanges?|swaps?|prisoners?|pows?|captivity|repatriation|bodies|remains)\b/i.test(`${sentences[i - 1]?.text ?? ""} ${text}`)) {
          // "The exchange was the 71st, bringing the number returned to 5,757": the running count of what the story tells.
          category = /\b(?:bodies|remains|repatriation)\b/i.test(text) ? "bodies" : "persons";
        } else continue;
        elliptical = true;
      }
      antecedents.push({ sentence: i, paragraph: s.paragraph, quote: s.quote, category, party: party === "ours" ? null : party });

      // 2. What happened to them.
      const clause = clauseOf(m.start, m.end + phrase.end);
      const lead = text.slice(clause[0], m.start);
      const rest = text.slice(m.end, clause[1]);
      const near = text.slice(Math.max(clause[0], m.start - 70), Math.min(clause[1], m.end + phrase.end + 70));
      // "Past swaps have seen hundreds exchanged. The most recent, in December 2024, involved 189 Ukrainians": the
      // sentence opens on one of the exchanges the last one named.
      const anaphoricExchange = i > 0 && /^\W*the\s+(?:most\s+recent|latest|last|previous|first|second|third|next)(?:\s+one)?\s*,/i.test(text) && /\b(?:exchanges|swaps)\b/i.test(sentences[i - 1]!.text) && /\b(?:involv|includ|saw|freed|brought)\w*/i.test(text);
      // "- 390 people returned on May 23; - 307 on May 24;": a verbless item of a list, or a verbless "Then 307 on May 24",
      // goes on with the return the line before told.
      const verbless = elliptical && !/\b(?:is|are|was|were|has|have|had|will|would|said|says)\b/i.test(text) && !/\b\w+(?:ed|ing)\b/i.test(text.replace(/\b(?:on|in)\s+\w+\b/g, ""));
      let telling = i - 1;
      while (telling > 0 && telling > i - 8 && BULLET.test(sentences[telling]!.text) && BULLET.test(text) && !RETURN_VERB.test(sentences[telling]!.text)) telling--;
      const goesOn = verbless && telling >= 0 && s.paragraph - sentences[telling]!.paragraph <= i - telling && RETURN_VERB.test(sentences[telling]!.text) && /^\s*(?:[-–—•]\s+|then\b|and\b|plus\b)/i.test(text);
      const sentenceHasReturn = RETURN_VERB.test(text) || NOMINAL_RETURN.test(before) || anaphoricExchange || goesOn;
      const lead70 = lead.slice(-70);
      const returnBefore = lastMatch(RETURN_VERB, lead70);
      const returnAfter = firstMatch(RETURN_VERB, rest.slice(0, 100));
      const targetBefore = lastMatch(TARGET_CUE, lead70);
      // A return verb that is finite ("released 500") says it happened; an infinitive or a noun ("to hand over", "the exchange of") does not.
      const beforeVerb = returnBefore === null ? "" : lead70.slice(0, returnBefore.index);
      // "managed to return" happened; "to hand over", "will hand over", "the exchange of" did not (yet).
      const achieved = /\b(?:managed|able|succeeded|helped)\s+to\s+(?:\w+\s+)?$/i.test(beforeVerb);
      const modal = /\b(?:will|would|shall|could|can|must|may|might|should|going to|plans? to|intends? to|wants? to|ready to|prepared to|willing to|willingness to|readiness to|offered to|agreed to|promised to|pledged to|committed to|operation to)\s+(?:[“"‘]?\w+[”"’]?\s+){0,2}[“"‘]?$/i.test(beforeVerb);
      const finiteReturn = returnBefore !== null && !modal && (achieved || !/\b(?:to|the|of|an?|for|on|new|mutual|further|possible|next|another)\s+(?:\w+\s+)?$/i.test(beforeVerb)) && !/^(?:exchange|swap|release|return|transfer|repatriation|handover)\s+of\b/i.test(lead70.slice(returnBefore.index));
      const pastReturnAfter = /^[^.;]{0,80}?\b(?:were|was|have been|has been|had been|got|are being|are|had)\s+(?:\w+\s+)?(?:return|releas|freed|exchang|swapp|hand|transferr|repatriat|brought|rescu|liberat|retriev|receiv)/i.test(rest) || /^[^.;]{0,25}?\b(?:returned|came|went|arrived|come)\s+(?:home|back|to)/i.test(rest) || /^[^.;]{0,25}?\b(?:(?:are|is|were)\s+(?:now\s+|finally\s+|already\s+)?(?:back\s+)?home|back\s+home)\b/i.test(rest);
      let kind: Kind | null = null;
      // "… a process completed by June 16 with 6,057 bodies transferred. In exchange, Ukraine returned 79 …": the other
      // side of the running count just told, over the same days.
      let counterOf: Draft | null = null;
      let commitment: Draft["commitment"] = null;
      // "is refusing to accept the return of 1,000": what one side refuses has not happened; it is the other's offer.
      const refused = /\b(?:refus\w*|declin\w*|reject\w*|unwilling|not\s+ready)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:accept|take|receive|exchange|collect|return)?\b[^.;]{0,40}$/i.test(lead70) && !/\b(?:refus\w*|declin\w*)\s+to\s+(?:say|give|disclose|specify|reveal|comment|confirm)\b/i.test(lead70);
      const formulaEvent = m.formula && /\b(?:exchanged|swapped|carried out|took place|there was an exchange|conducted|completed|returned|handed over|received)\b/i.test(text) && !/\b(?:agree\w*|deal|will|would|plan\w*|propos\w*|under|as part of|memorandum|accord|complet\w*|conclud\w*|finali[sz]\w*|within)\b/i.test(lead.slice(-50) + rest.slice(0, 40));
      // "announced the completion of the repatriation ... and the return of more than 6,000": a finished process.
      const completion = /\b(?:announc\w*|report\w*|confirm\w*|marked|declared)\s+(?:the\s+)?complet(?:ion|ed)\b/i.test(text.slice(0, m.start)) && !modal;
      const staged = STAGED_AFTER.test(rest) && !pastReturnAfter;
      if (refused || staged) kind = "target";
      else if (m.formula && !formulaEvent) kind = "target";
      else if (!finiteReturn && !pastReturnAfter && NOMINAL_RETURN.test(before) && returnAfter === null && /\bagree\w*|\bdeal\b|\bwill\b|\bplan\w*/i.test(text) && !EVENT_CUE.test(text) && !completion) kind = "target";
      // "announced the completion of the repatriation under the Istanbul agreements and the return of more than 6,000": done, not agreed.
      else if (!pastReturnAfter && (FUTURE_AFTER.test(rest) || (targetBefore !== null && (!finiteReturn || targetBefore.index >= returnBefore!.index) && !/\bunder\s+(?:\w+\s+){0,4}$/i.test(lead.slice(-40)) && !(completion && NOMINAL_RETURN.test(before)))))
        kind = "target";
      // "50 soldiers who had been imprisoned were released", "94 Russians in Ukrainian captivity had been released": held until freed.
      else if (category !== "bodies" && !/^[^.;,\d]{0,100}?\b(?:were|was|have been|has been|had been|are being|got)\s+(?:\w+\s+)?(?:return|releas|freed|exchang|swapp|hand|transferr|repatriat|brought back|sent back)/i.test(rest) && !/^[^.;\d]{0,100}?\b(?:returned|came|went|got)\s+(?:back\s+)?home\b/i.test(rest) && heldNearer(blankModifiers(near), m.start - Math.max(clause[0], m.start - 70), finiteReturn ? lead70.length - returnBefore!.index : Infinity, returnAfter?.index ?? Infinity) && !NOMINAL_RETURN.test(before) && !/\bfrom\s+(?:\w+\s+)?captivity\b/i.test(near)) kind = "stock";
      else if (formulaEvent || returnBefore !== null || returnAfter !== null || NOMINAL_RETURN.test(before) || pastReturnAfter || (sentenceHasReturn && elliptical) || (sentenceHasReturn && bodiesOf)) kind = "event";
      else if (sentenceHasReturn && (exchangeInReach(text, m.start, rest) || anaphoricExchange)) kind = "event";
      else continue;
      if (kind === "target") {
        if (!refused && !staged && !TALKS.test(text) && !m.formula && !FUTURE_AFTER.test(rest) && targetBefore === null) continue;
        // A handover one side has staged is its offer until it is done: it counts toward no deal.
        commitment = refused || staged || (OFFER_CUE.test(lead.slice(-60) + " " + rest.slice(0, 40)) && !/\bagree\w*\b/i.test(lead.slice(-60))) ? "offered" : "agreed";
      }
      // "1,200 Ukrainians will be returned in exchange for 1,200 Russians": the other side of a deal is the deal's too.
      const dealBefore = inSentence.at(-1);
      if (kind !== "target" && dealBefore !== undefined && dealBefore.kind === "target" && /\b(?:in exchange for|in return for|for)\s+(?:the\s+)?$/i.test(before)) {
        kind = "target";
        commitment = dealBefore.commitment;
      }
      if (kind === "event") {
        // Cues are read without superlatives: "in the largest swap since the start of the invasion, 390 were returned".
        const plain = withoutSuperlatives(text);
        const span = plain.slice(Math.max(0, m.start - 90), Math.min(text.length, m.end + 90));
        // "most recently on May 31, when 71 ... were released": the when-clause belongs to the day before it.
        // "3,767 since the war started, including 150 on Friday": the part's day is not the whole's.
        const including = text.indexOf(", including ", m.end);
        const ownEnd = including >= 0 && including < clause[1] ? including : clause[1];
        const own = dates.some((d) => (d.start >= clause[0] || /^\s*,\s*when\s*$/.test(text.slice(d.end, clause[0]))) && d.start < ownEnd && !PREP_EXCLUDED.has(d.preposition) && !inSince(d.start) && !ofTelling(d) && (d.expr._tag === "Full" || d.expr._tag === "MonthDay" || d.expr._tag === "Span" || d.expr._tag === "Weekday" || d.expr._tag === "LastWeekday" || d.expr._tag === "Relative" || d.expr._tag === "Weekend" || d.expr._tag === "DayOfMonth"));
        const wide = plain.slice(Math.max(0, m.start - 150), Math.min(text.length, m.end + 90));
        const clauseText = plain.slice(clause[0], ownEnd);
        const pluperfectBefore = /\bhad\s+(?:already\s+)?(?:\w+\s+)?(?:handed|returned|released|received|transferred|repatriated|freed|sent|given)\b[^.;]{0,40}$/i.test(lead) && BEFORE_EXCHANGE.test(rest);
        const cumulativeCue = REACHED_BEFORE.test(before) || (CUMULATIVE_CUE.test(span) && !/\b(?:brings?|bringing)\s+the\s+total\b/i.test(rest.slice(0, 60))) || INVASION.test(plain) || STRONG_CUMULATIVE.test(wide) || PROCESS_CUMULATIVE.test(wide) || pluperfectBefore;
        // "The sides swapped 300 prisoners in all": "in all" after a simple past act sums one exchange, it is no running count.
        const summedAct = /\b(?:swapped|exchanged|traded|released|freed)\s+(?:[\w-]+\s+){0,3}$/i.test(lead.slice(-50)) && !/\b(?:has|have|had)\s+(?:\w+\s+)?(?:swapped|exchanged|traded|released|freed)\b/i.test(lead.slice(-60)) &&
          /^\s*(?:[\w-]+\s+){0,3}?(?:in all|in total|altogether)\b/i.test(after) && !/\b(?:so far|to date|since)\b/i.test(span);
        const eventCue = EVENT_CUE.test(span) || own || summedAct;
        const strong = REACHED_BEFORE.test(before) || STRONG_CUMULATIVE.test(wide) || PROCESS_CUMULATIVE.test(wide) || pluperfectBefore || /\b(?:so far|to date|in total|overall|altogether|(?:over|within) (?:the )?(?:past |last )?(?:two|three|four|five) days)\b/i.test(span) || (/\bsince\b/i.test(clauseText) && !own);
        // A figure with no day or phase of its own that is larger than any one exchange has been is a running count.
        const beyondOneExchange = m.value >= (category === "bodies" ? LARGEST_REPATRIATION : LARGEST_EXCHANGE);
        if ((cumulativeCue && (!eventCue || strong)) || (!eventCue && PERFECT.test(text.slice(Math.max(0, m.start - 70), m.end + 60)) && m.value >= (category === "bodies" ? 3000 : PERFECT_MIN)) || (!eventCue && beyondOneExchange))
          kind = "cumulative";
        // "... returned more than 6,000, while receiving only 57 in return": a figure set against another shares its kind.
        const prev = inSentence.at(-1);
        // "6,060 bodies were returned in exchange for 78 Russian bodies": the counterpart of a running count is one too.
        const counterpart = /\b(?:in exchange for|in return for)\s+(?:the\s+)?(?:bodies\s+of\s+|remains\s+of\s+)?(?:(?:only|just|more than|over|about|some|nearly|almost|at least)\s+)?$/i.test(before);
        if (kind === "event" && prev !== undefined && prev.kind === "cumulative" && (((elliptical || /^\s*in return\b/i.test(after)) && !eventCue) || (counterpart && !own))) kind = "cumulative";
        const told = drafts.at(-1);
        if (kind === "event" && inSentence.length === 0 && /^\W*(?:in exchange|in return)\b/i.test(text) && told !== undefined && told.kind === "cumulative" && s.start - told.at <= 400 && dates.length === 0) {
          kind = "cumulative";
          counterOf = told;
        }
        // "... swapped 300 prisoners in all, 150 each": the figure that breaks down one exchange is of that exchange.
        if (kind === "cumulative" && prev !== undefined && prev.kind === "event" && elliptical && !strong && /,\s*$/.test(before)) kind = "event";
        // "Since the invasion, Ukraine has returned 5,857. Outside of exchanges, another 555 have been returned.": a
        // further count in the perfect, right after a running count and with no day of its own, is counted the same way.
        const lastCount = drafts.at(-1);
        // Its scope is left unknown: "outside of exchanges" or "under the agreements" is a count of its own, not a part of the first.
        if (kind === "event" && inSentence.length === 0 && lastCount !== undefined && lastCount.kind === "cumulative" && s.start - lastCount.at <= 300 && !own && /\b(?:another|a further|also|in addition|additionally)\b/i.test(lead) && PERFECT.test(text.slice(m.start, m.end + 60))) kind = "cumulative";
        // "16,000 Ukrainian civilians are held, of whom only 174 have returned": those released so far, out of a stock.
        // "More than 25 thousand civilian hostages are in Russian captivity, Ukraine managed to return only 144 people":
        // so is "only N" that a side managed to bring back, set against a stock and with no day of its own; those
        // released are of the stock's group.
        const outOfStock = kind === "event" && prev !== undefined && prev.kind === "stock" &&
          ((/\b(?:of whom|of them|of those)\b/i.test(before) && PERFECT.test(text.slice(m.start, m.end + 40))) ||
            (!own && /\b(?:only|just)\s+$/i.test(before) && (PERFECT.test(lead.slice(-60) + text.slice(m.start, m.end + 40)) || /\bmanaged\s+to\s+\w+\s+(?:\w+\s+)?$/i.test(lead.slice(-60)))));
        if (outOfStock) {
          kind = "cumulative";
          if (prev.group === "civilians" && (category === "persons" || category === null)) category = "civilians";
        }
      }

      // 3. Whose people.
      const who = speakerAt(m.start);
      const speakerParty = partyOf(who.name);
      let direction: string | null = null;
      if (m.formula || EACH_AFTER.test(after) || EACH_BEFORE.test(before)) direction = "each_side";
      // "A total of 246 people were freed on both sides": both sides together, when only "both sides" said it was each.
      if (direction === "each_side" && !m.formula && (/\b(?:a\s+total\s+of|in\s+total|altogether|in\s+all|combined)\s*(?:more than\s+|over\s+|about\s+|some\s+|nearly\s+|almost\s+)?$/i.test(lead.slice(-40)) || /^\s*(?:[\w-]+\s+){0,3}?(?:in all|in total|altogether|combined)\b/i.test(after)) &&
        !/^[^.;]{0,40}?\b(?:each|per side|apiece)\b/i.test(after.split(/,/)[0] ?? "") && !/\beach\b/i.test(before.slice(-40)))
        direction = "total";
      // "390 people had been freed on Friday, 307 on Saturday and 303 on Sunday": a list of days keeps the first one's side.
      const listed = inSentence.at(-1);
      if (direction === null && elliptical && listed !== undefined && /^\s*(?:on|last)\s+\w+day\b/i.test(after) && /(?:,|\band|\bthen)\s*$/i.test(before))
        direction = Claim.receiverOf(listed.direction) ?? (listed.direction === "each_side" || listed.direction === "total" ? listed.direction : null);
      if (party === "ours") party = speakerParty ?? (/\b(?:we|our)\b/i.test(text) && s.quote !== null ? speakerParty : null) ?? "ukraine";
      if (direction === null && party === null && /^(?:defenders?|heroes)$/i.test(wordsIn(after.slice(0, phrase.end)).at(-1)?.w ?? "")) party = "ukraine";
      if (direction === null && party === null && /^(?:occupiers|invaders)$/i.test(wordsIn(after.slice(0, phrase.end)).at(-1)?.w ?? "")) party = "russia";
      // "115 prisoners captured by Ukraine", "troops held by Kyiv": the captor's opposite side.
      const captor = party === null && direction === null ? /^[^.;,]{0,50}?\b(?:captured|held|detained|taken prisoner|imprisoned)\s+by\s+(?:the\s+)?(Ukrain\w*|Russia\w*|Kyiv|Kiev|Moscow)\b/i.exec(after) : null;
      if (captor !== null) party = otherParty(partyWord(captor[1]!) ?? "");
      if (direction === null && party !== null) direction = party;
      // "Russia has exchanged 103 prisoners of war with Ukraine": an exchange with the other side is of each side.
      if (direction === null && kind !== "stock" && kind !== "target" && /\b(?:exchang|swap|trad)\w*\s+(?:(?:a\s+)?total\s+of\s+|about\s+|some\s+|another\s+|more than\s+)?$/i.test(lead.slice(-40)) && /^[^.;,]{0,60}?\bwith\s+(?:the\s+)?(?:Russia|Ukraine|Kyiv|Kiev|Moscow|Russian side|Ukrainian side)\b/.test(after))
        direction = TOTAL_CUE.test(lead.slice(-40)) ? "total" : "each_side";
      if (direction === null && kind !== "stock") {
        const dest = destination(text.slice(m.end + phrase.end, clause[1]), near);
        if (dest !== null) direction = dest;
      }
      if (direction === null && kind === "stock") {
        const where = /\b(?:in|by)\s+(Russian|Ukrainian|Russia|Ukraine|Moscow|Kyiv|Kiev)(?:'s)?\s*(?:captivity|custody|prisons?)?/.exec(near);
        if (where !== null) direction = otherParty(partyWord(where[1]!) ?? "") ?? null;
        else {
          const holder = /\b(Russia|Ukraine|Moscow|Kyiv|Kiev)\s+(?:\w+\s+){0,2}(?:holds|held|is holding|has|had|captured|detains|is detaining)\b/.exec(text.slice(0, m.start));
          if (holder !== null) direction = otherParty(partyWord(holder[1]!) ?? "");
        }
      }
      if (direction === null && kind !== "stock") {
        // Both parties as the subject of an exchange: each side, or both together when the text says "a total".
        const subject = text.slice(0, m.start);
        // "In the exchange with Russia, Ukraine has returned 144": a singular verb makes the second party the subject alone.
        const both = /\b(?:Russia|Moscow|Russian)\b[^.;]{0,40}\b(?:and|,)\s+(?:\w+\s+)?\b(?:Ukraine|Kyiv|Kiev|Ukrainian)\b(?!\s+(?:has|is|was)\b)|\b(?:Ukraine|Kyiv|Kiev|Ukrainian)\b[^.;]{0,40}\b(?:and|,)\s+(?:\w+\s+)?\b(?:Russia|Moscow|Russian)\b(?!\s+(?:has|is|was)\b)|\b(?:the two|both) (?:sides|countries|parties|nations)\b|\bthe (?:sides|parties)\b/.test(subject);
        if (both && /\b(?:exchang\w*|swap\w*|trad\w*|releas\w*|freed|frees?)\b/i.test(lead + " " + rest.slice(0, 30))) direction = TOTAL_CUE.test(lead.slice(-40) + rest.slice(0, 20)) ? "total" : "each_side";
      }
      // "Two Ukrainian pilots were freed alongside 85 soldiers": a figure added to the one before goes the same way.
      const added = inSentence.at(-1);
      if (direction === null && added !== undefined && Claim.isPartyDirection(added.direction) && added.kind === kind && /\b(?:alongside|along with|together with|as well as|in addition to|besides|plus)\s+(?:(?:another|more than|over|about|some|nearly|almost|at least)\s+)?$/i.test(before))
        direction = added.direction.replace(/^to_/, "");
      if (direction === null && kind === "target" && /\b(?:exchange|swap)\s+of\s+(?:(?:up to|about|around|at least|more than|over|nearly|some)\s+)?$/i.test(before)) direction = "total";
      if (direction === null && kind !== "stock") {
        // The subject of the verb nearest before the figure: "Ukraine received 49", "Russia handed over ... and took away 60".
        const recv = lastIndexOf(RECEIVE_VERB, lead.slice(-80));
        const give = Math.max(lastIndexOf(GIVE_VERB, lead.slice(-80)), forGiving(lead.slice(-80)));
        const verbAt = Math.max(recv, give);
        if (verbAt >= 0) {
          const lead80 = lead.slice(-80);
          const upTo = text.slice(0, m.start - (lead80.length - verbAt));
          // The subject: the last party named before the verb that is not the object of a preposition ("exchange with Russia")
          // nor the second of a pair ("Russia and Ukraine"); after anything else, "and" opens a clause of its own ("..., and Moscow
          // got 24", "with Ukraine receiving 757 and Russia obtaining 45").
          const subjects = [...upTo.slice(-100).matchAll(/(?<!\b(?:with|from|to|by|against|of|for|in|into|on|between)\s+(?:the\s+)?)(?<!\b(?:Russia|Ukraine|Moscow|Kyiv|Kiev|Russian|Ukrainian|Russians|Ukrainians)(?:['’]s)?\s+and\s+(?:the\s+)?)\b(Russia|Ukraine|Moscow|Kyiv|Kiev|Russian|Ukrainian|we|Russians|Ukrainians)\b(?:['’]s)?(?=(?:\s+[\w’'-]+){0,7}?\s*$)/gi)];
          const subj = subjects.at(-1) ?? null;
          let agent: string | null = subj === null ? null : /^we$/i.test(subj[1]!) ? speakerParty : partyWord(subj[1]!);
          if (agent === null && subj === null && speakerParty !== null && s.quote !== null) agent = speakerParty;
          // "Russia handed over the remains of 909 soldiers to Ukraine on Friday, receiving 34 in return": a participle
          // after a comma shares the subject of the sentence's main clause.
          if (agent === null && /^\w+ing\b/i.test(lead80.slice(verbAt)) && /,\s*$/.test(upTo)) {
            const main = /^\W*(?:the\s+)?(Russia|Ukraine|Moscow|Kyiv|Kiev)\b(?!['’]s)/.exec(text);
            if (main !== null) agent = partyWord(main[1]!);
          }
          // "Russia handed over 64 ... to Kyiv and took away 60": a second verb of the same subject turns the direction when it turns the act.
          const prior = inSentence.at(-1);
          // "... and is ready to hand over 3,000 more": the same subject, with an auxiliary or a readiness between.
          const AND_VERB = /\band\s+(?:then\s+|also\s+)?(?:(?:is|are|was|were|has|have|had|will|would|could|can)\s+)?(?:(?:also\s+)?(?:ready|prepared|willing|set|going|able|due|about)\s+to\s+|(?:expressed\s+)?(?:readiness|willingness)\s+to\s+|(?:offered|agreed|promised|pledged|plans?|intends?|wants?)\s+to\s+)?$/i;
          if (AND_VERB.test(upTo) && prior !== undefined && Claim.isPartyDirection(prior.direction) && (prior.kind === kind || kind === "target")) {
            const priorText = upTo.slice(0, upTo.search(AND_VERB));
            // Beside a second verb, "returned" is the giving side of the pair ("returned 1,200 ... and received none").
            const priorReceived = lastIndexOf(STRICT_RECEIVE_VERB, priorText) > Math.max(lastIndexOf(GIVE_VERB, priorText), lastIndexOf(/\b(?:return|repatriat)\w*/gi, priorText));
            const side = Claim.receiverOf(prior.direction)!;
            direction = (recv > give) === priorReceived ? side : otherParty(side);
          } else if (agent !== null) {
            // "Russia has handed over 212 bodies, while Ukraine returned 19": "returned" by the side that has just received
            // in the same sentence is what it gave in exchange.
            const contrast = prior !== undefined && (category !== "bodies" || prior.metric === "bodies_returned") && Claim.receiverOf(prior.direction) === agent && /^return/i.test(lead80.slice(verbAt)) && /\b(?:while|whereas|but|and)\s+(?:\w+\s+){0,3}$/i.test(upTo.slice(-40));
            // "Moscow had offered to return 6,000 bodies": what a side offers or agrees to return, it gives.
            const offeredReturn = /^(?:return|repatriat)/i.test(lead80.slice(verbAt)) && /\b(?:offer|ready|propos|prepared|willing|agree|promis|pledg|intend|plan)\w*\s+to\s+$/i.test(upTo.slice(-40));
            // "Ukraine returned 19 in exchange": what a side returns in exchange, it gives.
            const returnedInExchange = /^(?:return|repatriat)/i.test(lead80.slice(verbAt)) && /^\s*(?:\w+\s+){0,2}?in (?:exchange|return)\b/i.test(after);
            // "Russia returned 909 bodies": bodies Russia returns are the other side's (Ukraine's repatriations are of its own
            // fallen, "Ukraine returned the bodies of 140 servicemen"); "its soldiers' bodies" stay its own.
            const bodiesHandedBack = category === "bodies" && agent === "russia" && /^return/i.test(lead80.slice(verbAt)) && !/\b(?:its|their|own)\b/i.test(text.slice(Math.max(0, m.start - 40), m.end + 40));
            // "We freed 108 women from captivity" (Yermak): a side that frees from captivity, speaking of itself, brings its own back.
            const freedOwn = subj !== null && /^we$/i.test(subj[1]!) && /^(?:free|releas|liberat)/i.test(lead80.slice(verbAt)) && /^[^.;]{0,40}\bfrom\s+(?:\w+\s+)?captivity\b/i.test(after);
            const received = freedOwn || (!contrast && !offeredReturn && !returnedInExchange && !bodiesHandedBack && (recv > give || (/^(?:return|repatriat)/i.test(lead80.slice(verbAt)) && recv === give)));
            direction = received ? agent : otherParty(agent);
            if (/^(?:in exchange for|in return for)/i.test(lead80.slice(verbAt))) {
              const prior = inSentence.at(-1);
              direction = prior !== undefined && Claim.receiverOf(prior.direction) !== null ? otherParty(Claim.receiverOf(prior.direction)!) : otherParty(agent);
            }
          }
        }
      }
      if (direction === null && /\bin (?:exchange|return) for\s*$/i.test(before)) {
        const prior = inSentence.at(-1);
        if (prior !== undefined && Claim.receiverOf(prior.direction) !== null) direction = otherParty(Claim.receiverOf(prior.direction)!);
      }
      if (direction === null && /\b(?:exchange|swap)\s+of\s+(?:(?:up to|about|around|at least|more than|over|nearly|some)\s+)?$/i.test(before)) direction = "total";
      // "A total of 2,239 prisoners have been swapped": both sides together, when no side is named.
      if (direction === null && /^[^.;]{0,60}?\b(?:exchanged|swapped|traded)\b/i.test(rest) && /\b(?:a\s+total\s+of|in\s+total|altogether|in\s+all)\s*(?:more than\s+|over\s+|about\s+|some\s+)?$/i.test(lead.slice(-40))) direction = "total";
      // "In total, the number of those exchanged amounts to over 2,400": the people of both sides together.
      if (direction === null && /\b(?:number|total|count)\s+of\s+(?:those|people|prisoners|pows|captives|persons)\s+(?:exchanged|swapped|traded)\b[^.;\d]{0,40}$/i.test(lead)) direction = "total";
      // "Medinsky said 909 bodies had been handed over", "the Kremlin said 1,000 bodies were ready for transfer": what a side's
      // speaker says was handed over, with no side named, that side gave.
      if (direction === null && speakerParty !== null && HANDED_BY_SPEAKER.test(text.slice(clause[0], clause[1]))) direction = otherParty(speakerParty);
      if (direction === null) direction = speakerParty ?? "ukraine";
      const dirName = direction === "each_side" || direction === "total" ? direction : `to_${direction}`;

      // 4. When.
      const dated = dateFor(m.start, kind, who, clause, commitment);
      const { source, rank } = dated;
      // A page known only by its month (" date 2022-12 ", an address's "/2022/12/"): an exchange it tells with no day of its
      // own happened some day of that month, not on its last.
      const r = kind === "event" && rank < 3 && monthOnly && dated.r !== null && dated.r.from === monthEnd && dated.r.to === monthEnd ? { from: `${monthEnd!.slice(0, 8)}01`, to: monthEnd! } : dated.r;
      let validFrom: string | null = null, validTo: string | null = null;
      let agreement: Draft["agreement"] = null;
      if (r !== null) {
        if (kind === "cumulative") {
          validTo = r.to;
          const scoped = r.from !== r.to ? r.from : null;
          validFrom = scoped;
        } else if (kind === "stock") {
          validTo = r.to;
          validFrom = r.from !== r.to ? r.from : null;
        } else if (kind === "target") {
          // "..., completing the 1,000-for-1,000 swap", "under the 6,000-for-6,000 formula": a deal named by its
          // formula as already made is not dated by the day of what is done under it.
          const named = m.formula && /\b(?:under|as part of|within|complet\w*|conclud\w*|finali[sz]\w*)\b[^.;]{0,30}$/i.test(lead.slice(-50));
          validFrom = named ? null : r.from;
          validTo = null;
        } else {
          // An event covers its day, or the phase or part of a month it was placed in ("in mid-April": 11..20).
          validFrom = r.from;
          validTo = r.to;
        }
      }
      let dateSource: Draft["dateSource"] = r === null ? null : source;
      if (kind === "target" && validFrom === null && commitment !== "offered" && category !== "civilians") {
        // An agreement the article leaves undated: the round of talks that agreed that figure (the pack's calendar),
        // within the month the sentence places it in ("agreed last month", "In May, under the formula").
        const reference = who.date ?? published;
        const coarse = dates.find((d) => (d.expr._tag === "Month" || (d.expr._tag === "LastPeriod" && d.expr.unit === "month")) && !inSince(d.start));
        const window = coarse === undefined || reference === null ? null : Dates.resolve(coarse, reference, capOf(who.date));
        const day = Talks.dayOfDeal(category === "bodies" ? "bodies" : "persons", m.value, m.qualifier, reference, window);
        if (day !== null) { validFrom = day; dateSource = "reference"; }
      }
      if (kind === "cumulative") {
        // The window a running total covers, when the text gives its start.
        const scopeText = withoutSuperlatives(text).slice(Math.max(0, m.start - 160), Math.min(text.length, m.end + 120));
        if (INVASION.test(scopeText)) validFrom = "2022-02-24";
        else {
          const since = dates.find((d) => (d.preposition === "since" || d.preposition === "from") && Math.abs(d.start - m.start) < 160);
          const sr = since === undefined ? null : Dates.resolve(since, who.date ?? published, capOf(who.date));
          if (sr !== null) validFrom = sr.from;
        }
        // "since the beginning of the year": from the first day of the year (or month) of its as-of day.
        const startOf = /\bsince\s+the\s+(?:very\s+)?(?:beginning|start)\s+of\s+(?:the|this)\s+(year|month)\b/i.exec(scopeText);
        if (startOf !== null && validFrom === null && validTo !== null) validFrom = startOf[1]!.toLowerCase() === "year" ? `${validTo.slice(0, 4)}-01-01` : `${validTo.slice(0, 7)}-01`;
        const days = /\b(?:in|over|during|within)\s+(?:just\s+|only\s+)?(?:(?:these|those|the)\s+)?(?:past\s+|last\s+)?(two|three|four|five|\d)\s+days\b/i.exec(scopeText);
        // Counted back from a day the text gives, or from the report's own day when it says "the past three days";
        // "over three days" from a mere publication day would make the window up.
        if (days !== null && validTo !== null && validFrom === null && (source === "text" || /\b(?:past|last|these|those)\b/i.test(days[0]))) {
          const n = ({ two: 2, three: 3, four: 4, five: 5 } as Record<string, number>)[days[1]!.toLowerCase()] ?? (Number(days[1]) || 2);
          validFrom = Dates.shift(validTo, -(n - 1));
        }
        // "As part of these exchanges", "in these days": the series the article just told, from its first day.
        if (/\b(?:these|those|the) (?:\w+ )?(?:exchanges|swaps|stages|rounds|phases)\b/i.test(scopeText) && validFrom === null) {
          const series = narration.filter((n) => n.sentence < i && n.sentence >= i - 5).map((n) => n.day).sort();
          if (series.length > 0 && validTo !== null && series[0]! <= validTo) validFrom = series[0]!;
        }
        // Progress under a deal: "under the June 2 agreement", or "so far" right after the figure agreed.
        // A quote that ends by calling its figures the result of talks counts them under those talks.
        const resultOfTalks = s.quote !== null && sentences.slice(i).some((t, k) => t.quote === s.quote && RESULT_OF_TALKS.test(k === 0 ? t.text.slice(m.end) : t.text));
        const underDeal = AGREEMENT_SCOPE.test(scopeText) || resultOfTalks;
        const soFarAfterTarget = lastTarget !== null && i - lastTarget.sentence <= 2 && /\bso far\b/i.test(scopeText) && (s.quote === null || lastTarget.quote === s.quote);
        // "agreed to conduct a 1000-for-1000 exchange. … The exchange took place in three stages, with a total of 1,000":
        // the exchange just agreed, told by a definite reference to it, is the deal's progress.
        const theDeal = lastTarget !== null && i - lastTarget.sentence <= 3 && lastTarget.bodies === (category === "bodies") && validFrom === null &&
          (THE_DEAL.test(s.text) || (lastTarget.sentence === i && lastTarget.agreedOn !== null)) && (s.quote === null || lastTarget.quote === s.quote);
        if (underDeal || soFarAfterTarget || theDeal) {
          // The talks it is counted under: the last target's, the talks told so far, else the talks the article dates
          // later, else the round of the calendar that the sentence names by its place ("under the Istanbul agreements").
          const named = validTo === null ? null : Talks.roundNamed(category === "bodies" ? "bodies" : "persons", scopeText, validTo);
          agreement = { agreedOn: lastTarget?.agreedOn ?? talksDate ?? talksBefore(i) ?? named, value: soFarAfterTarget || theDeal ? (lastTarget?.value ?? null) : null };
          if (agreement.agreedOn !== null && (validFrom === null || validFrom < agreement.agreedOn)) validFrom = agreement.agreedOn;
        }
      }
      if (kind === "event" && r !== null && outside[m.start] !== false) discourse = { day: r.to, from: r.to, paragraph: s.paragraph };
      if (kind === "event" && r !== null && outside[m.start] === false && s.quote !== null && source === "text" && rank >= 2) quoteDays.set(s.quote, r.to);
      if (counterOf !== null) ({ validFrom, validTo, agreement, dateSource } = counterOf);
      let group: Draft["group"] = null;
      if (kind === "stock") group = category === "civilians" ? "civilians" : category === "soldiers" ? "soldiers" : null;

      push({
        metric: metricOf(category, kind),
        direction: dirName,
        kind,
        value: m.value,
        qualifier: m.qualifier,
        validFrom,
        validTo,
        attributedTo: who.name,
        reportedVia: who.via,
        at: s.start + m.start,
        agreement,
        commitment,
        group,
        dateSource,
        dateRank: rank,
      });
      if (kind === "target") lastTarget = { value: m.value, agreedOn: validFrom, sentence: i, quote: s.quote, bodies: category === "bodies" };
    }

    // "Ukraine and Russia released 84 and 90 prisoners respectively": each figure is its own party's act.
    if (/\brespectively\b/i.test(text)) {
      for (let k = 0; k + 1 < mentions.length; k++) {
        const [m1, m2] = [mentions[k]!, mentions[k + 1]!];
        if (!/^\s*(?:and|,)\s*$/.test(text.slice(m1.end, m2.start))) continue;
        const pair = /\b(Ukraine|Russia|Kyiv|Kiev|Moscow)\s+and\s+(Ukraine|Russia|Kyiv|Kiev|Moscow)\b([^.;]{0,60})$/.exec(text.slice(0, m1.start));
        const template = inSentence.find((d) => d.at === s.start + m2.start) ?? inSentence.find((d) => d.at === s.start + m1.start);
        if (pair === null || template === undefined || template.kind === "stock") continue;
        const [p1, p2] = [partyWord(pair[1]!), partyWord(pair[2]!)];
        if (p1 === null || p2 === null || p1 === p2) continue;
        const verb = pair[3]!;
        const gives = lastIndexOf(GIVE_VERB, verb) > lastIndexOf(RECEIVE_VERB, verb);
        const drop = new Set([s.start + m1.start, s.start + m2.start]);
        for (const list of [drafts, inSentence]) for (let j = list.length - 1; j >= 0; j--) if (drop.has(list[j]!.at)) list.splice(j, 1);
        const { lo: _lo, hi: _hi, evidence: _evidence, ...fields } = template;
        for (const [m, party] of [[m1, p1], [m2, p2]] as const) {
          const side = gives ? otherParty(party) : party;
          if (side !== null) push({ ...fields, direction: `to_${side}`, value: m.value, qualifier: m.qualifier, at: s.start + m.start });
        }
        break;
      }
    }

    // "Russia swapped 115 prisoners ... for the same number of detained Ukrainian servicemen": the figure again, for the other side.
    // "In return, Kyiv handed over the same number", "Russia got back the same number": any act of return or exchange.
    const same = /\b(?:for|in exchange for|in return for|against|(?:and\s+)?receiv(?:ed|es|ing)|got(?:\s+back)?|gets(?:\s+back)?|and|while|handed\s+(?:over|back)|sent\s+back|released|freed|returned|transferred|repatriated|took\s+back|brought\s+(?:home|back))\s+(?:the\s+|an\s+)?(?:same|equal|identical)\s+number\b/i.exec(text);
    if (same !== null) {
      const counted = (d: Draft) => d.value !== null && Claim.receiverOf(d.direction) !== null && (d.kind === "event" || d.kind === "cumulative");
      // "On Thursday, Ukraine returned home 95 defenders. Russia received the same number.": the last figure of the sentence before.
      const lastFigure = inSentence.length === 0 && s.paragraph === sentences[i - 1]?.paragraph ? drafts.at(-1) : undefined;
      const given = [...inSentence].reverse().find((d) => d.at - s.start < same.index && counted(d)) ?? (lastFigure !== undefined && counted(lastFigure) && lastFigure.at >= s.start - 300 ? lastFigure : undefined);
      const other = given === undefined ? null : otherParty(Claim.receiverOf(given.direction)!);
      if (given !== undefined && other !== null) {
        const { lo: _lo, hi: _hi, evidence: _evidence, ...fields } = given;
        // Said in a sentence of its own, it is that sentence's speaker's ("..., the Russian Defence Ministry said").
        const teller = inSentence.includes(given) ? null : speakerAt(same.index);
        push({ ...fields, ...(teller === null || teller.name === ctx.voice ? {} : { attributedTo: teller.name, reportedVia: teller.via }), direction: `to_${other}`, at: s.start + same.index, group: null });
      }
    }

    // "Neither side said how many": a figure that exists but was not given.
    const und = UNDISCLOSED.exec(text);
    if (und !== null) {
      const window = text.slice(und.index, Math.min(text.length, und.index + und[0].length + 120));
      const all = text;
      // "received the bodies of fallen soldiers; their number was not given": the figure is of what the sentence told before it.
      const persons = /\b(?:prisoners?|pows?|captives?|servicem[ae]n|soldiers?|personnel|people|detainees|russians|ukrainians|military|troops|fighters|civilians?)\b/i;
      // "… provided an exact figure of how many POWs had been exchanged": the noun the figure is of, right after, decides.
      const tail = text.slice(und.index + und[0].length, und.index + und[0].length + 40);
      const ofPersons = persons.test(tail) && !/\b(?:bodies|remains)\b/i.test(tail);
      const category: Category | null = ofPersons ? "persons" : /\b(?:bodies|remains)\b/i.test(window) || (!persons.test(window) && /\b(?:bodies|remains)\b/i.test(text.slice(0, und.index))) ? "bodies" : /\b(?:prisoners?|pows?|captives?|servicem[ae]n|soldiers?|personnel|people|detainees|russians|ukrainians|military|troops|fighters|civilians?)\b/i.test(window) || /\b(?:prisoners?|pows?|captives?|defenders|servicem[ae]n|soldiers)\b/i.test(all) ? "persons" : null;
      const held = /\b(?:custody|captivity|hold|holds|held|remain|in captivity|has in|have in|prisoners of war it has)\b/i.test(window) && !/\b(?:returned|released|freed|exchanged|swapped|sent back|handed over)\b/i.test(window.replace(/\bremain\w*\b/g, ""));
      // "Ukraine and Russia exchanged prisoners on Wednesday. Neither side disclosed the number of people involved.": the return told just before.
      const told = s.paragraph === sentences[i - 1]?.paragraph && /\b(?:involved|taking part|concerned)\b/i.test(window) && RETURN_VERB.test(sentences[i - 1]!.text);
      if (category !== null && (held || RETURN_VERB.test(all) || told)) {
        const who = speakerAt(und.index);
        const clauseText = window.split(/[,;.]/)[0] ?? window;
        const exchangeBoth = /\b(?:swap(?:s|ped)?|exchang(?:e|es|ed))\b/i.test(all) && /\b(?:Russia|Russian)\b[^.]*\b(?:and|with)\b[^.]*\b(?:Ukraine|Ukrainian|Kyiv)\b|\b(?:Ukraine|Kyiv)\b[^.]*\b(?:and|with)\b[^.]*\b(?:Russia|Moscow)\b/.test(all);
        const whose = /\b(Ukrainian|Russian|Ukrainians|Russians)\b(?!-)/i.exec(clauseText) ?? (exchangeBoth ? null : /\b(Ukrainian|Russian|Ukrainians|Russians)\s+(?:\w+\s+){0,2}(?:prisoners?|pows?|captives?|servicem[ae]n|soldiers?|military personnel|personnel|troops|citizens|civilians)\b/i.exec(all));
        // "how many remain in Russian captivity": the holder's adjective names the other side's people.
        const holder = held ? /\b(?:in|by)\s+(Russian|Ukrainian)\s+(?:captivity|custody|prisons?|hands)\b/i.exec(window) : null;
        // "how many people returned to Russia": the place they went names the side.
        const destination = held ? null : /\b(?:returned|went back|came back|sent back|handed over|transferred)\s+(?:home\s+)?to\s+(Russia|Ukraine)\b/i.exec(clauseText);
        // "The ministry said it had received back an unknown number": the receiving speaker's own people.
        const receiver = !held && /\b(?:it|we|they)\s+(?:\w+\s+){0,2}?(?:received|receives|got|brought|took)\s+(?:back\s+|home\s+|in\s+)?$/i.test(text.slice(Math.max(0, und.index - 60), und.index)) ? partyOf(who.name) : null;
        // "Moscow has not said how many of its troops came home": the possessive names the subject's own people.
        // "did not give a number for the soldiers it received": so does the subject's own receiving.
        // Only in the undisclosed figure's own clause ("did not say how many POWs were involved in the swap, but it
        // posted video showing its soldiers": both sides).
        const own = !held && (/\b(?:its|their)\s+(?:own\s+)?(?:\w+\s+){0,2}?(?:troops|soldiers|servicem[ae]n|service\s*members|prisoners|pows|citizens|people|returnees|fighters|military|personnel|nationals)\b/i.test(clauseText) || /\b(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:received|got\s+back|took\s+back|brought\s+home)\b/i.test(clauseText))
          ? (partyOf(text.slice(Math.max(0, und.index - 60), und.index).split(/[,;]/).at(-1) ?? "") ?? partyOf(who.name))
          : null;
        // "Kyiv did not say how many bodies it handed over": the subject's own giving names the other side's people.
        const giver = !held && own === null && /\b(?:it|they|we)\s+(?:had\s+|has\s+|have\s+)?(?:handed\s+over|handed\s+back|sent\s+back|sent|gave\s+back|gave|released|transferred|freed|returned)\b/i.test(clauseText)
          ? (partyOf(text.slice(Math.max(0, und.index - 60), und.index).split(/[,;]/).at(-1) ?? "") ?? partyOf(who.name))
          : null;
        // "how many people were exchanged", "involved in the swap": both sides, when the clause names none.
        const swapped = !held && /\b(?:were|was|been|being|prisoners|pows|people|captives|soldiers|bodies)\s+(?:exchanged|swapped)\b|\binvolved\s+in\s+the\s+(?:swap|exchange)\b/i.test(window);
        const direction = /\b(?:neither side|both sides|each side|nor)\b/i.test(und[0] + window.slice(0, 30))
          ? "each_side"
          : receiver !== null
            ? `to_${receiver}`
          : own !== null
            ? `to_${own}`
          : giver !== null && otherParty(giver) !== null
            ? `to_${otherParty(giver)}`
          : holder !== null
            ? `to_${otherParty(partyWord(holder[1]!) ?? "") ?? "ukraine"}`
          : destination !== null
            ? `to_${destination[1]!.toLowerCase()}`
          : whose === null
            ? held || exchangeBoth || swapped || /\b(?:each|both)\b/i.test(all) ? "each_side" : "to_ukraine"
            : `to_${partyWord(whose[1]!) ?? "ukraine"}`;
        const kind: Kind = held ? "stock" : "event";
        const { r, source } = dateFor(und.index, kind, { ...who, undated: false }, [0, text.length]);
        push({
          // "an undisclosed number of civilians": the civilians' count, when they alone are named.
          metric: held ? "held_captive" : category === "bodies" ? "bodies_returned" : /\bcivilians\b/i.test(window) && !/\b(?:prisoners?|pows?|soldiers?|servicem[ae]n|military|troops)\b/i.test(window) ? "civilians_returned" : "prisoners_returned",
          direction,
          kind,
          value: null,
          qualifier: "undisclosed",
          validFrom: kind === "stock" ? null : (r?.to ?? null),
          validTo: r?.to ?? null,
          attributedTo: who.name === ctx.voice && /^\s*neither side/i.test(text) ? ctx.voice : who.name,
          reportedVia: who.via,
          at: s.start + und.index,
          agreement: null,
          commitment: null,
          group: null,
          dateSource: r === null ? null : source,
        });
      }
    }

    // Dates said in plain narration ("on May 23") carry to the next sentences that give none.
    if (s.quote === null || outside.every((x) => x)) {
      const background = (d: Dates.DateMention) => /\b(?:invasion|invaded|war (?:began|started)|since|launched)\b[^.;]{0,30}$/i.test(text.slice(Math.max(0, d.start - 40), d.start));
      const on = dates.filter((d) => (d.preposition === "on" || d.expr._tag === "Full") && (outside[d.start] ?? true) && d.expr._tag !== "Period" && d.expr._tag !== "Month" && d.expr._tag !== "Year" && !background(d));
      const last = on.at(-1);
      const day = last === undefined ? null : (Dates.resolve(last, published, cap)?.to ?? null);
      // "The previous one took place on December 31. Then, 82 ... returned": an exchange placed in time.
      const placed = /\b(?:took place|was held|were held|happened|occurred|was carried out|were carried out)\b/i.test(text);
      if (day !== null && (RETURN_VERB.test(text) || placed)) discourse = { day, from: day, paragraph: s.paragraph };
      // "The previous exchange took place in mid-April": the next figures belong to that month, not to today's swap.
      const month = day === null && placed ? dates.find((d) => (d.expr._tag === "Month" || d.expr._tag === "LastPeriod") && (outside[d.start] ?? true)) : undefined;
      const monthSpan = month === undefined ? null : Dates.resolve(month, published, cap);
      if (monthSpan !== null) discourse = { day: monthSpan.to, from: monthSpan.from, paragraph: s.paragraph };
      // "On 14 June, as part of agreements reached in Istanbul, Ukraine received 1,200": the day of a handover done
      // under earlier talks, not the talks' day.
      if (day !== null && TALKS.test(text.replace(globalOf(AGREEMENT_SCOPE), ""))) talksDate = day;
    }
  });

  // One claimant per speaker, however the article spells them: the fullest spelling names them all.
  const fullest = new Map<string, string>();
  for (const p of perSentence) for (const sp of p.speakers) if (sp.resolved !== null) {
    const k = Claimant.key(sp.resolved.name);
    const cur = fullest.get(k);
    if (cur === undefined || sp.resolved.name.length > cur.length) fullest.set(k, sp.resolved.name);
  }
  for (const d of drafts) {
    const k = Claimant.key(d.attributedTo);
    const cur = fullest.get(k);
    if (cur === undefined || d.attributedTo.length > cur.length) fullest.set(k, d.attributedTo);
  }
  // The same figure said twice by the same claimant in one article is one claim. When one telling dates it
  // only loosely (a headline's "on Friday", the publication day) and another states the day, the stated day wins.
  const attributed = drafts.map((d) => ({ ...d, attributedTo: fullest.get(Claimant.key(d.attributedTo)) ?? d.attributedTo }));
  // "Russia returned 909 Ukrainian bodies ... In March, another swap occurred involving 909 Ukrainian troops and 43 Russians":
  // a figure the article gives as bodies, told again with a soldiers' noun and no word of the living, is those bodies;
  // so are the other figures of that sentence.
  const LIVING = /\b(?:prisoners?|pows?|captiv\w*|captured|freed|released|liberated|alive|living|home|detain\w*|hostages?|wounded|injured)\b/i;
  const bodyValues = attributed.filter((d) => d.metric === "bodies_returned" && d.value !== null);
  const bodySentences = new Set(attributed.filter((d) => (d.metric === "prisoners_returned" || d.metric === "soldiers_returned") && d.kind === "event" && d.value !== null && d.value >= 10 &&
    !LIVING.test(d.evidence.text) && bodyValues.some((b) => b.value === d.value && b.evidence.start !== d.evidence.start && (b.direction === d.direction || b.direction === "each_side" || d.direction === "each_side"))).map((d) => d.evidence.start));
  const renamed = attributed.map((d) => (bodySentences.has(d.evidence.start) && (d.metric === "prisoners_returned" || d.metric === "soldiers_returned") ? { ...d, metric: "bodies_returned" } : d));
  // One handover told twice, by two voices: a headline's "on Friday" or the publication day gives way to the
  // day another telling of the same figure states ("on Friday, April 1"). Only a stated day moves a loose one.
  // "Russia and Ukraine freed more than 200", then 82 one way and 140 the other: a figure the two sides'
  // own figures add up to is both together, not each side's.
  const persons = (m: string) => m === "prisoners_returned" || m === "soldiers_returned" || m === "civilians_returned";
  const sums = (n: number, q: Draft["qualifier"], x: number): boolean =>
    q === "exact" ? x === n : q === "more_than" || q === "at_least" ? x >= n && x <= n * 1.3 : q === "about" || q === "nearly" ? Math.abs(x - n) <= n * 0.1 : false;
  const sided = (dir: string, d: Draft) => renamed.filter((x) => x.kind === "event" && x.direction === dir && x.value !== null && d.value !== null && x.value < d.value &&
    (x.metric === d.metric || (persons(x.metric) && persons(d.metric))) && (x.validTo === d.validTo || x.validTo === null || d.validTo === null));
  for (const [k, d] of renamed.entries()) {
    if (d.kind !== "event" || d.direction !== "each_side" || d.value === null) continue;
    const n = d.value;
    // Of one count each way ("82 one way and 140 the other"), not a group of one side and another of the other
    // ("270 soldiers" to one, "120 civilians" to the other, parts of "each freeing 390").
    if (sided("to_ukraine", d).some((u) => sided("to_russia", d).some((r) => r.metric === u.metric && sums(n, d.qualifier, u.value! + r.value!)))) renamed[k] = { ...d, direction: "total" };
  }
  // The publication day, a mere default, also gives way to a day the text gives the same figure by carrying
  // it from the exchange being told ("released on May 31. ... 75 returned home" after "an exchange: 75 for 75").
  const statedDays = renamed.filter((d) => d.kind === "event" && d.dateRank === 3 && d.validTo !== null);
  const toldDays = renamed.filter((d) => d.kind === "event" && (d.dateRank ?? 0) >= 1 && d.dateSource === "text" && d.validTo !== null);
  const dated = renamed.map((d) => {
    if (d.kind !== "event" || (d.dateRank ?? 0) >= 3 || d.value === null) return d;
    const same = (d.dateRank === 0 ? toldDays : statedDays).filter((x) => x !== d && x.metric === d.metric && x.value === d.value && x.qualifier === d.qualifier &&
      (x.direction === d.direction || x.direction === "each_side" || d.direction === "each_side"));
    const days = new Set(same.map((x) => x.validTo));
    const one = same[0];
    return one !== undefined && days.size === 1 ? { ...d, validFrom: one.validFrom, validTo: one.validTo, dateSource: one.dateSource, dateRank: one.dateRank ?? 3 } : d;
  });
  // One running count said twice by one speaker ("We have returned 6,000 ..." and, later in the statement, "more than
  // 6,000 ... This is a result of the talks"): the telling that names its scope gives it to the one that names none.
  const scoped = dated.filter((d) => d.kind === "cumulative" && d.agreement !== null && d.value !== null);
  const named = dated.map((d) => {
    if (d.kind !== "cumulative" || d.agreement !== null || d.validFrom !== null || d.value === null) return d;
    const same = scoped.find((x) => x.metric === d.metric && x.direction === d.direction && x.value === d.value && x.validTo === d.validTo && Claimant.key(x.attributedTo) === Claimant.key(d.attributedTo));
    return same === undefined ? d : { ...d, validFrom: same.validFrom, agreement: same.agreement };
  });
  // "He claims this is the final exchange within the scope of previously established agreements", "completed the final
  // prisoner exchange agreed at the last round of talks": an exchange told in that sentence or beside it (one sentence
  // before, two after) is counted under the round of talks before its day (the pack's calendar), not under a deal made
  // on its own day.
  const sentenceAt = new Map(sentences.map((s, i) => [s.start, i]));
  const closing = sentences.flatMap((s, i) => (PREVIOUS_DEAL.test(s.text) ? [i] : []));
  const linked = closing.length === 0 ? named : named.map((d) => {
    if (d.kind !== "event" || d.agreement !== null || d.validTo === null || d.metric === "bodies_returned") return d;
    const at = sentenceAt.get(d.evidence.start);
    if (at === undefined || !closing.some((c) => at >= c - 1 && at <= c + 2)) return d;
    const round = Talks.rounds.filter((r) => r.day < d.validTo! && r.terms.some((t) => t.category === "persons")).map((r) => r.day).sort().at(-1);
    return round === undefined || round < Dates.shift(d.validTo, -Talks.STALE_AFTER_DAYS) ? d : { ...d, agreement: { agreedOn: round, value: null } };
  });
  // "Yermak said that after the 1,000-for-1,000 exchange is complete, …": a deal named by its formula, once the article
  // has stated that deal, is its name in another's mouth, not a claim of its size by the new speaker.
  const dealsTold: Draft[] = [];
  const unnamed = linked.filter((d) => {
    const pos = d.at - d.evidence.start;
    const asName = d.kind === "target" && /\bthe\s+$/i.test(d.evidence.text.slice(Math.max(0, pos - 8), pos)) && /^[\d,. ]+\s*-?\s*for\s*-?\s*[\d,. ]+/i.test(d.evidence.text.slice(pos));
    const repeat = asName && dealsTold.some((x) => x.metric === d.metric && x.value === d.value && x.validFrom === d.validFrom && (x.direction === d.direction || x.direction === "each_side"));
    if (d.kind === "target") dealsTold.push(d);
    return !repeat;
  });
  // A title ("Russia and Ukraine free 200 captured troops") sums up the story: when the story tells the same
  // figure ("freed more than 200 captured soldiers"), the story's telling is the claim, with its qualifier and sides.
  const family = (m: string) => (m === "bodies_returned" || m === "bodies_agreed" ? "bodies" : "persons");
  const titleLike = (d: Draft) => !/[.!?…]["”’»)]*\s*$/.test(d.evidence.text) && d.evidence.text.length <= 160;
  const told = unnamed.filter((d) => !titleLike(d));
  const kept = unnamed.filter((d) => !(titleLike(d) && d.value !== null && told.some((x) => x.value === d.value && family(x.metric) === family(d.metric) && x.kind === d.kind &&
    // A title drops qualifiers ("free 200" for "more than 200"); one that keeps its own ("over 100") is a claim of its own.
    (d.qualifier === "exact" || Q.qualifierClass(x.qualifier) === Q.qualifierClass(d.qualifier)))));
  // "Ukraine has managed to secure the release of 4,000 citizens" in the outlet's own words, and "According to Andrii
  // Yusov, almost 4,000 Ukrainians have already been returned": the outlet's exact telling is the source's rounded.
  // (One speaker's own "6,000" and "more than 6,000" stay two tellings: the seeds' Putin interview keeps both.)
  const qualified = kept.filter((d) => d.value !== null && d.qualifier !== "exact" && d.kind !== "target" && d.attributedTo !== ctx.voice);
  const careful = kept.filter((d) => !(d.qualifier === "exact" && d.value !== null && d.attributedTo === ctx.voice && qualified.some((x) => x.value === d.value && x.metric === d.metric && x.direction === d.direction && x.kind === d.kind && x.validTo === d.validTo)));
  const best = new Map<string, Draft>();
  const order: string[] = [];
  for (const d of careful) {
    const loose = [d.metric, d.direction, d.kind, d.value, d.qualifier, Claimant.key(d.attributedTo)].join("|");
    const exact = `${loose}|${d.validFrom}|${d.validTo}`;
    const prior = best.get(loose);
    if (prior === undefined) {
      best.set(loose, d);
      order.push(loose);
      continue;
    }
    if (`${prior.validFrom}|${prior.validTo}` === exact.slice(loose.length + 1)) continue;
    const weak = (x: Draft) => (x.dateRank ?? 0) <= 2;
    if (weak(prior) && (d.dateRank ?? 0) === 3) best.set(loose, d);
    else if (!(weak(d) && (prior.dateRank ?? 0) === 3)) {
      best.set(exact, d);
      order.push(exact);
    }
  }
  return order.map((k) => best.get(k)!);
};

/** Before a year that is the war's start, no story's own: "since the conflict began in February 2022", "©". */
const STARTING_YEAR = /(?:\b(?:invasion|invaded|began|started|outbreak|hostilities|since|launched|full[- ]scale)\b[^.;]{0,30}|©\s*|copyright\s*)$/i;
/** After such a year: "the 2022 invasion". */
const STARTED_AFTER = /^\s*(?:full[- ]scale\s+)?(?:invasion|war\b)/i;

// "10 captured occupiers", "servicemen captured in the Kursk region": a participle describing people, not holding them.
const CAPTURED_MODIFIER = /\b(?:captured|detained|imprisoned)\b(?=\s+(?:[\w’'-]+\s+){0,3}?(?:by|in|during|near|at|on|after|from|occupiers|troops|soldiers|servicem[ae]n|prisoners|pows|fighters|personnel|pilots)\b)|\b(?:captured|detained)\s+$/gi;
const CAPTURED_AFTER_FIGURE = /(?<=\d[\d,.]*\s+(?:[\w’'-]+\s+)?)captured/gi;
const blankModifiers = (s: string): string => s.replace(CAPTURED_MODIFIER, (w) => " ".repeat(w.length)).replace(CAPTURED_AFTER_FIGURE, (w) => " ".repeat(w.length));

/** A holding cue ("are in Russian captivity") nearer the figure than any return verb before or after it. */
/** An exchange named in the figure's own utterance: before it and not before a quotation that the figure opens, or after it in its clause. */
const exchangeInReach = (text: string, at: number, rest: string): boolean => {
  const before = text.slice(0, at);
  const exchange = lastIndexOf(EXCHANGE_NOUN, before);
  return (exchange >= 0 && exchange > Math.max(before.lastIndexOf("“"), before.lastIndexOf("«"))) || EXCHANGE_NOUN.test(rest);
};
const EXCHANGE_NOUN = /\b(?:exchange|swap|release|return|repatriation|handover)\b/i;

const heldNearer = (near: string, at: number, returnBefore: number, returnAfter: number): boolean => {
  let best = Infinity;
  for (const h of near.matchAll(globalOf(HELD_CUE))) best = Math.min(best, Math.abs(h.index! - at));
  return best < Infinity && best < Math.min(returnBefore, returnAfter + 8);
};

// Compiled once per pattern: these run for every number of every sentence.
const globals = new Map<RegExp, RegExp>();
const globalOf = (re: RegExp): RegExp => {
  let g = globals.get(re);
  if (g === undefined) globals.set(re, (g = new RegExp(re.source, "gi")));
  g.lastIndex = 0;
  return g;
};

const lastMatch = (re: RegExp, s: string): { index: number } | null => {
  const g = globalOf(re);
  let last: { index: number } | null = null;
  for (const m of s.matchAll(g)) last = { index: m.index! };
  return last;
};
const firstMatch = (re: RegExp, s: string): { index: number } | null => {
  const m = globalOf(re).exec(s);
  return m === null ? null : { index: m.index };
};
const lastIndexOf = (re: RegExp, s: string): number => lastMatch(re, s)?.index ?? -1;


