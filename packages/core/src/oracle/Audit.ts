// The oracle of the differential tests (Reconcile.diff.test.ts): Audit.ts as of 7b06421 (2026-12-03), before
// the reconciliation was made faster. Test-only (excluded from the build); never edit it to follow the new code.
// Edited only where a documented rule changed: issue #12 (a running count under an agreement ends at the next deal).
/**
 * The audit trail of a total: replay knowledge day by day, article by article,
 * and keep each step where the reconciled total changed, with the claims and
 * the article (or analyst amendment) that caused it. The timeline is the
 * same replay summarised per day.
 */
import * as L from "../Ledger.ts";
import * as R from "./Reconcile.ts";
import * as T from "./Totals.ts";
import * as FS from "../FactSlot.ts";
import { directionsOf } from "../FactSlot.ts";
import { fulfilledBy } from "../Claim.ts";

/** A total's figure at one moment; all null before anything was known. */
export interface Figure {
  readonly best: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

/** One change of a total. */
export interface Change {
  readonly knownAt: string;
  /** The article whose claims caused the change; null for an analyst amendment. */
  readonly articleId: string | null;
  readonly claimIds: readonly string[];
  readonly before: Figure;
  readonly after: Figure;
}

const none: Figure = { best: null, lo: null, hi: null };

const same = (a: Figure, b: Figure): boolean => a.best === b.best && a.lo === b.lo && a.hi === b.hi;

/** Options of an audit. */
export interface Options {
  readonly parties: readonly string[];
  /** Count what happened on or before this day; null counts everything known. */
  readonly through: string | null;
}

/** A claim of the audit: its ledger entry and its amendments in the order a view applies them. */
interface Member {
  readonly entry: L.ClaimEntry;
  readonly amendments: readonly L.Amendment[];
}

/** The step of an article's claims (or of a manual claim) and the step of a day's analyst amendments: a day's articles come first. */
const claimStep = (c: L.ClaimEntry): string => `${c.knownAt}|0|${c.articleId ?? c.claimId}`;
const amendmentStep = (a: L.Amendment): string => `${a.effectiveOn}|1|analyst`;

/** The first index of a sorted array whose element is not below `key`. */
const lowerBound = (sorted: readonly string[], key: string): number => {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

/** Whether two views of one claim read the same to reconciliation (only its fields can differ between two days). */
const sameReading = (a: L.ClaimView | null, b: L.ClaimView | null): boolean =>
  a === null || b === null ? a === b : a.fields === b.fields || JSON.stringify(a.fields) === JSON.stringify(b.fields);

/**
 * Every change of the total of `metric` toward `direction`, in knowledge order.
 *
 * Each step's figure is `Reconcile.figureOf` of the claims known after that step, as `Ledger.view` shows
 * them with the amendments of the steps so far: the code `facts totals` reads the total with, over the
 * claims it reads (the total's own and its parts', `Totals.partsOf`). So the last change known by a day
 * is the total known that day, through the same day.
 */
export const audit = (ledger: L.Ledger, metric: string, direction: string, options: Options): Change[] => {
  // The metrics the total reads: its own and its parts' (soldiers and civilians under prisoners), as Reconcile groups them.
  const metrics = new Set([metric, ...(T.partsOf[metric] ?? [])]);
  const concerns = (f: { readonly metric: string; readonly direction: string }): boolean => metrics.has(f.metric) && directionsOf(f.direction, options.parties).includes(direction);
  // Issue #12 (a rule change, applied as docs/reconciliation.md rule 8 states it): the targets of the deals on the total's
  // count, its parts' and its whole's are claims of the audit too (their days end the windows of running counts under earlier deals).
  const counts = new Set([...metrics, ...Object.entries(T.partsOf).filter(([, ps]) => ps.includes(metric)).map(([w]) => w)]);
  const ofDeals = (f: { readonly metric: string }): boolean => counts.has(fulfilledBy(f.metric) ?? "");
  // A claim belongs to the audit when it concerns the total as recorded or after any of its corrections (applied in
  // the order a view applies them, so that a metric corrected one day and a direction the next is seen), rejected
  // or moved away since included: its days are steps too. A superseded reading is in no view.
  const members: Member[] = [];
  type Step = { readonly day: string; readonly articleId: string | null; readonly claimIds: Set<string>; readonly enter: number[]; readonly amend: number[] };
  const steps = new Map<string, Step>();
  const stepAt = (k: string, day: string, articleId: string | null): Step => {
    let s = steps.get(k);
    if (s === undefined) steps.set(k, (s = { day, articleId, claimIds: new Set(), enter: [], amend: [] }));
    return s;
  };
  for (const c of ledger.claims.values()) {
    if (c.supersededBy !== null) continue;
    const amendments = [...(ledger.amendments.get(c.claimId) ?? [])].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
    let fields: { readonly metric: string; readonly direction: string } = c.fields;
    let relevant = concerns(fields) || ofDeals(fields);
    for (const a of amendments) {
      if (relevant) break;
      if (a.change._tag === "Corrected") {
        fields = { ...fields, ...(a.change.changes as Partial<typeof fields>) };
        relevant = concerns(fields) || ofDeals(fields);
      }
    }
    if (!relevant) continue;
    const m = members.push({ entry: c, amendments }) - 1;
    const s = stepAt(claimStep(c), c.knownAt, c.articleId);
    s.claimIds.add(c.claimId);
    s.enter.push(m);
    for (const a of amendments) {
      const t = stepAt(amendmentStep(a), a.effectiveOn, null);
      t.claimIds.add(c.claimId);
      if (t.amend.at(-1) !== m) t.amend.push(m);
    }
  }
  // Each member's view as of the current step: null before its own step, and once rejected. A view changes only at
  // the member's own step and at its amendments' steps, so each step recomputes only the views it touches; and only
  // the slots those views leave or join are built again (`FactSlot.build` of the slot's claims, in ledger order, as a
  // build of every claim gives that slot), then the slot rules that join slots (`FactSlot.join`) and `Reconcile.figureOfSlots`, as `figureOf` does.
  const views: Array<L.ClaimView | null> = members.map(() => null);
  const keys: Array<string | null> = members.map(() => null);
  const entered: boolean[] = members.map(() => false);
  const inSlot = new Map<string, number[]>();
  const slots = new Map<string, FS.Slot>();
  const order: string[] = [];
  const viewAt = (m: number, k: string, day: string): L.ClaimView | null => {
    const { entry, amendments } = members[m]!;
    const inForce = amendments.filter((a) => amendmentStep(a) <= k);
    return L.viewClaim({ ...ledger, amendments: new Map([[entry.claimId, inForce]]) }, entry, day);
  };
  // The slot of this total's direction a view is placed in (a target counts toward no total).
  const keyOf = (v: L.ClaimView | null): string | null => (v === null || v.fields.kind === "target" || !concerns(v.fields) ? null : FS.slotKey(v, direction));
  // Each step solves the total again from the last step's potentials: the same answers, less work (Totals.Warm).
  const warm: T.Warm = {};
  const changes: Change[] = [];
  let before = none;
  for (const k of [...steps.keys()].sort()) {
    const s = steps.get(k)!;
    for (const m of s.enter) entered[m] = true;
    const touched = new Set<string>();
    let changed = false;
    for (const m of [...s.enter, ...s.amend]) {
      if (!entered[m]) continue;
      const v = viewAt(m, k, s.day);
      if (sameReading(views[m]!, v)) continue;
      changed = true;
      views[m] = v;
      const from = keys[m]!;
      const to = keyOf(v);
      if (from !== null) {
        touched.add(from);
        if (from !== to) inSlot.set(from, inSlot.get(from)!.filter((x) => x !== m));
      }
      if (to !== null) {
        touched.add(to);
        if (from !== to) inSlot.set(to, [...(inSlot.get(to) ?? []), m].sort((a, b) => a - b));
      }
      keys[m] = to;
    }
    // A step that changes no claim as reconciliation reads it cannot change the figure.
    if (!changed) continue;
    for (const key of touched) {
      const claims = (inSlot.get(key) ?? []).map((m) => views[m]!);
      const slot = claims.length === 0 ? undefined : FS.build(claims, options.parties).find((x) => x.key === key);
      const at = lowerBound(order, key);
      if (slot === undefined) {
        if (slots.delete(key)) order.splice(at, 1);
      } else {
        if (!slots.has(key)) order.splice(at, 0, key);
        slots.set(key, slot);
      }
    }
    // Joined and in key order, as `FactSlot.build` gives them (the slots come in key order, so the sort is one pass).
    const built = FS.join(order.map((key) => slots.get(key)!)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // The deals known after this step: every member's view that is a dated agreed target on one of those counts.
    const deals = views.flatMap((v) => {
      const count = v === null ? null : fulfilledBy(v.fields.metric);
      const day = v === null ? null : (v.fields.validFrom ?? v.fields.validTo);
      return v !== null && v.fields.kind === "target" && v.fields.commitment !== "offered" && count !== null && counts.has(count) && day !== null ? [{ count, day }] : [];
    });
    const t = R.figureOfSlots(built, metric, direction, { through: options.through, parties: options.parties }, deals, warm);
    const after: Figure = t === undefined ? none : { best: t.best, lo: t.lo, hi: t.hi };
    if (!same(before, after)) changes.push({ knownAt: s.day, articleId: s.articleId, claimIds: [...s.claimIds].sort(), before, after });
    before = after;
  }
  return changes;
};

/** A total as known at the end of each day on which it changed. */
export interface TimelinePoint extends Figure {
  readonly day: string;
}

/** The total as known on each day it changed. */
export const timeline = (changes: readonly Change[]): TimelinePoint[] => {
  const byDay = new Map<string, TimelinePoint>();
  for (const c of changes) byDay.set(c.knownAt, { day: c.knownAt, ...c.after });
  return [...byDay.values()].filter((p, i, arr) => i === 0 || !same(p, arr[i - 1]!));
};
