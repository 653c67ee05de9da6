/**
 * Arbitraries that reach every case of the claim vocabulary, for the laws
 * with an oracle and the richer histories: undated claims, scoped and
 * unscoped cumulative figures, every kind and qualifier, values 0 and huge,
 * wire copies, re-extractions, corrections of any field, rejections, manual
 * claims and several agreements. Derived from the codecs' key sets.
 */
import fc from "fast-check";
import type { ClaimFields } from "./Claim.ts";
import { Commitment, DateSource, Group, Kind } from "./Claim.ts";
import type { ArticleDated, ArticleReextracted, ArticleRecorded, ClaimChanges, ClaimCorrected, ClaimRejected, ClaimReported, LedgerEvent } from "./Events.ts";
import type { ClaimView } from "./Ledger.ts";
import * as Q from "./Quantity.ts";

const keysOf = <K extends string>(codec: { readonly keys: Record<K, unknown> }): K[] => Object.keys(codec.keys) as K[];

/** Every qualifier, every kind, every commitment, group and date source the codecs accept. */
export const qualifiers = keysOf(Q.Qualifier);
export const kinds = keysOf(Kind);
export const commitments = keysOf(Commitment);
export const groups = keysOf(Group);
export const dateSources = keysOf(DateSource);

/** The days of the small oracle histories: three days, plus the time before the record. */
export const oracleDays = ["2025-06-01", "2025-06-02", "2025-06-03"] as const;

/** Claimants of the oracle histories: named ones, spellings of one of them, and outlets' own figures. */
export const oracleClaimants = ["Volodymyr Zelensky", "Mr Zelenskyy", "Russian Defence Ministry", "Reuters", "unnamed outlet"] as const;

const oracleDay = fc.constantFrom(...oracleDays);

/**
 * A claim view of the oracle histories: prisoners returned to Ukraine (or each side), as an event (a
 * day, a phase or undated), a cumulative figure (scoped by `validFrom`, by an agreement or unscoped)
 * or an agreed target; small figures so that a brute force can enumerate daily counts.
 */
const oracleClaim = fc
  .record({
    kind: fc.constantFrom("event", "event", "event", "cumulative", "cumulative", "target") as fc.Arbitrary<"event" | "cumulative" | "target">,
    direction: fc.constantFrom("to_ukraine", "to_ukraine", "to_ukraine", "each_side", "to_russia"),
    value: fc.oneof(fc.constant(0), fc.constantFrom(2, 3, 5), fc.integer({ min: 1, max: 8 })),
    qualifier: fc.constantFrom(...qualifiers),
    a: oracleDay,
    b: oracleDay,
    shape: fc.constantFrom("day", "day", "phase", "undated", "scoped", "agreement"),
    dateSource: fc.constantFrom("text" as const, "publication" as const, null),
    attributedTo: fc.constantFrom(...oracleClaimants),
    outlet: fc.constantFrom("Reuters", "AFP"),
    article: fc.constantFrom("a1", "a2", "a3", "a4"),
    known: fc.constantFrom(...oracleDays, "2025-06-04"),
    start: fc.nat(50),
  })
  .map((r) => {
    const [lo, hi] = r.a <= r.b ? [r.a, r.b] : [r.b, r.a];
    const value = r.qualifier === "undisclosed" ? null : r.kind === "target" ? Math.max(1, r.value) : r.value;
    const i = Q.fromReported(value, r.qualifier);
    // An undated event, or a running count of an undated page.
    const undated = (r.kind === "event" || r.kind === "cumulative") && r.shape === "undated";
    const validTo = undated ? null : hi;
    const validFrom = undated ? null : r.kind === "event" ? (r.shape === "phase" ? lo : hi) : r.kind === "cumulative" ? (r.shape === "scoped" ? lo : null) : hi;
    const agreement = r.kind === "cumulative" && r.shape === "agreement" ? { agreedOn: lo, value: null } : null;
    // A claim is known on or after the day it refers to.
    const known = validTo !== null && r.known < validTo ? validTo : r.known;
    const fields: Omit<ClaimFields, "id"> = {
      metric: r.kind === "target" ? "prisoners_agreed" : "prisoners_returned",
      direction: r.direction,
      kind: r.kind,
      value,
      qualifier: r.qualifier,
      lo: i.lo,
      hi: i.hi,
      validFrom,
      validTo,
      attributedTo: r.attributedTo,
      evidence: { start: r.start, end: r.start + 5, text: "" },
      agreement,
      commitment: r.kind === "target" ? "agreed" : null,
      group: null,
      dateSource: r.dateSource,
    };
    return { fields, outlet: r.outlet, article: `${r.article}-${known}`, known };
  });

