/**
 * The built-in domain pack's calendar of exchanges: the days on which Ukraine
 * and Russia swapped prisoners, as the parties announced them (Ukraine's
 * Coordination Headquarters for the Treatment of Prisoners of War, the
 * Russian defence ministry) and the wires reported them. It is reference
 * data, as the parties and the rounds of talks (`Talks.ts`) are, and it is
 * used for one thing only, where the article is silent:
 *
 * - an undated page whose exchange day has no year ("in a prisoner swap on
 *   Sept. 21") takes the year of the one exchange the calendar has on that
 *   month and day, up to today; the page's other days without a year take the
 *   same year, as they do from a round named by place and day. Two years that
 *   fit, or none, leave the page as it was: undated days stay undated.
 *
 * The calendar never moves a day the text gives, never dates a figure by its
 * value, and never outranks a year the page names, a weekday ("Saturday,
 * December 31") or a round of talks. It lists the exchanges of the full-scale
 * war the desks followed; an exchange missing from it only means the page
 * keeps its days without a year. The entries were written from the public
 * record as remembered: this machine has no network, so they were not checked
 * against a source here (see docs/extraction.md, "Reference data").
 */

/** Days of prisoner exchanges (`YYYY-MM-DD`), oldest first. */
export const days: readonly string[] = [
  // 2022: the first swaps after the invasion; Azovstal defenders (June 29); Medvedchuk and the Azovstal
  // commanders (September 21); the 108 women (October 17); the New Year's Eve swap of 140.
  "2022-03-24", "2022-04-01", "2022-06-29", "2022-09-21", "2022-10-11", "2022-10-17", "2022-10-29",
  "2022-11-26", "2022-12-01", "2022-12-06", "2022-12-14", "2022-12-31",
  // 2023
  "2023-01-08", "2023-02-04", "2023-02-16", "2023-03-07", "2023-04-16", "2023-05-06", "2023-05-25",
  "2023-06-11", "2023-07-06", "2023-08-07",
  // 2024: the largest swap then, 230 (January 3); the UAE-mediated swaps from May.
  "2024-01-03", "2024-01-31", "2024-02-08", "2024-05-31", "2024-06-25", "2024-07-17", "2024-08-24",
  "2024-09-13", "2024-09-14", "2024-10-18", "2024-12-30",
  // 2025: the 1,000-for-1,000 swap (May 23-25) and the exchanges agreed in Istanbul after it.
  "2025-01-15", "2025-02-05", "2025-03-19", "2025-04-19", "2025-05-06", "2025-05-23", "2025-05-24",
  "2025-05-25", "2025-06-09", "2025-06-10", "2025-06-12", "2025-06-14", "2025-06-19", "2025-06-20",
  "2025-06-26", "2025-07-04", "2025-07-23", "2025-08-14", "2025-08-24", "2025-10-02",
];

/**
 * The year of the one exchange on this month and day no later than `today`
 * (`YYYY-MM-DD`); null when the calendar has none on that day, or more than one.
 */
export const yearOfExchange = (month: number, day: number, today: string | undefined): number | null => {
  const md = `-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const years = days.filter((d) => d.endsWith(md) && (today === undefined || d <= today)).map((d) => +d.slice(0, 4));
  return years.length === 1 ? years[0]! : null;
};
