/**
 * Fact slots (rules 2 to 4 of docs/reconciliation.md), one behaviour per test: round figures, what keys a
 * slot, what a slot records of its versions (day, date source, agreement), undated targets, and order.
 */
import { describe, expect, it } from "vitest";
import type { ClaimView } from "./Ledger.ts";
import * as FS from "./FactSlot.ts";
import { claimMaker } from "./testing.ts";

const claim = claimMaker({ attributedTo: (n) => `W${n}` });
const on = (d: string) => ({ validFrom: d, validTo: d });
const build = (claims: readonly ClaimView[]) => FS.build(claims, ["ukraine", "russia"]);
const returned = { metric: "prisoners_returned", direction: "to_ukraine" } as const;

describe("round figures", () => {
  it("an exact figure of at least 100 with at most two significant digits is round", () => {
    expect([100, 120, 500, 1200, 6000, 99, 125, 6012, 1010].map((v) => FS.isRound(v, "exact"))).toEqual([true, true, true, true, true, false, false, false, false]);
  });

  it("a qualified figure or no figure is never round", () => {
    expect([FS.isRound(500, "about"), FS.isRound(500, "at_least"), FS.isRound(null, "exact")]).toEqual([false, false, false]);
  });

  it("a round figure is read loosely only where its exact reading contradicts another version: 6,000 beside 6,120 agree at 6,120", () => {
    const [s] = build([claim({ ...returned, kind: "event", value: 6000, ...on("2025-06-19") }, "2025-06-19"), claim({ ...returned, kind: "event", value: 6120, ...on("2025-06-19") }, "2025-06-19")]);
    expect([s?.reconciled, s?.conflicts.length]).toEqual([{ best: 6120, lo: 6120, hi: 6120 }, 0]);
  });

  it("a figure that is not round is never read loosely: 6,012 and 6,150 conflict", () => {
    const [s] = build([claim({ ...returned, kind: "event", value: 6012, ...on("2025-06-19") }, "2025-06-19"), claim({ ...returned, kind: "event", value: 6150, ...on("2025-06-19") }, "2025-06-19")]);
    expect(s?.conflicts.length).toBe(1);
  });
});

describe("what keys a slot", () => {
  it("stocks of different groups are different slots, and a stock with no group counts all", () => {
    const held = (group: "soldiers" | "civilians" | null) => claim({ metric: "held_captive", direction: "to_ukraine", kind: "stock", value: 10, ...on("2025-06-01"), group }, "2025-06-01");
    expect(build([held("soldiers"), held("civilians"), held(null)]).map((s) => s.key)).toEqual([
      "held_captive|to_ukraine|stock|..2025-06-01|all",
      "held_captive|to_ukraine|stock|..2025-06-01|civilians",
      "held_captive|to_ukraine|stock|..2025-06-01|soldiers",
    ]);
  });

  it("an agreed target and an offer of the same day are different slots", () => {
    const target = (commitment: "agreed" | "offered" | null) => claim({ metric: "bodies_agreed", direction: "to_ukraine", kind: "target", value: 10, ...on("2025-06-02"), commitment }, "2025-06-02");
    expect(build([target("agreed"), target("offered"), target(null)]).map((s) => [s.key, s.versions.length])).toEqual([
      ["bodies_agreed|to_ukraine|target|2025-06-02..2025-06-02|agreed", 2],
      ["bodies_agreed|to_ukraine|target|2025-06-02..2025-06-02|offered", 1],
    ]);
  });

  it("a cumulative figure of unknown scope is keyed '?', one of known scope by its first day", () => {
    const count = (validFrom: string | null) => claim({ ...returned, kind: "cumulative", value: 10, validFrom, validTo: "2025-06-05" }, "2025-06-05");
    expect(build([count(null), count("2025-06-01")]).map((s) => [s.key, s.scope])).toEqual([
      ["prisoners_returned|to_ukraine|cumulative|2025-06-01..2025-06-05", "2025-06-01"],
      ["prisoners_returned|to_ukraine|cumulative|?..2025-06-05", null],
    ]);
  });

  it("a cumulative figure whose first day is after its as-of day has no scope from the text", () => {
    const [s] = build([claim({ ...returned, kind: "cumulative", value: 10, validFrom: "2025-06-09", validTo: "2025-06-05" }, "2025-06-09")]);
    expect(s?.scope).toBeNull();
  });

  it("a cumulative figure counted under an agreement is scoped by the agreement's day", () => {
    const [s] = build([claim({ ...returned, kind: "cumulative", value: 10, validTo: "2025-06-05", agreement: { agreedOn: "2025-06-02", value: null } }, "2025-06-05")]);
    expect([s?.scope, s?.agreedOn]).toEqual(["2025-06-02", "2025-06-02"]);
  });

  it("a phase is keyed by both its ends", () => {
    const [s] = build([claim({ ...returned, kind: "event", value: 10, validFrom: "2025-06-01", validTo: "2025-06-03" }, "2025-06-03")]);
    expect([s?.key, s?.day, s?.validFrom, s?.validTo]).toEqual(["prisoners_returned|to_ukraine|event|2025-06-01..2025-06-03", "2025-06-03", "2025-06-01", "2025-06-03"]);
  });

  it("an undated running count is one slot per article, whatever its figures", () => {
    const count = (value: number) => claim({ ...returned, kind: "cumulative", value, attributedTo: "Lubinets" }, "2025-06-05", { articleId: "page" });
    expect(build([count(10), count(20)]).map((s) => s.key)).toEqual(["prisoners_returned|to_ukraine|cumulative|undated:page"]);
  });

  it("an undated event of an undisclosed figure has its own slot in its article", () => {
    const [s] = build([claim({ ...returned, kind: "event", value: null, qualifier: "undisclosed" }, "2025-06-05", { articleId: "page" })]);
    expect(s?.key).toBe("prisoners_returned|to_ukraine|event|undated:page:undisclosed");
  });
});

