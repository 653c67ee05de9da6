import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import * as P from "./Params.ts";

const parse = (q: string, accepted: readonly (keyof P.Params)[] = ["knownAt", "through", "metric", "direction", "position"]) => P.parse(new URLSearchParams(q), accepted);

describe("query parameters", () => {
  it("take the CLI's option names and their camelCase aliases", () => {
    expect(parse("known-at=2025-05-24&through=2025-05-23&metric=prisoners_returned")).toEqual(E.right({ knownAt: "2025-05-24", through: "2025-05-23", metric: "prisoners_returned" }));
    expect(parse("knownAt=2025-05-24")).toEqual(E.right({ knownAt: "2025-05-24" }));
  });

  it("a position is parsed as the CLI parses --position", () => {
    expect(parse("position=12")).toEqual(E.right({ position: { commit: 12n, prepare: 12n } }));
  });

  it("a day that is not a calendar day in YYYY-MM-DD form names the parameter by its CLI name", () => {
    expect(parse("knownAt=2025-02-30")).toEqual(E.left(P.badParam("known-at", `"2025-02-30" is not a day of the calendar`)));
    expect(parse("through=20250524")).toEqual(E.left(P.badParam("through", `"20250524" is not a date in YYYY-MM-DD form`)));
  });

  it("a parameter given twice, under either name, or empty, is refused", () => {
    expect(parse("known-at=2025-05-24&knownAt=2025-05-24")).toEqual(E.left(P.badParam("known-at", "given more than once")));
    expect(parse("metric=")).toEqual(E.left(P.badParam("metric", "is empty")));
  });

  it("a parameter the route does not take is named, with the ones it does", () => {
    expect(parse("metric=x", ["knownAt", "through"])).toEqual(E.left(P.badParam("metric", `unknown parameter "metric" (this route takes: known-at, through)`)));
  });
});
