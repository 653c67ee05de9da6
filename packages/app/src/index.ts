/**
 * @factledger/app — the use cases once, for every front end: commands
 * (ingest, re-extraction, analyst actions: decide, then one append at an
 * expected revision), queries (the contract's views as io-ts codecs),
 * projections with their checkpoints and runner, and migration between any
 * two stores. Built as one value from its parts with `App.make`.
 */
export * as App from "./App.ts";
export type { App as AppT } from "./App.ts";
export * as Archive from "./Archive.ts";
export * as Articles from "./Articles.ts";
export * as AppError from "./AppError.ts";
export type { AppError as AppErrorT } from "./AppError.ts";
export * as Files from "./Files.ts";
export * as Ingest from "./Ingest.ts";
export * as Migrate from "./Migrate.ts";
export * as PersistedLedger from "./PersistedLedger.ts";
export * as Projection from "./Projection.ts";
export * as Queries from "./Queries.ts";
export * as Verify from "./Verify.ts";
export * as Views from "./Views.ts";
export { countingIds, fixedClock } from "./Parts.ts";
export type { Clock, IdSource, Parts } from "./Parts.ts";
