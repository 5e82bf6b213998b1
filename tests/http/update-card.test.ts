/**
 * The update card's paths over HTTP: Action.Execute invokes answered in the HTTP response body, with the
 * register on SQLite and on PostgreSQL (the same tests).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardAction, OWNER_AAD_ID } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

type Card = { body: unknown[]; actions?: { verb?: string; data?: Record<string, string> }[] };
const OWNER = { id: "29:owner", name: "Owner", aadObjectId: OWNER_AAD_ID };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" };
const OTHER = { id: "29:other", name: "Other", aadObjectId: "aad-other" };
let world: BotWorld;
let itemId: number;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...OTHER, email: "other@example.org" },
      ],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error" },
    });
    itemId = (await world.linkOwnerOf("care leavers", OWNER)).id;
  });
  afterAll(async () => {
    await world?.close();
  });

  async function execute(
    verb: string,
    data: Record<string, unknown>,
    from = OWNER,
  ): Promise<{ status: number; card: Card; text: string }> {
    const response = await world.post(cardAction(verb, data, { from }));
    const raw = await response.text();
    if (!raw) throw new Error(`empty ${response.status}: ${JSON.stringify(world.connector.sent.slice(-1))}`);
    const body = JSON.parse(raw) as { statusCode: number; type: string; value: Card };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    return { status: response.status, card: body.value, text: JSON.stringify(body.value) };
  }
  const saveData = (card: Card) => card.actions!.find((a) => a.verb === "item.update")!.data!;
  const open = (from = OWNER) => execute("item.open", { itemId: String(itemId) }, from);
  const updates = () => world.prisma.progressUpdate.count({ where: { itemId } });

  describe("the update card over HTTP", () => {
    it("answers well inside Teams' 15 seconds", async () => {
      const started = Date.now();
      const { status, card } = await open();
      expect(status).toBe(200);
      expect(saveData(card).itemId).toBe(String(itemId));
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it("a bad date comes back on the card; nothing is saved", async () => {
      const before = await updates();
      const { text } = await execute("item.update", {
        ...saveData((await open()).card),
        progress: "in_progress",
        revisedTarget: "31/02/2024",
        revisionReason: "x",
      });
      expect(text).toContain(`\\"31/02/2024\\" is not a day: February 2024 has no 31st.`);
      expect(await updates()).toBe(before);
    });

    it("a double submission records one update; a stale card is refused", async () => {
      const card = (await open()).card;
      const data = { ...saveData(card), progress: "in_progress", narrative: "Covenant signed" };
      const before = await updates();
      const replacedBefore = world.connector.updated.length;
      expect((await execute("item.update", data)).text).toContain("Saved.");
      // The card in the chat is replaced for everyone; each viewer's client then refreshes its own view.
      expect(world.connector.updated.slice(replacedBefore)).toEqual([
        expect.objectContaining({ activityId: "1763633733456" }),
      ]);
      expect((await execute("item.update", data)).text).toContain("Already saved");
      expect(await updates()).toBe(before + 1);
      const stale = await execute("item.update", {
        ...data,
        submissionId: "another-submission",
        narrative: "old card",
      });
      expect(stale.text).toContain("this card was out of date");
      expect(await updates()).toBe(before + 1);
    });

    it("numbers, arrays and objects where text belongs come back on the card with a message, never a crash", async () => {
      const before = await updates();
      const version = (await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).version;
      const { status, text } = await execute("item.update", {
        ...saveData((await open()).card),
        narrative: 42,
        revisionReason: ["a"],
        evidenceUrl: { u: 1 },
      });
      expect(status).toBe(200);
      expect(text).toContain("The progress update must be text.");
      expect(text).toContain("The reason for the new date must be text.");
      expect(text).toContain("The evidence link must be text.");
      expect(await updates()).toBe(before);
      expect((await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).version).toBe(version);
      expect(world.connector.sent.filter((a) => JSON.stringify(a).includes("Sorry"))).toEqual([]);
    });

    it("refuses someone who may not edit", async () => {
      const { text } = await execute(
        "item.update",
        { ...saveData((await open()).card), progress: "in_progress", narrative: "not mine" },
        OTHER,
      );
      expect(text).toContain("Not saved: only the owner");
    });

    it("completion, return with a comment, completion again, approval", async () => {
      const complete = async () =>
        execute("item.update", {
          ...saveData((await open()).card),
          progress: "complete",
          narrative: "Pathway plans rewritten",
          evidenceUrl: "https://example.org/plans",
          completedOn: "2024-01-05",
        });
      expect((await complete()).text).toContain("will verify the completion");
      const version = String((await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).version);
      expect(
        (await execute("item.return", { itemId: String(itemId), version, comment: "Show the audit" }, ADMIN)).text,
      ).toContain("Returned to the owner");
      expect((await open()).text).toContain("Returned by the improvement team: Show the audit");
      expect((await complete()).text).toContain("will verify the completion");
      const again = String((await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).version);
      expect((await execute("item.verify", { itemId: String(itemId), version: again }, ADMIN)).text).toContain(
        "Approved",
      );
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        progress: "complete",
        completedOn: "2024-01-05",
      });
    });
  });
});
