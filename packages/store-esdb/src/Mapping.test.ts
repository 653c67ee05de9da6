import { describe, expect, it } from "vitest";
import { ANY, NO_STREAM, STREAM_EXISTS, StreamDeletedError, WrongExpectedVersionError, START } from "@eventstore/db-client";
import { ExpectedRevision } from "@factledger/store";
import * as M from "./Mapping.ts";

describe("port ↔ client mapping", () => {
  it("maps every expected revision to the client's sentinel or bigint", () => {
    expect(M.toClientExpected(ExpectedRevision.NoStream)).toBe(NO_STREAM);
    expect(M.toClientExpected(ExpectedRevision.StreamExists)).toBe(STREAM_EXISTS);
    expect(M.toClientExpected(ExpectedRevision.Any)).toBe(ANY);
    expect(M.toClientExpected(ExpectedRevision.Exact(9007199254740993n))).toBe(9007199254740993n);
  });

  it("keeps 64-bit positions exact, beyond what a JS number can hold", () => {
    const p = { commit: 18446744073709551615n, prepare: 18446744073709551614n };
    expect(M.toReadPosition(p)).toEqual(p);
    expect(M.toReadPosition("start")).toBe(START);
  });

  it("turns a recorded event into a stored event with its metadata, position and time", () => {
    const recorded = {
      streamId: "article-a",
      id: "00000000-0000-5000-8000-000000000001",
      revision: 3n,
      type: "ClaimReported",
      data: { x: 1 },
      metadata: { correlationId: "corr", causationId: "cause", extra: true },
      isJson: true,
      created: new Date("2025-06-20T10:00:00.000Z"),
      position: { commit: 9007199254740993n, prepare: 9007199254740992n },
    };
    const r = M.toStored(recorded);
    if (r._tag === "Left") throw new Error("expected a decoded event");
    const s = r.right;
    expect(s).toMatchObject({ streamId: "article-a", revision: 3n, eventId: recorded.id, type: "ClaimReported", data: { x: 1 }, recordedAt: "2025-06-20T10:00:00.000Z" });
    expect(s.position).toEqual({ commit: 9007199254740993n, prepare: 9007199254740992n });
    expect(s.metadata).toMatchObject({ correlationId: "corr", causationId: "cause" });
  });

  it("writes JSON events under our deterministic id", () => {
    const d = M.toEventData({ eventId: "00000000-0000-5000-8000-000000000002", type: "ArticleRecorded", data: { a: 1 }, metadata: { correlationId: null, causationId: null } });
    expect(d).toMatchObject({ id: "00000000-0000-5000-8000-000000000002", type: "ArticleRecorded", data: { a: 1 }, contentType: "application/json" });
  });

  it("translates the client's errors into the port's", () => {
    const wrong = new WrongExpectedVersionError(undefined, { streamName: "article-a", expected: NO_STREAM, current: 4n });
    expect(M.translateError(wrong, "article-a", ExpectedRevision.NoStream)).toEqual({ _tag: "VersionConflict", stream: "article-a", expected: ExpectedRevision.NoStream, actual: 4n });
    expect(M.translateError(StreamDeletedError.fromStreamName("article-b"), null, null)).toEqual({ _tag: "StreamDeleted", stream: "article-b" });
    expect(M.translateError({ type: "not-leader", message: "x", leader: { address: "10.0.0.2", port: 2113 } }, null, null)).toEqual({ _tag: "NotLeader", message: "the leader is 10.0.0.2:2113" });
    expect(M.translateError({ type: "unavailable", message: "down" }, null, null)._tag).toBe("Unavailable");
    expect(M.translateError({ type: "deadline-exceeded", message: "slow" }, null, null)._tag).toBe("DeadlineExceeded");
    expect(M.translateError(new Error("boom"), null, null)).toEqual({ _tag: "Unexpected", message: "boom" });
  });

  it("retries only what can get better, with capped exponential backoff", () => {
    expect(M.isTransient({ _tag: "Unavailable", message: "" })).toBe(true);
    expect(M.isTransient({ _tag: "NotLeader", message: "" })).toBe(true);
    expect(M.isTransient({ _tag: "VersionConflict", stream: "s", expected: ExpectedRevision.Any, actual: null })).toBe(false);
    expect([0, 1, 2, 10].map(M.backoffMs)).toEqual([100, 200, 400, 5000]);
  });

  it("accepts KurrentDB connection strings and filters this engine's event types", () => {
    expect(M.normaliseConnectionString("kurrentdb+discover://a:2113?tls=false")).toBe("esdb+discover://a:2113?tls=false");
    expect(M.normaliseConnectionString("esdb://a:2113")).toBe("esdb://a:2113");
    expect(new RegExp(M.eventTypeRegex(["ClaimReported", "ArticleRecorded"])).test("ClaimReported")).toBe(true);
    expect(new RegExp(M.eventTypeRegex(["ClaimReported"])).test("ClaimReportedX")).toBe(false);
    expect(M.isUserEvent({ type: "$metadata", streamId: "x" }, null)).toBe(false);
    expect(M.isUserEvent({ type: "ClaimReported", streamId: "$et-x" }, null)).toBe(false);
  });

  it("lower-cases the scheme, which the client matches case-sensitively", () => {
    expect(M.normaliseConnectionString("ESDB://a:2113?tls=false")).toBe("esdb://a:2113?tls=false");
    expect(M.normaliseConnectionString("Esdb+Discover://a:2113")).toBe("esdb+discover://a:2113");
    expect(M.normaliseConnectionString("KURRENTDB://a:2113")).toBe("esdb://a:2113");
  });

  it("refuses tlsVerifyCert=false, which the client ignores, and lets tlsVerifyCert=true through", () => {
    expect(M.unsupportedOption("esdb://a:2113?tls=true&tlsVerifyCert=false")).toContain("tlsCAFile");
    expect(M.unsupportedOption("esdb://a:2113?tlsVerifyCert=true")).toBeNull();
  });

  it("reads the deadline a connection string sets with the client's defaultDeadline option", () => {
    expect(M.deadlineOf("esdb://a:2113?tls=false&defaultDeadline=2500")).toBe(2500);
    expect(M.deadlineOf("esdb://a:2113?DEFAULT_DEADLINE=70")).toBe(70);
    expect(M.deadlineOf("esdb://a:2113?tls=false")).toBeNull();
  });

  it("masks credentials wherever a connection string appears in a text", () => {
    expect(M.redact("bad key\nesdb://admin:s3cret@a:2113?x=1\n   ^^^")).toBe("bad key\nesdb://***@a:2113?x=1\n   ^^^");
    expect(M.redact("esdb://a:2113")).toBe("esdb://a:2113");
  });

  it("takes 2^64−1, the server's 'no position', as no global position, which is refused as a starting point", () => {
    expect(M.fromClientPosition({ commit: M.unreported, prepare: M.unreported })).toEqual(M.noGlobalPosition);
    expect(M.fromClientPosition(undefined)).toEqual(M.noGlobalPosition);
    expect(M.fromClientPosition({ commit: 5n, prepare: 4n })).toEqual({ commit: 5n, prepare: 4n });
    expect(M.refusedStart(M.noGlobalPosition)?._tag).toBe("Unexpected");
    expect(M.refusedStart("start")).toBeNull();
    expect(M.refusedStart({ commit: 0n, prepare: 0n })).toBeNull();
  });

  it("keeps metadata that is not a JSON object whole, under raw", () => {
    expect(M.metadataOf("a note")).toEqual({ correlationId: null, causationId: null, raw: "a note" });
    expect(M.metadataOf(new Uint8Array(Buffer.from("not json")))).toEqual({ correlationId: null, causationId: null, raw: "not json" });
    expect(M.metadataOf([1, 2])).toEqual({ correlationId: null, causationId: null, raw: [1, 2] });
    expect(M.metadataOf(undefined)).toEqual({ correlationId: null, causationId: null });
    expect(M.metadataOf({ correlationId: "c", extra: 1 })).toEqual({ correlationId: "c", causationId: null, extra: 1 });
  });

  it("does not decode an event that is not JSON, and says which one it is", () => {
    const r = M.toStored({ streamId: "article-x", id: "e1", revision: 2n, type: "ArticleRecorded", isJson: false, data: new Uint8Array([36]), metadata: undefined, created: new Date(0), position: { commit: 9n, prepare: 8n } });
    expect(r).toEqual({ _tag: "Left", left: { _tag: "EventDecodeFailed", stream: "article-x", revision: 2n, position: "9/8", message: "event e1 (ArticleRecorded) is not JSON" } });
  });

  it("translates the raw gRPC errors the client leaves untyped, and CANCELLED from the server, into retryable errors", () => {
    expect(M.translateError({ code: 14, details: "No connection established" }, null, null)).toEqual({ _tag: "Unavailable", message: "No connection established" });
    expect(M.translateError({ code: 4, details: "Deadline exceeded" }, null, null)._tag).toBe("DeadlineExceeded");
    expect(M.translateError({ type: "cancelled", message: "1 CANCELLED: Call canceled" }, null, null)._tag).toBe("Unavailable");
    expect(M.isTransient(M.translateError({ type: "cancelled", message: "" }, null, null))).toBe(true);
    expect(M.translateError({ code: 16, details: "no" }, null, null)).toEqual({ _tag: "Unexpected", message: "access denied: no" });
  });

  it("says which stream an over-size append was for, and the server's limit", () => {
    const e = M.translateError({ type: "maximum-append-size-exceeded", message: "", maxAppendSize: 1048576 }, "article-a", null);
    expect(e._tag).toBe("Unexpected");
    expect(e._tag === "Unexpected" ? e.message : "").toMatch(/article-a.*1048576 bytes/);
  });
});
