#!/usr/bin/env node
// Writes the seeded synthetic corpus of bench/corpus.mjs into an embedded store, for profiling and for
// comparing answers across builds: `node bench/store.mjs 10000 /tmp/s10k.db` (claims, file; seed 42 as in run.mjs).
import { existsSync } from "node:fs";
import { ExpectedRevision } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { articles } from "./corpus.mjs";

const [size, file] = [Number(process.argv[2]), process.argv[3]];
if (!(size > 0) || file === undefined) throw new Error("usage: node bench/store.mjs CLAIMS FILE");
if (existsSync(file)) throw new Error(`${file} exists`);
const store = openSqliteStore(file).right;
const corpus = [...articles(size, 42)];
for (let i = 0; i < corpus.length; i += 64) {
  const rs = await Promise.all(corpus.slice(i, i + 64).map((a) => store.appendToStream(a.stream, a.events, ExpectedRevision.NoStream)()));
  for (const r of rs) if (r._tag === "Left") throw new Error(JSON.stringify(r.left));
}
await store.close();
process.stderr.write(`${file}: ${corpus.length} articles\n`);
