/**
 * The scrutiny questions asked of the demo register (the OSMB work programme of October 2019, shifted
 * so that month is this one) through botbuilder's TestAdapter and the real teams-ai Application, in a personal
 * chat and in a channel, on SQLite and on PostgreSQL: the recommendations awaiting the Cabinet's response, the
 * responses overdue, and the share the Cabinet accepted this year (saying which year). In a channel a
 * confidential recommendation is counted, never named.
 */
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { channelMention, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const NOW = new Date("2026-12-07T10:00:00Z"); // 86 months after the pack's October 2019
const AGENCY = "Report the use of agency staff and consultants";
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, now: NOW });
    const report = await loadDemoRegister(world.prisma, NOW);
    expect(report?.errors).toEqual([]);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function ask(activity: TeamsActivity): Promise<string> {
    const adapter = world.adapter();
    await adapter.send(activity as Partial<Activity>).startTest();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [reply] = adapter.activeQueue.splice(0);
    expect(reply?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    return JSON.stringify(reply!.attachments![0]!.content);
  }

  describe.each([
    ["a personal chat", personalMessage],
    ["a channel", channelMention],
  ] as const)("in %s", (_where, message) => {
    it("lists the recommendations awaiting a Cabinet response, with their due days", async () => {
      const text = await ask(message("which scrutiny recommendations are awaiting a Cabinet response?"));
      expect(text).toContain("Scrutiny recommendations awaiting the Cabinet's response: 3");
      // Requested 11 September 2019, due two months on; the detailed response scheduled for 29 January 2020.
      expect(text).toContain("Cabinet response due 11 January 2027; sent to the executive 11 November 2026");
      expect(text).toContain("Cabinet response due 29 March 2027");
      expect(text).toContain(AGENCY);
      expect(text).not.toContain("Modern Methods of Construction");
      expect(text).not.toContain("I did not use");
    });

    it("lists the responses overdue", async () => {
      const text = await ask(message("which responses are overdue?"));
      expect(text).toContain("Responses overdue: 1");
      expect(text).toContain("Cabinet response was due 30 November 2026 (7 days ago");
      expect(text).not.toContain("Takeover Challenge");
    });

    it("gives the share the Cabinet accepted this year, over those responded to, naming the financial year", async () => {
      const text = await ask(message("what share did Cabinet accept this year?"));
      expect(text).toContain("The Cabinet accepted 75% of scrutiny recommendations this year");
      expect(text).toContain("3 of the 4 recommendations responded to in the council's financial year 2026/27");
    });

    it("names the words it did not use", async () => {
      const text = await ask(
        message("which scrutiny recommendations about libraries are awaiting a Cabinet response?"),
      );
      expect(text).toContain("I did not use: 'about', 'libraries'");
    });
  });

  it("counts a confidential recommendation in a channel without naming it, and names it in a personal chat", async () => {
    const agency = await world.prisma.item.findFirstOrThrow({ where: { text: { startsWith: AGENCY } } });
    await world.prisma.item.update({ where: { id: agency.id }, data: { confidential: true } });
    try {
      const channel = await ask(channelMention("which responses are overdue?"));
      expect(channel).toContain("Responses overdue: 1");
      expect(channel).not.toContain(AGENCY);
      expect(channel).toContain("1 confidential recommendation is counted but not shown here");
      const personal = await ask(personalMessage("which responses are overdue?"));
      expect(personal).toContain(AGENCY);
    } finally {
      await world.prisma.item.update({ where: { id: agency.id }, data: { confidential: false } });
    }
  });
});
