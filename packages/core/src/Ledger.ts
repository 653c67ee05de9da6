/**
 * The ledger projection: a fold over ledger events into articles, claims and
 * analyst amendments, with nothing reconciled yet. Reconciliation reads a
 * *view* of it (what was known on a day), so one fold serves every as-of
 * query. The accumulator is owned by the fold: `evolve` updates it in place
 * and returns it, which keeps a replay of a million claims linear.
 */
import type { ClaimFields } from "./Claim.ts";
import type { ArticleDated, ClaimChanges, CopyOf, Extractor, LedgerEvent } from "./Events.ts";
import * as Q from "./Quantity.ts";
import { ofTimestamp } from "./DateOnly.ts";

/** What the ledger knows of an article. */
export interface ArticleInfo {
  readonly articleId: string;
  readonly publishedAt: string | null;
  /** The day the world could know it: its publication day, else the day it was recorded. */
  readonly knownAt: string;
  readonly outlet: string | null;
  readonly wire: string | null;
  readonly url: string | null;
  readonly path: string | null;
  readonly copyOf: CopyOf | null;
  readonly recordedAt: string;
  /** The analysts' datings of this article, oldest first (empty when none). */
  readonly dated: readonly Dating[];
}

/** An analyst's dating of an article: from `previous` (null: undated) to `publishedAt`. */
export interface Dating {
  readonly publishedAt: string;
  readonly previous: string | null;
  readonly recordedAt: string;
  readonly analyst: string;
  readonly reason: string;
}

/** A reported claim as recorded, before analyst amendments. */
export interface ClaimEntry {
  readonly claimId: string;
  readonly articleId: string | null;
  readonly fields: ClaimFields;
  readonly reportedVia: string | null;
  readonly origin: "extracted" | "manual";
  readonly analyst: string | null;
  readonly extractor: Extractor;
  readonly knownAt: string;
  readonly recordedAt: string;
  /** Set when a re-extraction of its article superseded it. */
  supersededBy: Extractor | null;
}

/** An analyst's correction or rejection, effective from the day it was recorded. */
export interface Amendment {
  readonly claimId: string;
  readonly effectiveOn: string;
  readonly recordedAt: string;
  readonly analyst: string;
  readonly reason: string;
  readonly change: { readonly _tag: "Corrected"; readonly changes: ClaimChanges } | { readonly _tag: "Rejected" };
}

/** The fold's state. */
export interface Ledger {
  readonly articles: Map<string, ArticleInfo>;
  readonly claims: Map<string, ClaimEntry>;
  readonly amendments: Map<string, Amendment[]>;
  events: number;
  /** One copy of each short repeated value (metric, day, claimant, ids): decoded events repeat them by the million. */
  readonly strings: Map<string, string>;
}

/**
 * The version of what this fold keeps: a ledger persisted beside the log (a projection) records it,
 * and one written by another version is rebuilt from the log. Bump it whenever `evolve` or the shapes
 * above change what a ledger holds.
 */
export const foldVersion = 1;

/** What one event reads and writes in a ledger: the keys to have at hand before `evolve`, and to persist after. */
export interface Touched {
  readonly articles: readonly string[];
  readonly claims: readonly string[];
  /** Articles all of whose claims it reads (and may rewrite). */
  readonly claimsOfArticles: readonly string[];
  readonly amendments: readonly string[];
}

/** The keys `evolve` reads or writes for an event. Exhaustive over event types. */
export const touches = (event: LedgerEvent): Touched => {
  switch (event.type) {
    case "ArticleRecorded":
      return { articles: [event.articleId], claims: [], claimsOfArticles: [], amendments: [] };
    case "ClaimReported":
      return { articles: event.articleId === null ? [] : [event.articleId], claims: [event.claimId], claimsOfArticles: [], amendments: [] };
    case "ArticleReextracted":
      return { articles: [], claims: event.supersedes, claimsOfArticles: [], amendments: [] };
    case "ClaimCorrected":
    case "ClaimRejected":
      return { articles: [], claims: [], claimsOfArticles: [], amendments: [event.claimId] };
    case "ArticleDated":
      return { articles: [event.articleId], claims: [], claimsOfArticles: [event.articleId], amendments: [] };
    default: {
      const never: never = event;
      return never;
    }
  }
};

/** A fresh, empty ledger. */
export const initial = (): Ledger => ({ articles: new Map(), claims: new Map(), amendments: new Map(), events: 0, strings: new Map() });

