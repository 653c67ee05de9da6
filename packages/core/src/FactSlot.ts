/**
 * Fact slots: claims about the same real-world quantity (same metric,
 * direction, kind and day or period) gathered with every independent
 * source's version, then reconciled into one figure with bounds. A claimant
 * that reports a slot again supersedes its own earlier version; `each_side`
 * claims feed every party's direction.
 */
import * as O from "fp-ts/lib/Option.js";
import type { ClaimView } from "./Ledger.ts";
import * as Q from "./Quantity.ts";
import * as Claimant from "./Claimant.ts";
import * as F from "./Figure.ts";
import { toParty, unnamedOutlet } from "./Claim.ts";
import { daysBetween } from "./DateOnly.ts";

/** One claim placed in a slot, with the direction it counts toward there. */
export interface Placed {
  readonly claim: ClaimView;
  readonly direction: string;
  readonly interval: Q.Interval;
  /** The independence key: who stands behind the figure. */
  readonly claimant: string;
}

/** A claimant's current version of a slot, and the versions it superseded. */
export interface Version {
  readonly current: Placed;
  readonly history: readonly Placed[];
}

/** The reconciled figure of a slot: the best value and its bounds. */
export type Reconciled = F.Figure;

/**
 * A round figure in speech is approximate: "6,000" said beside "more than 6,000"
 * is one statement. An exact figure of at least 100 with at most two significant
 * digits may be read with the tolerance of "about" when its exact reading
 * contradicts another version; it is never widened otherwise.
 */
export const isRound = (value: number | null, qualifier: string): boolean => {
  if (value === null || qualifier !== "exact" || value < 100) return false;
  let v = value;
  while (v % 10 === 0) v /= 10;
  return v < 100;
};

/** The interval a version may be read as when its exact reading contradicts another: itself, or "about" it when it is round. */
export const looseOf = (p: Placed): Q.Interval =>
  isRound(p.claim.fields.value, p.claim.fields.qualifier) ? Q.fromReported(p.claim.fields.value, "about") : p.interval;

/** Intersects strictly, else with the round figures of either side read loosely. */
const meet = (a: Q.Interval, aLoose: Q.Interval, b: Q.Interval, bLoose: Q.Interval): O.Option<Q.Interval> => {
  const strict = Q.intersect(a, b);
  if (O.isSome(strict)) return strict;
  for (const [x, y] of [[aLoose, b], [a, bLoose], [aLoose, bLoose]] as const) {
    const r = Q.intersect(x, y);
    if (O.isSome(r)) return r;
  }
  return O.none;
};

/** A fact slot with its versions and reconciliation. */
export interface Slot {
  readonly key: string;
  readonly metric: string;
  readonly direction: string;
  readonly kind: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** The day it refers to for ordering (as-of day of a cumulative figure); null when unknown. */
  readonly day: string | null;
  /** A day by which it certainly happened: its own day, else its article's publication or knowledge day. */
  readonly happenedBy: string;
  /** Of a cumulative figure: the first day its count covers, null when the text does not say (see `scopeOf`). */
  readonly scope: string | null;
  /** How its day was learned: "text" when any version states it, "publication" when all only default to their article's day. */
  readonly dateSource: "text" | "publication" | "reference" | null;
  /** Of a stock: the group it counts (null: all). */
  readonly group: string | null;
  /** The day of the agreement its versions say it is counted under, if any. */
  readonly agreedOn: string | null;
  readonly versions: readonly Version[];
  readonly reconciled: Reconciled;
  /** Pairs of independent versions that cannot both be true. */
  readonly conflicts: ReadonlyArray<readonly [Placed, Placed]>;
  /** A claimant's earlier version and the later one of its own that contradicts it. */
  readonly revisions: ReadonlyArray<readonly [Placed, Placed]>;
  /** Of one exchange that its sources date on different days (`matchDates`): each day with the claims that give it; empty otherwise. */
  readonly datings: ReadonlyArray<{ readonly day: string; readonly claimIds: readonly string[] }>;
}

/** Deterministic recency: later knowledge day, then later publication, article id, position in text, claim id. */
export const recency = (a: ClaimView, b: ClaimView): number => {
  // The keys in turn, without building them (the ranking sorts call this in the solver's inner loops).
  if (a.knownAt !== b.knownAt) return a.knownAt < b.knownAt ? -1 : 1;
  const pa = a.publishedAt ?? "", pb = b.publishedAt ?? "";
  if (pa !== pb) return pa < pb ? -1 : 1;
  const aa = a.articleId ?? "", ab = b.articleId ?? "";
  if (aa !== ab) return aa < ab ? -1 : 1;
  const sa = a.fields.evidence.start, sb = b.fields.evidence.start;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (a.claimId !== b.claimId) return a.claimId < b.claimId ? -1 : 1;
  return 0;
};

