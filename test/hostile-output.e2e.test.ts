// Hostile text reaches every renderer through the CLI: an analyst's claim whose claimant is a formula,
// a Markdown table breaker and a line break. CSV reads back field for field and runs nothing, the
// Markdown report keeps its columns, and the terminal table keeps one line per claim.
import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { facts, scratch, seeds } from "./cli.ts";

const s = scratch();
afterAll(s.cleanup);
const store = join(s.dir, "hostile.db");
const who = '=HYPERLINK("http://evil.example","x") | **B** <b>\nsecond, "line"';

/** An RFC 4180 reader. */
const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else field += ch;
  }
  return rows;
};

describe("hostile text in every output format", () => {
  it("is recorded as given", () => {
    expect(facts(["ingest", join(seeds, "004_aed729b3b5d47801.txt"), "--store", store]).code).toBe(0);
    const r = facts(["add-claim", "--metric", "prisoners_returned", "--direction", "to_ukraine", "--kind", "event", "--value", "303", "--valid-from", "2025-05-25", "--valid-to", "2025-05-25", "--attributed-to", who, "--reason", "-1+2 | `x`", "--store", store]);
    expect(r.code).toBe(0);
    expect(facts(["claims", "--store", store, "--json"]).json().claims.map((c: any) => c.attributedTo)).toContain(who);
  });

  it("CSV: every row has every column, the text reads back, and the formula is defused with '", () => {
    const csv = facts(["claims", "--format", "csv", "--store", store]).stdout;
    const rows = readCsv(csv);
    const [head, ...body] = rows;
    expect(body).toHaveLength(11);
    for (const r of body) expect(r).toHaveLength(head!.length);
    const col = head!.indexOf("attributedTo");
    expect(body.map((r) => r[col])).toContain(`'${who}`);
    expect(body.some((r) => r.some((f) => /^[=+\-@]/.test(f)))).toBe(false);
  });

  it("jsonl carries the text exactly, one object a line", () => {
    const lines = facts(["claims", "--format", "jsonl", "--store", store]).stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines.map((l) => JSON.parse(l).attributedTo)).toContain(who);
  });

  it("the terminal table keeps one line per claim", () => {
    const out = facts(["claims", "--store", store]).stdout.trimEnd().split("\n");
    // Header, 11 claims, a blank line and the count.
    expect(out).toHaveLength(14);
    expect(out.find((l) => l.includes("HYPERLINK"))).toContain('| **B** <b> second, "line"');
  });

  it("the Markdown report keeps its table columns and escapes the markup", () => {
    const md = facts(["report", "--format", "md", "--full", "--store", store]).stdout;
    const tables = md.split("\n").filter((l) => l.startsWith("| "));
    expect(tables.length).toBeGreaterThan(3);
    // Every row of a table has as many unescaped pipes as its header row.
    let header = -1;
    for (const l of md.split("\n")) {
      if (!l.startsWith("|")) {
        header = -1;
        continue;
      }
      const pipes = (l.match(/(?<!\\)\|/g) ?? []).length;
      if (header < 0) header = pipes;
      else expect(pipes, l).toBe(header);
    }
    expect(md).toContain("\\*\\*B\\*\\* \\<b\\> second");
    expect(md).not.toContain("<b>");
  });
});
