/**
 * Deadlines for the client's calls. The 6.x client gives reads, subscriptions and batch appends an infinite gRPC
 * deadline whatever the options say, so the adapter keeps its own clock: a read fails when the server sends nothing
 * for the deadline, an append when no answer comes in time. A read is always run to its end or cancelled, never left
 * open on the server (the client pipes it into a stream that only `cancel()` ends).
 */
import type { StreamingRead } from "@eventstore/db-client";

/** A deadline that passed, shaped like the client's own DeadlineExceededError so that one translation covers both. */
export class DeadlinePassed extends Error {
  readonly type = "deadline-exceeded";
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the server within ${ms} ms`);
  }
}

/** Settles as `p` does, or rejects with `DeadlinePassed` after `ms`; a late outcome of `p` is ignored. */
export const withDeadline = <A>(p: Promise<A>, ms: number, what: string): Promise<A> => {
  let timer: NodeJS.Timeout | undefined;
  p.catch(() => undefined);
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new DeadlinePassed(what, ms)), ms)))]).finally(() => clearTimeout(timer));
};

/** Waits for `p` at most `ms`, and never fails: for clean-up that must not hang (cancelling, disposing). */
export const atMost = async (p: Promise<unknown>, ms: number): Promise<void> => {
  await withDeadline(p, ms, "clean-up").catch(() => undefined);
};

/**
 * Reads a client read to its end and returns everything it sent. Fails when the server sends nothing for `ms`;
 * on any failure the gRPC read is cancelled so that it does not stay open on the server.
 */
export const readToEnd = async <A>(read: StreamingRead<A>, ms: number, what: string): Promise<A[]> => {
  const out: A[] = [];
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => read.destroy(new DeadlinePassed(what, ms)), ms);
  };
  arm();
  try {
    for await (const x of read) {
      out.push(x as A);
      arm();
    }
    return out;
  } catch (e) {
    await atMost(read.cancel(), ms);
    throw e;
  } finally {
    clearTimeout(timer);
  }
};
