/**
 * The built-in domain pack's calendar of talks: the rounds that made the
 * exchange deals reporters keep referring to without their day ("agreed last
 * month during talks in Istanbul", "under the \"1000 for 1000\" formula").
 * It is reference data, as the parties are, and it is used only where the
 * article is silent:
 *
 * - an agreement the article names without the day it was made takes the day
 *   of the round that agreed that figure, if that round lies within
 *   `STALE_AFTER_DAYS` before the story (after that, a later round the
 *   calendar does not know may be the one meant); the claim's `dateSource`
 *   then says `reference`, not `text`;
 * - a running count said to be under talks that the article does not date
 *   ("the return of more than 6,000 bodies under the Istanbul agreements")
 *   counts from the latest round of that place with terms of its category, if
 *   that round lies within `STALE_AFTER_DAYS` before the count's day;
 * - an undated page that names a round by place and day ("agreements made on
 *   2 June in Istanbul") takes that round's year for its days without one.
 *
 * Terms are the figures agreed per side, with the qualifier they were
 * reported with ("at least 1,000 each" on June 2). A new round belongs here
 * when it makes a deal the desks follow; the entries are the public record.
 */
import { Quantity as Q } from "@factledger/core";
import * as Dates from "./Dates.ts";

export type Category = "persons" | "bodies";
type QualifierClass = Exclude<Q.QualifierClass, "undisclosed">;

export interface Round {
  readonly day: string;
  /** Words that name the round's place in a sentence. */
  readonly place: RegExp;
  readonly terms: ReadonlyArray<{ readonly category: Category; readonly value: number; readonly qualifier: QualifierClass }>;
}

export const rounds: readonly Round[] = [
  // First direct talks since 2022: a 1,000-for-1,000 prisoner exchange, done May 23-25.
  { day: "2025-05-16", place: /\b(?:istanbul|t[üu]rkiye|turkey)\b/i, terms: [{ category: "persons", value: 1000, qualifier: "exact" }] },
  // Second round: 6,000 bodies each way; all the seriously ill, wounded and under-25s, "at least 1,000 each"
  // (1,200 in Putin's telling).
  {
    day: "2025-06-02",
    place: /\b(?:istanbul|t[üu]rkiye|turkey)\b/i,
    terms: [
      { category: "bodies", value: 6000, qualifier: "exact" },
      { category: "persons", value: 1000, qualifier: "lower" },
      { category: "persons", value: 1200, qualifier: "exact" },
    ],
  },
  // Third round: 1,200 prisoners each; Russia's offer of 3,000 more bodies.
  {
    day: "2025-07-23",
    place: /\b(?:istanbul|t[üu]rkiye|turkey)\b/i,
    terms: [
      { category: "persons", value: 1200, qualifier: "exact" },
      { category: "bodies", value: 3000, qualifier: "exact" },
    ],
  },
];

/** How long after a round a reference to "the deal" is still read as that round's. */
export const STALE_AFTER_DAYS = 90;

/**
 * The day of the round that agreed this figure: same category and value, on or
 * before `reference` and at most `STALE_AFTER_DAYS` before it, within `window`
 * when the text placed the agreement in a month ("last month"); the round that
 * reported the same qualifier first, then the latest. Null when none fits or
 * the story's day is unknown.
 */
export const dayOfDeal = (category: Category, value: number | null, qualifier: Q.Qualifier, reference: string | null, window: Dates.Resolved | null = null): string | null => {
  if (value === null || reference === null) return null;
  const earliest = Dates.shift(reference, -STALE_AFTER_DAYS);
  const fits = rounds
    .filter((r) => r.day <= reference && r.day >= earliest && (window === null || (r.day >= window.from && r.day <= window.to)))
    .flatMap((r) => r.terms.filter((t) => t.category === category && t.value === value).map((t) => ({ day: r.day, same: t.qualifier === Q.qualifierClass(qualifier) })));
  const best = [...fits].sort((a, b) => Number(b.same) - Number(a.same) || b.day.localeCompare(a.day))[0];
  return best?.day ?? null;
};

/**
 * The round a sentence names by its place ("under the Istanbul agreements"): the latest round with terms of this
 * category on or before `reference` and at most `STALE_AFTER_DAYS` before it; null when none fits.
 */
export const roundNamed = (category: Category, sentence: string, reference: string): string | null => {
  const earliest = Dates.shift(reference, -STALE_AFTER_DAYS);
  const fits = rounds.filter((r) => r.day <= reference && r.day >= earliest && r.place.test(sentence) && r.terms.some((t) => t.category === category));
  return fits.map((r) => r.day).sort().at(-1) ?? null;
};

/**
 * The year a page without one is in, when a sentence names a round by its
 * place and its month and day ("on 2 June in Istanbul"): that round's year.
 * `mentions` are the sentence's dates without a year.
 */
export const yearOfRound = (sentence: string, mentions: ReadonlyArray<{ readonly month: number; readonly day: number }>): number | null => {
  for (const r of rounds) {
    if (!r.place.test(sentence)) continue;
    const [y, m, d] = r.day.split("-").map(Number) as [number, number, number];
    if (mentions.some((x) => x.month === m && x.day === d)) return y;
  }
  return null;
};
