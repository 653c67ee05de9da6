/**
 * Laws with an oracle: the engine against a brute-force reference reconciler
 * written from docs/reconciliation.md (rules 1 to 6), not from the code. The
 * reference groups claims into slots, folds each claimant's versions, ranks
 * and intersects them, then enumerates every assignment of daily counts over
 * three days (and the time before the record) to accept bounds in policy
 * order and read off the tightest bounds, the best figure and agreement
 * progress. Small figures keep the enumeration exhaustive.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as Claimant from "./Claimant.ts";
import type { ClaimView } from "./Ledger.ts";
import * as R from "./Reconcile.ts";
import { oracleDays, oracleHistory } from "./arbitraries.ts";

// ---------------------------------------------------------------------------------------------
// The reference, from the documented policy.

type Iv = { lo: number; hi: number | null };
const parties = ["ukraine", "russia"];

/** Rule 1, restated: the interval of a reported value (counts are never negative). */
const intervalOf = (value: number | null, q: string): Iv => {
  if (q === "undisclosed" || value === null) return { lo: 0, hi: null };
  const t = Math.max(1, Math.ceil(0.05 * value));
  switch (q) {
    case "exact":
      return { lo: value, hi: value };
    case "at_least":
      return { lo: value, hi: null };
    case "more_than":
      return { lo: value + 1, hi: null };
    case "about":
      return { lo: Math.max(0, value - t), hi: value + t };
    case "nearly":
      return { lo: Math.max(0, value - t), hi: value };
    case "at_most":
      return { lo: 0, hi: value };
  }
  throw new Error(q);
};
const meet = (a: Iv, b: Iv): Iv | null => {
  const lo = Math.max(a.lo, b.lo);
  const hi = a.hi === null ? b.hi : b.hi === null ? a.hi : Math.min(a.hi, b.hi);
  return hi !== null && lo > hi ? null : { lo, hi };
};
const inside = (i: Iv, n: number) => n >= i.lo && (i.hi === null || n <= i.hi);

/** Rule 3: the content order of recency (knowledge day, publication day, article, position, claim id). */
const newer = (a: ClaimView, b: ClaimView): number => {
  const ka = [a.knownAt, a.publishedAt ?? "", a.articleId ?? "", a.fields.evidence.start, a.claimId];
  const kb = [b.knownAt, b.publishedAt ?? "", b.articleId ?? "", b.fields.evidence.start, b.claimId];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? 1 : -1;
  return 0;
};

/** Rule 3: who stands behind a figure; an outlet's own (or unattributed) figure is the voice of the original story. */
const claimantOf = (c: ClaimView): string => {
  const who = Claimant.key(c.fields.attributedTo);
  const voice = `voice:${Claimant.key(c.rootVoice ?? c.outlet ?? "")}`;
  if (who === Claimant.key("unnamed outlet") || who === Claimant.key(c.outlet ?? "\u0000") || who === Claimant.key(c.rootVoice ?? "\u0000")) return voice;
  return who;
};

interface RVersion {
  claimant: string;
  current: ClaimView;
  interval: Iv;
  claims: ClaimView[];
}
interface RSlot {
  kind: string;
  direction: string;
  claims: ClaimView[];
  versions: RVersion[];
  bounds: Iv;
  best: number;
  conflicts: number;
  revisions: number;
  /** The window of days it bounds: from (null: the beginning) to, or null for an undated figure (an event or a running count with no day). */
  window: { from: string | null; to: string } | null;
  unknownScope: boolean;
  /** A day by which it happened (an undated event: its article's day). */
  happenedBy: string;
  /** Of a target: the day the agreement was made. */
  day: string | null;
}

