/**
 * Every write route goes through the same rules: each card verb and chat command that changes the register,
 * pressed or typed in a personal chat, a group chat and a channel, by an item's owner, its delegate, the
 * directorate's lead, the improvement team and someone with no role, on an ordinary item and on a children's
 * home's. Allowed changes are made and recorded; a role that may not is refused with words that say who may;
 * a confidential item outside a personal chat is refused (or not placed at all) and left as it was.
 * Over the real server with the stand-in connector, on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { cardAction, teamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { addMilestones } from "../support/milestone-fixtures.js";
import { STORES } from "../support/stores.js";

const PUBLIC_REVIEW = "2023/24 SEND Local Area Inspection";
const HOME = "Oakfield Grange Children's Residential Home";
const OWNER_EMAIL = "owner@example.org";
const HEADER =
  "directorate,review_title,review_body,review_type,review_date,findings_received,outcome,item_ref,item_kind,item_text,parent_ref,responsible_unit,owner_email,original_target,revised_target,revision_reason,progress,recorded_status,progress_update,confidential,completed_on";
const CSV = [
  HEADER,
  `CYPS,${PUBLIC_REVIEW},Ofsted,inspection,1 June 2023,July 2023,Good,Rec 1,recommendation,Publish the local offer,,,${OWNER_EMAIL},Dec-24,,,in_progress,,,false,`,
  `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 1,recommendation,Improve bedroom privacy,,,${OWNER_EMAIL},Dec-24,,,in_progress,,,true,`,
].join("\r\n");

const Role = {
  owner: "owner",
  delegate: "delegate",
  lead: "lead",
  improvementTeam: "improvementTeam",
  none: "none",
} as const;
type Role = (typeof Role)[keyof typeof Role];
const PEOPLE: Record<Role, { id: string; name: string; aadObjectId: string; email: string }> = {
  owner: { id: "29:owner", name: "Owner", aadObjectId: "aad-owner", email: OWNER_EMAIL },
  delegate: { id: "29:delegate", name: "Delegate", aadObjectId: "aad-delegate", email: "delegate@example.org" },
  lead: { id: "29:lead", name: "Lead", aadObjectId: "aad-lead", email: "lead@example.org" },
  improvementTeam: { id: "29:admin", name: "Admin", aadObjectId: "aad-admin", email: "improvement@example.org" },
  none: { id: "29:stranger", name: "Stranger", aadObjectId: "aad-stranger", email: "stranger@example.org" },
};
const SCOPES = {
  personal: teamsActivity("personal-message").conversation,
  groupChat: teamsActivity("group-chat-no-mention").conversation,
  channel: teamsActivity("channel-mention").conversation,
};
type Scope = keyof typeof SCOPES;

interface Target {
  confidential: boolean;
  reviewTitle: string;
  reviewId: number;
  itemId: number;
  milestoneId: number;
}

/** What a write route does for one case; `send` answers with everything the bot said. */
interface WriteRoute {
  name: string;
  /** Who may, wherever the item may be shown. */
  allowed: readonly Role[];
  /** How a refusal for the role reads. */
  roleRefusal: RegExp;
  /** Whether the route names an item or review, so that a children's home's is a case of its own. */
  itemBound: boolean;
  prepare?: (target: Target) => Promise<void>;
  send: (scope: Scope, role: Role, target: Target, n: number) => Promise<string>;
}

let world: BotWorld;
const targets: Target[] = [];

async function pressCard(scope: Scope, role: Role, verb: string, data: Record<string, unknown>): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post(
    cardAction(verb, data, { from: PEOPLE[role], conversation: SCOPES[scope], id: `i-${Math.random()}` }),
  );
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return body + JSON.stringify(world.connector.sent.slice(before));
}

async function type(scope: Scope, role: Role, text: string): Promise<string> {
  const before = world.connector.sent.length;
  const response = await world.post({
    ...teamsActivity("channel-mention"),
    from: PEOPLE[role],
    conversation: SCOPES[scope],
    text: `<at>Recommendation tracker</at> ${text}`,
    id: `t-${Math.random().toString(36).slice(2)}`,
  });
  expect(response.status).toBeLessThan(300);
  return JSON.stringify(world.connector.sent.slice(before));
}

const version = async (id: number) => String((await world.prisma.item.findUniqueOrThrow({ where: { id } })).version);

/** A completion claimed by the owner, waiting for the improvement team. */
async function awaitingVerification(target: Target): Promise<void> {
  await world.prisma.item.update({
    where: { id: target.itemId },
    data: {
      verification: "awaiting",
      pendingProgress: "complete",
      evidenceUrl: "https://example.org/e.pdf",
      completionClaimedOn: "2024-01-08",
    },
  });
  await world.prisma.progressUpdate.create({
    data: { itemId: target.itemId, progress: "complete", actor: OWNER_EMAIL, submissionId: `claim-${Math.random()}` },
  });
}

