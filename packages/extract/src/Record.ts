/**
 * What an ingest or re-extraction records: the ledger events for one read of
 * an article, each with the deterministic id that makes a retried or repeated
 * append a no-op. Pure: the recording time comes in as an argument.
 */
import { Ids } from "@factledger/core";
import type { ArticleRecorded, ArticleReextracted, ClaimReported, LedgerEvent } from "@factledger/core";
import { sha256Hex } from "@factledger/core";
import type { Extraction } from "./Extract.ts";
import { extractor } from "./Extract.ts";

/** An event with the id it is stored under. */
export interface Identified {
  readonly eventId: string;
  readonly event: LedgerEvent;
}

/** The claim events of an extraction. */
export const claimEvents = (x: Extraction, recordedAt: string): Identified[] =>
  x.claims.map((c) => {
    const event: ClaimReported = {
      type: "ClaimReported",
      version: 3,
      claimId: c.fields.id,
      articleId: x.articleId,
      claim: c.fields,
      reportedVia: c.reportedVia,
      origin: "extracted",
      analyst: null,
      extractor,
      recordedAt,
    };
    return { eventId: Ids.eventIdOf(`claim:${c.fields.id}`), event };
  });

/** The events of a first ingest: the article, then its claims, for one atomic append. */
export const articleEvents = (x: Extraction, input: { text: string; path: string | null; recordedAt: string; copyOf: ArticleRecorded["copyOf"] }): Identified[] => {
  const article: ArticleRecorded = {
    type: "ArticleRecorded",
    version: 2,
    articleId: x.articleId,
    textHash: sha256Hex(input.text),
    text: input.text,
    path: input.path,
    publishedAt: x.metadata.publishedAt,
    outlet: x.metadata.outlet,
    wire: x.metadata.wire,
    url: x.metadata.url,
    learned: x.metadata.learned,
    copyOf: input.copyOf,
    extractor,
    recordedAt: input.recordedAt,
  };
  return [{ eventId: Ids.eventIdOf(`article:${x.articleId}`), event: article }, ...claimEvents(x, input.recordedAt)];
};

/** The events of a re-extraction by this extractor: supersede the old claims, then record the new ones. */
export const reextractionEvents = (x: Extraction, supersedes: readonly string[], recordedAt: string): Identified[] => {
  const marker: ArticleReextracted = { type: "ArticleReextracted", version: 1, articleId: x.articleId, extractor, supersedes: [...supersedes], recordedAt };
  return [{ eventId: Ids.eventIdOf(`reextract:${x.articleId}:${extractor.name}:${extractor.version}`), event: marker }, ...claimEvents(x, recordedAt)];
};
