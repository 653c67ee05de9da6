// Helpers for the web tests: run `facts serve` as a child process on a free port and talk to it.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { bin, root } from "./cli.ts";

export interface Served {
  readonly url: string;
  readonly proc: ChildProcess;
  readonly stderr: () => string;
  /** Sends SIGINT and resolves with the exit code. */
  readonly stop: () => Promise<number | null>;
}

/** Starts `facts serve --port 0 --json` over a store and waits for the address it prints. */
export const serve = (store: string, extra: readonly string[] = []): Promise<Served> =>
  new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bin, "serve", "--store", store, "--port", "0", "--json", ...extra], {
      cwd: root,
      env: { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "" },
    });
    let out = "";
    let err = "";
    const timer = setTimeout(() => reject(new Error(`facts serve printed no address in 20 s; stderr: ${err}`)), 20_000);
    proc.stderr.on("data", (d) => (err += d));
    proc.on("exit", (code) => reject(new Error(`facts serve exited ${code}: ${err}`)));
    proc.stdout.on("data", (d) => {
      out += d;
      try {
        const { url } = JSON.parse(out) as { url: string };
        clearTimeout(timer);
        resolve({
          url,
          proc,
          stderr: () => err,
          stop: () =>
            new Promise((done) => {
              if (proc.exitCode !== null) return done(proc.exitCode);
              proc.once("exit", (code) => done(code));
              proc.kill("SIGINT");
            }),
        });
      } catch {
        // the JSON is not complete yet
      }
    });
  });

/** GET a path of the server: the status and the parsed body. */
export const get = async (base: string, path: string): Promise<{ status: number; text: string; json: any; ms: number }> => {
  const t0 = performance.now();
  const r = await fetch(new URL(path, base));
  const text = await r.text();
  return { status: r.status, text, json: JSON.parse(text), ms: performance.now() - t0 };
};

export { root };
