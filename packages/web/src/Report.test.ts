import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as E from "fp-ts/lib/Either.js";
import { App, countingIds, fixedClock } from "@factledger/app";
import { makeMemoryCheckpoints, makeMemoryStore } from "@factledger/store";
import * as Report from "./Report.ts";

const dir = mkdtempSync(join(tmpdir(), "facts-web-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostile = `</script><script>alert(1)</script> KYIV, June 28 - <img src=x onerror=alert(2)> Ukraine said 12 prisoners of war were returned home on Saturday. <!-- -->\u2028`;

describe("the html report", () => {
  it("embeds a hostile article's text as data that cannot end the script element it sits in", async () => {
    const app = App.make({ store: makeMemoryStore(), where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });
    const file = join(dir, "hostile.txt");
    writeFileSync(file, hostile);
    const r = await app.ingest([file], { publishedAt: "2025-06-28", outlet: "<b>Outlet</b>" });
    expect(E.isRight(r)).toBe(true);
    const html = await Report.html(app, { today: "2026-11-22" });
    // Our own two script elements and nothing else: the article's "</script><script>" stayed inside the JSON.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>Outlet");
    const data = JSON.parse(/<script type="application\/json" id="factledger-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const article = data.blobs.find((b: any) => typeof b.text === "string");
    expect(article.text).toBe(hostile);
    expect(article.article.outlet).toBe("<b>Outlet</b>");
    expect(data.days).toEqual(["2025-06-28"]);
  });

  it("as known on a day: opens on exactly that day, and holds nothing learned after it", async () => {
    const app = App.make({ store: makeMemoryStore(), where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });
    const files = [["early.txt", "Ukraine said 12 prisoners of war were returned home on Saturday.", "2025-06-14"], ["mid.txt", "Ukraine said 30 prisoners of war were returned home on Friday.", "2025-06-20"], ["late.txt", "Lubinets said 7,777 Ukrainians had been returned since the invasion.", "2025-07-02"]] as const;
    for (const [name, text, day] of files) {
      writeFileSync(join(dir, name), text);
      expect(E.isRight(await app.ingest([join(dir, name)], { publishedAt: day }))).toBe(true);
    }
    const html = await Report.html(app, { today: "2026-11-22", knownAt: "2025-06-22", through: "2025-06-22" });
    const data = JSON.parse(/id="factledger-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    // 2025-06-22 is no publication day: the page still opens on it, not on the stop before (June 20).
    expect(data.initial).toEqual({ knownAt: "2025-06-22", through: "2025-06-22" });
    expect(data.days.at(-1)).toBe("2025-06-22");
    expect(html).not.toContain("7,777");
    expect(html).toContain("<title>factledger report, known at 2025-06-22</title>");
    const view = data.blobs[data.keys["report?known-at=2025-06-22&through=2025-06-22"]];
    expect(view.totals.find((t: any) => t.metric === "prisoners_returned" && t.direction === "to_ukraine").best).toBe(42);
  });

  it("an empty store makes a page that says so, with no slider stops", async () => {
    const app = App.make({ store: makeMemoryStore(), where: "memory", checkpoints: makeMemoryCheckpoints(), clock: fixedClock("2026-11-22T12:00:00.000Z"), ids: countingIds() });
    const html = await Report.html(app, { today: "2026-11-22" });
    const data = JSON.parse(/id="factledger-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    expect(data.days).toEqual([]);
    expect(Object.keys(data.keys).sort()).toEqual(["articles", "claims"]);
  });
});
