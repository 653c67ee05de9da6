import { describe, expect, it } from "vitest";
import { isPartyDirection, receiverOf, toParty } from "./Claim.ts";

describe("directions", () => {
  it("a party's direction names its receiver, and both-sides directions name none", () => {
    expect([receiverOf(toParty("ukraine")), receiverOf("to_russia"), receiverOf("each_side"), receiverOf("total")]).toEqual(["ukraine", "russia", null, null]);
    expect(["to_ukraine", "each_side", "total"].map(isPartyDirection)).toEqual([true, false, false]);
  });
});