const versionsOf = (claims: readonly ClaimView[]): { versions: RVersion[]; revisions: number } => {
  const by = new Map<string, ClaimView[]>();
  for (const c of claims) by.set(claimantOf(c), [...(by.get(claimantOf(c)) ?? []), c]);
  let revisions = 0;
  const versions = [...by].map(([claimant, list]) => {
    // Several figures of one claimant in one article are a whole and its parts: the article's figure is the largest
    // (the higher lower bound, then the higher upper bound, none above all, then the most recent); an analyst's claim is its own.
    const ofArticle = new Map<string, ClaimView>();
    const larger = (a: ClaimView, b: ClaimView): boolean => {
      const ia = intervalOf(a.fields.value, a.fields.qualifier);
      const ib = intervalOf(b.fields.value, b.fields.qualifier);
      if (ia.lo !== ib.lo) return ia.lo > ib.lo;
      if (ia.hi !== ib.hi) return ia.hi === null || (ib.hi !== null && ia.hi > ib.hi);
      return newer(a, b) < 0;
    };
    for (const c of list) {
      const k = c.origin === "extracted" ? `article ${c.articleId}` : `claim ${c.claimId}`;
      const held = ofArticle.get(k);
      if (held === undefined || larger(c, held)) ofArticle.set(k, c);
    }
    const oldestFirst = [...ofArticle.values()].sort((a, b) => newer(b, a));
    // A restatement consistent with the claimant's earlier version narrows it; one that contradicts it is a revision.
    let eff: Iv | null = null;
    for (const c of oldestFirst) {
      const i = intervalOf(c.fields.value, c.fields.qualifier);
      const m: Iv | null = eff === null ? i : meet(eff, i);
      if (m === null) revisions++;
      eff = m ?? i;
    }
    return { claimant, current: oldestFirst.at(-1)!, interval: eff!, claims: list };
  });
  return { versions, revisions };
};

/** Rule 4: the bounds and best figure of a slot's versions. */
const reconcile = (versions: readonly RVersion[]): { bounds: Iv; best: number; conflicts: number } => {
  let conflicts = 0;
  for (let i = 0; i < versions.length; i++) for (let j = i + 1; j < versions.length; j++) if (meet(versions[i]!.interval, versions[j]!.interval) === null) conflicts++;
  const support = (v: RVersion) => versions.filter((w) => meet(v.interval, w.interval) !== null).length;
  const ranked = [...versions].sort((a, b) => support(b) - support(a) || newer(a.current, b.current));
  let bounds: Iv | null = null;
  const kept: RVersion[] = [];
  for (const v of ranked) {
    const m: Iv | null = bounds === null ? v.interval : meet(bounds, v.interval);
    if (m !== null) {
      bounds = m;
      kept.push(v);
    }
  }
  const b = bounds ?? { lo: 0, hi: 0 };
  // The most recent value stated by a kept version inside the bounds, else the allowed value nearest the most recent stated one.
  const stated = [...kept].sort((x, y) => newer(x.current, y.current)).map((v) => v.current.fields.value);
  const hit = stated.find((v): v is number => v !== null && inside(b, v));
  const near = stated.find((v): v is number => v !== null) ?? b.lo;
  return { bounds: b, best: hit ?? Math.max(b.lo, b.hi === null ? near : Math.min(b.hi, near)), conflicts };
};

