/**
 * The EventStoreDB / KurrentDB adapter of the store port, over the official Node client (6.x). Appends carry our
 * deterministic event ids and the expected revision, so a retried append is not duplicated and ingest stays
 * idempotent across many ingesters. Every call has a deadline, every read runs to its end or is cancelled, only
 * this engine's events are decoded, and close() stops the store's subscriptions before it lets the client go.
 */
import { EventStoreDBClient, START } from "@eventstore/db-client";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { comparePositions } from "@factledger/store";
import type { EventStore, NewEvent, Position, ReadFrom, StoredEvent, StoreErrorT, Subscription, SubscriptionHandlers } from "@factledger/store";
import * as CatchUp from "./CatchUp.ts";
import { atMost, readToEnd, withDeadline } from "./Deadline.ts";
import * as M from "./Mapping.ts";

/** Options of the adapter. */
export interface EsdbOptions {
  /** Only these event types are read from $all and subscribed to (server-side filter); null: every non-system event. */
  readonly eventTypes?: readonly string[] | null;
  /** Events read per server round trip when reading $all (at least 1). Default 1000. */
  readonly batchSize?: number;
  /**
   * How long a call waits for the server: an append for its answer, a read between two messages, a subscription
   * for the server's confirmation; it also bounds each step of close(). Default: the connection string's
   * `defaultDeadline`, else 10 000 ms.
   */
  readonly deadlineMs?: number;
  /** How long a subscription keeps resubscribing through transient failures in a row before onError. Default 60 000 ms. */
  readonly retryForMs?: number;
}

/** A failure already in the port's terms, thrown through the client's promise code. */
class Refused {
  constructor(readonly error: StoreErrorT) {}
}

/** Runs `f` with the client's console warnings passed through `redact`: the client prints connection strings, passwords included. */
const withRedactedWarnings = <A>(f: () => A): A => {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warn(...args.map((a) => (typeof a === "string" ? M.redact(a) : a)));
  try {
    return f();
  } finally {
    console.warn = warn;
  }
};

const invalid = (message: string): E.Either<StoreErrorT, never> => E.left({ _tag: "Unexpected", message });

/** Opens a client for a connection string (single node or cluster, TLS and node preference as the string says). */
export const openEsdbStore = (connectionString: string, options: EsdbOptions = {}): E.Either<StoreErrorT, EventStore> => {
  const types = options.eventTypes ?? null;
  const batch = options.batchSize ?? 1000;
  const deadlineMs = options.deadlineMs ?? M.deadlineOf(connectionString) ?? 10_000;
  const retryForMs = options.retryForMs ?? 60_000;
  if (!Number.isInteger(batch) || batch < 1) return invalid(`batchSize must be a whole number of at least 1, not ${batch}`);
  if (!(deadlineMs > 0) || !Number.isFinite(deadlineMs)) return invalid(`deadlineMs must be a positive number of milliseconds, not ${deadlineMs}`);
  if (!(retryForMs >= 0)) return invalid(`retryForMs must be zero or more milliseconds, not ${retryForMs}`);

  const normalised = M.normaliseConnectionString(connectionString);
  const unsupported = M.unsupportedOption(normalised);
  if (unsupported !== null) return invalid(`invalid connection string: ${unsupported}`);
  let client: EventStoreDBClient;
  try {
    client = withRedactedWarnings(() => EventStoreDBClient.connectionString(normalised));
  } catch (e) {
    return invalid(`invalid connection string: ${M.redact((e as Error).message)}`);
  }

  let closed = false;
  const subscriptions = new Set<Subscription>();
  const settings: CatchUp.CatchUpSettings = { types, batch, deadlineMs, retryForMs };
  const whenOpen = (): void => {
    if (closed) throw new Refused({ _tag: "Unexpected", message: "the store is closed" });
  };
  const attempt = <A>(f: () => Promise<A>, stream: string | null, expected: Parameters<typeof M.translateError>[2]): TE.TaskEither<StoreErrorT, A> =>
    TE.tryCatch(
      async () => {
        whenOpen();
        return f();
      },
      (e) => (e instanceof Refused ? e.error : M.translateError(e, stream, expected)),
    );

  /** This engine's events among what a read returned, decoded; a bad one of ours fails the whole read. */
  const decodeOwn = (recorded: Iterable<{ event?: M.Recorded | undefined }>, keep: (p: Position) => boolean, room: number): StoredEvent[] => {
    const out: StoredEvent[] = [];
    for (const r of recorded) {
      if (out.length >= room) break;
      const raw = r.event;
      if (raw === undefined || !M.isUserEvent(raw, types) || !keep(M.fromClientPosition(raw.position))) continue;
      const stored = M.toStored(raw);
      if (E.isLeft(stored)) throw new Refused(stored.left);
      out.push(stored.right);
    }
    return out;
  };

  const store: EventStore = {
    description: M.redact(connectionString),
    appendToStream: (stream, events: readonly NewEvent[], expected) =>
      attempt(
        async () => {
          const r = await withDeadline(
            client.appendToStream(stream, events.map(M.toEventData), { expectedRevision: M.toClientExpected(expected), deadline: deadlineMs }),
            deadlineMs,
            `appending to ${stream}`,
          );
          return { nextExpectedRevision: r.nextExpectedRevision, position: M.fromClientPosition(r.position) };
        },
        stream,
        expected,
      ),
    readStream: (stream) =>
      attempt(
        async () => {
          let page;
          try {
            page = await readToEnd(client.readStream(stream, { fromRevision: START }), deadlineMs, `reading ${stream}`);
          } catch (e) {
            if ((e as { type?: string }).type === "stream-not-found") return [];
            throw e;
          }
          return decodeOwn(page, () => true, Infinity);
        },
        stream,
        null,
      ),
    readAll: (from, maxCount) =>
      attempt(
        async () => {
          const refused = M.refusedStart(from);
          if (refused !== null) throw new Refused(refused);
          // The client's readAll has no server-side filter: read pages and keep this engine's events. A read from a
          // position includes the event at it, so a page asks for one more; pages are always read to their end.
          const out: StoredEvent[] = [];
          let cursor: ReadFrom = from;
          while (out.length < maxCount) {
            const ask = Math.min(batch, maxCount - out.length) + (cursor === "start" ? 0 : 1);
            const page = await readToEnd(client.readAll({ fromPosition: M.toReadPosition(cursor), maxCount: ask }), deadlineMs, "reading $all");
            const at = cursor;
            out.push(...decodeOwn(page, (p) => at === "start" || comparePositions(p, at) > 0, maxCount - out.length));
            const last = page.findLast((r) => r.event !== undefined)?.event;
            if (page.length < ask || last === undefined) break;
            cursor = M.fromClientPosition(last.position);
          }
          return out;
        },
        null,
        null,
      ),
    subscribeToAll: (from: ReadFrom, handlers: SubscriptionHandlers): Subscription => {
      const refused = closed ? ({ _tag: "Unexpected", message: "the store is closed" } as const) : M.refusedStart(from);
      if (refused !== null) {
        setImmediate(() => handlers.onError?.(refused));
        return { stop: async () => undefined };
      }
      const sub = CatchUp.subscribe(client, from, handlers, settings);
      const entry: Subscription = {
        stop: async () => {
          subscriptions.delete(entry);
          await sub.stop();
        },
      };
      subscriptions.add(entry);
      void sub.done.then(() => subscriptions.delete(entry));
      return entry;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...subscriptions].map((s) => s.stop()));
      await atMost(client.dispose(), deadlineMs);
    },
  };
  return E.right(store);
};

export type { Position };
