/**
 * The Ombudsman questions on the demo register (the OSMB pack's annual letter, shifted so October 2019 is
 * this month), asked in a personal chat, a channel and a group chat over the real server: the remedies due
 * this month (the personal remedy named only in a personal chat, counted elsewhere) and the cases upheld
 * by directorate this year with the letter's "43% upheld rate". On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const NOW = new Date("2026-12-07T10:00:00Z");
const OWNER = { id: "29:owner", name: "Owner", aadObjectId: "aad-owner", email: "cyps.owner1@example.org" };
const PERSONAL_REMEDY = "pay them £500 for the distress";
const NAMED_DUE = [
  "19 002 114 remedy 2",
  "the council's response to the Ombudsman's public report is due 31 Dec 2026",
  "19 004 506 remedy 1",
  "19 006 010 remedy 1",
];

let world: BotWorld;

async function post(activity: TeamsActivity): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post(activity);
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(world.connector.sent.slice(before));
}

function askPersonally(text: string): Promise<string> {
  const base = teamsActivity("personal-message");
  return post({ ...base, text, id: `p-${Math.random().toString(36).slice(2)}`, from: OWNER });
}

function askIn(fixture: "channel-mention" | "group-chat-no-mention", text: string): Promise<string> {
  const base = teamsActivity(fixture);
  return post({
    ...base,
    text: `<at>Recommendation tracker</at> ${text}`,
    id: `c-${Math.random().toString(36).slice(2)}`,
    from: OWNER,
    entities: teamsActivity("channel-mention").entities,
  });
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, server: true, now: NOW, users: [OWNER], env: { LOG_LEVEL: "error" } });
    expect((await loadDemoRegister(world.prisma, NOW))?.ok).toBe(true);
  });
  afterAll(async () => {
    await world?.close();
  });

  it("the demo holds the pack's fourteen cases, one of them a public report with a confidential personal remedy", async () => {
    const cases = await world.prisma.item.findMany({ where: { caseRef: { not: null } } });
    expect(new Set(cases.map((c) => c.caseRef)).size).toBe(14);
    const personal = cases.filter((c) => c.remedyKind === "personal");
    expect(personal.map((c) => [c.publicReport, c.confidential, c.responseDue])).toEqual([[true, true, "2026-12-31"]]);
  });

  it("what Ombudsman remedies are due this month: all four named in a personal chat", async () => {
    const text = await askPersonally("what Ombudsman remedies are due this month?");
    expect(text).toContain("4 Ombudsman remedies due this month (December 2026)");
    for (const named of [...NAMED_DUE, PERSONAL_REMEDY]) expect(text).toContain(named);
  });

  for (const fixture of ["channel-mention", "group-chat-no-mention"] as const) {
    it(`what Ombudsman remedies are due this month: in a ${fixture}, the personal remedy is counted, never named`, async () => {
      const text = await askIn(fixture, "what Ombudsman remedies are due this month?");
      expect(text).toContain("4 Ombudsman remedies due this month (December 2026)");
      for (const named of NAMED_DUE) expect(text).toContain(named);
      expect(text).toContain(
        "1 personal remedy is due too: confidential, so counted here and shown only in a personal chat.",
      );
      expect(text).not.toContain(PERSONAL_REMEDY);
      expect(text).not.toContain("19 002 114 remedy 1");
    });
  }

  for (const where of ["personal", "channel-mention"] as const) {
    it(`upheld cases by directorate this year, in a ${where === "personal" ? "personal chat" : "channel"}: the annual letter's figures`, async () => {
      const question = "upheld cases by directorate this year";
      const text = where === "personal" ? await askPersonally(question) : await askIn(where, question);
      expect(text).toContain("Upheld Ombudsman cases by directorate");
      expect(text).toContain("financial year 2026/27 (1 April 2026 to 31 March 2027)");
      expect(text).toContain("All directorates: 6 of 14 cases upheld (43% upheld rate).");
      expect(text).toContain("Children and Young People's Services: 3 of 5 cases upheld (60% upheld rate).");
      expect(text).toContain("Adult Care, Housing and Public Health: 2 of 5 cases upheld (40% upheld rate).");
      expect(text).toContain("Regeneration and Environment: 1 of 4 cases upheld (25% upheld rate).");
      expect(text).toContain("A case is upheld when the register records a remedy for it");
      expect(text).not.toContain(PERSONAL_REMEDY);
    });
  }

  it("the compose box search never finds or inserts the personal remedy, even for its owner", async () => {
    const personal = await world.prisma.item.findFirstOrThrow({ where: { remedyKind: "personal" } });
    for (const query of ["£500", "distress", "short breaks", "19 002 114", "remedy", String(personal.id), ""]) {
      const before = world.connector.sent.length;
      const response = await world.post({
        ...teamsActivity("compose-search"),
        id: `s-${Math.random().toString(36).slice(2)}`,
        from: OWNER,
        value: {
          commandId: "findItem",
          parameters: [{ name: "query", value: query }],
          queryOptions: { skip: 0, count: 25 },
        },
      });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      expect(world.connector.sent.slice(before)).toEqual([]);
      expect(text, query).not.toContain(PERSONAL_REMEDY);
      expect(text, query).not.toContain(`"itemId":"${personal.id}"`);
    }
    const selected = await world.post({
      ...teamsActivity("compose-select-item"),
      id: `p-${Math.random().toString(36).slice(2)}`,
      from: OWNER,
      value: { itemId: String(personal.id) },
    });
    const body = await selected.text();
    expect(body).toContain("This item is confidential, so it cannot be shared from here");
    expect(body).not.toContain(PERSONAL_REMEDY);
  });

  it("names the words it did not use", async () => {
    const text = await askPersonally("upheld cases by directorate this year for the cabinet briefing pack");
    expect(text).toContain("cabinet briefing pack");
  });
});
