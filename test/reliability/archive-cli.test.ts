// `facts import`, `facts export` and `facts migrate` given bad arguments: each ends in one line on stderr
// that names the argument (or the file or store it names), with exit 2 for a usage error and 1 for a
// refused value, and leaves no store or file behind. And the re-runs the help promises: an import run
// again over the same log, a migrate run again after its target was removed.
import { afterAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { facts, scratch, seeds } from "../cli.ts";

const s = scratch();
afterAll(s.cleanup);
const at = (f: string) => join(s.dir, f);
const db = at("s.db");
const archive = at("s.ndjson");
expect(facts(["ingest", seeds, "--store", db]).code).toBe(0);
expect(facts(["export", "--store", db, "--out", archive]).code).toBe(0);

/** Runs facts and returns its exit code and its stderr as lines. */
const run = (...args: string[]) => {
  const r = facts(args, { cwd: s.dir });
  return { code: r.code, lines: r.stderr.split("\n").filter((l) => l !== ""), stdout: r.stdout };
};

describe("bad arguments to import, export and migrate", () => {
  it("import: a missing, extra or unknown argument is a usage error naming it; a file it cannot read is named, and no store is made", () => {
    const other = at("other.db");
    expect(facts(["ingest", join(seeds, "001_67d94a947bd7fca4.txt"), "--store", other]).code).toBe(0);
    const before = facts(["export", "--store", other]).stdout;
    const cases: Array<[string[], number, RegExp]> = [
      [["import"], 2, /^facts: import: missing argument\. Usage: facts import FILE/],
      [["import", archive, "extra"], 2, /^facts: import: unexpected argument "extra"/],
      [["import", archive, "--bogus"], 2, /^facts: import: unknown option --bogus/],
      [["import", archive, "--store"], 2, /^facts: import: --store needs a value/],
      [["import", at("none.ndjson"), "--store", at("n1.db")], 1, /: no such file; nothing was imported$/],
      [["import", s.dir, "--store", at("n2.db")], 1, /: is a directory, not an archive; nothing was imported$/],
      [["import", join(seeds, "001_67d94a947bd7fca4.txt"), "--store", at("n3.db")], 1, /001_67d94a947bd7fca4\.txt: line 1: not a JSON line; nothing was imported$/],
      [["import", archive, "--store", "memory:"], 1, /^facts: memory:.*import needs a hash-chained log/],
      // A store with other events (its own export is the same log: accepted, see below).
      [["import", archive, "--store", other], 1, /^facts: --store: .*other\.db already holds events; import rebuilds a log only into a new, empty store; nothing was imported$/],
    ];
    for (const [args, code, line] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.lines, args.join(" ")).toEqual([expect.stringMatching(line)]);
    }
    expect(readdirSync(s.dir).filter((f) => /^n\d/.test(f))).toEqual([]);
    expect(facts(["export", "--store", other]).stdout).toBe(before);
  });

  it("import run again into the store it made writes nothing and exits 0, saying so", () => {
    const copy = at("copy.db");
    expect(run("import", archive, "--store", copy).code).toBe(0);
    const again = run("import", archive, "--store", copy, "--json");
    expect(again.code).toBe(0);
    const events = facts(["export", "--store", db]).stdout.trim().split("\n").length;
    expect(JSON.parse(again.stdout)).toMatchObject({ events: 0, alreadyHeld: events });
    expect(facts(["export", "--store", copy]).stdout).toBe(facts(["export", "--store", db]).stdout);
  });

  it("import of an empty file (the export of an empty store) makes an empty store, and says so on stderr", () => {
    const empty = at("empty.ndjson");
    expect(run("export", "--store", at("copy-empty.db"), "--out", empty).code).toBe(1); // no store there: nothing to export
    writeFileSync(empty, "");
    const r = run("import", empty, "--store", at("from-empty.db"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported 0 events from .*empty\.ndjson into .*from-empty\.db/);
    expect(r.lines).toEqual([expect.stringMatching(/^note: .*empty\.ndjson holds no events \(the export of an empty store is an empty file\): .*from-empty\.db is an empty store$/)]);
    expect(facts(["export", "--store", at("from-empty.db")]).stdout).toBe("");
  });

  it("export: --out without a value, an extra argument, a folder or a missing folder as --out are named; nothing is written", () => {
    mkdirSync(at("folder"));
    const cases: Array<[string[], number, RegExp]> = [
      [["export", "--store", db, "--out"], 2, /^facts: export: --out needs a value/],
      [["export", "extra", "--store", db], 2, /^facts: export: unexpected argument "extra"/],
      [["export", "--store", db, "--out", at("folder")], 1, /^facts: --out: .*folder: is a folder, not a file; nothing was written$/],
      [["export", "--store", db, "--out", at("no/x.ndjson")], 1, /^facts: --out: .*no\/x\.ndjson: cannot write the archive \(ENOENT\); nothing was written$/],
      [["export", "--store", at("none.db")], 1, /^facts: no store at .*none\.db/],
    ];
    for (const [args, code, line] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.lines, args.join(" ")).toEqual([expect.stringMatching(line)]);
    }
    expect(readdirSync(at("folder"))).toEqual([]);
    expect(existsSync(at("no")) || existsSync(at("none.db"))).toBe(false);
  });

  it("migrate: a missing --to or --store is named, so are a target that is the source and two sources; a missing source makes no target", () => {
    const cases: Array<[string[], number, RegExp]> = [
      [["migrate", "--store", db], 2, /^facts: migrate: --to is required: the store to copy into\. Usage:/],
      [["migrate", "--to", at("t.db")], 2, /^facts: migrate: --store \(or --from\) is required: the store to copy from\. Usage:/],
      [["migrate", "--store", db, "--to", db], 1, /^facts: --to: the target is the source file/],
      [["migrate", "--store", db, "--from", at("other.db"), "--to", at("t.db")], 2, /^facts: migrate: --from and --store name the same thing/],
      [["migrate", "--store", at("none.db"), "--to", at("t.db")], 1, /^facts: no store at .*none\.db/],
      [["migrate", "--store", db, "--to", "bogus://x"], 1, /^facts: no registered store opens "bogus:\/\/x"/],
    ];
    for (const [args, code, line] of cases) {
      const r = run(...args);
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.lines, args.join(" ")).toEqual([expect.stringMatching(line)]);
    }
    expect(existsSync(at("t.db"))).toBe(false);
  });

  it("migrate run again after its target was removed copies everything again (the checkpoint is not trusted for an empty target)", () => {
    const target = at("m.db");
    const first = run("migrate", "--store", db, "--to", target, "--json");
    expect(first.code).toBe(0);
    const copied = JSON.parse(first.stdout).copied as number;
    expect(copied).toBeGreaterThan(0);
    for (const f of [target, `${target}-wal`, `${target}-shm`]) rmSync(f, { force: true });
    const again = run("migrate", "--store", db, "--to", target, "--json");
    expect(JSON.parse(again.stdout)).toMatchObject({ copied, skipped: 0 });
    expect(facts(["totals", "--json", "--store", target]).stdout).toBe(facts(["totals", "--json", "--store", db]).stdout);
  });
});
