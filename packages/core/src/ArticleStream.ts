/**
 * The deciders of an article's own stream (`article-<id>`): recording it once
 * (ingest is idempotent: a text already recorded yields no events), reading
 * it again with a newer extractor, and an analyst dating it. The state is the
 * fold of that stream alone, so each command is one append at its revision.
 */
import * as E from "fp-ts/lib/Either.js";
import type { ArticleDated, ArticleRecorded, LedgerEvent } from "./Events.ts";
import type { Decider, RuleViolation } from "./Decider.ts";
import { isDateOnly, whyNotADay } from "./DateOnly.ts";

/** What the stream says about its article. */
export interface State {
  /** The article as first recorded; null when the stream does not exist. */
  readonly recorded: ArticleRecorded | null;
  /** The publication day now (after analysts' datings). */
  readonly publishedAt: string | null;
  /** `name@version` of the extractor whose claims count now. */
  readonly extractor: string | null;
  /** The extracted claims of the current reading. */
  readonly claims: readonly string[];
  /** The stream's last revision; null when it does not exist. */
  readonly revision: bigint | null;
}

export const initial = (): State => ({ recorded: null, publishedAt: null, extractor: null, claims: [], revision: null });

const version = (e: { readonly name: string; readonly version: string }): string => `${e.name}@${e.version}`;

/** Applies one event of the stream. */
export const evolve = (s: State, e: LedgerEvent): State => {
  const revision = s.revision === null ? 0n : s.revision + 1n;
  switch (e.type) {
    case "ArticleRecorded":
      return { ...s, recorded: s.recorded ?? e, publishedAt: s.recorded === null ? e.publishedAt : s.publishedAt, extractor: s.extractor ?? version(e.extractor), revision };
    case "ClaimReported":
      return e.origin === "extracted" ? { ...s, claims: [...s.claims, e.claimId], extractor: version(e.extractor), revision } : { ...s, revision };
    case "ArticleReextracted":
      return { ...s, claims: [], extractor: version(e.extractor), revision };
    case "ArticleDated":
      return { ...s, publishedAt: e.publishedAt, revision };
    case "ClaimCorrected":
    case "ClaimRejected":
      return { ...s, revision };
    default: {
      const never: never = e;
      return never;
    }
  }
};

/** Record an article: its ArticleRecorded event and its claims, as read by the extractor. */
export interface Record {
  readonly _tag: "Record";
  readonly events: readonly LedgerEvent[];
}

/** Read the article again: the re-extraction marker and the new claims, by `extractor`. */
export interface Reextract {
  readonly _tag: "Reextract";
  readonly articleId: string;
  readonly extractor: string;
  readonly events: readonly LedgerEvent[];
}

/** An analyst's dating of the article. */
export interface DateArticle {
  readonly _tag: "DateArticle";
  readonly articleId: string;
  readonly publishedAt: string;
  readonly reason: string;
  readonly analyst: string;
  readonly recordedAt: string;
}

export type Command = Record | Reextract | DateArticle;

/** Answers a command from the stream's state. */
export const decide = (c: Command, s: State): E.Either<RuleViolation, readonly LedgerEvent[]> => {
  switch (c._tag) {
    case "Record":
      // The same text has the same id: a stream that exists was recorded before.
      return E.right(s.recorded === null ? c.events : []);
    case "Reextract":
      if (s.recorded === null) return E.left({ _tag: "UnknownArticle", articleId: c.articleId });
      return E.right(s.extractor === c.extractor ? [] : c.events);
    case "DateArticle": {
      if (s.recorded === null) return E.left({ _tag: "UnknownArticle", articleId: c.articleId });
      if (!isDateOnly(c.publishedAt)) return E.left({ _tag: "InvalidCommand", field: "date", message: whyNotADay(c.publishedAt) });
      if (c.reason.trim() === "") return E.left({ _tag: "InvalidCommand", field: "--reason", message: "say why" });
      if (s.publishedAt === c.publishedAt) return E.left({ _tag: "AlreadyDated", articleId: c.articleId, publishedAt: c.publishedAt });
      const e: ArticleDated = { type: "ArticleDated", version: 1, articleId: c.articleId, publishedAt: c.publishedAt, previous: s.publishedAt, reason: c.reason, analyst: c.analyst, recordedAt: c.recordedAt };
      return E.right([e]);
    }
  }
};

/**
 * When a text already recorded comes in again with a publication day the stream does not have,
 * the day to offer to `facts date` (null when there is nothing to offer).
 */
export const redate = (s: State, offered: string | null): string | null => (s.recorded !== null && offered !== null && s.publishedAt !== offered ? offered : null);

export const decider: Decider<Command, State, LedgerEvent> = { initial, evolve, decide };

/** Folds a stream's events into its state. */
export const fold = (events: Iterable<LedgerEvent>): State => {
  let s = initial();
  for (const e of events) s = evolve(s, e);
  return s;
};
