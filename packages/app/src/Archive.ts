/**
 * The log outside the engine (`facts export`, `facts import`): newline-
 * delimited JSON, one event a line in position order with its hash, so that
 * an archive can be kept anywhere and checked with the chain's formula alone
 * (docs/events.md). An import reads the archive a line at a time and checks
 * each line (shape, positions 1..n, revisions per stream, unique ids, the
 * chain, the codecs) as it writes it, in one transaction into an empty store:
 * a file that fails anywhere leaves nothing, and memory does not grow with it.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fstatSync, fsyncSync, openSync, readSync, readdirSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
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
  /** For an import into a store that already held exactly this archive's log: how many events it held (none were written). */
  readonly alreadyHeld?: number;
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

/** Whether a process of this machine is running (it may be another user's). */
const running = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
};

/**
 * Removes the partial files that earlier exports to `path` left when they were killed: each is named by
 * its writer's host and process id, and only those of this host whose process is gone are removed (an
 * export running meanwhile keeps its own).
 */
const removeStalePartials = (path: string, prefix: string): void => {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return; // the folder's absence is reported when the partial file is made
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length))?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !running(pid)) rmSync(join(dirname(path), name), { force: true });
  }
};

/**
 * Exports into a file: written beside it and renamed into place, so a failed export leaves no partial
 * archive; a killed one leaves its partial file, which the next export to the same file removes.
 */
export const exportToFile = async (parts: Parts, path: string): Promise<Archived> => {
  const prefix = `${basename(path)}.partial-${hostname()}-`;
  const partial = join(dirname(path), `${prefix}${process.pid}-${randomBytes(4).toString("hex")}`);
  const failWith = (e: unknown): never => {
    rmSync(partial, { force: true });
    const code = (e as { code?: string } | null)?.code;
    return Err.fail(Err.invalidArgument("--out", `${path}: cannot write the archive (${code ?? (e instanceof Error ? e.message : String(e))}); nothing was written`));
  };
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) return Err.fail(Err.invalidArgument("--out", `${path}: is a folder, not a file; nothing was written`));
  removeStalePartials(path, prefix);
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

/** The bytes read from an archive at a time; a line may span any number of them. */
const CHUNK = 1 << 20;

/**
 * An archive opened for import: `records()` reads it line by line (a chunk of the file at a time, never
 * the whole file), checks each line as it goes and yields its record; at the first bad line it throws,
 * naming the file and the line. The records are read once: the file is closed when they end (or fail).
 * `head` and `line` are what has been read so far.
 */
export interface ArchiveReader {
  readonly path: string;
  readonly records: () => Generator<ChainedRecord, void, undefined>;
  /** The last record read (the head of the chain once `records()` is exhausted). */
  readonly head: () => Archived["head"];
  /** The number of the line last read (1-based; 0 before the first). */
  readonly line: () => number;
  /** Fails naming the file and the line last read. */
  readonly bad: (reason: string) => never;
  readonly close: () => void;
}

const unreadable = (path: string, lineNo: number | null, reason: string): never =>
  Err.fail({ _tag: "UnreadableFile", path, reason: `${lineNo === null ? "" : `line ${lineNo}: `}${reason}; nothing was imported` });

const whyUnreadable = (e: unknown): string => {
  const code = (e as { code?: string } | null)?.code;
  return code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory, not an archive" : `cannot read it (${code ?? (e instanceof Error ? e.message : String(e))})`;
};

/**
 * The lines of an open file, as bytes without their newline (the last one may lack its newline). A line
 * may be a view of the read buffer: it is valid until the next line is asked for.
 */
function* linesOf(fd: number, path: string, chunkBytes: number): Generator<Buffer, void, undefined> {
  const buf = Buffer.allocUnsafe(chunkBytes);
  let pending: Buffer[] = [];
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, chunkBytes, null);
    } catch (e) {
      return unreadable(path, null, whyUnreadable(e));
    }
    if (n === 0) break;
    const chunk = buf.subarray(0, n);
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      yield pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      from = nl + 1;
    }
    // The rest of the chunk starts a line the next chunk ends: copied, since the buffer is reused.
    if (from < n) pending.push(Buffer.from(chunk.subarray(from)));
  }
  if (pending.length > 0) yield Buffer.concat(pending);
}

/**
 * Opens an archive for import; fails naming the file when it cannot be opened. Touches no store.
 * Each line is checked in turn: its shape, positions 1..n, revisions per stream, the hash chain and
 * the codecs. Event ids are unique in the store, which refuses a second one (`importLog` names its line).
 */
