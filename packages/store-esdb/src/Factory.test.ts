import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { esdbFactory, installHint } from "./Factory.ts";

describe("the EventStoreDB factory", () => {
  it("accepts EventStoreDB and KurrentDB connection strings and nothing else", () => {
    const f = esdbFactory();
    for (const s of ["esdb://localhost:2113?tls=false", "ESDB+discover://a,b", "kurrentdb://x", "kurrent+discover://y"]) expect(f.accepts(s)).toBe(true);
    for (const s of ["factledger.db", "memory:", "postgres://x", "/tmp/esdb://.db"]) expect(f.accepts(s)).toBe(false);
  });

  it("says how to install the client when it is missing, instead of failing on the import", async () => {
    const notInstalled = Object.assign(new Error("Cannot find package '@eventstore/db-client' imported from x.js"), { code: "ERR_MODULE_NOT_FOUND" });
    const f = esdbFactory({ load: () => Promise.reject(notInstalled) });
    expect(await f.open("esdb://localhost:2113?tls=false", { create: false })).toEqual(E.left({ _tag: "Unavailable", message: installHint }));
  });

  it("hides the password of a connection string in descriptions", () => {
    expect(esdbFactory().describe("esdb://admin:changeit@host:2113")).toBe("esdb://***@host:2113");
  });
});
