// The use cases on the in-memory store, without a process or a native module: the write rules
// (idempotent ingest, honest counts, wire copies, analyst rules, datings, re-extraction at an expected
// revision) and the views, decoded with their own codecs.
import { afterAll, describe, expect, it } from "vitest";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import type * as t from "io-ts";
import { Ids } from "@factledger/core";
import { ExpectedRevision, makeMemoryCheckpoints, makeMemoryStore } from "@factledger/store";
import type { EventStore } from "@factledger/store";
import * as App from "./App.ts";
import { countingIds, fixedClock } from "./Parts.ts";
import * as V from "./Views.ts";

const seeds = fileURLToPath(new URL("../../../seeds", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "facts-app-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const appOver = (store: EventStore, day = "2026-11-22", prefix = "run") =>
  App.make({ store, where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock(`${day}T12:00:00.000Z`), ids: countingIds(prefix) });

const right = <A>(r: E.Either<unknown, A>): A => {
  if (E.isLeft(r)) throw new Error(`expected a result, got ${JSON.stringify(r.left)}`);
  return r.right;
};

/** Decodes a view as a front end's reader would: through JSON and the view's codec. */
const decoded = <A>(codec: t.Type<A, unknown>, view: unknown): A => {
  const r = codec.decode(JSON.parse(JSON.stringify(view)));
  if (E.isLeft(r)) throw new Error(`the view does not decode with its codec: ${JSON.stringify(r.left[0]?.context.map((c) => c.key))}`);
  return r.right;
};

describe("ingest", () => {
  it("records each seed once; a second run appends nothing and says every article was a duplicate", async () => {
    const app = appOver(makeMemoryStore());
    const first = right(await app.ingest([seeds], {}));
    expect(first.ingested.map((i) => i.duplicate)).toEqual([false, false, false, false, false]);
    expect(first.ingested.reduce((n, i) => n + i.claims, 0)).toBe(27);
    const again = right(await app.ingest([seeds], {}));
    expect(again.ingested.every((i) => i.duplicate)).toBe(true);
    expect(decoded(V.ClaimsView, right(await app.claims({ knownAt: null }))).claims).toHaveLength(27);
  });

  it("two runs at once over one store count only what each appended: together, every article once", async () => {
    const store = makeMemoryStore();
    const [a, b] = await Promise.all([appOver(store, "2026-11-22", "a").ingest([seeds], {}), appOver(store, "2026-11-22", "b").ingest([seeds], {})]);
    const recorded = [...right(a).ingested, ...right(b).ingested].filter((i) => !i.duplicate);
    expect(recorded.map((i) => i.articleId).sort()).toEqual(right(a).ingested.map((i) => i.articleId).sort());
  });

  it("a republished copy is linked to the stored original", async () => {
    const original = readFileSync(join(seeds, "003_b12102c5caae9ef0.txt"), "utf8");
    writeFileSync(join(dir, "a.txt"), original);
    writeFileSync(join(dir, "b.txt"), `Reposted by a news aggregator\n${original.replace("Syrsky said", "Oleksandr Syrsky said")}`);
    const r = right(await appOver(makeMemoryStore()).ingest([join(dir, "a.txt"), join(dir, "b.txt")], {}));
    expect(r.ingested[1]!.copyOf).toBe(r.ingested[0]!.articleId);
  });

  it("an unreadable file is rejected by name and the others are recorded", async () => {
    writeFileSync(join(dir, "empty.txt"), "");
    const r = right(await appOver(makeMemoryStore()).ingest([join(dir, "empty.txt"), join(seeds, "004_aed729b3b5d47801.txt")], {}));
    expect(r.rejected).toEqual([{ path: join(dir, "empty.txt"), error: "file is empty" }]);
    expect(r.ingested).toHaveLength(1);
  });
});

describe("analyst actions", () => {
  it("a rejection of an unknown claim is a rule violation and appends nothing", async () => {
    const store = makeMemoryStore();
    const app = appOver(store);
    right(await app.ingest([join(seeds, "004_aed729b3b5d47801.txt")], {}));
    const before = right(await store.readAll("start", 1000)()).length;
    const r = await app.analyst({ _tag: "Reject", claimId: "c-none", reason: "x", analyst: "ana" });
    expect(E.isLeft(r) && r.left).toEqual({ _tag: "UnknownClaim", claimId: "c-none", store: "memory" });
    expect(right(await store.readAll("start", 1000)())).toHaveLength(before);
  });

  it("a correction changes the claim from its day on and not before", async () => {
    const store = makeMemoryStore();
    right(await appOver(store).ingest([seeds], {}));
    const c = right(await appOver(store).claims({ knownAt: null, metric: "bodies_returned", direction: "to_ukraine" })).claims.find((x) => x.value === 3600)!;
    right(await appOver(store, "2026-11-23").analyst({ _tag: "Correct", claimId: c.id, changes: { value: 6100 }, reason: "misprint", analyst: "ana" }));
    const on = async (day: string) => right(await appOver(store).claims({ knownAt: day })).claims.find((x) => x.id === c.id)!.value;
    expect([await on("2026-11-22"), await on("2026-11-23")]).toEqual([3600, 6100]);
  });

  it("an added claim naming an article the ledger does not have is refused", async () => {
    const r = await appOver(makeMemoryStore()).analyst({ _tag: "AddClaim", articleId: "nope", metric: "prisoners_returned", direction: "to_ukraine", kind: "event", value: 1, qualifier: "exact", validFrom: null, validTo: null, attributedTo: "X", reason: "r", analyst: "ana" });
    expect(E.isLeft(r) && r.left._tag === "RuleViolated" && r.left.violation).toEqual({ _tag: "UnknownArticle", articleId: "nope" });
  });
});

describe("dating an article", () => {
  it("an undated article enters past views once dated, the audit names the dating, and a second ingest with the day points to it", async () => {
    mkdirSync(join(dir, "undated"));
    const path = join(dir, "undated", "reuters.txt");
    copyFileSync(join(seeds, "002_3a353692aa7652b2.txt"), path);
    const store = makeMemoryStore();
    const first = right(await appOver(store).ingest([path], {})).ingested[0]!;
    expect(first.undated).toBe(true);
    const past = { knownAt: "2025-06-30", through: "2025-06-30" };
    const before = decoded(V.ReportView, right(await appOver(store).report(past)));
    expect([before.claims, before.undatedOutside]).toEqual([0, 1]);
    // The same text with a day: nothing is appended, and the outcome offers the dating.
    const again = right(await appOver(store).ingest([path], { publishedAt: "2025-06-20" })).ingested[0]!;
    expect([again.duplicate, again.redate]).toEqual([true, "2025-06-20"]);
    right(await appOver(store, "2026-11-23").date({ _tag: "DateArticle", articleId: first.articleId, publishedAt: "2025-06-20", reason: "the page says June 20", analyst: "ana" }));
    const after = decoded(V.ReportView, right(await appOver(store).report(past)));
    expect([after.claims, after.undatedOutside, after.undated]).toEqual([first.claims, 0, []]);
    const metric = decoded(V.ClaimsView, right(await appOver(store).claims({ knownAt: "2025-06-30" }))).claims.find((c) => c.metric.endsWith("_returned") && c.direction.startsWith("to_"))!;
    const audit = decoded(V.AuditView, right(await appOver(store).audit({ metric: metric.metric, direction: metric.direction, knownAt: null, through: null })));
    expect(audit.datings).toEqual([{ articleId: first.articleId, outlet: metric.outlet, path, publishedAt: "2025-06-20", previous: null, recordedOn: "2026-11-23", analyst: "ana", reason: "the page says June 20" }]);
    // Dating it again to the same day is refused; its stream holds the article, its claims and one dating.
    expect(E.isLeft(await appOver(store).date({ _tag: "DateArticle", articleId: first.articleId, publishedAt: "2025-06-20", reason: "again", analyst: "ana" }))).toBe(true);
    expect(right(await store.readStream(Ids.articleStream(first.articleId))()).map((e) => e.type).filter((x) => x !== "ClaimReported")).toEqual(["ArticleRecorded", "ArticleDated"]);
  });
});

describe("re-extraction", () => {
  it("an article read by an older extractor is read again at its stream's revision, once", async () => {
    const store = makeMemoryStore();
    const text = readFileSync(join(seeds, "004_aed729b3b5d47801.txt"), "utf8");
    const articleId = Ids.articleIdOf(text);
    const meta = { correlationId: null, causationId: null };
    right(
      await store.appendToStream(Ids.articleStream(articleId), [
        { eventId: Ids.eventIdOf("old"), type: "ArticleRecorded", data: { type: "ArticleRecorded", version: 1, articleId, text, publishedAt: "2025-05-24", outlet: null, url: null, recordedAt: "2025-05-25T00:00:00.000Z" }, metadata: meta },
      ], ExpectedRevision.NoStream)(),
    );
    const app = appOver(store);
    expect(right(await app.reextract())).toEqual([{ articleId, superseded: 0, claims: 10, from: "unknown@0" }]);
    expect(right(await app.reextract())).toEqual([]);
    expect(right(await store.readStream(Ids.articleStream(articleId))()).map((e) => e.revision)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)));
  });
});

