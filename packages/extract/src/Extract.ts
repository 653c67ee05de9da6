/**
 * The extraction pipeline: raw article text (plus sidecar metadata) → clean
 * story spans → sentences → claims in the contract's vocabulary, each with an
 * id derived from the article, the extractor version and its evidence.
 * Pure and deterministic: the same input always yields the same output.
 */
import { Claim, Ids } from "@factledger/core";
import type { ClaimFields, Events } from "@factledger/core";
import * as Claims from "./Claims.ts";
import * as Clean from "./Clean.ts";
import * as Metadata from "./Metadata.ts";
import * as Sentences from "./Sentences.ts";

/** This extractor's identity, recorded on every claim it reads. */
export const extractor: Events.Extractor = { name: "factledger-rules", version: "2.10.0" };

/** What to read. */
export interface Input {
  readonly text: string;
  readonly path: string | null;
  /** Today, as `YYYY-MM-DD`: bounds year inference for datelines. */
  readonly today: string;
  readonly sidecars: readonly Metadata.Sidecar[];
}

/** A claim as read, with its channel (nested reporting). */
export interface ExtractedClaim {
  readonly fields: ClaimFields;
  readonly reportedVia: string | null;
}

/** Everything read from one article. */
export interface Extraction {
  readonly articleId: string;
  readonly metadata: Metadata.Learned;
  readonly claims: readonly ExtractedClaim[];
  /** The story text with boilerplate and repeats removed (for near-duplicate detection). */
  readonly story: string;
}

/** Reads one article. */
export const extract = (input: Input): Extraction => {
  const articleId = Ids.articleIdOf(input.text);
  const spans = Clean.storySpans(input.text);
  const metadata = Metadata.learn(input.text, spans, input.today, input.sidecars);
  const sentences = Sentences.split(input.text, spans);
  const voice = metadata.outlet ?? metadata.wire ?? Claim.unnamedOutlet;
  const drafts = Claims.extract(sentences, { publishedAt: metadata.publishedAt, voice, today: input.today, month: metadata.month });
  const claims = drafts.map((d): ExtractedClaim => {
    const id = Ids.claimIdOf([articleId, extractor.name, extractor.version, d.at, d.metric, d.direction, d.kind, d.value, d.qualifier, d.attributedTo]);
    return {
      fields: {
        id,
        metric: d.metric,
        direction: d.direction,
        kind: d.kind,
        value: d.value,
        qualifier: d.qualifier,
        lo: d.lo,
        hi: d.hi,
        validFrom: d.validFrom,
        validTo: d.validTo,
        attributedTo: d.attributedTo,
        evidence: d.evidence,
        agreement: d.agreement,
        commitment: d.commitment,
        group: d.group,
        dateSource: d.dateSource,
      },
      reportedVia: d.reportedVia,
    };
  });
  const story = spans.map((s) => input.text.slice(s.start, s.end)).join("\n");
  return { articleId, metadata, claims, story };
};