/** A small history of claim views (as reconciliation sees them) for the brute-force oracle. */
export const oracleHistory: fc.Arbitrary<ClaimView[]> = fc.array(oracleClaim, { minLength: 2, maxLength: 9 }).map((xs) =>
  xs.map(({ fields, outlet, article, known }, n): ClaimView => ({
    claimId: `c${n}`,
    articleId: article,
    outlet,
    publishedAt: known,
    knownAt: known,
    fields: { ...fields, id: `c${n}` },
    reportedVia: null,
    origin: "extracted",
    rootArticleId: article,
    rootVoice: outlet,
    amendedOn: [],
  })),
);

const richDay = fc.integer({ min: 1, max: 12 }).map((d) => `2025-06-${String(d).padStart(2, "0")}`);

/** Figures from zero to huge: none, a few, round ones and ones past a million. */
export const richValue = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(100, 390, 500, 697, 1000, 1200, 6000) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000_000, max: 3_000_000_000 }) },
);

const richMetric = fc.constantFrom("prisoners_returned", "soldiers_returned", "civilians_returned", "bodies_returned", "prisoners_agreed", "bodies_agreed", "held_captive");

/** Claim fields over every kind and qualifier, dated, phased or undated, with every reading context. */
export const richClaimFields = (id: string, attributedTo: fc.Arbitrary<string>): fc.Arbitrary<ClaimFields> =>
  fc
    .record({
      metric: richMetric,
      direction: fc.constantFrom("to_ukraine", "to_russia", "each_side"),
      kind: fc.constantFrom(...kinds),
      value: richValue,
      qualifier: fc.constantFrom(...qualifiers),
      a: richDay,
      b: richDay,
      shape: fc.constantFrom("day", "day", "phase", "undated", "scoped", "agreement"),
      commitment: fc.constantFrom(...commitments),
      group: fc.constantFrom(null, ...groups),
      dateSource: fc.constantFrom(null, ...dateSources),
      attributedTo,
      start: fc.nat(5000),
    })
    .map((r) => {
      // The kind follows the metric as the extractor reads it: a held count is a stock, an agreed one a target.
      const kind = r.metric === "held_captive" ? "stock" : r.metric.endsWith("_agreed") ? "target" : r.kind === "target" || r.kind === "stock" ? "event" : r.kind;
      const value = r.qualifier === "undisclosed" ? null : r.value;
      const i = Q.fromReported(value, r.qualifier);
      const [lo, hi] = r.a <= r.b ? [r.a, r.b] : [r.b, r.a];
      const undated = r.shape === "undated";
      return {
        id,
        metric: r.metric,
        direction: r.direction,
        kind,
        value,
        qualifier: r.qualifier,
        lo: i.lo,
        hi: i.hi,
        validFrom: undated ? null : kind === "cumulative" || kind === "stock" ? (r.shape === "scoped" ? lo : null) : r.shape === "phase" ? lo : hi,
        validTo: undated ? null : hi,
        attributedTo: r.attributedTo,
        evidence: { start: r.start, end: r.start + 10, text: "evidence" },
        agreement: (kind === "cumulative" || kind === "event") && r.shape === "agreement" ? { agreedOn: lo, value: null } : null,
        commitment: kind === "target" ? r.commitment : null,
        group: kind === "stock" ? r.group : null,
        dateSource: r.dateSource,
      };
    });

const stamp = (d: string, hour: number) => `${d}T${String(hour).padStart(2, "0")}:00:00.000Z`;