/** The independence key of a claim: its claimant, or for an outlet's own figure the voice of the original story. */
export const claimantOf = (c: ClaimView): string => {
  const who = Claimant.key(c.fields.attributedTo);
  if (who === Claimant.key(unnamedOutlet) || who === "") return `voice:${c.rootVoice === null ? "" : Claimant.key(c.rootVoice)}`;
  const own = [c.outlet, c.rootVoice].filter((x): x is string => x !== null).map(Claimant.key);
  if (own.includes(who)) return `voice:${Claimant.key(c.rootVoice ?? c.outlet ?? who)}`;
  return who;
};

const dayOf = (c: ClaimView): string | null =>
  c.fields.kind === "target" ? (c.fields.validFrom ?? c.fields.validTo) : (c.fields.validTo ?? c.fields.validFrom);

/**
 * Where a cumulative figure's count starts: the day its text gives (`validFrom`
 * before its as-of day), else the day of the agreement it is counted under,
 * else unknown (null). Unknown is not "since the beginning": see Totals.
 */
export const scopeOf = (c: ClaimView): string | null => {
  const f = c.fields;
  if (f.kind !== "cumulative") return null;
  if (f.validFrom !== null && (f.validTo === null || f.validFrom <= f.validTo)) return f.validFrom;
  return f.agreement?.agreedOn ?? null;
};

/** The key of the slot a claim falls in for one direction. */
export const slotKey = (c: ClaimView, direction: string): string => {
  const f = c.fields;
  // A cumulative figure is about its scope and as-of day; a stock about its day and group; a target about the day it was made and whether it was agreed or offered.
  const day = f.kind === "cumulative" || f.kind === "stock" ? (f.validTo ?? f.validFrom) : null;
  const when =
    f.validFrom === null && f.validTo === null
      ? // Undated events of one article are one slot per figure: two claimants of the same figure share it, two figures are two events.
        `undated:${c.rootArticleId ?? c.claimId}${f.kind === "event" ? `:${f.value ?? "undisclosed"}` : ""}`
      : f.kind === "cumulative"
        ? `${scopeOf(c) ?? "?"}..${day}`
        : day !== null
          ? `..${day}`
          : `${f.validFrom ?? f.validTo ?? ""}..${f.validTo ?? f.validFrom ?? ""}`; // an event told with one end of its day is that day
  const extra = f.kind === "stock" ? `|${f.group ?? "all"}` : f.kind === "target" ? `|${f.commitment ?? "agreed"}` : "";
  return `${f.metric}|${direction}|${f.kind}|${when}${extra}`;
};

/** The directions a claim counts toward: `each_side` feeds every party. */
export const directionsOf = (direction: string, parties: readonly string[]): string[] =>
  direction === "each_side" ? parties.map(toParty) : [direction];

const reconcileVersions = (versions: readonly Version[]): { reconciled: Reconciled; conflicts: Array<readonly [Placed, Placed]> } => {
  const current = versions.map((v) => v.current);
  const conflicts: Array<readonly [Placed, Placed]> = [];
  for (let i = 0; i < current.length; i++)
    for (let j = i + 1; j < current.length; j++)
      if (O.isNone(meet(current[i]!.interval, looseOf(current[i]!), current[j]!.interval, looseOf(current[j]!)))) conflicts.push([current[i]!, current[j]!]);
  // Most supported first (how many independent versions agree with it), then most recent; of two sources quoted by
  // one article about one exchange or count, the larger: an article gives the whole first and its parts after it
  // ("returned 60 troops. 34 defenders of Mariupol returned"), so its later, smaller figure is the likelier part.
  const support = (p: Placed) => current.filter((q) => O.isSome(meet(p.interval, looseOf(p), q.interval, looseOf(q)))).length;
  const sameArticle = (a: Placed, b: Placed) => a.claim.articleId !== null && a.claim.articleId === b.claim.articleId && a.claim.knownAt === b.claim.knownAt;
  const wholeFirst = (a: Placed, b: Placed) => (a.claim.fields.kind === "target" || !sameArticle(a, b) ? 0 : larger(a.interval, b.interval) ? -1 : larger(b.interval, a.interval) ? 1 : 0);
  const ranked = [...current].sort((a, b) => support(b) - support(a) || wholeFirst(a, b) || recency(b.claim, a.claim));
  let interval: Q.Interval | null = null;
  let intervalLoose: Q.Interval | null = null;
  const agreeing: Placed[] = [];
  for (const p of ranked) {
    if (interval === null || intervalLoose === null) {
      interval = p.interval;
      intervalLoose = looseOf(p);
      agreeing.push(p);
      continue;
    }
    const next = meet(interval, intervalLoose, p.interval, looseOf(p));
    if (O.isSome(next)) {
      interval = next.value;
      intervalLoose = next.value;
      agreeing.push(p);
    }
  }
  const bounds = interval ?? Q.zero;
  // The best figure: the most recent stated value that the bounds allow, else the nearest allowed value.
  const stated = [...agreeing].sort((a, b) => recency(b.claim, a.claim)).map((p) => p.claim.fields.value);
  const inside = stated.find((v): v is number => v !== null && Q.contains(bounds, v));
  const best = inside ?? Q.clamp(bounds, stated.find((v): v is number => v !== null) ?? bounds.lo);
  return { reconciled: { best, lo: bounds.lo, hi: bounds.hi }, conflicts };
};

