import { describe, expect, it } from "vitest";
import { extract } from "./Extract.ts";
import * as Manifest from "./Manifest.ts";
import * as Similarity from "./Similarity.ts";

const claimsOf = (text: string, publishedAt: string | null = "2025-06-20") =>
  extract({ text, path: null, today: "2026-11-22", sidecars: publishedAt === null ? [] : [{ source: "flag", publishedAt }] }).claims.map((c) => {
    const f = c.fields;
    return `${f.metric} ${f.direction} ${f.kind} ${f.value ?? "-"} ${f.qualifier} ${f.validTo ?? f.validFrom ?? "-"} | ${f.attributedTo}`;
  });

/** The fields of every claim read from a text, published on a day (null: undated, no sidecar). */
const fieldsOf = (text: string, publishedAt: string | null = "2025-06-20") =>
  extract({ text, path: null, today: "2026-11-22", sidecars: publishedAt === null ? [] : [{ source: "flag", publishedAt }] }).claims.map((c) => c.fields);

describe("claims from text", () => {
  it("numbers that are not about captives or bodies produce no claim", () => {
    expect(claimsOf("Moscow has amassed about 53,000 troops near Sumy, and the fighting is 7km from the border, Mr Zelenskiy said. The youngest is 25.")).toEqual([]);
  });

  it("a figure said inside a quote belongs to the speaker named after it, resolved from 'he'", () => {
    const text = 'Russian President Vladimir Putin said on Thursday that talks went well.\n"We have returned the bodies of 6,000 fallen Ukrainian soldiers. We are ready to hand over nearly 3,000 more," he said.';
    expect(claimsOf(text)).toEqual([
      "bodies_returned to_ukraine cumulative 6000 exact 2025-06-19 | Vladimir Putin",
      "bodies_agreed to_ukraine target 3000 nearly 2025-06-19 | Vladimir Putin",
    ]);
  });

  it("an explicit non-figure is an undisclosed claim", () => {
    expect(claimsOf("Neither side said how many prisoners were released in the exchange on Thursday.")).toEqual(["prisoners_returned each_side event - undisclosed 2025-06-19 | unnamed outlet"]);
  });

  it.each([
    "Ukraine also returned Russian prisoners, but the number was not disclosed.",
    "The exact number of Russian prisoners released has not been made public.",
    "Kyiv gave no figure for the Russian prisoners who were released.",
    "Russian prisoners were also released, without any figures being given by Kyiv.",
    "It was unclear how many Russian prisoners were freed in the exchange.",
    "Ukraine returned Russian prisoners too; the number of Russian servicemen returned is classified.",
  ])("a figure said to exist but not given is undisclosed: %s", (text) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 5).join(" "))).toEqual(["prisoners_returned to_russia event - undisclosed"]);
  });

  it.each([
    ["The Russian Defence Ministry said it had received back an unknown number of servicemen.", "prisoners_returned to_russia"],
    ["It was not immediately clear how many people were exchanged on Saturday.", "prisoners_returned each_side"],
    ["Officials did not say how many prisoners were involved in the swap on Monday.", "prisoners_returned each_side"],
    ["Ukraine brought home another group of defenders on Sunday, without giving a figure.", "prisoners_returned to_ukraine"],
    // 2.6.0: the subject's own people by a possessive or its own receiving; an inflected "exchanged" names both sides.
    ["After the swap on Friday, Moscow had not said how many of its troops came home.", "prisoners_returned to_russia"],
    ["In the swap on Friday the Russian defence ministry did not give a number for the soldiers it received back.", "prisoners_returned to_russia"],
    ["Ukraine and Russia exchanged an unknown number of prisoners of war on Friday.", "prisoners_returned each_side"],
    ["The ministry did not say how many POWs were involved in the swap on Saturday, but it posted video showing its soldiers cheering.", "prisoners_returned each_side"],
  ])("the side of an undisclosed figure: the receiving speaker's, or each side of a swap that names none: %s", (text, expected) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 2).join(" "))).toEqual([expected]);
  });

  it.each([
    "The sides agreed on a thousand for a thousand exchange.",
    "Kyiv and Moscow agreed on a thousand-for-a-thousand prisoner swap.",
    "The exchange will follow the 1,000-for-1,000 format, officials said.",
  ])("an N-for-N swap that names no noun is a deal on prisoners: %s", (text) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 5).join(" "))).toEqual(["prisoners_agreed each_side target 1000 exact"]);
  });

  it.each([
    ["Ukraine and Russia exchanged 303 prisoners each on Sunday, completing the 1,000-for-1,000 swap.", "2025-05-16"],
    ["On June 14, as part of the 6,000-for-6,000 formula, Ukraine received 1,200 bodies.", "2025-06-02"],
  ])("a deal named by its formula as already made is a target, not a phase of that day; the calendar's round dates it: %s", (text, round) => {
    const targets = claimsOf(text).filter((c) => c.includes(" target "));
    expect(targets.map((c) => c.split(" | ")[0]!.split(" ").slice(1).join(" "))).toEqual([expect.stringMatching(new RegExp(`^each_side target (1000|6000) exact ${round}$`))]);
    expect(claimsOf(text).some((c) => / event (1000|6000) /.test(c))).toBe(false);
    // Before any round the calendar knows, or long after it, the same sentence leaves the deal undated.
    for (const published of ["2023-06-20", "2026-03-01"]) expect(claimsOf(text, published).filter((c) => c.includes(" target ")).map((c) => c.split(" | ")[0]!.split(" ").at(-1))).toEqual(["-"]);
  });

  it.each([
    // The month the sentence gives picks the round: May 16 agreed 1,000 each, June 2 "at least 1,000".
    ["In May, as part of the prisoner exchange under the \"1000 for 1000\" formula, 120 Ukrainian civilians were returned.", "2025-07-02", ["prisoners_agreed each_side target 1000 exact 2025-05-16"]],
    ["Moscow and Kyiv agreed last month during talks in Istanbul to exchange the bodies of 6,000 soldiers each.", "2025-07-17", ["bodies_agreed each_side target 6000 exact 2025-06-02"]],
    // A figure no round agreed, and an offer (dated by its statement), take nothing from the calendar.
    ["Moscow and Kyiv agreed last month during talks in Istanbul to exchange the bodies of 2,500 soldiers each.", "2025-07-17", ["bodies_agreed each_side target 2500 exact -"]],
  ])("an agreement the article leaves undated takes the day of the round that agreed that figure: %s", (text, published, expected) => {
    expect(claimsOf(text, published).filter((c) => c.includes(" target ")).map((c) => c.split(" | ")[0])).toEqual(expected);
    const dated = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: published }] }).claims.filter((c) => c.fields.kind === "target");
    expect(dated.map((c) => c.fields.dateSource)).toEqual(expected.map((e) => (e.endsWith(" -") ? null : "reference")));
  });

  it("an undated page that names a round by place and day takes its year for its other days", () => {
    const text = "The prisoner exchange program stems from agreements made on 2 June in Istanbul. On 23 July, Ukraine returned 250 soldiers. A process completed by June 16 saw 6,057 bodies returned.";
    expect(claimsOf(text, null)).toEqual([
      "prisoners_returned to_ukraine event 250 exact 2025-07-23 | unnamed outlet",
      "bodies_returned to_ukraine cumulative 6057 exact 2025-06-16 | unnamed outlet",
    ]);
    // Without the place, "2 June" gives no year, nor does 22 July (no exchange of the calendar): the days stay unresolved.
    expect(claimsOf(text.replace(" in Istanbul", "").replace("23 July", "22 July"), null).map((c) => c.split(" ")[5])).toEqual(["-", "-"]);
  });

  it("a breakdown by place ('403 – from the Donetsk region; 12 – from the Luhansk direction') gives no claim of its own", () => {
    const text = "The bodies of 503 dead soldiers were returned to Ukraine on Friday. Among the returned fallen defenders: 403 – from the Donetsk region; 12 – from the Luhansk direction; 57 – from the Zaporizhzhia direction.";
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["bodies_returned to_ukraine event 503"]);
  });

  it("a list of places ('451 bodies were transferred from the Donetsk region, and about 130 from the Zaporizhzhia region') is parts too", () => {
    const text = "Ukraine received the bodies of 909 soldiers on Friday. 451 bodies were transferred from the Donetsk region, and about 130 from the Zaporizhzhia region.";
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["bodies_returned to_ukraine event 909"]);
  });

  it("a list of places told by the axis each group fought on is parts too (2.6.0)", () => {
    const text = "Ukraine received the bodies of 310 soldiers on Friday. The staff said it had repatriated 120 bodies of defenders who fought on the Kharkiv axis, 180 fallen soldiers from the Pokrovsk axis and ten from the Kupiansk front.";
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["bodies_returned to_ukraine event 310"]);
  });

  it("an item of a bulleted breakdown by place is a part, even when it has a verb of its own (2.6.0)", () => {
    const text = "The bodies of 640 fallen defenders were returned to Ukraine on Friday. Among them:\n\n- 400 from the Pokrovsk direction;\n\n- 200 from the Kharkiv sector;\n\n- 40 dead were returned from morgues in Russia.";
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["bodies_returned to_ukraine event 640"]);
    // A bulleted list of exchanges, not of places, keeps its figures.
    const events = "Ukraine has held several exchanges.\n\n- On May 30, the bodies of 79 dead servicemen were returned to Ukraine.\n\n- On May 5, Ukraine returned the bodies of another 80 dead soldiers.";
    expect(claimsOf(events).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["bodies_returned to_ukraine event 79", "bodies_returned to_ukraine event 80"]);
  });

  it("a partitive ('37 of the women', '95 of the 144 released', 'two of them') counts part of a group, no claim (2.6.0)", () => {
    const text = "Ukraine secured the release of 108 Ukrainian women in a prisoner swap on Monday, adding that 37 of the women had been captured at Azovstal. Two of them were officers.";
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["prisoners_returned to_ukraine event 108"]);
  });

  it("a link to another story keeps its figure but not this story's day (2.6.0)", () => {
    for (const link of ["Read also: Ukraine and Russia exchange 115 prisoners each", "RelatedRussia, Ukraine exchange 115 prisoners each facilitated by UAE"]) {
      const text = `Russia returned 25 Ukrainian servicemen on Wednesday, the ministry said.\n\n${link}`;
      const got = claimsOf(text, "2025-01-15").map((c) => c.split(" | ")[0]!);
      expect(got).toContain("prisoners_returned to_ukraine event 25 exact 2025-01-15");
      expect(got.filter((c) => c.includes(" 115 "))).toEqual(["prisoners_returned each_side event 115 exact -"]);
    }
  });

  it("one place named after a figure leaves it a total", () => {
    expect(claimsOf("Russia returned 115 soldiers captured from the Kursk region on Friday.").length).toBe(1);
  });

  it("a formula with no noun and no exchange after it is no claim", () => {
    expect(claimsOf("The vote went 50-50 on Friday.")).toEqual([]);
  });

  it.each([
    "Ukraine and Russia exchanged prisoners on Friday. Among the 390 released were 120 civilians.",
    "The 390 freed on Friday included 120 civilians.",
  ])("a figure named by its participle ('the 390 released') counts people when the story is of captives: %s", (text) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(["prisoners_returned to_ukraine event 390", "civilians_returned to_ukraine event 120"]);
  });

  it("a participle-led figure in a story of no captives is no claim", () => {
    expect(claimsOf("The index fell 3.2% as 15 released on Friday.")).toEqual([]);
  });

  it("a sentence that gives the figure is not undisclosed", () => {
    expect(claimsOf("Ukraine returned 90 Russian prisoners; the number of Ukrainians was 84.").some((c) => c.includes("undisclosed"))).toBe(false);
  });

  it("a title's loosely dated telling gives way to the story's, which states the day", () => {
    const text = "Ukraine returns 86 soldiers in a swap with Russia on Friday\n\nDeputy head of the presidential office Kyrylo Tymoshenko said that Ukraine returned 86 servicemen during an exchange of prisoners with Russia on Friday, April 1.";
    expect(claimsOf(text, "2022-04-30").map((c) => c.split(" | ")[0])).toEqual(["prisoners_returned to_ukraine event 86 exact 2022-04-01"]);
  });

  it("a figure both sides freed that the two sides' own figures add up to is both together", () => {
    const both = "Russia and Ukraine said on Saturday they had freed more than 200 captured soldiers.";
    const sides = " Russia's Defence Ministry said 82 Russian soldiers had been released by Ukraine, while Yermak said Russia had handed over 140 Ukrainian service personnel.";
    expect(claimsOf(both + sides)[0]).toMatch(/^prisoners_returned total event 200 more_than/);
    expect(claimsOf(both)[0]).toMatch(/^prisoners_returned each_side event 200 more_than/);
  });

  it.each([
    ["Yermak said that under the deal, Ukraine got 200 prisoners of war in exchange for Viktor Medvedchuk.", "prisoners_returned to_ukraine event 200"],
    ["Pushilin said that out of 110 people agreed in the swap, two had stayed behind.", "prisoners_agreed to_ukraine target 110"],
  ])("what happened is read from the verb of the figure: %s", (text, claim) => {
    expect(claimsOf(text)[0]).toMatch(new RegExp(`^${claim} `));
  });

  it.each([
    ["Russia handed over 64 bodies to Kyiv and received 60 bodies of its soldiers.", ["bodies_returned to_ukraine event 64", "bodies_returned to_russia event 60"]],
    ["Ukraine received 84 prisoners and released 84 Russians.", ["prisoners_returned to_ukraine event 84", "prisoners_returned to_russia event 84"]],
  ])("a second verb of the same subject turns the direction when it turns the act: %s", (text, claims) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(claims);
  });

  it.each([
    ["Moscow handed back the bodies of what it said were 900 Ukrainian soldiers, seven of whom had died in captivity.", ["bodies_returned to_ukraine event 900"]],
    ["Kyiv keeps refusing to accept the return of 800 of its servicemen, the Russian negotiator said.", ["prisoners_agreed to_ukraine target 800"]],
    ["Officials said 2,000 Russian soldiers were still in Ukraine and 8,000 Ukrainians were left in Russia.", ["held_captive to_russia stock 2000", "held_captive to_ukraine stock 8000"]],
    ["Forty-one exchanges and 3,200 people freed: that is the record of the coordination centre.", ["prisoners_returned to_ukraine cumulative 3200"]],
    ["The ombudsman said Ukraine managed to return 7,100 of its citizens.", ["prisoners_returned to_ukraine cumulative 7100"]],
    ["The ombudsman said Ukraine managed to return 210 of its citizens.", ["prisoners_returned to_ukraine event 210"]],
    ["Across all the stages of the spring deal, more than 900 Ukrainians were returned.", ["prisoners_returned to_ukraine cumulative 900"]],
    ["Swaps took place on March 3, 11, 17 and 29, when 70 prisoners came home.", ["prisoners_returned to_ukraine event 70"]],
    ["He accused Kyiv of stalling the exchange, saying: “Two thousand captured soldiers of theirs, and Kyiv does not want them.”", []],
  ])("what a figure counts, and whether it happened, in general shapes: %s", (text, claims) => {
    expect(claimsOf(text).map((c) => c.split(" ").slice(0, 4).join(" "))).toEqual(claims);
  });

  it.each([
    ["As reported by Saraliev, Russia returned 909 Ukrainian bodies on Friday.", "Saraliev"],
    ["Russia will hand over 6,000 bodies next week, Kremlin aide Vladimir Medinsky, who led the delegation at the talks in Istanbul, said.", "Vladimir Medinsky"],
    ["Russia handed over 1,000 bodies to Ukraine, the head of the Russian delegation at talks with Ukraine Vladimir Medinsky said.", "Vladimir Medinsky"],
    ["Russia handed over 1,000 bodies to Ukraine, officials at the talks in Istanbul said.", "unnamed outlet"],
  ])("who spoke, not the place or the word before the verb: %s", (text, who) => {
    expect(claimsOf(text).map((c) => c.split(" | ")[1])).toEqual([who]);
  });

  it("nested reporting keeps the claimant and the channel", () => {
    const x = extract({ text: "Russia and Ukraine exchanged 200 prisoners of war each on Saturday, Russia's defence ministry said, according to the TASS news agency.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2026-03-03" }] });
    expect(x.claims.map((c) => [c.fields.attributedTo, c.fields.direction, c.fields.validFrom])).toEqual([["Russia's defence ministry", "each_side", "2026-02-28"]]);
  });

  it("the same text always gives the same ids", () => {
    const text = "Ukraine brought home 84 of its defenders on Thursday, President Volodymyr Zelensky said.";
    const a = extract({ text, path: null, today: "2026-11-22", sidecars: [] });
    const b = extract({ text, path: "elsewhere.txt", today: "2026-11-22", sidecars: [] });
    expect(a.articleId).toBe(b.articleId);
    expect(a.claims.map((c) => c.fields.id)).toEqual(b.claims.map((c) => c.fields.id));
  });
});

