/**
 * The log outside the engine (`facts export`, `facts import`): newline-
 * delimited JSON, one event a line in position order with its hash, so that
 * an archive can be kept anywhere and checked with the chain's formula alone
 * (docs/events.md). Reading an archive checks every line (shape, positions
 * 1..n, revisions per stream, unique ids, the chain, the codecs) before a
 * store is touched; the restore is one transaction into an empty store.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import * as E from "fp-ts/lib/Either.js";
import * as t from "io-ts";
import { LogChain } from "@factledger/store";
import type { ChainedRecord } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { Parts } from "./Parts.ts";
import { chainOf, decodeProblem, sha256 } from "./Verify.ts";

/** One line of an archive. `data` and `metadata` are JSON values; the hash is over their compact JSON text. */
export const ArchivedEvent = t.type({
  position: t.number,
  streamId: t.string,
  revision: t.number,
  eventId: t.string,
  type: t.string,
  data: t.unknown,
  metadata: t.UnknownRecord,
  recordedAt: t.string,
  hash: t.string,
});
export type ArchivedEvent = t.TypeOf<typeof ArchivedEvent>;

/** What an export or import did: how many events, and the head of the chain. */
export interface Archived {
  readonly events: number;
  readonly head: { readonly position: number; readonly hash: string } | null;
}

/** One record as an archive line (no newline). */
export const line = (r: ChainedRecord): string =>
  JSON.stringify({
    position: Number(r.position),
    streamId: r.streamId,
    revision: Number(r.revision),
    eventId: r.eventId,
    type: r.type,
    data: JSON.parse(r.data) as unknown,
    metadata: JSON.parse(r.metadata) as unknown,
    recordedAt: r.recordedAt,
    hash: r.hash,
  } satisfies Record<keyof ArchivedEvent, unknown>);

/** Writes the whole log, a line per event, through `write` (awaited: the reader may be slower). */
export const exportLog = async (parts: Parts, write: (chunk: string) => Promise<void>, pageSize = 4096): Promise<Archived> => {
  const chain = chainOf(parts, "export");
  let events = 0;
  let head: Archived["head"] = null;
  for (let after = 0n; ; ) {
    const page = await chain.readRecords(after, pageSize)();
    if (E.isLeft(page)) return Err.fail(Err.storeFailed(parts.where)(page.left));
    const lines: string[] = [];
    for (const r of page.right) {
      try {
        lines.push(line(r));
      } catch (e) {
        return Err.fail(Err.storeFailed(parts.where)({ _tag: "Corrupt", message: `position ${r.position}: its data or metadata is not JSON (${e instanceof Error ? e.message : String(e)}); run facts verify` }));
      }
      head = { position: Number(r.position), hash: r.hash ?? "" };
    }
    events += page.right.length;
    if (lines.length > 0) await write(lines.join("\n") + "\n");
    if (page.right.length < pageSize) break;
    after = page.right.at(-1)!.position;
  }
  return { events, head };
};

/** Exports into a file: written beside it and renamed into place, so a failed export leaves no partial archive. */
export const exportToFile = async (parts: Parts, path: string): Promise<Archived> => {
  const partial = `${path}.partial-${randomBytes(4).toString("hex")}`;
  const failWith = (e: unknown): never => {
    rmSync(partial, { force: true });
    const code = (e as { code?: string } | null)?.code;
    return Err.fail(Err.invalidArgument("--out", `${path}: cannot write the archive (${code ?? (e instanceof Error ? e.message : String(e))}); nothing was written`));
  };
  let fd: number;
  try {
    fd = openSync(partial, "wx");
  } catch (e) {
    return failWith(e);
  }
  let done: Archived;
  try {
    done = await exportLog(parts, async (chunk) => {
      try {
        writeSync(fd, chunk);
      } catch (e) {
        failWith(e);
      }
    });
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    if (e instanceof Err.Failure) {
      rmSync(partial, { force: true });
      throw e;
    }
    return failWith(e);
  }
  try {
    renameSync(partial, path);
  } catch (e) {
    return failWith(e);
  }
  return done;
};

/** Reads and checks an archive; fails naming the file and the first bad line. Touches no store. */
export const readArchive = (path: string): { readonly records: readonly ChainedRecord[]; readonly head: Archived["head"] } => {
  const bad = (lineNo: number | null, reason: string): never =>
    Err.fail({ _tag: "UnreadableFile", path, reason: `${lineNo === null ? "" : `line ${lineNo}: `}${reason}; nothing was imported` });
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(path));
  } catch (e) {
    const code = (e as { code?: string } | null)?.code;
    return bad(null, code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not an archive" : code !== undefined ? `cannot read it (${code})` : "is not UTF-8 text");
  }
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const check = LogChain.check(sha256);
  const records: ChainedRecord[] = [];
  const ids = new Set<string>();
  const revisions = new Map<string, bigint>();
  let previous: { position: bigint; hash: string } | null = null;
  lines.forEach((raw, i) => {
    const n = i + 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      bad(n, "not a JSON line");
    }
    const decoded = ArchivedEvent.decode(parsed);
    if (E.isLeft(decoded) || !("data" in (parsed as object))) return bad(n, "not an archived event (position, streamId, revision, eventId, type, data, metadata, recordedAt, hash)");
    const a = decoded.right;
    if (!Number.isSafeInteger(a.position) || !Number.isSafeInteger(a.revision) || a.revision < 0) bad(n, "position and revision must be whole numbers");
    const r: ChainedRecord = {
      position: BigInt(a.position),
      streamId: a.streamId,
      revision: BigInt(a.revision),
      eventId: a.eventId,
      type: a.type,
      data: JSON.stringify(a.data),
      metadata: JSON.stringify(a.metadata),
      recordedAt: a.recordedAt,
      hash: a.hash,
    };
    const broken = check(previous, r);
    if (broken !== null) bad(n, `position ${a.position}: ${broken}`);
    const expectedRevision = (revisions.get(r.streamId) ?? -1n) + 1n;
    if (r.revision !== expectedRevision) bad(n, `stream ${r.streamId} revision ${r.revision} follows revision ${expectedRevision - 1n}`);
    if (ids.has(r.eventId)) bad(n, `event id ${r.eventId} appears twice`);
    const undecodable = decodeProblem(r);
    if (undecodable !== null) bad(n, `position ${a.position}: ${undecodable}`);
    ids.add(r.eventId);
    revisions.set(r.streamId, r.revision);
    records.push(r);
    previous = { position: r.position, hash: a.hash };
  });
  const last = records.at(-1);
  return { records, head: last === undefined ? null : { position: Number(last.position), hash: last.hash! } };
};

/** Restores checked records into the parts' store, which must be empty: all of them in one transaction, or none. */
export const importLog = async (parts: Parts, archive: ReturnType<typeof readArchive>): Promise<Archived> => {
  const chain = chainOf(parts, "import");
  const held = await parts.store.readAll("start", 1)();
  if (E.isLeft(held)) return Err.fail(Err.storeFailed(parts.where)(held.left));
  if (held.right.length > 0) return Err.fail(Err.invalidArgument("--store", `${parts.where} already holds events; import rebuilds a log only into a new, empty store; nothing was imported`));
  const r = await chain.restore(archive.records)();
  if (E.isLeft(r)) return Err.fail(Err.storeFailed(parts.where)(r.left));
  return { events: r.right, head: archive.head };
};
