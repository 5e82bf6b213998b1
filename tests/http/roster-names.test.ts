/**
 * Names from Teams' roster when Graph is off: someone the bot meets in a turn is kept by the display name Teams
 * gives (the roster's member look-up), so cards and answers name them rather than show their email; the name is
 * refreshed at most once a day, each change recorded with before and after. Real server, stand-in connector,
 * D0's register, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import type { RunningBot } from "../support/running-bot.js";
import { STORES } from "../support/stores.js";

const JO = { id: "29:jo", name: "jo", aadObjectId: "aad-jo", email: "customer.experience@example.org" };
const NOW = new Date("2024-01-09T10:00:00Z");

let world: BotWorld;

/** Jo asks in their personal chat, through `bot` (a fresh process knows nobody yet). */
async function ask(bot: RunningBot, text: string): Promise<string> {
  const before = world.connector.sent.length;
  const base = personalMessage(text);
  const response = await world.post(
    {
      ...base,
      from: { id: JO.id, name: "Jo (Teams)", aadObjectId: JO.aadObjectId },
      conversation: { ...base.conversation, id: "a:chat-jo" },
    },
    { to: bot },
  );
  expect(response.status).toBeLessThan(300);
  return JSON.stringify((await world.connector.waitForSends(before + 1)).slice(before).map((s) => s.activity));
}

function rosterNames(name: string): void {
  world.connector.members.set(JO.id, {
    id: JO.id,
    name,
    email: JO.email,
    userPrincipalName: JO.email,
    aadObjectId: JO.aadObjectId,
  });
}

const personName = async () => (await world.prisma.person.findUniqueOrThrow({ where: { email: JO.email } })).name;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({ store, register: "d0", users: [JO], now: NOW, env: { LOG_LEVEL: "error" } });
  });
  afterAll(async () => {
    await world?.close();
  });

  it("keeps the roster's name, and the item card names the owner by it", async () => {
    rosterNames("Jo Bloggs");
    const bot = await world.startServer();
    await ask(bot, "my actions");
    expect(await personName()).toBe("Jo Bloggs");
    const card = await ask(bot, "update Action 10");
    expect(card).toContain('"title":"Owner","value":"Jo Bloggs"');
    expect(card).not.toContain(JO.email);
  });

  it("refreshes it at most once a day, recording the change", async () => {
    rosterNames("Jo Bloggs-Smith");
    await ask(await world.startServer(), "my actions");
    expect(await personName()).toBe("Jo Bloggs");

    world.clock.set(new Date(NOW.getTime() + 25 * 3600_000));
    await ask(await world.startServer(), "my actions");
    expect(await personName()).toBe("Jo Bloggs-Smith");
    const person = await world.prisma.person.findUniqueOrThrow({ where: { email: JO.email } });
    const entry = await world.prisma.auditEntry.findFirstOrThrow({
      where: { entityType: "person", entityId: person.id, action: "named" },
      orderBy: { id: "desc" },
    });
    expect(entry).toMatchObject({
      actor: "teams",
      before: JSON.stringify({ name: "Jo Bloggs" }),
      after: JSON.stringify({ name: "Jo Bloggs-Smith" }),
    });
    expect(person.profileRefreshedAt?.toISOString()).toBe(new Date(NOW.getTime() + 25 * 3600_000).toISOString());
  });

  it("does not keep a name that is only the email, or holds control characters", async () => {
    world.clock.set(new Date(NOW.getTime() + 50 * 3600_000));
    rosterNames(JO.email.toUpperCase());
    await ask(await world.startServer(), "my actions");
    expect(await personName()).toBe("Jo Bloggs-Smith");

    world.clock.set(new Date(NOW.getTime() + 75 * 3600_000));
    rosterNames("Jo\u0000 Bloggs\u202e\nSmith");
    await ask(await world.startServer(), "my actions");
    expect(await personName()).toBe("Jo Bloggs Smith");
  });
});