/** A correction of any field an analyst may correct (one or several at once). */
export const claimChanges: fc.Arbitrary<ClaimChanges> = fc.record(
  {
    metric: richMetric,
    direction: fc.constantFrom("to_ukraine", "to_russia", "each_side"),
    kind: fc.constantFrom(...kinds),
    value: fc.option(richValue, { nil: null }),
    qualifier: fc.constantFrom(...qualifiers),
    validFrom: fc.option(richDay, { nil: null }),
    validTo: fc.option(richDay, { nil: null }),
    attributedTo: fc.constantFrom("Volodymyr Zelensky", "Reuters", "Vladimir Putin"),
    agreement: fc.option(fc.record({ agreedOn: fc.option(richDay, { nil: null }), value: fc.option(richValue, { nil: null }) }), { nil: null }),
    commitment: fc.option(fc.constantFrom(...commitments), { nil: null }),
    group: fc.option(fc.constantFrom(...groups), { nil: null }),
  },
  { requiredKeys: [] },
);

/**
 * A whole ledger history reaching every event type: articles (some wire copies of earlier ones), their
 * claims (several by one claimant in a row), manual claims, re-extractions that supersede claims, and
 * analyst corrections of any field and rejections, recorded on days of their own.
 */
export const richHistory: fc.Arbitrary<LedgerEvent[]> = fc
  .record({
    articles: fc.array(
      fc.record({
        published: fc.option(richDay, { nil: null }),
        outlet: fc.constantFrom("Reuters", "AFP", "IANS", null),
        wire: fc.constantFrom(null, null, "AP"),
        copyOfEarlier: fc.boolean(),
        claims: fc.array(fc.nat(3), { minLength: 0, maxLength: 4 }),
        repeatClaimant: fc.boolean(),
        reextract: fc.boolean(),
        manual: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    amendments: fc.array(fc.record({ pick: fc.nat(), day: richDay, hour: fc.integer({ min: 0, max: 23 }), reject: fc.boolean(), changes: claimChanges }), { maxLength: 4 }),
  })
  .chain(({ articles, amendments }) =>
    fc
      .tuple(
        ...articles.map((a, n) =>
          fc.tuple(
            ...a.claims.map((_, i) =>
              richClaimFields(`c${n}-${i}`, a.repeatClaimant ? fc.constant("Coordination Headquarters") : fc.constantFrom("Volodymyr Zelensky", "Russian Defence Ministry", "Reuters", "unnamed outlet")),
            ),
          ),
        ),
      )
      .map((claimsOf) => {
        const events: LedgerEvent[] = [];
        const ids: string[] = [];
        articles.forEach((a, n) => {
          const articleId = `a${n}`;
          const recordedAt = stamp(a.published ?? "2025-06-12", 6);
          const article: ArticleRecorded = {
            type: "ArticleRecorded",
            version: 2,
            articleId,
            textHash: `h${n}`,
            text: `text ${n}`,
            path: null,
            publishedAt: a.published,
            outlet: a.outlet,
            wire: a.wire,
            url: null,
            learned: { publishedAt: a.published === null ? "none" : "text", outlet: a.outlet === null ? "none" : "text", url: "none" },
            copyOf: a.copyOfEarlier && n > 0 ? { articleId: `a${n - 1}`, similarity: 0.97 } : null,
            extractor: { name: "test", version: "1" },
            recordedAt,
          };
          events.push(article);
          const claims = claimsOf[n]!;
          for (const c of claims) {
            const reported: ClaimReported = {
              type: "ClaimReported",
              version: 3,
              claimId: c.id,
              articleId: a.manual && c === claims[0] ? null : articleId,
              claim: c,
              reportedVia: a.outlet,
              origin: a.manual && c === claims[0] ? "manual" : "extracted",
              analyst: a.manual && c === claims[0] ? "analyst" : null,
              extractor: { name: "test", version: "1" },
              recordedAt,
            };
            events.push(reported);
            ids.push(c.id);
          }
          if (a.reextract && claims.length > 0) {
            const re: ArticleReextracted = { type: "ArticleReextracted", version: 1, articleId, extractor: { name: "test", version: "2" }, supersedes: [claims[0]!.id], recordedAt: stamp(a.published ?? "2025-06-12", 7) };
            events.push(re);
          }
          if (a.reextract && a.manual) {
            // An analyst dates (or re-dates) the article: every event type is generated.
            const dated: ArticleDated = { type: "ArticleDated", version: 1, articleId, publishedAt: "2025-06-14", previous: a.published ?? null, reason: "test", analyst: "a", recordedAt: stamp(a.published ?? "2025-06-12", 8) };
            events.push(dated);
          }
        });
        if (ids.length > 0)
          for (const m of amendments) {
            const claimId = ids[m.pick % ids.length]!;
            const recordedAt = stamp(m.day, m.hour);
            const e: ClaimCorrected | ClaimRejected = m.reject
              ? { type: "ClaimRejected", version: 1, claimId, reason: "test", analyst: "a", recordedAt }
              : { type: "ClaimCorrected", version: 1, claimId, changes: m.changes, reason: "test", analyst: "a", recordedAt };
            events.push(e);
          }
        return events;
      }),
  );

/**
 * A history with, added to it, a running count under one deal (people or soldiers returned to Ukraine, "1,000
 * under the deal of day A", as of a later day) and another deal on the same count (in any direction, sometimes an
 * offer) made and learned on any days, before, between or after them: rule 5's cap at the next deal, as known.
 */
export const withDeals = (history: fc.Arbitrary<LedgerEvent[]>): fc.Arbitrary<LedgerEvent[]> =>
  fc
    .record({
      events: history,
      a: fc.integer({ min: 1, max: 6 }),
      asOf: fc.integer({ min: 1, max: 12 }),
      b: fc.integer({ min: 1, max: 12 }),
      learned: fc.integer({ min: 0, max: 4 }),
      direction: fc.constantFrom("to_ukraine", "to_russia", "each_side", "total"),
      commitment: fc.constantFrom("agreed" as const, "agreed" as const, "offered" as const),
      metric: fc.constantFrom("prisoners_returned", "soldiers_returned"),
    })
    .map(({ events, a, asOf, b, learned, direction, commitment, metric }) => {
      const d = (n: number) => `2025-06-${String(Math.min(16, n)).padStart(2, "0")}`;
      const extra: LedgerEvent[] = [];
      const add = (id: string, published: string, claim: Omit<ClaimFields, "id">) => {
        const recordedAt = `${published}T09:00:00.000Z`;
        extra.push({ type: "ArticleRecorded", version: 2, articleId: `deal-${id}`, textHash: `deal-${id}`, text: id, path: null, publishedAt: published, outlet: "Reuters", wire: null, url: null, learned: { publishedAt: "text", outlet: "text", url: "none" }, copyOf: null, extractor: { name: "test", version: "1" }, recordedAt });
        extra.push({ type: "ClaimReported", version: 3, claimId: id, articleId: `deal-${id}`, claim: { id, ...claim }, reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "test", version: "1" }, recordedAt });
      };
      const base = { qualifier: "exact" as const, attributedTo: "Volodymyr Zelensky", evidence: { start: 0, end: 5, text: "" }, group: null, dateSource: "text" as const };
      const t = Math.max(a, asOf);
      add("dealA", d(a), { ...base, metric: "prisoners_agreed", direction: "each_side", kind: "target", value: 1000, lo: 1000, hi: 1000, validFrom: d(a), validTo: d(a), agreement: null, commitment: "agreed" });
      add("underA", d(t), { ...base, metric, direction: "to_ukraine", kind: "cumulative", value: 1000, lo: 1000, hi: 1000, validFrom: null, validTo: d(t), agreement: { agreedOn: d(a), value: 1000 }, commitment: null });
      add("dealB", d(b + learned), { ...base, metric: "prisoners_agreed", direction, kind: "target", value: 1200, lo: 1200, hi: 1200, validFrom: d(b), validTo: d(b), agreement: null, commitment });
      return [...events, ...extra];
    });
