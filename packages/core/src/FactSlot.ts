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
import { toParty, unnamedOutlet } from "./Claim.ts";

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
export interface Reconciled {
  readonly best: number;
  readonly lo: number;
  readonly hi: number | null;
}

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
  readonly versions: readonly Version[];
  readonly reconciled: Reconciled;
  /** Pairs of independent versions that cannot both be true. */
  readonly conflicts: ReadonlyArray<readonly [Placed, Placed]>;
  /** A claimant's earlier version and the later one of its own that contradicts it. */
  readonly revisions: ReadonlyArray<readonly [Placed, Placed]>;
}

/** Deterministic recency: later knowledge day, then later publication, article id, position in text, claim id. */
export const recency = (a: ClaimView, b: ClaimView): number => {
  const keys: Array<readonly [string | number, string | number]> = [
    [a.knownAt, b.knownAt],
    [a.publishedAt ?? "", b.publishedAt ?? ""],
    [a.articleId ?? "", b.articleId ?? ""],
    [a.fields.evidence.start, b.fields.evidence.start],
    [a.claimId, b.claimId],
  ];
  for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
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

/** The key of the slot a claim falls in for one direction. */
export const slotKey = (c: ClaimView, direction: string): string => {
  const f = c.fields;
  // A cumulative figure or a stock is about one as-of day, whatever period it says it covers.
  const day = f.kind === "cumulative" || f.kind === "stock" ? (f.validTo ?? f.validFrom) : null;
  const when =
    f.validFrom === null && f.validTo === null
      ? `undated:${c.rootArticleId ?? c.claimId}`
      : day !== null
        ? `..${day}`
        : `${f.validFrom ?? ""}..${f.validTo ?? ""}`;
  return `${f.metric}|${direction}|${f.kind}|${when}`;
};

/** The directions a claim counts toward: `each_side` feeds every party. */
export const directionsOf = (direction: string, parties: readonly string[]): string[] =>
  direction === "each_side" ? parties.map(toParty) : [direction];

const reconcileVersions = (versions: readonly Version[]): { reconciled: Reconciled; conflicts: Array<readonly [Placed, Placed]> } => {
  const current = versions.map((v) => v.current);
  const conflicts: Array<readonly [Placed, Placed]> = [];
  for (let i = 0; i < current.length; i++)
    for (let j = i + 1; j < current.length; j++)
      if (!Q.consistent(current[i]!.interval, current[j]!.interval)) conflicts.push([current[i]!, current[j]!]);
  // Most supported first (how many independent versions agree with it), then most recent.
  const support = (p: Placed) => current.filter((q) => Q.consistent(p.interval, q.interval)).length;
  const ranked = [...current].sort((a, b) => support(b) - support(a) || recency(b.claim, a.claim));
  let interval: Q.Interval | null = null;
  const agreeing: Placed[] = [];
  for (const p of ranked) {
    if (interval === null) {
      interval = p.interval;
      agreeing.push(p);
      continue;
    }
    const next = Q.intersect(interval, p.interval);
    if (O.isSome(next)) {
      interval = next.value;
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
    const interval = Q.fromReported(f.value, f.qualifier, f.kind === "event");
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
  for (const [key, { direction, placed }] of groups) {
    const byClaimant = new Map<string, Placed[]>();
    for (const p of placed) {
      const list = byClaimant.get(p.claimant);
      if (list === undefined) byClaimant.set(p.claimant, [p]);
      else list.push(p);
    }
    const revisions: Array<readonly [Placed, Placed]> = [];
    const versions: Version[] = [...byClaimant.values()].map((list) => {
      const sorted = [...list].sort((a, b) => recency(b.claim, a.claim));
      // A claimant's restatements narrow its interval; a restatement that contradicts it is a revision, flagged.
      let effective: Q.Interval | null = null;
      let previous: Placed | null = null;
      for (const p of [...sorted].reverse()) {
        const next: O.Option<Q.Interval> = effective === null ? O.some(p.interval) : Q.intersect(effective, p.interval);
        if (O.isSome(next)) effective = next.value;
        else {
          revisions.push([previous!, p]);
          effective = p.interval;
        }
        previous = p;
      }
      return { current: { ...sorted[0]!, interval: effective ?? sorted[0]!.interval }, history: sorted.slice(1) };
    });
    versions.sort((a, b) => recency(a.current.claim, b.current.claim));
    const first = ([...placed].sort((a, b) => Number(b.claim.fields.validFrom !== null) - Number(a.claim.fields.validFrom !== null))[0] ?? placed[0]!).claim;
    const { reconciled, conflicts } = reconcileVersions(versions);
    const day = dayOf(first);
    const happenedBy = day ?? placed.map((p) => p.claim.publishedAt ?? p.claim.knownAt).sort()[0]!;
    slots.push({
      key,
      metric: first.fields.metric,
      direction,
      kind: first.fields.kind,
      validFrom: first.fields.validFrom,
      validTo: first.fields.validTo,
      day,
      happenedBy,
      versions,
      reconciled,
      conflicts,
      revisions,
    });
  }
  return slots.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/** The reconciled figure as an interval. */
export const intervalOf = (s: Slot): Q.Interval => ({ lo: s.reconciled.lo, hi: s.reconciled.hi });
