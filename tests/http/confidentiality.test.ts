/**
 * Confidential children's homes never reach a channel or group chat, through any route: every card verb
 * and every question kind, asked by the confidential item's owner, the improvement team and a stranger,
 * over the real server with the stand-in connector and a register holding a home with items,
 * on SQLite and on PostgreSQL.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { importRegister } from "../../src/services/imports/import-register.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { parseQuestion, QuestionKind } from "../../src/domain/questions/question.js";
import { cardAction, teamsActivity, TENANT_ID, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import { FIXTURES } from "../support/test-database.js";

const HOME = "Oakfield Grange Children's Residential Home";
const ITEM_TEXT = "Improve the privacy of bedrooms for the young people living at the home";
const OWNER_EMAIL = "keyworker.oakfield@example.org";
const NARRATIVE = "Locks fitted on four of six bedroom doors";
const EVIDENCE = "https://sharepoint.example.org/sites/oakfield/evidence-locks.pdf";
/** Text that must never reach a channel or group chat: the homes' names, the item, its owner, its progress, its evidence. */
const EXTENSION_REASON = "Refurbishment of the bedrooms delayed";
/** A personal remedy the Ombudsman asked for: confidential by its kind, owned by the same key worker. */
const REMEDY_TEXT = "Pay Mrs Quennell 250 pounds for the distress caused";
const CONFIDENTIAL = [
  REMEDY_TEXT,
  "Quennell",
  "Oakfield",
  "Grange",
  "Pegasus",
  "Beech Tree",
  "Lodge",
  ITEM_TEXT,
  OWNER_EMAIL,
  NARRATIVE,
  EVIDENCE,
  "bedroom",
  EXTENSION_REASON,
];

const homeRows = [
  `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 1,recommendation,${ITEM_TEXT},,,${OWNER_EMAIL},Dec-23,,,in_progress,,${NARRATIVE},true,`,
  `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 2,recommendation,Review the bedroom staffing rota at night,,,${OWNER_EMAIL},Mar-24,,,in_progress,,${NARRATIVE},true,`,
];

const REMEDY_HEADER =
  "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,case_ref,decision_date,remedy_kind,public_report";
const remedyRows = [
  `ombudsman,CYPS,LGSCO decision 23 005 678,Local Government and Social Care Ombudsman,Remedy 1,${REMEDY_TEXT},${OWNER_EMAIL},Jan-24,in_progress,23 005 678,2023-11-30,personal,yes`,
  `ombudsman,CYPS,LGSCO decision 23 005 678,Local Government and Social Care Ombudsman,Remedy 2,Remind staff of the complaint timescales,improvement@example.org,Jan-24,in_progress,23 005 678,2023-11-30,service_improvement,yes`,
];

const PEOPLE = {
  owner: { id: "29:keyworker", name: "Key Worker", aadObjectId: "aad-keyworker" },
  improvementTeam: { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" },
  stranger: { id: "29:stranger", name: "Stranger", aadObjectId: "aad-stranger" },
};
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const mention = teamsActivity("channel-mention").entities;
const SCOPES = {
  channel: teamsActivity("channel-mention").conversation,
  groupChat: teamsActivity("group-chat-no-mention").conversation,
};
type Scope = keyof typeof SCOPES;

/** One question for each kind the parser knows; a new kind fails the test until it has one here. */
const QUESTIONS: Record<QuestionKind, string[]> = {
  [QuestionKind.help]: ["help"],
  [QuestionKind.courtesy]: ["thanks"],
  [QuestionKind.items]: [
    "show progress on the children's home",
    "show progress on the residential home",
    "what's delayed?",
    "what's delayed in CYPS?",
    "show me everything",
    "my actions",
    "show mine",
    "what is awaiting start or has a TBC target?",
    // Part of a home's name, as someone who knows it might type it: the rest of the name must not come back.
    "show progress on Oakfield",
    "what's delayed in Pegasus House?",
    "tell me about oakfield budget",
    "what extensions are waiting for approval?",
    "which items have been extended more than once?",
  ],
  [QuestionKind.milestonesDue]: ["what milestones are due this month?"],
  [QuestionKind.measures]: [
    "which Council Plan measures are off track and getting worse?",
    "show 1.A5 over the last four quarters",
  ],
  [QuestionKind.newReviews]: [
    "what new inspections have come in since the last report?",
    "what new inspections since March 2023?",
  ],
  [QuestionKind.implementedCount]: ["how many recommendations were implemented since the last report, by directorate?"],
  [QuestionKind.summary]: ["draft the period summary"],
  [QuestionKind.expectedInspections]: ["what inspections are we expecting in the next 12 months?"],
  [QuestionKind.scrutiny]: [
    "which scrutiny recommendations are awaiting a Cabinet response?",
    "which responses are overdue?",
    "what share did Cabinet accept this year?",
  ],
  [QuestionKind.unknown]: ["what is the children's home budget?"],
  [QuestionKind.ombudsman]: [
    "what Ombudsman remedies are due this month?",
    "what Ombudsman remedies are due next month in CYPS?",
    "upheld cases by directorate this year",
  ],
};
/** Commands that look items and reviews up by what people type. */
const COMMANDS = [
  "update Rec 1",
  "history Rec 1",
  "add items to Residential",
  "add items to Children's Residential Home",
  "add a review",
  "round status",
  "who is outstanding",
  "new reporting point Audit Committee 9 January 2024 cut-off 2023-12-31",
  "reporting points",
  "post summary",
  "summary documents",
  "send me the register",
  "export the register as Excel",
];

let world: BotWorld;
let itemId: number;
let reviewId: number;
let requestId: number;

/** The confidential text in `text`, except what the asker typed themselves (echoed back as their question). */
function leaks(text: string, typed = ""): string[] {
  return CONFIDENTIAL.filter(
    (secret) =>
      !typed.toLowerCase().includes(secret.toLowerCase()) && text.toLowerCase().includes(secret.toLowerCase()),
  );
}

async function post(activity: TeamsActivity): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post(activity);
  const body = await response.text();
  expect(response.status, body).toBeLessThan(300);
  return body + JSON.stringify(world.connector.sent.slice(before));
}

