import { articles } from "./corpus.mjs";
import Database from "better-sqlite3";
import { rmSync } from "node:fs";
const corpus = [...articles(100000, 42)];
const ev = corpus.reduce((n, a) => n + a.events.length, 0);
const variants = {
  base: [],
  cache: ["cache_size = -65536"],
  autockpt: ["wal_autocheckpoint = 10000"],
  both: ["cache_size = -65536", "wal_autocheckpoint = 10000", "temp_store = memory"],
  mmap: ["cache_size = -65536", "wal_autocheckpoint = 10000", "mmap_size = 268435456"],
};
for (const [name, pragmas] of Object.entries(variants)) {
  const f = "/tmp/floor2.db"; for (const s of ["", "-wal", "-shm"]) rmSync(f + s, { force: true });
  const db = new Database(f); db.pragma("journal_mode = WAL"); db.pragma("synchronous = NORMAL"); for (const p of pragmas) db.pragma(p);
  db.exec("CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))");
  const ins = db.prepare("INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const now = new Date().toISOString();
  const one = (a) => a.events.forEach((e, i) => ins.run(a.stream, i, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), now));
  const tx = db.transaction(one);
  const t = performance.now();
  for (const a of corpus) tx.immediate(a);
  console.log(name, Math.round(ev / ((performance.now() - t) / 1000)), "ev/s (tx per article)");
  db.close();
}
