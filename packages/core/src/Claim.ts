/**
 * The claim vocabulary of the public contract: what one source reported
 * about one quantity. Metrics and directions are open strings in the core
 * (the built-in domain pack names the usual ones); kinds and qualifiers are
 * closed. `ClaimFields` is exactly the claim object the CLI prints.
 */
import * as t from "io-ts";
import { Qualifier } from "./Quantity.ts";

/** The built-in metrics of the prisoner-exchange domain pack. */
export const builtInMetrics = [
  "prisoners_returned",
  "soldiers_returned",
  "civilians_returned",
  "bodies_returned",
  "prisoners_agreed",
  "bodies_agreed",
  "held_captive",
] as const;

/** What kind of figure a claim is. */
export const Kind = t.keyof({ event: null, cumulative: null, target: null, stock: null });
export type Kind = t.TypeOf<typeof Kind>;

/** Character offsets into the article text and the sentence they cover. */
export const Evidence = t.type({ start: t.number, end: t.number, text: t.string });
export type Evidence = t.TypeOf<typeof Evidence>;

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** The fields of a claim before reading context (v1 and v2 of ClaimReported). */
export const ClaimFieldsV1 = t.type({
  id: t.string,
  metric: t.string,
  direction: t.string,
  kind: Kind,
  value: nullable(t.number),
  qualifier: Qualifier,
  lo: t.number,
  hi: nullable(t.number),
  validFrom: nullable(t.string),
  validTo: nullable(t.string),
  attributedTo: t.string,
  evidence: Evidence,
});
export type ClaimFieldsV1 = t.TypeOf<typeof ClaimFieldsV1>;

/** The agreement a figure is counted under ("500 so far" under the June 2 deal for 1,200): its day and figure, each null when unknown. */
export const AgreementRef = t.type({ agreedOn: nullable(t.string), value: nullable(t.number) });
export type AgreementRef = t.TypeOf<typeof AgreementRef>;

/** Of a target: agreed by both sides (a deal) or offered, pledged or proposed by one. */
export const Commitment = t.keyof({ agreed: null, offered: null });
export type Commitment = t.TypeOf<typeof Commitment>;

/** Which group a stock (or a count) covers when the text narrows it. */
export const Group = t.keyof({ soldiers: null, civilians: null });
export type Group = t.TypeOf<typeof Group>;

/**
 * How the claim's day was learned: stated in the text, defaulted to the article's publication day, or (an
 * agreement the text leaves undated) taken from the domain pack's calendar of talks (`reference`, extractor 2.8.0).
 */
export const DateSource = t.keyof({ text: null, publication: null, reference: null });
export type DateSource = t.TypeOf<typeof DateSource>;

/**
 * Every field of a claim as the contract prints it: the contract's fields plus
 * the additive reading context (`agreement`, `commitment`, `group`, `dateSource`),
 * each null when the text does not say or the claim predates it.
 */
export const ClaimFields = t.intersection([
  ClaimFieldsV1,
  t.type({
    agreement: nullable(AgreementRef),
    commitment: nullable(Commitment),
    group: nullable(Group),
    dateSource: nullable(DateSource),
  }),
]);
export type ClaimFields = t.TypeOf<typeof ClaimFields>;

/** A claim read before the context fields existed: nothing about its context is known. */
export const upcastFieldsV1 = (c: ClaimFieldsV1): ClaimFields => ({
  ...c,
  agreement: null,
  commitment: c.kind === "target" ? "agreed" : null,
  group: null,
  dateSource: null,
});

/** The `to_<party>` direction for a party name. */
export const toParty = (party: string): string => `to_${party}`;

/** True for directions that name one receiving party. */
export const isPartyDirection = (direction: string): boolean => direction.startsWith("to_");

/** The receiving party a direction names (`to_ukraine` → `ukraine`), null for `each_side` and `total`. */
export const receiverOf = (direction: string): string | null => (isPartyDirection(direction) ? direction.slice(3) : null);

/** Metrics that count a flow which can only grow over time (people or bodies coming home). */
export const isMonotone = (metric: string): boolean => metric.endsWith("_returned");

/** The metric whose events fulfil an agreement metric (`prisoners_agreed` → `prisoners_returned`). */
export const fulfilledBy = (agreedMetric: string): string | null =>
  agreedMetric.endsWith("_agreed") ? agreedMetric.replace(/_agreed$/, "_returned") : null;

/**
 * Counts whose N-for-N deals are swaps, each phase giving as many as it gets (people), as opposed to caps on
 * one-way handovers (bodies: "6,000 for 6,000" is what each side may return; Russia returned 1,212 on June 11,
 * 2025 and received 27). Only a swap's phase whose two directions differ is `asymmetric`.
 */
export const isSwapCount = (metric: string): boolean => metric !== "bodies_returned";

/** How the extractor names the claimant of an unattributed figure when the article's outlet is unknown. */
export const unnamedOutlet = "unnamed outlet";
