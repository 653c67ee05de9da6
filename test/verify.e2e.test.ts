// The verifiable log through the built CLI: `facts verify` on a store of the previous release and on
// stores edited behind the engine's back, and `facts export` / `facts import` round trips and refusals.
import { afterAll, describe, expect, it } from "vitest";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { ExpectedRevision } from "@factledger/store";
import { openSqliteStore } from "@factledger/store-sqlite";
import { facts, root, scratch, seeds } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
const fixtures = join(root, "packages/store-sqlite/test/fixtures");
const at = (name: string) => join(s.dir, name);
/** The fixture's day: its totals and claims were printed with this clock by the v1 code. */
const v1Env = { FACTS_TODAY: "2025-06-20" };

/** A fresh store of the seeds plus an analyst correction. */
const seeded = (name: string): string => {
  const db = at(name);
  expect(facts(["ingest", seeds, "--store", db, "--json"]).code).toBe(0);
  const claim = facts(["claims", "--store", db, "--json"]).json().claims[0].id as string;
  expect(facts(["correct", claim, "--value", "1001", "--reason", "test", "--analyst", "t", "--store", db]).code).toBe(0);
  return db;
};

/** The one line a failing command printed on stderr. */
const oneLine = (stderr: string): string => {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0]!;
};

describe("facts verify", () => {
  it("opens a store written by the previous release, verifies it and answers as that release did", () => {
    const db = at("v1.db");
    copyFileSync(join(fixtures, "v1-seeds.db"), db);
    const v = facts(["verify", "--store", db, "--json"], { env: v1Env });
    expect(v.code).toBe(0);
    expect(v.json()).toMatchObject({ ok: true, events: 34, badEvents: 0, integrity: [], first: null, head: { position: 34 } });
    expect(facts(["totals", "--json", "--store", db], { env: v1Env }).stdout).toBe(readFileSync(join(fixtures, "v1-seeds.totals.json"), "utf8"));
    expect(facts(["claims", "--json", "--store", db], { env: v1Env }).stdout).toBe(readFileSync(join(fixtures, "v1-seeds.claims.json"), "utf8"));
  });

  it("catches one byte of one event's data edited in the file, naming its position", async () => {
    const db = seeded("edited.db");
    expect(facts(["verify", "--store", db]).code).toBe(0);
    // Find a claim's stored JSON in the file's bytes and change one digit of its value: still valid JSON, still decodes.
    const store = openSqliteStore(db, { create: false });
    if (E.isLeft(store)) throw new Error(store.left._tag);
    const rows = store.right.db.prepare("SELECT position, data FROM events WHERE type = 'ClaimReported' ORDER BY position").all() as Array<{ position: number; data: string }>;
    await store.right.close();
    const bytes = readFileSync(db);
    const target = rows.find((r) => /"value":\d/.test(r.data) && bytes.indexOf(r.data) >= 0 && bytes.indexOf(r.data) === bytes.lastIndexOf(r.data))!;
    expect(target).toBeDefined();
    const offset = bytes.indexOf(target.data) + target.data.search(/"value":\d/) + '"value":'.length;
    bytes[offset] = bytes[offset] === 0x39 ? 0x30 : bytes[offset]! + 1;
    writeFileSync(db, bytes);

    const human = facts(["verify", "--store", db]);
    expect(human.code).toBe(1);
    expect(oneLine(human.stderr)).toBe(
      `facts: ${db}: position ${target.position}: the stored hash does not match the event's content and the previous hash (the event was edited after it was written) (1 bad event of ${rows.length + 6})`,
    );
    const json = facts(["verify", "--store", db, "--json"]);
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ ok: false, badEvents: 1, integrity: [], first: { position: target.position, check: "chain" } });
  });

  it("names an event that is chained but does not decode through the core's codecs", async () => {
    const db = seeded("undecodable.db");
    const store = openSqliteStore(db);
    if (E.isLeft(store)) throw new Error(store.left._tag);
    const appended = await store.right.appendToStream("claim-x", [{ eventId: "bad-1", type: "ClaimReported", data: { not: "a claim" }, metadata: { correlationId: null, causationId: null } }], ExpectedRevision.NoStream)();
    await store.right.close();
    if (E.isLeft(appended)) throw new Error(appended.left._tag);
    const position = Number(appended.right.position.commit);
    const v = facts(["verify", "--store", db, "--json"]);
    expect(v.code).toBe(1);
    expect(v.json()).toMatchObject({ ok: false, badEvents: 1, first: { position, check: "decode" } });
    expect(v.json().first.reason).toMatch(/^the event does not decode: stream claim-x revision 0/);
  });

  it("says that a store without a chain cannot be verified, and exits 1", () => {
    const v = facts(["verify", "--store", "memory:"]);
    expect(v.code).toBe(1);
    expect(oneLine(v.stderr)).toMatch(/^facts: memory:.*: verify needs a hash-chained log, which only the embedded SQLite store keeps/);
  });
});