describe("metadata", () => {
  it("an article whose date cannot be learned is undated and says so, never guessed", () => {
    const x = extract({ text: "Russia handed over 1,200 bodies on Saturday, officials said.", path: null, today: "2026-11-22", sidecars: [] });
    expect(x.metadata.publishedAt).toBeNull();
    expect(x.metadata.learned.publishedAt).toBe("none");
    expect(x.metadata.notes.join(" ")).toMatch(/undated/);
    expect(x.claims[0]?.fields.validFrom).toBeNull();
  });

  it.each([
    ["https://www.aljazeera.com/news/2022/9/22/ukraine-russia-swap", "2022-09-22", "url", "2022-09-17"],
    ["https://example.org/news/2025-02-24-prisoner-swap", "2025-02-24", "url", "2025-02-22"],
  ])("a page's address that gives the day dates the article when nothing else does: %s", (url, day, how, saturday) => {
    const text = "Russia handed over 1,200 bodies on Saturday, officials said.";
    const x = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "manifest", url }] });
    expect([x.metadata.publishedAt, x.metadata.learned.publishedAt]).toEqual([day, how]);
    expect(x.claims[0]?.fields.validTo).toBe(saturday);
    // The text's own date, a flag or a manifest date still win.
    expect(extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "manifest", url, publishedAt: "2025-06-21" }] }).metadata.publishedAt).toBe("2025-06-21");
  });

  it("a page's address with only a month bounds its days to that month, and the page stays undated", () => {
    const text = "On September 21, Russia released 215 prisoners of war, officials said.";
    const x = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "manifest", url: "https://www.newshub.co.nz/home/world/2022/09/ukraine-swap.html" }] });
    expect([x.metadata.publishedAt, x.metadata.month]).toEqual([null, "2022-09"]);
    expect(x.claims.map((c) => c.fields.validTo)).toEqual(["2022-09-21"]);
    // Not a date: a year out of range, a month 13, a path with no date.
    for (const url of ["https://x.org/1999/09/a", "https://x.org/2022/13/a", "https://x.org/2031/01/02/a", "https://x.org/id/2022"]) {
      expect(extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "manifest", url }] }).metadata).toMatchObject({ publishedAt: null, month: null });
    }
  });

  it("a flag wins over the text and the conflict is noted", () => {
    const x = extract({ text: "date 2025-06-20 Kyiv (IANS) Something happened today in a sentence long enough.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-21" }] });
    expect([x.metadata.publishedAt, x.metadata.learned.publishedAt, x.metadata.wire]).toEqual(["2025-06-21", "flag", "IANS"]);
    expect(x.metadata.notes[0]).toMatch(/text says 2025-06-20/);
  });

  it("a manifest with a bad date is refused with the entry named", () => {
    expect(Manifest.parse({ "a.txt": { publishedAt: "June 1" } })).toEqual({ _tag: "Left", left: 'entry "a.txt": publishedAt "June 1" is not a date in YYYY-MM-DD form' });
    expect(Manifest.parse([{ file: "a.txt", outlet: "AP" }])._tag).toBe("Right");
  });
});

describe("wire copies", () => {
  it("a republished story is near-identical; a different story is not", () => {
    const story = "Ukraine and Russia exchanged a new group of captured soldiers on Thursday, the latest in a series of prisoner swaps agreed at peace talks in Istanbul earlier this month. Neither side said how many prisoners were released in the latest exchange. The two countries pledged to swap at least 1,000 soldiers each during their direct meeting in Istanbul.";
    const copy = `Republished from AFP.\n${story}`;
    const other = "Russia launched 728 drones and 13 missiles overnight, the largest aerial attack of the war, Ukraine's air force said on Wednesday. At least two people were killed.";
    expect(Similarity.estimate(Similarity.signature(story), Similarity.signature(copy))).toBeGreaterThanOrEqual(Similarity.copyThreshold);
    expect(Similarity.estimate(Similarity.signature(story), Similarity.signature(other))).toBeLessThan(0.2);
  });
});

