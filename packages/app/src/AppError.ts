/**
 * Everything a use case can fail with, as tagged data: the file or argument
 * at fault, the rule broken, the store that failed. Adapters add context as
 * fields, never as message prefixes; `describe` writes the one line a person
 * reads, and front ends choose exit codes with `match`.
 */
import { Decider } from "@factledger/core";
import type { RuleViolation } from "@factledger/core";
import { StoreError } from "@factledger/store";
import type { StoreErrorT } from "@factledger/store";

export type AppError =
  | { readonly _tag: "UnreadableFile"; readonly path: string; readonly reason: string }
  | { readonly _tag: "InvalidManifest"; readonly path: string; readonly reason: string }
  | { readonly _tag: "UnknownClaim"; readonly claimId: string; readonly store: string }
  | { readonly _tag: "RuleViolated"; readonly violation: RuleViolation; readonly store: string }
  | { readonly _tag: "InvalidArgument"; readonly argument: string; readonly message: string }
  | { readonly _tag: "StoreFailed"; readonly store: string; readonly error: StoreErrorT }
  | { readonly _tag: "Usage"; readonly message: string };

/** One fold over the union. */
export const match =
  <R>(cases: { [K in AppError["_tag"]]: (e: Extract<AppError, { _tag: K }>) => R }) =>
  (e: AppError): R =>
    (cases[e._tag] as (e: AppError) => R)(e);

/**
 * The store's name once, before its message: "x.db: store unavailable: …". An adapter that put the name
 * inside its message ("store unavailable: x.db: …") has it moved to the front; a message that names the
 * store in its own words ("no store at x.db") is left as it is.
 */
export const where = (store: string, message: string): string => {
  if (store === "") return message;
  const named = `${store}: `;
  const at = message.indexOf(named);
  if (at > 0) return `${named}${message.slice(0, at)}${message.slice(at + named.length)}`;
  return message.includes(store) ? message : `${named}${message}`;
};

/** One line, naming the file, argument, claim or store at fault. */
export const describe: (e: AppError) => string = match({
  UnreadableFile: (e) => `${e.path}: ${e.reason}`,
  InvalidManifest: (e) => `${e.path}: ${e.reason}`,
  UnknownClaim: (e) => `claim ${e.claimId}: no such claim in ${e.store} (see 'facts claims')`,
  RuleViolated: (e) => (e.violation._tag === "UnknownArticle" ? `article ${e.violation.articleId}: no such article in ${e.store}` : Decider.describe(e.violation)),
  InvalidArgument: (e) => `${e.argument}: ${e.message}`,
  StoreFailed: (e) => where(e.store, StoreError.describe(e.error)),
  Usage: (e) => e.message,
});

/** Constructors. */
export const storeFailed = (store: string) => (error: StoreErrorT): AppError => ({ _tag: "StoreFailed", store, error });
export const invalidArgument = (argument: string, message: string): AppError => ({ _tag: "InvalidArgument", argument, message });
export const usage = (message: string): AppError => ({ _tag: "Usage", message });

/**
 * A use case's failure in flight: use cases are written as straight-line async code and throw this,
 * and every public entry point (`App.run`) turns it back into `Either<AppError, A>`.
 */
export class Failure extends Error {
  constructor(readonly error: AppError) {
    super(describe(error));
  }
}

/** Throws the error as a Failure. */
export const fail = (e: AppError): never => {
  throw new Failure(e);
};