const intern = (ledger: Ledger, s: string): string => {
  const hit = ledger.strings.get(s);
  if (hit !== undefined) return hit;
  ledger.strings.set(s, s);
  return s;
};
const internOrNull = (ledger: Ledger, s: string | null): string | null => (s === null ? null : intern(ledger, s));
const extractors = new Map<string, Extractor>();
const sharedExtractor = (e: Extractor): Extractor => {
  const k = `${e.name}@${e.version}`;
  const hit = extractors.get(k);
  if (hit !== undefined) return hit;
  extractors.set(k, e);
  return e;
};

const amend = (ledger: Ledger, a: Amendment): void => {
  const list = ledger.amendments.get(a.claimId);
  if (list === undefined) ledger.amendments.set(a.claimId, [a]);
  else list.push(a);
};

/** Applies one event. Exhaustive over event types. */
export const evolve = (ledger: Ledger, event: LedgerEvent): Ledger => {
  ledger.events += 1;
  switch (event.type) {
    case "ArticleRecorded": {
      if (!ledger.articles.has(event.articleId)) {
        ledger.articles.set(event.articleId, {
          articleId: intern(ledger, event.articleId),
          publishedAt: internOrNull(ledger, event.publishedAt),
          knownAt: intern(ledger, event.publishedAt ?? ofTimestamp(event.recordedAt)),
          outlet: internOrNull(ledger, event.outlet),
          wire: internOrNull(ledger, event.wire),
          url: event.url,
          path: event.path,
          copyOf: event.copyOf,
          recordedAt: event.recordedAt,
          dated: [],
        });
      }
      return ledger;
    }
    case "ClaimReported": {
      const article = event.articleId === null ? undefined : ledger.articles.get(event.articleId);
      const knownAt = event.origin === "manual" || article === undefined ? ofTimestamp(event.recordedAt) : article.knownAt;
      const c = event.claim;
      const fields: ClaimFields = {
        id: c.id,
        metric: intern(ledger, c.metric),
        direction: intern(ledger, c.direction),
        kind: c.kind,
        value: c.value,
        qualifier: c.qualifier,
        lo: c.lo,
        hi: c.hi,
        validFrom: internOrNull(ledger, c.validFrom),
        validTo: internOrNull(ledger, c.validTo),
        attributedTo: intern(ledger, c.attributedTo),
        evidence: c.evidence,
        agreement: c.agreement,
        commitment: c.commitment,
        group: c.group,
        dateSource: c.dateSource,
      };
      ledger.claims.set(c.id === event.claimId ? c.id : event.claimId, {
        claimId: c.id === event.claimId ? c.id : event.claimId,
        articleId: internOrNull(ledger, event.articleId),
        fields,
        reportedVia: internOrNull(ledger, event.reportedVia),
        origin: event.origin,
        analyst: internOrNull(ledger, event.analyst),
        extractor: sharedExtractor(event.extractor),
        knownAt: intern(ledger, knownAt),
        recordedAt: intern(ledger, event.recordedAt),
        supersededBy: null,
      });
      return ledger;
    }
    case "ArticleReextracted": {
      for (const id of event.supersedes) {
        const c = ledger.claims.get(id);
        if (c !== undefined) c.supersededBy = event.extractor;
      }
      return ledger;
    }
    case "ClaimCorrected":
      amend(ledger, {
        claimId: event.claimId,
        effectiveOn: ofTimestamp(event.recordedAt),
        recordedAt: event.recordedAt,
        analyst: event.analyst,
        reason: event.reason,
        change: { _tag: "Corrected", changes: event.changes },
      });
      return ledger;
    case "ClaimRejected":
      amend(ledger, {
        claimId: event.claimId,
        effectiveOn: ofTimestamp(event.recordedAt),
        recordedAt: event.recordedAt,
        analyst: event.analyst,
        reason: event.reason,
        change: { _tag: "Rejected" },
      });
      return ledger;
    case "ArticleDated":
      return date(ledger, event);
    default: {
      const never: never = event;
      return never;
    }
  }
};

