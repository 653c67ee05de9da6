/**
 * A catch-up subscription to $all that outlives a server restart: after a transient failure it resubscribes from
 * the last delivered position (the client reconnects, but does not resume a subscription), and gives up through
 * onError once failures have lasted longer than the retry window. onCaughtUp comes in order with the events, after
 * the last one stored when the subscription started, whether or not the server sends its caught-up message (servers
 * before 23.10 do not). stop() ends it promptly, wherever it is: reading, in a backoff pause, or waiting for the server.
 */
import { BACKWARDS, END, eventTypeFilter, excludeSystemEvents } from "@eventstore/db-client";
import type { AllStreamResolvedEvent, AllStreamSubscription, EventStoreDBClient, ReadPosition } from "@eventstore/db-client";
import * as E from "fp-ts/lib/Either.js";
import { comparePositions } from "@factledger/store";
import type { Position, ReadFrom, StoredEvent, StoreErrorT, Subscription, SubscriptionHandlers } from "@factledger/store";
import { atMost, DeadlinePassed, readToEnd } from "./Deadline.ts";
import * as M from "./Mapping.ts";

/** What a catch-up subscription needs from the store's options. */
export interface CatchUpSettings {
  readonly types: readonly string[] | null;
  readonly batch: number;
  readonly deadlineMs: number;
  readonly retryForMs: number;
}

// The client announces confirmation and caught-up as events, emitted while events before them may still sit in its
// output buffer. Pushed into that same buffer at the moment they are emitted, these markers come out in order.
const confirmed = Object.freeze({ marker: "confirmed" as const });
const serverCaughtUp = Object.freeze({ marker: "caught up" as const });
type Item = AllStreamResolvedEvent | typeof confirmed | typeof serverCaughtUp;

const isMarker = (x: Item): x is typeof confirmed | typeof serverCaughtUp => "marker" in x;

/** Starts a catch-up subscription from `from` (exclusive). */
export const subscribe = (client: EventStoreDBClient, from: ReadFrom, handlers: SubscriptionHandlers, settings: CatchUpSettings): Subscription & { readonly done: Promise<void> } => {
  const { types, batch, deadlineMs, retryForMs } = settings;
  const filter = types === null ? excludeSystemEvents() : eventTypeFilter({ regex: M.eventTypeRegex(types) });
  let stopped = false;
  let inHandler = false;
  let last: ReadFrom = from;
  let caughtUp = false;
  // The last of this engine's events in $all when the subscription started; "nothing" when none comes after `from`.
  let target: Position | "nothing" | null = null;
  let current: AllStreamSubscription | null = null;
  let wake: (() => void) | null = null;
  // Transient failures in a row, and since when: reset when the server confirms a subscription.
  let failures = 0;
  let failingSince: number | null = null;

  const report = (e: StoreErrorT) => {
    if (stopped) return;
    stopped = true;
    handlers.onError?.(e);
  };
  const reachCaughtUp = () => {
    if (caughtUp || stopped) return;
    caughtUp = true;
    inHandler = true;
    try {
      handlers.onCaughtUp?.();
    } finally {
      inHandler = false;
    }
  };
  const reachedTarget = (): boolean => target === "nothing" || (target !== null && last !== "start" && comparePositions(last, target) >= 0);
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = null));

  /** Reads $all backwards from its end to the last event this subscription would deliver, stopping at `after`. */
  const lastOwnEvent = async (after: ReadFrom): Promise<Position | "nothing"> => {
    let cursor: ReadPosition = END;
    for (;;) {
      const page = await readToEnd(client.readAll({ fromPosition: cursor, direction: BACKWARDS, maxCount: batch + 1 }), deadlineMs, "reading the end of $all");
      let fresh = 0;
      let oldest: Position | null = null;
      for (const r of page) {
        if (r.event === undefined) continue;
        const p = M.fromClientPosition(r.event.position);
        if (cursor !== END && comparePositions(p, cursor as Position) >= 0) continue; // a backwards read may include its start
        fresh++;
        oldest = p;
        if (after !== "start" && comparePositions(p, after) <= 0) return "nothing";
        if (M.isUserEvent(r.event, types)) return p;
      }
      if (fresh === 0 || oldest === null || page.length < batch + 1) return "nothing";
      cursor = oldest;
    }
  };

  const deliver = async (e: StoredEvent) => {
    inHandler = true;
    try {
      await handlers.onEvent(e);
    } finally {
      inHandler = false;
    }
  };

  /** Reads one subscription until it ends; returns the failure that ended it, or null when the subscription is over. */
  const once = async (): Promise<StoreErrorT | null> => {
    if (target === null) target = await lastOwnEvent(last);
    if (stopped) return null;
    const sub = client.subscribeToAll({ fromPosition: M.toReadPosition(last), filter });
    current = sub;
    sub.on("confirmation", () => sub.push(confirmed));
    sub.on("caughtUp", () => sub.push(serverCaughtUp));
    const timer = setTimeout(() => sub.destroy(new DeadlinePassed("subscribing to $all", deadlineMs)), deadlineMs);
    try {
      for await (const item of sub as AsyncIterable<Item>) {
        if (stopped) return null;
        if (isMarker(item)) {
          if (item === confirmed) {
            clearTimeout(timer);
            failingSince = null;
            failures = 0;
            if (reachedTarget()) reachCaughtUp();
          } else reachCaughtUp();
          continue;
        }
        const raw = item.event;
        if (raw === undefined) continue;
        const position = M.fromClientPosition(raw.position);
        if (last !== "start" && comparePositions(position, last) <= 0) continue; // already delivered before a resubscription
        if (!M.isUserEvent(raw, types)) continue;
        const stored = M.toStored(raw);
        if (E.isLeft(stored)) {
          report(stored.left);
          return null;
        }
        await deliver(stored.right);
        if (stopped) return null;
        last = stored.right.position;
        if (reachedTarget()) reachCaughtUp();
      }
      return stopped ? null : { _tag: "Unavailable", message: "the server ended the subscription" };
    } finally {
      clearTimeout(timer);
      current = null;
      sub.destroy();
      await atMost(sub.unsubscribe(), deadlineMs);
    }
  };

  const run = async (): Promise<void> => {
    while (!stopped) {
      let failure: StoreErrorT | null;
      try {
        failure = await once();
      } catch (e) {
        failure = M.translateError(e, null, null);
      }
      if (failure === null || stopped) return;
      if (!M.isTransient(failure)) return report(failure);
      failingSince ??= Date.now();
      if (Date.now() - failingSince >= retryForMs) return report(failure);
      await pause(M.backoffMs(failures++));
    }
  };
  const done = run();

  return {
    done,
    stop: async () => {
      stopped = true;
      wake?.();
      const sub = current;
      if (sub !== null) {
        sub.destroy();
        await atMost(sub.unsubscribe(), deadlineMs);
      }
      // From inside a handler the loop is waiting for that handler: it ends as soon as the handler returns.
      if (!inHandler) await atMost(done, deadlineMs);
    },
  };
};
