/**
 * Empty and surprising answers explain themselves and say what to try next, asked through the real
 * teams-ai Application on a real register (SQLite, then PostgreSQL), on 30 Nov 2026.
 */
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelMention, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const HEADER =
  "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
const ROWS = [
  // Every item's target moved, none by more than 12 months: the 2024 key rates the review Significant delay.
  "ACHPH,Adult Social Care Peer Review,LGA,peer review,March 2026,April 2026,Good,Theme 1,theme,Strengthen the front door,,,adult.owner@example.org,2026-03-31,2026-12-31,Restructure,in_progress,,,false,",
  "ACHPH,Adult Social Care Peer Review,LGA,peer review,March 2026,April 2026,Good,Theme 2,theme,Carers' strategy,,,adult.owner@example.org,2026-06-30,2027-01-31,Consultation,in_progress,,,false,",
  // Due today, in Adult Care.
  "ACHPH,CQC Local Authority Assessment,CQC,assessment,June 2026,July 2026,Requires improvement,Action 1,action,Publish the waiting-list plan,,,adult.owner@example.org,2026-11-30,,,in_progress,,,false,",
  // Overdue since August.
  "FCS,2025/26 VFM arrangements (Grant Thornton),Grant Thornton,audit,May 2026,June 2026,Improvement recommended,Rec IR1,improvement_recommendation,Refresh the medium-term financial strategy,,,fcs.owner@example.org,2026-08-31,,,in_progress,,,false,",
  // Findings received on a day, written as the import's ISO date.
  "CYPS,Ofsted Focused Visit,Ofsted,focused visit,2026-09-15,2026-10-12,Good,Area for improvement 1,area_for_improvement,Sharpen children's plans,,,cyps.owner@example.org,2027-06-30,,,not_started,,,false,",
  "FCS,2025/26 VFM arrangements (Grant Thornton),Grant Thornton,audit,May 2026,June 2026,Improvement recommended,Rec IR2,improvement_recommendation,Close the capital programme review,,,closed.owner@example.org,2026-05-31,,,complete,,,false,2026-05-20",
];
const NOBODY = { id: "29:nobody", name: "New Starter", aadObjectId: "aad-nobody" };
const CLOSED_OWNER = { id: "29:closed", name: "Closed Owner", aadObjectId: "aad-closed" };
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: { csv: [HEADER, ...ROWS].join("\n"), today: "2026-11-30" },
      now: new Date("2026-11-30T10:00:00Z"),
      users: [
        { ...NOBODY, email: "new.starter@example.org" },
        { ...CLOSED_OWNER, email: "closed.owner@example.org" },
      ],
    });
    expect(world.imported?.ok).toBe(true);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function ask(activity: TeamsActivity): Promise<string> {
    const adapter = world.adapter();
    await adapter.send(activity as Partial<Activity>).startTest();
    const [reply] = adapter.activeQueue.splice(0);
    return JSON.stringify(reply?.attachments?.[0]?.content ?? reply?.text);
  }

  describe("answers that explain themselves", () => {
    it("my actions for someone who owns nothing says so, and who assigns items and how", async () => {
      const card = await ask(personalMessage("my actions", { from: NOBODY }));
      expect(card).toContain("You do not own any items in the register yet (I know you as new.starter@example.org)");
      expect(card).toContain("The improvement team, or your directorate's lead, assigns owners");
      expect(card).toContain("assign Rec IR4 of 2023/24 VFM to new.starter@example.org");
    });

    it("my actions for someone whose items are all closed points to all my actions", async () => {
      const card = await ask(personalMessage("my actions", { from: CLOSED_OWNER }));
      expect(card).toContain(
        "You have no open actions: the 1 item you own (as closed.owner@example.org) is complete or needs no action.",
      );
    });

    it("no item more than 12 months late beside a review rated Significant delay explains the rating", async () => {
      const card = await ask(personalMessage("is anything more than 12 months late in adult care?"));
      expect(card).toMatch(/"0"/);
      expect(card).toContain(
        "Adult Social Care Peer Review is rated Significant delay although none of its items is more than 12 months late: every item's target is later than its original (2024 key)",
      );
    });

    it("nothing overdue for adults while an item is due today says due today is not overdue, and lists it", async () => {
      const card = await ask(personalMessage("what's overdue for adults?"));
      expect(card).toContain(
        "Due today is not overdue: 1 item is due today (30 Nov 2026) and becomes overdue tomorrow: CQC Local Authority Assessment / Action 1.",
      );
    });

    it("due by a date that has passed says so and what it shows instead", async () => {
      const card = await ask(channelMention("what's due by the end of September 2026?"));
      expect(card).toContain(
        "30 Sep 2026 has passed, so this lists the open items whose target was on or before it: they are overdue now.",
      );
      expect(card).toContain("what's due by the end of December 2026?");
      expect(card).toContain("Rec IR1");
    });

    it("thanks gets a short answer, not the help card", async () => {
      const card = await ask(personalMessage("thanks"));
      expect(card).toContain("You're welcome");
      expect(card).not.toContain("What I can tell you");
    });

    it("draft the period summary points to post summary", async () => {
      const card = await ask(personalMessage("draft the period summary"));
      expect(card).toContain('the improvement team says \\"post summary\\" in that channel');
    });

    it("a misspelt question is understood", async () => {
      const card = await ask(personalMessage("whats overdeu in finanse?"));
      expect(card).toContain("Overdue items in Finance and Customer Services");
      expect(card).toContain("Rec IR1");
    });

    it("new reviews give their findings date as people write it", async () => {
      const card = await ask(personalMessage("what new inspections have come in since the last report?"));
      expect(card).toContain("Ofsted Focused Visit (CYPS; findings 12 Oct 2026)");
      expect(card).not.toContain("2026-10-12");
    });
  });
});
