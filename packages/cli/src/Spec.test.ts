// The truth in --help: every option a command's help names is accepted by its parser, and read by
// the module that runs the command (not accepted and then ignored).
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "./Args.ts";
import { commandHelp, commands, HELP_WIDTH, overview } from "./Spec.ts";

const src = fileURLToPath(new URL(".", import.meta.url));
const sources = [...readdirSync(join(src, "commands")).map((f) => join(src, "commands", f)), join(src, "Context.ts")].map((f) => readFileSync(f, "utf8")).join("\n");

describe("--help tells the truth", () => {
  for (const c of commands) {
    it(`every option in 'facts ${c.name} --help' is accepted and read`, () => {
      const named = [...commandHelp(c).matchAll(/^ {2}--([a-z-]+)(?: (\S+))?/gm)].map((m) => ({ name: m[1]!, arg: m[2] })).filter((o) => o.name !== "help");
      expect(named.length).toBe(c.options.length);
      const positionals = Array.from({ length: c.positionals[0] }, (_, i) => `x${i}`);
      for (const o of named) {
        expect(() => parse(c, [...positionals, `--${o.name}`, ...(o.arg === undefined ? [] : ["2025-06-20"])]), `--${o.name}`).not.toThrow();
        // Read somewhere by name: str(p, "x"), flag(p, "x"), dateArg(p, "x"); --debug is read by main.ts.
        if (o.name !== "debug") expect(sources, `facts ${c.name} --${o.name} is never read`).toMatch(new RegExp(`\\(p, "${o.name}"\\)`));
      }
    });
  }

  it("fits 100 columns: every line of the overview and of each command's help but the examples (they run as printed)", () => {
    expect(HELP_WIDTH).toBe(100);
    const wide = (text: string) => text.split("\n").filter((l) => [...l].length > HELP_WIDTH && !/^ {2}facts /.test(l));
    expect(wide(overview())).toEqual([]);
    for (const c of commands) expect(wide(commandHelp(c)), c.name).toEqual([]);
    // Nothing is lost to the wrapping: the help holds every word of the description and of each option's text.
    for (const c of commands) {
      const words = commandHelp(c).split(/\s+/);
      for (const w of [c.description, ...c.options.map((o) => o.description)].join(" ").split(/\s+/)) expect(words, `${c.name}: ${w}`).toContain(w);
    }
  });

  it("every command of the overview has a handler", () => {
    const table = readFileSync(join(src, "Commands.ts"), "utf8");
    for (const c of commands) expect(table).toMatch(new RegExp(`(^|\\s|")${c.name}"?: `, "m"));
  });
});
