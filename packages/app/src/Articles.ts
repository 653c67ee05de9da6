/**
 * The articles behind the figures: the list as known on a day, and one
 * article's recorded text with the claims read from it (their evidence
 * offsets index that text). Views are io-ts codecs, like Views.ts; the text
 * comes from the article's own stream, the rest from the ledger fold.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { ArticleStream, Ids, Ledger } from "@factledger/core";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";
import { ledger } from "./Queries.ts";
import { decodeStored } from "@factledger/store";
import type { Position } from "@factledger/store";
import * as V from "./Views.ts";

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** One article as a list shows it. */
export const ArticleRow = t.type({
  articleId: t.string,
  publishedAt: nullable(t.string),
  knownAt: t.string,
  outlet: nullable(t.string),
  wire: nullable(t.string),
  url: nullable(t.string),
  path: nullable(t.string),
  copyOf: nullable(t.string),
  /** Claims from this article that count now (after analysts' amendments). */
  claims: t.number,
  /** Whether an analyst gave it its publication day. */
  dated: t.boolean,
});
export type ArticleRow = t.TypeOf<typeof ArticleRow>;

/** The articles known on a day, in knowledge order. */
export const ArticlesView = t.type({ knownAt: nullable(t.string), articles: t.array(ArticleRow) });
export type ArticlesView = t.TypeOf<typeof ArticlesView>;

/** One article: its metadata, its recorded text, and the claims read from it (evidence offsets index `text`). */
export const ArticleView = t.type({ article: ArticleRow, text: t.string, claims: t.array(V.ClaimRow) });
export type ArticleView = t.TypeOf<typeof ArticleView>;

const row = (a: Ledger.ArticleInfo, claims: number): ArticleRow => ({
  articleId: a.articleId,
  publishedAt: a.publishedAt,
  knownAt: a.knownAt,
  outlet: a.outlet,
  wire: a.wire,
  url: a.url,
  path: a.path,
  copyOf: a.copyOf?.articleId ?? null,
  claims,
  dated: a.dated.length > 0,
});

const countsOf = (l: Ledger.Ledger): Map<string, number> => {
  const n = new Map<string, number>();
  for (const c of Ledger.view(l, { knownAt: null })) if (c.articleId !== null) n.set(c.articleId, (n.get(c.articleId) ?? 0) + 1);
  return n;
};

/** Options of `articles`. */
export interface ArticlesQuery {
  /** Null: every article, whenever known. */
  readonly knownAt: string | null;
  readonly position?: Position | null;
}

/** Every article known on a day. */
export const articles = async (parts: Parts, q: ArticlesQuery): Promise<ArticlesView> => {
  const l = await ledger(parts, q.position ?? null);
  const n = countsOf(l);
  const rows = [...l.articles.values()]
    .filter((a) => q.knownAt === null || a.knownAt <= q.knownAt)
    .sort((a, b) => (a.knownAt + a.articleId < b.knownAt + b.articleId ? -1 : 1))
    .map((a) => row(a, n.get(a.articleId) ?? 0));
  return { knownAt: q.knownAt, articles: rows };
};

/** One article with its text and claims; an unknown id is a rule violation naming it. */
export const article = async (parts: Parts, articleId: string): Promise<ArticleView> => {
  const l = await ledger(parts);
  const info = l.articles.get(articleId);
  const events = await parts.store.readStream(Ids.articleStream(articleId))();
  if (E.isLeft(events)) return Err.fail(Err.storeFailed(parts.where)(events.left));
  let state = ArticleStream.initial();
  for (const stored of events.right) {
    const r = decodeStored(stored);
    if (E.isLeft(r)) return Err.fail(Err.storeFailed(parts.where)(r.left));
    state = ArticleStream.evolve(state, r.right);
  }
  if (info === undefined || state.recorded === null) return Err.fail({ _tag: "RuleViolated", violation: { _tag: "UnknownArticle", articleId }, store: parts.where });
  const claims = Ledger.view(l, { knownAt: null })
    .filter((c) => c.articleId === articleId)
    .sort((a, b) => a.fields.evidence.start - b.fields.evidence.start)
    .map(V.claim);
  return { article: row(info, claims.length), text: state.recorded.text, claims };
};
