/**
 * The ingest use cases: files → extraction → one atomic append per article,
 * decided by the article stream's decider (a text already recorded yields no
 * events, so ingest is idempotent); near-duplicate texts are linked to the
 * most similar stored article as wire copies; re-extraction reads every
 * article again whose claims came from another extractor version.
 */
import * as E from "fp-ts/lib/Either.js";
import { ArticleStream, Events, Ids } from "@factledger/core";
import type { LedgerEvent } from "@factledger/core";
import { articleEvents, extract, reextractionEvents, Similarity, Clean, extractor } from "@factledger/extract";
import type { Extraction, Identified, Sidecar } from "@factledger/extract";
import { decodeStored, ExpectedRevision, foldAll } from "@factledger/store";
import type { NewEvent } from "@factledger/store";
import * as Err from "./AppError.ts";
import type { AppError } from "./AppError.ts";
import * as Files from "./Files.ts";
import type { Parts } from "./Parts.ts";
import * as PersistedLedger from "./PersistedLedger.ts";

/** What happened to one file. */
export interface Outcome {
  readonly path: string;
  readonly articleId: string;
  readonly claims: number;
  /** True unless this process appended the article (another run, or an earlier one, did). */
  readonly duplicate: boolean;
  readonly publishedAt: string | null;
  readonly undated: boolean;
  readonly copyOf: string | null;
  readonly notes: readonly string[];
  /** A known text given with a day its article does not have: the day to record with `facts date`. */
  readonly redate: string | null;
}

/** The result of an ingest run. */
export interface Result {
  readonly ingested: Outcome[];
  readonly rejected: Array<{ readonly path: string; readonly error: string }>;
}

/** Metadata given on the command line. */
export interface FlagMetadata {
  readonly publishedAt?: string;
  readonly outlet?: string;
  readonly url?: string;
  /** A manifest to read instead of the manifest.json beside (or above) each file. */
  readonly manifest?: string;
}

const toNew = (ids: readonly Identified[], correlationId: string): NewEvent[] =>
  ids.map((x, i) => ({ eventId: x.eventId, type: x.event.type, data: x.event, metadata: { correlationId, causationId: i === 0 ? null : ids[0]!.eventId } }));

/** Extracts one file as ingest would (no store), with flag and manifest metadata. */
export const extractFile = (path: string, flags: FlagMetadata, today: string, sidecarOf = Files.manifestReader()): E.Either<AppError, { text: string; extraction: Extraction }> => {
  const text = Files.readText(path);
  if (E.isLeft(text)) return E.left({ _tag: "UnreadableFile", path, reason: text.left });
  const sidecars: Sidecar[] = [];
  if (flags.publishedAt !== undefined || flags.outlet !== undefined || flags.url !== undefined)
    sidecars.push({ source: "flag", ...(flags.publishedAt !== undefined ? { publishedAt: flags.publishedAt } : {}), ...(flags.outlet !== undefined ? { outlet: flags.outlet } : {}), ...(flags.url !== undefined ? { url: flags.url } : {}) });
  const manifest = sidecarOf(path, flags.manifest);
  if (E.isLeft(manifest)) return manifest;
  if (manifest.right !== null) sidecars.push(manifest.right);
  return E.right({ text: text.right, extraction: extract({ text: text.right, path, today, sidecars }) });
};

const streamState = async (parts: Parts, stream: string): Promise<{ state: ArticleStream.State; first: { correlationId: unknown } | null }> => {
  const read = await parts.store.readStream(stream)();
  if (E.isLeft(read)) return Err.fail(Err.storeFailed(parts.where)(read.left));
  const events: LedgerEvent[] = [];
  for (const s of read.right) {
    const d = decodeStored(s);
    if (E.isLeft(d)) return Err.fail(Err.storeFailed(parts.where)(d.left));
    events.push(d.right);
  }
  return { state: ArticleStream.fold(events), first: read.right[0] === undefined ? null : { correlationId: read.right[0].metadata.correlationId } };
};

