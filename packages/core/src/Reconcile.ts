/**
 * Reconciliation: from the claims known on a day to running totals,
 * agreement progress, offers and flagged discrepancies. It composes the rules
 * of each concern (FactSlot: versions of one fact; Totals: counts over
 * windows; Agreements: deals, offers, N-for-N phases; Discrepancy: the slot
 * rules) and gathers their findings. Pure: the caller chooses the view.
 * The rules are stated in docs/reconciliation.md and property-tested.
 */
import * as A from "./Agreements.ts";
import * as D from "./Discrepancy.ts";
import * as F from "./Figure.ts";
import * as FS from "./FactSlot.ts";
import * as T from "./Totals.ts";
import type { ClaimView } from "./Ledger.ts";

/** Options of a report. */
export interface Options {
  /** Count what happened on or before this day; null counts everything. */
  readonly through: string | null;
  /** Count what happened on or after this day; null (the default) counts from the beginning. */
  readonly since?: string | null;
  /** The parties that `each_side` claims expand to. */
  readonly parties: readonly string[];
}

/** The built-in domain pack's parties. */
export const defaultParties: readonly string[] = ["ukraine", "russia"];

export type Total = T.Total;
export type Check = T.Check;
export type CheckOutcome = T.CheckOutcome;
export type Agreement = A.Agreement;
export type Offer = A.Offer;
export type Discrepancy = D.Discrepancy;
export type DiscrepancyReason = D.Rule;

/** The whole reconciled picture. */
export interface Report {
  readonly slots: readonly FS.Slot[];
  readonly totals: readonly Total[];
  readonly agreements: readonly Agreement[];
  readonly offers: readonly Offer[];
  readonly discrepancies: readonly Discrepancy[];
}

const within = (day: string, through: string | null): boolean => through === null || day <= through;

/** The solved count groups of a set of slots, keyed `metric|direction` (wholes take their parts' slots as lower bounds). */
export const groupsOf = (slots: readonly FS.Slot[], deals: T.Deals): Map<string, T.Group> => {
  const flows = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    if (s.kind !== "event" && s.kind !== "cumulative") continue;
    const k = `${s.metric}|${s.direction}`;
    const list = flows.get(k);
    if (list === undefined) flows.set(k, [s]);
    else list.push(s);
  }
  // A whole reported only through its parts still has a total.
  for (const [whole, parts] of Object.entries(T.partsOf))
    for (const k of [...flows.keys()]) {
      const [metric, direction] = k.split("|") as [string, string];
      if (parts.includes(metric) && !flows.has(`${whole}|${direction}`)) flows.set(`${whole}|${direction}`, []);
    }
  const out = new Map<string, T.Group>();
  for (const [k, list] of [...flows].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [metric, direction] = k.split("|") as [string, string];
    const parts = (T.partsOf[metric] ?? []).flatMap((m) => flows.get(`${m}|${direction}`) ?? []);
    out.set(k, T.solve(metric, direction, list, parts, true, undefined, deals));
  }
  return out;
};

/** The totals of solved groups and of stocks, through a day and since a day. */
export const totalsOf = (slots: readonly FS.Slot[], groups: ReadonlyMap<string, T.Group>, through: string | null, since: string | null): Total[] => {
  const totals: Total[] = [];
  for (const g of groups.values()) {
    const t = T.totalOf(g, through, since);
    // A total appears once something counted toward it is known.
    if (t.readings.length > 0 || t.lo > 0) totals.push(t);
  }
  const stocks = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    if (s.kind !== "stock" || groups.has(`${s.metric}|${s.direction}`)) continue;
    const k = `${s.metric}|${s.direction}|${s.group ?? ""}`;
    const list = stocks.get(k);
    if (list === undefined) stocks.set(k, [s]);
    else list.push(s);
  }
  for (const [k, list] of stocks) {
    const [metric, direction, group] = k.split("|") as [string, string, string];
    const t = T.stockOf(metric, direction, group === "" ? null : group, list, through);
    if (t !== null) totals.push(t);
  }
  return totals.sort((a, b) => (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : a.direction < b.direction ? -1 : a.direction > b.direction ? 1 : (a.group ?? "") < (b.group ?? "") ? -1 : 1));
};

