import { describe, expect, it } from "vitest";
import * as E from "fp-ts/lib/Either.js";
import { makeMemoryStore } from "./MemoryStore.ts";
import { makeRegistry, memoryFactory } from "./Registry.ts";
import type { StoreFactory } from "./Registry.ts";
import { makeMemoryCheckpoints } from "./Checkpoints.ts";
import { Any } from "./ExpectedRevision.ts";

const fake = (name: string, prefix: string): StoreFactory => ({
  name,
  locations: `${prefix}…`,
  accepts: (l) => l.startsWith(prefix),
  describe: (l) => `${name}(${l})`,
  open: async () => E.right({ ...makeMemoryStore(), description: name }),
});

describe("the store registry", () => {
  it("the first factory that accepts a location opens it", async () => {
    const r = makeRegistry([fake("pg", "postgres://"), fake("files", "")]);
    const s = await r.open("postgres://db", { create: false });
    expect(E.isRight(s) && s.right.description).toBe("pg");
    expect(r.describe("x.db")).toBe("files(x.db)");
  });

  it("a location no factory accepts is an error that lists what is accepted", async () => {
    const r = makeRegistry([fake("pg", "postgres://")]);
    expect(await r.open("mongo://x", { create: true })).toEqual(E.left({ _tag: "NotFound", message: 'no registered store opens "mongo://x" (accepted: postgres://…)' }));
  });

  it("a named memory store is shared by every open of its name in this process; a reader cannot create one", async () => {
    const a = await memoryFactory.open("memory:shared-test", { create: true });
    const b = await memoryFactory.open("memory:shared-test", { create: false });
    if (E.isLeft(a) || E.isLeft(b)) throw new Error("not opened");
    await a.right.appendToStream("s", [{ eventId: "e1", type: "T", data: {}, metadata: { correlationId: null, causationId: null } }], Any)();
    await a.right.close();
    expect((await b.right.readStream("s")()) as E.Either<unknown, unknown[]>).toMatchObject(E.right([{ eventId: "e1" }]));
    expect(E.isLeft(await memoryFactory.open("memory:never-made", { create: false }))).toBe(true);
  });

  it("memory checkpoints return what was saved under a name", async () => {
    const c = makeMemoryCheckpoints();
    expect(await c.load("x")()).toEqual(E.right(null));
    await c.save("x", { commit: 3n, prepare: 3n })();
    expect(await c.load("x")()).toEqual(E.right({ commit: 3n, prepare: 3n }));
  });
});