describe("the day a figure refers to", () => {
  it("an archive stamp dates no claim: the headline's handover is the day the lead tells", () => {
    const text = " date 2024-03-08 Kyiv and Moscow swap 60 prisoners each\n\nUkraine and Russia exchanged 60 prisoners each on Thursday, officials said.";
    expect(claimsOf(text, "2024-03-08")).toEqual(["prisoners_returned each_side event 60 exact 2024-03-07 | unnamed outlet"]);
  });

  it("a day bound to the telling ('said on Friday that') is not the handover's when the story's exchange was days before", () => {
    const text = "Ukraine and Russia swapped prisoners on Wednesday in a deal brokered by the UAE. In addition, Russia's defence ministry said on Friday that 40 of its servicemen had been returned to Russia.";
    expect(claimsOf(text, "2024-03-08").filter((c) => c.includes(" 40 "))).toEqual(["prisoners_returned to_russia event 40 exact 2024-03-06 | Russia's defence ministry"]);
  });

  it("an exchange placed in time ('took place on December 3') dates the figures that follow it", () => {
    const text = "The previous swap, according to Russia's defence ministry, took place on December 3. Then, 64 servicemen returned from captivity.";
    expect(claimsOf(text, "2024-12-20")).toEqual(["prisoners_returned to_ukraine event 64 exact 2024-12-03 | unnamed outlet"]);
  });

  it("a quotation keeps the day it set for its next sentences", () => {
    const text = "“On May 9, 41 servicemen were returned from the territory controlled by Kyiv. In exchange, 41 prisoners of war were transferred,” the ministry said in a statement.";
    expect(claimsOf(text, "2024-05-11").map((c) => c.split(" ").slice(3, 6).join(" "))).toEqual(["41 exact 2024-05-09", "41 exact 2024-05-09"]);
  });

  it("the war's start ('since the invasion in February 2022') is the count's start, not its as-of day", () => {
    expect(claimsOf("Officials said 2,100 Ukrainians have been freed since the start of Russia's full-scale invasion of the country in February 2022.", "2023-09-01"))
      .toEqual(["prisoners_returned to_ukraine cumulative 2100 exact 2023-09-01 | Officials"]);
  });

  it("'as of June 2024' after the count's start is its as-of period", () => {
    expect(claimsOf("He said 3,300 Ukrainians had been returned since the beginning of the full-scale war as of June 2024.", "2024-07-03"))
      .toEqual(["prisoners_returned to_ukraine cumulative 3300 exact 2024-06-30 | unnamed outlet"]);
  });

  it("an agreement nobody dated stays undated, not dated by its report", () => {
    expect(claimsOf("Kyiv said Moscow had proposed a new exchange involving at least 500 prisoners from each side.", "2024-08-01").filter((c) => c.includes("target")))
      .toEqual(["prisoners_agreed each_side target 500 at_least - | Kyiv"]);
  });

  it("'according to him' is the speaker named before", () => {
    const text = "Vladimir Medinsky told journalists in Istanbul after the talks on Wednesday evening. According to him, Moscow has already handed over some 7,000 bodies.";
    expect(claimsOf(text, "2025-07-24")).toEqual(["bodies_returned to_ukraine cumulative 7000 about 2025-07-23 | Vladimir Medinsky"]);
  });

  it("'how many remain in Russian captivity' counts Ukrainians held", () => {
    expect(claimsOf("Kyiv does not give the figure of how many prisoners of war remain in Russian captivity.", "2024-11-21").map((c) => c.split(" ").slice(0, 3).join(" ")))
      .toEqual(["held_captive to_ukraine stock"]);
  });
});

describe("what a figure counts, read from general structure", () => {
  it.each([
    ["On June 19, Russian President Vladimir Putin said that Russia has handed over to Ukraine the bodies of 6,000 soldiers and is ready to hand over nearly 3,000 more.", ["bodies_returned to_ukraine cumulative 6000 exact 2025-06-19 | Vladimir Putin", "bodies_agreed to_ukraine target 3000 nearly 2025-06-19 | Vladimir Putin"]],
    ["Since the full-scale Russian invasion on February 24, 2022, more than 2,500 Ukrainians have returned from Russian captivity.", ["prisoners_returned to_ukraine cumulative 2500 more_than 2025-06-20 | unnamed outlet"]],
    ["Russia's Defence Ministry said 94 Russians in Ukrainian captivity had been released.", ["prisoners_returned to_russia event 94 exact 2025-06-20 | Russia's Defence Ministry"]],
    ["Subsequent exchanges occurred on 10, 12, 14 and 26 June.", []],
    ["Ukraine and Russia Exchange Nearly 1K Bodies of Fallen Soldiers", ["bodies_returned each_side event 1000 nearly 2025-06-20 | unnamed outlet"]],
    ["Amid the latest prisoner exchange, air strikes killed at least one person and wounded two others.", []],
    ["Russia committed to returning over 6,000 Ukrainian soldiers’ bodies.", ["bodies_agreed to_ukraine target 6000 more_than 2025-06-02 | unnamed outlet"]],
    ["Kyiv said the two had agreed to “exchange” the bodies of 6,000 Ukrainian soldiers.", ["bodies_agreed to_ukraine target 6000 exact 2025-06-02 | Kyiv"]],
    ["Moscow had handed over 6,000 bodies ahead of Thursday's exchange.", ["bodies_returned to_ukraine cumulative 6000 exact 2025-06-19 | unnamed outlet"]],
    ["On 16 June, Umierov announced the completion of the repatriation under the Istanbul agreements and the return of more than 6,000 bodies.", ["bodies_returned to_ukraine cumulative 6000 more_than 2025-06-16 | Umierov"]],
    ["Since the invasion, Ukraine has returned 5,857 people. Outside of exchanges, another 555 people have been returned.", ["prisoners_returned to_ukraine cumulative 5857 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine cumulative 555 exact 2025-06-20 | unnamed outlet"]],
    ["Russia and Ukraine have completed another exchange, with Moscow repatriating the bodies of 1,000 Ukrainian servicemen and receiving 19 Russian soldiers’ remains in return.", ["bodies_returned to_ukraine event 1000 exact 2025-06-20 | unnamed outlet", "bodies_returned to_russia event 19 exact 2025-06-20 | unnamed outlet"]],
    ["Dmytro Lubinets said this. He also reported that 5,757 Ukrainians had been returned since the war began.", ["prisoners_returned to_ukraine cumulative 5757 exact 2025-06-20 | Dmytro Lubinets"]],
    ["Dmytro Lubinets also said that 5,757 Ukrainians had been returned since the war began.", ["prisoners_returned to_ukraine cumulative 5757 exact 2025-06-20 | Dmytro Lubinets"]],
    ["In May, as part of the prisoner exchange under the formula agreed in Istanbul, 120 Ukrainian civilians were returned.", ["civilians_returned to_ukraine event 120 exact 2025-05-31 | unnamed outlet"]],
    ["Since the invasion, Ukraine managed to return home 1993 Ukrainians.", ["prisoners_returned to_ukraine cumulative 1993 exact 2025-06-20 | unnamed outlet"]],
    ["The war began in 2022 and 1993 was long ago.", []],
    ["In total, 2,430 people returned home as a result of exchanges. Among them, 139 civilians.", ["prisoners_returned to_ukraine cumulative 2430 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine cumulative 139 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine returned 106 servicemen on Thursday. There is no information about how many people returned to Russia.", ["prisoners_returned to_ukraine event 106 exact 2025-06-19 | unnamed outlet", "prisoners_returned to_russia event - undisclosed 2025-06-19 | unnamed outlet"]],
  ])("%s", (text, expected) => {
    expect(claimsOf(text)).toEqual(expected);
  });
});

describe("spans of days and the talks a figure is counted under", () => {
  const windowsOf = (text: string, publishedAt = "2025-06-20") =>
    extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt }] }).claims.map((c) => `${c.fields.kind} ${c.fields.value} ${c.fields.validFrom ?? "-"}..${c.fields.validTo ?? "-"}`);
  it.each([
    ["Between 11 and 16 June, Ukraine completed the repatriation portion of the agreements, receiving 6,057 bodies.", ["cumulative 6057 2025-06-11..2025-06-16"]],
    ["On June 11-12, Ukraine received 1,212 bodies.", ["event 1212 2025-06-11..2025-06-12"]],
    ["From 11 to 16 June 2025, Russia handed over 6,057 bodies.", ["event 6057 2025-06-11..2025-06-16"]],
    ["On June 11 and 13, Ukraine received 1,212 bodies.", ["event 1212 2025-06-11..2025-06-11"]], // two days, not a span
  ])("%s", (text, expected) => {
    expect(windowsOf(text)).toEqual(expected);
  });

  it.each([
    ["Since the beginning of the year, Ukraine has brought home 1,358 people.", ["cumulative 1358 2025-01-01..2025-06-20"]],
    ["Since the start of this month, Ukraine has brought home 358 people.", ["cumulative 358 2025-06-01..2025-06-20"]],
  ])("a count since the start of the year or month is scoped from its first day: %s", (text, expected) => {
    expect(windowsOf(text)).toEqual(expected);
  });

  it("a list of prisoners received is a target, never a return", () => {
    const text = "Ukraine has received a list of 640 prisoners.";
    expect(extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] }).claims.map((c) => `${c.fields.metric} ${c.fields.kind}`)).toEqual(["prisoners_agreed target"]);
  });

  it("'In exchange, …' right after a running count, with no day of its own, is the other side of that count over the same days (2.9.0)", () => {
    const text = "Russia finished handing over the bodies by June 16, with 6,057 bodies transferred in phases since June 11. In exchange, Ukraine returned 78 Russian soldiers' remains earlier.";
    expect(windowsOf(text)).toEqual(["cumulative 6057 2025-06-11..2025-06-16", "cumulative 78 2025-06-11..2025-06-16"]);
  });

  it("a handover done under earlier agreements does not date the talks", () => {
    const text = "On 14 June, as part of agreements reached in Istanbul, Ukraine received 1,200 bodies from Russia. Umierov said more than 6,000 bodies had been returned under the Istanbul agreements.";
    // Not June 14: the count under "the Istanbul agreements" counts from the calendar's round of bodies there (2.9.0).
    expect(windowsOf(text)).toEqual(["event 1200 2025-06-14..2025-06-14", "cumulative 6000 2025-06-02..2025-06-20"]);
  });

  it("a count under talks the article dates later is scoped from those talks", () => {
    const text = "Since the invasion, Ukraine has returned 5,857 people. In addition, over a thousand prisoners have returned as part of an exchange agreed during the second round of negotiations in Istanbul. The exchange was agreed during the second round of talks in Istanbul on 2 June.";
    expect(windowsOf(text, "2025-07-28")).toEqual(["cumulative 5857 2022-02-24..2025-07-28", "cumulative 1000 2025-06-02..2025-07-28"]);
  });

  const agreementsOf = (text: string, publishedAt = "2025-06-20") =>
    extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt }] }).claims
      .filter((c) => c.fields.kind === "cumulative")
      .map((c) => `${c.fields.value} ${c.fields.validFrom ?? "-"} ${c.fields.agreement === null || c.fields.agreement === undefined ? "-" : `${c.fields.agreement.agreedOn}/${c.fields.agreement.value ?? "-"}`}`);

  it("a quote that ends by calling its figures the result of the talks counts them under those talks (2.4.0)", () => {
    const text = 'The two sides met for talks in Istanbul on June 2. The Russian leader spoke on June 19. "We have handed over more than 6,000 bodies, and received only 57 in return. We are ready to hand over more. This is a positive result of the talks in Istanbul," he said.';
    expect(agreementsOf(text)).toEqual(["6000 2025-06-02 2025-06-02/-", "57 2025-06-02 2025-06-02/-"]);
  });

  it("the same running count said twice by one speaker takes the scope the other telling names", () => {
    const text = 'The two sides met for talks in Istanbul on June 2. The Russian leader spoke on June 19. "We have handed over 6,000 bodies," he said. He added: "We have handed over more than 6,000 bodies. This is a positive result of the talks in Istanbul."';
    expect(agreementsOf(text)).toEqual(["6000 2025-06-02 2025-06-02/-", "6000 2025-06-02 2025-06-02/-"]);
  });

  it("a quote that names no talks leaves its figures' scope unknown", () => {
    const text = 'The two sides met for talks in Istanbul on June 2. The Russian leader spoke on June 19. "We have handed over more than 6,000 bodies, and received only 57 in return. We are ready to hand over more," he said.';
    expect(agreementsOf(text)).toEqual(["6000 - -", "57 - -"]);
  });

  it("'The exchange took place in three stages' right after a deal is that deal's progress, with its figure (2.4.0)", () => {
    const text = "On May 16, the two sides agreed to a 1000-for-1000 prisoner exchange. Turkey had proposed it. The exchange took place in three stages, with a total of 1,000 soldiers and civilians returned to Ukraine.";
    expect(agreementsOf(text)).toEqual(["1000 2025-05-16 2025-05-16/1000"]);
  });

  it("a count of bodies after a deal on prisoners is not that deal's progress", () => {
    const text = "On May 16, the two sides agreed to a 1000-for-1000 prisoner exchange. The exchange took place in three stages, and the bodies of 900 soldiers were returned to Ukraine overall.";
    expect(agreementsOf(text).every((c) => c.endsWith(" -"))).toBe(true);
  });

  it("'as part of the agreements of the second meeting' on a handover day dates no talks", () => {
    const text = 'In May, 120 civilians were returned under the "1000 for 1000" formula. On June 26, as part of the agreements of the second meeting of the delegations, a group of wounded defenders were returned to Ukraine.';
    const targets = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-07-02" }] }).claims.filter((c) => c.fields.kind === "target");
    expect(targets.map((c) => c.fields.validFrom)).toEqual([null]);
  });
});