/** Reconciles a set of known claims into totals, agreements, offers and discrepancies. */
export const report = (claims: readonly ClaimView[], options: Options): Report => {
  const through = options.through;
  const since = options.since ?? null;
  const slots = FS.build(claims, options.parties);
  // A running count under an agreement ends at the next deal known (rule 5): the days deals were made, from the claims known.
  const deals = A.dealsOfClaims(claims);
  const groups = groupsOf(slots, deals);
  // The discrepancies are gathered when first read (a totals view never reads them).
  let flags: Discrepancy[] | null = null;
  const discrepancies = (): Discrepancy[] => {
    if (flags !== null) return flags;
    const out: Discrepancy[] = [];
    for (const s of slots) if (within(s.happenedBy, through)) out.push(...D.conflicts(s), ...D.revisions(s), ...D.dateConflicts(s));
    for (const g of groups.values()) for (const f of g.findings) if (within(f.validTo ?? f.validFrom ?? "", through)) out.push(f);
    out.push(...A.asymmetries(slots, through));
    return (flags = out);
  };
  return {
    slots,
    totals: totalsOf(slots, groups, through, since),
    agreements: A.agreements(slots, groups, through, deals),
    offers: A.offers(slots, through),
    get discrepancies() {
      return discrepancies();
    },
  };
};

/**
 * The figure of one total, as `findTotal(report(claims, options), metric, direction)` gives it, computing
 * only that total: its group alone, solved without searching the conflicts (the refusals, hence the figures,
 * are the same), and no agreements, discrepancies, checks or sources. The audit asks it once per step.
 */
export const figureOf = (claims: readonly ClaimView[], metric: string, direction: string, options: Options): F.Figure | undefined =>
  figureOfSlots(FS.build(claims, options.parties), metric, direction, options, A.dealsOfClaims(claims));

/**
 * `figureOf` over slots already built (`FactSlot.build` of the claims; only the total's and its parts' slots are read) and the
 * days deals were made (`Agreements.dealsOf` of the same claims: only the deals on the total's count, its whole's and its parts' are read);
 * `warm`: see `Totals.Warm`.
 */
export const figureOfSlots = (slots: readonly FS.Slot[], metric: string, direction: string, options: Options, deals: T.Deals, warm?: T.Warm): F.Figure | undefined => {
  const through = options.through;
  const since = options.since ?? null;
  // The group of the total and its parts' slots, in slot order, as `groupsOf` gives them.
  const parts = T.partsOf[metric] ?? [];
  const own: FS.Slot[] = [];
  const partSlots = new Map<string, FS.Slot[]>(parts.map((m) => [m, []]));
  for (const s of slots) {
    if ((s.kind !== "event" && s.kind !== "cumulative") || s.direction !== direction) continue;
    if (s.metric === metric) own.push(s);
    else partSlots.get(s.metric)?.push(s);
  }
  const partList = parts.flatMap((m) => partSlots.get(m)!);
  if (own.length > 0 || partList.length > 0) {
    const g = T.solve(metric, direction, own, partList, false, warm, deals);
    const f = g.over(since, through ?? g.lastDay);
    // A total appears once something counted toward it is known (`totalsOf`): its readings are its own slots.
    return own.length > 0 || f.lo > 0 ? f : undefined;
  }
  // A stock: of all groups when there is one, else the first group in the report's order.
  const stocks = new Map<string, FS.Slot[]>();
  for (const s of slots) {
    if (s.kind !== "stock" || s.metric !== metric || s.direction !== direction) continue;
    const k = s.group ?? "";
    const list = stocks.get(k);
    if (list === undefined) stocks.set(k, [s]);
    else list.push(s);
  }
  let first: F.Figure | undefined;
  for (const k of [...stocks.keys()].sort()) {
    const t = T.stockOf(metric, direction, k === "" ? null : k, stocks.get(k)!, through);
    if (t === null) continue;
    const f = { best: t.best, lo: t.lo, hi: t.hi };
    if (k === "") return f;
    first ??= f;
  }
  return first;
};

/** The total of one metric and direction in a report, if any (for a stock: of all groups when there is one, else the first). */
export const findTotal = (r: Report, metric: string, direction: string): Total | undefined =>
  r.totals.find((t) => t.metric === metric && t.direction === direction && t.group === null) ?? r.totals.find((t) => t.metric === metric && t.direction === direction);
