/**
 * `facts serve`: an HTTP server (node:http) over one app. It answers the JSON
 * API (Api.ts), serves the page and its assets from this package, and
 * follows the store's log: every new event is pushed to open pages as a
 * server-sent event (`/api/events`), so an article ingested from another
 * terminal shows without a reload. Answers are cached per log position.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as E from "fp-ts/lib/Either.js";
import { App, Queries } from "@factledger/app";
import { Reconcile, TotalsIndex } from "@factledger/core";
import type { AppT } from "@factledger/app";
import { showPosition } from "@factledger/store";
import type { Position, Subscription } from "@factledger/store";
import * as Api from "./Api.ts";
import * as Assets from "./Assets.ts";
import { readCache } from "./ReadCache.ts";

/** Options of `serve`. */
export interface ServeOptions {
  readonly app: AppT;
  /** Default 127.0.0.1: nothing outside this machine can reach it unless asked. */
  readonly host?: string;
  /** Default 4000; 0 picks a free port. */
  readonly port?: number;
  /** Today's day: the default of known-at, as in the CLI. */
  readonly today: () => string;
  /**
   * Default true: after the index, compute the first view in the background (the page's first load is then
   * answered from the cache). Its reconciliations hold the event loop while they run (seconds each at 100,000
   * claims), so a slider's request waits behind them; the benchmark of the sliders turns it off.
   */
  readonly warm?: boolean;
  /** Where the server writes what went wrong inside it (a stack never reaches a client). */
  readonly log?: (line: string) => void;
}

/** A running server. */
export interface Running {
  readonly url: string;
  readonly port: number;
  /** The log position the server has seen, and how many events. */
  readonly seen: () => { readonly position: Position | null; readonly events: number };
  /**
   * The warm index of the sliders (`/api/figures`): ready or being built, how long its last build or extension
   * took and which it was, how many of each so far, what it keeps.
   */
  readonly index: () => {
    readonly ready: boolean;
    readonly buildMs: number | null;
    readonly how: "built" | "extended" | null;
    readonly builds: number;
    readonly extensions: number;
    readonly rows: number;
    readonly bytes: number;
  };
  /** Settles when the first view of the log as last seen is computed (after the index). */
  readonly warmed: () => Promise<void>;
  /** Stops listening, ends open event streams and the store subscription. Does not close the store. */
  readonly close: () => Promise<void>;
}

/** One line of JSON (bigints as strings, as the CLI prints them). */
const json = (x: unknown, space?: number): string => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? v.toString() : v), space);

