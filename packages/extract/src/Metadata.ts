/**
 * Article metadata and how each field was learned: the publication date from
 * the text ("date 2025-06-20", "27 June, 2025, 00:21", a dateline "Kyiv,
 * June 12" whose year a weekday fixes), the outlet and wire agency from
 * bylines and sign-offs, and sidecar metadata (manifest or flags), which
 * wins over the text. A date that cannot be learned stays null: never guessed.
 */
import type { Events } from "@factledger/core";
import * as Dates from "./Dates.ts";
import type { Span } from "./Clean.ts";

/** Metadata given beside the text, and where it came from. */
export interface Sidecar {
  readonly publishedAt?: string | null;
  readonly outlet?: string | null;
  readonly url?: string | null;
  readonly source: "manifest" | "flag";
}

/** What was learned, field by field. */
export interface Learned {
  readonly publishedAt: string | null;
  readonly outlet: string | null;
  readonly wire: string | null;
  readonly url: string | null;
  /** Of an undated page whose address gives only a month ("/2022/09/"): that month, `YYYY-MM`; it bounds the story's days. */
  readonly month: string | null;
  readonly learned: { readonly publishedAt: Events.Provenance; readonly outlet: Events.Provenance; readonly url: Events.Provenance };
  /** Human notes: why a field is missing, or a conflict between text and sidecar. */
  readonly notes: readonly string[];
}

/** Wire agencies and outlets recognised in bylines and sign-offs. */
const AGENCIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bAgence France[- ]Presse\b|\(AFP\)|^AFP\b/m, "Agence France-Presse"],
  [/\(Reuters\)|[–—-]\s*Reuters\s*$|^Reuters\b/m, "Reuters"],
  [/\(AP\)|\bAssociated Press\b/m, "Associated Press"],
  [/\(IANS\)/, "IANS"],
  [/\(PTI\)/, "PTI"],
  [/\(ANI\)/, "ANI"],
  [/\(UNI\)/, "UNI"],
  [/\(Xinhua\)|^Xinhua\b/m, "Xinhua"],
  [/\(TASS\)|^TASS\b/m, "TASS"],
  [/\(Interfax\)/, "Interfax"],
  [/\(Ukrinform\)|^Ukrinform\s*$/m, "Ukrinform"],
  [/\(dpa\)/, "dpa"],
  [/\(EFE\)/, "EFE"],
  [/\(Anadolu\)/, "Anadolu"],
];

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";

/** The byline region: the first kept lines and the last characters (sign-offs). */
const bylineText = (text: string, spans: readonly Span[]): { head: string; tail: string } => {
  // The raw head: a byline or date line may sit in the header block that cleaning drops.
  const firstStory = spans[0]?.start ?? 0;
  const rawHead = text.slice(0, Math.min(firstStory, 400));
  const story = spans.slice(0, 3).map((s) => text.slice(s.start, s.end)).join("\n").slice(0, 600);
  return { head: `${rawHead}\n${story}`, tail: text.trimEnd().slice(-60) };
};

const dateFromText = (text: string, spans: readonly Span[], today: string): { day: string; how: Events.Provenance } | null => {
  const { head } = bylineText(text, spans);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(head);
  if (iso !== null) {
    const d = Dates.dayOf(+iso[1]!, +iso[2]!, +iso[3]!);
    if (d !== null) return { day: d, how: "text" };
  }
  const full = Dates.find(head).find((m) => m.expr._tag === "Full");
  if (full !== undefined && full.expr._tag === "Full") return { day: full.expr.day, how: "text" };
  // A footer line: "Published Aug. 24, 2025", "Updated: 3 March 2026".
  const footer = /\b(?:Published|Updated|Posted|First published)(?: on)?:?\s+([^\n]{6,40})\s*$/i.exec(text.trimEnd().slice(-200));
  const fd = footer === null ? undefined : Dates.find(footer[1]!).find((m) => m.expr._tag === "Full");
  if (fd !== undefined && fd.expr._tag === "Full") return { day: fd.expr.day, how: "text" };
  // A dateline without a year: "Kyiv/Moscow, June 12 Ukraine and Russia on Thursday ..."
  const firstLine = spans[0] === undefined ? "" : text.slice(spans[0].start, spans[0].end);
  const dl = new RegExp(`^\\s*(?:date\\s+\\S+\\s+)?[A-Z][\\w'’.-]*(?:[/ -][A-Z][\\w'’.-]*)*,\\s+(${MONTHS})\\.?\\s+(\\d{1,2})\\b`).exec(firstLine);
  if (dl !== null) {
    const md = Dates.find(`${dl[1]} ${dl[2]}`)[0];
    const lead = firstLine.slice(dl[0].length, dl[0].length + 300);
    const wd = Dates.find(lead).find((m) => m.expr._tag === "Weekday");
    if (md?.expr._tag === "MonthDay" && wd?.expr._tag === "Weekday") {
      const y = Dates.yearFromWeekday(md.expr.month, md.expr.day, wd.expr.weekday, today);
      const d = y === null ? null : Dates.dayOf(y, md.expr.month, md.expr.day);
      if (d !== null) return { day: d, how: "dateline" };
    }
  }
  return null;
};

