import { it } from "vitest";
import { extract } from "../packages/extract/src/index.ts";
const S = [
  "Ukraine received the bodies of 1,212 soldiers killed in action, the Coordination Headquarters said on Wednesday.",
  "Russia got back the bodies of 27 of its servicemen.",
  "In the latest repatriation, 502 bodies were returned to Ukraine, bringing the total this year to 3,100.",
  "Kyiv says Moscow has returned around 8,000 bodies since 2022.",
  "Russia said it had transferred 6,000 bodies to Ukraine and received 78 in return, the largest handover so far.",
  "The bodies of 49 Russian soldiers were handed over to the Russian side.",
  "Ukraine repatriated 909 bodies on Friday; 34 of them were returned from Russian morgues.",
  "Last Thursday, 1,000 bodies were brought back to Ukraine.",
  "On the 14th, 84 more Ukrainians came home.",
  "A total of 2,239 prisoners have been swapped since the talks began in May, officials said.",
  "So far this year, Ukraine has brought back 1,050 people.",
  "The Russian side received 19 bodies.",
  "Ukraine has returned 4,250 people from captivity since February 2022, including 1,010 in 2024 alone.",
  "Ukrainian officials said around 10,000 Ukrainians are still held by Russia, including 2,000 civilians.",
  "Russia holds at least 8,000 Ukrainian POWs, while Ukraine holds around 6,000 Russians, according to estimates.",
  "Putin said Russia had received 5,000 of its soldiers back from Ukrainian captivity this year.",
  "The exchange involved 307 people from each side.",
  "This was the third exchange this month; on June 9 and June 10, hundreds more were freed.",
];
it("x", () => {
  for (const text of S) {
    const r = extract({ text, path: null, today: "2026-11-22", sidecars: [{ source: "flag", publishedAt: "2025-06-20" }] });
    console.log("\n" + text.slice(0, 110) + "\n   => " + r.claims.map((c) => { const f = c.fields; return `${f.metric} ${f.direction} ${f.kind} ${f.value ?? "-"} ${f.qualifier} ${f.validFrom ?? ""}..${f.validTo ?? ""} ${f.group ?? ""}`; }).join(" ; "));
  }
});
