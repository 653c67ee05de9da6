/**
 * @factledger/store-sqlite — the embedded event store (SQLite, WAL mode, no
 * server), the default store of the `facts` command line.
 */
export { openSqliteStore, translateError } from "./SqliteEventStore.ts";
export type { SqliteEventStore, SqliteOptions } from "./SqliteEventStore.ts";
export { openLedgerProjection, projectionVersion } from "./SqliteLedgerProjection.ts";
export type { SqliteLedgerProjection } from "./SqliteLedgerProjection.ts";
export { openReadModel } from "./SqliteReadModel.ts";
export type { SqliteReadModel } from "./SqliteReadModel.ts";
export { openSqliteCheckpoints } from "./SqliteCheckpoints.ts";
export { sqliteFactory } from "./Factory.ts";
export type { SqliteFactoryOptions } from "./Factory.ts";