const daysApart = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** Rules 2 and 4: the slots of a history, with undated events joined to the dated exchange they repeat. */
const referenceSlots = (claims: readonly ClaimView[]): RSlot[] => {
  const groups = new Map<string, { kind: string; direction: string; claims: ClaimView[] }>();
  for (const c of claims) {
    const f = c.fields;
    for (const direction of f.direction === "each_side" ? parties.map((p) => `to_${p}`) : [f.direction]) {
      const scope = f.kind === "cumulative" ? (f.validFrom !== null && f.validTo !== null && f.validFrom <= f.validTo ? f.validFrom : (f.agreement?.agreedOn ?? null)) : null;
      // An undated article's events are one slot per figure; its other undated figures one slot per article.
      const when =
        f.validFrom === null && f.validTo === null
          ? `article ${c.rootArticleId}${f.kind === "event" ? ` figure ${f.value ?? "undisclosed"}` : ""}`
          : f.kind === "cumulative"
            ? `scope ${scope} as of ${f.validTo}`
            : f.kind === "target"
              ? `made ${f.validFrom ?? f.validTo} ${f.commitment}`
              : `${f.validFrom}..${f.validTo}`;
      const k = `${f.metric} ${direction} ${f.kind} ${when}`;
      const g = groups.get(k) ?? { kind: f.kind, direction, claims: [] };
      g.claims.push(c);
      groups.set(k, g);
    }
  }
  const make = (kind: string, direction: string, list: ClaimView[]): RSlot => {
    const { versions, revisions } = versionsOf(list);
    const { bounds, best, conflicts } = reconcile(versions);
    const f = list[0]!.fields;
    const published = list.map((c) => c.publishedAt ?? c.knownAt).sort()[0]!;
    const scope = kind === "cumulative" ? (f.validFrom !== null && f.validTo !== null && f.validFrom <= f.validTo ? f.validFrom : (f.agreement?.agreedOn ?? null)) : null;
    const asOf = f.validTo ?? f.validFrom ?? published;
    const undated = f.validFrom === null && f.validTo === null;
    const window = undated ? null : kind === "event" ? { from: f.validFrom ?? f.validTo!, to: f.validTo ?? f.validFrom! } : { from: scope, to: asOf };
    return { kind, direction, claims: list, versions, bounds, best, conflicts, revisions, window, unknownScope: kind === "cumulative" && !undated && scope === null, happenedBy: f.validTo ?? published, day: kind === "target" ? (f.validFrom ?? f.validTo) : null };
  };
  let slots = [...groups.values()].map((g) => make(g.kind, g.direction, g.claims));
  // Rule 5: a count under an agreement (any of its versions names one, made on A) ends at the next deal, the first
  // agreement (a dated target that is not an offer, in any direction) made after both A and the day its count starts,
  // before its as-of day: its window ends the day before (a deal made on its as-of day itself does not cut it).
  const deals = claims.filter((c) => c.fields.kind === "target" && c.fields.commitment !== "offered" && (c.fields.validFrom ?? c.fields.validTo) !== null).map((c) => (c.fields.validFrom ?? c.fields.validTo)!);
  slots = slots.map((s) => {
    const agreedOn = s.claims.map((c) => c.fields.agreement?.agreedOn ?? null).find((d) => d !== null) ?? null;
    if (s.kind !== "cumulative" || s.window === null || agreedOn === null) return s;
    const starts = s.window.from !== null && s.window.from > agreedOn ? s.window.from : agreedOn;
    const next = deals.filter((d) => d > starts && d < s.window!.to).sort()[0];
    return next === undefined ? s : { ...s, window: { from: s.window.from, to: previousDay(next) } };
  });
  // An undated event with the same figure as a dated one of the week up to its article's day is that exchange.
  for (const u of slots.filter((s) => s.kind === "event" && s.window === null)) {
    const values = u.claims.map((c) => c.fields.value);
    if (values.some((v) => v === null)) continue;
    const match = slots
      .filter((d) => d.kind === "event" && d.window !== null && d.direction === u.direction)
      .filter((d) => daysApart(d.window!.to, u.happenedBy) >= 0 && daysApart(d.window!.to, u.happenedBy) <= 7)
      .filter((d) => values.every((v) => d.claims.some((c) => c.fields.value === v)))
      .sort((a, b) => (a.window!.to < b.window!.to ? 1 : -1))[0];
    if (match === undefined) continue;
    slots = slots.filter((s) => s !== u && s !== match);
    const joined = make("event", match.direction, [...match.claims, ...u.claims]);
    slots.push({ ...joined, window: match.window, happenedBy: match.happenedBy });
  }
  return slots;
};

// The brute force: every assignment of daily counts to the time before the record and the three days.
// The day after the record too: an undated article known then bounds the total through it.
const CELLS = ["", ...oracleDays, "2025-06-04"];
const CAP = 10; // each figure is at most 9 (about 8), so bounded totals never need more than 9 on a day
/** The cells a window covers: the time before the record only from the beginning, then its days. */
const cellsOf = (w: { from: string | null; to: string }): number[] =>
  CELLS.flatMap((d, i) => (d === "" ? w.from === null : (w.from === null || d >= w.from) && d <= w.to) ? [i] : []);
/**
 * Every assignment of the open cells. The day after the record is reached only by the floors of undated articles
 * known then, and no total asked includes it, so 0 and the cap are all it needs (it keeps the enumeration small).
 */
const enumerated = new Map<string, number[][]>();
const assignments = (open: readonly boolean[]): number[][] => {
  const key = open.map(Number).join("");
  const known = enumerated.get(key);
  if (known !== undefined) return known;
  let out: number[][] = [[]];
  open.forEach((o, i) => {
    const values = !o ? [0] : i === CELLS.length - 1 ? [0, CAP] : Array.from({ length: CAP + 1 }, (_, n) => n);
    out = out.flatMap((a) => values.map((n) => [...a, n]));
  });
  enumerated.set(key, out);
  return out;
};
const total = (a: readonly number[], cells: readonly number[]) => {
  let sum = 0;
  for (const i of cells) sum += a[i]!;
  return sum;
};

interface Bound {
  slot: RSlot;
  cells: number[];
  side: "lo" | "hi";
  bound: number;
}
const holds = (a: readonly number[], b: Bound) => (b.side === "lo" ? total(a, b.cells) >= b.bound : total(a, b.cells) <= b.bound);