describe("facts export and facts import", () => {
  const db = seeded("source.db");
  const archive = at("source.ndjson");

  it("an imported archive is the same store: export, verify and totals are byte-identical", () => {
    const out = facts(["export", "--store", db, "--out", archive, "--json"]);
    expect(out.code).toBe(0);
    const lines = readFileSync(archive, "utf8").trim().split("\n");
    expect(out.json()).toMatchObject({ events: lines.length, head: { position: lines.length, hash: JSON.parse(lines.at(-1)!).hash } });
    // stdout without --out is the same archive and nothing else.
    expect(facts(["export", "--store", db]).stdout).toBe(readFileSync(archive, "utf8"));

    const copy = at("restored.db");
    const imported = facts(["import", archive, "--store", copy, "--json"]);
    expect(imported.code).toBe(0);
    expect(imported.json()).toMatchObject({ events: lines.length });
    expect(facts(["export", "--store", copy]).stdout).toBe(readFileSync(archive, "utf8"));
    expect(facts(["verify", "--store", copy, "--json"]).json()).toEqual({ ...facts(["verify", "--store", db, "--json"]).json(), store: copy });
    for (const q of [["totals", "--json"], ["claims", "--json"], ["discrepancies", "--json"]]) expect(facts([...q, "--store", copy]).stdout).toBe(facts([...q, "--store", db]).stdout);
    // And it is a live store: the next append continues the chain.
    const article = at("new.txt");
    writeFileSync(article, readFileSync(join(seeds, "001_67d94a947bd7fca4.txt"), "utf8") + "\nA sentence that makes this a new article.\n");
    expect(facts(["ingest", article, "--published", "2025-06-21", "--store", copy]).code).toBe(0);
    expect(facts(["export", "--store", copy]).stdout.split("\n").length).toBeGreaterThan(lines.length + 1);
    expect(facts(["verify", "--store", copy]).code).toBe(0);
  });

  it("refuses an archive with one edited value, naming the file and the line, and creates no store", () => {
    const lines = readFileSync(archive, "utf8").trim().split("\n");
    const k = lines.findIndex((l) => /"value":\d/.test(l));
    const edited = at("edited.ndjson");
    writeFileSync(edited, lines.map((l, i) => (i === k ? l.replace(/"value":(\d)/, (_m, d: string) => `"value":${(Number(d) + 1) % 10}`) : l)).join("\n") + "\n");
    const target = at("from-edited.db");
    const r = facts(["import", edited, "--store", target]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`facts: ${edited}: line ${k + 1}: position ${k + 1}: the stored hash does not match the event's content and the previous hash (the event was edited after it was written); nothing was imported`);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses a cut-off archive and a line that is not an event, naming the line", () => {
    const text = readFileSync(archive, "utf8");
    const cut = at("cut.ndjson");
    writeFileSync(cut, text.slice(0, text.length - 40));
    const lines = text.trim().split("\n");
    const r = facts(["import", cut, "--store", at("from-cut.db")]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`facts: ${cut}: line ${lines.length}: not a JSON line; nothing was imported`);
    const odd = at("odd.ndjson");
    writeFileSync(odd, `${lines[0]}\n{"position":2}\n`);
    expect(oneLine(facts(["import", odd, "--store", at("from-odd.db")]).stderr)).toMatch(new RegExp(`^facts: ${odd}: line 2: not an archived event`));
    const dropped = at("dropped.ndjson");
    writeFileSync(dropped, [lines[0], ...lines.slice(2)].join("\n") + "\n");
    expect(oneLine(facts(["import", dropped, "--store", at("from-dropped.db")]).stderr)).toBe(`facts: ${dropped}: line 2: position 3: positions 2..2 are missing (events removed); nothing was imported`);
    expect(existsSync(at("from-cut.db")) || existsSync(at("from-odd.db")) || existsSync(at("from-dropped.db"))).toBe(false);
  });

  it("refuses to import into a store that holds events, and leaves it as it was", () => {
    const other = seeded("nonempty.db");
    const before = facts(["export", "--store", other]).stdout;
    const r = facts(["import", archive, "--store", other]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`facts: --store: ${other} already holds events; import rebuilds a log only into a new, empty store; nothing was imported`);
    expect(facts(["export", "--store", other]).stdout).toBe(before);
  });

  it("an export that cannot write its file says so in one line and leaves no partial file", () => {
    const out = join(s.dir, "no-such-dir", "x.ndjson");
    const r = facts(["export", "--store", db, "--out", out]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toBe(`facts: --out: ${out}: cannot write the archive (ENOENT); nothing was written`);
    expect(existsSync(join(s.dir, "no-such-dir"))).toBe(false);
  });
});
