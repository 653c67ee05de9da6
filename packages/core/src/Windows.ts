/**
 * Counts over windows of days as difference constraints. Daily counts are
 * non-negative unknowns; a claim bounds the sum over its window, which is a
 * bound on the difference of two prefix sums. Constraints are added one at a
 * time (the caller ranks them): one that cannot hold with those already
 * accepted is refused with the smallest set of accepted ones it contradicts.
 * Bounds of any window's total are shortest paths, tight by construction.
 */
import * as Q from "./Quantity.ts";
import { next } from "./DateOnly.ts";

/** Days `from`..`to`, both included; `from` null means since the beginning of the record. */
export interface Window {
  readonly from: string | null;
  readonly to: string;
}

/** One side of a claim's bound on its window: `lo ≤ total` or `total ≤ hi`. */
export interface Half {
  /** The caller's reference, returned in conflicts. */
  readonly ref: number;
  readonly window: Window;
  readonly side: "lo" | "hi";
  readonly bound: number;
}

/** The outcome of adding a half. */
export type Added = { readonly _tag: "Accepted" } | { readonly _tag: "Refused"; readonly conflict: readonly number[] };

interface Edge {
  readonly to: number;
  readonly w: number;
  readonly ref: number;
}

const ORIGIN = "";

// The boundary after a window's last day, found once per window object (callers keep their windows across systems).
const ends = new WeakMap<Window, string>();
const endOf = (w: Window): string => {
  let e = ends.get(w);
  if (e === undefined) ends.set(w, (e = next(w.to)));
  return e;
};

/** Conflicts of up to this many accepted bounds are reduced to a minimal set; longer ones are named as found. */
export const MINIMAL_UP_TO = 12;

/** A system of accepted bounds over a fixed set of day boundaries. */
export interface System {
  /** Adds a bound if it can hold with the accepted ones; else refuses it, naming a minimal conflict (unless `explain` is false). */
  readonly add: (h: Half, explain?: boolean) => Added;
  /** The tightest bounds of the total over a window (its days must be marks or window ends given to `make`). */
  readonly bounds: (w: Window) => Q.Interval;
  /** The lower bound of `bounds(w)` alone (one shortest path instead of two). */
  readonly lower: (w: Window) => number;
  /** The upper bound of `bounds(w)` alone (null: unbounded). */
  readonly upper: (w: Window) => number | null;
  /** An independent copy. */
  readonly clone: () => System;
  /** The accepted halves' references, in the order they were accepted. */
  readonly accepted: () => readonly number[];
  /** A copy of the current potential, by boundary: a seed for a later system (`make`'s `seed`). */
  readonly potential: () => Seed;
  /** `make` of the same windows and marks, with no bound accepted (seeded if given): the boundaries are not found again. */
  readonly fresh: (seed?: Seed) => System;
}

/**
 * A warm start: the potential of an earlier system, by boundary. A potential only decides how much work an
 * addition does (a bound it already satisfies is accepted at once), never what is accepted, refused or bounded:
 * a bound is refused exactly when it closes a negative cycle, and shortest paths are the same under any feasible
 * potential. Only the cycle named on a refusal follows the search, so a seeded system is used without `explain`.
 */
export interface Seed {
  readonly nodes: readonly string[];
  readonly pi: Float64Array;
}

/**
 * A system over the boundaries of the given windows and marks. Days inside a
 * candidate window may hold counts; days in no window hold none (what no
 * source reports did not happen), so a window opens its days even if its own
 * bound is later refused.
 */
