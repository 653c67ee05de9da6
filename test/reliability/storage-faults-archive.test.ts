// A disk that fills while `facts import` and `facts migrate` write: a tiny tmpfs in a private mount
// namespace (when this process may mount) and a file size limit (`ulimit -f`, everywhere). Each must end
// in one line naming the store and exit 1 with nothing half-written (an import leaves no store it made, or
// the empty store it was given; a migrate leaves whole appends), and running the command again once the
// fault is gone must end with the archive's log, or the log of an uninterrupted migrate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bin, facts, scratch } from "../cli.ts";
import { copyStore } from "./Crash.ts";
import { canMountIn, env, folders, linux, messages, q, re } from "./Faults.ts";
import { articleFiles, rows, violations } from "./Log.ts";
import type { Row } from "./Log.ts";

const s = scratch();
afterAll(s.cleanup);
const folder = folders(s.dir);
const files = articleFiles();
const canMount = canMountIn(s.dir);

let referencePath = "";
let referenceBytes = 0;
beforeAll(() => {
  referencePath = join(folder(), "reference.db");
  expect(facts(["ingest", ...files, "--store", referencePath, "--quiet"]).code).toBe(0);
  referenceBytes = statSync(referencePath).size;
}, 120_000);

/** What each fault did, printed at the end (docs/reliability.md quotes it). */
const figures: string[] = [];
afterAll(() => console.log(`disk full during import and migrate (${files.length} articles, store ${referenceBytes} bytes):\n  ${figures.join("\n  ")}`));