/** Groups claims into fact slots and reconciles each one. */
export const build = (claims: readonly ClaimView[], parties: readonly string[]): Slot[] => {
  const groups = new Map<string, { direction: string; placed: Placed[] }>();
  const undatedTargets: Placed[] = [];
  for (const claim of claims) {
    const f = claim.fields;
    const interval = Q.fromReported(f.value, f.qualifier);
    for (const direction of directionsOf(f.direction, parties)) {
      const key = slotKey(claim, direction);
      const placed: Placed = { claim, direction, interval, claimant: claimantOf(claim) };
      if (f.kind === "target" && f.validFrom === null && f.validTo === null) {
        undatedTargets.push(placed);
        continue;
      }
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { direction, placed: [placed] });
      else g.placed.push(placed);
    }
  }
  // A target mentioned without its date is taken to be the latest dated agreement on the same
  // metric and direction that it is consistent with ("the 1,000-for-1,000 deal"); else a slot of its own.
  const targetGroups = new Map<string, Array<[string, { direction: string; placed: Placed[] }]>>();
  if (undatedTargets.length > 0)
    for (const entry of groups) {
      const [k] = entry;
      const parts = k.split("|");
      if (parts[2] !== "target") continue;
      const prefix = `${parts[0]}|${parts[1]}`;
      const list = targetGroups.get(prefix);
      if (list === undefined) targetGroups.set(prefix, [entry]);
      else list.push(entry);
    }
  for (const p of undatedTargets) {
    const f = p.claim.fields;
    const said = p.claim.publishedAt ?? p.claim.knownAt;
    const match = (targetGroups.get(`${f.metric}|${p.direction}`) ?? [])
      .filter(([, g]) => g.placed.some((q) => Q.consistent(q.interval, p.interval)))
      // Only an agreement that already existed when the mention was published.
      .filter(([, g]) => g.placed.every((q) => (q.claim.fields.validFrom ?? q.claim.fields.validTo ?? "") <= said))
      .sort(([a], [b]) => (a < b ? 1 : -1))[0];
    if (match !== undefined) match[1].placed.push(p);
    else {
      const key = slotKey(p.claim, p.direction);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { direction: p.direction, placed: [p] });
      else g.placed.push(p);
    }
  }
  const slots: Slot[] = [];
  for (const [key, { direction, placed }] of groups) slots.push(slotOf(key, direction, placed));
  return join(slots).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

