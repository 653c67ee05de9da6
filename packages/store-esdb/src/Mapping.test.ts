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
    const s = M.toStored(recorded as never);
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
});