describe("titles and earlier exchanges", () => {
  it("a title's figure gives way to the story's telling of it, with its qualifier and sides", () => {
    const text = "Russia and Ukraine free 200 captured troops in swap\n\nRussia and Ukraine said on Saturday they had freed more than 200 captured soldiers.";
    expect(claimsOf(text, "2022-12-31")).toEqual(["prisoners_returned each_side event 200 more_than 2022-12-31 | Ukraine"]);
  });

  it("an earlier exchange placed in a part of a month takes its figures out of today's swap, as a window of that part", () => {
    const text = "Ukraine returned 45 defenders on Friday. The previous exchange took place in mid-April. Andriy Yermak reported at the time that Ukraine had returned 130 soldiers.";
    expect(claimsOf(text, "2023-05-07")).toEqual(["prisoners_returned to_ukraine event 45 exact 2023-05-05 | unnamed outlet", "prisoners_returned to_ukraine event 130 exact 2023-04-20 | Andriy Yermak"]);
    const windows = extract({ text, path: null, today: "2026-01-01", sidecars: [{ source: "flag", publishedAt: "2023-05-07" }] }).claims.map((c) => `${c.fields.validFrom}..${c.fields.validTo}`);
    expect(windows).toEqual(["2023-05-05..2023-05-05", "2023-04-11..2023-04-20"]);
  });

  it.each([
    ["in early March", "2023-03-01..2023-03-10"],
    ["in late March", "2023-03-21..2023-03-31"],
    ["in March", "2023-03-01..2023-03-31"],
  ])("an exchange that took place %s covers that part of the month", (when, window) => {
    const text = `The previous exchange took place ${when}. Ukraine had returned 130 soldiers.`;
    const got = extract({ text, path: null, today: "2026-01-01", sidecars: [{ source: "flag", publishedAt: "2023-05-07" }] }).claims.map((c) => `${c.fields.validFrom}..${c.fields.validTo}`);
    expect(got).toEqual([window]);
  });
});

describe("stocks, captors and clauses", () => {
  it.each([
    ["There are 1,348 Russian servicemen in Ukrainian captivity, whereas 6,465 Ukrainian servicemen are POWs in Russia.", ["held_captive to_russia stock 1348 exact 2025-06-20 | unnamed outlet", "held_captive to_ukraine stock 6465 exact 2025-06-20 | unnamed outlet"]],
    ["Putin said Kiev has 1,348 Russians in captivity, while Russia has taken 6,365 Ukrainian prisoners.", ["held_captive to_russia stock 1348 exact 2025-06-20 | Putin", "held_captive to_ukraine stock 6365 exact 2025-06-20 | Putin"]],
    ["More than a hundred troops captured by Ukraine during its incursion have been freed in a swap.", ["prisoners_returned to_russia event 100 more_than 2025-06-20 | unnamed outlet"]],
    ["30 bodies of the deceased servicemen of the Russian Armed Forces had been returned to Russia, the ministry said.", ["bodies_returned to_russia event 30 exact 2025-06-20 | unnamed outlet"]],
    ["In the largest prisoner exchange with Russia, Ukraine has returned 144 soldiers.", ["prisoners_returned to_ukraine event 144 exact 2025-06-20 | unnamed outlet"]],
    ["Several exchanges have taken place since then, most recently on May 31, when 71 Ukrainian service members were released.", ["prisoners_returned to_ukraine event 71 exact 2025-05-31 | unnamed outlet"]],
    ["The oldest of the released turned 65, the youngest — 19.", []],
  ])("%s", (text, expected) => {
    expect(claimsOf(text)).toEqual(expected);
  });

  it("'September 14 of this year' is that day", () => {
    expect(claimsOf("On September 14 of this year, 103 servicemen were returned from captivity.", "2024-09-20")).toEqual(["prisoners_returned to_ukraine event 103 exact 2024-09-14 | unnamed outlet"]);
  });
});

describe("dates of undated articles and of figures told twice (2.3.0)", () => {
  it("an undated article's 'Saturday, November 1' is the one year within five before today in which that day was a Saturday", () => {
    // Today is 2026-11-22 in claimsOf; 1 November fell on a Saturday in 2025 (and not in 2022-2024 or 2026).
    const text = "Sixty Ukrainians came home in a prisoner swap with Russia on Saturday, November 1, officials said.\n\nMoscow said 58 Russian soldiers were returned in the exchange.";
    expect(claimsOf(text, null)).toEqual([
      "prisoners_returned to_ukraine event 60 exact 2025-11-01 | unnamed outlet",
      "prisoners_returned to_russia event 58 exact 2025-11-01 | Moscow",
    ]);
  });

  it("a weekday that fits no year in the window leaves the day unresolved", () => {
    // 1 November was never a Monday in 2022-2026.
    expect(claimsOf("Sixty Ukrainians came home in a prisoner swap on Monday, November 1, officials said.", null)).toEqual([
      "prisoners_returned to_ukraine event 60 exact - | unnamed outlet",
    ]);
  });

  it("an undated article's month and day take the latest year the story names as its own", () => {
    const text = "The ombudsman spoke at the 'Results of 2023' conference on Jan. 12, almost a year after the 2022 invasion. Ukraine has managed to return 2,100 citizens from captivity so far, he said.";
    expect(claimsOf(text, null).map((c) => c.split(" | ")[0])).toEqual(["prisoners_returned to_ukraine cumulative 2100 exact 2023-01-12"]);
  });

  it("an undated article's named year is the whole year, not cut at the latest day it states (2.6.0)", () => {
    // Feb. 4 takes the story's year (2022); that stand-in day, the latest stated, is when the story was written at the earliest, not its publication:
    // "in 2022" there is the year's count through December 31.
    const text = "116 Ukrainian soldiers were freed from Russian captivity on Feb. 4 in a prisoner exchange.\n\nUkraine retrieved nearly 1,600 prisoners of war in 2022, according to the ministry.";
    expect(claimsOf(text, null).map((c) => c.split(" | ")[0])).toContain("prisoners_returned to_ukraine cumulative 1600 nearly 2022-12-31");
    // With a publication day, the year is cut there (the count so far).
    expect(claimsOf(text, "2022-06-01").map((c) => c.split(" | ")[0])).toContain("prisoners_returned to_ukraine cumulative 1600 nearly 2022-06-01");
  });

  it("the war's start is not the story's year: the month and day stay unresolved", () => {
    const text = "The two sides swapped 80 prisoners on March 3, after the outbreak of hostilities in February 2022 and the invasion launched in 2022.";
    expect(claimsOf(text, null).map((c) => c.split(" | ")[0])).toEqual(["prisoners_returned each_side event 80 exact -"]);
  });

  it("a figure left with the publication day takes the day another telling of the same figure carries", () => {
    const text = "\"Recently there was an exchange: 64 people for 64 people,\" the governor said.\n\nThe soldiers were released from captivity on June 9. Under the deal, 64 Russian servicemen returned home, the ministry said.";
    expect(claimsOf(text, "2025-06-14").map((c) => c.split(" | ")[0])).toEqual([
      "prisoners_returned each_side event 64 exact 2025-06-09",
      "prisoners_returned to_russia event 64 exact 2025-06-09",
    ]);
  });
});

