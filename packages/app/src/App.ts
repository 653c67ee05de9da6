/**
 * The application as one value, made from its parts: every use case of every
 * front end (commands, queries, projections), each returning
 * `Either<AppError, A>`. Front ends parse their input, call these and render
 * the views; they construct no events and run no SQL.
 */
import * as E from "fp-ts/lib/Either.js";
import type { Analyst as A, ArticleStream, TotalsIndex } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import type { Sink } from "./Projection.ts";
import * as Analyst from "./Analyst.ts";
import * as Archive from "./Archive.ts";
import * as Articles from "./Articles.ts";
import type { AppError } from "./AppError.ts";
import { Failure } from "./AppError.ts";
import * as Ingest from "./Ingest.ts";
import * as Migrate from "./Migrate.ts";
import type { Parts } from "./Parts.ts";
import * as PersistedLedger from "./PersistedLedger.ts";
import * as Projection from "./Projection.ts";
import * as Q from "./Queries.ts";
import * as Verify from "./Verify.ts";
import type * as V from "./Views.ts";

/** Runs a use case, turning its Failure into a Left (anything else is a bug and is rethrown). */
export const attempt = async <A>(f: () => Promise<A>): Promise<E.Either<AppError, A>> => {
  try {
    return E.right(await f());
  } catch (e) {
    if (e instanceof Failure) return E.left(e.error);
    throw e;
  }
};

/** The application. */
export interface App {
  readonly parts: Parts;
  readonly ingest: (paths: readonly string[], flags: Ingest.FlagMetadata, onProgress?: (done: number, total: number, path: string) => void) => Promise<E.Either<AppError, Ingest.Result>>;
  readonly reextract: () => Promise<E.Either<AppError, Ingest.Reextracted[]>>;
  readonly analyst: (command: Analyst.Unsigned<A.Command>) => Promise<E.Either<AppError, LedgerEvent>>;
  readonly date: (command: Analyst.Unsigned<ArticleStream.DateArticle>) => Promise<E.Either<AppError, LedgerEvent>>;
  readonly claims: (q: Q.ClaimsQuery) => Promise<E.Either<AppError, V.ClaimsView>>;
  readonly totals: (a: Q.Axes) => Promise<E.Either<AppError, V.TotalsView>>;
  readonly discrepancies: (a: Q.Axes) => Promise<E.Either<AppError, V.DiscrepanciesView>>;
  /** The totals' figures alone (best, lo, hi), as `totals` gives them. */
  readonly figures: (a: Q.Axes) => Promise<E.Either<AppError, V.FiguresView>>;
  /** The warm index of the head of the log (figures for any known-at and through), as steps to run. */
  readonly totalsIndex: () => Promise<E.Either<AppError, Generator<{ readonly done: number; readonly of: number }, TotalsIndex.TotalsIndex, void>>>;
  readonly report: (a: Q.Axes) => Promise<E.Either<AppError, V.ReportView>>;
  readonly audit: (q: Q.TotalQuery) => Promise<E.Either<AppError, V.AuditView>>;
  readonly timeline: (q: Q.TotalQuery) => Promise<E.Either<AppError, V.TimelineView>>;
  readonly articles: (q: Articles.ArticlesQuery) => Promise<E.Either<AppError, Articles.ArticlesView>>;
  readonly article: (articleId: string) => Promise<E.Either<AppError, Articles.ArticleView>>;
  /** Keeps a sink current from this store's log (the projection runner of `facts follow`). */
  readonly follow: (sink: Sink, options: Projection.RunOptions) => Projection.Running;
  /** The persisted ledger projection of the parts as a sink for `follow` (checked to belong to this log first). */
  readonly projectionSink: () => Promise<E.Either<AppError, Sink & { readonly events: () => number }>>;
  /** Copies this store's log into another store. */
  readonly migrateTo: (to: Migrate.Side) => Promise<E.Either<AppError, Migrate.Migrated>>;
  /** Recomputes the hash chain, runs the store's integrity check and decodes every event. */
  readonly verify: () => Promise<E.Either<AppError, Verify.VerifyView>>;
  /** Writes the whole log as NDJSON through `write`, or into the file `out` (renamed into place when complete). */
  readonly exportLog: (target: { readonly write: (chunk: string) => Promise<void> } | { readonly out: string }) => Promise<E.Either<AppError, Archive.Archived>>;
  /** Restores an archive opened by `Archive.openArchive` into this (empty) store: read and checked a line at a time, in one transaction. */
  readonly importLog: (archive: Archive.ArchiveReader) => Promise<E.Either<AppError, Archive.Archived>>;
}

/** Builds the application from its parts. */
export const make = (parts: Parts): App => ({
  parts,
  ingest: (paths, flags, onProgress) => attempt(() => Ingest.ingest(parts, paths, flags, onProgress)),
  reextract: () => attempt(() => Ingest.reextract(parts)),
  analyst: (c) => attempt(() => Analyst.act(parts, c)),
  date: (c) => attempt(() => Analyst.date(parts, c)),
  claims: (q) => attempt(() => Q.claims(parts, q)),
  totals: (a) => attempt(() => Q.totals(parts, a)),
  discrepancies: (a) => attempt(() => Q.discrepancies(parts, a)),
  figures: (a) => attempt(() => Q.figures(parts, a)),
  totalsIndex: () => attempt(() => Q.totalsIndex(parts)),
  report: (a) => attempt(() => Q.reportView(parts, a)),
  audit: (q) => attempt(() => Q.audit(parts, q)),
  timeline: (q) => attempt(() => Q.timeline(parts, q)),
  articles: (q) => attempt(() => Articles.articles(parts, q)),
  article: (id) => attempt(() => Articles.article(parts, id)),
  follow: (sink, options) => Projection.run(parts.store, sink, options),
  projectionSink: () => attempt(() => PersistedLedger.sink(parts)),
  migrateTo: (to) => attempt(() => Migrate.migrate({ store: parts.store, where: parts.where }, to, parts.checkpoints)),
  verify: () => attempt(() => Verify.verify(parts)),
  exportLog: (target) => attempt(() => ("out" in target ? Archive.exportToFile(parts, target.out) : Archive.exportLog(parts, target.write))),
  importLog: (archive) => attempt(() => Archive.importLog(parts, archive)),
});
