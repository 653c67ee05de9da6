/**
 * The window solver against the straightforward solver it replaced (a copy of
 * Windows.ts as of 2026-12-01, below): on random systems larger than the
 * brute-force laws can enumerate (up to 12 days, 40 bounds, before and after
 * clones, with totals asked between additions), every addition is accepted or
 * refused alike, with the same conflict, and every window has the same bounds.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import * as W from "./Windows.ts";
import { next } from "./DateOnly.ts";

const DAYS = Array.from({ length: 12 }, (_, i) => `2025-06-${String(i + 1).padStart(2, "0")}`);
const windowArb: fc.Arbitrary<W.Window> = fc
  .tuple(fc.integer({ min: -1, max: DAYS.length - 1 }), fc.integer({ min: 0, max: DAYS.length - 1 }))
  .map(([a, b]) => ({ from: a < 0 ? null : DAYS[Math.min(a, b)]!, to: DAYS[Math.max(a, b)]! }));
const halfArb = (ref: number): fc.Arbitrary<W.Half> =>
  fc.record({ window: windowArb, side: fc.constantFrom("lo" as const, "hi" as const), bound: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 60 })) }).map((h) => ({ ref, ...h }));
const instance = fc
  .integer({ min: 1, max: 40 })
  .chain((n) => fc.tuple(fc.tuple(...Array.from({ length: n }, (_, i) => halfArb(i))), fc.array(windowArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: n }), fc.boolean()));

const allWindows: W.Window[] = [null, ...DAYS].flatMap((from) => DAYS.filter((to) => from === null || from <= to).map((to) => ({ from, to })));

describe("the window solver against the solver it replaced", () => {
  it("accepts and refuses the same bounds, names the same conflicts and gives every window the same bounds", () => {
    fc.assert(
      fc.property(instance, ([halves, extra, cloneAt, explain]) => {
        const windows = [...halves.map((h) => h.window), ...extra];
        let ours = W.make(windows);
        let theirs = referenceMake(windows);
        // Any window can be asked (a day inside a cell is answered by the cell's ends).
        const askable = allWindows;
        halves.forEach((h, i) => {
          if (i === cloneAt) {
            ours = ours.clone();
            theirs = theirs.clone();
          }
          expect(ours.add(h, explain)).toEqual(theirs.add(h, explain));
          // Totals asked between additions: kept distances must not outlive the next accepted bound.
          const q = askable[(i * 7) % askable.length]!;
          expect(ours.bounds(q)).toEqual(theirs.bounds(q));
        });
        expect(ours.accepted()).toEqual(theirs.accepted());
        for (const q of askable) {
          const b = theirs.bounds(q);
          expect(ours.bounds(q)).toEqual(b);
          expect(ours.lower(q)).toBe(b.lo);
          expect(ours.upper(q)).toBe(b.hi);
        }
      }),
    );
  });
});

describe("a fresh system of the same boundaries", () => {
  it("is the system `make` gives for the same windows and seed, whatever the first system had accepted", () => {
    fc.assert(
      fc.property(instance, fc.integer({ min: 0, max: 40 }), ([halves, extra], upTo) => {
        const windows = [...halves.map((h) => h.window), ...extra];
        const first = W.make(windows);
        halves.slice(0, upTo).forEach((h) => first.add(h, false));
        const seed = first.potential();
        for (const [ours, theirs] of [
          [first.fresh(), W.make(windows)],
          [first.fresh(seed), W.make(windows, [], seed)],
        ] as const) {
          halves.forEach((h) => expect(ours.add(h, false)).toEqual(theirs.add(h, false)));
          expect(ours.accepted()).toEqual(theirs.accepted());
          expect(ours.potential()).toEqual(theirs.potential());
          for (const q of allWindows) expect(ours.bounds(q)).toEqual(theirs.bounds(q));
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------- the reference
interface Edge {
  readonly to: number;
  readonly w: number;
  readonly ref: number;
}

const ORIGIN = "";

const MINIMAL_UP_TO = W.MINIMAL_UP_TO;

type System = Pick<W.System, "add" | "bounds" | "accepted"> & { readonly clone: () => System };

/**
 * A system over the boundaries of the given windows and marks. Days inside a
 * candidate window may hold counts; days in no window hold none (what no
 * source reports did not happen), so a window opens its days even if its own
 * bound is later refused.
 */
const referenceMake = (windows: readonly W.Window[], marks: readonly string[] = []): System => {
  const keys = new Set<string>([ORIGIN]);
  for (const w of windows) {
    keys.add(w.from ?? ORIGIN);
    keys.add(next(w.to));
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
    cover[index.get(next(w.to))!]! -= 1;
  }
  const open: boolean[] = [];
  let running = 0;
  for (let i = 0; i + 1 < nodes.length; i++) open.push((running += cover[i]!) > 0);
  const adj: Edge[][] = nodes.map(() => []);
  for (let i = 0; i + 1 < nodes.length; i++) {
    adj[i + 1]!.push({ to: i, w: 0, ref: -1 }); // counts are non-negative: P(i) ≤ P(i+1)
    if (!open[i]) adj[i]!.push({ to: i + 1, w: 0, ref: -1 }); // a closed cell holds nothing
  }
  return fromParts(nodes, index, adj, new Float64Array(nodes.length), []);
};

