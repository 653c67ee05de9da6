/**
 * The ingest service: files → extraction → one atomic append per article.
 * Idempotent by article id (the stream can be created once); near-duplicate
 * texts are linked to the earliest similar article as wire copies. Files that
 * cannot be read are reported and the rest are still recorded.
 */
import * as E from "fp-ts/lib/Either.js";
import { Events, Ids } from "@factledger/core";
import { articleEvents, extract, reextractionEvents, Similarity, Clean, extractor } from "@factledger/extract";
import type { Extraction, Identified, Sidecar } from "@factledger/extract";
import { ExpectedRevision, foldAll } from "@factledger/store";
import type { EventStore, NewEvent } from "@factledger/store";
import * as Files from "./Files.ts";
import { fromStore, UserError } from "./Errors.ts";

/** What happened to one file. */
export interface Outcome {
  readonly path: string;
  readonly articleId: string;
  readonly claims: number;
  readonly duplicate: boolean;
  readonly publishedAt: string | null;
  readonly undated: boolean;
  readonly copyOf: string | null;
  readonly notes: readonly string[];
}

/** The result of an ingest run. */
export interface Result {
  readonly ingested: Outcome[];
  readonly rejected: Array<{ readonly path: string; readonly error: string }>;
}

/** Clock and identity, read at the edge. */
export interface Runtime {
  readonly now: () => string;
  readonly today: () => string;
  readonly newId: () => string;
}

/** Sidecar metadata from flags. */
export interface FlagMetadata {
  readonly publishedAt?: string;
  readonly outlet?: string;
  readonly url?: string;
  /** A manifest.json to read instead of the one beside (or above) each file. */
  readonly manifest?: string;
}

const toNew = (ids: readonly Identified[], correlationId: string): NewEvent[] =>
  ids.map((x, i) => ({ eventId: x.eventId, type: x.event.type, data: x.event, metadata: { correlationId, causationId: i === 0 ? null : ids[0]!.eventId } }));

/** Signatures of the articles already stored, for wire-copy detection. */
const storedSignatures = async (store: EventStore, where: string): Promise<Array<{ articleId: string; sig: number[] }>> => {
  const r = await foldAll(store, [] as Array<{ articleId: string; sig: number[] }>, (acc, e) => {
    if (e.type === "ArticleRecorded") {
      const spans = Clean.storySpans(e.text);
      acc.push({ articleId: e.articleId, sig: Similarity.signature(spans.map((s) => e.text.slice(s.start, s.end)).join("\n")) });
    }
    return acc;
  })();
  if (E.isLeft(r)) throw fromStore(where, r.left);
  return r.right;
};

/** Extracts one file as ingest would (no store), with flag and manifest metadata. */
export const extractFile = (path: string, flags: FlagMetadata, today: string): { text: string; extraction: Extraction } => {
  const text = Files.readText(path);
  if (E.isLeft(text)) throw new UserError(`${path}: ${text.left}`);
  const sidecars: Sidecar[] = [];
  if (flags.publishedAt !== undefined || flags.outlet !== undefined || flags.url !== undefined)
    sidecars.push({ source: "flag", ...(flags.publishedAt !== undefined ? { publishedAt: flags.publishedAt } : {}), ...(flags.outlet !== undefined ? { outlet: flags.outlet } : {}), ...(flags.url !== undefined ? { url: flags.url } : {}) });
  const manifest = Files.sidecarOf(path, flags.manifest);
  if (manifest !== null) sidecars.push(manifest);
  return { text: text.right, extraction: extract({ text: text.right, path, today, sidecars }) };
};

