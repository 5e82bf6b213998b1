/**
 * An answer never states more than the bot understood, asked through the real teams-ai Application on a
 * real register (SQLite, then PostgreSQL), on 7 Dec 2026: the long Grant Thornton question is read without
 * its reason and never tells the asker they have no open actions when they have three, an empty "my actions"
 * says what it was narrowed by, a yes/no question about a review answers with the review's own status,
 * thresholds and periods are applied, and words not used are named.
 */
import type { Activity } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelMention, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const HEADER =
  "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
const ROWS = [
  // The asker owns all three, all open: 8 months, 3 months and not yet past their original targets.
  "FCS,2025/26 VFM arrangements (Grant Thornton),Grant Thornton,audit,May 2026,June 2026,Improvement recommended,Rec IR1,improvement_recommendation,Refresh the medium-term financial strategy,,,gt.owner@example.org,2026-03-31,,,in_progress,,,false,",
  "FCS,2025/26 VFM arrangements (Grant Thornton),Grant Thornton,audit,May 2026,June 2026,Improvement recommended,Rec IR2,improvement_recommendation,Strengthen savings tracking,,,gt.owner@example.org,2026-08-31,,,in_progress,,,false,",
  "FCS,2025/26 VFM arrangements (Grant Thornton),Grant Thornton,audit,May 2026,June 2026,Improvement recommended,Rec IR3,improvement_recommendation,Publish the procurement pipeline,,,gt.owner@example.org,2027-03-31,,,not_started,,,false,",
  // Grant Thornton's other work: completed this quarter, and in May.
  "FCS,2025/26 Statement of Accounts (Grant Thornton),Grant Thornton,audit,July 2026,September 2026,Unqualified opinion,Rec 1,recommendation,Reconcile the fixed asset register,,,accounts.owner@example.org,2026-12-31,,,complete,,,false,2026-11-10",
  "FCS,2025/26 Statement of Accounts (Grant Thornton),Grant Thornton,audit,July 2026,September 2026,Unqualified opinion,Rec 2,recommendation,Review journal authorisation,,,accounts.owner@example.org,2026-06-30,,,complete,,,false,2026-05-20",
  "ACEX,2024 Prevent Duty Annual Assurance Assessment (Home Office),Home Office,assurance assessment,October 2024,December 2024,Good,Action 1,action,Refresh Prevent training,,,prevent.owner@example.org,2027-06-30,,,in_progress,,,false,",
  // A peer challenge partly delayed: one theme's target moved back four months, the others within theirs.
  "ACEX,Corporate Peer Challenge,LGA,peer challenge,March 2026,April 2026,No formal overall outcome,Theme 1,theme,Refresh the council plan,,,cpc.owner@example.org,2027-06-30,,,in_progress,,,false,",
  "ACEX,Corporate Peer Challenge,LGA,peer challenge,March 2026,April 2026,No formal overall outcome,Theme 2,theme,Strengthen member development,,,cpc.owner@example.org,2026-09-30,2027-01-31,Capacity,in_progress,,,false,",
  "ACEX,Corporate Peer Challenge,LGA,peer challenge,March 2026,April 2026,No formal overall outcome,Theme 3,theme,Agree a workforce strategy,,,cpc.owner@example.org,2027-09-30,,,not_started,,,false,",
  // A children's home: confidential, so a channel hears of it only by its counts and rating.
  "CYPS,Pegasus House Children's Residential Home,Ofsted,inspection,September 2026,October 2026,Good,Rec 1,recommendation,Refresh the missing-from-home protocol,,,home.owner@example.org,2027-03-31,,,in_progress,,,true,",
];
const GT_OWNER = { id: "29:gt", name: "Finance Owner", aadObjectId: "aad-gt" };
const GRANT_THORNTON_QUESTION =
  "Can you tell me please which of the recommendations from the Grant Thornton value for money work are still outstanding and who is responsible for them, as I need to brief the Section 151 officer before the audit committee";
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: { csv: [HEADER, ...ROWS].join("\n"), today: "2026-12-07" },
      now: new Date("2026-12-07T10:00:00Z"),
      users: [{ ...GT_OWNER, email: "gt.owner@example.org" }],
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

  it("the Grant Thornton question lists the open VFM items with owners, and names the reason it did not use", async () => {
    const card = await ask(personalMessage(GRANT_THORNTON_QUESTION, { from: GT_OWNER }));
    expect(card).toContain("Open items in 2025/26 VFM arrangements (Grant Thornton)");
    for (const ref of ["Rec IR1", "Rec IR2", "Rec IR3"]) expect(card).toContain(ref);
    // The owner is named by the name Teams gave them when they asked, not by their email.
    expect(card).toContain('"title":"Owner","value":"Finance Owner"');
    expect(card).not.toContain("You have no open actions");
    expect(card).not.toMatch(/My actions|Prevent Duty|due by/);
    expect(card).toContain(
      "I did not use: 'as I need to brief the Section 151 officer before the audit committee'. This list is not narrowed by it.",
    );
  });

  it("an empty 'my actions' narrowed by a review says what narrowed it and how many the asker owns", async () => {
    const card = await ask(personalMessage("my actions in the Prevent Duty assessment", { from: GT_OWNER }));
    expect(card).toContain(
      'None of your items matches \\"My open actions in 2024 Prevent Duty Annual Assurance Assessment (Home Office)\\". Without those conditions you own 3 items (as gt.owner@example.org), 3 of them open',
    );
    expect(card).not.toContain("You have no open actions");
  });

  it("is the peer challenge on track? answers with the review's own status and reason, then all its items", async () => {
    const card = await ask(personalMessage("is the peer challenge on track?"));
    expect(card).toContain("Corporate Peer Challenge: In progress and partly delayed");
    expect(card).toContain(
      "No: Corporate Peer Challenge as a whole is In progress and partly delayed (1 open item behind the original target)",
    );
    for (const ref of ["Theme 1", "Theme 2", "Theme 3"]) expect(card).toContain(ref);
  });

  it("a yes/no question about a confidential review in a channel names it only by its counts and rating", async () => {
    const card = await ask(channelMention("is the Pegasus House inspection on track?"));
    expect(card).toContain("Children's residential home inspection (Ofsted): Good: In progress and on track");
    expect(card).toContain(
      "Yes: Children's residential home inspection (Ofsted): Good as a whole is In progress and on track",
    );
    expect(card).not.toContain("missing-from-home");
  });

  it("slipping more than 6 months lists only what slipped more than 6 months", async () => {
    const card = await ask(personalMessage("what's slipping more than 6 months?"));
    expect(card).toContain("Items slipped more than 6 months past the original target");
    expect(card).toContain("Rec IR1");
    expect(card).not.toContain("Rec IR2");
    expect(card).not.toContain("Theme 2");
  });

  it("completed this quarter is this financial quarter's completions, and says how the quarter was read", async () => {
    const card = await ask(personalMessage("what was completed this quarter?"));
    expect(card).toContain("Items completed between 1 Oct 2026 and 7 Dec 2026");
    expect(card).toContain("Reconcile the fixed asset register");
    expect(card).not.toContain("Review journal authorisation");
    expect(card).toContain(
      "Quarters are the council's financial-year quarters (Q1 is April to June): I read this as Q3 2026/27 (1 October to 31 December 2026).",
    );
  });

  it("a period it cannot apply is named as not used", async () => {
    const card = await ask(personalMessage("what's delayed this year?"));
    expect(card).toContain("Delayed items");
    expect(card).toContain("I did not use: 'this year'.");
  });

  it("a count that cannot be narrowed by a body says so rather than counting as if it had been", async () => {
    const card = await ask(
      personalMessage("how many recommendations from Grant Thornton were implemented since April?"),
    );
    expect(card).toContain("From 1 Apr 2026");
    expect(card).not.toContain("Since the last report");
    expect(card).toContain("I did not use: 'Grant Thornton'. These counts are not narrowed by it.");
  });

  it("deadlines moved twice is about extensions, with no due date added", async () => {
    const card = await ask(personalMessage("which deadlines have moved twice?"));
    expect(card).toContain("Open items extended more than once");
    expect(card).not.toContain("due by");
  });
});
