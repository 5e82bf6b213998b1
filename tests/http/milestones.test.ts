/**
 * Milestones on the item's card over the real server and the stand-in connector: the owner opens the item's
 * card and sees its milestones, opens one from it, updates it through the items' own update card, and sees
 * the change on the item's card and in the milestone's history; who may update a milestone; completion through
 * verification; and a confidential item's milestones kept out of a channel by every route. On SQLite and on
 * PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { cardAction, personalMessage, teamsActivity, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import { addMilestones } from "../support/milestone-fixtures.js";

const CAROL = { id: "29:carol", name: "Carol", aadObjectId: "aad-carol", email: "carol@example.org" };
const MIA = { id: "29:mia", name: "Mia", aadObjectId: "aad-mia", email: "mia@example.org" };
const STRANGER = { id: "29:stranger", name: "Stranger", aadObjectId: "aad-stranger", email: "stranger@example.org" };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin", email: "improvement@example.org" };
type Person = typeof CAROL;
const SECRET_MILESTONE = "Night staffing rota agreed with the union";

const CSV = [
  "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress",
  "CYPS,Joint Area SEND Inspection,Ofsted and CQC,Rec 1,Raise EHCP compliance to 75%,carol@example.org,Dec-26,in_progress",
  "CYPS,Staffing review,Internal Audit,Rec 1,Review night staffing at the home,carol@example.org,Mar-27,in_progress",
].join("\n");

type Action = { title?: string; verb?: string; data?: Record<string, string> };
let world: BotWorld;
let itemId: number;
let m2: number;
let m3: number;
let confidentialItemId: number;
let secretMilestone: number;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: { csv: CSV, today: "2026-12-01" },
      now: new Date("2026-12-01T10:00:00Z"),
      server: true,
      users: [CAROL, MIA, STRANGER, ADMIN],
      env: { IMPROVEMENT_TEAM_ADMINS: ADMIN.email, LOG_LEVEL: "error" },
    });
    itemId = (await world.prisma.item.findFirstOrThrow({ where: { text: { contains: "EHCP" } } })).id;
    [, m2, m3] = (await addMilestones(world.prisma, itemId, [
      { ref: "M1", text: "EHCP compliance 50%", originalTarget: "Jun-26", progress: "complete" },
      {
        ref: "M2",
        text: "EHCP compliance 60%",
        originalTarget: "Sep-26",
        progress: "in_progress",
        ownerEmail: MIA.email,
        latestUpdate: "55% in October",
      },
      { ref: "M3", text: "EHCP compliance 70%", originalTarget: "Dec-26", ownerEmail: MIA.email },
    ])) as [number, number, number];
    // An item confidential on its own (its review is not): its milestone's own row says nothing of it.
    const confidential = await world.prisma.item.update({
      where: { id: (await world.prisma.item.findFirstOrThrow({ where: { text: { contains: "night staffing" } } })).id },
      data: { confidential: true },
    });
    confidentialItemId = confidential.id;
    [secretMilestone] = (await addMilestones(world.prisma, confidentialItemId, [
      { ref: "N1", text: SECRET_MILESTONE, originalTarget: "Jan-27" },
    ])) as [number];
  });
  afterAll(async () => {
    await world?.close();
  });

  /** What the bot answered: the invoke's card, and anything it sent to the conversation meanwhile. */
  async function post(activity: TeamsActivity): Promise<string> {
    const before = world.connector.sent.length;
    const response = await world.post(activity);
    const body = await response.text();
    expect(response.status, body).toBeLessThan(300);
    return body + JSON.stringify(world.connector.sent.slice(before));
  }

  async function execute(verb: string, data: Record<string, unknown>, from: Person = CAROL): Promise<string> {
    const response = await world.post(cardAction(verb, data, { from }));
    const body = JSON.parse(await response.text()) as { value: unknown };
    return JSON.stringify(body.value);
  }

  /** Every Action.Execute on a card, wherever it sits (card actions and action sets in the body). */
  function actionsOf(cardText: string): Action[] {
    const found: Action[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === "object") {
        const object = node as Record<string, unknown>;
        if (object.type === "Action.Execute") found.push(object);
        Object.values(object).forEach(walk);
      }
    };
    walk(JSON.parse(cardText));
    return found;
  }
  const button = (cardText: string, title: string) => actionsOf(cardText).find((a) => a.title === title);
  const saveData = (cardText: string) => actionsOf(cardText).find((a) => a.verb === CardVerb.itemUpdate)!.data!;
  const openItem = (id: number, from: Person = CAROL) => execute(CardVerb.itemOpen, { itemId: String(id) }, from);

  describe("milestones on the item's card, over HTTP", () => {
    it("the item's card lists its milestones and the note beside its unchanged status", async () => {
      const card = await openItem(itemId);
      expect(card).toContain("In progress and on track");
      expect(card).toContain("but a milestone is behind: EHCP compliance 60% by 30 Sep 2026");
      for (const text of ["EHCP compliance 50%", "EHCP compliance 60%", "EHCP compliance 70%"])
        expect(card).toContain(text);
      expect(actionsOf(card).map((a) => a.title)).toEqual(["Refresh", "Update M2", "Update M3", "Save update"]);
    });

    it("Update opens the milestone's own card, which names the item it is a step towards", async () => {
      const pressed = button(await openItem(itemId), "Update M2")!;
      const card = await execute(pressed.verb!, pressed.data!);
      expect(card).toContain("A milestone towards Rec 1: Raise EHCP compliance to 75%");
      expect(card).toContain("In progress and partly delayed");
      expect(button(card, "Open Rec 1")?.data).toEqual({ itemId: String(itemId) });
      expect(saveData(card).itemId).toBe(String(m2));
    });

    it("the item's owner updates a milestone: recorded in its history, and the item's card shows it", async () => {
      const itemBefore = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
      const card = await execute(CardVerb.itemUpdate, {
        ...saveData(await openItem(m2)),
        progress: "in_progress",
        narrative: "58% in November",
      });
      // The item's card comes back, the milestone as it now stands.
      expect(card).toContain("M2: Saved.");
      expect(card).toContain("Raise EHCP compliance to 75%");
      expect(card).toContain("Latest update: 58% in November");
      const entries = await world.prisma.auditEntry.findMany({ where: { entityType: "item", entityId: m2 } });
      expect(entries).toEqual([
        expect.objectContaining({
          actor: CAROL.email,
          action: "progress_update",
          at: new Date("2026-12-01T10:00:00Z"),
          before: JSON.stringify({ latest_update: "55% in October" }),
          after: JSON.stringify({ latest_update: "58% in November" }),
        }),
      ]);
      expect(await openItem(m2)).toContain("Carol: updated it (progress note: 55% in October → 58% in November)");
      // The item itself is untouched.
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({
        version: itemBefore.version,
        latestUpdate: itemBefore.latestUpdate,
      });
    });

    it("the milestone's own owner may update it; someone else is refused and nothing is recorded", async () => {
      const saved = await execute(
        CardVerb.itemUpdate,
        { ...saveData(await openItem(m3, MIA)), progress: "in_progress", narrative: "Audit of 40 plans booked" },
        MIA,
      );
      expect(saved).toContain("M3: Saved.");
      expect(await world.prisma.item.findUniqueOrThrow({ where: { id: m3 } })).toMatchObject({
        progress: "in_progress",
      });

      expect(button(await openItem(itemId, STRANGER), "Update M2")).toBeUndefined();
      const before = await world.prisma.progressUpdate.count({ where: { itemId: m2 } });
      const refused = await execute(
        CardVerb.itemUpdate,
        { ...saveData(await openItem(m2)), progress: "in_progress", narrative: "not mine" },
        STRANGER,
      );
      expect(refused).toContain("Not saved: only the owner");
      expect(await world.prisma.progressUpdate.count({ where: { itemId: m2 } })).toBe(before);
    });

    it("a milestone's update with a mistake comes back on the milestone's own card; nothing is recorded", async () => {
      const before = await world.prisma.progressUpdate.count({ where: { itemId: m2 } });
      const card = await execute(CardVerb.itemUpdate, {
        ...saveData(await openItem(m2)),
        progress: "in_progress",
        revisedTarget: "31/02/2027",
        revisionReason: "Late data",
      });
      expect(card).toContain("Not saved yet: fix the fields marked below.");
      expect(card).toContain(`\\"31/02/2027\\" is not a day: February 2027 has no 31st.`);
      expect(card).toContain("A milestone towards Rec 1");
      expect(saveData(card).itemId).toBe(String(m2));
      expect(await world.prisma.progressUpdate.count({ where: { itemId: m2 } })).toBe(before);
    });

    it("completing a milestone waits for verification; once verified the item's card shows it complete", async () => {
      const claimed = await execute(CardVerb.itemUpdate, {
        ...saveData(await openItem(m2)),
        progress: "complete",
        narrative: "61% at the November count",
        evidenceUrl: "https://example.org/ehcp-count.xlsx",
      });
      expect(claimed).toContain("M2: Saved. The improvement team will verify the completion");
      expect(claimed).toContain("completion awaiting verification");
      const version = String((await world.prisma.item.findUniqueOrThrow({ where: { id: m2 } })).version);
      expect(await execute(CardVerb.itemVerify, { itemId: String(m2), version }, ADMIN)).toContain("Approved");

      const card = await openItem(itemId);
      expect(card).toContain("M2 · target 30 Sep 2026 · Complete");
      expect(card).not.toContain("a milestone is behind");
      expect(card).toContain("In progress and on track");
      expect(button(card, "Update M2")).toBeUndefined();
    });
  });

  describe('"my milestones" lists only the asker\'s', () => {
    async function ask(text: string, from: Person): Promise<string> {
      const before = world.connector.sent.length;
      const response = await world.post(personalMessage(text, { from }));
      expect(response.status).toBeLessThan(300);
      return JSON.stringify((await world.connector.waitForSends(before + 1)).slice(before));
    }

    it("the milestone's owner sees theirs; the item's owner, whose milestones are Mia's, is told none is theirs", async () => {
      const everyone = await ask("what milestones are due this month?", STRANGER);
      expect(everyone).toContain("Milestones due this month (December 2026)");
      expect(everyone).toContain("EHCP compliance 70%");

      const mias = await ask("my milestones", MIA);
      expect(mias).toContain("My milestones due this month (December 2026)");
      expect(mias).toContain("EHCP compliance 70%");

      const carols = await ask("which of my milestones are due this month?", CAROL);
      expect(carols).toContain("My milestones due this month (December 2026)");
      expect(carols).not.toContain("EHCP compliance 70%");
      expect(carols).toContain("No milestone of yours has its target in December 2026.");

      const strangers = await ask("my milestones", STRANGER);
      expect(strangers).not.toContain("EHCP compliance 70%");
    });

    it("asked in a channel, the asker's milestones are never posted there", async () => {
      const channel = teamsActivity("channel-mention");
      const before = world.connector.sent.length;
      await world.post({
        ...channel,
        from: MIA,
        text: "<at>Recommendation tracker</at> my milestones",
        id: `c-${Math.random().toString(36).slice(2)}`,
      });
      const reply = JSON.stringify((await world.connector.waitForSends(before + 1)).slice(before));
      expect(reply).toContain("shown only in your personal chat with me");
      expect(reply).not.toContain("EHCP compliance 70%");
    });
  });

  describe("a confidential item's milestones in a channel", () => {
    const channel = teamsActivity("channel-mention");
    const inChannel = (from: Person) => ({ from, conversation: channel.conversation });
    const ask = (text: string) =>
      post({
        ...channel,
        from: CAROL,
        text: `<at>Recommendation tracker</at> ${text}`,
        id: `c-${Math.random().toString(36).slice(2)}`,
      });

    it("are never shown there, by command or card button; in a personal chat the item's card lists them", async () => {
      for (const question of ["update N1 of Staffing review", "history N1 of Staffing review"]) {
        const answer = await ask(question);
        expect(answer, question).toContain("This is confidential");
        expect(answer, question).not.toContain(SECRET_MILESTONE);
      }
      for (const id of [secretMilestone, confidentialItemId]) {
        const opened = await post(cardAction(CardVerb.itemOpen, { itemId: String(id) }, inChannel(CAROL)));
        expect(opened).toContain("This is confidential");
        expect(opened).not.toContain(SECRET_MILESTONE);
      }
      const version = String((await world.prisma.item.findUniqueOrThrow({ where: { id: secretMilestone } })).version);
      const submitted = await post(
        cardAction(
          CardVerb.itemUpdate,
          { itemId: String(secretMilestone), version, submissionId: "s-1", progress: "in_progress", narrative: "x" },
          inChannel(CAROL),
        ),
      );
      expect(submitted).toContain("This is confidential");
      expect(await world.prisma.progressUpdate.count({ where: { itemId: secretMilestone } })).toBe(0);

      expect(await openItem(confidentialItemId)).toContain(SECRET_MILESTONE);
    });
  });
});