describe("what a slot records", () => {
  it("an undated slot happened by the earliest publication of its versions", () => {
    const mention = (known: string) => claim({ ...returned, kind: "event", value: 7 }, known, { rootArticleId: "wire" });
    const [s] = build([mention("2025-06-05"), mention("2025-06-03")]);
    expect([s?.day, s?.happenedBy]).toEqual([null, "2025-06-03"]);
  });

  it("its date source is 'text' when any version's text dates it, 'publication' when all default to their article's day, else unknown", () => {
    const count = (dateSource: "text" | "publication" | null, who: string) => claim({ ...returned, kind: "cumulative", value: 10, validTo: "2025-06-05", dateSource, attributedTo: who }, "2025-06-05");
    expect(build([count("publication", "A"), count("text", "B")])[0]?.dateSource).toBe("text");
    expect(build([count("publication", "A"), count("publication", "B")])[0]?.dateSource).toBe("publication");
    expect(build([count("publication", "A"), count(null, "B")])[0]?.dateSource).toBeNull();
  });

  it("the agreement a slot is counted under is the first one any of its versions names", () => {
    const ev = (agreedOn: string | null) => claim({ ...returned, kind: "event", value: 10, ...on("2025-06-05"), agreement: agreedOn === null ? null : { agreedOn, value: null } }, "2025-06-05");
    expect(build([ev(null), ev("2025-06-02")])[0]?.agreedOn).toBe("2025-06-02");
    expect(build([ev(null)])[0]?.agreedOn).toBeNull();
  });

  it("a target is dated by the day it was made, not by its end", () => {
    const [s] = build([claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 1000, validFrom: "2025-05-16", validTo: "2025-06-01", commitment: "agreed" }, "2025-05-16")]);
    expect(s?.day).toBe("2025-05-16");
  });

  it("versions are listed oldest first", () => {
    const ev = (known: string) => claim({ ...returned, kind: "event", value: 10, ...on("2025-06-01") }, known);
    const [s] = build([ev("2025-06-04"), ev("2025-06-02"), ev("2025-06-03")]);
    expect(s?.versions.map((v) => v.current.claim.knownAt)).toEqual(["2025-06-02", "2025-06-03", "2025-06-04"]);
  });

  it("slots are listed by key, whatever order the claims come in", () => {
    const ev = (day: string) => claim({ ...returned, kind: "event", value: 10, ...on(day) }, day);
    expect(build([ev("2025-06-03"), ev("2025-06-01"), ev("2025-06-02")]).map((s) => s.day)).toEqual(["2025-06-01", "2025-06-02", "2025-06-03"]);
  });
});

