/**
 * `facts serve`: an HTTP server (node:http) over one app. It answers the JSON
 * API (Api.ts), serves the page and its assets from this package, and
 * follows the store's log: every new event is pushed to open pages as a
 * server-sent event (`/api/events`), so an article ingested from another
 * terminal shows without a reload. Answers are cached per log position.
 */
import { createServer } from "node:http";
import { Worker } from "node:worker_threads";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import * as E from "fp-ts/lib/Either.js";
import { App } from "@factledger/app";
import { Reconcile, TotalsIndex } from "@factledger/core";
import type { AppT } from "@factledger/app";
import { showPosition } from "@factledger/store";
import type { Position, StoredEvent, Subscription } from "@factledger/store";
import * as Api from "./Api.ts";
import * as Assets from "./Assets.ts";
import { readCache } from "./ReadCache.ts";
import type * as Reconciled from "./Reconciled.ts";
import type { FromThread, ToThread } from "./ReconcilerThread.ts";

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
  /** How many views the reconciler thread has answered (off the event loop), and whether it is up. */
  readonly reconciler: () => { readonly up: boolean; readonly views: number };
  /** Settles when the first view of the log as last seen is computed (after the index). */
  readonly warmed: () => Promise<void>;
  /** Stops listening, ends open event streams and the store subscription. Does not close the store. */
  readonly close: () => Promise<void>;
}

