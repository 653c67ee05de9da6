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

/** Every field of a claim as the contract prints it. */
export const ClaimFields = t.type({
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
export type ClaimFields = t.TypeOf<typeof ClaimFields>;

/** The `to_<party>` direction for a party name. */
export const toParty = (party: string): string => `to_${party}`;

/** True for directions that name one receiving party. */
export const isPartyDirection = (direction: string): boolean => direction.startsWith("to_");

/** Metrics that count a flow which can only grow over time (people or bodies coming home). */
export const isMonotone = (metric: string): boolean => metric.endsWith("_returned");

/** The metric whose events fulfil an agreement metric (`prisoners_agreed` → `prisoners_returned`). */
export const fulfilledBy = (agreedMetric: string): string | null =>
  agreedMetric.endsWith("_agreed") ? agreedMetric.replace(/_agreed$/, "_returned") : null;

/** How the extractor names the claimant of an unattributed figure when the article's outlet is unknown. */
export const unnamedOutlet = "unnamed outlet";
