/**
 * Large answers written as a stream: lines are produced one at a time by
 * generators, gathered into chunks of about 64 KB and handed to stdout with
 * its backpressure respected, so a million claims never become one string
 * and a slow pipe never makes the process buffer the whole answer.
 * The JSON written this way is byte for byte what `JSON.stringify(view, _, 2)` gives.
 */

/** Where a stream goes: resolves when the chunk was taken (or queued within the stream's limit). */
export type Write = (chunk: string) => Promise<void>;

const chunkSize = 1 << 16;

/** Writes every line (each followed by a newline) in chunks, waiting whenever the reader is behind. */
export const lines = async (write: Write, source: Iterable<string>): Promise<void> => {
  let buf = "";
  for (const l of source) {
    buf += `${l}\n`;
    if (buf.length >= chunkSize) {
      await write(buf);
      buf = "";
    }
  }
  if (buf !== "") await write(buf);
};

/** Bigints as strings, as every JSON answer of the CLI prints them. */
export const replacer = (_k: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);

const indent = (json: string, by: string): string => json.replace(/\n/g, `\n${by}`);

/**
 * The lines of `JSON.stringify(view, replacer, 2)`, with the array under `key` written one element
 * at a time (the other fields are small and written whole).
 */
export function* json(view: object, key: string): Generator<string> {
  // The fields JSON.stringify leaves out (checked by type: stringifying the rows to find out would build the very string we avoid).
  const entries = Object.entries(view).filter(([, v]) => v !== undefined && typeof v !== "function" && typeof v !== "symbol");
  if (entries.length === 0) {
    yield "{}";
    return;
  }
  yield "{";
  for (let e = 0; e < entries.length; e++) {
    const [k, v] = entries[e]!;
    const comma = e < entries.length - 1 ? "," : "";
    const name = JSON.stringify(k);
    if (k !== key || !Array.isArray(v) || v.length === 0) {
      yield `  ${name}: ${indent(JSON.stringify(v, replacer, 2), "  ")}${comma}`;
      continue;
    }
    yield `  ${name}: [`;
    for (let i = 0; i < v.length; i++) yield `    ${indent(JSON.stringify(v[i], replacer, 2) ?? "null", "    ")}${i < v.length - 1 ? "," : ""}`;
    yield `  ]${comma}`;
  }
  yield "}";
}

/** One JSON object a line (`--format jsonl`): the rows of a view, nothing else. */
export function* jsonl(rows: Iterable<unknown>): Generator<string> {
  for (const r of rows) yield JSON.stringify(r, replacer) ?? "null";
}

/** Maps rows to lines lazily. */
export function* map<A>(rows: Iterable<A>, f: (a: A) => string): Generator<string> {
  for (const r of rows) yield f(r);
}
