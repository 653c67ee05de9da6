/**
 * The shape of the write side: a decider turns a command and the state folded
 * from the events it concerns into the events to append, or the rule the
 * command breaks. Pure: the command carries the time and the ids; the caller
 * appends the events in one append at the revision the state was folded at.
 */
import type * as E from "fp-ts/lib/Either.js";

/** A rule of the write side that a command breaks, as data. */
export type RuleViolation =
  | { readonly _tag: "UnknownClaim"; readonly claimId: string }
  | { readonly _tag: "UnknownArticle"; readonly articleId: string }
  | { readonly _tag: "AlreadyDated"; readonly articleId: string; readonly publishedAt: string }
  | { readonly _tag: "InvalidCommand"; readonly field: string; readonly message: string };

/** One fold over the violations. */
export const match =
  <R>(cases: { [K in RuleViolation["_tag"]]: (v: Extract<RuleViolation, { _tag: K }>) => R }) =>
  (v: RuleViolation): R =>
    (cases[v._tag] as (v: RuleViolation) => R)(v);

/** A one-line description, naming the claim, article or argument. */
export const describe: (v: RuleViolation) => string = match({
  UnknownClaim: (v) => `claim ${v.claimId}: no such claim (see 'facts claims')`,
  UnknownArticle: (v) => `article ${v.articleId}: no such article`,
  AlreadyDated: (v) => `article ${v.articleId}: already published on ${v.publishedAt}; nothing to record`,
  InvalidCommand: (v) => `${v.field}: ${v.message}`,
});

/** A decider: `initial` and `evolve` fold the state, `decide` answers a command from it. */
export interface Decider<Command, State, Event> {
  readonly initial: () => State;
  readonly evolve: (state: State, event: Event) => State;
  readonly decide: (command: Command, state: State) => E.Either<RuleViolation, readonly Event[]>;
}