/** Past this many events in the log, the warm-up leaves the app's per-figure queries (timelines, claims, audit) to the page. */
const WARM_ON_LOOP = 50_000;

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
  const cache = new Map<string, Promise<{ status: number; body: string | Uint8Array }>>();
  // What the cache holds, in bytes, by key: past the budget the oldest answers go (a full view at 100,000 claims is 48 MB).
  const cached = new Map<string, number>();
  let cachedBytes = 0;
  const CACHE_BYTES = 512 * 2 ** 20;
  const clearCache = () => {
    cache.clear();
    cached.clear();
    cachedBytes = 0;
  };
  let position: Position | null = null;
  let events = 0;
  let caughtUp = false;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const state = () => json({ position: position === null ? null : showPosition(position), events });
  const broadcast = (): void => {
    for (const s of streams) s.write(`event: position\ndata: ${state()}\n\n`);
  };

  // The reconciler thread (ReconcilerThread.ts) folds its own ledger from the events forwarded here, keeps the
  // warm index of the head of the log (built once the store is caught up, then extended by each burst of new
  // events, rebuilt only when one lands before its last day) and reconciles the views of slider positions, all
  // off this event loop. The index's rows come back after each build or extension: /api/figures reads them here.
  // While the index is stale the figures are reconciled by the thread; if the thread fails, by the app here.
  const parties = o.app.parts.parties ?? Reconcile.defaultParties;
  const thread = new Worker(new URL("../dist/ReconcilerThread.js", import.meta.url), { workerData: { parties } });
  let threadUp = true;
  const toThread = (m: ToThread): void => thread.postMessage(m);
  const outbox: StoredEvent[] = [];
  let flushing = false;
  const flush = (): void => {
    // In batches: each post copies its events (structured clone) on this loop.
    while (outbox.length > 0 && threadUp) toThread({ type: "events", events: outbox.splice(0, 2000) });
    outbox.length = 0;
  };
  const views = new Map<number, { resolve: (a: Api.Answer) => void }>();
  let viewNo = 0;
  let threadViews = 0;
  const reconciled = (ask: Reconciled.Ask): Promise<Api.Answer> =>
    new Promise((resolve) => {
      flush();
      const id = ++viewNo;
      views.set(id, { resolve });
      toThread({ type: "view", id, ask });
    });
  let index: TotalsIndex.TotalsIndex | null = null;
  let indexMs: number | null = null;
  let indexHow: "built" | "extended" | null = null;
  let builds = 0;
  let extensions = 0;
  let warming: Promise<void> = Promise.resolve();
  // Settles when the index of the log as last seen arrives (or the thread fails, or the server closes).
  let indexed: { events: number; resolve: () => void } | null = null;
  const indexedNow = (): void => {
    indexed?.resolve();
    indexed = null;
  };
  thread.on("message", (m: FromThread) => {
    if (m.type === "view") {
      const v = views.get(m.id);
      views.delete(m.id);
      threadViews++;
      if ("error" in m) return v?.resolve({ status: 500, body: { error: `internal error: ${m.error}` } });
      return v?.resolve({ status: 200, body: null, raw: m.body, ms: m.ms });
    }
    if (m.type === "index") {
      if (m.how === "built") builds++;
      else extensions++;
      // Of an older log when events came since it began: the next extension (asked after their burst) follows.
      if (m.events !== events) return;
      index = TotalsIndex.reading(m.rows);
      indexMs = m.ms;
      indexHow = m.how;
      if (indexed !== null && indexed.events === events) indexedNow();
      return;
    }
    // Its ledger or its index went wrong: nothing more is asked of it.
    threadDown(m.message);
    void thread.terminate();
  });
  const threadDown = (why: string): void => {
    if (!threadUp) return;
    threadUp = false;
    index = null;
    log(`the reconciler thread stopped (${why}): views are reconciled on the event loop from now on`);
    for (const v of views.values()) v.resolve({ status: 500, body: { error: "internal error: the reconciler thread stopped" } });
    views.clear();
    indexedNow();
  };
  thread.on("error", (e) => threadDown(e.message));
  thread.on("exit", (code) => threadDown(`exit ${code}`));
  /** The index first (the sliders wait for it), then the first view (`warm`). */
  const reindex = (): void => {
    flush();
    let ready: Promise<void> = Promise.resolve();
    if (threadUp) {
      indexedNow();
      ready = new Promise<void>((resolve) => (indexed = { events, resolve }));
      toThread({ type: "index" });
    }
    // A warm-up still running is of an older log: stopped now, not when the index is built.
    const mine = ++generation;
    warming = ready.then(() => (mine === generation && o.warm !== false ? warm() : undefined));
  };
  const subscription: Subscription = o.app.parts.store.subscribeToAll("start", {
    onEvent: (e) => {
      position = e.position;
      events++;
      // A store catching up delivers its log in one go, waiting only for what this returns: every 250
      // events or so, the loop answers what came meanwhile (a request, a timer) before the next.
      let breathe: Promise<void> | undefined;
      if (threadUp) {
        outbox.push(e);
        if (outbox.length >= 250) {
          flush();
          breathe = new Promise<void>((resolve) => setImmediate(resolve));
        } else if (!flushing) {
          flushing = true;
          setImmediate(() => {
            flushing = false;
            flush();
          });
        }
      }
      reads.clear();
      // The index is of the log as it was: stale from now on (a build or extension under way finishes, unpublished).
      index = null;
      if (!caughtUp) return breathe;
      clearCache();
      // An article is one append of several events: tell the pages once, when the burst is over.
      if (pending === undefined)
        pending = setTimeout(() => {
          pending = undefined;
          reads.clear();
          clearCache();
          broadcast();
          reindex();
        }, 100);
      return breathe;
    },
    onCaughtUp: () => {
      caughtUp = true;
      clearCache();
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
  const answer = (pathname: string, search: string): Promise<{ status: number; body: string | Uint8Array }> => {
    const key = pathname + search;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    // The reconciled views come from the thread once the store is caught up (its ledger is then the log as seen).
    const p = Api.handle(app, o.today(), pathname, new URLSearchParams(search), index, threadUp && caughtUp ? reconciled : null).then((a) => ({
      status: a.status,
      body: a.raw ?? json(a.body, a.status === 200 ? 2 : undefined),
    }));
    if (!caughtUp) return p;
    if (cache.size > 2000) clearCache();
    cache.set(key, p);
    // Only answers are kept: an error or a failure is asked again next time.
    p.then(
      (a) => {
        if (cache.get(key) !== p) return;
        if (a.status !== 200) return void cache.delete(key);
        cached.set(key, a.body.length);
        cachedBytes += a.body.length;
        for (const [k, n] of cached) {
          if (cachedBytes <= CACHE_BYTES || k === key) break;
          cache.delete(k);
          cached.delete(k);
          cachedBytes -= n;
        }
      },
      () => cache.get(key) === p && cache.delete(key),
    );
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
      return JSON.parse(typeof a.body === "string" ? a.body : Buffer.from(a.body.buffer, a.body.byteOffset, a.body.byteLength).toString("utf8"));
    };
    try {
      const [list] = await Promise.all([ask("articles"), ask("claims")]);
      const days = (list.articles as { knownAt: string }[]).map((a) => a.knownAt).sort();
      const last = days[days.length - 1];
      if (last === undefined) return;
      const axes = { "known-at": last, through: last };
      const figures = Api.figuresOf((await ask("report", { ...axes, slim: "1" })).totals);
      // The timelines, claims and audit are the app's queries, run on this event loop (seconds each past
      // tens of thousands of claims): warmed only for a log small enough that they hold it briefly.
      if (events > WARM_ON_LOOP) return;
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

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, extra: Record<string, string> = {}): void => {
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
    reconciler: () => ({ up: threadUp, views: threadViews }),
    close: async () => {
      clearInterval(heartbeat);
      if (pending !== undefined) clearTimeout(pending);
      generation++;
      indexedNow();
      await warming; // the store is closed after us: nothing of ours may still be reading it
      await subscription.stop();
      threadUp = false;
      for (const v of views.values()) v.resolve({ status: 503, body: { error: "the server is closing" } });
      views.clear();
      await thread.terminate();
      for (const s of streams) s.end();
      streams.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};
