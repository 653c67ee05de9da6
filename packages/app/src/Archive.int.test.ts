// The streaming import of an archive: read in chunks of any size (lines spanning chunks, a chunk of a
// few bytes), it rebuilds the same log; a bad line anywhere, the last one included, a repeated event id
// and bytes that are not UTF-8 are refused naming the line, and the store holds nothing afterwards.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { LogChain, makeMemoryCheckpoints } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import type { SqliteEventStore } from "@factledger/store-sqlite";
import { createHash } from "node:crypto";
import * as App from "./App.ts";
import * as Archive from "./Archive.ts";
import { countingIds, fixedClock } from "./Parts.ts";

const seeds = fileURLToPath(new URL("../../../seeds", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "facts-archive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (): SqliteEventStore => {
  const s = openSqliteStore(join(dir, `s${++n}.db`));
  if (E.isLeft(s)) throw new Error(s.left._tag);
  return s.right;
};
const appOver = (store: SqliteEventStore) => App.make({ store, where: store.path, checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });
const exported = async (store: SqliteEventStore): Promise<string> => {
  let text = "";
  const r = await appOver(store).exportLog({ write: async (c) => void (text += c) });
  if (E.isLeft(r)) throw new Error(r.left._tag);
  return text;
};
const count = (s: SqliteEventStore): number => s.db.prepare("SELECT count(*) FROM events").pluck().get() as number;
const sha256 = (x: string) => createHash("sha256").update(x, "utf8").digest("hex");

/** Imports `text` (written to a file) into a new store; the store and the answer. */
const importText = async (text: string | Buffer, chunkBytes?: number) => {
  const file = join(dir, `a${++n}.ndjson`);
  writeFileSync(file, text);
  const store = fresh();
  const archive = Archive.openArchive(file, chunkBytes === undefined ? {} : { chunkBytes });
  const r = await appOver(store).importLog(archive);
  archive.close();
  return { store, r, file };
};

const source = fresh();
const ingested = appOver(source).ingest([seeds], {});

describe("a streamed import", () => {
  it("rebuilds the same log whatever the chunk size, lines spanning chunks included", async () => {
    expect(E.isRight(await ingested)).toBe(true);
    const text = await exported(source);
    const lines = text.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(30);
    const longest = Math.max(...lines.map((l) => l.length));
    // Chunks smaller than a line, about a line, a few lines, and larger than the file.
    for (const chunk of [7, 100, longest - 1, longest + 1, 3 * longest, 1 << 20]) {
      const { store, r } = await importText(text, chunk);
      expect(r).toEqual(E.right({ events: lines.length, head: { position: lines.length, hash: JSON.parse(lines.at(-1)!).hash } }));
      expect(await exported(store)).toBe(text);
      await store.close();
    }
    // A file without its last newline, and one opening with a byte order mark, read the same.
    const noNewline = await importText(text.trimEnd(), 64);
    expect(E.isRight(noNewline.r) && noNewline.r.right.events).toBe(lines.length);
    const bom = await importText(`\uFEFF${text}`, 5);
    expect(E.isRight(bom.r) && bom.r.right.events).toBe(lines.length);
  });

  it("refuses a bad last line after every other line was written, and the transaction leaves the store empty", async () => {
    await ingested;
    const lines = (await exported(source)).trimEnd().split("\n");
    const last = JSON.parse(lines.at(-1)!) as { recordedAt: string };
    const edited = [...lines.slice(0, -1), JSON.stringify({ ...last, recordedAt: "2020-01-01T00:00:00.000Z" })].join("\n") + "\n";
    const { store, r, file } = await importText(edited, 64);
    expect(r).toEqual(
      E.left({ _tag: "UnreadableFile", path: file, reason: `line ${lines.length}: position ${lines.length}: the stored hash does not match the event's content and the previous hash (the event was edited after it was written); nothing was imported` }),
    );
    expect(count(store)).toBe(0);
    // The store still takes an import (the refusal left no half of one behind).
    const again = await appOver(store).importLog(writeAndOpen(lines.join("\n") + "\n"));
    expect(E.isRight(again) && again.right.events).toBe(lines.length);
    await store.close();
  });

  it("into a store that already holds exactly the archive's log (a killed import run again) writes nothing and says so; any other log is refused", async () => {
    await ingested;
    const text = await exported(source);
    const lines = text.trimEnd().split("\n");
    const { store, r } = await importText(text);
    expect(E.isRight(r)).toBe(true);
    const again = await appOver(store).importLog(writeAndOpen(text));
    expect(again).toEqual(E.right({ events: 0, head: { position: lines.length, hash: JSON.parse(lines.at(-1)!).hash }, alreadyHeld: lines.length }));
    expect(count(store)).toBe(lines.length);
    // The store holds more than the archive, or less: refused, the store unchanged.
    const refused = { _tag: "InvalidArgument", argument: "--store" };
    expect(await appOver(store).importLog(writeAndOpen(lines.slice(0, -1).join("\n") + "\n"))).toMatchObject(E.left(refused));
    const prefix = await importText(lines.slice(0, 10).join("\n") + "\n");
    expect(await appOver(prefix.store).importLog(writeAndOpen(text))).toMatchObject(E.left(refused));
    expect(count(prefix.store)).toBe(10);
    // A bad archive is still named by its line when the store is full.
    const cut = await appOver(store).importLog(writeAndOpen(text.slice(0, -30)));
    expect(E.isLeft(cut) && cut.left._tag).toBe("UnreadableFile");
    expect(await exported(store)).toBe(text);
    await store.close();
    await prefix.store.close();
  });

  it("refuses an event id that appears twice (with a chain recomputed around it), naming the line", async () => {
    await ingested;
    const lines = (await exported(source)).trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown> & { hash: string; eventId: string });
    // Line 3 takes line 1's event id; the chain is made whole again from there, as a forger would.
    lines[2] = { ...lines[2]!, eventId: lines[0]!.eventId };
    let previous = lines[1]!.hash;
    for (const a of lines.slice(2)) {
      a.hash = LogChain.link(sha256)(previous, {
        position: BigInt(a["position"] as number),
        streamId: a["streamId"] as string,
        revision: BigInt(a["revision"] as number),
        eventId: a.eventId,
        type: a["type"] as string,
        data: JSON.stringify(a["data"]),
        metadata: JSON.stringify(a["metadata"]),
        recordedAt: a["recordedAt"] as string,
      });
      previous = a.hash;
    }
    const { store, r, file } = await importText(lines.map((l) => JSON.stringify(l)).join("\n") + "\n", 100);
    expect(r).toEqual(E.left({ _tag: "UnreadableFile", path: file, reason: `line 3: event id ${lines[0]!.eventId} appears twice; nothing was imported` }));
    expect(count(store)).toBe(0);
    await store.close();
  });

  it("names the line whose bytes are not UTF-8, and a file that cannot be opened", async () => {
    await ingested;
    const lines = (await exported(source)).trimEnd().split("\n");
    const bytes = Buffer.concat([Buffer.from(`${lines[0]}\n${lines[1]}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(`${lines[2]}\n`)]);
    const { store, r, file } = await importText(bytes, 16);
    expect(r).toEqual(E.left({ _tag: "UnreadableFile", path: file, reason: "line 3: is not UTF-8 text; nothing was imported" }));
    expect(count(store)).toBe(0);
    await store.close();
    const failure = (path: string) => {
      try {
        Archive.openArchive(path);
      } catch (e) {
        return (e as { error?: unknown }).error;
      }
      return "opened";
    };
    expect(failure(join(dir, "missing.ndjson"))).toEqual({ _tag: "UnreadableFile", path: join(dir, "missing.ndjson"), reason: "no such file; nothing was imported" });
    expect(failure(dir)).toEqual({ _tag: "UnreadableFile", path: dir, reason: "is a directory, not an archive; nothing was imported" });
  });
});

const writeAndOpen = (text: string): Archive.ArchiveReader => {
  const file = join(dir, `w${++n}.ndjson`);
  writeFileSync(file, text);
  return Archive.openArchive(file);
};

describe("an export to a file", () => {
  it("removes the partial files of killed exports to the same file (this host, process gone), and keeps a running writer's and another host's", async () => {
    await ingested;
    const folder = join(dir, "exports");
    mkdirSync(folder);
    const out = join(folder, "log.ndjson");
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const dead = `log.ndjson.partial-${hostname()}-${gone}-0badc0de`;
    const live = `log.ndjson.partial-${hostname()}-${process.ppid}-00c0ffee`;
    const foreign = `log.ndjson.partial-elsewhere.example-${gone}-0badc0de`;
    const other = `other.ndjson.partial-${hostname()}-${gone}-0badc0de`;
    for (const f of [dead, live, foreign, other]) writeFileSync(join(folder, f), "{");
    const r = await appOver(source).exportLog({ out });
    expect(E.isRight(r)).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(["log.ndjson", live, foreign, other].sort());
  });
});
