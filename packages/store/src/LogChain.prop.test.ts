import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { sha256Hex } from "@factledger/core";
import * as LogChain from "./LogChain.ts";
import type { ChainedRecord } from "./LogChain.ts";

const nodeSha: LogChain.Sha256 = (s) => createHash("sha256").update(s, "utf8").digest("hex");

const text = fc.string({ unit: "binary", maxLength: 40 });
const json = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v));
const body = fc.record({
  streamId: text,
  revision: fc.bigInt({ min: 0n, max: 1n << 40n }),
  eventId: text,
  type: text,
  data: json,
  metadata: json,
  recordedAt: text,
});

/** A chain of records at positions 1..n, hashed with `sha`. */
const chainOf = (bodies: ReadonlyArray<Omit<ChainedRecord, "position" | "hash">>, sha: LogChain.Sha256): ChainedRecord[] => {
  let previous = LogChain.GENESIS;
  return bodies.map((b, i) => {
    const r = { ...b, position: BigInt(i + 1) };
    previous = LogChain.link(sha)(previous, r);
    return { ...r, hash: previous };
  });
};

const checkAll = (records: readonly ChainedRecord[]): Array<string | null> => {
  const check = LogChain.check(nodeSha);
  return records.map((r, i) => check(i === 0 ? null : { position: records[i - 1]!.position, hash: records[i - 1]!.hash! }, r));
};

describe("the log's hash chain", () => {
  it("hashes the documented preimage: a JSON array of the tag, the previous hash and the fields as strings", () => {
    const r = { position: 7n, streamId: "article-a", revision: 2n, eventId: "e-1", type: "ClaimReported", data: '{"v":1}', metadata: '{"correlationId":null}', recordedAt: "2025-06-20T00:00:00.000Z" };
    expect(LogChain.preimage(LogChain.GENESIS, r)).toBe(
      `["factledger-chain-1","${"0".repeat(64)}","7","article-a","2","e-1","ClaimReported","{\\"v\\":1}","{\\"correlationId\\":null}","2025-06-20T00:00:00.000Z"]`,
    );
    expect(LogChain.link(nodeSha)(LogChain.GENESIS, r)).toBe(nodeSha(LogChain.preimage(LogChain.GENESIS, r)));
  });

  it("the core's pure SHA-256 and node:crypto give the same chain", () => {
    fc.assert(fc.property(fc.array(body, { maxLength: 5 }), (bodies) => {
        expect(chainOf(bodies, sha256Hex)).toEqual(chainOf(bodies, nodeSha));
      }), { numRuns: 200 });
  });

  it("a chain as written checks at every link", () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 6 }), (bodies) => {
        expect(checkAll(chainOf(bodies, nodeSha))).toEqual(bodies.map(() => null));
      }),
    );
  });

  it("changing any field of one event breaks its link and only its link", () => {
    const field = fc.constantFrom("streamId", "revision", "eventId", "type", "data", "metadata", "recordedAt", "hash" as const);
    fc.assert(
      fc.property(fc.array(body, { minLength: 1, maxLength: 6 }), fc.nat(), field, (bodies, k, f) => {
        const records = chainOf(bodies, nodeSha);
        const i = k % records.length;
        const r = records[i]!;
        const changed: ChainedRecord = f === "revision" ? { ...r, revision: r.revision + 1n } : { ...r, [f]: `${r[f]}x` };
        records[i] = changed;
        const problems = checkAll(records);
        expect(problems[i]).toMatch(/does not match/);
        // An edited hash also breaks the next link, which was made from the original.
        problems.forEach((p, j) => {
          if (j !== i && !(f === "hash" && j === i + 1)) expect(p).toBeNull();
        });
      }),
    );
  });

  it("a removed or repeated event is named by the positions around it", () => {
    fc.assert(
      fc.property(fc.array(body, { minLength: 3, maxLength: 6 }), fc.nat(), (bodies, k) => {
        const records = chainOf(bodies, nodeSha);
        // Not the last: a log cut short at its end is seen only against a published head.
        const i = 1 + (k % (records.length - 2));
        const dropped = [...records.slice(0, i), ...records.slice(i + 1)];
        expect(checkAll(dropped)[i]).toContain(`positions ${i + 1}..${i + 1} are missing`);
        const repeated = [...records.slice(0, i + 1), records[i]!, ...records.slice(i + 1)];
        expect(checkAll(repeated)[i + 1]).toMatch(/out of order or repeated/);
      }),
    );
  });
});