describe("sentence shapes of wire copy (2.6.0), on sentences written for the tests", () => {
  const head = (text: string, published = "2025-06-20") => claimsOf(text, published).map((c) => c.split(" | ")[0]);
  it.each([
    ["Russia handed over the remains of 909 soldiers to Ukraine on Friday, receiving 34 bodies in return.", ["bodies_returned to_ukraine event 909 exact 2025-06-20", "bodies_returned to_russia event 34 exact 2025-06-20"]],
    ["The POWs, 95 on each side, were swapped on the Belarusian border on Tuesday.", ["prisoners_returned each_side event 95 exact 2025-06-17"]],
    ["Ukraine got back 307 people in the second stage of the exchange on Saturday, after 390 on Friday.", ["prisoners_returned to_ukraine event 307 exact 2025-06-14", "prisoners_returned to_ukraine event 390 exact 2025-06-20"]],
    ["Ukraine said that 390 people had been freed on Friday, 307 on Saturday and 303 on Sunday.", ["prisoners_returned to_ukraine event 390 exact 2025-06-20", "prisoners_returned to_ukraine event 307 exact 2025-06-14", "prisoners_returned to_ukraine event 303 exact 2025-06-15"]],
    ["The number of Ukrainians freed from captivity has reached 5,857, Zelensky said on Monday.", ["prisoners_returned to_ukraine cumulative 5857 exact 2025-06-16"]],
    ["The exchange was the 71st since the full-scale invasion began, bringing the number returned to 5,757.", ["prisoners_returned to_ukraine cumulative 5757 exact 2025-06-20"]],
    ["Russia returned 14 civilians to their families in Ukraine under Qatari mediation.", ["civilians_returned to_ukraine event 14 exact 2025-06-20"]],
    // (Children returned from deportation are no exchange: "Russia returned 14 children ..." gives no claim since 2.7.0.)
    ["An exchange of 84 for 84 took place on Wednesday.", ["prisoners_returned each_side event 84 exact 2025-06-18"]],
    ["In the latest repatriation, 502 bodies were returned to Ukraine, bringing the total this year to 3,100.", ["bodies_returned to_ukraine event 502 exact 2025-06-20", "bodies_returned to_ukraine cumulative 3100 exact 2025-06-20"]],
    ["A total of 2,239 prisoners have been swapped since the talks began, officials said.", ["prisoners_returned total cumulative 2239 exact 2025-06-20"]],
    ["Russia said it swapped 115 prisoners captured by Ukraine in the Kursk region for the same number of detained Ukrainian servicemen.", ["prisoners_returned to_russia event 115 exact 2025-06-20", "prisoners_returned to_ukraine event 115 exact 2025-06-20"]],
    ["Past swaps have seen hundreds of prisoners exchanged. The most recent, in May 2025, involved 189 Ukrainians and 150 Russians.", ["prisoners_returned to_ukraine event 189 exact 2025-05-31", "prisoners_returned to_russia event 150 exact 2025-05-31"]],
    ["Kyiv got back 1,000 bodies, and Moscow got 24.", ["bodies_returned to_ukraine event 1000 exact 2025-06-20", "bodies_returned to_russia event 24 exact 2025-06-20"]],
    ["Russia has handed over 212 bodies, while Ukraine returned 19.", ["bodies_returned to_ukraine event 212 exact 2025-06-20", "bodies_returned to_russia event 19 exact 2025-06-20"]],
    ["Ukraine brought home 103 soldiers on Friday. Those freed include 82 privates and sergeants and 21 officers.", ["prisoners_returned to_ukraine event 103 exact 2025-06-20"]],
    ["Zelensky wrote, adding that 1,200 more Ukrainians were expected to be freed in the next weeks.", ["prisoners_agreed to_ukraine target 1200 exact 2025-06-02"]],
    ["This was the fourth repatriation since the talks in Istanbul, where Moscow had offered to return 6,000 bodies.", ["bodies_agreed to_ukraine target 6000 exact -"]],
    ["Ukraine and Russia each freed 390 people on Friday. Zelensky said 270 soldiers and 120 civilians had returned home. Moscow said 270 Russian servicemen had been returned.", ["prisoners_returned each_side event 390 exact 2025-06-20", "soldiers_returned to_ukraine event 270 exact 2025-06-20", "civilians_returned to_ukraine event 120 exact 2025-06-20", "prisoners_returned to_russia event 270 exact 2025-06-20"]],
    // Held until freed, however long the clause between; and the day of a capture is not the day of a release.
    ["Earlier, the ministry announced that two military pilots captured by Moscow's forces last month and held in Russia had been released.", ["prisoners_returned to_ukraine event 2 exact 2025-06-20"]],
  ])("%s", (text, expected) => {
    expect(head(text)).toEqual(expected);
  });

  it("a count over the past N days starts N - 1 days before its as-of day", () => {
    expect(claimsOf("Over the past three days, 1,000 Ukrainians came home under the deal.").map((c) => c.split(" | ")[0])).toEqual(["prisoners_returned to_ukraine cumulative 1000 exact 2025-06-20"]);
    const c = extract({ text: "Over the past three days, 1,000 Ukrainians came home under the deal.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] }).claims[0]!.fields;
    expect([c.validFrom, c.validTo]).toEqual(["2025-06-18", "2025-06-20"]);
  });

  it.each([
    "Ukraine hopes to bring home around 1,200 more people in the coming weeks.",
    "Kyiv expects to receive 500 more prisoners next week.",
    "Zelensky said Ukraine was preparing to return 300 more soldiers.",
  ])("what one side hopes, expects or prepares is an offer, not a return: %s", (text) => {
    const x = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] }).claims.map((c) => c.fields);
    expect(x.map((f) => [f.metric, f.kind, f.commitment])).toEqual([["prisoners_agreed", "target", "offered"]]);
  });
});