/** The article's publication day becomes the analyst's, and so does the knowledge day of the claims read from it. */
const date = (ledger: Ledger, event: ArticleDated): Ledger => {
  const a = ledger.articles.get(event.articleId);
  if (a === undefined) return ledger;
  const day = intern(ledger, event.publishedAt);
  const dating: Dating = { publishedAt: day, previous: event.previous, recordedAt: event.recordedAt, analyst: event.analyst, reason: event.reason };
  ledger.articles.set(a.articleId, { ...a, publishedAt: day, knownAt: day, dated: [...a.dated, dating] });
  for (const c of claimsOf(ledger, a.articleId)) if (c.origin === "extracted") ledger.claims.set(c.claimId, { ...c, knownAt: day });
  return ledger;
};

/** The claims recorded for an article (every reading, superseded ones included). */
export const claimsOf = (ledger: Ledger, articleId: string): ClaimEntry[] => [...ledger.claims.values()].filter((c) => c.articleId === articleId);

/** Folds a sequence of events into a fresh ledger. */
export const fromEvents = (events: Iterable<LedgerEvent>): Ledger => {
  let l = initial();
  for (const e of events) l = evolve(l, e);
  return l;
};

/** A claim as a reader sees it on a given day: amendments applied, with its article's metadata. */
export interface ClaimView {
  readonly claimId: string;
  readonly articleId: string | null;
  readonly outlet: string | null;
  readonly publishedAt: string | null;
  /** The day it became known (its article's, or the analyst's recording day). */
  readonly knownAt: string;
  readonly fields: ClaimFields;
  readonly reportedVia: string | null;
  readonly origin: "extracted" | "manual";
  /** The article whose text this claim really comes from (the original of a wire copy). */
  readonly rootArticleId: string | null;
  /** The outlet or agency that stands behind an unattributed figure of the root article. */
  readonly rootVoice: string | null;
  /** The days on which analyst amendments took effect for this claim, up to the view's day. */
  readonly amendedOn: readonly string[];
}

/** Options of a view: what was known on `knownAt` (all when null). */
export interface ViewOptions {
  readonly knownAt: string | null;
}

const rootOf = (ledger: Ledger, articleId: string): ArticleInfo | undefined => {
  let a = ledger.articles.get(articleId);
  const seen = new Set<string>();
  while (a?.copyOf != null && !seen.has(a.articleId)) {
    seen.add(a.articleId);
    const next = ledger.articles.get(a.copyOf.articleId);
    if (next === undefined) break;
    a = next;
  }
  return a;
};

const applyChanges = (fields: ClaimFields, changes: ClaimChanges): ClaimFields => {
  const merged: ClaimFields = { ...fields, ...(changes as Partial<ClaimFields>) };
  const i = Q.fromReported(merged.value, merged.qualifier);
  return { ...merged, lo: i.lo, hi: i.hi };
};

/**
 * The claims known on a day, with the amendments in force on that day.
 * Superseded extractions are left out: a re-extraction is a better reading of
 * the same article, not new knowledge.
 */
export const view = (ledger: Ledger, options: ViewOptions): ClaimView[] => {
  const out: ClaimView[] = [];
  for (const c of ledger.claims.values()) {
    const v = viewClaim(ledger, c, options.knownAt);
    if (v !== null) out.push(v);
  }
  return out;
};

/** One claim as a reader sees it on a day; null when it is unknown, superseded or rejected by then. */
export const viewClaim = (ledger: Ledger, c: ClaimEntry, k: string | null): ClaimView | null => {
    if (c.supersededBy !== null) return null;
    if (k !== null && c.knownAt > k) return null;
    let fields = c.fields;
    let rejected = false;
    const amendedOn: string[] = [];
    const amendments = [...(ledger.amendments.get(c.claimId) ?? [])].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
    for (const a of amendments) {
      if (k !== null && a.effectiveOn > k) continue;
      amendedOn.push(a.effectiveOn);
      if (a.change._tag === "Rejected") rejected = true;
      else fields = applyChanges(fields, a.change.changes);
    }
    if (rejected) return null;
    const article = c.articleId === null ? undefined : ledger.articles.get(c.articleId);
    const root = c.articleId === null ? undefined : rootOf(ledger, c.articleId);
    return {
      claimId: c.claimId,
      articleId: c.articleId,
      outlet: article?.outlet ?? null,
      publishedAt: article?.publishedAt ?? null,
      knownAt: c.knownAt,
      fields,
      reportedVia: c.reportedVia,
      origin: c.origin,
      rootArticleId: root?.articleId ?? null,
      rootVoice: root === undefined ? null : (root.wire ?? root.outlet ?? root.articleId),
      amendedOn,
    };
};