export const openArchive = (path: string, options: { readonly chunkBytes?: number } = {}): ArchiveReader => {
  const chunkBytes = options.chunkBytes ?? CHUNK;
  let fd: number | null;
  try {
    fd = openSync(path, "r");
    if (fstatSync(fd).isDirectory()) {
      closeSync(fd);
      throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
    }
  } catch (e) {
    return unreadable(path, null, whyUnreadable(e));
  }
  let lineNo = 0;
  let previous: { position: bigint; hash: string } | null = null;
  const bad = (reason: string): never => unreadable(path, lineNo, reason);
  const close = (): void => {
    if (fd === null) return;
    closeSync(fd);
    fd = null;
  };
  function* records(): Generator<ChainedRecord, void, undefined> {
    if (fd === null) throw new Error(`${path}: the archive was closed`);
    const check = LogChain.check(sha256);
    // A byte order mark is dropped at the start of the file only (as a whole-file decode did).
    const first = new TextDecoder("utf-8", { fatal: true });
    const rest = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    const revisions = new Map<string, bigint>();
    try {
      for (const bytes of linesOf(fd, path, chunkBytes)) {
        lineNo += 1;
        let raw: string;
        try {
          raw = (lineNo === 1 ? first : rest).decode(bytes);
        } catch {
          return bad("is not UTF-8 text");
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          return bad("not a JSON line");
        }
        const decoded = ArchivedEvent.decode(parsed);
        if (E.isLeft(decoded) || !("data" in (parsed as object))) return bad("not an archived event (position, streamId, revision, eventId, type, data, metadata, recordedAt, hash)");
        const a = decoded.right;
        if (!Number.isSafeInteger(a.position) || !Number.isSafeInteger(a.revision) || a.revision < 0) bad("position and revision must be whole numbers");
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
        if (broken !== null) bad(`position ${a.position}: ${broken}`);
        const expectedRevision = (revisions.get(r.streamId) ?? -1n) + 1n;
        if (r.revision !== expectedRevision) bad(`stream ${r.streamId} revision ${r.revision} follows revision ${expectedRevision - 1n}`);
        const undecodable = decodeProblem(r);
        if (undecodable !== null) bad(`position ${a.position}: ${undecodable}`);
        revisions.set(r.streamId, r.revision);
        previous = { position: r.position, hash: a.hash };
        yield r;
      }
    } finally {
      close();
    }
  }
  return {
    path,
    records,
    head: () => (previous === null ? null : { position: Number(previous.position), hash: previous.hash }),
    line: () => lineNo,
    bad,
    close,
  };
};

/**
 * Restores an archive into the parts' store, which must be empty: read, checked and written a line at
 * a time, all in one transaction, so a line that fails its check (or a write that fails) leaves nothing.
 */
export const importLog = async (parts: Parts, archive: ArchiveReader): Promise<Archived> => {
  const chain = chainOf(parts, "import");
  const held = await parts.store.readAll("start", 1)();
  if (E.isLeft(held)) return Err.fail(Err.storeFailed(parts.where)(held.left));
  if (held.right.length > 0) {
    // The same log already (an import killed after its commit, run again): nothing to write.
    const same = await holdsExactly(chain, archive, parts.where);
    if (same !== null) return { events: 0, head: archive.head(), alreadyHeld: same };
    return Err.fail(Err.invalidArgument("--store", `${parts.where} already holds events; import rebuilds a log only into a new, empty store; nothing was imported`));
  }
  // A bad line throws from inside the transaction, which rolls it back; the failure is the archive's.
  const r = await chain.restore(archive.records())();
  if (E.isLeft(r)) {
    if (r.left._tag === "DuplicateEventId") return archive.bad(`event id ${r.left.eventId} appears twice`);
    return Err.fail(Err.storeFailed(parts.where)(r.left));
  }
  return { events: r.right, head: archive.head() };
};

/**
 * Whether the store's log is exactly the archive's, record for record (positions and hashes, which
 * chain everything else), the whole archive checked on the way: the number of events, or null.
 */
const holdsExactly = async (chain: ReturnType<typeof chainOf>, archive: ArchiveReader, where: string, pageSize = 4096): Promise<number | null> => {
  let page: readonly ChainedRecord[] = [];
  let i = 0;
  let after = 0n;
  let same = true;
  let n = 0;
  for (const r of archive.records()) {
    n += 1;
    if (!same) continue; // the rest of the archive is still checked
    if (i === page.length) {
      const next = await chain.readRecords(after, pageSize)();
      if (E.isLeft(next)) return Err.fail(Err.storeFailed(where)(next.left));
      page = next.right;
      i = 0;
      if (page.length > 0) after = page.at(-1)!.position;
    }
    const mine = page[i++];
    same = mine !== undefined && mine.position === r.position && mine.hash === r.hash;
  }
  if (!same || n === 0) return null;
  if (i < page.length) return null;
  const beyond = await chain.readRecords(after, 1)();
  if (E.isLeft(beyond)) return Err.fail(Err.storeFailed(where)(beyond.left));
  return beyond.right.length === 0 ? n : null;
};
