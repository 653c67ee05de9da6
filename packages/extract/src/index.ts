/**
 * @factledger/extract — article text to reported claims: metadata and its
 * provenance, boilerplate removal, sentences and quotations, numbers with
 * qualifiers, dates, attribution, and near-duplicate signatures. Pure.
 */
export { extract, extractor } from "./Extract.ts";
export type { Extraction, ExtractedClaim, Input } from "./Extract.ts";
export type { Sidecar, Learned } from "./Metadata.ts";
export * as Similarity from "./Similarity.ts";
export * as Dates from "./Dates.ts";
export * as Clean from "./Clean.ts";
export * as Manifest from "./Manifest.ts";
export { articleEvents, claimEvents, reextractionEvents } from "./Record.ts";
export type { Identified } from "./Record.ts";
