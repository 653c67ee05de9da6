/**
 * Human output: aligned tables, numbers with thousands separators, intervals
 * written the way people write them ("≥ 6,001", "≈ 3,000", "undisclosed"),
 * and colour only on a terminal that wants it (NO_COLOR is respected).
 */

// Built on first use: making an Intl.NumberFormat loads ICU data (about 40 ms of every start-up).
let nf: Intl.NumberFormat | null = null;

/** 6000 → "6,000". Whole numbers (every count we print) are grouped by hand; anything else by Intl. */
export const num = (n: number): string => {
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ",");
  nf ??= new Intl.NumberFormat("en-US");
  return nf.format(n);
};

/** A reported value with its qualifier, as a reporter would write it. */
export const reported = (value: number | null, qualifier: string): string => {
  if (qualifier === "undisclosed" || value === null) return "undisclosed";
  switch (qualifier) {
    case "at_least":
      return `≥ ${num(value)}`;
    case "more_than":
      return `> ${num(value)}`;
    case "about":
    case "nearly":
      return `≈ ${num(value)}`;
    case "at_most":
      return `≤ ${num(value)}`;
    default:
      return num(value);
  }
};

/** Reconciled bounds: "697", "≥ 6,001", "2,850–3,000". */
/** "1 claim", "2 claims": a count with its noun, plural by "s". */
export const count = (n: number, noun: string): string => `${num(n)} ${noun}${n === 1 ? "" : "s"}`;

export const bounds = (lo: number, hi: number | null): string => (hi === null ? `≥ ${num(lo)}` : lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`);

/** A figure with its bounds, its best shown when the bounds alone do not give it: "251 (0–428)", "≥ 697", "1,000". */
export const figure = (best: number, lo: number, hi: number | null): string =>
  (hi === null && best === lo) || lo === hi ? bounds(lo, hi) : `${num(best)} (${bounds(lo, hi)})`;

/** Terminal styling, switched off when not wanted. */
export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly green: (s: string) => string;
}

const wrap = (on: boolean, open: number, close: number) => (s: string) => (on ? `\u001b[${open}m${s}\u001b[${close}m` : s);

/** Colour only on a TTY, and never when NO_COLOR is set. */
export const style = (isTTY: boolean, env: NodeJS.ProcessEnv): Style => {
  const on = isTTY && (env["NO_COLOR"] === undefined || env["NO_COLOR"] === "") && env["TERM"] !== "dumb";
  return { bold: wrap(on, 1, 22), dim: wrap(on, 2, 22), red: wrap(on, 31, 39), yellow: wrap(on, 33, 39), green: wrap(on, 32, 39) };
};

/** How many columns a string takes on a terminal (its code points, colours left out). */
// eslint-disable-next-line no-control-regex
export const visible = (s: string): number => [...s.replace(/\u001b\[[0-9;]*m/g, "")].length;

/**
 * An aligned table's lines, one at a time; columns whose header starts with ">" are right-aligned.
 * Two passes over the rows (widths, then lines), so that no row's cells outlive its line: a table
 * of a million claims is streamed, not built.
 */
export function* tableLines<A>(headers: readonly string[], rows: readonly A[], cellsOf: (a: A) => readonly string[], indent = "  "): Generator<string> {
  const right = headers.map((h) => h.startsWith(">"));
  const heads = headers.map((h) => h.replace(/^>/, ""));
  const widths = heads.map(visible);
  for (const r of rows) cellsOf(r).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell(c)))));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - visible(c)));
        return right[i] ? pad + c : i === cells.length - 1 ? c : c + pad;
      })
      .join("  ");
  yield line(heads);
  for (const r of rows) yield line(cellsOf(r).map(cell));
}

/** An aligned table as one string; columns whose header starts with ">" are right-aligned. */
export const table = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = "  "): string => [...tableLines(headers, rows, (r) => r, indent)].join("\n");

/**
 * A table cell or audit line for the terminal: text from articles and analysts is hostile until shown
 * otherwise, so a line break or tab in it becomes a space (it would break the row) and other control
 * characters, C1 included, become U+FFFD. ESC is kept: our own colours use it (on a terminal only).
 */
export const cell = (s: string): string =>
  // eslint-disable-next-line no-control-regex
  s.replace(/[\t\n\r\v\f\u2028\u2029]+/g, " ").replace(/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\u007f-\u009f]/g, "\uFFFD");

/**
 * Text inside Markdown (a table cell or a list item): one line (line breaks become spaces), and every
 * character that could open markup, a link, HTML or a table cell escaped with a backslash, so a
 * sentence like `| **x** <img src=…> [a](b)` prints as written. `_` inside a word (prisoners_returned)
 * is no emphasis in CommonMark and stays as it is. It is never at the start of a line (always after
 * "| " or "- "), so a leading # or 1. needs no escape.
 */
export const mdText = (s: string): string =>
  cell(s)
    .replace(/[\\`*[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace("_", "\\_"));

/** A Markdown table; every cell goes through mdText. */
export const mdTable = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string => {
  const heads = headers.map((h) => mdText(h.replace(/^>/, "")));
  return [`| ${heads.join(" | ")} |`, `| ${headers.map((h) => (h.startsWith(">") ? "---:" : "---")).join(" | ")} |`, ...rows.map((r) => `| ${r.map(mdText).join(" | ")} |`)].join("\n");
};

/**
 * One CSV line: RFC 4180 quoting (a field with a quote, comma or line break is quoted, quotes doubled),
 * and a text field that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
 * carriage return) is prefixed with ' (OWASP's advice). Numbers are written as numbers.
 */
export const csvLine = (cells: ReadonlyArray<string | number | null>): string =>
  cells
    .map((c) => {
      if (c === null) return "";
      if (typeof c === "number") return String(c);
      const safe = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
      return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    })
    .join(",");

/** Cuts a string to `width` visible characters, with an ellipsis (a cut line loses its colour). */
export const clip = (s: string, width: number): string => {
  if (visible(s) <= width) return s;
  // eslint-disable-next-line no-control-regex
  const plain = [...s.replace(/\u001b\[[0-9;]*m/g, "")];
  return `${plain.slice(0, Math.max(1, width - 1)).join("")}…`;
};

/**
 * Words laid out in lines of at most `width` visible characters: the first line starts with `first`, the
 * others with `rest`; runs of spaces become one. A word longer than a line is cut with an ellipsis. A
 * coloured word keeps its colour unless it is cut.
 */
export const wrapWords = (s: string, width: number, first: string, rest: string, clipLong = true): string[] => {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of s.split(" ").filter((w) => w !== "")) {
    if (visible(word) <= width - visible(line) - (empty ? 0 : 1)) {
      line += (empty ? "" : " ") + word;
      empty = false;
      continue;
    }
    if (!empty) lines.push(line), (line = rest);
    line += clipLong ? clip(word, width - visible(line)) : word;
    empty = false;
  }
  lines.push(line);
  return lines;
};