describe("whose people, and which kind of count (2.7.0)", () => {
  it.each([
    ["Kyiv did not say how many bodies it handed over.", ["bodies_returned to_russia event - undisclosed 2025-06-20 | Kyiv"]],
    ["Russia did not say how many prisoners it released in the swap.", ["prisoners_returned to_ukraine event - undisclosed 2025-06-20 | Russia"]],
    ["The latest swap saw 246 Ukrainian soldiers return home, and the same number of Russian troops were sent back.", ["prisoners_returned to_ukraine event 246 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_russia event 246 exact 2025-06-20 | unnamed outlet"]],
    ["A total of 1,358 Ukrainians were returned home in 2024.", ["prisoners_returned to_ukraine cumulative 1358 exact 2024-12-31 | unnamed outlet"]],
    ["Moscow and Kyiv exchanged a total of 218 prisoners on Monday in one of the biggest swaps so far.", ["prisoners_returned total event 218 exact 2025-06-16 | unnamed outlet"]],
    ["The latest exchange brought the number of Ukrainians returned so far to 4,000.", ["prisoners_returned to_ukraine cumulative 4000 exact 2025-06-20 | unnamed outlet"]],
    ["On Thursday, Ukraine returned home 95 defenders. Russia received the same number.", ["prisoners_returned to_ukraine event 95 exact 2025-06-19 | unnamed outlet", "prisoners_returned to_russia event 95 exact 2025-06-19 | unnamed outlet"]],
    ["Ukraine and Russia exchanged prisoners on Wednesday. Neither side disclosed the number of people involved.", ["prisoners_returned each_side event - undisclosed 2025-06-18 | unnamed outlet"]],
    ["Russia handed over 1,000 bodies on Saturday. Ukraine returned 19 in exchange.", ["bodies_returned to_ukraine event 1000 exact 2025-06-14 | unnamed outlet", "bodies_returned to_russia event 19 exact 2025-06-14 | unnamed outlet"]],
    ["Some 8,000 Ukrainians are in Russian custody.", ["held_captive to_ukraine stock 8000 about 2025-06-20 | unnamed outlet"]],
    ["Ukraine still has around 8,000 prisoners in Russian custody, Budanov said.", ["held_captive to_ukraine stock 8000 about 2025-06-20 | Budanov"]],
    ["Under the deal, the two sides will swap all seriously wounded prisoners and those under 25.", []],
    ["Ukraine freed young soldiers aged 18 to 25 on Friday.", []],
    ["Under 25 prisoners were freed on Friday.", ["prisoners_returned to_ukraine event 25 at_most 2025-06-20 | unnamed outlet"]],
    ["“Today 84 of our people are home,” Zelensky wrote.", ["prisoners_returned to_ukraine event 84 exact 2025-06-20 | Zelensky"]],
    ["As of June 1, 5,757 Ukrainians had been released from captivity.", ["prisoners_returned to_ukraine cumulative 5757 exact 2025-06-01 | unnamed outlet"]],
    ["Some 200 Ukrainian prisoners of war have died in Russian captivity, the UN said.", []],
    ["Ukraine says it has identified more than 500 of the bodies returned in June.", []],
    ["The number of prisoners exchanged was not immediately known.", ["prisoners_returned each_side event - undisclosed 2025-06-20 | unnamed outlet"]],
    ["Russia also returned an undisclosed number of civilians.", ["civilians_returned to_ukraine event - undisclosed 2025-06-20 | unnamed outlet"]],
    ["The Ukrainian side also received the bodies of fallen soldiers; their number was not given.", ["bodies_returned to_ukraine event - undisclosed 2025-06-20 | unnamed outlet"]],
    ["Both sides released wounded prisoners, but the figures were not published.", ["prisoners_returned each_side event - undisclosed 2025-06-20 | unnamed outlet"]],
    ["Ukraine brought home 197 people on Friday. The returned include 8 civilians, among them a priest.", ["prisoners_returned to_ukraine event 197 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine event 8 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine brought home 197 people on Friday. Twenty-two of them are civilians.", ["prisoners_returned to_ukraine event 197 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine event 22 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine brought home 197 people on Friday. Two of them were officers.", ["prisoners_returned to_ukraine event 197 exact 2025-06-20 | unnamed outlet"]],
    ["The remains of 502 fallen defenders were brought home, including 58 from the Kursk region.", ["bodies_returned to_ukraine event 502 exact 2025-06-20 | unnamed outlet"]],
    ["Russia announced today that it has exchanged 103 prisoners of war with Ukraine, including Russian soldiers captured during Ukraine’s offensive in the Kursk region.", ["prisoners_returned each_side event 103 exact 2025-06-20 | Russia"]],
    ["Ukraine swapped 95 prisoners with Russia on Wednesday.", ["prisoners_returned each_side event 95 exact 2025-06-18 | unnamed outlet"]],
    ["Russia received 115 servicemen captured in the Kursk region.", ["prisoners_returned to_russia event 115 exact 2025-06-20 | unnamed outlet"]],
    ["Zelensky: 95 Ukrainian defenders back home", ["prisoners_returned to_ukraine event 95 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine brought home 1,000 people over three days:\n- 390 people returned on May 23;\n- 307 on May 24;\n- 303 on May 25.", ["prisoners_returned to_ukraine cumulative 1000 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine event 390 exact 2025-05-23 | unnamed outlet", "prisoners_returned to_ukraine event 307 exact 2025-05-24 | unnamed outlet", "prisoners_returned to_ukraine event 303 exact 2025-05-25 | unnamed outlet"]],
    ["Ukraine brought home 390 people on May 23. Then 307 on May 24.", ["prisoners_returned to_ukraine event 390 exact 2025-05-23 | unnamed outlet", "prisoners_returned to_ukraine event 307 exact 2025-05-24 | unnamed outlet"]],
    ["Ukraine brought home 390 people on May 23. The war goes on, with 307 killed on May 24.", ["prisoners_returned to_ukraine event 390 exact 2025-05-23 | unnamed outlet"]],
    ["Ukraine and Russia released 84 and 90 prisoners respectively.", ["prisoners_returned to_russia event 84 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine event 90 exact 2025-06-20 | unnamed outlet"]],
    ["Kyiv and Moscow received 1,000 and 19 bodies, respectively.", ["bodies_returned to_ukraine event 1000 exact 2025-06-20 | unnamed outlet", "bodies_returned to_russia event 19 exact 2025-06-20 | unnamed outlet"]],
    ["Under the deal, 1,200 Ukrainians will be returned in exchange for 1,200 Russians.", ["prisoners_agreed to_ukraine target 1200 exact 2025-06-02 | unnamed outlet", "prisoners_agreed to_russia target 1200 exact 2025-06-02 | unnamed outlet"]],
    ["At the end of May, Russia returned 909 bodies.", ["bodies_returned to_ukraine event 909 exact 2025-05-31 | unnamed outlet"]],
    ["Russia has returned 103 servicemen captured in the Kursk region.", ["prisoners_returned to_russia event 103 exact 2025-06-20 | unnamed outlet"]],
    ["Since then, several thousand prisoners from both sides have been exchanged.", []],
    ["Two civilians were also freed as part of the swap, bringing the total returned to 392.", ["civilians_returned to_ukraine event 2 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine cumulative 392 exact 2025-06-20 | unnamed outlet"]],
    ["Russia and Ukraine have carried out 64 exchanges, the largest of which saw 1,000 prisoners freed on each side.", ["prisoners_returned each_side event 1000 exact 2025-06-20 | unnamed outlet"]],
    ["MOSCOW, June 19 (Reuters) - Russia has handed over 6,057 bodies of Ukrainian soldiers since June 11, a Russian negotiator said on Thursday.", ["bodies_returned to_ukraine cumulative 6057 exact 2025-06-19 | Russian negotiator"]],
    ["Russian state media reported that 90 Russian soldiers, who had been held in Ukraine, returned home via Belarus on Sunday.", ["prisoners_returned to_russia event 90 exact 2025-06-15 | Russian state media"]],
    ["Moskalkova noted that since the beginning of the special military operation, more than 1,700 Russian citizens have been returned home.", ["prisoners_returned to_russia cumulative 1700 more_than 2025-06-20 | Moskalkova"]],
    ["Earlier in the month, 84 Ukrainians — 76 soldiers and eight civilians — were released.", ["prisoners_returned to_ukraine event 84 exact 2025-06-20 | unnamed outlet", "soldiers_returned to_ukraine event 76 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine event 8 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine has managed to return 1,641 children who were deported by Russia.", []],
    ["Ukraine returned 108 women on Monday.", ["prisoners_returned to_ukraine event 108 exact 2025-06-16 | unnamed outlet"]],
    ["And most importantly, it’s a victory for 215 families who will be able to see their loved ones returned to safety, Zelensky said.", ["prisoners_returned to_ukraine event 215 exact 2025-06-20 | Zelensky"]],
    ["Ukraine has managed to secure the release of 4,000 citizens from Russian captivity. According to Andrii Yusov, almost 4,000 Ukrainians have already been returned from Russian captivity.", ["prisoners_returned to_ukraine cumulative 4000 nearly 2025-06-20 | Andrii Yusov"]],
    ["Ukraine has returned 4,000 citizens so far, Yusov said. Lubinets said that more than 4,000 Ukrainians had been returned so far.", ["prisoners_returned to_ukraine cumulative 4000 exact 2025-06-20 | Yusov", "prisoners_returned to_ukraine cumulative 4000 more_than 2025-06-20 | Lubinets"]],
  ])("%s", (text, expected) => {
    expect(claimsOf(text)).toEqual(expected);
  });
});

describe("who said it: a person's name after an office (2.7.0)", () => {
  it.each([
    ["The head of the President’s office Andriy Yermak said 84 Ukrainians returned home on Friday.", "Andriy Yermak"],
    ["Ukraine’s Commissioner for Human Rights Dmytro Lubinets said 84 Ukrainians returned home on Friday.", "Dmytro Lubinets"],
    ["Human Rights Watch said 84 Ukrainians returned home on Friday.", "Human Rights Watch"],
    ["The Coordination Headquarters for the Treatment of Prisoners of War said 84 Ukrainians returned home on Friday.", "Coordination Headquarters for the Treatment of Prisoners of War"],
  ])("%s", (text, who) => {
    expect(claimsOf(text).map((c) => c.split(" | ")[1])).toEqual([who]);
  });
});

describe("superlatives, both sides together, the same number, the past week (2.8.0)", () => {
  it.each([
    // A superlative's "since ..." scopes no figure and makes no running count.
    ["In the largest swap since the start of the full-scale invasion, 390 Ukrainians were returned on Friday.", ["prisoners_returned to_ukraine event 390 exact 2025-06-20 | unnamed outlet"]],
    ["Zelensky said 1,358 Ukrainians were brought back in 2024, the most since the war began.", ["prisoners_returned to_ukraine cumulative 1358 exact 2024-12-31 | Zelensky"]],
    ["Since the start of the full-scale invasion, 5,857 Ukrainians have been freed.", ["prisoners_returned to_ukraine cumulative 5857 exact 2025-06-20 | unnamed outlet"]],
    // "A total of N ... on both sides" is both sides together; "each side releasing N" is each.
    ["A total of 246 people were freed on both sides, with each side releasing 123.", ["prisoners_returned total event 246 exact 2025-06-20 | unnamed outlet", "prisoners_returned each_side event 123 exact 2025-06-20 | unnamed outlet"]],
    // The same number after any act of return, in the next sentence too, said by that sentence's speaker.
    ["Ukraine brought home 150 of its defenders on Friday, Zelensky said. In return, Kyiv handed over the same number of Russian servicemen, the Russian Defence Ministry said.", ["prisoners_returned to_ukraine event 150 exact 2025-06-20 | Zelensky", "prisoners_returned to_russia event 150 exact 2025-06-20 | Russian Defence Ministry"]],
    ["Some 320 Ukrainian soldiers returned home on Saturday, and Russia got back the same number.", ["prisoners_returned to_ukraine event 320 about 2025-06-14 | unnamed outlet", "prisoners_returned to_russia event 320 about 2025-06-14 | unnamed outlet"]],
    // A figure added to the one before goes the same way; the counterpart of a running count is one too.
    ["Two Ukrainian pilots were freed alongside 85 soldiers.", ["prisoners_returned to_ukraine event 2 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine event 85 exact 2025-06-20 | unnamed outlet"]],
    ["The remains of 6,060 Ukrainian soldiers were returned in exchange for 78 Russian bodies, according to Vladimir Medinsky.", ["bodies_returned to_ukraine cumulative 6060 exact 2025-06-20 | Vladimir Medinsky", "bodies_returned to_russia cumulative 78 exact 2025-06-20 | Vladimir Medinsky"]],
    // A side's officials are a speaker of that side: whose soldiers "returned home" follows from it.
    ["Russian officials said 150 soldiers had returned home.", ["prisoners_returned to_russia event 150 exact 2025-06-20 | Russian officials"]],
    ["Ukrainian officials say more than 10,000 Ukrainians are held by Russia.", ["held_captive to_ukraine stock 10000 more_than 2025-06-20 | Ukrainian officials"]],
    ["Kyiv has said it is holding about 6,000 Russian prisoners of war.", ["held_captive to_russia stock 6000 about 2025-06-20 | Kyiv"]],
    ["Ukraine estimates that Russia still holds more than 10,000 Ukrainian prisoners.", ["held_captive to_ukraine stock 10000 more_than 2025-06-20 | Ukraine"]],
    ["Ukraine's military intelligence agency, known as HUR, said 103 Ukrainian service members had been returned.", ["prisoners_returned to_ukraine event 103 exact 2025-06-20 | Ukraine's military intelligence agency"]],
    // What a side's speaker says was handed over, with no side named, that side gave; staged for a handover is its offer.
    ["Medinsky said 909 bodies had been handed over on Friday.", ["bodies_returned to_ukraine event 909 exact 2025-06-20 | Medinsky"]],
    ["The Kremlin said 1,000 bodies were ready for transfer.", ["bodies_agreed to_ukraine target 1000 exact - | Kremlin"]],
    ["Medinsky noted that the first batch of 1,212 bodies has already arrived in refrigerated trucks at the designated exchange area.", ["bodies_agreed to_ukraine target 1212 exact - | Medinsky"]],
    // A figure the article gives as bodies, told again with a soldiers' noun, is those bodies (with its sentence's others).
    ["Russia returned 909 Ukrainian bodies on Friday. In March, another swap occurred involving 909 Ukrainian troops and 43 Russians.", ["bodies_returned to_ukraine event 909 exact 2025-06-20 | unnamed outlet", "bodies_returned to_ukraine event 909 exact 2025-03-31 | unnamed outlet", "bodies_returned to_russia event 43 exact 2025-03-31 | unnamed outlet"]],
    // "and" after a figure opens a clause of its own: its party is the subject of what follows.
    ["In February, Ukraine received the bodies of 757 soldiers and Russia obtained 45 remains.", ["bodies_returned to_ukraine event 757 exact 2025-02-28 | unnamed outlet", "bodies_returned to_russia event 45 exact 2025-02-28 | unnamed outlet"]],
    // The part's day after ", including" is not the whole's; "over three days" is a running count over them.
    ["Ukraine has brought home 3,767 people since the war started in February 2022, including 150 on Friday.", ["prisoners_returned to_ukraine cumulative 3767 exact 2025-06-20 | unnamed outlet", "prisoners_returned to_ukraine event 150 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine's Coordination Headquarters said on Saturday that 1,000 Ukrainians had been returned over three days.", ["prisoners_returned to_ukraine cumulative 1000 exact 2025-06-14 | Ukraine's Coordination Headquarters"]],
    // "in all" after a simple past act sums one exchange; "150 each" after it breaks that exchange down.
    ["The sides swapped 300 prisoners in all, 150 each.", ["prisoners_returned total event 300 exact 2025-06-20 | unnamed outlet", "prisoners_returned each_side event 150 exact 2025-06-20 | unnamed outlet"]],
    ["Ukraine has returned 3,000 prisoners in all since the invasion.", ["prisoners_returned to_ukraine cumulative 3000 exact 2025-06-20 | unnamed outlet"]],
    // "the 390 returned": the participle names the people, as "released" and "freed" do.
    ["Among the 390 returned on Friday were 120 civilians.", ["prisoners_returned to_ukraine event 390 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine event 120 exact 2025-06-20 | unnamed outlet"]],
    // A split by sex is parts of a whole: the whole is the claim.
    ["One hundred and forty Ukrainians were freed on Saturday. They include 132 Ukrainian men and eight women.", ["prisoners_returned to_ukraine event 140 exact 2025-06-14 | unnamed outlet"]],
    ["As reported, 100 defenders returned home on April 10. Lubinets reported that 20 female and 80 male defenders returned.", ["prisoners_returned to_ukraine event 100 exact 2025-04-10 | unnamed outlet"]],
    // Parts told by a predicate belong to the figure they add up to: of a stock of captives they are no returns.
    [
      "As of mid-November, 4,000 Ukrainians were in Russian captivity. Among them, 1,500 have been freed. Of the people taken captive, 3,200 are military personnel, and 800 are civilians.",
      ["held_captive to_ukraine stock 4000 exact 2024-11-20 | unnamed outlet", "prisoners_returned to_ukraine cumulative 1500 exact 2025-06-20 | unnamed outlet"],
    ],
    [
      "Ukraine brought home 150 people on Friday. Of them, 120 are soldiers and 30 are civilians.",
      ["prisoners_returned to_ukraine event 150 exact 2025-06-20 | unnamed outlet", "soldiers_returned to_ukraine event 120 exact 2025-06-20 | unnamed outlet", "civilians_returned to_ukraine event 30 exact 2025-06-20 | unnamed outlet"],
    ],
    // A count under talks that the article does not date counts from the round of the place it names.
    [
      "On June 16, the defence minister announced the completion of the repatriation of the bodies under the Istanbul agreements and the return of more than 6,000 bodies.",
      ["bodies_returned to_ukraine cumulative 6000 more_than 2025-06-16 | unnamed outlet"],
    ],
    // A running count in the sentence of the deal it fulfils counts from the deal's day.
    [
      "The handover follows a June 2 agreement in Istanbul, where Russia committed to returning over 6,000 bodies, a process completed by June 16 with 6,057 bodies transferred.",
      ["bodies_agreed to_ukraine target 6000 more_than 2025-06-02 | unnamed outlet", "bodies_returned to_ukraine cumulative 6057 exact 2025-06-16 | unnamed outlet"],
    ],
    // "expressed willingness to transfer" is an offer, as "ready to hand over" is.
    [
      "He said Russia had already handed over roughly 7,000 bodies and expressed willingness to transfer an additional 3,000.",
      ["bodies_returned to_ukraine cumulative 7000 about 2025-06-20 | unnamed outlet", "bodies_agreed to_ukraine target 3000 exact - | unnamed outlet"],
    ],
    // "Neither … provided an exact figure of how many": undisclosed for both sides, of what the figure is of.
    [
      "Neither Kyiv nor Moscow, whose talks have produced little but swaps of prisoners or remains, provided an exact figure of how many POWs had been exchanged on Thursday.",
      ["prisoners_returned each_side event - undisclosed 2025-06-19 | unnamed outlet"],
    ],
    [
      "Neither side, whose talks have yielded little else, gave a figure for how many bodies were handed over on Thursday.",
      ["bodies_returned each_side event - undisclosed 2025-06-19 | unnamed outlet"],
    ],
    // "In exchange, …" right after a running count, with no day of its own: the other side of that count, over its days.
    [
      "Russia finished handing over the bodies by June 16, with 6,057 bodies transferred in phases since June 11. In exchange, Ukraine returned 78 Russian soldiers' remains earlier.",
      ["bodies_returned to_ukraine cumulative 6057 exact 2025-06-16 | unnamed outlet", "bodies_returned to_russia cumulative 78 exact 2025-06-16 | unnamed outlet"],
    ],
    // A split by rank after the whole was told is parts of it; with no whole told, the figure stays.
    [
      "Ukraine said Thursday that 30 prisoners of war were being returned. \"Five officers and 17 servicemen were exchanged,\" the minister said.",
      ["prisoners_returned to_ukraine event 30 exact 2025-06-19 | Ukraine"],
    ],
    ["Ukraine got back 40 soldiers and three officers on Friday.", ["prisoners_returned to_ukraine event 40 exact 2025-06-20 | unnamed outlet"]],
    // A group named by where it fought, after a larger figure just told, is part of it, and so is "including N from X";
    // alone, it is the figure.
    [
      "On Friday, Ukraine returned 60 troops from captivity. Among those freed, 34 defenders of Mariupol returned, including 14 from Azovstal.",
      ["prisoners_returned to_ukraine event 60 exact 2025-06-20 | unnamed outlet"],
    ],
    ["Ukraine brought home 95 defenders of Azovstal on Wednesday.", ["prisoners_returned to_ukraine event 95 exact 2025-06-18 | unnamed outlet"]],
    // "the number of those exchanged" names no side: both sides together.
    [
      "Russia and Ukraine swapped 250 prisoners each on Wednesday. In total, the number of those exchanged amounts to over 2,400.",
      ["prisoners_returned each_side event 250 exact 2025-06-18 | unnamed outlet", "prisoners_returned total cumulative 2400 more_than 2025-06-20 | unnamed outlet"],
    ],
    // A part of an exchange told for both sides together that names one side is that side's count.
    [
      "Moscow and Kyiv on Monday carried out a prisoner swap, exchanging a total of 218 detainees, including 108 Ukrainian women.",
      ["prisoners_returned total event 218 exact 2025-06-16 | unnamed outlet", "prisoners_returned to_ukraine event 108 exact 2025-06-16 | unnamed outlet"],
    ],
  ])("%s", (text, expected) => {
    expect(claimsOf(text)).toEqual(expected);
  });

  it("'the past week' is the seven days up to the day, 'last week' the calendar week before", () => {
    const past = extract({ text: "Over the past week, Ukraine has received the bodies of 1,245 soldiers.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] }).claims[0]!.fields;
    expect([past.kind, past.validFrom, past.validTo]).toEqual(["cumulative", "2025-06-14", "2025-06-20"]);
    const last = extract({ text: "Last week, Ukraine received the bodies of 1,245 soldiers.", path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] }).claims[0]!.fields;
    expect([last.validFrom, last.validTo]).toEqual(["2025-06-09", "2025-06-15"]);
  });
});

describe("the year of an undated page's exchange day, and a statement placed in a month (2.10.0)", () => {
  it("an exchange day without a year takes the year of the one exchange the pack's calendar has on that day, and so do the page's other days", () => {
    const text = "Russia released 215 prisoners of war in a prisoner swap on Sept. 21. On Sept. 22, 2,000 Ukrainian soldiers remained in Russian captivity.";
    expect(claimsOf(text, null)).toEqual([
      "prisoners_returned to_ukraine event 215 exact 2022-09-21 | unnamed outlet",
      "held_captive to_ukraine stock 2000 exact 2022-09-22 | unnamed outlet",
    ]);
  });

  it("a day on which the calendar has exchanges in two years, a repatriation of bodies, or a page that names its year, take nothing from it", () => {
    // May 6: exchanges in 2023 and in 2025.
    expect(claimsOf("Ukraine returned 45 prisoners of war in an exchange on May 6.", null)).toEqual(["prisoners_returned to_ukraine event 45 exact - | unnamed outlet"]);
    // June 14 is a prisoner-exchange day of 2025; the bodies of 2024 are no exchange the calendar lists.
    expect(claimsOf("On June 14, another transfer of the bodies of 254 Ukrainian soldiers took place.", null)).toEqual(["bodies_returned to_ukraine event 254 exact - | unnamed outlet"]);
    // The year the page names wins over the calendar's when the calendar's is earlier...
    expect(claimsOf("In the 2023 season of talks, Russia released 215 prisoners of war in a swap on Sept. 21.", null)).toEqual(["prisoners_returned to_ukraine event 215 exact 2023-09-21 | unnamed outlet"]);
  });

  it("a page names past years, not later ones: an exchange day the calendar has only in a later year than the page names is of that year", () => {
    const text = "Ukraine retrieved nearly 1,600 prisoners of war in 2022, the ministry said. In the most recent exchange on Feb. 4, 116 Ukrainian soldiers were freed.";
    expect(claimsOf(text, null).filter((c) => c.includes(" event "))).toEqual(["prisoners_returned to_ukraine event 116 exact 2023-02-04 | unnamed outlet"]);
  });

  it("'said last November that 2,384 remained in captivity' is a stock as of that month, not as of the day it was reported", () => {
    expect(claimsOf("Ukrainian authorities said last November that 2,384 soldiers and civilians remained in Russian captivity.", "2024-06-06"))
      .toEqual(["held_captive to_ukraine stock 2384 exact 2023-11-30 | Ukrainian authorities"]);
    // In November itself, "last November" is the year before's.
    expect(claimsOf("Ukrainian authorities said last November that 2,384 soldiers and civilians remained in Russian captivity.", "2024-11-20"))
      .toEqual(["held_captive to_ukraine stock 2384 exact 2023-11-30 | Ukrainian authorities"]);
    // Told with no time of its own: as of the day it was reported.
    expect(claimsOf("Ukrainian authorities said that 2,384 soldiers and civilians remained in Russian captivity.", "2024-06-06"))
      .toEqual(["held_captive to_ukraine stock 2384 exact 2024-06-06 | Ukrainian authorities"]);
  });

  it("a negotiator's running count with no day of its own is as of the talks the lead dates, not the next day's report", () => {
    const text = "Russia and Ukraine wrapped up their third round of peace negotiations in Istanbul on Wednesday. Vladimir Medinsky, leading the Russian delegation, said that Russia has already repatriated the remains of roughly 7,000 fallen Ukrainian soldiers.";
    expect(claimsOf(text, "2025-07-24")).toEqual(["bodies_returned to_ukraine cumulative 7000 about 2025-07-23 | Vladimir Medinsky"]);
    // A count by the outlet itself is as of its report.
    expect(claimsOf(text.replace("Vladimir Medinsky, leading the Russian delegation, said that Russia", "Russia"), "2025-07-24")).toEqual(["bodies_returned to_ukraine cumulative 7000 about 2025-07-24 | unnamed outlet"]);
  });
});

describe("who spoke, whose people, and sizes that are no counts (2.10.0)", () => {
  it("'The head of the region, Denis Pushilin, said': a name set off by commas after an office is the speaker", () => {
    expect(claimsOf("The head of the breakaway region of Donetsk, Denis Pushilin, said 110 Ukrainian prisoners were returned.", "2022-10-17"))
      .toEqual(["prisoners_returned to_ukraine event 110 exact 2022-10-17 | Denis Pushilin"]);
  });

  it("'We freed 108 women from captivity', said by a Ukrainian official, is Ukraine's people coming home", () => {
    const text = "The head of the Office of the President, Andrii Yermak, reported: \"We freed 108 women from captivity.\"";
    expect(claimsOf(text, "2022-10-17")).toEqual(["prisoners_returned to_ukraine event 108 exact 2022-10-17 | Andrii Yermak"]);
  });

  it("'Most recently, in April, Russia returned 909 bodies and accepted 41': both figures are of the month the sentence opens with", () => {
    expect(fieldsOf("Most recently, in April, Russia once again returned 909 Ukrainian bodies and accepted 41 Russian remains.", "2025-05-18").map((f) => `${f.direction} ${f.value} ${f.validFrom}..${f.validTo}`)).toEqual(["to_ukraine 909 2025-04-01..2025-04-30", "to_russia 41 2025-04-01..2025-04-30"]);
  });

  it("'the seventh swap since last October involving at least 500 soldiers' sorts a series of swaps: no count", () => {
    expect(claimsOf("Friday’s exchange marks the seventh swap since last October involving at least 500 Ukrainian soldiers.", "2025-03-28")).toEqual([]);
    expect(claimsOf("Friday’s exchange returned at least 500 Ukrainian soldiers.", "2025-03-28")).toEqual(["prisoners_returned to_ukraine event 500 at_least 2025-03-28 | unnamed outlet"]);
  });
});

describe("an exchange that closes an earlier deal (2.10.0)", () => {
  const linkOf = (text: string, published: string) => fieldsOf(text, published).filter((f) => f.kind === "event").map((f) => `${f.value} ${f.validTo} ${f.agreement?.agreedOn ?? "-"}`);

  it("'this is the final exchange within the scope of previously established agreements': the exchange counts under the round before its day", () => {
    expect(linkOf("Vladimir Medinsky told journalists after the talks concluded that around 250 persons from each side had been exchanged. He claims this is the final exchange within the scope of previously established agreements.", "2025-07-23"))
      .toEqual(["250 2025-07-23 2025-06-02"]);
    // Said of no earlier deal, the exchange is linked to none.
    expect(linkOf("Vladimir Medinsky told journalists after the talks concluded that around 250 persons from each side had been exchanged.", "2025-07-23")).toEqual(["250 2025-07-23 -"]);
  });
});

describe("a deal named by its formula, once stated (2.10.0)", () => {
  it("'X said that after the 1,000-for-1,000 exchange is complete …' names the deal the article stated; it is no claim of X's", () => {
    const text = "An agreement on a 1,000-for-1,000 prisoner exchange was the only result of the talks in Istanbul on May 16. Ukraine's Presidential Office chief, Andriy Yermak, said that after the 1,000-for-1,000 exchange is complete, future talks could be arranged.";
    expect(claimsOf(text, "2025-05-24")).toEqual(["prisoners_agreed each_side target 1000 exact 2025-05-16 | unnamed outlet"]);
    // Not stated before, the formula in X's words is X's claim.
    expect(claimsOf("Ukraine's Presidential Office chief, Andriy Yermak, said that the 1,000-for-1,000 exchange agreed in Istanbul on May 16 would start soon.", "2025-05-20"))
      .toEqual(["prisoners_agreed each_side target 1000 exact 2025-05-16 | Andriy Yermak"]);
  });
});

describe("a page known only by its month (2.10.0)", () => {
  it("an exchange it tells with no day of its own is of some day of that month, not of its last", () => {
    const text = " date 2022-12 Ukraine Returns 64 Soldiers From Enemy Captivity, Including Defenders Of Bakhmut\n\nAnother exchange of prisoners took place - 64 Ukrainians are returning home. The bodies of 4 killed were also returned.";
    expect(fieldsOf(text, null).map((f) => `${f.value} ${f.validFrom}..${f.validTo}`)).toEqual(["64 2022-12-01..2022-12-31", "4 2022-12-01..2022-12-31"]);
  });
});

describe("those brought back out of a stock (2.10.0)", () => {
  it("'25,000 civilian hostages are in Russian captivity, Ukraine managed to return only 144 people' is a running count of civilians", () => {
    expect(claimsOf("More than 25 thousand civilian hostages are in Russian captivity, Ukraine managed to return only 144 people, Ombudsman Dmytro Lubinets said.", "2023-07-07"))
      .toEqual(["held_captive to_ukraine stock 25000 more_than 2023-07-07 | Dmytro Lubinets", "civilians_returned to_ukraine cumulative 144 exact 2023-07-07 | Dmytro Lubinets"]);
    // With a day of its own it is that day's exchange.
    expect(claimsOf("More than 25 thousand civilian hostages are in Russian captivity; on Friday Ukraine managed to return only 44 people, Ombudsman Dmytro Lubinets said.", "2023-07-07").at(-1))
      .toBe("prisoners_returned to_ukraine event 44 exact 2023-07-07 | Dmytro Lubinets");
  });
});

describe("groups among those just freed (2.10.0)", () => {
  it("'among those freed are 23 soldiers and sergeants, and 19 officers' and 'they managed to free 23 Ukrainian women', after 49 just told, are parts of the 49", () => {
    const text = "Ukraine has retrieved 49 Ukrainians from Russian captivity on September 13, President Zelensky said. According to the Coordination Headquarters, among those freed are 23 soldiers and sergeants, and 19 officers. The Coordination Headquarters calls this exchange special, as for the first time in a long while, they managed to free 23 Ukrainian women from captivity.";
    expect(claimsOf(text, "2024-09-14")).toEqual(["prisoners_returned to_ukraine event 49 exact 2024-09-13 | Zelensky"]);
    // "Separately, eight wounded were also released": a figure of its own.
    expect(claimsOf("Ukraine has retrieved 49 Ukrainians from Russian captivity on September 13, President Zelensky said. Separately, eight wounded Ukrainian women were also released on September 13.", "2024-09-14"))
      .toEqual(["prisoners_returned to_ukraine event 49 exact 2024-09-13 | Zelensky", "prisoners_returned to_ukraine event 8 exact 2024-09-13 | unnamed outlet"]);
  });
});

describe("the rules of 2.10.0 at their edges", () => {
  it("the calendar of exchanges knows no exchange after today, and a day on which it has none gives no year", async () => {
    const { yearOfExchange } = await import("./Exchanges.ts");
    expect(yearOfExchange(9, 21, "2026-11-22")).toBe(2022);
    expect(yearOfExchange(9, 21, "2022-09-20")).toBeNull();
    expect(yearOfExchange(9, 21, "2022-09-21")).toBe(2022);
    expect(yearOfExchange(9, 22, "2026-11-22")).toBeNull();
    expect(yearOfExchange(5, 6, "2026-11-22")).toBeNull(); // 2023 and 2025
    expect(yearOfExchange(5, 6, "2024-01-01")).toBe(2023); // 2025's is after that day
  });

  it("a running count told only in a month is as of that month's end; a month not before the report gives nothing", () => {
    expect(claimsOf("Ukrainian authorities said last November that 2,384 Ukrainians had been returned since the start of the full-scale invasion.", "2024-06-06"))
      .toEqual(["prisoners_returned to_ukraine cumulative 2384 exact 2023-11-30 | Ukrainian authorities"]);
    // "said in June" in a June report: the month is the report's own, so the report's day stands.
    expect(claimsOf("Ukrainian authorities said in June that 2,384 soldiers and civilians remained in Russian captivity.", "2024-06-06"))
      .toEqual(["held_captive to_ukraine stock 2384 exact 2024-06-06 | Ukrainian authorities"]);
  });

  it("a negotiator's stock with no day of its own is as of the talks the lead dates too; talks a week before are no lead's day", () => {
    const text = "Russia and Ukraine wrapped up their third round of peace negotiations in Istanbul on Wednesday. Vladimir Medinsky said that more than 8,000 Ukrainian soldiers remain in Russian captivity.";
    expect(claimsOf(text, "2025-07-24")).toEqual(["held_captive to_ukraine stock 8000 more_than 2025-07-23 | Vladimir Medinsky"]);
    expect(claimsOf(text.replace("on Wednesday", "on July 16"), "2025-07-24")).toEqual(["held_captive to_ukraine stock 8000 more_than 2025-07-24 | Vladimir Medinsky"]);
  });

  it("an exchange beside 'the final exchange of previous agreements' is linked only when it is an exchange of people, near it, and the round is recent", () => {
    const link = (text: string, published: string) => fieldsOf(text, published).map((f) => `${f.kind} ${f.value} ${f.agreement?.agreedOn ?? "-"}`);
    const closing = "He claims this is the final exchange within the scope of previously established agreements.";
    // Three sentences after the exchange: too far.
    expect(link(`Medinsky said 250 prisoners of war were exchanged on each side. The talks lasted an hour. The delegations left. ${closing}`, "2025-07-23")).toEqual(["event 250 -"]);
    // A running count beside it is not an exchange to link.
    expect(link(`Medinsky said 2,400 prisoners had been exchanged in total so far. ${closing}`, "2025-07-23")).toEqual(["cumulative 2400 -"]);
    // No round within 90 days before its day: nothing to link to.
    expect(link(`Medinsky said 250 prisoners of war were exchanged on each side on December 20. ${closing}`, "2025-12-21")).toEqual(["event 250 -"]);
  });

  it("a formula named again is dropped only when the same deal was stated before, not a different one", () => {
    const text = "An agreement on a 1,000-for-1,000 prisoner exchange was reached in Istanbul on May 16. Yermak said that after the 500-for-500 exchange is complete, future talks could be arranged.";
    expect(claimsOf(text, "2025-05-24").length).toBe(2);
  });

  it("a page known only by its month gives its month to an exchange with no day, not to a running count", () => {
    expect(fieldsOf(" date 2022-12 Ukraine Returns 64 Soldiers From Enemy Captivity, Including Defenders Of Bakhmut\n\nUkraine has returned 1,400 prisoners of war since the war began.", null).map((f) => `${f.kind} ${f.value} ${f.validFrom}..${f.validTo}`)).toEqual(["event 64 2022-12-01..2022-12-31", "cumulative 1400 2022-02-24..2022-12-31"]);
  });
});