describe("recency", () => {
  it("orders by knowledge day, then publication day, article, position and claim id", () => {
    const base = claim({ ...returned, kind: "event", value: 1 }, "2025-06-02");
    const at = (more: Partial<ClaimView>, start = 0): ClaimView => ({ ...base, ...more, fields: { ...base.fields, evidence: { start, end: start + 1, text: "" } } });
    expect(FS.recency(at({ knownAt: "2025-06-03" }), at({}))).toBe(1);
    expect(FS.recency(at({ publishedAt: "2025-06-01" }), at({}))).toBe(-1);
    expect(FS.recency(at({ articleId: "b" }), at({ articleId: "a" }))).toBe(1);
    expect(FS.recency(at({}, 5), at({}, 2))).toBe(1);
    expect(FS.recency(at({ claimId: "a" }), at({ claimId: "b" }))).toBe(-1);
    expect(FS.recency(at({}), at({}))).toBe(0);
  });
});

describe("undated targets", () => {
  const deal = (value: number, day: string, who = "Zelensky") => claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value, ...on(day), commitment: "agreed", attributedTo: who }, day);
  const mention = (value: number, known: string) => claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value, commitment: "agreed", attributedTo: "Reuters" }, known);

  it("a mention consistent with no agreement is a slot of its own", () => {
    const slots = build([deal(1000, "2025-05-16"), mention(300, "2025-06-10")]);
    expect(slots.map((s) => s.versions.length)).toEqual([1, 1]);
  });

  it("a mention joins the latest agreement that any of its versions is consistent with", () => {
    const slots = build([deal(1000, "2025-05-16"), deal(1200, "2025-05-16", "Putin"), mention(1200, "2025-06-10")]);
    expect(slots.map((s) => s.versions.length)).toEqual([3]);
  });

  it("a mention of another metric or direction never joins", () => {
    const other = claim({ metric: "bodies_agreed", direction: "to_ukraine", kind: "target", value: 1000, commitment: "agreed" }, "2025-06-10");
    expect(build([deal(1000, "2025-05-16"), other]).map((s) => s.metric)).toEqual(["bodies_agreed", "prisoners_agreed"]);
  });

  it("two mentions with no agreement to join share the slot of their article", () => {
    const a = claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 50, commitment: "agreed", attributedTo: "A" }, "2025-06-10", { articleId: "p" });
    const b = claim({ metric: "prisoners_agreed", direction: "to_ukraine", kind: "target", value: 50, commitment: "agreed", attributedTo: "B" }, "2025-06-10", { articleId: "p" });
    expect(build([a, b]).map((s) => s.versions.length)).toEqual([2]);
  });
});

describe("two sources of one article about one exchange", () => {
  const positioned = claimMaker({ attributedTo: (n) => `W${n}`, distinctEvidence: true });
  it("with equal support, the article's larger figure is the slot's best, though its smaller one comes later in the text", () => {
    const whole = positioned({ ...returned, kind: "event", value: 60, ...on("2022-12-06") }, "2022-12-10", { articleId: "a" });
    const part = positioned({ ...returned, kind: "event", value: 34, ...on("2022-12-06") }, "2022-12-10", { articleId: "a" });
    const [s] = build([whole, part]);
    expect([s?.reconciled.best, s?.conflicts.length]).toEqual([60, 1]);
  });

  it("across articles the most recent still wins a tie of support, whatever its size", () => {
    const earlier = positioned({ ...returned, kind: "event", value: 60, ...on("2022-12-06") }, "2022-12-07", { articleId: "a" });
    const later = positioned({ ...returned, kind: "event", value: 34, ...on("2022-12-06") }, "2022-12-10", { articleId: "b" });
    expect(build([earlier, later])[0]?.reconciled.best).toBe(34);
  });
});
