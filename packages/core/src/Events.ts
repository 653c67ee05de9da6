/**
 * The ledger's events: immutable facts about what was reported and what an
 * analyst decided. Every event has a literal `type` and a schema `version`;
 * older versions are upcast on read, so projections only ever see the
 * current shape. Reported claims are never edited: corrections, rejections
 * and re-extractions are new events that supersede them.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { pipe } from "fp-ts/lib/function.js";
import { PathReporter } from "io-ts/lib/PathReporter.js";
import { AgreementRef, ClaimFields, ClaimFieldsV1, Commitment, Group, Kind, upcastFieldsV1 } from "./Claim.ts";
import { Qualifier } from "./Quantity.ts";

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** Which program read a claim out of a text, and which version of it. */
export const Extractor = t.type({ name: t.string, version: t.string });
export type Extractor = t.TypeOf<typeof Extractor>;

/** How a piece of article metadata was learned. */
export const Provenance = t.keyof({
  text: null, // stated in the article ("date 2025-06-20", a byline)
  dateline: null, // a dateline without a year, the year fixed by a weekday in the text
  manifest: null, // manifest.json beside the file
  flag: null, // given on the command line
  url: null, // the page's address gives the day ("/2024/08/24/"), extractor 2.8.0
  none: null, // not learned: the field is null
});
export type Provenance = t.TypeOf<typeof Provenance>;

/** A near-duplicate link: this article is a copy of an earlier one. */
export const CopyOf = t.type({ articleId: t.string, similarity: t.number });
export type CopyOf = t.TypeOf<typeof CopyOf>;

/** Version 1 of ArticleRecorded, before provenance, wire agency and copy links were recorded. */
export const ArticleRecordedV1 = t.type({
  type: t.literal("ArticleRecorded"),
  version: t.literal(1),
  articleId: t.string,
  text: t.string,
  publishedAt: nullable(t.string),
  outlet: nullable(t.string),
  url: nullable(t.string),
  recordedAt: t.string,
});
export type ArticleRecordedV1 = t.TypeOf<typeof ArticleRecordedV1>;

/** An article entered the ledger: its text, metadata and how each field was learned. */
export const ArticleRecorded = t.type({
  type: t.literal("ArticleRecorded"),
  version: t.literal(2),
  articleId: t.string,
  textHash: t.string,
  text: t.string,
  path: nullable(t.string),
  publishedAt: nullable(t.string),
  outlet: nullable(t.string),
  wire: nullable(t.string),
  url: nullable(t.string),
  learned: t.type({ publishedAt: Provenance, outlet: Provenance, url: Provenance }),
  copyOf: nullable(CopyOf),
  extractor: Extractor,
  recordedAt: t.string,
});
export type ArticleRecorded = t.TypeOf<typeof ArticleRecorded>;

/** Version 1 of ClaimReported, before the extractor and origin were recorded. */
export const ClaimReportedV1 = t.type({
  type: t.literal("ClaimReported"),
  version: t.literal(1),
  claimId: t.string,
  articleId: nullable(t.string),
  claim: ClaimFieldsV1,
  recordedAt: t.string,
});
export type ClaimReportedV1 = t.TypeOf<typeof ClaimReportedV1>;

/** Version 2 of ClaimReported, before the claim's reading context (agreement, commitment, group, date source). */
export const ClaimReportedV2 = t.type({
  type: t.literal("ClaimReported"),
  version: t.literal(2),
  claimId: t.string,
  articleId: nullable(t.string),
  claim: ClaimFieldsV1,
  reportedVia: nullable(t.string),
  origin: t.keyof({ extracted: null, manual: null }),
  analyst: nullable(t.string),
  extractor: Extractor,
  recordedAt: t.string,
});
export type ClaimReportedV2 = t.TypeOf<typeof ClaimReportedV2>;

/** One source's figure, read from an article (`extracted`) or entered by an analyst (`manual`). */
export const ClaimReported = t.type({
  type: t.literal("ClaimReported"),
  version: t.literal(3),
  claimId: t.string,
  articleId: nullable(t.string),
  claim: ClaimFields,
  reportedVia: nullable(t.string),
  origin: t.keyof({ extracted: null, manual: null }),
  analyst: nullable(t.string),
  extractor: Extractor,
  recordedAt: t.string,
});
export type ClaimReported = t.TypeOf<typeof ClaimReported>;

/** A newer extractor read the article again; the listed claims are superseded by the ones that follow. */
export const ArticleReextracted = t.type({
  type: t.literal("ArticleReextracted"),
  version: t.literal(1),
  articleId: t.string,
  extractor: Extractor,
  supersedes: t.array(t.string),
  recordedAt: t.string,
});
export type ArticleReextracted = t.TypeOf<typeof ArticleReextracted>;

/** The fields of a claim an analyst may correct. */
export const ClaimChanges = t.partial({
  metric: t.string,
  direction: t.string,
  kind: Kind,
  value: nullable(t.number),
  qualifier: Qualifier,
  validFrom: nullable(t.string),
  validTo: nullable(t.string),
  attributedTo: t.string,
  agreement: nullable(AgreementRef),
  commitment: nullable(Commitment),
  group: nullable(Group),
});
export type ClaimChanges = t.TypeOf<typeof ClaimChanges>;

/** An analyst corrected a reported claim; it takes effect from the day it was recorded. */
export const ClaimCorrected = t.type({
  type: t.literal("ClaimCorrected"),
  version: t.literal(1),
  claimId: t.string,
  changes: ClaimChanges,
  reason: t.string,
  analyst: t.string,
  recordedAt: t.string,
});
export type ClaimCorrected = t.TypeOf<typeof ClaimCorrected>;

