/**
 * A completion submitted by a member of the improvement team, over HTTP against the real server: by
 * default it stands and the card says it was verified by the submitter as improvement team; with
 * REQUIRE_SECOND_VERIFIER=true it waits, and only another member may approve it. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import type { RunningBot } from "../support/running-bot.js";

type Card = { actions?: { verb?: string; data?: Record<string, string> }[] };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };
const SECOND = { id: "29:second", name: "Second", aadObjectId: "aad-second" };
const TEAM = "improvement@example.org,second@example.org";
let world: BotWorld;
let defaultBot: RunningBot;
let strictBot: RunningBot;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...SECOND, email: "second@example.org" },
      ],
      env: { IMPROVEMENT_TEAM_ADMINS: TEAM, LOG_LEVEL: "error" },
    });
    defaultBot = await world.startServer();
    strictBot = await world.startServer({ env: { REQUIRE_SECOND_VERIFIER: "true" } });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function execute(
    bot: RunningBot,
    verb: string,
    data: Record<string, unknown>,
    from = ADMIN,
  ): Promise<{ card: Card; text: string }> {
    const response = await world.post(cardAction(verb, data, { from }), { to: bot });
    const body = JSON.parse(await response.text()) as { value: Card };
    return { card: body.value, text: JSON.stringify(body.value) };
  }

  async function openItem(text: string): Promise<number> {
    return (
      await world.prisma.item.findFirstOrThrow({ where: { text: { contains: text }, progress: { not: "complete" } } })
    ).id;
  }

  async function complete(bot: RunningBot, itemId: number) {
    const opened = await execute(bot, "item.open", { itemId: String(itemId) });
    const data = opened.card.actions!.find((a) => a.verb === "item.update")!.data!;
    return execute(bot, "item.update", {
      ...data,
      progress: "complete",
      narrative: "Done and evidenced",
      evidenceUrl: "https://example.org/evidence",
      completedOn: "2024-01-05",
    });
  }

  describe("a completion by the improvement team", () => {
    it("by default closes the item, and the card says it was verified by the submitter as improvement team", async () => {
      const itemId = await openItem("care leavers");
      const saved = await complete(defaultBot, itemId);
      expect(saved.text).toContain("Saved and closed: verified by the submitter (you) as improvement team.");
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        progress: "complete",
        verification: "none",
        completedOn: "2024-01-05",
      });
      // The card's history keeps saying so for everyone who opens it later.
      expect((await execute(defaultBot, "item.open", { itemId: String(itemId) }, SECOND)).text).toContain(
        "closed it, verified by the submitter as improvement team",
      );
    });

    it("with REQUIRE_SECOND_VERIFIER it waits, the submitter cannot approve it, and another member can", async () => {
      const item = await world.prisma.item.findFirstOrThrow({
        where: { progress: "in_progress", verification: "none", review: { confidential: false } },
      });
      const saved = await complete(strictBot, item.id);
      expect(saved.text).toContain("will verify the completion");
      const waiting = await world.prisma.item.findUniqueOrThrow({ where: { id: item.id } });
      expect(waiting).toMatchObject({ progress: "in_progress", verification: "awaiting" });
      const own = await execute(strictBot, "item.verify", {
        itemId: String(item.id),
        version: String(waiting.version),
      });
      expect(own.text).toContain(
        "You submitted this completion, so another member of the improvement team must verify it.",
      );
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
        verification: "awaiting",
        version: waiting.version,
      });
      expect(
        (await execute(strictBot, "item.verify", { itemId: String(item.id), version: String(waiting.version) }, SECOND))
          .text,
      ).toContain("Approved");
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({
        progress: "complete",
        verification: "none",
      });
    });
  });
});
