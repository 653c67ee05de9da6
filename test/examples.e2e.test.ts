// Every example command in README.md (its `sh` blocks) and in docs/cli.md (each command's Examples) runs
// as printed, in order, from a scratch copy of the checkout's layout: `./facts` is the launcher, `seeds/`
// the seeds, and the README's set-up has run its demo there. Set-up commands that install or run this
// suite, and examples that need EventStoreDB (unless ESDB_CONNECTION_STRING is set) or the labelled
// corpus beside the checkout (unless it is there), are skipped with the reason printed.
import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { root, scratch } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
// scratch/repo is the working directory; scratch/shared stands for the folder beside the checkout.
const cwd = join(s.dir, "repo");
mkdirSync(cwd);
for (const x of ["facts", "seeds", "packages", "node_modules", "package.json"]) symlinkSync(join(root, x), join(cwd, x));
const corpus = join(root, "..", "shared", "corpus");
if (existsSync(corpus)) {
  mkdirSync(join(s.dir, "shared"));
  symlinkSync(corpus, join(s.dir, "shared", "corpus"));
}

/** The commands of a Markdown file's ```sh blocks, one a line, comments and blank lines left out. */
const shBlocks = (md: string): string[] =>
  [...md.matchAll(/^```sh\n([\s\S]*?)^```/gm)].flatMap((m) => m[1]!.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")));

/** The examples of docs/cli.md: the lines under each "Examples:". */
const cliExamples = (md: string): string[] =>
  [...md.matchAll(/^Examples:\n((?: {2}.*\n)+)/gm)].flatMap((m) => m[1]!.split("\n").map((l) => l.trim()).filter((l) => l !== ""));

const esdb = process.env["ESDB_CONNECTION_STRING"];
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };

/** Why an example is not run here, or null. The set-up's demo runs as its package.json script says. */
const skipReason = (cmd: string): string | null => {
  if (/^npx -y pnpm@10 install && npx -y pnpm@10 test$/.test(cmd)) return "is the set-up that runs this very suite";
  if (/esdb:\/\//.test(cmd) && (esdb === undefined || esdb === "")) return "needs EventStoreDB: set ESDB_CONNECTION_STRING to run it";
  if (/^\.\/facts serve\b/.test(cmd)) return "starts a server that runs until Ctrl-C (test/web.e2e.test.ts starts and stops one)";
  if (cmd.includes("../shared/corpus") && !existsSync(corpus)) return `needs the labelled corpus at ${corpus}`;
  return null;
};

/** The command as the shell runs it: `npx -y pnpm@10 install && npx -y pnpm@10 demo` runs the demo script (the install is this checkout's). */
const asRun = (cmd: string): string => {
  if (cmd === "npx -y pnpm@10 install && npx -y pnpm@10 demo") return pkg.scripts["demo"]!;
  return esdb !== undefined && esdb !== "" ? cmd.replace(/esdb:\/\/localhost:2113\?tls=false/g, `'${esdb}'`) : cmd;
};

/** Runs a command line in the scratch checkout (asynchronously: a worker blocked in spawnSync misses vitest's heartbeats). */
const sh = (cmd: string): Promise<{ status: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const p = spawn("sh", ["-c", cmd], { cwd, env: { ...process.env, FACTS_TODAY: "2026-11-22", NO_COLOR: "1", FACTS_STORE: "" } });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });

const examples = [
  ...shBlocks(readFileSync(join(root, "README.md"), "utf8")).map((cmd) => ({ from: "README.md", cmd })),
  ...cliExamples(readFileSync(join(root, "docs/cli.md"), "utf8")).map((cmd) => ({ from: "docs/cli.md", cmd })),
];

describe("every example in README.md and docs/cli.md runs as printed", () => {
  it("there are examples to run, and docs/cli.md calls the launcher", () => {
    expect(examples.filter((e) => e.from === "README.md").length).toBeGreaterThanOrEqual(5);
    expect(examples.filter((e) => e.from === "docs/cli.md").length).toBeGreaterThanOrEqual(20);
    for (const e of examples.filter((x) => x.from === "docs/cli.md")) expect(e.cmd).toMatch(/^\.\/facts /);
  });

  for (const { from, cmd } of examples) {
    const reason = skipReason(cmd);
    if (reason !== null) console.log(`skipped (${from}): ${cmd}\n  because it ${reason}`);
    it.skipIf(reason !== null)(`${from}: ${cmd}`, async () => {
      const r = await sh(asRun(cmd));
      expect(r.stderr.split("\n").filter((l) => l.startsWith("facts:")), `${cmd}\n${r.stderr}`).toEqual([]);
      expect(r.status, `${cmd}\n${r.stderr}`).toBe(0);
      const redirect = /> (\S+)$/.exec(cmd);
      if (redirect !== null) expect(statSync(join(cwd, redirect[1]!)).size).toBeGreaterThan(0);
      // follow reports on stderr ("caught up: …"); everything else answers on stdout.
      else expect((r.stdout + r.stderr).trim().length, `${cmd} printed nothing`).toBeGreaterThan(0);
      // Machine output is what it says it is.
      if (/ --json\b/.test(cmd)) expect(() => JSON.parse(r.stdout)).not.toThrow();
      if (/--format jsonl/.test(cmd)) for (const l of r.stdout.trim().split("\n")) expect(() => JSON.parse(l)).not.toThrow();
    }, 120_000);
  }
});