const slotOf = (key: string, direction: string, placed: readonly Placed[]): Slot => {
    const byClaimant = new Map<string, Placed[]>();
    for (const p of placed) {
      const list = byClaimant.get(p.claimant);
      if (list === undefined) byClaimant.set(p.claimant, [p]);
      else list.push(p);
    }
    const revisions: Array<readonly [Placed, Placed]> = [];
    const versions: Version[] = [...byClaimant.values()].map((list) => {
      // Several figures of one claimant in one article are figures of different extent (a whole and its parts,
      // undated events told one after another), not a revision: the article's figure is the largest.
      const ofArticle = new Map<string, Placed>();
      for (const p of list) {
        // An analyst's claim is a statement of its own, never folded into the article's.
        const k = p.claim.origin === "extracted" ? `article:${p.claim.articleId}` : `claim:${p.claim.claimId}`;
        const held = ofArticle.get(k);
        if (held === undefined || larger(p.interval, held.interval) || (!larger(held.interval, p.interval) && recency(p.claim, held.claim) > 0)) ofArticle.set(k, p);
      }
      const told = new Set(ofArticle.values());
      const sorted = [...told].sort((a, b) => recency(b.claim, a.claim));
      const alsoSaid = list.filter((p) => !told.has(p)).sort((a, b) => recency(b.claim, a.claim));
      // A claimant's restatements narrow its interval; a restatement that contradicts it is a revision, flagged.
      let effective: Q.Interval | null = null;
      let effectiveLoose: Q.Interval | null = null;
      let previous: Placed | null = null;
      for (const p of [...sorted].reverse()) {
        const next: O.Option<Q.Interval> = effective === null || effectiveLoose === null ? O.some(p.interval) : meet(effective, effectiveLoose, p.interval, looseOf(p));
        if (O.isSome(next)) {
          effectiveLoose = effective === null ? looseOf(p) : next.value;
          effective = next.value;
        } else {
          revisions.push([previous!, p]);
          effective = p.interval;
          effectiveLoose = looseOf(p);
        }
        previous = p;
      }
      return { current: { ...sorted[0]!, interval: effective ?? sorted[0]!.interval }, history: [...sorted.slice(1), ...alsoSaid] };
    });
    versions.sort((a, b) => recency(a.current.claim, b.current.claim));
    const first = ([...placed].sort((a, b) => Number(b.claim.fields.validFrom !== null) - Number(a.claim.fields.validFrom !== null))[0] ?? placed[0]!).claim;
    const { reconciled, conflicts } = reconcileVersions(versions);
    const day = dayOf(first);
    const happenedBy = day ?? placed.map((p) => p.claim.publishedAt ?? p.claim.knownAt).sort()[0]!;
    return {
      key,
      metric: first.fields.metric,
      direction,
      kind: first.fields.kind,
      validFrom: first.fields.validFrom,
      validTo: first.fields.validTo,
      day,
      happenedBy,
      scope: scopeOf(first),
      dateSource: placed.some((p) => p.claim.fields.dateSource === "text")
        ? "text"
        : placed.every((p) => p.claim.fields.dateSource === "publication")
          ? "publication"
          : placed.some((p) => p.claim.fields.dateSource === "reference")
            ? "reference"
            : null,
      group: first.fields.group,
      agreedOn: placed.map((p) => p.claim.fields.agreement?.agreedOn ?? null).find((d): d is string => d !== null) ?? null,
      versions,
      reconciled,
      conflicts,
      revisions,
      datings: [],
    };
};


/** Whether an interval says more than another: a higher floor, or the same floor and a higher (or no) ceiling. */
const larger = (a: Q.Interval, b: Q.Interval): boolean => a.lo > b.lo || (a.lo === b.lo && (a.hi === null ? b.hi !== null : b.hi !== null && a.hi > b.hi));

/** The reconciled figure as an interval. */
export const intervalOf = (s: Slot): Q.Interval => ({ lo: s.reconciled.lo, hi: s.reconciled.hi });

/** Every claim placed in a slot, with the interval it states (current versions carry the claimant's narrowed one). */
const placedOf = (s: Slot): readonly Placed[] => {
  // A slot is immutable: its claims are listed once (the slot rules read them at every build, the audit at every step).
  let out = placedMemo.get(s);
  if (out === undefined)
    placedMemo.set(s, (out = s.versions.flatMap((v) => [v.current, ...v.history]).map((p) => ({ ...p, interval: Q.fromReported(p.claim.fields.value, p.claim.fields.qualifier) }))));
  return out;
};
const placedMemo = new WeakMap<Slot, readonly Placed[]>();

/** The figures a slot's claims give, as keys of metric, direction and figure (once per slot: slots are immutable). */
const figureKeys = (s: Slot): readonly string[] => {
  let out = figureMemo.get(s);
  if (out === undefined) {
    const v = new Set(placedOf(s).map((p) => p.claim.fields.value));
    figureMemo.set(s, (out = [...v].filter((x): x is number => x !== null).map((x) => `${s.metric}|${s.direction}|${x}`)));
  }
  return out;
};
const figureMemo = new WeakMap<Slot, readonly string[]>();

/**
 * An event reported without its day is the same exchange as a dated one of the same metric, direction
 * and figure reported in the week up to its article's day, when there is one: it joins that slot (the
 * latest such) instead of counting twice. Applied to built slots, so that the warm index can apply it too.
 */
