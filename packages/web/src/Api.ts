/**
 * The JSON API: one route per query command, answering with the app's views
 * (the codecs of the CLI's `--json`). A route parses its parameters, calls
 * the app and returns a status with a body; a bad parameter is a 400 whose
 * one-line error names it, and nothing here throws for bad input.
 */
import * as t from "io-ts";
import * as E from "fp-ts/lib/Either.js";
import { AppError, Views } from "@factledger/app";
import type { AppErrorT, AppT } from "@factledger/app";
import * as P from "./Params.ts";
import type * as Reconciled from "./Reconciled.ts";
import * as Slim from "./Slim.ts";

/** `/api/agreements`: the agreements and offers of the totals view (`facts totals --json`), with its axes. */
export const AgreementsView = t.type({
  knownAt: t.string,
  through: t.string,
  since: t.union([t.string, t.null]),
  agreements: t.array(Views.AgreementRow),
  offers: t.array(Views.OfferRow),
});
export type AgreementsView = t.TypeOf<typeof AgreementsView>;

/** An answer: an HTTP status and a JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** The body already serialised (by the server's reconciler thread), sent as it is. */
  readonly raw?: Uint8Array;
  /** How long the reconciler thread took for it. */
  readonly ms?: number;
}

/** The reconciled views of slider positions, made off the event loop (the server's reconciler thread). */
export type Reconciler = (ask: Reconciled.Ask) => Promise<Answer>;

/** The one-line error body of every non-200 answer. */
export const ErrorBody = t.intersection([t.type({ error: t.string }), t.partial({ param: t.string })]);
export type ErrorBody = t.TypeOf<typeof ErrorBody>;

const ok = (body: unknown): Answer => ({ status: 200, body });
const bad = (e: P.BadParam): Answer => ({ status: 400, body: { error: `${e.param}: ${e.message}`, param: e.param } });

/** The status and line of an app error: bad arguments are the caller's (400), a failing store is ours (503). */
export const fromAppError = (e: AppErrorT): Answer =>
  AppError.match<Answer>({
    InvalidArgument: (x) => ({ status: 400, body: { error: AppError.describe(x).replace(/^--/, ""), param: x.argument.replace(/^--/, "") } }),
    Usage: (x) => ({ status: 400, body: { error: AppError.describe(x) } }),
    UnknownClaim: (x) => ({ status: 404, body: { error: AppError.describe(x) } }),
    RuleViolated: (x) => (x.violation._tag === "UnknownArticle" ? { status: 404, body: { error: `id: ${AppError.describe(x)}`, param: "id" } } : { status: 400, body: { error: AppError.describe(x) } }),
    UnreadableFile: (x) => ({ status: 500, body: { error: AppError.describe(x) } }),
    InvalidManifest: (x) => ({ status: 500, body: { error: AppError.describe(x) } }),
    StoreFailed: (x) => ({ status: 503, body: { error: AppError.describe(x) } }),
  })(e);

const answer = <A>(r: E.Either<AppErrorT, A>, f: (a: A) => unknown = (a) => a): Answer => (E.isLeft(r) ? fromAppError(r.left) : ok(f(r.right)));

/** A warm index of the head of the log: the totals' figures of any known-at and through, at once (`TotalsIndex.figuresAt`). */
export interface Warm {
  readonly figuresAt: (knownAt: string, through: string) => Views.FigureRow[];
}

/** What a route is given: the app, the parsed parameters, today (the default of known-at, as in the CLI), and the warm index when it is ready. */
interface Request {
  readonly app: AppT;
  readonly params: P.Params;
  readonly today: string;
  readonly warm: Warm | null;
  readonly views: Reconciler | null;
}

interface Route {
  readonly accepts: readonly (keyof P.Params)[];
  readonly run: (r: Request) => Promise<Answer>;
}

/** Known on known-at (default today), counting through `through` (default known-at): the CLI's defaults. */
const axes = (r: Request) => {
  const knownAt = r.params.knownAt ?? r.today;
  return { knownAt, through: r.params.through ?? knownAt, position: r.params.position ?? null };
};

const withSince = (r: Request, f: (a: ReturnType<typeof axes> & { since: string | null }) => Promise<Answer>): Promise<Answer> => {
  const a = axes(r);
  const since = r.params.since ?? null;
  if (since !== null && since > a.through) return Promise.resolve(bad(P.badParam("since", `${since} is after through ${a.through}`)));
  return f({ ...a, since });
};

const filters = (p: P.Params) => ({ ...(p.metric !== undefined ? { metric: p.metric } : {}), ...(p.direction !== undefined ? { direction: p.direction } : {}) });

/** audit and timeline: one total, named by metric and direction (both required, as in the CLI). */
const totalQuery = (r: Request) => {
  if (r.params.metric === undefined) return E.left(P.badParam("metric", "required (with direction)"));
  if (r.params.direction === undefined) return E.left(P.badParam("direction", "required (with metric)"));
  // Through the known-at day (today when not given) unless through is given, as the CLI's audit and timeline (and as totals counts).
  return E.right({ metric: r.params.metric, direction: r.params.direction, knownAt: r.params.knownAt ?? null, through: r.params.through ?? r.params.knownAt ?? r.today, position: r.params.position ?? null });
};

const oneTotal = (f: (app: AppT, q: E.Right<any>["right"]) => Promise<E.Either<AppErrorT, unknown>>): Route => ({
  accepts: ["metric", "direction", "knownAt", "through", "position"],
  run: async (r) => {
    const q = totalQuery(r);
    return E.isLeft(q) ? bad(q.left) : answer(await f(r.app, q.right));
  },
});