describe("a disk that fills during import and migrate", () => {
  // The archive of the reference store and the log an uninterrupted migrate of it writes.
  let archive = "";
  let archiveText = "";
  let migrated: Row[] = [];
  const empty = join(s.dir, "empty.ndjson");
  beforeAll(async () => {
    const d = folder();
    archive = join(d, "log.ndjson");
    expect(facts(["export", "--store", referencePath, "--out", archive]).code).toBe(0);
    archiveText = readFileSync(archive, "utf8");
    writeFileSync(empty, "");
    const src = join(d, "src.db");
    copyStore(referencePath, src);
    const m = join(d, "migrated.db");
    expect(facts(["migrate", "--store", src, "--to", m]).code).toBe(0);
    migrated = await rows(m);
  }, 120_000);
  const parts = [0.25, 0.5, 0.75];
  const full = (db: string) => new RegExp(`^facts: ${re(db)}(: |-read\\.db)?.*(the disk is full|the disk refused a write).*rolled back`);
  const cli = (...args: string[]) => [process.execPath, bin, ...args].map(q).join(" ");
  /** The log of an embedded store as an archive (what `facts export` prints). */
  const exported = (db: string) => facts(["export", "--store", db]).stdout;

  /**
   * Runs `first` in a private mount namespace on a tmpfs of `bytes` at mnt/, then grows the tmpfs to 64 MB
   * (the fault gone) and runs `again`; copies mnt/ out after each. Returns the exits, stderrs and copies.
   */
  const onTmpfs = (bytes: number, setup: (mnt: string) => string, first: (mnt: string) => string, again: (mnt: string) => string) => {
    const outside = folder();
    const mnt = join(outside, "mnt");
    for (const d of [mnt, join(outside, "at-fault"), join(outside, "after")]) mkdirSync(d);
    const o = (f: string) => q(join(outside, f));
    const script = [
      `mount -t tmpfs -o size=${bytes} tmpfs ${q(mnt)} || exit 9`,
      setup(mnt),
      `${first(mnt)} 2> ${o("stderr1")}; echo $? > ${o("code1")}`,
      `cp -a ${q(mnt)}/. ${o("at-fault")}/`,
      `mount -o remount,size=64m ${q(mnt)}`,
      `${again(mnt)} > ${o("stdout2")} 2> ${o("stderr2")}; echo $? > ${o("code2")}`,
      `cp -a ${q(mnt)}/. ${o("after")}/`,
    ].join("\n");
    const r = spawnSync("unshare", ["-m", "sh", "-c", script], { env, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const read = (f: string) => readFileSync(join(outside, f), "utf8");
    return { code1: Number(read("code1")), lines1: messages(read("stderr1")), code2: Number(read("code2")), stderr2: read("stderr2"), atFault: join(outside, "at-fault"), after: join(outside, "after"), mnt };
  };

  it.skipIf(!canMount)("import on a tmpfs that fills: one line naming the store, a store it made is gone, an empty one stays empty; the re-run is the archive", async () => {
    let hit = 0;
    for (const part of parts)
      for (const existing of [false, true]) {
        const bytes = Math.round(referenceBytes * part);
        const r = onTmpfs(
          bytes,
          (mnt) => (existing ? `${cli("import", empty, "--store", join(mnt, "s.db"))} > /dev/null` : "true"),
          (mnt) => cli("import", archive, "--store", join(mnt, "s.db")),
          (mnt) => cli("import", archive, "--store", join(mnt, "s.db")),
        );
        const db = join(r.mnt, "s.db");
        expect(r.code1).toBe(1);
        hit += 1;
        expect(r.lines1).toEqual([expect.stringMatching(full(db))]);
        if (existing) {
          // The store was there before: it is still there, empty, whole, and verifies.
          const kept = join(r.atFault, "s.db");
          expect(await rows(kept)).toEqual([]);
          expect(await violations(kept)).toEqual([]);
          expect(facts(["verify", "--store", kept]).code).toBe(0);
        } else expect(readdirSync(r.atFault)).toEqual([]);
        expect(r.code2, r.stderr2).toBe(0);
        expect(exported(join(r.after, "s.db"))).toBe(archiveText);
        figures.push(`import on a tmpfs of ${bytes} bytes into ${existing ? "an existing empty store" : "a new store"}: exit ${r.code1}, ${existing ? "the store still empty" : "no file left"}, re-run imported the archive; ${r.lines1[0]}`);
      }
    expect(hit).toBe(parts.length * 2);
  }, 300_000);

  it.skipIf(!canMount)("migrate to a tmpfs that fills: one line naming the target, whole appends only; the re-run after the fault resumes to the uninterrupted log", async () => {
    for (const part of parts) {
      const bytes = Math.round(referenceBytes * part);
      const src = join(folder(), "src.db");
      copyStore(referencePath, src);
      const r = onTmpfs(
        bytes,
        () => "true",
        (mnt) => cli("migrate", "--store", src, "--to", join(mnt, "t.db")),
        (mnt) => cli("migrate", "--store", src, "--to", join(mnt, "t.db")),
      );
      expect(r.code1).toBe(1);
      expect(r.lines1).toEqual([expect.stringMatching(full(join(r.mnt, "t.db")))]);
      const kept = join(r.atFault, "t.db");
      expect(await violations(kept, migrated)).toEqual([]);
      expect(facts(["verify", "--store", kept]).code).toBe(0);
      const n = (await rows(kept)).length;
      expect(n).toBeLessThan(migrated.length);
      expect(r.code2, r.stderr2).toBe(0);
      expect(await rows(join(r.after, "t.db"))).toEqual(migrated);
      figures.push(`migrate to a tmpfs of ${bytes} bytes: exit ${r.code1}, ${n} of ${migrated.length} events kept in whole appends, the re-run resumed to the uninterrupted log; ${r.lines1[0]}`);
    }
  }, 300_000);

  it.skipIf(!linux)("import and migrate at a file size limit (ulimit -f): one line naming the store, nothing half-written, the re-run completes", async () => {
    for (const part of parts) {
      const blocks = Math.max(1, Math.round((referenceBytes * part) / 512));
      const limited = (...args: string[]) => spawnSync("sh", ["-c", `trap '' XFSZ; ulimit -f ${blocks}; exec ${cli(...args)}`], { env, encoding: "utf8" });
      // import into a new store: refused, and no store is left behind.
      const dir = folder();
      const db = join(dir, "s.db");
      const i = limited("import", archive, "--store", db);
      expect(i.status).toBe(1);
      expect(messages(i.stderr)).toEqual([expect.stringMatching(full(db))]);
      expect(readdirSync(dir)).toEqual([]);
      expect(facts(["import", archive, "--store", db]).code).toBe(0);
      expect(exported(db)).toBe(archiveText);
      // migrate: the target keeps whole appends; migrating again without the limit completes it.
      const src = join(dir, "src.db");
      copyStore(referencePath, src);
      const t = join(dir, "t.db");
      const m = limited("migrate", "--store", src, "--to", t);
      expect(m.status).toBe(1);
      expect(messages(m.stderr)).toEqual([expect.stringMatching(full(t))]);
      expect(await violations(t, migrated)).toEqual([]);
      const n = (await rows(t)).length;
      expect(facts(["migrate", "--store", src, "--to", t]).code).toBe(0);
      expect(await rows(t)).toEqual(migrated);
      figures.push(`ulimit -f ${blocks}: import exit ${i.status}, no file left, re-run imported the archive; ${messages(i.stderr)[0]}; migrate exit ${m.status}, ${n} of ${migrated.length} events kept, re-run complete; ${messages(m.stderr)[0]}`);
    }
  }, 300_000);
});