interface Solved {
  feasible: number[][];
  /** The assignments of the dated evidence alone: the days the dated windows open, the dated bounds accepted. */
  dated: number[][];
  pinned: number[][];
  refused: Bound[];
  /** The undated figures whose floor was not set aside. */
  undated: RSlot[];
  /** The last day any figure's window (or undated floor) reaches: nothing is known of the days after it. */
  lastDay: string;
}

/** The window an undated figure bounds from below: from the beginning to its article's day. */
const floorOf = (s: RSlot) => ({ from: null, to: s.happenedBy });

/** Rule 5: bounds accepted in policy order, each only if it can hold with those accepted before it. */
const solve = (slots: readonly RSlot[], direction: string): Solved => {
  const mine = slots.filter((s) => s.direction === direction && (s.kind === "event" || s.kind === "cumulative") && s.claims[0]!.fields.metric === "prisoners_returned");
  const windowOf = (s: RSlot) => s.window ?? floorOf(s);
  const open = CELLS.map((_, i) => mine.some((s) => cellsOf(windowOf(s)).includes(i)));
  const openDated = CELLS.map((_, i) => mine.some((s) => s.window !== null && cellsOf(s.window).includes(i)));
  const support = (s: RSlot) => s.versions.filter((v) => meet(v.interval, s.bounds) !== null).length;
  const named = (s: RSlot) => (s.versions.some((v) => !v.claimant.startsWith("voice:")) ? 1 : 0);
  const latest = (s: RSlot) => [...s.versions].sort((a, b) => newer(a.current, b.current))[0]!.current;
  const ranked = [...mine].sort((a, b) => support(b) - support(a) || named(b) - named(a) || newer(latest(a), latest(b)));
  const tiers: RSlot[][] = [];
  for (const s of ranked) {
    const last = tiers.at(-1);
    if (last !== undefined && support(last[0]!) === support(s) && named(last[0]!) === named(s)) last.push(s);
    else tiers.push([s]);
  }
  const order: Bound[] = [];
  const assumed: Bound[] = [];
  for (const tier of tiers) {
    // An undated figure is a floor only: "at least this many by its article's day".
    for (const s of tier) if (s.bounds.lo > 0 || s.window === null) order.push({ slot: s, cells: cellsOf(windowOf(s)), side: "lo", bound: s.bounds.lo });
    for (const s of tier) if (s.bounds.hi !== null && s.window !== null) (s.unknownScope ? assumed : order).push({ slot: s, cells: cellsOf(s.window), side: "hi", bound: s.bounds.hi });
  }
  let feasible = assignments(open);
  const accepted: Bound[] = [];
  const refused: Bound[] = [];
  for (const b of [...order, ...assumed]) {
    // A slot whose lower bound was set aside is set aside whole.
    if (b.side === "hi" && refused.some((r) => r.slot === b.slot)) continue;
    const next = feasible.filter((a) => holds(a, b));
    if (next.length > 0) {
      feasible = next;
      accepted.push(b);
    } else refused.push(b);
  }
  const dated = assignments(openDated).filter((a) => accepted.every((b) => b.slot.window === null || holds(a, b)));
  // The best figure: each accepted slot pinned to its best figure, in the same order, where it can hold (an undated figure from below only).
  let pinned = feasible;
  const seen = new Set<RSlot>();
  for (const b of accepted) {
    if (seen.has(b.slot)) continue;
    seen.add(b.slot);
    for (const side of b.slot.window === null ? (["lo"] as const) : (["lo", "hi"] as const)) {
      const next = pinned.filter((a) => holds(a, { ...b, side, bound: b.slot.best }));
      if (next.length > 0) pinned = next;
    }
  }
  const lastDay = mine.map((s) => windowOf(s).to).sort().at(-1) ?? "0000-01-01";
  return { feasible, dated, pinned, refused, undated: mine.filter((s) => s.window === null && !refused.some((r) => r.slot === s)), lastDay };
};

const least = (as: readonly number[][], cells: readonly number[]): number => as.reduce((m, a) => Math.min(m, total(a, cells)), Infinity);
/** The greatest total of a window over some assignments, null when it grows with the cap. */
const greatest = (as: readonly number[][], cells: readonly number[]): number | null => {
  const capped = as.reduce((m, a) => (a.every((n) => n < CAP) ? Math.max(m, total(a, cells)) : m), -Infinity);
  return as.some((a) => total(a, cells) > capped) ? null : capped;
};

