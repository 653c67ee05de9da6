/**
 * @factledger/store-esdb — the EventStoreDB / KurrentDB adapter of the store
 * port, over @eventstore/db-client. Loaded by the CLI only when a connection
 * string asks for it.
 */
export { openEsdbStore } from "./EsdbEventStore.ts";
export type { EsdbOptions } from "./EsdbEventStore.ts";
export * as Mapping from "./Mapping.ts";
