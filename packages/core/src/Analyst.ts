/**
 * The analyst's actions on claims as one decider: correct, reject, (un)link
 * and add a claim. Each is decided against the ledger (a corrected or
 * rejected claim must exist; an added claim's article must exist) and yields
 * the event to append; the reported claim itself is never edited. Time and
 * the analyst's name come in with the command.
 */
import * as E from "fp-ts/lib/Either.js";
import type { ClaimFields } from "./Claim.ts";
import { Kind } from "./Claim.ts";
import type { Decider, RuleViolation } from "./Decider.ts";
import type { ClaimChanges, ClaimCorrected, ClaimRejected, ClaimReported, LedgerEvent } from "./Events.ts";
import * as Ids from "./Ids.ts";
import * as L from "./Ledger.ts";
import * as Q from "./Quantity.ts";

interface Signed {
  readonly reason: string;
  readonly analyst: string;
  readonly recordedAt: string;
}

/** Correct fields of a claim (link and unlink are corrections of its agreement). */
export interface Correct extends Signed {
  readonly _tag: "Correct";
  readonly claimId: string;
  readonly changes: ClaimChanges;
}

/** Reject a claim. */
export interface Reject extends Signed {
  readonly _tag: "Reject";
  readonly claimId: string;
}

/** Add the analyst's own claim, from an article or from nowhere the ledger has. */
export interface AddClaim extends Signed {
  readonly _tag: "AddClaim";
  readonly articleId: string | null;
  readonly metric: string;
  readonly direction: string;
  readonly kind: Kind;
  readonly value: number | null;
  readonly qualifier: Q.Qualifier;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly attributedTo: string;
}

export type Command = Correct | Reject | AddClaim;

const invalid = (field: string, message: string): E.Either<RuleViolation, never> => E.left({ _tag: "InvalidCommand", field, message });

const signed = (c: Signed): E.Either<RuleViolation, void> => (c.reason.trim() === "" ? invalid("--reason", "an analyst event needs a reason") : E.right(undefined));

/** The id of an analyst's claim: who added what, when. */
export const addedClaimId = (c: AddClaim): string =>
  Ids.claimIdOf(["manual", c.analyst, c.recordedAt, c.metric, c.direction, c.kind, c.value, c.qualifier, c.validFrom, c.validTo, c.attributedTo]);

/** The stream a command's event goes to. */
export const streamOf = (c: Command): string => Ids.analystStream(c._tag === "AddClaim" ? addedClaimId(c) : c.claimId);

/** Answers a command from the ledger. */
export const decide = (c: Command, ledger: L.Ledger): E.Either<RuleViolation, readonly LedgerEvent[]> => {
  const ok = signed(c);
  if (E.isLeft(ok)) return ok;
  switch (c._tag) {
    case "Correct": {
      if (!ledger.claims.has(c.claimId)) return E.left({ _tag: "UnknownClaim", claimId: c.claimId });
      if (Object.keys(c.changes).length === 0) return invalid("correct", "say what to correct");
      const e: ClaimCorrected = { type: "ClaimCorrected", version: 1, claimId: c.claimId, changes: c.changes, reason: c.reason, analyst: c.analyst, recordedAt: c.recordedAt };
      return E.right([e]);
    }
    case "Reject": {
      if (!ledger.claims.has(c.claimId)) return E.left({ _tag: "UnknownClaim", claimId: c.claimId });
      const e: ClaimRejected = { type: "ClaimRejected", version: 1, claimId: c.claimId, reason: c.reason, analyst: c.analyst, recordedAt: c.recordedAt };
      return E.right([e]);
    }
    case "AddClaim": {
      if (c.articleId !== null && !ledger.articles.has(c.articleId)) return E.left({ _tag: "UnknownArticle", articleId: c.articleId });
      if ((c.value === null) !== (c.qualifier === "undisclosed")) return invalid("--value", "give a value, or --undisclosed, not both");
      if (c.value !== null && (!Number.isInteger(c.value) || c.value < 0)) return invalid("--value", `${c.value} is not a whole number`);
      if (c.validFrom !== null && c.validTo !== null && c.validFrom > c.validTo) return invalid("--valid-from", `${c.validFrom} is after --valid-to ${c.validTo}`);
      const claimId = addedClaimId(c);
      const interval = Q.fromReported(c.value, c.qualifier);
      const claim: ClaimFields = {
        id: claimId,
        metric: c.metric,
        direction: c.direction,
        kind: c.kind,
        value: c.value,
        qualifier: c.qualifier,
        lo: interval.lo,
        hi: interval.hi,
        validFrom: c.validFrom,
        validTo: c.validTo,
        attributedTo: c.attributedTo,
        evidence: { start: 0, end: 0, text: c.reason },
        agreement: null,
        commitment: c.kind === "target" ? "agreed" : null,
        group: null,
        dateSource: c.validFrom === null && c.validTo === null ? null : "text",
      };
      const e: ClaimReported = {
        type: "ClaimReported",
        version: 3,
        claimId,
        articleId: c.articleId,
        claim,
        reportedVia: null,
        origin: "manual",
        analyst: c.analyst,
        extractor: { name: "analyst", version: "1" },
        recordedAt: c.recordedAt,
      };
      return E.right([e]);
    }
  }
};

/** The analyst decider over the whole ledger. */
export const decider: Decider<Command, L.Ledger, LedgerEvent> = { initial: L.initial, evolve: L.evolve, decide };