/**
 * The total over from..to: the least total allowed and the least pinned total; the greatest total of the dated
 * evidence, widened by each undated figure whose article's day lies in the window by as much as its own upper
 * bound exceeds the greatest dated total through that day (nothing when that is unbounded); no ceiling
 * at all through a day after the last one any figure reaches.
 */
const over = (s: Solved, from: string | null, to: string): { best: number; lo: number; hi: number | null } => {
  const cells = cellsOf({ from, to });
  const lo = least(s.feasible, cells);
  let hi = greatest(s.dated, cells);
  for (const u of s.undated) {
    if (hi === null || u.happenedBy > to || (from !== null && from > u.happenedBy)) continue;
    const through = greatest(s.dated, cellsOf(floorOf(u)));
    if (through === null) continue;
    hi = u.bounds.hi === null ? null : hi + Math.max(0, u.bounds.hi - through);
  }
  // Through a day after the last report the total has no ceiling.
  if (to > s.lastDay) hi = null;
  const best = least(s.pinned, cells);
  return { best: Math.min(Math.max(best, lo), hi ?? Infinity), lo, hi };
};

const previousDay = (d: string) => new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);

/** Rule 6: each agreement's target and its progress over its scope, toward Ukraine. */
const referenceAgreements = (slots: readonly RSlot[], s: Solved, through: string) => {
  const targets = slots.filter((t) => t.kind === "target" && t.direction === "to_ukraine" && t.day !== null && t.day <= through);
  const days = [...new Set(targets.map((t) => t.day!))].sort();
  return targets
    .map((t) => {
      const next = days.find((d) => d > t.day!);
      let to = next !== undefined && previousDay(next) < through ? previousDay(next) : through;
      // A scope's own figures: when a figure whose window lies inside the scope was set aside, the scope is
      // answered by the figures inside it alone, solved by the same policy.
      const inside = (w: { from: string | null; to: string } | null) => w !== null && w.from !== null && w.from >= t.day! && w.to <= to;
      const own = s.refused.some((b) => b.side === "lo" && inside(b.slot.window))
        ? solve(slots.filter((x) => (x.kind !== "event" && x.kind !== "cumulative") || inside(x.window)), "to_ukraine")
        : s;
      // It stops counting on the first day its progress reaches its target (an undisclosed target, 0, never ends it).
      let reached = oracleDays.find((d) => d >= t.day! && d <= to && t.best > 0 && over(own, t.day!, d).best >= t.best);
      if (reached !== undefined) to = reached;
      // ...unless earlier days brought some and that day's figure overshoots the target's upper bound by more than a
      // tenth: then it ends the day before.
      if (reached !== undefined && reached > t.day! && t.bounds.hi !== null && over(own, t.day!, reached).best > t.bounds.hi * 1.1 && over(own, t.day!, previousDay(reached)).best > 0) {
        to = previousDay(reached);
        reached = undefined;
      }
      let done = to < t.day! ? { best: 0, lo: 0, hi: 0 } : over(own, t.day!, to);
      // Nothing of this direction reported inside the scope (no figure's day in it; the generated histories link no
      // event to an agreement): its progress has no ceiling.
      const reported = slots.some((x) => (x.kind === "event" || x.kind === "cumulative") && x.direction === "to_ukraine" && (x.window?.to ?? x.happenedBy) >= t.day! && (x.window?.to ?? x.happenedBy) <= to);
      if (reached === undefined && !reported && to >= t.day!) done = { ...done, hi: null };
      return { agreedOn: t.day, target: t.best, done: done.best, doneLo: done.lo, doneHi: done.hi, remaining: Math.max(0, t.best - done.best) };
    })
    .sort((a, b) => (a.agreedOn! < b.agreedOn! ? -1 : 1));
};

// ---------------------------------------------------------------------------------------------

const claimSet = (cs: readonly { claimId: string }[]) => [...new Set(cs.map((c) => c.claimId))].sort().join(",");