/** A fresh request from the owner for a later target, waiting for an approver. */
let requestId = 0;
async function waitingRequest(target: Target): Promise<void> {
  const item = await world.prisma.item.findUniqueOrThrow({ where: { id: target.itemId } });
  requestId = (
    await world.prisma.extensionRequest.create({
      data: {
        itemId: target.itemId,
        requestedBy: OWNER_EMAIL,
        requestedAt: new Date("2024-01-08T10:00:00Z"),
        fromTargetRaw: item.revisedTargetRaw ?? item.originalTargetRaw,
        fromTarget: item.revisedTarget ?? item.originalTarget,
        requestedTargetRaw: "March 2025",
        requestedTarget: "2025-03-31",
        reason: "Waiting for the supplier",
        approver: "either",
      },
    })
  ).id;
}

const ROUTES: readonly WriteRoute[] = [
  {
    name: "update card (item.update)",
    allowed: [Role.owner, Role.delegate, Role.lead, Role.improvementTeam],
    roleRefusal: /only the owner, their delegate, the directorate's lead or the improvement team/,
    itemBound: true,
    send: async (scope, role, t, n) =>
      pressCard(scope, role, CardVerb.itemUpdate, {
        itemId: String(t.itemId),
        version: await version(t.itemId),
        submissionId: `s-${n}`,
        narrative: `Progress note ${n}`,
      }),
  },
  {
    name: "milestone update (item.update on a milestone)",
    allowed: [Role.owner, Role.delegate, Role.lead, Role.improvementTeam],
    roleRefusal: /only the owner, their delegate, the directorate's lead or the improvement team/,
    itemBound: true,
    send: async (scope, role, t, n) =>
      pressCard(scope, role, CardVerb.itemUpdate, {
        itemId: String(t.milestoneId),
        version: await version(t.milestoneId),
        submissionId: `m-${n}`,
        narrative: `Milestone note ${n}`,
      }),
  },
  {
    name: "verify a completion (item.verify)",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can verify completions/,
    itemBound: true,
    prepare: awaitingVerification,
    send: async (scope, role, t) =>
      pressCard(scope, role, CardVerb.itemVerify, { itemId: String(t.itemId), version: await version(t.itemId) }),
  },
  {
    name: "return a completion (item.return)",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can verify completions/,
    itemBound: true,
    prepare: awaitingVerification,
    send: async (scope, role, t) =>
      pressCard(scope, role, CardVerb.itemReturn, {
        itemId: String(t.itemId),
        version: await version(t.itemId),
        comment: "Missing the photos",
      }),
  },
  {
    name: "approve an extension (extension.approve)",
    allowed: [Role.lead, Role.improvementTeam],
    roleRefusal: /(Only the directorate's lead or the improvement team can decide|You asked for this extension)/,
    itemBound: true,
    prepare: waitingRequest,
    send: (scope, role) => pressCard(scope, role, CardVerb.extensionApprove, { requestId: String(requestId) }),
  },
  {
    name: "decline an extension (extension.decline)",
    allowed: [Role.lead, Role.improvementTeam],
    roleRefusal: /(Only the directorate's lead or the improvement team can decide|You asked for this extension)/,
    itemBound: true,
    prepare: waitingRequest,
    send: (scope, role) =>
      pressCard(scope, role, CardVerb.extensionDecline, { requestId: String(requestId), comment: "Not this time" }),
  },
  {
    name: "add an item (item.create)",
    allowed: [Role.lead, Role.improvementTeam],
    roleRefusal: /Only the improvement team or the directorate's lead can add items/,
    itemBound: true,
    send: (scope, role, t, n) =>
      pressCard(scope, role, CardVerb.itemCreate, {
        reviewId: String(t.reviewId),
        submissionId: `c-${n}`,
        item_ref: `Rec ${100 + n}`,
        item_text: `Another recommendation ${n}`,
        original_target: "Dec-24",
        owner_email: OWNER_EMAIL,
      }),
  },
  {
    name: "add a review (review.create)",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can add reviews/,
    itemBound: true,
    send: (scope, role, t, n) =>
      pressCard(scope, role, CardVerb.reviewCreate, {
        submissionId: `r-${n}`,
        review_title: t.confidential ? `Holly Bank ${n} Children's Residential Home` : `Youth Justice Inspection ${n}`,
        directorate: "CYPS",
        review_body: "Ofsted",
        review_type: "inspection",
        review_date: "1 December 2023",
        confidential: String(t.confidential),
      }),
  },
  {
    name: "assign or reassign",
    allowed: [Role.lead, Role.improvementTeam],
    roleRefusal: /Only the improvement team or the (directorate's|CYPS) lead can assign owners/,
    itemBound: true,
    send: (scope, role, t, n) => type(scope, role, `assign Rec 1 of ${t.reviewTitle} to new.owner.${n}@example.org`),
  },
  {
    name: "set priority",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can set priorities/,
    itemBound: true,
    prepare: async (t) => {
      await world.prisma.item.update({ where: { id: t.itemId }, data: { priority: null } });
    },
    send: (scope, role, t) => type(scope, role, `set priority of Rec 1 of ${t.reviewTitle} to high`),
  },
  {
    name: "give a role (make ...)",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can give people roles/,
    itemBound: false,
    send: (scope, role, _t, n) => type(scope, role, `make viewer.${n}@example.org viewer`),
  },
  {
    name: "start an update round",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can run update rounds/,
    itemBound: false,
    prepare: async () => {
      await world.prisma.roundRecipient.deleteMany({});
      await world.prisma.updateRound.deleteMany({});
    },
    send: (scope, role, _t, n) => type(scope, role, `start update round Round ${n} by 15 February`),
  },
  {
    name: "name a reporting point",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can name reporting points/,
    itemBound: false,
    prepare: async () => {
      await world.prisma.reportingPoint.deleteMany({});
    },
    send: (scope, role, _t, n) =>
      type(scope, role, `new reporting point Audit Committee ${n} 28 February 2024 cut-off 31 January 2024`),
  },
  {
    name: "post the period summary",
    allowed: [Role.improvementTeam],
    roleRefusal: /Only the improvement team can post period summaries/,
    itemBound: false,
    prepare: async () => {
      await world.prisma.reportingPoint.deleteMany({});
      await world.prisma.reportingPoint.create({
        data: {
          name: "Audit Committee",
          meetingDate: "2024-01-09",
          cutOff: "2023-12-31",
          createdBy: "improvement@example.org",
        },
      });
    },
    send: (scope, role) => type(scope, role, "post summary"),
  },
];

/** Everything a write could change, so that "nothing changed" is checked whatever the route writes. */
async function registerState(): Promise<string> {
  const p = world.prisma;
  const items = await p.item.findMany({
    orderBy: { id: "asc" },
    select: { id: true, version: true, ownerId: true, priority: true },
  });
  return JSON.stringify({
    audit: await p.auditEntry.count(),
    updates: await p.progressUpdate.count(),
    roles: await p.role.count(),
    rounds: await p.updateRound.count(),
    points: await p.reportingPoint.count(),
    snapshots: await p.reportingPoint.count({ where: { snapshotAt: { not: null } } }),
    queued: await p.outboundMessage.count(),
    reviews: await p.review.count(),
    waiting: await p.extensionRequest.count({ where: { state: "waiting" } }),
    items,
  });
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: { csv: CSV, today: "2024-01-09" },
      server: true,
      users: Object.values(PEOPLE),
      env: { IMPROVEMENT_TEAM_ADMINS: PEOPLE.improvementTeam.email, LOG_LEVEL: "error" },
      snapshotCheckMs: 0,
    });
    expect(world.imported?.errors).toEqual([]);
    const delegate = await world.prisma.person.findUniqueOrThrow({ where: { email: PEOPLE.delegate.email } });
    const lead = await world.prisma.person.findUniqueOrThrow({ where: { email: PEOPLE.lead.email } });
    await world.prisma.role.create({
      data: {
        personId: lead.id,
        role: "directorate_lead",
        directorateId: "CYPS",
        grantedBy: PEOPLE.improvementTeam.email,
      },
    });
    targets.splice(0);
    for (const [title, confidential] of [
      [PUBLIC_REVIEW, false],
      [HOME, true],
    ] as const) {
      const item = await world.prisma.item.findFirstOrThrow({ where: { review: { title }, ref: "Rec 1" } });
      await world.prisma.item.update({ where: { id: item.id }, data: { delegateId: delegate.id } });
      const [milestoneId] = await addMilestones(world.prisma, item.id, [
        { ref: "M1", text: "First step", originalTarget: "Jun-24" },
      ]);
      targets.push({
        confidential,
        reviewTitle: title,
        reviewId: item.reviewId,
        itemId: item.id,
        milestoneId: milestoneId!,
      });
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  let n = 0;
  for (const route of ROUTES) {
    it(`${route.name}: allowed or refused for every role, conversation and confidentiality`, async () => {
      const owner = await world.prisma.person.findUniqueOrThrow({ where: { email: OWNER_EMAIL } });
      for (const target of route.itemBound ? targets : targets.slice(0, 1)) {
        for (const scope of Object.keys(SCOPES) as Scope[]) {
          for (const role of Object.values(Role)) {
            n += 1;
            const label = `${route.name} / ${scope} / ${role} / ${target.confidential ? "confidential" : "ordinary"}`;
            // An assignment moves the item to a new owner: the owner of the next case is the owner again.
            await world.prisma.item.update({ where: { id: target.itemId }, data: { ownerId: owner.id } });
            await route.prepare?.(target);
            const before = await registerState();
            const said = await route.send(scope, role, target, n);
            const changed = (await registerState()) !== before;
            const hiddenHere = target.confidential && scope !== "personal";
            if (hiddenHere) {
              expect(changed, label).toBe(false);
              expect(said, label).toMatch(new RegExp(`confidential|personal chat|${route.roleRefusal.source}`));
              // The home's item is never shown (its name may come back only as the asker typed it).
              expect(said, label).not.toContain("bedroom privacy");
            } else if (route.allowed.includes(role)) {
              expect(said, label).not.toMatch(route.roleRefusal);
              expect(changed, `${label}: ${said.slice(0, 600)}`).toBe(true);
            } else {
              expect(changed, label).toBe(false);
              expect(said, label).toMatch(route.roleRefusal);
            }
          }
        }
      }
    });
  }
});