export const matchUndated = (slots: readonly Slot[]): Slot[] => {
  const undated = slots.filter((s) => s.kind === "event" && s.validFrom === null && s.validTo === null);
  if (undated.length === 0) return [...slots];
  const dated = new Map<string, Slot[]>();
  for (const s of slots)
    if (s.kind === "event" && s.day !== null) {
      const k = `${s.metric}|${s.direction}`;
      const list = dated.get(k);
      if (list === undefined) dated.set(k, [s]);
      else list.push(s);
    }
  const joined = new Map<string, Placed[]>();
  const gone = new Set<string>();
  for (const u of undated) {
    const said = u.happenedBy;
    const values = placedOf(u).map((p) => p.claim.fields.value);
    if (values.some((v) => v === null)) continue;
    const match = (dated.get(`${u.metric}|${u.direction}`) ?? [])
      .filter((d) => daysBetween(d.day!, said) >= 0 && daysBetween(d.day!, said) <= 7)
      .filter((d) => values.every((v) => placedOf(d).some((q) => q.claim.fields.value === v)))
      .sort((a, b) => (a.day! < b.day! ? 1 : a.day! > b.day! ? -1 : a.key < b.key ? -1 : 1))[0];
    if (match === undefined) continue;
    joined.set(match.key, [...(joined.get(match.key) ?? []), ...placedOf(u)]);
    gone.add(u.key);
  }
  return slots
    .filter((s) => !gone.has(s.key))
    .map((s) => {
      const extra = joined.get(s.key);
      return extra === undefined ? s : slotOf(s.key, s.direction, [...placedOf(s), ...extra]);
    });
};

/**
 * One exchange dated on two days by its sources: two dated event slots of the same metric and direction,
 * on consecutive days, whose every claim gives the same exact figure, where no article tells both days
 * and no other event of that figure lies within a week (a series of equal exchanges, such as 1,200 bodies
 * on four days running, is a series, not one exchange dated twice). They become one slot over both days,
 * counted once, and a `date_conflict` (see Discrepancy.dateConflicts) names each day's claims.
 */
export const matchDates = (slots: readonly Slot[]): Slot[] => {
  const figureOf = (s: Slot): number | null => {
    const placed = placedOf(s);
    const v = placed[0]?.claim.fields.value ?? null;
    return v !== null && placed.every((p) => p.claim.fields.value === v && p.claim.fields.qualifier === "exact") ? v : null;
  };
  const singleDay = (s: Slot): boolean => s.validFrom !== null && s.validFrom === s.validTo;
  const articles = (s: Slot) => new Set(placedOf(s).map((p) => p.claim.rootArticleId ?? p.claim.articleId ?? p.claim.claimId));
  const claimIds = (s: Slot) => [...new Set(placedOf(s).map((p) => p.claim.claimId))];
  const byFigure = new Map<string, Slot[]>();
  for (const s of slots) {
    if (s.kind !== "event" || s.day === null) continue;
    for (const k of figureKeys(s)) {
      const list = byFigure.get(k);
      if (list === undefined) byFigure.set(k, [s]);
      else list.push(s);
    }
  }
  const merged = new Map<string, Slot>();
  const gone = new Set<string>();
  for (const list of byFigure.values()) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => (a.day! < b.day! ? -1 : a.day! > b.day! ? 1 : a.key < b.key ? -1 : 1));
    for (let i = 0; i + 1 < sorted.length; i++) {
      const [a, b] = [sorted[i]!, sorted[i + 1]!];
      if (gone.has(a.key) || gone.has(b.key) || !singleDay(a) || !singleDay(b) || daysBetween(a.day!, b.day!) !== 1) continue;
      const v = figureOf(a);
      if (v === null || figureOf(b) !== v) continue;
      const near = sorted.filter((o) => o !== a && o !== b && daysBetween(o.day!, a.day!) <= 7 && daysBetween(b.day!, o.day!) <= 7);
      if (near.length > 0) continue;
      const told = articles(a);
      if ([...articles(b)].some((x) => told.has(x))) continue;
      const both = slotOf(`${a.key}~${b.day}`, a.direction, [...placedOf(a), ...placedOf(b)]);
      merged.set(a.key, { ...both, validFrom: a.day, validTo: b.day, day: b.day, happenedBy: b.day!, datings: [{ day: a.day!, claimIds: claimIds(a) }, { day: b.day!, claimIds: claimIds(b) }] });
      gone.add(a.key);
      gone.add(b.key);
    }
  }
  if (merged.size === 0) return [...slots];
  const out: Slot[] = [];
  for (const s of slots) {
    const m = merged.get(s.key);
    if (m !== undefined) out.push(m);
    else if (!gone.has(s.key)) out.push(s);
  }
  return out;
};

/** The slot rules that join slots of one metric and direction: undated events to dated ones, then one exchange dated twice. */
export const join = (slots: readonly Slot[]): Slot[] => matchDates(matchUndated(slots));
