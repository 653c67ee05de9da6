// Storage faults under the embedded store, through the built CLI: a disk that fills (a tiny tmpfs in a
// private mount namespace when this process may mount, and a file size limit, `ulimit -f`, everywhere),
// a read-only store file, the store's folder removed or moved away while an ingest runs, and a store of a
// newer schema version. Each must end in one line naming the store and a non-zero exit, with nothing
// half-written: the store reopens, verifies, holds whole articles only, and re-running the command after
// the fault is gone ends with the log an uninterrupted run writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { openSqliteStore } from "@factledger/store-sqlite";
import { bin, facts, root, scratch } from "../cli.ts";
import { canMountIn, env, folders, isRoot, linux, messages, q } from "./Faults.ts";
import { articleFiles, rows, violations } from "./Log.ts";
import type { Row } from "./Log.ts";

const s = scratch();
afterAll(s.cleanup);
const folder = folders(s.dir);
const files = articleFiles();

let reference: Row[] = [];
let referenceBytes = 0;
beforeAll(() => {
  const db = join(folder(), "reference.db");
  expect(facts(["ingest", ...files, "--store", db, "--quiet"]).code).toBe(0);
  referenceBytes = statSync(db).size;
  return rows(db).then((r) => {
    reference = r;
  });
}, 120_000);

/** What each fault did, printed at the end (docs/reliability.md quotes it). */
const figures: string[] = [];
afterAll(() => console.log(`storage faults (${files.length} articles, ${reference.length} events, store ${referenceBytes} bytes):\n  ${figures.join("\n  ")}`));

/** After a fault: the store holds a prefix of the uninterrupted log in whole appends, verifies, and a re-run completes it. */
const afterFault = async (db: string): Promise<number> => {
  expect(await violations(db, reference)).toEqual([]);
  expect(facts(["verify", "--store", db]).code).toBe(0);
  const kept = (await rows(db)).length;
  expect(facts(["ingest", ...files, "--store", db, "--quiet"]).code).toBe(0);
  expect(await rows(db)).toEqual(reference);
  return kept;
};

const canMount = canMountIn(s.dir);
const ingestLine = (db: string) => [process.execPath, bin, "ingest", ...files, "--store", db].map(q).join(" ");