export const make = (windows: readonly Window[], marks: readonly string[] = [], seed?: Seed): System => {
  const keys = new Set<string>([ORIGIN]);
  for (const w of windows) {
    keys.add(w.from ?? ORIGIN);
    keys.add(endOf(w));
  }
  for (const m of marks) {
    keys.add(m);
    keys.add(next(m));
  }
  const nodes = [...keys].sort();
  const index = new Map(nodes.map((k, i) => [k, i]));
  // A cell is the run of days between two consecutive boundaries; it is open when a window covers it.
  const cover = new Int32Array(nodes.length + 1);
  for (const w of windows) {
    cover[index.get(w.from ?? ORIGIN)!]! += 1;
    cover[index.get(endOf(w))!]! -= 1;
  }
  const open: boolean[] = [];
  let running = 0;
  for (let i = 0; i + 1 < nodes.length; i++) open.push((running += cover[i]!) > 0);
  return fromLayout({ nodes, index, open }, seed);
};

/** The boundaries of a system and which cells are open: what `make` finds of its windows and marks. */
interface Layout {
  readonly nodes: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly open: readonly boolean[];
}

const fromLayout = (layout: Layout, seed?: Seed): System => {
  const { nodes, index, open } = layout;
  const adj: Edge[][] = nodes.map(() => []);
  for (let i = 0; i + 1 < nodes.length; i++) {
    adj[i + 1]!.push({ to: i, w: 0, ref: -1 }); // counts are non-negative: P(i) ≤ P(i+1)
    if (!open[i]) adj[i]!.push({ to: i + 1, w: 0, ref: -1 }); // a closed cell holds nothing
  }
  return fromParts(layout, adj, seed === undefined ? new Float64Array(nodes.length) : seeded(nodes, open, seed), []);
};

/**
 * A seed's potential carried to these boundaries: each takes the value of the seed's last boundary at or before
 * it (the seed's potential never decreases along its boundaries, so neither does this), then, left to right,
 * every closed cell is given equal ends (counts are zero there): feasible for the structural constraints.
 */
const seeded = (nodes: readonly string[], open: readonly boolean[], seed: Seed): Float64Array => {
  const pi = new Float64Array(nodes.length);
  let j = 0;
  for (let i = 0; i < nodes.length; i++) {
    while (j + 1 < seed.nodes.length && seed.nodes[j + 1]! <= nodes[i]!) j++;
    pi[i] = seed.pi[j] ?? 0;
  }
  for (let i = 0; i + 1 < nodes.length; i++) pi[i + 1] = open[i] ? Math.max(pi[i + 1]!, pi[i]!) : pi[i]!;
  return pi;
};

