/**
 * Human output: aligned tables, numbers with thousands separators, intervals
 * written the way people write them ("≥ 6,001", "≈ 3,000", "undisclosed"),
 * and colour only on a terminal that wants it (NO_COLOR is respected).
 */

const nf = new Intl.NumberFormat("en-US");

/** 6000 → "6,000". */
export const num = (n: number): string => nf.format(n);

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
export const bounds = (lo: number, hi: number | null): string => (hi === null ? `≥ ${num(lo)}` : lo === hi ? num(lo) : `${num(lo)}–${num(hi)}`);

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

// eslint-disable-next-line no-control-regex
const visible = (s: string): number => [...s.replace(/\u001b\[[0-9;]*m/g, "")].length;

/** An aligned table; columns whose header starts with ">" are right-aligned. */
export const table = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, indent = "  "): string => {
  const right = headers.map((h) => h.startsWith(">"));
  const heads = headers.map((h) => h.replace(/^>/, ""));
  const widths = heads.map((h, i) => Math.max(visible(h), ...rows.map((r) => visible(r[i] ?? ""))));
  const line = (cells: readonly string[]) =>
    indent +
    cells
      .map((c, i) => {
        const pad = " ".repeat(Math.max(0, widths[i]! - visible(c)));
        return right[i] ? pad + c : i === cells.length - 1 ? c : c + pad;
      })
      .join("  ");
  return [line(heads), ...rows.map(line)].join("\n");
};

/** A Markdown table. */
export const mdTable = (headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string => {
  const heads = headers.map((h) => h.replace(/^>/, ""));
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [`| ${heads.join(" | ")} |`, `| ${headers.map((h) => (h.startsWith(">") ? "---:" : "---")).join(" | ")} |`, ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`)].join("\n");
};

/** One CSV line (RFC 4180 quoting). */
export const csvLine = (cells: ReadonlyArray<string | number | null>): string =>
  cells.map((c) => (c === null ? "" : typeof c === "number" ? String(c) : /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");

/** Cuts a string to `width` visible characters, with an ellipsis (a cut line loses its colour). */
export const clip = (s: string, width: number): string => {
  if (visible(s) <= width) return s;
  // eslint-disable-next-line no-control-regex
  const plain = [...s.replace(/\u001b\[[0-9;]*m/g, "")];
  return `${plain.slice(0, Math.max(1, width - 1)).join("")}…`;
};
