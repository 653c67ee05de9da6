/**
 * @factledger/store — the event store port (append, read a stream, read the
 * global log, subscribe), its closed sets of expectations and errors, the
 * reader that decodes stored events into the ledger, and an in-memory store.
 */
export * as ExpectedRevision from "./ExpectedRevision.ts";
export * as StoreError from "./StoreError.ts";
export type { StoreError as StoreErrorT } from "./StoreError.ts";
export type { ExpectedRevision as ExpectedRevisionT } from "./ExpectedRevision.ts";
export * from "./EventStore.ts";
export * as LogChain from "./LogChain.ts";
export type { ChainedLog, ChainedRecord } from "./LogChain.ts";
export { makeMemoryStore } from "./MemoryStore.ts";
export type { MemoryStoreOptions } from "./MemoryStore.ts";
export { decodeStored, foldAll, readLedger } from "./EventReader.ts";
export type { FoldOptions } from "./EventReader.ts";
export { makeMemoryCheckpoints } from "./Checkpoints.ts";
export type { CheckpointStore } from "./Checkpoints.ts";
export { makeRegistry, memoryFactory } from "./Registry.ts";
export type { OpenOptions, Registry, StoreFactory } from "./Registry.ts";
export type { Applied, Applying, LedgerProjection, Tip } from "./LedgerProjection.ts";