describe("views", () => {
  it("every view of the seeds decodes with its codec", async () => {
    const store = makeMemoryStore();
    const app = appOver(store);
    decoded(V.IngestView, { ...right(await app.ingest([seeds], {})), ingested: right(await app.ingest([seeds], {})).ingested.map(({ notes: _n, ...x }) => x) });
    const axes = { knownAt: "2025-06-30", through: "2025-06-30" };
    expect(decoded(V.TotalsView, right(await app.totals(axes))).totals.length).toBeGreaterThan(0);
    expect(decoded(V.DiscrepanciesView, right(await app.discrepancies(axes))).knownAt).toBe("2025-06-30");
    expect(decoded(V.ReportView, right(await app.report(axes))).articles).toBe(5);
    const q = { metric: "prisoners_returned", direction: "to_ukraine", knownAt: null, through: null };
    const audit = decoded(V.AuditView, right(await app.audit(q)));
    expect(audit.changes.every((c) => c.causes.length > 0 || c.articleId === null)).toBe(true);
    expect(decoded(V.TimelineView, right(await app.timeline(q))).points.length).toBeGreaterThan(0);
  });

  it("an unknown direction is an error that lists the known ones", async () => {
    const r = await appOver(makeMemoryStore()).claims({ knownAt: null, direction: "to_mars" });
    expect(E.isLeft(r) && r.left).toEqual({ _tag: "InvalidArgument", argument: "--direction", message: 'unknown direction "to_mars" (known: each_side, to_russia, to_ukraine, total)' });
  });

  it("an audit as known on a day has only the changes known by then", async () => {
    const app = appOver(makeMemoryStore());
    right(await app.ingest([seeds], {}));
    const q = { metric: "prisoners_returned", direction: "to_ukraine", through: null };
    const all = right(await app.audit({ ...q, knownAt: null })).changes;
    const may = right(await app.audit({ ...q, knownAt: "2025-05-24" })).changes;
    expect(may.length).toBeGreaterThan(0);
    expect(may.length).toBeLessThan(all.length);
    expect(may).toEqual(all.filter((c) => c.knownAt <= "2025-05-24"));
  });
});
