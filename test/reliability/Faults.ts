// What the storage-fault tests share: scratch folders every user can reach (the read-only cases run as
// nobody when the tests run as root), the environment of a `facts` run, its one-line messages, and
// whether a tmpfs can be mounted in a private mount namespace here.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync } from "node:fs";
import { join } from "node:path";

export const env = { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "" };
export const isRoot = process.getuid?.() === 0;
export const linux = process.platform === "linux";

/** New folders f1, f2, … under `dir`, open to every user (as `dir` is made). */
export const folders = (dir: string): (() => string) => {
  chmodSync(dir, 0o755);
  let n = 0;
  return () => {
    const d = join(dir, `f${++n}`);
    mkdirSync(d, { mode: 0o777 });
    chmodSync(d, 0o777);
    return d;
  };
};

/** The lines a command printed on stderr other than its progress lines. */
export const messages = (stderr: string): string[] => stderr.split("\n").filter((l) => l !== "" && !l.startsWith("ingest: "));

/** Whether a private mount namespace with a tmpfs can be made here (root on Linux, with unshare). */
export const canMountIn = (dir: string): boolean => linux && isRoot && spawnSync("unshare", ["-m", "sh", "-c", `mount -t tmpfs -o size=64k tmpfs ${JSON.stringify(dir)}`]).status === 0;

/** A word for sh, single-quoted. */
export const q = (x: string): string => `'${x.replace(/'/g, `'\\''`)}'`;

/** A string as a literal part of a regular expression. */
export const re = (x: string): string => x.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
