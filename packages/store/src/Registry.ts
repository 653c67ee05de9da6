/**
 * The store registry: each adapter package exports a factory that says which
 * locations it opens (a file path, `memory:`, `esdb://…`) and opens them;
 * front ends ask the registry, so adding a store means adding a package and
 * registering its factory, not editing a front end.
 */
import * as E from "fp-ts/lib/Either.js";
import type { EventStore } from "./EventStore.ts";
import { makeMemoryStore } from "./MemoryStore.ts";
import type { StoreError } from "./StoreError.ts";

/** How a store is opened: readers pass `create: false` so that a typo is an error, not a new empty store. */
export interface OpenOptions {
  readonly create: boolean;
}

/** One adapter's factory. */
export interface StoreFactory {
  /** A short name ("sqlite", "memory", "esdb"). */
  readonly name: string;
  /** The locations it opens, for messages and help ("a file path", "memory:NAME"). */
  readonly locations: string;
  /** True when this factory opens `location`. */
  readonly accepts: (location: string) => boolean;
  /** The location as it may be shown (passwords hidden). */
  readonly describe: (location: string) => string;
  /** Opens the store at `location`. */
  readonly open: (location: string, options: OpenOptions) => Promise<E.Either<StoreError, EventStore>>;
}

/** The registered factories, asked in order: the first that accepts a location opens it. */
export interface Registry {
  readonly factories: readonly StoreFactory[];
  /** The factory for a location; a location no factory accepts is a `NotFound` error that lists what is accepted. */
  readonly factoryOf: (location: string) => E.Either<StoreError, StoreFactory>;
  readonly open: (location: string, options: OpenOptions) => Promise<E.Either<StoreError, EventStore>>;
  readonly describe: (location: string) => string;
}

/** A registry of the given factories. */
export const makeRegistry = (factories: readonly StoreFactory[]): Registry => {
  const factoryOf = (location: string): E.Either<StoreError, StoreFactory> => {
    const f = factories.find((x) => x.accepts(location));
    return f === undefined ? E.left({ _tag: "NotFound", message: `no registered store opens "${location}" (accepted: ${factories.map((x) => x.locations).join("; ")})` }) : E.right(f);
  };
  return {
    factories,
    factoryOf,
    open: async (location, options) => {
      const f = factoryOf(location);
      return E.isLeft(f) ? f : f.right.open(location, options);
    },
    describe: (location) => {
      const f = factoryOf(location);
      return E.isLeft(f) ? location : f.right.describe(location);
    },
  };
};

const memoryStores = new Map<string, EventStore>();

/**
 * `memory:` and `memory:NAME`: in-memory stores of this process. A named one is shared by every
 * open of that name (so a test can write through one front end and read through another);
 * plain `memory:` is a fresh store each time.
 */
export const memoryFactory: StoreFactory = {
  name: "memory",
  locations: "memory:[NAME] (in this process only)",
  accepts: (location) => /^memory:/i.test(location),
  describe: (location) => location,
  open: async (location, options) => {
    const name = location.slice("memory:".length);
    if (name === "") return E.right(makeMemoryStore());
    const hit = memoryStores.get(name);
    if (hit !== undefined) return E.right(hit);
    if (!options.create) return E.left({ _tag: "NotFound", message: `no store at ${location}` });
    const store = makeMemoryStore();
    // Closing a named memory store keeps its events for the next open in this process.
    const shared: EventStore = { ...store, close: async () => {} };
    memoryStores.set(name, shared);
    return E.right(shared);
  },
};