function ask(scope: Scope, from: Person, question: string): Promise<string> {
  const base = teamsActivity("channel-mention");
  return post({
    ...base,
    from,
    conversation: SCOPES[scope],
    entities: mention,
    text: `<at>Recommendation tracker</at> ${question}`,
    id: `q-${Math.random().toString(36).slice(2)}`,
  });
}

function execute(scope: Scope, from: Person, verb: string, data: Record<string, unknown>): Promise<string> {
  return post(cardAction(verb, data, { from, conversation: SCOPES[scope] }));
}

async function verbData(): Promise<Record<string, unknown>> {
  const item = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
  return {
    itemId: String(itemId),
    requestId: String(requestId),
    version: String(item.version),
    submissionId: `s-${Math.random()}`,
    comment: "Missing the photos",
    progress: "complete",
    narrative: "done",
    evidenceUrl: "https://example.org/new.pdf",
    completedOn: "2024-01-08",
    question: "show progress on the children's home",
    offset: "0",
    reviewId: String(reviewId),
    item_ref: "Rec 9",
    item_text: "Another recommendation",
    owner_email: "x@example.org",
    original_target: "Dec-24",
    review_title: "Holly Bank Children's Residential Home",
    directorate: "CYPS",
    review_body: "Ofsted",
    confidential: "true",
  };
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    const csv = `${readFileSync(path.join(FIXTURES, "d0-register.csv"), "utf8").trimEnd()}\r\n${homeRows.join("\r\n")}\r\n`;
    world = await createBotWorld({
      store,
      register: { csv, today: "2024-01-09" },
      server: true,
      users: [
        { ...PEOPLE.owner, email: OWNER_EMAIL },
        { ...PEOPLE.improvementTeam, email: "improvement@example.org" },
        { ...PEOPLE.stranger, email: "stranger@example.org" },
      ],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error", ALLOWED_TENANT_IDS: TENANT_ID },
    });
    expect(world.imported?.errors).toEqual([]);
    const remedies = path.join(mkdtempSync(path.join(os.tmpdir(), "remedies-")), "remedies.csv");
    writeFileSync(remedies, [REMEDY_HEADER, ...remedyRows].join("\n"));
    const remedyImport = await importRegister(world.prisma, {
      file: remedies,
      dryRun: false,
      actor: "test",
      today: "2024-01-09",
      now: new Date("2024-01-09T10:00:00Z"),
    });
    expect(remedyImport.errors).toEqual([]);
    const item = await world.prisma.item.findFirstOrThrow({ where: { text: ITEM_TEXT } });
    itemId = item.id;
    reviewId = item.reviewId;
    // The owner has claimed completion with evidence, so a verification card exists for this item.
    await world.prisma.item.update({
      where: { id: itemId },
      data: {
        verification: "awaiting",
        pendingProgress: "complete",
        evidenceUrl: EVIDENCE,
        completionClaimedOn: "2024-01-08",
      },
    });
    // The owner has asked for a later target, so an approver's card exists for this item too.
    requestId = (
      await world.prisma.extensionRequest.create({
        data: {
          itemId,
          requestedBy: OWNER_EMAIL,
          requestedAt: new Date("2024-01-08T10:00:00Z"),
          fromTargetRaw: item.originalTargetRaw,
          fromTarget: item.originalTarget,
          requestedTargetRaw: "December 2024",
          requestedTarget: "2024-12-31",
          reason: EXTENSION_REASON,
          approver: "either",
        },
      })
    ).id;
  });
  afterAll(async () => {
    await world?.close();
  });

  describe("confidential children's homes in channels and group chats", () => {
    it("every question kind has a sample that parses to it", () => {
      const context = { today: "2024-01-09" as const, reviewTitles: [HOME], bodies: ["Ofsted"] };
      for (const kind of Object.values(QuestionKind)) {
        expect(QUESTIONS[kind], kind).toBeDefined();
        for (const question of QUESTIONS[kind]) expect(parseQuestion(question, context).kind, question).toBe(kind);
      }
    });

    it("shows the confidential item in full in its owner's personal chat (so the probes below can find it)", async () => {
      const text = await post({
        ...teamsActivity("personal-message"),
        from: PEOPLE.owner,
        text: "my actions",
        id: "p-1",
      });
      expect(text).toContain(ITEM_TEXT);
      expect(text).toContain(REMEDY_TEXT);
      // In the owner's personal chat the personal remedy due this month is named; in a channel it is counted (below).
      const due = await post({
        ...teamsActivity("personal-message"),
        from: PEOPLE.owner,
        text: "what Ombudsman remedies are due this month?",
        id: "p-2",
      });
      expect(due).toContain(REMEDY_TEXT);
      // An update round names owners who have not replied: the home's item owner among them. The bot's clock
      // is in 2024 while the import's history is stamped today, so the import's updates would count as replies.
      await world.prisma.progressUpdate.deleteMany({});
      // Started in a channel while the home's item owner cannot be reached: the reply must not name them.
      await world.prisma.person.update({ where: { email: OWNER_EMAIL }, data: { unreachable: true } });
      const started = await ask(
        "channel",
        PEOPLE.improvementTeam,
        "start update round January Audit Committee by 15 February",
      );
      expect(started).toContain("Update round started");
      expect(started).toContain("The bot cannot reach");
      expect(leaks(started)).toEqual([]);
      const personal = {
        ...teamsActivity("personal-message"),
        from: PEOPLE.improvementTeam,
        conversation: { ...teamsActivity("personal-message").conversation, id: "a:admin" },
      };
      expect(await post({ ...personal, text: "who is outstanding", id: "p-3" })).toContain(OWNER_EMAIL);
    });

    for (const scope of Object.keys(SCOPES) as Scope[]) {
      for (const [who, person] of Object.entries(PEOPLE)) {
        it(`no question or command in a ${scope}, asked by the ${who}, shows confidential text`, async () => {
          const questions = [...Object.values(QUESTIONS).flat(), ...COMMANDS];
          for (const question of questions)
            expect(leaks(await ask(scope, person, question), question), `${scope} / ${who} / ${question}`).toEqual([]);
        });

        it(`no card verb in a ${scope}, sent by the ${who}, shows confidential text or changes the item`, async () => {
          const before = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
          const reviews = await world.prisma.review.count();
          for (const verb of Object.values(CardVerb)) {
            expect(leaks(await execute(scope, person, verb, await verbData())), `${scope} / ${who} / ${verb}`).toEqual(
              [],
            );
          }
          // Every question's later pages too.
          for (const question of Object.values(QUESTIONS).flat()) {
            for (const offset of ["0", "20"]) {
              const data = { ...(await verbData()), question, offset };
              expect(
                leaks(await execute(scope, person, CardVerb.answerMore, data), question),
                `${scope} / ${who} / more of ${question}`,
              ).toEqual([]);
            }
          }
          const after = await world.prisma.item.findUniqueOrThrow({ where: { id: itemId } });
          expect(after.version).toBe(before.version);
          expect(after.verification).toBe("awaiting");
          expect(await world.prisma.extensionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
            state: "waiting",
            decidedBy: null,
          });
          expect(await world.prisma.review.count()).toBe(reviews);
          expect(await world.prisma.item.count({ where: { reviewId } })).toBe(2);
        });
      }
    }

    it("nothing queued for a channel or group chat (summary cards, escalations) holds confidential text", async () => {
      const shared = await world.prisma.conversation.findMany({
        where: { kind: { in: ["channel", "groupChat"] } },
        select: { conversationId: true },
      });
      expect(shared.length).toBeGreaterThan(0);
      const queued = await world.prisma.outboundMessage.findMany({
        where: { conversationId: { in: shared.map((c) => c.conversationId) } },
      });
      expect(queued.some((m) => m.purpose === "summary")).toBe(true);
      for (const message of queued) expect(leaks(message.payload), message.purpose).toEqual([]);
    });

    it("a personal remedy due this month is counted in a channel, never named; the service improvement is named", async () => {
      const text = await ask("channel", PEOPLE.stranger, "what Ombudsman remedies are due this month?");
      expect(text).toContain("2 Ombudsman remedies due this month (January 2024)");
      expect(text).toContain("Remind staff of the complaint timescales");
      expect(text).toContain(
        "1 personal remedy is due too: confidential, so counted here and shown only in a personal chat.",
      );
      expect(leaks(text)).toEqual([]);
    });

    it("the home is named in a channel only by its counts and rating", async () => {
      const text = await ask("channel", PEOPLE.stranger, "what new inspections since March 2023?");
      expect(text).toContain("Children's residential home inspection (Ofsted): Good");
    });
  });
});
