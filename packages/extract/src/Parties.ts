/**
 * The built-in domain pack's parties and the names that belong to each:
 * countries, capitals, their officials and institutions. It decides whose
 * people a figure is about ("Ukrainian soldiers") and, for "we released",
 * which side is speaking.
 */

/** The parties of the built-in pack, with the words that point to each. */
export const parties: ReadonlyArray<{ readonly party: string; readonly words: RegExp }> = [
  { party: "ukraine", words: /\b(?:ukrain\w*|kyiv|kiev|zelensk\w*|yermak|lubinets|vereshchuk|budanov|umerov|sybiha|syrsky|coordinat\w* headquarters)\b/i },
  { party: "russia", words: /\b(?:russia\w*|moscow|kremlin|putin|peskov|medinsk\w*|medynsk\w*|lavrov|moskalkova|shoigu|belousov|chechen\w*|chechnya|kadyrov|akhmat)\b/i },
];

/** The party a name or phrase points to, if exactly one. */
export const partyOf = (text: string): string | null => {
  const hits = parties.filter((p) => p.words.test(text));
  return hits.length === 1 ? hits[0]!.party : null;
};

/** The other party of a two-party conflict. */
export const otherParty = (party: string): string | null => {
  const others = parties.filter((p) => p.party !== party);
  return others.length === 1 ? others[0]!.party : null;
};
