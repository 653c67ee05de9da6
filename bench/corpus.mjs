// A deterministic synthetic corpus (seeded): articles with realistic claims over three years,
// 7 metrics, both directions, qualifiers, undisclosed figures, 20 outlets, about 10% wire copies
// and about 10% conflicting versions. Produces the ledger events an ingest would record.
import { Ids } from "@factledger/core";

/** A small, fast, seeded PRNG (mulberry32). */
export const prng = (seed) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const OUTLETS = Array.from({ length: 20 }, (_, i) => ["Reuters", "AFP", "AP", "IANS", "Xinhua", "TASS", "Ukrinform", "Kyiv Independent", "BBC", "DW"][i % 10] + (i >= 10 ? " Wire" : ""));
const CLAIMANTS = ["Volodymyr Zelensky", "Russian Defence Ministry", "Vladimir Putin", "Coordination Headquarters", "Dmytro Lubinets", "Andriy Yermak", "Kremlin", "UAE foreign ministry", "Ukraine's human rights commissioner", "Tatyana Moskalkova"];
const METRICS = ["prisoners_returned", "soldiers_returned", "civilians_returned", "bodies_returned", "prisoners_agreed", "bodies_agreed", "held_captive"];
const QUALIFIERS = ["exact", "exact", "exact", "exact", "exact", "exact", "at_least", "more_than", "about", "nearly", "at_most"];
const START = Date.UTC(2023, 0, 1);
const DAYS = 3 * 365;

const day = (n) => new Date(START + n * 86400000).toISOString().slice(0, 10);

const interval = (value, qualifier, happened) => {
  if (qualifier === "undisclosed" || value === null) return { lo: happened ? 1 : 0, hi: null };
  const t = Math.max(1, Math.ceil(value * 0.05));
  switch (qualifier) {
    case "exact": return { lo: value, hi: value };
    case "at_least": return { lo: value, hi: null };
    case "more_than": return { lo: value + 1, hi: null };
    case "at_most": return { lo: 0, hi: value };
    case "about": return { lo: Math.max(0, value - t), hi: value + t };
    default: return { lo: Math.max(0, value - t), hi: value };
  }
};

/**
 * Generates articles until `claims` claims exist. Each article: { stream, events: NewEvent[], claims }.
 * Facts (the true quantities) are drawn from a pool; claimants report them, 10% with a wrong value.
 */
export function* articles(claims, seed = 42) {
  const rnd = prng(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const facts = [];
  let made = 0;
  let n = 0;
  const recent = [];
  while (made < claims) {
    n++;
    // Articles spread evenly over three years, in publication order with a little jitter.
    const published = Math.min(DAYS - 1, Math.floor((made / claims) * DAYS) + Math.floor(rnd() * 3));
    const outlet = pick(OUTLETS);
    const copyOf = recent.length > 0 && rnd() < 0.1 ? pick(recent) : null;
    const k = copyOf !== null ? copyOf.claims.length : 1 + Math.floor(rnd() * 15);
    const articleId = Ids.articleIdOf(`synthetic article ${seed}-${n}`);
    const recordedAt = `${day(published)}T12:00:00.000Z`;
    const body = `Synthetic report ${n} from ${outlet}. ` + "Ukraine and Russia exchanged prisoners of war on Thursday, officials said. ".repeat(6);
    const claimEvents = [];
    const specs = copyOf !== null ? copyOf.claims : [];
    for (let i = 0; i < k && made < claims; i++) {
      let spec = specs[i];
      if (spec === undefined) {
        let fact;
        if (facts.length > 0 && rnd() < 0.6) fact = facts[facts.length - 1 - Math.floor(rnd() * Math.min(facts.length, 200))];
        else {
          const metric = pick(METRICS);
          const kind = metric.endsWith("_agreed") ? "target" : metric === "held_captive" ? "stock" : rnd() < 0.7 ? "event" : "cumulative";
          const direction = metric.endsWith("_agreed") ? "each_side" : pick(["to_ukraine", "to_russia", "to_ukraine", "to_russia", "each_side"]);
          fact = { metric, kind, direction, day: day(Math.max(0, published - Math.floor(rnd() * 3))), value: 50 + Math.floor(rnd() * (kind === "event" ? 400 : 8000)) };
          facts.push(fact);
        }
        const undisclosed = rnd() < 0.05;
        const conflicting = rnd() < 0.1;
        const qualifier = undisclosed ? "undisclosed" : pick(QUALIFIERS);
        const value = undisclosed ? null : conflicting ? Math.floor(fact.value * (0.5 + rnd())) : fact.value;
        spec = { ...fact, value, qualifier, attributedTo: rnd() < 0.2 ? outlet : pick(CLAIMANTS), at: Math.floor(rnd() * 500) };
      }
      const id = Ids.claimIdOf([articleId, i, spec.metric, spec.direction]);
      const { lo, hi } = interval(spec.value, spec.qualifier, spec.kind === "event");
      const claim = {
        id,
        metric: spec.metric,
        direction: spec.direction,
        kind: spec.kind,
        value: spec.value,
        qualifier: spec.qualifier,
        lo,
        hi,
        validFrom: spec.kind === "cumulative" ? null : spec.day,
        validTo: spec.day,
        attributedTo: spec.attributedTo,
        evidence: { start: spec.at, end: spec.at + 70, text: "Ukraine and Russia exchanged prisoners of war on Thursday, officials said." },
      };
      claimEvents.push({
        eventId: Ids.eventIdOf(`claim:${id}`),
        type: "ClaimReported",
        data: { type: "ClaimReported", version: 2, claimId: id, articleId, claim, reportedVia: null, origin: "extracted", analyst: null, extractor: { name: "synthetic", version: "1" }, recordedAt },
        metadata: { correlationId: null, causationId: null },
      });
      specs[i] = spec;
      made++;
    }
    const article = {
      eventId: Ids.eventIdOf(`article:${articleId}`),
      type: "ArticleRecorded",
      data: {
        type: "ArticleRecorded", version: 2, articleId, textHash: "", text: body, path: null, publishedAt: day(published), outlet, wire: null, url: null,
        learned: { publishedAt: "text", outlet: "text", url: "none" },
        copyOf: copyOf === null ? null : { articleId: copyOf.articleId, similarity: 0.93 },
        extractor: { name: "synthetic", version: "1" }, recordedAt,
      },
      metadata: { correlationId: null, causationId: null },
    };
    const a = { stream: Ids.articleStream(articleId), events: [article, ...claimEvents], claims: claimEvents.length, articleId };
    recent.push({ articleId, claims: specs.slice(0, claimEvents.length) });
    if (recent.length > 50) recent.shift();
    yield a;
  }
}
