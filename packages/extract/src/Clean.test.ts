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
});
