// Every read command answers from the persisted ledger projection exactly as from a full replay of the
// log: on random histories (articles, wire copies, manual claims, re-extractions, datings, corrections
// and rejections), with the projection built by a reader or moved forward by a writer, reopened from its
// file, and caught up from its tip after more of the log was appended.
import { afterAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import type { LedgerEvent } from "@factledger/core";
import { richHistory } from "@factledger/core/testing";
import { ExpectedRevision, makeMemoryCheckpoints, makeMemoryStore, readLedger } from "@factledger/store";
import type { EventStore } from "@factledger/store";
import { openLedgerProjection } from "@factledger/store-sqlite";
import * as App from "./App.ts";
import { countingIds, fixedClock } from "./Parts.ts";
import type { Parts } from "./Parts.ts";
import * as PersistedLedger from "./PersistedLedger.ts";

const dir = mkdtempSync(join(tmpdir(), "facts-projection-prop-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const streamOf = (e: LedgerEvent): string =>
  e.type === "ClaimCorrected" || e.type === "ClaimRejected" ? `analyst-${e.claimId}` : e.type === "ClaimReported" && e.articleId === null ? `analyst-${e.claimId}` : `article-${"articleId" in e ? e.articleId : "x"}`;
const appendAll = async (store: EventStore, events: readonly LedgerEvent[]): Promise<void> => {
  for (const e of events) {
    const r = await store.appendToStream(streamOf(e), [{ eventId: `e-${++n}`, type: e.type, data: e, metadata: { correlationId: null, causationId: null } }], ExpectedRevision.Any)();
    if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  }
};

const partsOf = (store: EventStore, projection?: Parts["projection"]): Parts => ({
  store,
  where: "memory",
  checkpoints: makeMemoryCheckpoints(),
  clock: fixedClock("2025-06-20T12:00:00.000Z"),
  ids: countingIds(),
  ...(projection === undefined ? {} : { projection }),
});

const days = ["2025-06-01", "2025-06-03", "2025-06-05", "2025-06-08", "2025-06-12", "2025-06-14", "2025-06-20"];
const metrics = ["prisoners_returned", "soldiers_returned", "bodies_returned", "held_captive"];
const directions = ["to_ukraine", "to_russia", "each_side"];

/** Every read command's answer (or error) on a few pairs of days, as JSON. */
const answers = async (parts: Parts, pick: { knownAt: string; through: string; metric: string; direction: string }) => {
  const app = App.make(parts);
  const a = { knownAt: pick.knownAt, through: pick.through };
  const q = { metric: pick.metric, direction: pick.direction, knownAt: pick.knownAt, through: pick.through };
  const all = { metric: pick.metric, direction: pick.direction, knownAt: null, through: null };
  return JSON.parse(
    JSON.stringify({
      totals: await app.totals(a),
      discrepancies: await app.discrepancies(a),
      report: await app.report(a),
      audit: await app.audit(q),
      auditAll: await app.audit(all),
      timeline: await app.timeline(q),
      claims: await app.claims({ knownAt: pick.knownAt, through: pick.through }),
      claimsAll: await app.claims({ knownAt: null }),
      claimsOf: await app.claims({ metric: pick.metric, knownAt: null }),
    }),
  ) as unknown;
};

/** A ledger as JSON, maps in their insertion order (the order the fold first made each entry). */
const ledgerJson = (l: { articles: Map<string, unknown>; claims: Map<string, unknown>; amendments: Map<string, unknown>; events: number }) =>
  JSON.parse(JSON.stringify({ articles: [...l.articles], claims: [...l.claims], amendments: [...l.amendments], events: l.events })) as unknown;

const pick = fc.record({ knownAt: fc.constantFrom(...days), through: fc.constantFrom(...days), metric: fc.constantFrom(...metrics), direction: fc.constantFrom(...directions) });

describe("the persisted ledger projection", () => {
  it("every query answers from the projection as from a full replay, whether a reader or a writer kept it, after a reopen and a catch-up", async () => {
    await fc.assert(
      fc.asyncProperty(richHistory, fc.nat(), fc.constantFrom("reader" as const, "writer" as const), fc.constantFrom("reader" as const, "writer" as const), pick, async (events, cut, first, second, p) => {
        const store = makeMemoryStore();
        const path = join(dir, `p${++n}.db`);
        const k = cut % (events.length + 1);
        await appendAll(store, events.slice(0, k));
        const p1 = openLedgerProjection(path);
        if (E.isLeft(p1)) throw new Error(JSON.stringify(p1.left));
        if (first === "reader") await PersistedLedger.current(partsOf(store, p1.right));
        else await PersistedLedger.advance(partsOf(store, p1.right));
        p1.right.close();
        await appendAll(store, events.slice(k));
        const p2 = openLedgerProjection(path);
        if (E.isLeft(p2)) throw new Error(JSON.stringify(p2.left));
        // The file was kept: what it held is used, not rebuilt.
        expect(p2.right.discarded()).toBeNull();
        if (second === "writer") await PersistedLedger.advance(partsOf(store, p2.right));
        const replayed = await readLedger(store)();
        if (E.isLeft(replayed)) throw new Error(JSON.stringify(replayed.left));
        expect(ledgerJson(await PersistedLedger.current(partsOf(store, p2.right)))).toEqual(ledgerJson(replayed.right));
        expect(await answers(partsOf(store, p2.right), p)).toEqual(await answers(partsOf(store), p));
        expect(p2.right.tip()?.events).toBe(events.length);
        p2.right.close();
        rmSync(path, { force: true });
        rmSync(`${path}-wal`, { force: true });
        rmSync(`${path}-shm`, { force: true });
      }),
    );
  }, 300_000);
});
