// Emmett's SQLite event store, measured in a process of its own: it can fail inside the library
// (an unhandled SQLITE_BUSY) and must not take the benchmark down with it.
// Usage: node peer.mjs <claims> <runs>   → prints {"ms":[...],"events":N} or exits non-zero.
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getSQLiteEventStore } from "@event-driven-io/emmett-sqlite";
import { STREAM_DOES_NOT_EXIST } from "@event-driven-io/emmett";
import { articles } from "./corpus.mjs";

const [claims, runs] = process.argv.slice(2).map(Number);
const corpus = [...articles(claims, 42)];
const events = corpus.reduce((n, a) => n + a.events.length, 0);
const ms = [];
for (let r = 0; r < runs; r++) {
  const file = join(tmpdir(), `emmett-${process.pid}-${r}.db`);
  const store = getSQLiteEventStore({ fileName: file, schema: { autoMigration: "CreateOrUpdate" } });
  await store.appendToStream("warm-up", [{ type: "WarmUp", data: {} }]);
  const t = performance.now();
  for (const a of corpus) await store.appendToStream(a.stream, a.events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })), { expectedStreamVersion: STREAM_DOES_NOT_EXIST });
  ms.push(performance.now() - t);
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
}
process.stdout.write(JSON.stringify({ ms, events }));
