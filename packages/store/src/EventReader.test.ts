import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { makeMemoryStore } from "./MemoryStore.ts";
import { readLedger } from "./EventReader.ts";
import * as ER from "./ExpectedRevision.ts";

const article = (id: string) => ({
  type: "ArticleRecorded",
  version: 1,
  articleId: id,
  text: "Some text",
  publishedAt: "2025-06-01",
  outlet: "Wire",
  url: null,
  recordedAt: "2025-06-02T00:00:00.000Z",
});

describe("reading the ledger back", () => {
  it("upcasts a version 1 article and folds it", async () => {
    const store = makeMemoryStore();
    await store.appendToStream("article-a", [{ eventId: "00000000-0000-4000-8000-000000000001", type: "ArticleRecorded", data: article("a"), metadata: { correlationId: null, causationId: null } }], ER.NoStream)();
    const r = await readLedger(store)();
    expect(E.isRight(r) && r.right.articles.get("a")?.knownAt).toBe("2025-06-01");
  });

  it("an event that fails its codec is an error naming its stream and position, not a skip", async () => {
    const store = makeMemoryStore();
    await store.appendToStream("article-a", [{ eventId: "00000000-0000-4000-8000-000000000001", type: "ArticleRecorded", data: article("a"), metadata: { correlationId: null, causationId: null } }], ER.NoStream)();
    await store.appendToStream("article-b", [{ eventId: "00000000-0000-4000-8000-000000000002", type: "ClaimReported", data: { version: 2, claimId: 5 }, metadata: { correlationId: null, causationId: null } }], ER.NoStream)();
    const r = await readLedger(store)();
    expect(E.isLeft(r)).toBe(true);
    if (E.isLeft(r)) {
      expect(r.left._tag).toBe("EventDecodeFailed");
      expect(r.left).toMatchObject({ stream: "article-b", revision: 0n, position: "2/2" });
    }
  });

  it("an unknown event type is an error too", async () => {
    const store = makeMemoryStore();
    await store.appendToStream("x", [{ eventId: "00000000-0000-4000-8000-000000000003", type: "SomethingElse", data: {}, metadata: { correlationId: null, causationId: null } }], ER.NoStream)();
    const r = await readLedger(store)();
    expect(E.isLeft(r) && r.left._tag === "EventDecodeFailed" && r.left.message).toContain("unknown event type");
  });
});
