// Reads through the persisted projection on real files: a damaged projection, one of another log, or one
// behind the log still gives the replay's answer (rebuilt or caught up), and a writer moves it forward from
// its tip, reading only what follows.
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { makeMemoryCheckpoints, makeMemoryStore } from "@factledger/store";
import type { EventStore, ReadFrom } from "@factledger/store";
import { openLedgerProjection } from "@factledger/store-sqlite";
import type { SqliteLedgerProjection } from "@factledger/store-sqlite";
import * as App from "./App.ts";
import { countingIds, fixedClock } from "./Parts.ts";

const seeds = fileURLToPath(new URL("../../../seeds", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "facts-projection-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const open = (path: string): SqliteLedgerProjection => {
  const r = openLedgerProjection(path);
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const appOver = (store: EventStore, projection?: SqliteLedgerProjection) =>
  App.make({ store, where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds(), ...(projection === undefined ? {} : { projection }) });
const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
};
const axes = { knownAt: "2025-06-30", through: "2025-06-30" };
const replayed = async (store: EventStore) => ({ totals: right(await appOver(store).totals(axes)), claims: right(await appOver(store).claims({ knownAt: null })) });
const projected = async (store: EventStore, p: SqliteLedgerProjection) => ({ totals: right(await appOver(store, p).totals(axes)), claims: right(await appOver(store, p).claims({ knownAt: null })) });

/** A store with the seeds ingested through an app whose projection file is `path` (closed afterwards). */
const ingested = async (path: string) => {
  const store = makeMemoryStore();
  const p = open(path);
  right(await appOver(store, p).ingest([seeds], {}));
  p.close();
  return store;
};

describe("reads through the persisted projection", () => {
  it("ingest leaves the projection at the head of the log, and a read uses it as it is", async () => {
    const path = join(dir, `p${++n}.db`);
    const store = await ingested(path);
    const p = open(path);
    expect(p.discarded()).toBeNull();
    expect(p.tip()?.events).toBe(right(await store.readAll("start", 10_000)()).length);
    expect(await projected(store, p)).toEqual(await replayed(store));
    expect(p.discarded()).toBeNull();
    p.close();
  });

  it("a projection with figures of its claims changed on disk is found damaged, rebuilt from the log, and answers as the replay", async () => {
    const path = join(dir, `p${++n}.db`);
    const store = await ingested(path);
    // Bit rot inside claims' rows: the JSON stays valid, figures change (every copy in the file, live or freed).
    const bytes = readFileSync(path);
    let changed = 0;
    for (let at = bytes.indexOf('"value":'); at >= 0; at = bytes.indexOf('"value":', at + 1)) {
      const digit = at + '"value":'.length;
      if (bytes[digit]! < 0x30 || bytes[digit]! > 0x39) continue;
      bytes[digit] = bytes[digit] === 0x31 ? 0x32 : 0x31;
      changed++;
    }
    expect(changed).toBeGreaterThan(0);
    writeFileSync(path, bytes);
    const p = open(path);
    expect(await projected(store, p)).toEqual(await replayed(store));
    expect(p.discarded()).toMatch(/^damaged: .*checksum does not match/);
    p.close();
    const again = open(path);
    expect(again.discarded()).toBeNull();
    again.close();
  });

  it("a projection of another log (the store re-created in its place) is rebuilt, not caught up", async () => {
    const path = join(dir, `p${++n}.db`);
    await ingested(path);
    const other = makeMemoryStore();
    right(await appOver(other).ingest([join(seeds, "004_aed729b3b5d47801.txt"), join(seeds, "003_b12102c5caae9ef0.txt")], {}));
    const p = open(path);
    expect(await projected(other, p)).toEqual(await replayed(other));
    expect(p.discarded()).toBe("its tip is not an event of this log");
    p.close();
  });

  it("a projection of the same articles recorded again in a new store (same event ids, other recording times) is rebuilt", async () => {
    const path = join(dir, `p${++n}.db`);
    const first = makeMemoryStore({ now: () => "2026-11-22T08:00:00.000Z" });
    const p = open(path);
    right(await appOver(first, p).ingest([seeds], {}));
    p.close();
    const again = makeMemoryStore({ now: () => "2026-11-23T09:00:00.000Z" });
    right(await App.make({ store: again, where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-23T09:00:00.000Z"), ids: countingIds() }).ingest([seeds], {}));
    const q = open(path);
    expect(await projected(again, q)).toEqual(await replayed(again));
    expect(q.discarded()).toBe("its tip is not an event of this log");
    q.close();
  });

  it("an analyst's rejection moves the projection forward, reading the log only after its tip", async () => {
    const path = join(dir, `p${++n}.db`);
    const base = await ingested(path);
    const reads: ReadFrom[] = [];
    const store: EventStore = { ...base, readAll: (from, max) => (reads.push(from), base.readAll(from, max)) };
    const p = open(path);
    const tip = p.tip()!;
    const claimId = right(await appOver(store, p).claims({ knownAt: null })).claims[0]!.id;
    reads.length = 0;
    right(await appOver(store, p).analyst({ _tag: "Reject", claimId, reason: "misread", analyst: "ana" }));
    expect(reads).not.toContain("start");
    expect(reads).toContainEqual(tip.position);
    expect(p.tip()!.events).toBe(tip.events + 1);
    p.close();
    const q = open(path);
    expect(q.tip()!.events).toBe(tip.events + 1);
    expect(await projected(store, q)).toEqual(await replayed(store));
    q.close();
  });
});
