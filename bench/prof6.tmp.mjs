import { articles } from "./corpus.mjs";
import { ExpectedRevision } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { rmSync } from "node:fs";
const corpus = [...articles(20000, 42)];
const f = "/tmp/p6.db"; for (const s of ["", "-wal", "-shm"]) rmSync(f + s, { force: true });
const store = openSqliteStore(f).right;
for (let i = 0; i < corpus.length; i += 64) await Promise.all(corpus.slice(i, i + 64).map((a) => store.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)()));
const s = globalThis.__sizes; console.log("flushes", s.length, "mean batch", (s.reduce((a, b) => a + b, 0) / s.length).toFixed(1), "max", Math.max(...s));
