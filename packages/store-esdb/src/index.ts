/**
 * @factledger/store-esdb — the EventStoreDB / KurrentDB adapter of the store
 * port, over @eventstore/db-client (an optional dependency). Front ends reach
 * it through the registry entry `@factledger/store-esdb/factory`, which loads
 * the client only when a connection string asks for it.
 */
export { openEsdbStore } from "./EsdbEventStore.ts";
export type { EsdbOptions } from "./EsdbEventStore.ts";
export * as Mapping from "./Mapping.ts";
export { esdbFactory, installHint } from "./Factory.ts";