const fromParts = (layout: Layout, adj: Edge[][], pi: Float64Array, accepted: number[]): System => {
  const { nodes, index } = layout;
  const n = nodes.length;
  // How many open cells lie before each boundary (a cell is closed when its start has a structural edge forward).
  const openBefore = new Int32Array(n);
  for (let i = 0; i + 1 < n; i++) openBefore[i + 1] = openBefore[i]! + (adj[i]!.some((e) => e.ref < 0 && e.to === i + 1) ? 0 : 1);
  const node = (day: string): number => {
    const i = index.get(day);
    if (i === undefined) throw new Error(`Windows: ${day} is not a boundary of this system`);
    return i;
  };
  const endsOf = (w: Window): [number, number] => [node(w.from ?? ORIGIN), node(endOf(w))];
  /** The last boundary at or before a day boundary, and the first at or after it (past the last: the last, after which nothing is open). */
  const floor = (k: string): number => {
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nodes[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const ceil = (k: string): number => {
    const f = floor(k);
    return nodes[f] === k || f === n - 1 ? f : f + 1;
  };

  // Shortest paths are asked many times between two additions (a total over many windows, an agreement's
  // progress day by day): the distances from one boundary, and to one boundary, are kept until the next
  // edge is accepted. They are exact integers, so how they are found does not change any answer.
  const fromCache = new Map<number, Float64Array>();
  const toCache = new Map<number, Float64Array>();
  // The searches run over a compact copy of the graph, built at the first search after an accepted bound: parallel
  // edges (many slots bound the same window) merged into the least weight, which leaves every shortest path as it is.
  let forward: Compact | null = null;
  let reverse: Compact | null = null;
  let kept = false;
  const invalidate = (): void => {
    if (!kept) return;
    kept = false;
    fromCache.clear();
    toCache.clear();
    forward = null;
    reverse = null;
  };
  const forwardGraph = (): Compact => {
    kept = true;
    return (forward ??= compact(n, adj));
  };
  const reverseGraph = (): Compact => {
    kept = true;
    return (reverse ??= reversed(n, forwardGraph()));
  };
  /** Shortest reduced distances from `s` over `g` (Dijkstra: reduced costs are non-negative under a feasible potential). */
  const dijkstra = (s: number, g: Compact, sign: 1 | -1): Float64Array => {
    const dist = new Float64Array(n).fill(Infinity);
    dist[s] = 0;
    const heap = new Heap();
    heap.push(0, s);
    const { start, to, w } = g;
    while (heap.size > 0) {
      const d = heap.topKey();
      const x = heap.popValue();
      if (d > dist[x]!) continue;
      const px = pi[x]!;
      for (let k = start[x]!, end = start[x + 1]!; k < end; k++) {
        const y = to[k]!;
        // Forward: the reduced cost of x → y; backward (an edge y → x read in reverse): of y → x.
        const nd = d + w[k]! + sign * (px - pi[y]!);
        if (nd < dist[y]!) {
          dist[y] = nd;
          heap.push(nd, y);
        }
      }
    }
    return dist;
  };
  const distance = (s: number, t: number): number => {
    const forward = fromCache.get(s);
    if (forward !== undefined) return forward[t] === Infinity ? Infinity : forward[t]! - pi[s]! + pi[t]!;
    const backward = toCache.get(t);
    if (backward !== undefined) return backward[s] === Infinity ? Infinity : backward[s]! - pi[s]! + pi[t]!;
    return NaN;
  };
  /** The shortest distance from `s` to `t`, keeping the distances from `s`. */
  const distanceFrom = (s: number, t: number): number => {
    const d = distance(s, t);
    if (!Number.isNaN(d)) return d;
    fromCache.set(s, dijkstra(s, forwardGraph(), 1));
    return distance(s, t);
  };
  /** The shortest distance from `s` to `t`, keeping the distances to `t`. */
  const distanceTo = (s: number, t: number): number => {
    const d = distance(s, t);
    if (!Number.isNaN(d)) return d;
    toCache.set(t, dijkstra(t, reverseGraph(), -1));
    return distance(s, t);
  };

  // Scratch space of the potential update, reused by every addition (stamped, so nothing is cleared).
  const delta = new Float64Array(n);
  const stamp = new Int32Array(n);
  const predFrom = new Int32Array(n);
  const predEdge: Array<Edge | undefined> = new Array(n);
  const reached: number[] = [];
  let round = 0;

  const addEdge = (u: number, v: number, w: number, ref: number, explain: boolean): Added => {
    if (pi[v]! <= pi[u]! + w) {
      adj[u]!.push({ to: v, w, ref });
      accepted.push(ref);
      invalidate();
      return { _tag: "Accepted" };
    }
    // Lower the potential of everything the new edge improves; reaching u again is a negative cycle.
    // (The same search, in the same order, as with maps: a node not reached yet has delta 0.)
    round++;
    reached.length = 0;
    const deltaOf = (x: number): number => (stamp[x] === round ? delta[x]! : 0);
    const heap = new Heap();
    stamp[v] = round;
    delta[v] = pi[u]! + w - pi[v]!;
    reached.push(v);
    heap.push(delta[v]!, v);
    let cycle = false;
    while (heap.size > 0) {
      const d = heap.topKey();
      const x = heap.popValue();
      if (d > delta[x]!) continue;
      if (x === u) {
        cycle = true;
        break;
      }
      const px = pi[x]!;
      for (const e of adj[x]!) {
        const to = e.to;
        const nd = d + e.w + px - pi[to]!;
        if (nd < 0 && nd < deltaOf(to)) {
          if (stamp[to] !== round) {
            stamp[to] = round;
            reached.push(to);
          }
          delta[to] = nd;
          predFrom[to] = x;
          predEdge[to] = e;
          // u's delta is the length of the cycle through the new edge: negative, the bound cannot hold. Without
          // `explain` that is known at once; with it the search goes on, so that the cycle named is the one it finds.
          if (to === u && !explain) {
            cycle = true;
            break;
          }
          heap.push(nd, to);
        }
      }
      if (cycle) break;
    }
    if (!cycle) {
      for (const x of reached) pi[x] = pi[x]! + delta[x]!;
      adj[u]!.push({ to: v, w, ref });
      accepted.push(ref);
      invalidate();
      return { _tag: "Accepted" };
    }
    if (!explain) return { _tag: "Refused", conflict: [] };
    const members: Array<{ from: number; to: number; w: number; ref: number }> = [];
    for (let x = u; x !== v; ) {
      const e = predEdge[x]!;
      const from = predFrom[x]!;
      if (e.ref >= 0) members.push({ from, to: e.to, w: e.w, ref: e.ref });
      x = from;
    }
    return { _tag: "Refused", conflict: minimal({ from: u, to: v, w, ref }, members) };
  };

  /**
   * True when the structural constraints and these edges can all hold. Only the edges' end points matter:
   * between two consecutive ones the counts are non-negative, and zero when no cell between them is open,
   * so Bellman-Ford runs on those few points (from a virtual source).
   */
  const feasible = (edges: ReadonlyArray<{ from: number; to: number; w: number }>): boolean => {
    const points = [...new Set(edges.flatMap((e) => [e.from, e.to]))].sort((a, b) => a - b);
    const at = new Map(points.map((x, i) => [x, i]));
    const all: Array<{ from: number; to: number; w: number }> = edges.map((e) => ({ from: at.get(e.from)!, to: at.get(e.to)!, w: e.w }));
    for (let i = 0; i + 1 < points.length; i++) {
      all.push({ from: i + 1, to: i, w: 0 });
      if (openBefore[points[i + 1]!]! === openBefore[points[i]!]!) all.push({ from: i, to: i + 1, w: 0 });
    }
    const dist = new Float64Array(points.length);
    for (let round = 0; round <= points.length; round++) {
      let changed = false;
      for (const e of all)
        if (dist[e.from]! + e.w < dist[e.to]!) {
          dist[e.to] = dist[e.from]! + e.w;
          changed = true;
        }
      if (!changed) return true;
    }
    return false;
  };

  /** Drops members of a negative cycle that the conflict does not need: what is left cannot hold, and holds without any one of it. */
  const minimal = (added: { from: number; to: number; w: number; ref: number }, members: Array<{ from: number; to: number; w: number; ref: number }>): number[] => {
    // A long cycle is reported as found: the filter costs the cube of its length (docs/reconciliation.md).
    if (members.length > MINIMAL_UP_TO) return [...new Set(members.map((k) => k.ref))];
    let kept = [...members];
    for (const m of members) {
      const without = kept.filter((k) => k !== m);
      if (!feasible([added, ...without])) kept = without;
    }
    return [...new Set(kept.map((k) => k.ref))];
  };

  // A day inside a cell: the cell's count may sit on either side of it, and where it sits touches no bound.
  // Totals over many windows share their first day: the upper bound searches from it, the lower bound into it.
  const upper = (w: Window): number | null => {
    const hi = distanceFrom(floor(w.from ?? ORIGIN), ceil(next(w.to)));
    return hi === Infinity ? null : hi;
  };
  const lower = (w: Window): number => {
    const [a, b] = [ceil(w.from ?? ORIGIN), floor(next(w.to))];
    const lo = a >= b ? 0 : -distanceTo(b, a);
    return Math.max(0, lo);
  };

  return {
    add: (h, explain = true) => {
      const [s, e] = endsOf(h.window);
      // total = P(e) − P(s); total ≤ hi is the edge s → e of weight hi; lo ≤ total is e → s of weight −lo.
      return h.side === "hi" ? addEdge(s, e, h.bound, h.ref, explain) : addEdge(e, s, -h.bound, h.ref, explain);
    },
    bounds: (w) => ({ lo: lower(w), hi: upper(w) }),
    lower,
    upper,
    clone: () => fromParts(layout, adj.map((list) => [...list]), Float64Array.from(pi), [...accepted]),
    fresh: (seed) => fromLayout(layout, seed),
    accepted: () => accepted,
    potential: () => ({ nodes, pi: Float64Array.from(pi) }),
  };
};

/** A graph as arrays: the edges out of `x` are `to[k]`, `w[k]` for `start[x] ≤ k < start[x + 1]`. */
interface Compact {
  readonly start: Int32Array;
  readonly to: Int32Array;
  readonly w: Float64Array;
}

/** The edges of `adj` with parallel edges merged into the least weight (in the order each target first appears). */
const compact = (n: number, adj: readonly (readonly Edge[])[]): Compact => {
  let m = 0;
  for (const list of adj) m += list.length;
  const start = new Int32Array(n + 1);
  const to = new Int32Array(m);
  const w = new Float64Array(m);
  // Where each target of the current node sits in `to` (stamped by node: nothing is cleared).
  const at = new Int32Array(n);
  const seen = new Int32Array(n).fill(-1);
  let k = 0;
  for (let x = 0; x < n; x++) {
    start[x] = k;
    for (const e of adj[x]!) {
      if (seen[e.to] === x) {
        const j = at[e.to]!;
        if (e.w < w[j]!) w[j] = e.w;
      } else {
        seen[e.to] = x;
        at[e.to] = k;
        to[k] = e.to;
        w[k] = e.w;
        k++;
      }
    }
  }
  start[n] = k;
  return { start, to: to.subarray(0, k), w: w.subarray(0, k) };
};

/** The same edges read backwards: `y → x` of weight w for every `x → y` of weight w. */
const reversed = (n: number, g: Compact): Compact => {
  const m = g.to.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[g.to[k]! + 1]!++;
  for (let x = 0; x < n; x++) start[x + 1]! += start[x]!;
  const fill = start.slice(0, n);
  const to = new Int32Array(m);
  const w = new Float64Array(m);
  for (let x = 0; x < n; x++)
    for (let k = g.start[x]!, end = g.start[x + 1]!; k < end; k++) {
      const j = fill[g.to[k]!]!++;
      to[j] = x;
      w[j] = g.w[k]!;
    }
  return { start, to, w };
};

/** A binary min-heap of (key, node). */
class Heap {
  private readonly keys: number[] = [];
  private readonly vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(k: number, v: number): void {
    const ks = this.keys, vs = this.vals;
    let i = ks.length;
    ks.push(k);
    vs.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ks[p]! <= k) break;
      ks[i] = ks[p]!;
      vs[i] = vs[p]!;
      i = p;
    }
    ks[i] = k;
    vs[i] = v;
  }
  /** The least key (the heap must not be empty). */
  topKey(): number {
    return this.keys[0]!;
  }
  /** Removes the entry of the least key and returns its node. */
  popValue(): number {
    const ks = this.keys, vs = this.vals;
    const top = vs[0]!;
    const k = ks.pop()!, v = vs.pop()!;
    if (ks.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        let mk = k;
        if (l < ks.length && ks[l]! < mk) (m = l), (mk = ks[l]!);
        if (r < ks.length && ks[r]! < mk) m = r;
        if (m === i) break;
        ks[i] = ks[m]!;
        vs[i] = vs[m]!;
        i = m;
      }
      ks[i] = k;
      vs[i] = v;
    }
    return top;
  }
}
