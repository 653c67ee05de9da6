import { describe, expect, it } from "vitest";
import * as C from "./Clean.ts";

const kept = (text: string) => C.storySpans(text).map((s) => text.slice(s.start, s.end));

describe("cleaning a page", () => {
  it("drops a forum header and counters but keeps the story, with offsets into the original", () => {
    const text = "Saif\nSenior Member\n- 13,589\n- Copy to clipboard\n- #465\n\nUkraine and Russia exchanged prisoners on Thursday, officials said.";
    const spans = C.storySpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["Ukraine and Russia exchanged prisoners on Thursday, officials said."]);
  });

  it("reads a story pasted twice once, and drops a teaser that a later line spells out", () => {
    const story = "Ukraine and Russia exchanged a new group of captured soldiers on Thursday, the latest in a series of swaps.";
    const text = `${story.slice(0, 60)}...\n${story}\nSecond paragraph of the story, long enough to count as prose.\n${story}\nSecond paragraph of the story, long enough to count as prose.`;
    expect(kept(text)).toEqual([story, "Second paragraph of the story, long enough to count as prose."]);
  });

  it("joins the lines of hard-wrapped wire copy into one span per paragraph; a text that is not wrapped keeps its lines", () => {
    const wrapped = [
      "KYIV, April 14 (AFP) - Ukraine said Thursday that 30 prisoners of",
      "war were being returned to the country as part of the most recent",
      "exchange of captives with Russia, following an order from the",
      "president.",
      "",
      "\"Five officers and 17 servicemen were exchanged. Also eight civilians,",
      "including one woman, were released. In total, 30 of our citizens are",
      "going home today,\" the deputy prime minister said in a statement.",
    ].join("\n");
    expect(kept(wrapped).map((l) => l.replace(/\n/g, " "))).toEqual([
      "KYIV, April 14 (AFP) - Ukraine said Thursday that 30 prisoners of war were being returned to the country as part of the most recent exchange of captives with Russia, following an order from the president.",
      "\"Five officers and 17 servicemen were exchanged. Also eight civilians, including one woman, were released. In total, 30 of our citizens are going home today,\" the deputy prime minister said in a statement.",
    ]);
    // One paragraph a line, a heading without a full stop and a list after a colon: nothing is joined.
    const lines = "Ukraine and Russia swap prisoners in the largest exchange of the war\nUkraine and Russia exchanged 84 prisoners each on Wednesday, officials said.\nThe following were released from captivity on that day in the swap:\n- 59 soldiers of the National Guard;\n- 30 Navy fighters.";
    expect(kept(lines)).toEqual(lines.split("\n"));
  });
});