describe("the engine against a brute-force reference written from the documented policy", () => {
  it("every slot has the reference's versions, bounds, best figure, conflicts and revisions", () => {
    fc.assert(
      fc.property(oracleHistory, (claims) => {
        const engine = R.report(claims, { through: null, parties }).slots.map((s) => ({
          direction: s.direction,
          kind: s.kind,
          claims: claimSet(s.versions.flatMap((v) => [v.current.claim, ...v.history.map((h) => h.claim)])),
          versions: s.versions.map((v) => v.current.claim.claimId).sort(),
          figure: s.reconciled,
          conflicts: s.conflicts.length,
          revisions: s.revisions.length,
        }));
        const reference = referenceSlots(claims).map((s) => ({
          direction: s.direction,
          kind: s.kind,
          claims: claimSet(s.claims),
          versions: s.versions.map((v) => v.current.claimId).sort(),
          figure: { best: s.best, lo: s.bounds.lo, hi: s.bounds.hi },
          conflicts: s.conflicts,
          revisions: s.revisions,
        }));
        const order = (xs: typeof engine) => [...xs].sort((a, b) => (`${a.direction}${a.claims}` < `${b.direction}${b.claims}` ? -1 : 1));
        expect(order(engine)).toEqual(order(reference));
      }),
    );
  });

  it("the running total through each day has the reference's bounds and best figure", () => {
    fc.assert(
      fc.property(oracleHistory, fc.constantFrom(...oracleDays), (claims, through) => {
        const slots = referenceSlots(claims);
        for (const direction of ["to_ukraine", "to_russia"]) {
          const t = R.findTotal(R.report(claims, { through, parties }), "prisoners_returned", direction);
          const counted = slots.some((s) => s.direction === direction && s.claims[0]!.fields.metric === "prisoners_returned");
          expect(t !== undefined).toBe(counted);
          if (t === undefined) continue;
          expect({ best: t.best, lo: t.lo, hi: t.hi }).toEqual(over(solve(slots, direction), null, through));
        }
      }),
    );
  });

  it("a total since a day has the reference's bounds and best figure", () => {
    fc.assert(
      fc.property(oracleHistory, fc.constantFrom(...oracleDays), fc.constantFrom(...oracleDays), (claims, a, b) => {
        const [since, through] = a <= b ? [a, b] : [b, a];
        const t = R.findTotal(R.report(claims, { through, since, parties }), "prisoners_returned", "to_ukraine");
        if (t === undefined) return;
        expect({ best: t.best, lo: t.lo, hi: t.hi }).toEqual(over(solve(referenceSlots(claims), "to_ukraine"), since, through));
      }),
    );
  });

  it("the bounds set aside are the reference's: exactly those that cannot hold with the better-ranked ones", () => {
    fc.assert(
      fc.property(oracleHistory, (claims) => {
        const r = R.report(claims, { through: null, parties });
        const engine = r.discrepancies
          .filter((d) => d.reason !== "conflict" && d.reason !== "revised" && d.reason !== "asymmetric" && d.metric === "prisoners_returned")
          .map((d) => `${d.direction} ${[...d.setAside].sort().join(",")} ${/its upper bound/.test(d.detail) ? "hi" : "lo"}`)
          .sort();
        const slots = referenceSlots(claims);
        const reference = ["to_ukraine", "to_russia"]
          .flatMap((direction) => solve(slots, direction).refused.map((b) => `${direction} ${b.slot.versions.map((v) => v.current.claimId).sort().join(",")} ${b.side}`))
          .sort();
        expect(engine).toEqual(reference);
      }),
    );
  });

  it("slot conflicts are reported exactly for the slots the reference finds disputed, through the day asked", () => {
    fc.assert(
      fc.property(oracleHistory, fc.constantFrom(...oracleDays), (claims, through) => {
        const r = R.report(claims, { through, parties });
        const engine = r.discrepancies.filter((d) => d.reason === "conflict").map((d) => `${d.direction} ${claimSet(d.versions.map((v) => v.claim))}`).sort();
        const reference = referenceSlots(claims)
          .filter((s) => s.conflicts > 0 && s.happenedBy <= through)
          .map((s) => `${s.direction} ${claimSet(s.versions.map((v) => v.current))}`)
          .sort();
        expect(engine).toEqual(reference);
      }),
    );
  });

  it("agreement progress toward Ukraine is the reference's: target, done over the agreement's scope and remaining", () => {
    fc.assert(
      fc.property(oracleHistory, fc.constantFrom(...oracleDays), (claims, through) => {
        const slots = referenceSlots(claims);
        const engine = R.report(claims, { through, parties })
          .agreements.filter((a) => a.direction === "to_ukraine")
          .map((a) => ({ agreedOn: a.agreedOn, target: a.target, done: a.done, doneLo: a.doneLo, doneHi: a.doneHi, remaining: a.remaining }));
        expect(engine).toEqual(referenceAgreements(slots, solve(slots, "to_ukraine"), through));
      }),
    );
  });
});
