/**
 * The server's reconciler thread (node:worker_threads): everything slow that a slider's move needs, off the
 * server's event loop. It folds its own ledger from the log events the server forwards (in the log's order,
 * decoded with the store's codecs), builds and then extends the warm index over it (sending its rows to the
 * server, which answers /api/figures from them), and reconciles the views of slider positions (Reconciled.ts),
 * keeping the last few reconciliations. A view asked comes before the index's work, which runs in slices.
 */
import { parentPort, workerData } from "node:worker_threads";
import * as E from "fp-ts/lib/Either.js";
import { Ledger, TotalsIndex } from "@factledger/core";
import type { Reconcile } from "@factledger/core";
import { decodeStored } from "@factledger/store";
import type { StoredEvent } from "@factledger/store";
import * as R from "./Reconciled.ts";

/** What the server sends. */
export type ToThread =
  | { readonly type: "events"; readonly events: readonly StoredEvent[] }
  | { readonly type: "view"; readonly id: number; readonly ask: R.Ask }
  /** Bring the index up to the events sent so far (extended when it can be, else built). */
  | { readonly type: "index" };

/** What the thread answers. */
export type FromThread =
  | { readonly type: "view"; readonly id: number; readonly body: Uint8Array; readonly ms: number }
  | { readonly type: "view"; readonly id: number; readonly error: string }
  | { readonly type: "index"; readonly events: number; readonly how: "built" | "extended"; readonly ms: number; readonly rows: TotalsIndex.Rows }
  | { readonly type: "failed"; readonly message: string };

const port = parentPort!;
const parties = (workerData as { parties: readonly string[] }).parties;
const ledger = Ledger.initial();
let events = 0;
let failed: string | null = null;
const jobs: Array<{ id: number; ask: R.Ask }> = [];
// The last reconciliations, by position and cleared by any new event.
const reports = new Map<string, Reconcile.Report>();
const KEEP = 3;

let line: TotalsIndex.Extendable | null = null;
let indexWanted = false;
let indexing: { steps: Generator<TotalsIndex.Progress, TotalsIndex.Extendable | null, void>; how: "built" | "extended"; events: number; started: number } | null = null;

const send = (m: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

const view = (id: number, ask: R.Ask) => {
  const started = performance.now();
  try {
    if (failed !== null) throw new Error(failed);
    const key = R.reportKey(ask);
    let r = reports.get(key);
    if (r === undefined) {
      r = R.reconcile(ledger, parties, ask);
      reports.set(key, r);
      while (reports.size > KEEP) reports.delete(reports.keys().next().value!);
    }
    const body = Buffer.from(R.serialise(R.view(ledger, r, ask), ask.slim));
    const copy = new Uint8Array(body.byteLength);
    copy.set(body);
    send({ type: "view", id, body: copy, ms: performance.now() - started }, [copy.buffer as ArrayBuffer]);
  } catch (e) {
    send({ type: "view", id, error: String((e as Error)?.message ?? e).split("\n")[0]! });
  }
};

/** One slice of the index's work (about 50 ms), or the start of a build or an extension. */
const indexSlice = () => {
  if (indexing === null) {
    indexWanted = false;
    const started = performance.now();
    const ext = line?.extending(ledger) ?? null;
    indexing = ext === null ? { steps: TotalsIndex.building(ledger, parties, { extendable: true }), how: "built", events, started } : { steps: ext, how: "extended", events, started };
  }
  const slice = performance.now();
  while (performance.now() - slice < 50) {
    const r = indexing.steps.next();
    if (r.done !== true) continue;
    if (r.value === null) {
      // An event landed in the past: the line is rebuilt.
      line = null;
      indexing = { steps: TotalsIndex.building(ledger, parties, { extendable: true }), how: "built", events: indexing.events, started: indexing.started };
      continue;
    }
    line = r.value;
    const rows = line.rows();
    send({ type: "index", events: indexing.events, how: indexing.how, ms: performance.now() - indexing.started, rows }, TotalsIndex.buffersOf(rows));
    indexing = null;
    return;
  }
};

let scheduled = false;
const schedule = () => {
  if (scheduled) return;
  scheduled = true;
  setImmediate(tick);
};
const tick = () => {
  scheduled = false;
  try {
    const job = jobs.shift();
    if (job !== undefined) view(job.id, job.ask);
    else if (indexing !== null || indexWanted) indexSlice();
  } catch (e) {
    line = null;
    indexing = null;
    send({ type: "failed", message: String((e as Error)?.stack ?? e) });
  }
  if (jobs.length > 0 || indexing !== null || indexWanted) schedule();
};

port.on("message", (m: ToThread) => {
  switch (m.type) {
    case "events":
      for (const e of m.events) {
        events++;
        if (failed !== null) continue;
        const d = decodeStored(e);
        if (E.isLeft(d)) {
          failed = `event ${e.streamId}@${e.revision}: ${d.left._tag}`;
          send({ type: "failed", message: failed });
          continue;
        }
        Ledger.evolve(ledger, d.right);
      }
      reports.clear();
      return;
    case "view":
      jobs.push({ id: m.id, ask: m.ask });
      return schedule();
    case "index":
      if (failed === null) indexWanted = true;
      return schedule();
  }
});
