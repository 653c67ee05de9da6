import { describe, expect, it } from "vitest";
import { sha256Hex } from "./Digest.ts";
import * as Ids from "./Ids.ts";

describe("content digests", () => {
  it("matches the SHA-256 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    expect(sha256Hex("Київ – “quotes”")).toHaveLength(64);
  });

  it("an article id ignores whitespace and line-ending differences but not words", () => {
    expect(Ids.articleIdOf("Russia and Ukraine\r\n swapped  390.")).toBe(Ids.articleIdOf("Russia and Ukraine\nswapped 390."));
    expect(Ids.articleIdOf("swapped 390.")).not.toBe(Ids.articleIdOf("swapped 391."));
  });

  it("event ids are UUIDs derived from their key", () => {
    const id = Ids.eventIdOf("claim:c1");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Ids.eventIdOf("claim:c1")).toBe(id);
    expect(Ids.eventIdOf("claim:c2")).not.toBe(id);
  });
});
