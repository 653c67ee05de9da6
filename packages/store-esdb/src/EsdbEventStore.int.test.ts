// The store contract suite against a real EventStoreDB/KurrentDB server. No server can be installed on the
// project's machines, so this runs only when ESDB_CONNECTION_STRING is set (see docs/eventstoredb.md).
import { describe, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { storeContract } from "@factledger/store/testing";
import { openEsdbStore } from "./EsdbEventStore.ts";

const connection = process.env["ESDB_CONNECTION_STRING"];

if (connection === undefined || connection === "") {
  console.warn("store-esdb: ESDB_CONNECTION_STRING is not set, so the store contract suite is skipped for EventStoreDB (no server can run here; see docs/eventstoredb.md)");
  describe.skip("eventstoredb store contract (needs ESDB_CONNECTION_STRING)", () => {
    it("runs the contract suite against a real server", () => {});
  });
} else {
  const run = `t${Date.now().toString(36)}`;
  let n = 0;
  storeContract("eventstoredb", {
    open: async () => {
      const r = openEsdbStore(connection);
      if (E.isLeft(r)) throw new Error(r.left._tag);
      return r.right;
    },
    prefix: () => `${run}-${++n}`,
    isolated: false,
  });
}