/** An analyst rejected a reported claim (misread, not about captives, ...); from the day recorded. */
export const ClaimRejected = t.type({
  type: t.literal("ClaimRejected"),
  version: t.literal(1),
  claimId: t.string,
  reason: t.string,
  analyst: t.string,
  recordedAt: t.string,
});
export type ClaimRejected = t.TypeOf<typeof ClaimRejected>;

/**
 * An analyst dated an article (an undated one, or one with a wrong day). The article is known from
 * that day on and its publication day is that day in every view read after this event; a view read
 * at an earlier store position still sees the old day. Appended to the article's own stream.
 */
export const ArticleDated = t.type({
  type: t.literal("ArticleDated"),
  version: t.literal(1),
  articleId: t.string,
  publishedAt: t.string,
  /** The day the article had before (null: undated). */
  previous: nullable(t.string),
  reason: t.string,
  analyst: t.string,
  recordedAt: t.string,
});
export type ArticleDated = t.TypeOf<typeof ArticleDated>;

/** Every event of the ledger, in its current version. */
export const LedgerEvent = t.union([ArticleRecorded, ClaimReported, ArticleReextracted, ClaimCorrected, ClaimRejected, ArticleDated]);
export type LedgerEvent = t.TypeOf<typeof LedgerEvent>;

/** The codec of each event type's current version. */
const CURRENT: Readonly<Record<string, t.Mixed>> = { ArticleRecorded, ClaimReported, ArticleReextracted, ClaimCorrected, ClaimRejected, ArticleDated };

/** The event type names this engine writes (stores filter on them). */
export const eventTypes = ["ArticleRecorded", "ClaimReported", "ArticleReextracted", "ClaimCorrected", "ClaimRejected", "ArticleDated"] as const;

/** Why stored data is not a ledger event. */
export type DecodeProblem =
  | { readonly _tag: "UnknownEventType"; readonly type: string }
  | { readonly _tag: "InvalidEvent"; readonly type: string; readonly version: unknown; readonly errors: readonly string[] };

/** One message for a decode problem. */
export const describeProblem = (p: DecodeProblem): string =>
  p._tag === "UnknownEventType" ? `unknown event type "${p.type}"` : `invalid ${p.type} v${String(p.version)}: ${p.errors.join("; ")}`;

const check = <A>(codec: t.Decoder<unknown, A>, type: string, data: unknown): E.Either<DecodeProblem, A> =>
  pipe(
    codec.decode(data),
    E.mapLeft((errors) => ({
      _tag: "InvalidEvent" as const,
      type,
      version: (data as { version?: unknown } | null)?.version,
      errors: PathReporter.report(E.left(errors)),
    })),
  );

/** v1 → v2: nothing about provenance was known, so it is recorded as unknown rather than invented. */
export const upcastArticleV1 = (e: ArticleRecordedV1): ArticleRecorded => ({
  type: "ArticleRecorded",
  version: 2,
  articleId: e.articleId,
  textHash: "",
  text: e.text,
  path: null,
  publishedAt: e.publishedAt,
  outlet: e.outlet,
  wire: null,
  url: e.url,
  learned: { publishedAt: e.publishedAt === null ? "none" : "text", outlet: e.outlet === null ? "none" : "text", url: e.url === null ? "none" : "text" },
  copyOf: null,
  extractor: { name: "unknown", version: "0" },
  recordedAt: e.recordedAt,
});

/** v2 → v3: the reading context was not recorded, so it is unknown (a target counts as agreed, as v2 read it). */
export const upcastClaimV2 = (e: ClaimReportedV2): ClaimReported => ({ ...e, version: 3, claim: upcastFieldsV1(e.claim) });

/** v1 → v3: a v1 claim came from the extractor of its day, whose version was not recorded. */
export const upcastClaimV1 = (e: ClaimReportedV1): ClaimReported => ({
  type: "ClaimReported",
  version: 3,
  claimId: e.claimId,
  articleId: e.articleId,
  claim: upcastFieldsV1(e.claim),
  reportedVia: null,
  origin: "extracted",
  analyst: null,
  extractor: { name: "unknown", version: "0" },
  recordedAt: e.recordedAt,
});

/**
 * Decodes stored data of a given type into the current version of an event,
 * upcasting older versions. Never skips: anything unreadable is a problem.
 */
export const decode = (type: string, data: unknown): E.Either<DecodeProblem, LedgerEvent> => {
  const version = (data as { version?: unknown } | null)?.version;
  // Fast path: a current-version event that its codec's guard accepts needs no decoding work.
  // The guard checks exactly what `decode` checks; anything it rejects takes the slow path below,
  // which upcasts older versions or reports precisely what is wrong.
  const current = CURRENT[type];
  if (current !== undefined && current.is(data)) return E.right(data as LedgerEvent);
  switch (type) {
    case "ArticleRecorded":
      return version === 1 ? pipe(check(ArticleRecordedV1, type, data), E.map(upcastArticleV1)) : check(ArticleRecorded, type, data);
    case "ClaimReported":
      return version === 1
        ? pipe(check(ClaimReportedV1, type, data), E.map(upcastClaimV1))
        : version === 2
          ? pipe(check(ClaimReportedV2, type, data), E.map(upcastClaimV2))
          : check(ClaimReported, type, data);
    case "ArticleReextracted":
      return check(ArticleReextracted, type, data);
    case "ClaimCorrected":
      return check(ClaimCorrected, type, data);
    case "ClaimRejected":
      return check(ClaimRejected, type, data);
    case "ArticleDated":
      return check(ArticleDated, type, data);
    default:
      return E.left({ _tag: "UnknownEventType", type });
  }
};