/** Ingests files and directories. `onProgress` is told after each file. */
export const ingest = async (parts: Parts, args: readonly string[], flags: FlagMetadata, onProgress: (done: number, total: number, path: string) => void = () => {}): Promise<Result> => {
  const inputs = Files.collect(args);
  const result: Result = { ingested: [], rejected: [] };
  const sidecarOf = Files.manifestReader();
  const signatures = await foldAll(parts.store, [] as Array<{ articleId: string; sig: number[] }>, (acc, e) => {
    if (e.type === "ArticleRecorded") {
      const spans = Clean.storySpans(e.text);
      acc.push({ articleId: e.articleId, sig: Similarity.signature(spans.map((s) => e.text.slice(s.start, s.end)).join("\n")) });
    }
    return acc;
  })();
  if (E.isLeft(signatures)) return Err.fail(Err.storeFailed(parts.where)(signatures.left));
  const known = signatures.right;
  // Every append of this run carries this id: it is how the run tells its own appends from another writer's.
  const correlationId = parts.ids.newId();
  let done = 0;
  for (const input of inputs) {
    done++;
    if ("error" in input) {
      result.rejected.push({ path: input.path, error: input.error });
      onProgress(done, inputs.length, input.path);
      continue;
    }
    const read = extractFile(input.path, flags, parts.clock.today(), sidecarOf);
    if (E.isLeft(read)) {
      const e = read.left;
      result.rejected.push({ path: input.path, error: e._tag === "UnreadableFile" && e.path === input.path ? e.reason : Err.describe(e) });
      onProgress(done, inputs.length, input.path);
      continue;
    }
    const { text, extraction: x } = read.right;
    const sig = Similarity.signature(x.story);
    let copyOf: Events.CopyOf | null = null;
    for (const k of known) {
      if (k.articleId === x.articleId) continue;
      const s = Similarity.estimate(sig, k.sig);
      if (s >= Similarity.copyThreshold && (copyOf === null || s > copyOf.similarity)) copyOf = { articleId: k.articleId, similarity: s };
    }
    const stream = Ids.articleStream(x.articleId);
    const before = await streamState(parts, stream);
    const identified = articleEvents(x, { text, path: input.path, recordedAt: parts.clock.now(), copyOf });
    const decided = ArticleStream.decide({ _tag: "Record", events: identified.map((i) => i.event) }, before.state);
    if (E.isLeft(decided)) return Err.fail({ _tag: "RuleViolated", violation: decided.left, store: parts.where });
    let duplicate = decided.right.length === 0;
    let redate = ArticleStream.redate(before.state, x.metadata.publishedAt);
    // A duplicate keeps the day it was recorded with (or dated to): that is the day reported, `redate` the day offered.
    let stored = before.state.publishedAt;
    if (!duplicate) {
      const r = await parts.store.appendToStream(stream, toNew(identified, correlationId), ExpectedRevision.NoStream)();
      if (E.isLeft(r) && r.left._tag !== "VersionConflict") return Err.fail(Err.storeFailed(parts.where)(r.left));
      // An append of the same ids by another writer succeeds as a retry: only the stream's first event says whose it is.
      const after = await streamState(parts, stream);
      duplicate = after.first?.correlationId !== correlationId;
      if (duplicate) {
        redate = ArticleStream.redate(after.state, x.metadata.publishedAt);
        stored = after.state.publishedAt;
      }
      else known.push({ articleId: x.articleId, sig });
    }
    result.ingested.push({
      path: input.path,
      articleId: x.articleId,
      claims: x.claims.length,
      duplicate,
      publishedAt: duplicate ? stored : x.metadata.publishedAt,
      undated: (duplicate ? stored : x.metadata.publishedAt) === null,
      copyOf: copyOf?.articleId ?? null,
      notes: x.metadata.notes,
      redate,
    });
    onProgress(done, inputs.length, input.path);
  }
  await PersistedLedger.advance(parts);
  return result;
};

/** One article read again. */
export interface Reextracted {
  readonly articleId: string;
  readonly superseded: number;
  readonly claims: number;
  readonly from: string;
}

/** Re-reads every article whose claims came from another extractor version. */
export const reextract = async (parts: Parts): Promise<Reextracted[]> => {
  const r = await foldAll(parts.store, new Map<string, ArticleStream.State>(), (acc, e, stored) => {
    if (!stored.streamId.startsWith("article-")) return acc;
    acc.set(stored.streamId, { ...ArticleStream.evolve(acc.get(stored.streamId) ?? ArticleStream.initial(), e), revision: stored.revision });
    return acc;
  })();
  if (E.isLeft(r)) return Err.fail(Err.storeFailed(parts.where)(r.left));
  const out: Reextracted[] = [];
  const current = `${extractor.name}@${extractor.version}`;
  for (const [stream, s] of r.right) {
    const e = s.recorded;
    if (e === null || s.extractor === current) continue;
    const sidecars: Sidecar[] = [];
    // The article's day is the ledger's (as recorded, or as an analyst dated it): a re-extraction reads the claims
    // again, never the day, which no re-extraction event changes. So the new claims' relative dates resolve
    // against that day even when the text alone has none (a day from a manifest recorded by a version-1
    // event is upcast as learned from the text, and the text does not give it). Outlet and URL given by a person are kept.
    const dated = s.publishedAt !== null;
    if (dated || e.learned.outlet === "flag" || e.learned.outlet === "manifest" || e.learned.url !== "none")
      sidecars.push({
        source: "flag",
        ...(dated ? { publishedAt: s.publishedAt } : {}),
        ...(e.learned.outlet === "flag" || e.learned.outlet === "manifest" ? { outlet: e.outlet } : {}),
        ...(e.learned.url !== "none" ? { url: e.url } : {}),
      });
    const x = extract({ text: e.text, path: e.path, today: parts.clock.today(), sidecars });
    const identified = reextractionEvents({ ...x, articleId: e.articleId }, s.claims, parts.clock.now());
    const decided = ArticleStream.decide({ _tag: "Reextract", articleId: e.articleId, extractor: current, events: identified.map((i) => i.event) }, s);
    if (E.isLeft(decided)) return Err.fail({ _tag: "RuleViolated", violation: decided.left, store: parts.where });
    if (decided.right.length === 0) continue;
    const w = await parts.store.appendToStream(stream, toNew(identified, parts.ids.newId()), s.revision === null ? ExpectedRevision.NoStream : ExpectedRevision.Exact(s.revision))();
    if (E.isLeft(w)) return Err.fail(Err.storeFailed(parts.where)(w.left));
    out.push({ articleId: e.articleId, superseded: s.claims.length, claims: x.claims.length, from: s.extractor ?? "unknown" });
  }
  await PersistedLedger.advance(parts);
  return out;
};