const fromParts = (nodes: readonly string[], index: ReadonlyMap<string, number>, adj: Edge[][], pi: Float64Array, accepted: number[]): System => {
  const n = nodes.length;
  // How many open cells lie before each boundary (a cell is closed when its start has a structural edge forward).
  const openBefore = new Int32Array(n);
  for (let i = 0; i + 1 < n; i++) openBefore[i + 1] = openBefore[i]! + (adj[i]!.some((e) => e.ref < 0 && e.to === i + 1) ? 0 : 1);
  const node = (day: string): number => {
    const i = index.get(day);
    if (i === undefined) throw new Error(`Windows: ${day} is not a boundary of this system`);
    return i;
  };
  const ends = (w: W.Window): [number, number] => [node(w.from ?? ORIGIN), node(next(w.to))];
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

  /** Shortest reduced distances from `s` (Dijkstra: reduced costs are non-negative under a feasible potential). */
  const reduced = (s: number): Float64Array => {
    const dist = new Float64Array(n).fill(Infinity);
    dist[s] = 0;
    const heap = new Heap();
    heap.push(0, s);
    while (heap.size > 0) {
      const [d, x] = heap.pop();
      if (d > dist[x]!) continue;
      for (const e of adj[x]!) {
        const nd = d + e.w + pi[x]! - pi[e.to]!;
        if (nd < dist[e.to]!) {
          dist[e.to] = nd;
          heap.push(nd, e.to);
        }
      }
    }
    return dist;
  };
  const distance = (s: number, t: number): number => {
    const d = reduced(s)[t]!;
    return d === Infinity ? Infinity : d - pi[s]! + pi[t]!;
  };

  const addEdge = (u: number, v: number, w: number, ref: number, explain: boolean): W.Added => {
    if (pi[v]! <= pi[u]! + w) {
      adj[u]!.push({ to: v, w, ref });
      accepted.push(ref);
      return { _tag: "Accepted" };
    }
    // Lower the potential of everything the new edge improves; reaching u again is a negative cycle.
    const delta = new Map<number, number>();
    const pred = new Map<number, Edge & { from: number }>();
    const heap = new Heap();
    delta.set(v, pi[u]! + w - pi[v]!);
    heap.push(delta.get(v)!, v);
    let cycle = false;
    while (heap.size > 0) {
      const [d, x] = heap.pop();
      if (d > delta.get(x)!) continue;
      if (x === u) {
        cycle = true;
        break;
      }
      for (const e of adj[x]!) {
        const nd = d + e.w + pi[x]! - pi[e.to]!;
        if (nd < 0 && nd < (delta.get(e.to) ?? 0)) {
          delta.set(e.to, nd);
          pred.set(e.to, { ...e, from: x });
          heap.push(nd, e.to);
        }
      }
    }
    if (!cycle) {
      for (const [x, d] of delta) pi[x] = pi[x]! + d;
      adj[u]!.push({ to: v, w, ref });
      accepted.push(ref);
      return { _tag: "Accepted" };
    }
    if (!explain) return { _tag: "Refused", conflict: [] };
    const members: Array<{ from: number; to: number; w: number; ref: number }> = [];
    for (let x = u; x !== v; ) {
      const e = pred.get(x)!;
      if (e.ref >= 0) members.push({ from: e.from, to: e.to, w: e.w, ref: e.ref });
      x = e.from;
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

  return {
    add: (h, explain = true) => {
      const [s, e] = ends(h.window);
      // total = P(e) − P(s); total ≤ hi is the edge s → e of weight hi; lo ≤ total is e → s of weight −lo.
      return h.side === "hi" ? addEdge(s, e, h.bound, h.ref, explain) : addEdge(e, s, -h.bound, h.ref, explain);
    },
    bounds: (w) => {
      // A day inside a cell: the cell's count may sit on either side of it, and where it sits touches no bound.
      const s = w.from ?? ORIGIN;
      const e = next(w.to);
      const hi = distance(floor(s), ceil(e));
      const [a, b] = [ceil(s), floor(e)];
      const lo = a >= b ? 0 : -distance(b, a);
      return { lo: Math.max(0, lo), hi: hi === Infinity ? null : hi };
    },
    clone: () => fromParts(nodes, index, adj.map((list) => [...list]), Float64Array.from(pi), [...accepted]),
    accepted: () => accepted,
  };
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
  pop(): [number, number] {
    const ks = this.keys, vs = this.vals;
    const top: [number, number] = [ks[0]!, vs[0]!];
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