/** Ingests files and directories. `onProgress` is told after each file. */
export const ingest = async (store: EventStore, where: string, args: readonly string[], flags: FlagMetadata, rt: Runtime, onProgress: (done: number, total: number) => void = () => {}): Promise<Result> => {
  const inputs = Files.collect(args);
  const result: Result = { ingested: [], rejected: [] };
  const known = await storedSignatures(store, where);
  const correlationId = rt.newId();
  let done = 0;
  for (const input of inputs) {
    done++;
    if ("error" in input) {
      result.rejected.push({ path: input.path, error: input.error });
      onProgress(done, inputs.length);
      continue;
    }
    let text: string, x: Extraction;
    try {
      ({ text, extraction: x } = extractFile(input.path, flags, rt.today()));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      result.rejected.push({ path: input.path, error: e.message.startsWith(input.path) ? e.message.slice(input.path.length + 2) : e.message });
      onProgress(done, inputs.length);
      continue;
    }
    const sig = Similarity.signature(x.story);
    let copyOf: Events.CopyOf | null = null;
    for (const k of known) {
      if (k.articleId === x.articleId) continue;
      const s = Similarity.estimate(sig, k.sig);
      if (s >= Similarity.copyThreshold && (copyOf === null || s > copyOf.similarity)) copyOf = { articleId: k.articleId, similarity: s };
    }
    const stream = Ids.articleStream(x.articleId);
    // The same text has the same article id: if its stream exists, it was recorded before.
    const existing = await store.readStream(stream)();
    if (E.isLeft(existing)) throw fromStore(where, existing.left);
    let duplicate = existing.right.length > 0;
    if (!duplicate) {
      const events = articleEvents(x, { text, path: input.path, recordedAt: rt.now(), copyOf });
      const r = await store.appendToStream(stream, toNew(events, correlationId), ExpectedRevision.NoStream)();
      if (E.isLeft(r)) {
        if (r.left._tag !== "VersionConflict") throw fromStore(where, r.left);
        duplicate = true; // another ingester recorded it between our check and our append
      } else known.push({ articleId: x.articleId, sig });
    }
    result.ingested.push({
      path: input.path,
      articleId: x.articleId,
      claims: x.claims.length,
      duplicate,
      publishedAt: x.metadata.publishedAt,
      undated: x.metadata.publishedAt === null,
      copyOf: copyOf?.articleId ?? null,
      notes: x.metadata.notes,
    });
    onProgress(done, inputs.length);
  }
  return result;
};

/** Re-reads every article whose claims came from another extractor version. */
export const reextract = async (store: EventStore, where: string, rt: Runtime): Promise<Array<{ articleId: string; superseded: number; claims: number; from: string }>> => {
  type Art = { e: Events.ArticleRecorded; stream: string; revision: bigint; claims: string[]; version: string };
  const r = await foldAll(store, new Map<string, Art>(), (acc, e, stored) => {
    if (e.type === "ArticleRecorded") acc.set(e.articleId, { e, stream: stored.streamId, revision: stored.revision, claims: [], version: `${e.extractor.name}@${e.extractor.version}` });
    const a = e.type === "ClaimReported" || e.type === "ArticleReextracted" ? acc.get(e.articleId ?? "") : undefined;
    if (a !== undefined && stored.streamId === a.stream) {
      a.revision = stored.revision;
      if (e.type === "ArticleReextracted") {
        a.claims = [];
        a.version = `${e.extractor.name}@${e.extractor.version}`;
      } else if (e.type === "ClaimReported" && e.origin === "extracted") {
        a.claims.push(e.claimId);
        a.version = `${e.extractor.name}@${e.extractor.version}`;
      }
    }
    return acc;
  })();
  if (E.isLeft(r)) throw fromStore(where, r.left);
  const out: Array<{ articleId: string; superseded: number; claims: number; from: string }> = [];
  const current = `${extractor.name}@${extractor.version}`;
  for (const a of r.right.values()) {
    if (a.version === current) continue;
    const e = a.e;
    const sidecars: Sidecar[] = [];
    // Metadata given by a person (flag or manifest) is kept; what came from the text is read again.
    if (e.learned.publishedAt === "flag" || e.learned.publishedAt === "manifest" || e.learned.outlet === "flag" || e.learned.outlet === "manifest" || e.learned.url !== "none")
      sidecars.push({
        source: "flag",
        ...(e.learned.publishedAt === "flag" || e.learned.publishedAt === "manifest" ? { publishedAt: e.publishedAt } : {}),
        ...(e.learned.outlet === "flag" || e.learned.outlet === "manifest" ? { outlet: e.outlet } : {}),
        ...(e.learned.url !== "none" ? { url: e.url } : {}),
      });
    const x = extract({ text: e.text, path: e.path, today: rt.today(), sidecars });
    const events = reextractionEvents({ ...x, articleId: e.articleId }, a.claims, rt.now());
    const w = await store.appendToStream(a.stream, toNew(events, rt.newId()), ExpectedRevision.Exact(a.revision))();
    if (E.isLeft(w)) throw fromStore(where, w.left);
    out.push({ articleId: e.articleId, superseded: a.claims.length, claims: x.claims.length, from: a.version });
  }
  return out;
};
