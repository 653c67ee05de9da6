/**
 * fast-check arbitraries derived from the same vocabulary as the codecs:
 * claim fields, claim views and ledger events. Used by this package's laws
 * and by other packages' tests (the `testing` entry point).
 */
import fc from "fast-check";
import * as Ei from "fp-ts/lib/Either.js";
import type { Decider, RuleViolation } from "./Decider.ts";
import type { ClaimFields } from "./Claim.ts";
import type { ArticleRecorded, ClaimCorrected, ClaimRejected, ClaimReported, LedgerEvent } from "./Events.ts";
import type { ClaimView } from "./Ledger.ts";
import * as Q from "./Quantity.ts";

/** A few days of one month: small so that claims collide on slots and days. */
export const day = fc.integer({ min: 1, max: 9 }).map((d) => `2025-06-0${d}`);

export const qualifier: fc.Arbitrary<Q.Qualifier> = fc.constantFrom("exact", "at_least", "more_than", "about", "nearly", "at_most", "undisclosed");
export const metric = fc.constantFrom("prisoners_returned", "soldiers_returned", "civilians_returned", "bodies_returned", "prisoners_agreed", "held_captive");
export const direction = fc.constantFrom("to_ukraine", "to_russia", "each_side");
export const kind = fc.constantFrom("event" as const, "cumulative" as const, "target" as const);
export const claimant = fc.constantFrom("Volodymyr Zelensky", "Russian Defence Ministry", "Vladimir Putin", "Reuters", "Coordination Headquarters");

/** A figure: zero is a value ("received none"), small figures collide, large ones are round or not. */
export const value = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 2000 }), fc.constantFrom(100, 500, 1000, 1200, 6000));

/**
 * Claim fields in the contract's vocabulary, with lo/hi consistent with value and qualifier, and the
 * reading context of ClaimReported v3: cumulative figures with or without a scope (a day or an
 * agreement), targets agreed or offered, stocks per group, days stated or defaulted to publication.
 */
export const claimFields = (id: string): fc.Arbitrary<ClaimFields> =>
  fc
    .record({
      metric,
      direction,
      kind,
      value,
      qualifier,
      from: day,
      scope: fc.option(day, { nil: null }),
      agreed: fc.option(day, { nil: null }),
      offered: fc.boolean(),
      group: fc.constantFrom(null, "soldiers" as const, "civilians" as const),
      dateSource: fc.constantFrom("text" as const, "publication" as const, null),
      undated: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      attributedTo: claimant,
      start: fc.nat(5000),
    })
    .map((r) => {
      const kind = r.metric === "held_captive" ? ("stock" as const) : r.metric.endsWith("_agreed") ? ("target" as const) : r.kind === "target" ? ("event" as const) : r.kind;
      const value = r.qualifier === "undisclosed" ? null : r.value;
      const i = Q.fromReported(value, r.qualifier);
      const scope = kind === "cumulative" && r.scope !== null && r.scope <= r.from ? r.scope : null;
      return {
        id,
        metric: r.metric,
        direction: r.direction,
        kind,
        value,
        qualifier: r.qualifier,
        lo: i.lo,
        hi: i.hi,
        // One event in ten is reported without its day.
        validFrom: kind === "cumulative" ? scope : kind === "event" && r.undated ? null : r.from,
        validTo: kind === "event" && r.undated ? null : r.from,
        attributedTo: r.attributedTo,
        evidence: { start: r.start, end: r.start + 10, text: "evidence" },
        agreement: (kind === "cumulative" || kind === "event") && r.agreed !== null && r.agreed <= r.from ? { agreedOn: r.agreed, value: null } : null,
        commitment: kind === "target" ? (r.offered ? ("offered" as const) : ("agreed" as const)) : null,
        group: kind === "stock" ? r.group : null,
        dateSource: r.dateSource,
      };
    });

/** An article and its claims as ledger events. */
export const articleWithClaims = (n: number): fc.Arbitrary<LedgerEvent[]> =>
  fc.record({ published: day, outlet: fc.constantFrom("Reuters", "AFP", "IANS", null), claims: fc.array(fc.nat(), { minLength: 0, maxLength: 4 }) }).chain((a) =>
    fc.tuple(...a.claims.map((_, i) => claimFields(`c${n}-${i}`))).map((claims) => {
      const articleId = `a${n}`;
      const article: ArticleRecorded = {
        type: "ArticleRecorded",
        version: 2,
        articleId,
        textHash: "",
        text: `text ${n}`,
        path: null,
        publishedAt: a.published,
        outlet: a.outlet,
        wire: null,
        url: null,
        learned: { publishedAt: "text", outlet: a.outlet === null ? "none" : "text", url: "none" },
        copyOf: null,
        extractor: { name: "test", version: "1" },
        recordedAt: "2025-07-01T00:00:00.000Z",
      };
      const reported: ClaimReported[] = claims.map((c) => ({
        type: "ClaimReported",
        version: 3,
        claimId: c.id,
        articleId,
        claim: c,
        reportedVia: null,
        origin: "extracted",
        analyst: null,
        extractor: { name: "test", version: "1" },
        recordedAt: "2025-07-01T00:00:00.000Z",
      }));
      return [article, ...reported];
    }),
  );

/** A whole ledger history: articles with claims, in article order. */
export const history = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => articleWithClaims(i))).map((xs) => xs.flat()));