/**
 * The day or month in a page's address, as news sites' paths give it: "/2024/08/24/", "/2025/6/26/",
 * "-2025-02-24", or only "/2022/09/". Years before 2000 or after today's are not dates.
 */
export const dateFromUrl = (url: string | null, today: string): { day: string | null; month: string | null } => {
  if (url === null) return { day: null, month: null };
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, "");
  const ok = (y: number) => y >= 2000 && y <= +today.slice(0, 4);
  const ymd = /\/(20\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$)/.exec(path) ?? /(?<!\d)(20\d{2})-(\d{2})-(\d{2})(?!\d)/.exec(path);
  if (ymd !== null && ok(+ymd[1]!)) {
    const d = Dates.dayOf(+ymd[1]!, +ymd[2]!, +ymd[3]!);
    if (d !== null && d <= today) return { day: d, month: d.slice(0, 7) };
  }
  const ym = /\/(20\d{2})\/(\d{1,2})(?=\/)/.exec(path);
  if (ym !== null && ok(+ym[1]!) && +ym[2]! >= 1 && +ym[2]! <= 12) {
    const month = `${ym[1]}-${ym[2]!.padStart(2, "0")}`;
    if (month <= today.slice(0, 7)) return { day: null, month };
  }
  return { day: null, month: null };
};

/** Learns an article's metadata. `today` bounds year inference (the clock is read by the caller). */
export const learn = (text: string, spans: readonly Span[], today: string, sidecars: readonly Sidecar[]): Learned => {
  const notes: string[] = [];
  const { head, tail } = bylineText(text, spans);
  let wire: string | null = null;
  for (const [re, name] of AGENCIES) if (re.test(head) || re.test(tail)) {
    wire = name;
    break;
  }
  const fromText = dateFromText(text, spans, today);
  const pick = <K extends "publishedAt" | "outlet" | "url">(k: K): { value: string | null; how: Events.Provenance } => {
    for (const source of ["flag", "manifest"] as const) {
      const s = sidecars.find((x) => x.source === source && x[k] != null);
      if (s !== undefined) return { value: s[k] ?? null, how: source };
    }
    return { value: null, how: "none" };
  };
  const sideDate = pick("publishedAt");
  let publishedAt: string | null = null;
  let dateHow: Events.Provenance = "none";
  if (sideDate.value !== null) {
    publishedAt = sideDate.value;
    dateHow = sideDate.how;
    if (fromText !== null && fromText.day !== sideDate.value) notes.push(`the text says ${fromText.day}, the ${sideDate.how} says ${sideDate.value}: using the ${sideDate.how}`);
  } else if (fromText !== null) {
    publishedAt = fromText.day;
    dateHow = fromText.how;
  }
  const url = pick("url");
  const fromUrl = dateFromUrl(url.value, today);
  if (publishedAt === null && fromUrl.day !== null) {
    publishedAt = fromUrl.day;
    dateHow = "url";
  } else if (publishedAt === null) notes.push(fromUrl.month === null ? "no publication date in the text or sidecar: recorded as undated" : `no publication day in the text or sidecar; its address gives the month ${fromUrl.month}: recorded as undated`);
  const sideOutlet = pick("outlet");
  const outlet = sideOutlet.value ?? wire;
  return {
    publishedAt,
    outlet,
    wire,
    url: url.value,
    month: publishedAt === null ? fromUrl.month : null,
    learned: { publishedAt: dateHow, outlet: sideOutlet.value !== null ? sideOutlet.how : wire !== null ? "text" : "none", url: url.how },
    notes,
  };
};
