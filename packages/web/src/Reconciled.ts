/**
 * The reconciled views of a slider position, from one reconciliation: the totals, agreements, discrepancies,
 * report and figures of (known-at, through, since), full or slim. The same views as the app's queries
 * (`Queries.totals`, `Queries.reportView`...: tested on the seeds in Reconciled.test.ts), made from a ledger
 * the caller keeps: the server's reconciler thread folds its own from the log and keeps the last few reports.
 */
import { Ledger, Reconcile } from "@factledger/core";
import { Views } from "@factledger/app";
import * as Slim from "./Slim.ts";

/** The routes a reconciliation answers. */
export const routes = ["totals", "agreements", "discrepancies", "report", "figures"] as const;
export type Route = (typeof routes)[number];

/** What is asked: a route at a slider position. `since` counts from a day (totals, agreements, figures only). */
export interface Ask {
  readonly route: Route;
  readonly knownAt: string;
  readonly through: string;
  readonly since: string | null;
  readonly slim: boolean;
}

/** The reconciliation an ask needs (discrepancies and report are counted from the beginning, as in the CLI). */
export const reportKey = (a: Ask): string => `${a.knownAt}|${a.through}|${a.route === "discrepancies" || a.route === "report" ? "" : (a.since ?? "")}`;

/** Reconciles the view of an ask. */
export const reconcile = (ledger: Ledger.Ledger, parties: readonly string[], a: Ask): Reconcile.Report =>
  Reconcile.report(Ledger.view(ledger, { knownAt: a.knownAt }), { through: a.through, since: a.route === "discrepancies" || a.route === "report" ? null : a.since, parties });

/** The body of an ask, from its reconciliation. */
export const view = (ledger: Ledger.Ledger, r: Reconcile.Report, a: Ask): unknown => {
  const { knownAt, through } = a;
  switch (a.route) {
    case "figures":
      return Views.figures(r, knownAt, through, a.since);
    case "totals": {
      const v = Views.totals(r, knownAt, through, a.since);
      return a.slim ? Slim.totals(v) : v;
    }
    case "agreements": {
      const v = Views.totals(r, knownAt, through, a.since);
      const x = { knownAt: v.knownAt, through: v.through, since: v.since, agreements: v.agreements, offers: v.offers };
      return a.slim ? Slim.agreements(x) : x;
    }
    case "discrepancies": {
      const v = Views.discrepancies(r, knownAt, through);
      return a.slim ? Slim.discrepancies(v) : v;
    }
    case "report": {
      // As Queries.reportView.
      const articles = [...ledger.articles.values()];
      const known = articles.filter((x) => x.knownAt <= knownAt);
      const v: Views.ReportView = {
        ...Views.totals(r, knownAt, through),
        discrepancies: Views.discrepancies(r, knownAt, through).discrepancies,
        articles: known.length,
        claims: Ledger.view(ledger, { knownAt }).length,
        undated: known.filter((x) => x.publishedAt === null).map((x) => ({ articleId: x.articleId, path: x.path, knownAt: x.knownAt })),
        undatedOutside: articles.filter((x) => x.publishedAt === null && x.knownAt > knownAt).length,
      };
      return a.slim ? Slim.report(v) : v;
    }
  }
};

/** One line of JSON (bigints as strings, as the CLI prints them); the full views indented as the server always sent them. */
export const serialise = (body: unknown, slim: boolean): string => JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v), slim ? undefined : 2);
