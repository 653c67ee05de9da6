import { describe, expect, it } from "vitest";
import * as AE from "./AppError.ts";

describe("errors as data", () => {
  it("a store error names the store once, whether or not the adapter's message already does", () => {
    expect(AE.describe(AE.storeFailed("x.db")({ _tag: "Corrupt", message: "x.db: file is not a database" }))).toBe("x.db: store is corrupt: file is not a database");
    expect(AE.describe(AE.storeFailed("x.db")({ _tag: "Locked", message: "database is locked" }))).toBe("x.db: store is locked: database is locked");
    expect(AE.describe(AE.storeFailed("x.db")({ _tag: "NotFound", message: "no store at x.db" }))).toBe("no store at x.db");
  });

  it("each kind names what is at fault in one line", () => {
    const lines = [
      AE.describe({ _tag: "UnreadableFile", path: "a.txt", reason: "file is empty" }),
      AE.describe({ _tag: "InvalidManifest", path: "m.json", reason: "no such manifest" }),
      AE.describe({ _tag: "UnknownClaim", claimId: "c1", store: "x.db" }),
      AE.describe({ _tag: "RuleViolated", violation: { _tag: "UnknownArticle", articleId: "a1" }, store: "x.db" }),
      AE.describe(AE.invalidArgument("--known-at", "not a day")),
      AE.describe(AE.usage("audit needs --metric M and --direction D")),
    ];
    expect(lines).toEqual(["a.txt: file is empty", "m.json: no such manifest", "claim c1: no such claim in x.db (see 'facts claims')", "article a1: no such article in x.db", "--known-at: not a day", "audit needs --metric M and --direction D"]);
    expect(lines.every((l) => !l.includes("\n") && !l.startsWith("facts"))).toBe(true);
  });

  it("a Failure carries its error back out as data", () => {
    expect(() => AE.fail(AE.usage("u"))).toThrow(AE.Failure);
    try {
      AE.fail(AE.usage("u"));
    } catch (e) {
      expect((e as AE.Failure).error).toEqual({ _tag: "Usage", message: "u" });
    }
  });
});
