/**
 * The page's files, shipped in this package's `assets/` folder and read once:
 * the HTML shell, the script and the style sheet. Nothing is fetched from
 * anywhere else, by the server or by the page.
 */
import { readFileSync } from "node:fs";

/** One file as served. */
export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const files: Readonly<Record<string, string>> = {
  "/index.html": "text/html; charset=utf-8",
  "/app.js": "text/javascript; charset=utf-8",
  "/app.css": "text/css; charset=utf-8",
  "/favicon.svg": "image/svg+xml",
};

/** The folder of the assets, beside `dist/`. */
export const folder = new URL("../assets/", import.meta.url);

/** Reads one asset as text (for the self-contained report). */
export const text = (name: string): string => readFileSync(new URL(name, folder), "utf8");

/** Every asset by its URL path. */
export const load = (): Map<string, Asset> => new Map(Object.entries(files).map(([path, type]) => [path, { type, body: readFileSync(new URL(path.slice(1), folder)) }]));