describe("a disk that fills", () => {
  // Sizes as parts of what the uninterrupted ingest writes into its store file.
  const parts = [0.15, 0.3, 0.5, 0.7];

  it.skipIf(!canMount)("on a tmpfs that fills mid-ingest: one line naming the store, exit 1, whole articles only", async () => {
    let hit = 0;
    for (const part of parts) {
      const outside = folder();
      const mnt = join(outside, "mnt");
      mkdirSync(mnt);
      const db = join(mnt, "s.db");
      // The mount lives only in the child's namespace; the store is copied out before it ends.
      const script = `mount -t tmpfs -o size=${Math.round(referenceBytes * part)} tmpfs ${q(mnt)} && ${ingestLine(db)} 2> ${q(join(outside, "stderr"))}; echo $? > ${q(join(outside, "code"))}; cp ${q(mnt)}/s.db* ${q(outside)}/`;
      const r = spawnSync("unshare", ["-m", "sh", "-c", script], { env, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      const code = Number(readFileSync(join(outside, "code"), "utf8"));
      const lines = messages(readFileSync(join(outside, "stderr"), "utf8"));
      if (code === 0) expect(lines).toEqual([]);
      else {
        hit += 1;
        expect(code).toBe(1);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(new RegExp(`^facts: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(: |-read\\.db)?.*the disk is full.*rolled back`));
      }
      const kept = await afterFault(join(outside, "s.db"));
      figures.push(`tmpfs of ${Math.round(referenceBytes * part)} bytes: exit ${code}, ${kept} of ${reference.length} events kept, re-run complete; ${lines[0] ?? "no error"}`);
    }
    expect(hit).toBeGreaterThanOrEqual(parts.length - 1);
  }, 300_000);

  it.skipIf(!linux)("at a file size limit (ulimit -f) mid-ingest: one line naming the store, exit 1, whole articles only", async () => {
    let hit = 0;
    for (const part of parts) {
      const dir = folder();
      const db = join(dir, "s.db");
      // SIGXFSZ ignored, so that the write fails (EFBIG) instead of killing the process; sh counts 512-byte blocks.
      const blocks = Math.max(1, Math.round((referenceBytes * part) / 512));
      const r = spawnSync("sh", ["-c", `trap '' XFSZ; ulimit -f ${blocks}; exec ${ingestLine(db)}`], { env, encoding: "utf8" });
      const lines = messages(r.stderr);
      if (r.status === 0) expect(lines).toEqual([]);
      else {
        hit += 1;
        expect(r.status).toBe(1);
        expect(lines).toEqual([expect.stringMatching(new RegExp(`^facts: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}(: |-read\\.db)?.*(the disk refused a write|the disk is full).*rolled back`))]);
      }
      const kept = await afterFault(db);
      figures.push(`ulimit -f ${blocks} (512-byte blocks): exit ${r.status}, ${kept} of ${reference.length} events kept, re-run complete; ${lines[0] ?? "no error"}`);
    }
    expect(hit).toBeGreaterThanOrEqual(parts.length - 1);
  }, 300_000);
});

describe("a read-only store file", () => {
  // Root writes through file modes, so as root the commands run as nobody.
  const nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  // nobody must reach the program too: a clone inside a private folder (mktemp -d is 0700) is out of its reach.
  const reach = (): string | null => {
    if (!existsSync("/usr/bin/setpriv")) return "this runs as root and setpriv is missing, so no other user can run the commands";
    const r = spawnSync(nobody[0]!, [...nobody.slice(1), process.execPath, "-e", `require("fs").accessSync(${JSON.stringify(bin)}, 4)`], { encoding: "utf8" });
    return r.status === 0 ? null : `this runs as root, and nobody cannot read ${bin} (a folder above it is private); run from a folder others can read`;
  };
  const unreachable = isRoot ? reach() : null;
  if (unreachable !== null) console.log(`read-only store tests skipped: ${unreachable}`);
  const asOther = unreachable !== null ? null : isRoot ? nobody : [];
  const run = (args: readonly string[]) => {
    const [cmd, ...pre] = [...asOther!, process.execPath];
    return spawnSync(cmd!, [...pre, bin, ...args], { env, encoding: "utf8", cwd: root });
  };

  it.skipIf(asOther === null)("writes are refused in one line naming the store, the file is unchanged, reads still answer", async () => {
    const dir = folder();
    const db = join(dir, "s.db");
    expect(facts(["ingest", ...files.slice(0, 3), "--store", db, "--quiet"]).code).toBe(0);
    const claim = facts(["claims", "--store", db, "--json"]).json().claims[0].id as string;
    chmodSync(db, 0o444);
    const bytes = readFileSync(db);
    const before = await rows(db);
    const writes = [
      ["ingest", ...files.slice(3, 6)],
      ["correct", claim, "--value", "5", "--reason", "r", "--analyst", "a"],
      ["reject", claim, "--reason", "r", "--analyst", "a"],
      ["reextract"],
    ];
    let refused = 0;
    for (const w of writes) {
      const r = run([...w, "--store", db]);
      // reextract has nothing to do on a store this extractor wrote, so it writes nothing and may succeed.
      if (w[0] === "reextract" && r.status === 0) continue;
      refused += 1;
      expect(r.status, `${w[0]}: ${r.stderr}`).toBe(1);
      expect(messages(r.stderr)).toEqual([`facts: ${db}: store unavailable: the store cannot be written: the file or its folder is read-only (attempt to write a readonly database); nothing was written`]);
    }
    expect(readFileSync(db).equals(bytes)).toBe(true);
    expect(await rows(db)).toEqual(before);
    for (const read of [["totals", "--json"], ["verify"], ["export"]]) expect(run([...read, "--store", db]).status, read[0]).toBe(0);
    figures.push(`read-only file${isRoot ? " (run as nobody)" : ""}: ${refused} of ${writes.length} write commands refused (reextract had nothing to write), file bytes unchanged; totals, verify, export answered`);
  });

  it.skipIf(asOther === null)("a read-only store of the previous release is refused in one line, unchanged, since its upgrade must be written", () => {
    const db = join(folder(), "v1.db");
    copyFileSync(join(root, "packages/store-sqlite/test/fixtures/v1-seeds.db"), db);
    chmodSync(db, 0o444);
    const bytes = readFileSync(db);
    const r = run(["totals", "--store", db]);
    expect(r.status).toBe(1);
    expect(messages(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^facts: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: store unavailable: this store was written by an earlier facts and is upgraded to schema version 2 on first open, which failed \\(.*read-only.*\\); it is unchanged$`))]);
    expect(readFileSync(db).equals(bytes)).toBe(true);
  });
});

describe("the store's folder removed while an ingest runs", () => {
  /** Runs an ingest of every file and does `act` to its folder once `after` files are done. */
  const ingestThen = (db: string, after: number, act: () => void): Promise<{ code: number | null; stderr: string; done: number }> =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, "ingest", ...files, "--store", db], { env, cwd: root });
      let stderr = "";
      let acted = false;
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
        if (!acted && new RegExp(`^ingest: ${after}/`, "m").test(stderr)) {
          acted = true;
          act();
        }
      });
      child.on("close", (code) => resolve({ code, stderr, done: stderr.split("\n").filter((l) => l.startsWith("ingest: ")).length }));
    });
  const points = [1, 3, Math.floor(files.length / 2)].filter((p, i, all) => p < files.length && all.indexOf(p) === i);

  it("removed: one line naming the store, exit 1, and no store is made again", async () => {
    for (const at of points) {
      const dir = folder();
      const db = join(dir, "s.db");
      const r = await ingestThen(db, at, () => rmSync(dir, { recursive: true, force: true }));
      expect(r.code, r.stderr).toBe(1);
      // Removed between two appends ("nothing more was written") or while one was being written ("the last write went into
      // the removed file"): which one depends on timing; both name the store and stop.
      expect(messages(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^facts: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: store unavailable: the store file was removed while this command ran; (nothing more was written|the last write went into the removed file and is lost with it)$`))]);
      // It stopped at the next append instead of "recording" the rest into a file nobody can open.
      expect(r.done).toBeLessThanOrEqual(at + 1);
      expect(existsSync(dir)).toBe(false);
      figures.push(`folder removed after ${at} files: exit ${r.code}, stopped after ${r.done} progress lines`);
    }
  }, 120_000);

  it("moved away: one line naming the store, exit 1, and the moved store holds whole articles and completes on a re-run", async () => {
    for (const at of points) {
      const dir = folder();
      const db = join(dir, "s.db");
      const moved = `${dir}-moved`;
      const r = await ingestThen(db, at, () => renameSync(dir, moved));
      expect(r.code, r.stderr).toBe(1);
      expect(messages(r.stderr)).toEqual([expect.stringMatching(new RegExp(`^facts: ${db.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: store unavailable: the store file was removed while this command ran`))]);
      expect(existsSync(db)).toBe(false);
      const kept = await afterFault(join(moved, "s.db"));
      expect(kept).toBeGreaterThan(0);
      figures.push(`folder moved after ${at} files: exit ${r.code}, ${kept} events in the moved store, whole articles, re-run complete`);
    }
  }, 120_000);
});