const security = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** Starts the server; resolves once it listens. */
export const serve = async (o: ServeOptions): Promise<Running> => {
  const log = o.log ?? (() => {});
  // Queries read the log through a cache that every new event clears (the subscription below sees them all).
  const reads = readCache(o.app.parts.store);
  const app = App.make({ ...o.app.parts, store: reads.store });
  const assets = Assets.load();
  const streams = new Set<ServerResponse>();
  // Answers by request, in flight or done, for the current log position: two pages asking the same wait for one fold.
  const cache = new Map<string, Promise<{ status: number; body: string }>>();
  let position: Position | null = null;
  let events = 0;
  let caughtUp = false;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const state = () => json({ position: position === null ? null : showPosition(position), events });
  const broadcast = (): void => {
    for (const s of streams) s.write(`event: position\ndata: ${state()}\n\n`);
  };
  // The warm index of the head of the log, for the sliders: built in slices of about 20 ms between requests once
  // the store is caught up, then extended by the knowledge days of each burst of new events (rebuilt only when
  // an event lands before its last day: TotalsIndex.extending), before the first view is warmed. While it is
  // built or extended (stale) the figures are reconciled, the same answer, slower.
  let index: TotalsIndex.TotalsIndex | null = null;
  // The latest index of the line, possibly of an older log than the one seen: the next extension starts from it.
  let line: TotalsIndex.Extendable | null = null;
  let indexMs: number | null = null;
  let indexHow: "built" | "extended" | null = null;
  let builds = 0;
  let extensions = 0;
  // Bumped by every new event: an index is published only if no event came while it was made.
  let indexing = 0;
  let closing = false;
  let building: Promise<void> = Promise.resolve();
  let indexQueued = false;
  let warming: Promise<void> = Promise.resolve();
  const parties = o.app.parts.parties ?? Reconcile.defaultParties;
  /** Runs steps in slices of about 20 ms between requests; null when the server closes meanwhile. */
  const sliced = async <A>(steps: Generator<TotalsIndex.Progress, A, void>): Promise<{ value: A } | null> => {
    let slice = performance.now();
    for (;;) {
      if (closing) return null;
      const r = steps.next();
      if (r.done === true) return { value: r.value };
      if (performance.now() - slice > 20) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        slice = performance.now();
      }
    }
  };
  const buildIndex = async (): Promise<void> => {
    indexQueued = false;
    const mine = indexing;
    const started = performance.now();
    const ledger = await Queries.ledger(app.parts);
    let made: TotalsIndex.Extendable | null = null;
    let how: "built" | "extended" = "extended";
    if (line !== null) {
      const r = await sliced(line.extending(ledger));
      // Left unfinished (the server closes): that line cannot be extended any more.
      if (r === null) return void (line = null);
      made = r.value;
    }
    if (made === null) {
      how = "built";
      const r = await sliced(TotalsIndex.building(ledger, parties, { extendable: true }));
      if (r === null) return void (line = null);
      made = r.value;
    }
    line = made;
    if (how === "built") builds++;
    else extensions++;
    // Events that came meanwhile are extended next (their burst's timer asks for it); until then the index is stale.
    if (mine !== indexing) return;
    index = made;
    indexMs = performance.now() - started;
    indexHow = how;
  };
  /** The index first (the sliders wait for it), then the first view (`warm`). */
  const reindex = (): void => {
    // One build or extension at a time, each from the last one's index; asks that come meanwhile are one more.
    if (!indexQueued) {
      indexQueued = true;
      building = building.then(buildIndex).catch((e: unknown) => {
        line = null;
        log(`building the warm index failed: ${(e as Error)?.message ?? String(e)}`);
      });
    }
    // A warm-up still running is of an older log: stopped now, not when the index is built.
    const mine = ++generation;
    warming = building.then(() => (mine === generation && o.warm !== false ? warm() : undefined));
  };
  const subscription: Subscription = o.app.parts.store.subscribeToAll("start", {
    onEvent: (e) => {
      position = e.position;
      events++;
      reads.clear();
      // The index is of the log as it was: stale from now on (a build or extension under way finishes, unpublished).
      index = null;
      indexing++;
      if (!caughtUp) return;
      cache.clear();
      // An article is one append of several events: tell the pages once, when the burst is over.
      if (pending === undefined)
        pending = setTimeout(() => {
          pending = undefined;
          reads.clear();
          cache.clear();
          broadcast();
          reindex();
        }, 100);
    },
    onCaughtUp: () => {
      caughtUp = true;
      cache.clear();
      broadcast();
      reindex();
    },
    onError: (e) => log(`following the store failed: ${e._tag}`),
  });
  const heartbeat = setInterval(() => {
    for (const s of streams) s.write(`: keep-alive\n\n`);
  }, 15_000);
  heartbeat.unref();

  /** The answer to `/api/…?…`, from the cache when this log position has been asked it already. */
  const answer = (pathname: string, search: string): Promise<{ status: number; body: string }> => {
    const key = pathname + search;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const p = Api.handle(app, o.today(), pathname, new URLSearchParams(search), index).then((a) => ({ status: a.status, body: json(a.body, a.status === 200 ? 2 : undefined) }));
    if (!caughtUp) return p;
    if (cache.size > 2000) cache.clear();
    cache.set(key, p);
    // Only answers are kept: an error or a failure is asked again next time.
    p.then((a) => a.status !== 200 && cache.get(key) === p && cache.delete(key), () => cache.get(key) === p && cache.delete(key));
    return p;
  };

  /**
   * Computes, in the background, what the page asks first (the store as last known, its figures' timelines
   * and claims, the audit of prisoners returned): the first load and the refresh after a new article are
   * then answered from the cache. A newer log position stops it.
   */
  let generation = 0;
  const warm = async (): Promise<void> => {
    const mine = ++generation;
    const ask = async (route: string, p: Api.Query = {}) => {
      if (mine !== generation) throw new Error("superseded");
      const key = Api.keyOf(route, p);
      const i = key.indexOf("?");
      const a = await answer(`/api/${i < 0 ? key : key.slice(0, i)}`, i < 0 ? "" : key.slice(i));
      return JSON.parse(a.body);
    };
    try {
      const [list] = await Promise.all([ask("articles"), ask("claims")]);
      const days = (list.articles as { knownAt: string }[]).map((a) => a.knownAt).sort();
      const last = days[days.length - 1];
      if (last === undefined) return;
      const axes = { "known-at": last, through: last };
      const figures = Api.figuresOf((await ask("report", axes)).totals);
      for (const f of figures) {
        await ask("timeline", { ...axes, ...f });
        await ask("claims", { ...axes, ...f });
      }
      const audited = figures.find((f) => f.metric === "prisoners_returned" && f.direction === "to_ukraine") ?? figures.find((f) => f.metric === "prisoners_returned") ?? figures[0];
      if (audited !== undefined) await ask("audit", { ...axes, ...audited });
    } catch (e) {
      if ((e as Error).message !== "superseded") log(`warming the first view failed: ${(e as Error).message}`);
    }
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...security, ...extra });
    res.end(body);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (url.pathname === "/api/events") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive", ...security });
      res.write(`retry: 1000\nevent: position\ndata: ${state()}\n\n`);
      streams.add(res);
      req.on("close", () => streams.delete(res));
      return;
    }
    const started = performance.now();
    const hit = await answer(url.pathname, url.search);
    send(res, hit.status, "application/json; charset=utf-8", hit.body, { "server-timing": `app;dur=${(performance.now() - started).toFixed(1)}` });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "application/json", json({ error: `method ${req.method} not allowed (the API only reads)` }), { allow: "GET, HEAD" });
    if (url.pathname.startsWith("/api/")) {
      api(req, res, url).catch((e: unknown) => {
        log(`${req.url}: ${(e as Error)?.stack ?? String(e)}`);
        if (!res.headersSent) send(res, 500, "application/json", json({ error: `internal error: ${String((e as Error)?.message ?? e).split("\n")[0]}` }));
        else res.end();
      });
      return;
    }
    const asset = assets.get(url.pathname === "/" ? "/index.html" : url.pathname);
    if (asset === undefined) return send(res, 404, "application/json", json({ error: `no such page ${url.pathname}` }));
    send(res, 200, asset.type, asset.body);
  });

  // Pages and scripts come back after a pause to think; a socket the server dropped meanwhile would fail their next request.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 4000, o.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    seen: () => ({ position, events }),
    index: () => ({ ready: index !== null, buildMs: indexMs, how: indexHow, builds, extensions, ...(index?.size() ?? { rows: 0, bytes: 0 }) }),
    warmed: () => warming,
    close: async () => {
      clearInterval(heartbeat);
      if (pending !== undefined) clearTimeout(pending);
      generation++;
      indexing++;
      closing = true;
      await warming;
      await building; // the store is closed after us: nothing of ours may still be reading it
      await subscription.stop();
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
