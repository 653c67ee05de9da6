// Text from articles and analysts is hostile until shown otherwise: every renderer keeps it inside its
// cell (CSV, Markdown, the terminal) and no spreadsheet runs it as a formula.
import { describe, expect, it } from "vitest";
import * as R from "./Render.ts";

/** An RFC 4180 reader, to read back what csvLine wrote. */
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
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows;
};

const hostile = ['He said "1,000"', "a,b", "line one\nline two", "cr\r\nlf", "=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "plain", "| pipe | **bold** <img src=x onerror=alert(1)> [x](javascript:1) `code` \\ _u_ ~s~"];

describe("CSV", () => {
  it("reads back field for field, with quotes, commas and line breaks inside fields", () => {
    const line = R.csvLine(hostile.filter((h) => !/^[=+\-@\t]/.test(h)));
    expect(readCsv(`${line}\n`)).toEqual([hostile.filter((h) => !/^[=+\-@\t]/.test(h))]);
  });

  it("a text field that a spreadsheet would run as a formula is prefixed with ', and nothing else changes", () => {
    const [row] = readCsv(`${R.csvLine(["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "safe=1"])}\n`);
    expect(row).toEqual(["'=HYPERLINK(\"http://evil\")", "'+1+1", "'-2+3", "'@SUM(A1)", "'\tTAB", "'\rCR", "safe=1"]);
  });

  it("numbers stay numbers (a negative one is not a formula) and null is an empty field", () => {
    expect(R.csvLine([-5, 0, 1.5, null, "x"])).toBe("-5,0,1.5,,x");
  });
});

describe("Markdown", () => {
  /** The cells of a Markdown table row, split at the pipes that are not escaped. */
  const cellsOf = (row: string): string[] => row.slice(2, -2).split(/(?<!\\) \| /);

  it("a table row keeps one cell per column and one line, whatever the text holds", () => {
    const t = R.mdTable(["a", ">b"], [hostile.slice(9, 11), ["x|y", "line\nbreak"]]).split("\n");
    expect(t).toHaveLength(4);
    for (const row of t.slice(2)) expect(cellsOf(row)).toHaveLength(2);
    expect(t[3]).toBe("| x\\|y | line break |");
  });

  it("markup, HTML and links in source text are escaped, so they print as written", () => {
    const md = R.mdText("| **bold** <img src=x> [x](javascript:1) `code` \\ _u_ ~s~ prisoners_returned");
    expect(md).toBe("\\| \\*\\*bold\\*\\* \\<img src=x\\> \\[x\\](javascript:1) \\`code\\` \\\\ \\_u\\_ \\~s\\~ prisoners_returned");
    expect(md).not.toMatch(/(?<!\\)[<>[\]*`|~]/);
  });
});

describe("the terminal", () => {
  it("a line break or tab in a cell becomes a space and other control characters U+FFFD; our own colours survive", () => {
    expect(R.cell("a\nb\r\nc\td\u0007e\u009bf")).toBe("a b c d\uFFFDe\uFFFDf");
    expect(R.cell("\u001b[2mdim\u001b[22m")).toBe("\u001b[2mdim\u001b[22m");
  });

  it("an aligned table has one line per row even when a cell holds line breaks", () => {
    const lines = [...R.tableLines(["who", ">n"], [["Reuters\nEvil", "1"], ["AFP", "22"]], (r) => r)];
    expect(lines).toEqual(["  who            n", "  Reuters Evil   1", "  AFP           22"]);
  });

  it("num groups thousands as Intl does, without building a formatter for whole numbers", () => {
    for (const n of [0, 7, 999, 1000, -1000, 6000, 123456789, -9876543, Number.MAX_SAFE_INTEGER]) expect(R.num(n)).toBe(new Intl.NumberFormat("en-US").format(n));
    expect(R.num(1234.5)).toBe("1,234.5");
  });
});

describe("a figure with its bounds", () => {
  it("shows its best beside bounds that do not give it, and only the bounds when they do", () => {
    expect([R.figure(251, 40, 331), R.figure(697, 697, null), R.figure(1000, 1000, 1000), R.figure(5412, 5412, 10119)]).toEqual(["251 (40–331)", "≥ 697", "1,000", "5,412 (5,412–10,119)"]);
  });
});
