/**
 * Reading article files at the edge: which files an argument names, whether
 * each is a readable text (not empty, not binary, valid UTF-8, not huge), and
 * the manifest that dates them. Every problem names the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { Manifest } from "@factledger/extract";
import type { Sidecar } from "@factledger/extract";
import type { AppError } from "./AppError.ts";

/** The largest article accepted, in bytes. */
export const maxBytes = 10 * 1024 * 1024;

/** A file to read, or why an argument names none. */
export type Input = { readonly path: string } | { readonly path: string; readonly error: string };

/** Expands files and directories (a directory: its *.txt files, sorted). */
export const collect = (args: readonly string[]): Input[] => {
  const out: Input[] = [];
  for (const a of args) {
    if (!existsSync(a)) {
      out.push({ path: a, error: "no such file or directory" });
      continue;
    }
    if (statSync(a).isDirectory()) {
      const files = readdirSync(a)
        .filter((f) => /\.txt$/i.test(f))
        .sort()
        .map((f) => join(a, f));
      if (files.length === 0) out.push({ path: a, error: "directory has no .txt files" });
      out.push(...files.map((path) => ({ path })));
    } else out.push({ path: a });
  }
  return out;
};

/** Reads and checks one article file; the error is the reason, without the path. */
export const readText = (path: string): E.Either<string, string> => {
  let bytes: Buffer;
  try {
    if (statSync(path).size > maxBytes) return E.left(`file is larger than ${maxBytes / 1024 / 1024} MB`);
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return E.left(code === "EISDIR" ? "is a directory" : code === "ENOENT" ? "no such file or directory" : `cannot read: ${(e as Error).message}`);
  }
  if (bytes.length === 0) return E.left("file is empty");
  if (bytes.includes(0)) return E.left("binary file (contains NUL bytes), not an article");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return E.left("not valid UTF-8 text");
  }
  if (text.trim().length === 0) return E.left("file has no text (only whitespace)");
  return E.right(text.replace(/^\uFEFF/, ""));
};

/** Reads manifests once per file; a bad one is an error naming it. */
export const manifestReader = () => {
  const cache = new Map<string, E.Either<AppError, Manifest.Manifest>>();
  const load = (file: string): E.Either<AppError, Manifest.Manifest> => {
    let m = cache.get(file);
    if (m === undefined) {
      const bad = (reason: string): E.Either<AppError, never> => E.left({ _tag: "InvalidManifest", path: file, reason });
      if (!existsSync(file)) m = bad("no such manifest");
      else {
        try {
          const parsed = Manifest.parse(JSON.parse(readFileSync(file, "utf8")));
          m = E.isRight(parsed) ? parsed : bad(parsed.left);
        } catch (e) {
          m = bad(`not valid JSON (${(e as Error).message})`);
        }
      }
      cache.set(file, m);
    }
    return m;
  };
  /**
   * The manifest entry for a file: from the manifest given (`--manifest`), else manifest.json in the
   * file's directory, else in its parent (a corpus keeps `manifest.json` beside `articles/`). Entries
   * are keyed by file name, or by the path relative to the manifest's folder.
   */
  return (path: string, manifest?: string): E.Either<AppError, Sidecar | null> => {
    const candidates = manifest !== undefined ? [manifest] : [join(dirname(path), "manifest.json"), join(dirname(dirname(path)), "manifest.json")];
    for (const file of candidates) {
      if (manifest === undefined && !existsSync(file)) continue;
      const m = load(file);
      if (E.isLeft(m)) return m;
      const entry = m.right.get(basename(path)) ?? m.right.get(relative(dirname(file), path));
      if (entry !== undefined || manifest !== undefined || dirname(file) === dirname(path)) return E.right(entry ?? null);
    }
    return E.right(null);
  };
};
