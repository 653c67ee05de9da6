/**
 * `manifest.json`: sidecar metadata for the articles of a folder, keyed by
 * file name. Accepts an object `{ "file.txt": { publishedAt, outlet, url } }`
 * or an array `[{ "file": "file.txt", ... }]`; keys starting with `$` are
 * comments. Parsing is pure: reading the file is the caller's job.
 */
import * as E from "fp-ts/lib/Either.js";
import { DateOnly } from "@factledger/core";
import type { Sidecar } from "./Metadata.ts";

/** Sidecar metadata per file name. */
export type Manifest = ReadonlyMap<string, Sidecar>;

const str = (v: unknown): string | null | undefined => (v === undefined ? undefined : v === null ? null : typeof v === "string" ? v : undefined);

/** Validates a parsed manifest; the error names the entry and the problem. */
export const parse = (json: unknown): E.Either<string, Manifest> => {
  const entries: Array<[string, unknown]> = Array.isArray(json)
    ? json.map((e, i) => [typeof (e as { file?: unknown })?.file === "string" ? (e as { file: string }).file : `#${i}`, e])
    : typeof json === "object" && json !== null
      ? Object.entries(json).filter(([k]) => !k.startsWith("$"))
      : [];
  if (!Array.isArray(json) && (typeof json !== "object" || json === null)) return E.left("must be a JSON object keyed by file name, or an array of entries with a \"file\" field");
  const out = new Map<string, Sidecar>();
  for (const [file, raw] of entries) {
    if (file.startsWith("#")) return E.left(`entry ${file} has no "file" field`);
    if (typeof raw !== "object" || raw === null) return E.left(`entry "${file}" must be an object`);
    const r = raw as Record<string, unknown>;
    const publishedAt = str(r["publishedAt"]);
    const outlet = str(r["outlet"]);
    const url = str(r["url"]);
    if (publishedAt === undefined && r["publishedAt"] !== undefined) return E.left(`entry "${file}": publishedAt must be a string`);
    if (typeof publishedAt === "string" && !DateOnly.isDateOnly(publishedAt)) return E.left(`entry "${file}": publishedAt ${DateOnly.whyNotADay(publishedAt)}`);
    if (outlet === undefined && r["outlet"] !== undefined) return E.left(`entry "${file}": outlet must be a string`);
    if (url === undefined && r["url"] !== undefined) return E.left(`entry "${file}": url must be a string`);
    out.set(file, {
      source: "manifest",
      ...(publishedAt !== undefined ? { publishedAt } : {}),
      ...(outlet !== undefined ? { outlet } : {}),
      ...(url !== undefined ? { url } : {}),
    });
  }
  return E.right(out);
};
