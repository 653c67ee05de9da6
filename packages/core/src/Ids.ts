/**
 * Deterministic identities. An article is identified by the hash of its
 * normalised text, a claim by its article, extractor version and evidence,
 * and every stored event by a UUID derived from what it records, so that a
 * retried or repeated ingest produces the very same ids in every store.
 */
import { sha256Hex } from "./Digest.ts";

/** Collapses whitespace and Unicode forms so that re-saved copies of one text hash alike. */
export const normaliseText = (text: string): string =>
  text.normalize("NFC").replace(/\r\n?/g, "\n").replace(/[ \t\u00a0]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();

/** The article id: the first 128 bits of SHA-256 over the normalised text, in hex. */
export const articleIdOf = (text: string): string => sha256Hex(normaliseText(text)).slice(0, 32);

/** The stream that holds one article's events. */
export const articleStream = (articleId: string): string => `article-${articleId}`;

/** The stream that holds an analyst's events about one claim. */
export const analystStream = (claimId: string): string => `analyst-${claimId}`;

/** A claim id derived from the article, the extractor version and what the claim says. */
export const claimIdOf = (parts: ReadonlyArray<string | number | null>): string =>
  `c${sha256Hex(parts.map((p) => (p === null ? "\u0000" : String(p))).join("\u0001")).slice(0, 24)}`;

/** A UUID (version 5 layout, SHA-256 based) derived from a key; stores use it as the event id. */
export const eventIdOf = (key: string): string => {
  const hex = sha256Hex(`factledger-event:${key}`);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