/** An analyst event about a claim id. */
export const amendment = (claimId: string): fc.Arbitrary<ClaimCorrected | ClaimRejected> =>
  fc.oneof(
    fc.record({ value: fc.integer({ min: 0, max: 2000 }), d: day }).map(
      ({ value, d }): ClaimCorrected => ({ type: "ClaimCorrected", version: 1, claimId, changes: { value, qualifier: "exact" }, reason: "test", analyst: "a", recordedAt: `${d}T12:00:00.000Z` }),
    ),
    day.map((d): ClaimRejected => ({ type: "ClaimRejected", version: 1, claimId, reason: "test", analyst: "a", recordedAt: `${d}T12:00:00.000Z` })),
  );

/** Claim views (as reconciliation sees them) from independent claimants. */
export const claimViews = fc.array(fc.tuple(claimFields("x"), day, fc.constantFrom("a1", "a2", "a3")), { minLength: 0, maxLength: 12 }).map((xs) =>
  xs.map(([f, known, article], i): ClaimView => ({
    claimId: `c${i}`,
    articleId: article,
    outlet: "Outlet",
    publishedAt: known,
    knownAt: known,
    fields: { ...f, id: `c${i}` },
    reportedVia: null,
    origin: "extracted",
    rootArticleId: article,
    rootVoice: "Outlet",
    amendedOn: [],
  })),
);

const equal = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
};

const show = (x: unknown): string => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

/** What a decider answered to one command, with the assertions of a given/when/then specification. */
export interface Then<Event> {
  readonly result: Ei.Either<RuleViolation, readonly Event[]>;
  /** Throws unless the command was accepted with exactly these events. */
  readonly then: (expected: readonly Event[]) => void;
  /** Throws unless the command was refused with a violation of this tag (and these fields, if given). */
  readonly thenFails: (tag: RuleViolation["_tag"], fields?: Partial<RuleViolation>) => void;
}

/**
 * A given/when/then specification of a decider (after Emmett's DeciderSpecification): the events
 * given are folded into the state, the command is decided on it, and `then`/`thenFails` throw an
 * Error that shows both sides when the answer differs. Framework-free: any test runner reports it.
 */
export const specification = <Command, State, Event>(d: Decider<Command, State, Event>) => ({
  given: (events: readonly Event[]) => ({
    when: (command: Command): Then<Event> => {
      let state = d.initial();
      for (const e of events) state = d.evolve(state, e);
      const result = d.decide(command, state);
      return {
        result,
        then: (expected) => {
          if (Ei.isLeft(result)) throw new Error(`expected events ${show(expected)}, but the command was refused: ${show(result.left)}`);
          if (!equal(result.right, expected)) throw new Error(`expected events ${show(expected)}\n     but got ${show(result.right)}`);
        },
        thenFails: (tag, fields = {}) => {
          if (Ei.isRight(result)) throw new Error(`expected a ${tag} violation, but the command was accepted with ${show(result.right)}`);
          const v = result.left as unknown as Record<string, unknown>;
          if (v["_tag"] !== tag || !Object.entries(fields).every(([k, x]) => equal(v[k], x))) throw new Error(`expected a ${tag} violation ${show(fields)}, but got ${show(result.left)}`);
        },
      };
    },
  }),
});
export { richHistory, claimChanges } from "./arbitraries.ts";

/** A claim's fields as a test states them: the rest take the defaults of `claimMaker`. */
export type GivenClaim = Partial<ClaimFields> & Pick<ClaimFields, "metric" | "direction" | "kind">;

/**
 * A maker of hand-written claim views for example tests: each call gives a new claim in its own
 * article, known (and published) on `known`, its interval derived from value and qualifier as
 * extraction derives it. Options set what the tests of one module take for granted.
 */
export const claimMaker = (options: {
  /** Who says the n-th claim (default: the outlet). */
  readonly attributedTo?: (n: number) => string;
  /** Targets are agreements unless a test says otherwise (default: no commitment). */
  readonly targetsAgreed?: boolean;
  readonly dateSource?: ClaimFields["dateSource"];
  /** Each claim's evidence at its own offset (default: all at 0). */
  readonly distinctEvidence?: boolean;
} = {}): ((f: GivenClaim, known: string, more?: Partial<ClaimView>) => ClaimView) => {
  let n = 0;
  return (f, known, more = {}) => {
    const value = f.value === undefined ? 0 : f.value;
    const qualifier = f.qualifier ?? "exact";
    const i = Q.fromReported(value, qualifier);
    const id = `c${++n}`;
    const article = more.articleId ?? `a${n}`;
    const at = options.distinctEvidence === true ? n : 0;
    return {
      claimId: id,
      articleId: article,
      outlet: "Outlet",
      publishedAt: known,
      knownAt: known,
      fields: {
        id, value, qualifier, lo: i.lo, hi: i.hi, validFrom: null, validTo: null,
        attributedTo: options.attributedTo?.(n) ?? "Outlet",
        evidence: { start: at, end: at + 1, text: "" },
        agreement: null,
        commitment: options.targetsAgreed === true && f.kind === "target" ? "agreed" : null,
        group: null,
        dateSource: options.dateSource === undefined ? "text" : options.dateSource,
        ...f,
      } as ClaimFields,
      reportedVia: null,
      origin: "extracted",
      rootArticleId: article,
      rootVoice: "Outlet",
      amendedOn: [],
      ...more,
    };
  };
};