/** Every route under /api/, by name. */
/** From the reconciler when there is one and the view is of the head of the log; else from the app, here. */
const viaReconciler = (r: Request, a: ReturnType<typeof axes> & { since: string | null }, route: Reconciled.Route): Promise<Answer> | null =>
  r.views !== null && a.position === null ? r.views({ route, knownAt: a.knownAt, through: a.through, since: a.since, slim: r.params.slim === true }) : null;

export const routes: Readonly<Record<string, Route>> = {
  totals: {
    accepts: ["knownAt", "through", "since", "position", "slim"],
    run: (r) => withSince(r, async (a) => viaReconciler(r, a, "totals") ?? answer(await r.app.totals(a), (v) => (r.params.slim === true ? Slim.totals(v) : v))),
  },
  agreements: {
    accepts: ["knownAt", "through", "since", "position", "slim"],
    run: (r) =>
      withSince(
        r,
        async (a) =>
          viaReconciler(r, a, "agreements") ??
          answer(await r.app.totals(a), (v) => {
            const x: AgreementsView = { knownAt: v.knownAt, through: v.through, since: v.since, agreements: v.agreements, offers: v.offers };
            return r.params.slim === true ? Slim.agreements(x) : x;
          }),
      ),
  },
  // What a slider's move asks first: from the warm index when it is ready and the view is the head of the log
  // counted from the beginning, else reconciled (the same figures either way: TotalsIndex.prop.test.ts).
  figures: {
    accepts: ["knownAt", "through", "since", "position"],
    run: (r) =>
      withSince(r, async (a) =>
        r.warm !== null && a.since === null && a.position === null
          ? ok({ knownAt: a.knownAt, through: a.through, since: null, totals: r.warm.figuresAt(a.knownAt, a.through) } satisfies Views.FiguresView)
          : (viaReconciler(r, a, "figures") ?? answer(await r.app.figures(a))),
      ),
  },
  discrepancies: {
    accepts: ["knownAt", "through", "position", "slim"],
    run: async (r) => viaReconciler(r, { ...axes(r), since: null }, "discrepancies") ?? answer(await r.app.discrepancies(axes(r)), (v) => (r.params.slim === true ? Slim.discrepancies(v) : v)),
  },
  report: {
    accepts: ["knownAt", "through", "position", "slim"],
    run: async (r) => viaReconciler(r, { ...axes(r), since: null }, "report") ?? answer(await r.app.report(axes(r)), (v) => (r.params.slim === true ? Slim.report(v) : v)),
  },
  audit: oneTotal((app, q) => app.audit(q)),
  timeline: oneTotal((app, q) => app.timeline(q)),
  claims: {
    accepts: ["metric", "direction", "knownAt", "through", "position"],
    run: async (r) => answer(await r.app.claims({ ...filters(r.params), knownAt: r.params.knownAt ?? null, through: r.params.through ?? null, position: r.params.position ?? null })),
  },
  articles: {
    accepts: ["knownAt", "position", "id"],
    run: async (r) => (r.params.id !== undefined ? answer(await r.app.article(r.params.id)) : answer(await r.app.articles({ knownAt: r.params.knownAt ?? null, position: r.params.position ?? null }))),
  },
};

/** The parameters in the order the page writes them: a request's canonical key (the page, the report and the server's warm-up agree on it). */
export const order = ["known-at", "through", "metric", "direction", "id", "slim"] as const;
export type Query = Partial<Record<(typeof order)[number], string>>;

/** `route?known-at=…&through=…&metric=…&direction=…&id=…`, the parameters given, in that order. */
export const keyOf = (route: string, p: Query): string => {
  const s = new URLSearchParams();
  for (const k of order) if (p[k] !== undefined) s.set(k, p[k]!);
  const qs = s.toString();
  return qs === "" ? route : `${route}?${qs}`;
};

/** The figures the page draws a timeline for: the totals of people and bodies returned (else every total), once each. */
export const figuresOf = (totals: readonly { readonly metric: string; readonly direction: string }[]): { metric: string; direction: string }[] => {
  const returned = totals.filter((t) => t.metric.endsWith("_returned"));
  const seen = new Set<string>();
  return (returned.length > 0 ? returned : totals).filter((t) => !seen.has(`${t.metric}:${t.direction}`) && seen.add(`${t.metric}:${t.direction}`)).map((t) => ({ metric: t.metric, direction: t.direction }));
};

/** Answers `/api/<name>?<query>`; `/api/articles/<id>` is `/api/articles?id=<id>`. */
export const handle = async (app: AppT, today: string, path: string, search: URLSearchParams, warm: Warm | null = null, views: Reconciler | null = null): Promise<Answer> => {
  const m = /^\/api\/([a-z]+)(?:\/([A-Za-z0-9]+))?\/?$/.exec(path);
  const route = m === null ? undefined : routes[m[1]!];
  if (m === null || route === undefined) return { status: 404, body: { error: `no such route ${path} (routes: ${Object.keys(routes).map((k) => `/api/${k}`).join(", ")})` } };
  const q = new URLSearchParams(search);
  if (m[2] !== undefined) {
    if (m[1] !== "articles") return { status: 404, body: { error: `no such route ${path}` } };
    if (q.has("id")) return bad(P.badParam("id", "given in the path and the query"));
    q.set("id", m[2]);
  }
  const params = P.parse(q, route.accepts);
  return E.isLeft(params) ? bad(params.left) : route.run({ app, params: params.right, today, warm, views });
};
