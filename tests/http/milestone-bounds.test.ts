/**
 * Milestones stay within their item's target by every route, over the real server on SQLite and PostgreSQL:
 * a milestone's revised target after its item's is refused by the field on the update card (whether it would
 * wait for approval or take effect at once); an approver cannot approve a milestone's extension past its item's
 * target, and is told what to do; an item's first target may not come before one of its milestones, which is
 * named. What is refused changes nothing. (The import's own refusal is in tests/integration/import-milestones.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { cardAction } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { addMilestones } from "../support/milestone-fixtures.js";
import { STORES } from "../support/stores.js";

const OWNER = { id: "29:owner", name: "Owner", aadObjectId: "aad-owner", email: "owner@example.org" };
const LEAD = { id: "29:lead", name: "Lead", aadObjectId: "aad-lead", email: "lead@example.org" };
const ADMIN = { id: "29:admin", name: "Admin", aadObjectId: "aad-admin", email: "improvement@example.org" };
type Person = typeof OWNER;

const CSV = [
  "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress",
  "CYPS,Joint Area SEND Inspection,Ofsted and CQC,Rec 1,Raise EHCP compliance to 75%,owner@example.org,Dec-24,in_progress",
  "CYPS,Joint Area SEND Inspection,Ofsted and CQC,Rec 2,Publish the local offer,owner@example.org,TBC,in_progress",
].join("\n");

let world: BotWorld;
let rec1: number;
let m1: number;
let rec2: number;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: { csv: CSV, today: "2024-01-09" },
      server: true,
      users: [OWNER, LEAD, ADMIN],
      env: { IMPROVEMENT_TEAM_ADMINS: ADMIN.email, LOG_LEVEL: "error" },
    });
    rec1 = (await world.prisma.item.findFirstOrThrow({ where: { ref: "Rec 1" } })).id;
    rec2 = (await world.prisma.item.findFirstOrThrow({ where: { ref: "Rec 2" } })).id;
    [m1] = (await addMilestones(world.prisma, rec1, [
      { ref: "M1", text: "EHCP compliance 50%", originalTarget: "Jun-24", progress: "in_progress" },
    ])) as [number];
    await addMilestones(world.prisma, rec2, [{ ref: "M2", text: "Draft offer to parents", originalTarget: "Sep-24" }]);
    const lead = await world.prisma.person.findUniqueOrThrow({ where: { email: LEAD.email } });
    await world.prisma.role.create({
      data: { personId: lead.id, role: "directorate_lead", directorateId: "CYPS", grantedBy: ADMIN.email },
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  async function press(from: Person, verb: string, data: Record<string, unknown>): Promise<string> {
    const response = await world.post(cardAction(verb, data, { from, id: `i-${Math.random()}` }));
    const body = await response.text();
    expect(response.status, body).toBe(200);
    return body;
  }

  async function reviseTarget(from: Person, itemId: number, revisedTarget: string): Promise<string> {
    const { version } = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    return press(from, CardVerb.itemUpdate, {
      itemId: String(itemId),
      version: String(version),
      submissionId: `s-${Math.random()}`,
      revisedTarget,
      revisionReason: "The supplier is late",
    });
  }

  const stateOf = async (itemId: number) => {
    const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    const requests = await world.prisma.extensionRequest.count({ where: { itemId } });
    return { version: item.version, revisedTarget: item.revisedTargetRaw, requests };
  };

  describe("milestones stay within their item's target", () => {
    it("the update card refuses a milestone's revised target after its item's, by the field, and saves nothing", async () => {
      const before = await stateOf(m1);
      const card = await reviseTarget(OWNER, m1, "March 2025");
      expect(card).toContain("Not saved yet: fix the fields marked below.");
      expect(card).toContain('Milestone \\"M1\\" would be due 31 Mar 2025, after its item \\"Rec 1\\" (31 Dec 2024)');
      expect(card).toContain("Give a date on or before 31 Dec 2024, or extend the item's target first.");
      expect(await stateOf(m1)).toEqual(before);
    });

    it("a milestone's revised target on or before its item's is asked for as usual", async () => {
      const card = await reviseTarget(OWNER, m1, "December 2024");
      expect(card).toContain("waiting for approval");
      const request = await world.prisma.extensionRequest.findFirstOrThrow({ where: { itemId: m1, state: "waiting" } });
      expect(request.requestedTargetRaw).toBe("December 2024");
      // Decided here so that the next test's request is the only one waiting.
      const declined = await press(LEAD, CardVerb.extensionDecline, {
        requestId: String(request.id),
        comment: "Not yet",
      });
      expect(declined).toContain("Declined");
    });

    it("with no approval needed, a milestone's target past its item's is refused just the same", async () => {
      const server = await world.startServer({ env: { EXTENSIONS_NEED_APPROVAL: "false" } });
      const { version } = await world.prisma.item.findUniqueOrThrow({ where: { id: m1 } });
      const before = await stateOf(m1);
      const response = await world.post(
        cardAction(
          CardVerb.itemUpdate,
          {
            itemId: String(m1),
            version: String(version),
            submissionId: "s-now",
            revisedTarget: "January 2025",
            revisionReason: "The supplier is late",
          },
          { from: OWNER },
        ),
        { to: server },
      );
      expect(await response.text()).toContain('after its item \\"Rec 1\\"');
      expect(await stateOf(m1)).toEqual(before);
    });

    it("an approver cannot approve a milestone's extension past its item's target, and is told what to do", async () => {
      // A request made before the rule held (or before the item's target was settled) waits for a decision.
      const milestone = await world.prisma.item.findUniqueOrThrow({ where: { id: m1 } });
      const request = await world.prisma.extensionRequest.create({
        data: {
          itemId: m1,
          requestedBy: OWNER.email,
          requestedAt: new Date("2024-01-08T10:00:00Z"),
          fromTargetRaw: milestone.originalTargetRaw,
          fromTarget: milestone.originalTarget,
          requestedTargetRaw: "March 2025",
          requestedTarget: "2025-03-31",
          reason: "The supplier is late",
          approver: "either",
        },
      });
      const before = await stateOf(m1);
      const card = await press(LEAD, CardVerb.extensionApprove, { requestId: String(request.id) });
      expect(card).toContain('Not decided: Milestone \\"M1\\" would be due 31 Mar 2025, after its item \\"Rec 1\\"');
      expect(card).toContain("Or decline the request.");
      expect(await stateOf(m1)).toEqual(before);
      expect((await world.prisma.extensionRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe(
        "waiting",
      );
      // Declining it stays possible.
      expect(
        await press(LEAD, CardVerb.extensionDecline, { requestId: String(request.id), comment: "Too late" }),
      ).toContain("Declined");
    });

    it("an item's first target before one of its milestones is refused, naming the milestone", async () => {
      const before = await stateOf(rec2);
      const card = await reviseTarget(ADMIN, rec2, "June 2024");
      expect(card).toContain('Milestone \\"M2\\" (30 Sep 2024) would be after the item\'s target 30 Jun 2024');
      expect(card).toContain("Move that milestone earlier first, or give the item a date on or after 30 Sep 2024.");
      expect(await stateOf(rec2)).toEqual(before);
      await reviseTarget(ADMIN, rec2, "September 2024");
      expect((await stateOf(rec2)).revisedTarget).toBe("September 2024");
    });
  });
});
