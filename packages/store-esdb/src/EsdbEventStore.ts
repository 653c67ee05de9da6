/**
 * The EventStoreDB / KurrentDB adapter of the store port, over the official
 * Node client. Appends carry our deterministic event ids and the expected
 * revision, so a retried append is not duplicated and ingest stays
 * idempotent across many ingesters. Catch-up subscriptions resume from the
 * last delivered position when the connection drops, with backoff.
 */
import { eventTypeFilter, EventStoreDBClient, excludeSystemEvents, START } from "@eventstore/db-client";
import type { AllStreamResolvedEvent, ReadPosition } from "@eventstore/db-client";
import * as E from "fp-ts/lib/Either.js";
import * as TE from "fp-ts/lib/TaskEither.js";
import { comparePositions } from "@factledger/store";
import type { EventStore, NewEvent, Position, ReadFrom, StoredEvent, StoreErrorT, Subscription, SubscriptionHandlers, ExpectedRevisionT } from "@factledger/store";
import * as M from "./Mapping.ts";

/** Options of the adapter. */
export interface EsdbOptions {
  /** Only these event types are read from $all and subscribed to (server-side filter); null: every non-system event. */
  readonly eventTypes?: readonly string[] | null;
  /** Events read per server round trip when reading $all. Default 1000. */
  readonly batchSize?: number;
}

/** Opens a client for a connection string (single node or cluster, TLS and node preference as the string says). */
export const openEsdbStore = (connectionString: string, options: EsdbOptions = {}): E.Either<StoreErrorT, EventStore> => {
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(M.normaliseConnectionString(connectionString));
  } catch (e) {
    return E.left({ _tag: "Unexpected", message: `invalid connection string: ${(e as Error).message}` });
  }
  const types = options.eventTypes ?? null;
  const batch = options.batchSize ?? 1000;

  const attempt = <A>(f: () => Promise<A>, stream: string | null, expected: ExpectedRevisionT | null): TE.TaskEither<StoreErrorT, A> =>
    TE.tryCatch(f, (e) => M.translateError(e, stream, expected));

  const after = (e: StoredEvent, from: ReadFrom): boolean => from === "start" || comparePositions(e.position, from) > 0;

  const store: EventStore = {
    description: connectionString.replace(/\/\/[^@/]*@/, "//***@"),
    appendToStream: (stream, events: readonly NewEvent[], expected) =>
      attempt(
        async () => {
          const r = await client.appendToStream(stream, events.map(M.toEventData), { expectedRevision: M.toClientExpected(expected) });
          return { nextExpectedRevision: r.nextExpectedRevision, position: r.position === undefined ? { commit: -1n, prepare: -1n } : { commit: r.position.commit, prepare: r.position.prepare } };
        },
        stream,
        expected,
      ),
    readStream: (stream) =>
      attempt(
        async () => {
          const out: StoredEvent[] = [];
          try {
            for await (const r of client.readStream(stream, { fromRevision: START })) if (r.event !== undefined) out.push(M.toStored(r.event));
          } catch (e) {
            if ((e as { type?: string }).type === "stream-not-found") return out;
            throw e;
          }
          return out;
        },
        stream,
        null,
      ),
    readAll: (from, maxCount) =>
      attempt(
        async () => {
          // The client's readAll has no server-side filter: read pages and keep this engine's events.
          const out: StoredEvent[] = [];
          let position: ReadPosition = M.toReadPosition(from);
          for (;;) {
            let seen = 0;
            let last: StoredEvent | undefined;
            for await (const r of client.readAll({ fromPosition: position, maxCount: batch })) {
              seen++;
              if (r.event === undefined) continue;
              const e = M.toStored(r.event);
              last = e;
              if (!after(e, from) || !M.isUserEvent(e, types)) continue;
              out.push(e);
              if (out.length >= maxCount) return out;
            }
            if (seen < batch || last === undefined) return out;
            position = M.toClientPosition(last.position);
            from = last.position;
          }
        },
        null,
        null,
      ),
    subscribeToAll: (from, handlers: SubscriptionHandlers): Subscription => {
      let stopped = false;
      let lastPosition: ReadFrom = from;
      let caughtUp = false;
      let current: { unsubscribe: () => Promise<void> } | null = null;
      const filter = types === null ? excludeSystemEvents() : eventTypeFilter({ regex: M.eventTypeRegex(types) });
      const run = async (): Promise<void> => {
        let failures = 0;
        while (!stopped) {
          const sub = client.subscribeToAll({ fromPosition: M.toReadPosition(lastPosition), filter });
          current = sub;
          sub.on("caughtUp", () => {
            if (!caughtUp) {
              caughtUp = true;
              handlers.onCaughtUp?.();
            }
          });
          try {
            for await (const r of sub as AsyncIterable<AllStreamResolvedEvent>) {
              if (stopped) break;
              if (r.event === undefined) continue;
              const e = M.toStored(r.event);
              if (!after(e, lastPosition) || !M.isUserEvent(e, types)) continue;
              await handlers.onEvent(e);
              lastPosition = e.position;
              failures = 0;
            }
            if (stopped) return;
          } catch (e) {
            if (stopped) return;
            const err = M.translateError(e, null, null);
            if (!M.isTransient(err)) {
              handlers.onError?.(err);
              return;
            }
            // The client reconnects, but does not resume a dropped catch-up subscription: resubscribe from the last position.
            await new Promise((r) => setTimeout(r, M.backoffMs(failures++)));
          }
        }
      };
      const done = run();
      return {
        stop: async () => {
          stopped = true;
          await current?.unsubscribe().catch(() => undefined);
          await done.catch(() => undefined);
        },
      };
    },
    close: async () => {
      await client.dispose();
    },
  };
  return E.right(store);
};

export type { Position };
