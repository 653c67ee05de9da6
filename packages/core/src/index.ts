/**
 * @factledger/core — the pure heart of the engine: event codecs, quantities
 * as intervals, the ledger fold, fact slots, reconciliation and audit. No IO,
 * no clock, no randomness: time and ids come in as arguments.
 */
export * as Agreements from "./Agreements.ts";
export * as Audit from "./Audit.ts";
export * as Claim from "./Claim.ts";
export * as Claimant from "./Claimant.ts";
export * as DateOnly from "./DateOnly.ts";
export * as Discrepancy from "./Discrepancy.ts";
export * as Events from "./Events.ts";
export * as FactSlot from "./FactSlot.ts";
export * as Figure from "./Figure.ts";
export * as Ids from "./Ids.ts";
export * as Ledger from "./Ledger.ts";
export * as Quantity from "./Quantity.ts";
export * as Reconcile from "./Reconcile.ts";
export { sha256Hex } from "./Digest.ts";
export type { LedgerEvent, ArticleRecorded, ClaimReported, ClaimCorrected, ClaimRejected, ArticleReextracted } from "./Events.ts";
export type { ClaimFields } from "./Claim.ts";
export * as Totals from "./Totals.ts";
export * as TotalsIndex from "./TotalsIndex.ts";
export * as Windows from "./Windows.ts";
export * as Analyst from "./Analyst.ts";
export * as ArticleStream from "./ArticleStream.ts";
export * as Decider from "./Decider.ts";
export type { RuleViolation } from "./Decider.ts";
export type { ArticleDated } from "./Events.ts";
