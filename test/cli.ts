// Helpers for end-to-end tests: run the built `facts` CLI as a child process in a scratch directory.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const bin = join(root, "packages/cli/bin/facts.js");
export const seeds = join(root, "seeds");

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly json: () => any;
}

/** Runs `facts` with a fixed "today" (2026-11-22) unless env says otherwise. */
export const facts = (args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? root,
    env: { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "", ...options.env },
    encoding: "utf8",
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
};

/** A scratch directory, removed by the returned function. */
export const scratch = (): { dir: string; cleanup: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), "facts-e2e-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
