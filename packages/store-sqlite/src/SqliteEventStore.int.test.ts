import { afterAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import * as E from "fp-ts/lib/Either.js";
import { storeContract } from "@factledger/store/testing";
import { openSqliteStore } from "./SqliteEventStore.ts";

const dir = mkdtempSync(join(tmpdir(), "factledger-sqlite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeContract("sqlite", {
  open: async () => {
    const r = openSqliteStore(join(dir, `contract-${++n}.db`), { pollMs: 10 });
    if (E.isLeft(r)) throw new Error(r.left._tag);
    return r.right;
  },
  prefix: () => `sq${n}`,
  isolated: true,
});

describe("the embedded store on disk", () => {
  it("refuses to open a file that is not a store, naming the file", () => {
    const bad = join(dir, "not-a-db.db");
    writeFileSync(bad, "this is plain text, not SQLite, and it is long enough to have a header".repeat(20));
    const r = openSqliteStore(bad);
    expect(E.isLeft(r) && r.left._tag).toBe("Corrupt");
    expect(E.isLeft(r) && "message" in r.left && r.left.message).toContain("not-a-db.db");
  });

  it("does not create a store for a reader when none exists", () => {
    const r = openSqliteStore(join(dir, "absent.db"), { create: false });
    expect(E.isLeft(r) && r.left._tag).toBe("NotFound");
  });

  it("a process killed in the middle of an append leaves no half-written batch", async () => {
    const file = join(dir, "crash.db");
    const script = join(dir, "crash-writer.mjs");
    // The writer appends big batches in a loop and is killed while one is in flight.
    writeFileSync(
      script,
      `import { openSqliteStore } from ${JSON.stringify(new URL("../dist/index.js", import.meta.url).href)};
       import { ExpectedRevision } from ${JSON.stringify(pathToFileURL(createRequire(import.meta.url).resolve("@factledger/store")).href)};
       const store = openSqliteStore(${JSON.stringify(file)}).right;
       if (!store) throw new Error("could not open the store");
       let i = 0;
       process.stdout.write("ready\\n");
       for (;;) {
         i++;
         const events = Array.from({ length: 2000 }, (_, k) => ({ eventId: "e-" + i + "-" + k, type: "Tested", data: { i, k, pad: "x".repeat(200) }, metadata: { correlationId: null, causationId: null } }));
         await store.appendToStream("batch-" + i, events, ExpectedRevision.NoStream)();
       }`,
    );
    const child = spawn(process.execPath, [script], { cwd: join(new URL(".", import.meta.url).pathname, ".."), stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    await new Promise((r) => setTimeout(r, 700));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const reopened = openSqliteStore(file);
    expect(E.isRight(reopened)).toBe(true);
    if (E.isLeft(reopened)) return;
    const counts = reopened.right.db.prepare("SELECT stream_id, COUNT(*) AS n FROM events GROUP BY stream_id").all() as Array<{ n: number }>;
    expect(counts.length).toBeGreaterThan(0);
    for (const c of counts) expect(c.n).toBe(2000);
    await reopened.right.close();
  });
});
