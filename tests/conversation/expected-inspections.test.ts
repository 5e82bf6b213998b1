/**
 * "What inspections are we expecting in the next 12 months?" asked of the demo register (its calendar from
 * the papers, moved forward as the demo's dates are) through the real teams-ai Application, in a personal
 * chat and in a channel, on SQLite and on PostgreSQL: the regimes expected in that time with their
 * inspectorate, directorate, month, readiness owner and readiness reminder, and the words not used named.
 */
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { channelMention, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

// A Monday: the demo's paper month (May 2025) becomes December 2026, 19 months on.
const NOW = new Date("2026-12-07T10:00:00Z");
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, now: NOW });
    expect((await loadDemoRegister(world.prisma, NOW))?.ok).toBe(true);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function cardText(activity: TeamsActivity): Promise<string> {
    const adapter = world.adapter();
    await adapter.send(activity as Partial<Activity>).startTest();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const [reply] = adapter.activeQueue.splice(0);
    expect(reply?.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    return JSON.stringify(reply!.attachments![0]!.content);
  }

  it.each([
    ["a personal chat", personalMessage],
    ["a channel", channelMention],
  ])(
    "in %s, names what is expected in the next 12 months, soonest first, with its readiness owner",
    async (_, asked) => {
      const text = await cardText(asked("what inspections are we expecting in the next 12 months?"));
      expect(text).toContain("2 inspections expected in the next 12 months (to 7 Dec 2027)");
      const ilacs = text.indexOf(
        "Inspection of Local Authority Children's Services (ILACS) (Ofsted, Children and Young People's Services): expected January 2027; readiness owner cyps.owner1@example.org; no readiness reminder yet.",
      );
      const cqc = text.indexOf(
        "CQC assessment of adult social care (CQC, Adult Care, Housing and Public Health): expected October 2027",
      );
      expect(ilacs).toBeGreaterThan(0);
      expect(cqc).toBeGreaterThan(ilacs);
      // The peer challenge (2028 in the papers) and the SEND inspection are further off.
      expect(text).not.toContain("LGA Corporate Peer Challenge (LGA");
      expect(text).not.toContain("Area SEND inspection (");
      expect(text).not.toContain("I did not use");
    },
  );

  it("reads the next 6 months, and 'expected inspections' as the next 12", async () => {
    const six = await cardText(personalMessage("what inspections are we expecting in the next 6 months?"));
    expect(six).toContain("1 inspection expected in the next 6 months (to 7 Jun 2027)");
    expect(six).not.toContain("CQC assessment");
    const loose = await cardText(channelMention("expected inspections"));
    expect(loose).toContain("2 inspections expected in the next 12 months");
  });

  it("names the words it did not use", async () => {
    const text = await cardText(
      personalMessage("what inspections are we expecting in the next 12 months for the budget?"),
    );
    expect(text).toContain("2 inspections expected in the next 12 months");
    expect(text).toContain("I did not use: 'budget'");
  });
});