describe("a store written by a newer version of the engine", () => {
  it("every command refuses it in one line naming the file, and the file is unchanged", async () => {
    const db = join(folder(), "newer.db");
    expect(facts(["ingest", ...files.slice(0, 2), "--store", db, "--quiet"]).code).toBe(0);
    // What a later release would write: the same tables under a higher version number.
    const raw = openSqliteStore(db, { create: false });
    if (E.isLeft(raw)) throw new Error(raw.left._tag);
    raw.right.db.prepare("UPDATE store_meta SET value = '3' WHERE key = 'schema_version'").run();
    await raw.right.close();
    const bytes = readFileSync(db);
    const claim = "c0000000000000000000000000";
    for (const args of [["totals"], ["claims", "--json"], ["ingest", files[2]!], ["correct", claim, "--value", "1", "--reason", "r"], ["verify"], ["export"], ["follow", "--once"], ["migrate", "--to", join(s.dir, "x.db")]]) {
      const r = facts([...args, "--store", db]);
      expect(r.code, args[0]).toBe(1);
      expect(messages(r.stderr), args[0]).toEqual([`facts: ${db}: store schema version 3 was written by a newer facts; this program reads versions up to 2 (upgrade facts to open it); nothing was changed`]);
      expect(readFileSync(db).equals(bytes), args[0]).toBe(true);
    }
    figures.push("newer schema version: 8 commands refused in one line, file bytes unchanged");
  });
});
