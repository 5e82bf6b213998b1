/**
 * Milestones on the item's card, from a real register, rendered by Microsoft's adaptivecards renderer: each
 * with its target, progress and status by the key, an update button for the open ones the viewer may update,
 * the note beside the item's status when one is behind (the status itself stays the item's own), and on a
 * milestone's own card the item it is a step towards.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderItemCard } from "../../src/cards/item-cards.js";
import { CardVerb } from "../../src/cards/verbs.js";
import { milestonesForViewer } from "../../src/domain/register/item-milestones.js";
import { ConversationScope, type VisibilityViewer } from "../../src/domain/visibility.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadItemView, type ItemView } from "../../src/services/register/item-view.js";
import { CardRenderer } from "../support/card-renderer.js";
import { addMilestones } from "../support/milestone-fixtures.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TODAY = "2026-12-01";
const PERSONAL: VisibilityViewer = { scope: ConversationScope.personal, email: "carol@example.org" };
const CHANNEL: VisibilityViewer = { scope: ConversationScope.channel, email: "carol@example.org" };
let db: TestDatabase;
let renderer: CardRenderer;
let itemId: number;
let plainItemId: number;
let milestoneIds: number[];

beforeAll(async () => {
  db = await createTestDatabase();
  const file = path.join(db.dir, "register.csv");
  writeFileSync(
    file,
    [
      "directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress",
      "CYPS,Joint Area SEND Inspection,Ofsted and CQC,Rec 1,Raise EHCP compliance to 75%,carol@example.org,Dec-26,in_progress",
      "CYPS,Joint Area SEND Inspection,Ofsted and CQC,Rec 2,Publish the local offer,carol@example.org,Mar-27,in_progress",
    ].join("\n"),
  );
  const report = await importRegister(db.prisma, {
    file,
    dryRun: false,
    actor: "test",
    today: TODAY,
    now: new Date("2026-12-01T10:00:00Z"),
  });
  expect(report.errors).toEqual([]);
  itemId = (await db.prisma.item.findFirstOrThrow({ where: { ref: "Rec 1" } })).id;
  plainItemId = (await db.prisma.item.findFirstOrThrow({ where: { ref: "Rec 2" } })).id;
  milestoneIds = await addMilestones(db.prisma, itemId, [
    { ref: "M1", text: "EHCP compliance 50%", originalTarget: "Jun-26", progress: "complete" },
    {
      ref: "M2",
      text: "EHCP compliance 60%",
      originalTarget: "Sep-26",
      progress: "in_progress",
      latestUpdate: "55% in October",
    },
    { ref: "M3", text: "EHCP compliance 70%", originalTarget: "Dec-26" },
  ]);
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

/** The buttons a person sees, once each (the renderer lists an ActionSet's actions again for its container), sorted. */
function buttons(actions: readonly string[]): string[] {
  return [...new Set(actions)].sort();
}

async function view(id: number): Promise<ItemView> {
  return (await loadItemView(db.prisma, id, TODAY))!;
}

function cardFor(item: ItemView, viewer = PERSONAL, mayUpdate = true) {
  return renderItemCard(item, {
    editable: true,
    milestones: milestonesForViewer(item, viewer, TODAY, () => mayUpdate),
  });
}

describe("milestones on the item's card", () => {
  it("lists each milestone with its target, progress and status, and the note beside the item's own status", async () => {
    const item = await view(itemId);
    // The item's status is its own: on track by its December target, though a milestone slipped.
    expect(item.status.status).toBe("on_track");
    const rendered = await renderer.render(cardFor(item), "item-with-milestones");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("In progress and on track");
    expect(rendered.text).toContain(
      "In progress and on track by its own target, but a milestone is behind: EHCP compliance 60% by 30 Sep 2026 (In progress and partly delayed)",
    );
    expect(rendered.headings).toContain("Milestones");
    expect(rendered.text).toContain("M1 · target 30 Jun 2026 · Complete");
    expect(rendered.text).toContain("M2 · target 30 Sep 2026 · In progress");
    expect(rendered.text).toContain("M3 · target 31 Dec 2026 · Not started");
    expect(rendered.text).toContain("Latest update: 55% in October");
    expect(rendered.text).toContain("Awaiting start");
    // Earliest first; a completed milestone has nothing left to update.
    expect(rendered.text.indexOf("M1 ·")).toBeLessThan(rendered.text.indexOf("M2 ·"));
    expect(buttons(rendered.actions)).toEqual(["Save update", "Update M2", "Update M3"]);
  });

  it("each Update opens that milestone's own update card, through the items' own verb", async () => {
    const card = JSON.stringify(cardFor(await view(itemId)));
    // Open-ended: the action goes on with its Action.Submit fallback for older clients.
    expect(card).toContain(
      JSON.stringify({
        type: "Action.Execute",
        title: "Update M2",
        verb: CardVerb.itemOpen,
        data: { itemId: String(milestoneIds[1]) },
      }).slice(0, -1),
    );
  });

  it("someone who may not update a milestone sees it without its button", async () => {
    const rendered = await renderer.render(cardFor(await view(itemId), PERSONAL, false), "item-milestones-read-only");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("EHCP compliance 60%");
    expect(buttons(rendered.actions)).toEqual(["Save update"]);
  });

  it("an item without milestones has no milestone section", async () => {
    const rendered = await renderer.render(cardFor(await view(plainItemId)), "item-without-milestones");
    expect(rendered.problems).toEqual([]);
    expect(rendered.headings).not.toContain("Milestones");
    expect(rendered.text).not.toContain("milestone");
  });

  it("a milestone's own card says which item it is a step towards, and opens it", async () => {
    const milestone = await view(milestoneIds[1]!);
    const rendered = await renderer.render(cardFor(milestone), "milestone-own-card");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain("A milestone towards Rec 1: Raise EHCP compliance to 75%");
    expect(rendered.text).toContain("In progress and partly delayed");
    expect(buttons(rendered.actions)).toEqual(["Open Rec 1", "Save update"]);
    expect(JSON.stringify(cardFor(milestone))).toContain(JSON.stringify({ itemId: String(itemId) }));
  });

  it("a milestone flagged confidential is only counted in a channel: neither its row nor the behind note names it", async () => {
    const [secret] = await addMilestones(db.prisma, plainItemId, [
      // Behind, so in a personal chat it is named beside the item's status too.
      {
        ref: "S1",
        text: "Placement at Oakfield Grange reviewed",
        originalTarget: "Oct-26",
        progress: "in_progress",
        confidential: true,
      },
    ]);
    const item = await view(plainItemId);
    const inChannel = await renderer.render(cardFor(item, CHANNEL), "item-confidential-milestone-channel");
    expect(inChannel.problems).toEqual([]);
    expect(inChannel.text).toContain("1 more milestone is confidential: ask me in a personal chat.");
    expect(inChannel.text).not.toContain("Oakfield");
    expect(inChannel.text).not.toContain("milestone is behind");
    expect(buttons(inChannel.actions)).toEqual(["Save update"]);
    const inPersonal = await renderer.render(cardFor(item, PERSONAL), "item-confidential-milestone-personal");
    expect(inPersonal.text).toContain(
      "but a milestone is behind: Placement at Oakfield Grange reviewed by 31 Oct 2026",
    );
    await db.prisma.item.delete({ where: { id: secret! } });
  });
});
