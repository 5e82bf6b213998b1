/**
 * Owners who never opened the bot get their reminders through Graph (issue 21), end to end through the
 * stand-ins on real SQLite and PostgreSQL: a bot instance (a child process trusting the stand-in Graph's
 * throwaway certificate) sweeps 30 owners with overdue items, none with a chat, one of them a leaver (account
 * disabled) and one unknown to the directory; it installs the app for the 28 others and sends each exactly one
 * reminder into the chat the install made, even when killed with SIGKILL between the installs and the sends,
 * and with Graph answering 429 now and then. The two are on the improvement team's list, with their reasons.
 * A second sweep a week on reaches the 28 in their chats without a single install call, and reports the leaver
 * and the unknown to the improvement team once each, with their open items to reassign; a third reports none.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findUnreachableOwners } from "../../src/services/reminders/report-unreachable-owners.js";
import { TENANT_ID } from "../support/bot-fixtures.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { startStandInGraph, type StandInGraph, type StandInUser } from "../support/stand-in-graph.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** A Wednesday in the send window: the first overdue reminder of a target a week before. */
const NOW = "2025-06-25T08:05:00Z";
const WEEK_ON = "2025-07-02T08:05:00Z";
const TEAMS_APP_ID = "6c5e5b0e-8c39-4f0a-9a3b-2d2f0a1b7c01";
const CATALOGUE_ID = "catalogue-app-1";
const credentials = { tenantId: TENANT_ID, clientId: "graph-client-id", clientSecret: "graph-client-secret" };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const users: StandInUser[] = Array.from({ length: 30 }, (_, i) => ({
  id: `user-${i}`,
  userPrincipalName: `owner${i}@example.org`,
  mail: `owner${i}@example.org`,
  displayName: `Owner ${i}`,
  jobTitle: `Head of Service ${i}`,
  accountEnabled: i !== 1,
  userType: "Member" as const,
}));
// owner0 is known only by mail (a UPN that differs); owner1 left (disabled); owner2 is not in the directory.
users[0]!.userPrincipalName = "o.zero@example.onmicrosoft.com";
const directoryUsers = users.filter((u) => u.id !== "user-2");
const ENABLED = users.filter((u) => u.id !== "user-1" && u.id !== "user-2");

let connector: StandInConnector;
let graph: StandInGraph;
let db: TestDatabase;
let adminChat: string;
const databaseOn = storeDatabases();

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** A bot instance (tests/support/reach-child.ts) with Graph settings pointing at the stand-ins. */
async function startInstance(now: string, clockOffsetMs = 0) {
  const env = {
    ...process.env,
    ...graph.botEnv,
    GRAPH_RATE_PER_SECOND: "50",
    TEAMS_APP_ID,
    TEAMS_SERVICE_URL: connector.url,
    IMPROVEMENT_TEAM_ADMINS: "improvement@example.org",
  };
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "tests/support/reach-child.ts", db.url, now, String(clockOffsetMs)],
    { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"], env },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  await until(() => output.includes("ready"), 30_000, `the instance to start: ${output}`);
  child.stdin.write("go\n");
  const result = async () => {
    expect(await exited, output).toBe(0);
    const line = output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .at(-1)!;
    return JSON.parse(line) as {
      cards: number;
      leaversReported: string[];
      sent: number;
      unreachable: number;
      graph: { throttled: number };
    };
  };
  return { child, exited, result };
}

/** Reminder cards each user received in the chat Graph made for them. */
function cardsReceivedBy(user: StandInUser): number {
  return connector.sent.filter(
    (s) =>
      s.conversationId === `19:${user.id}_${CATALOGUE_ID}@unq.gbl.spaces` &&
      s.activity.attachments?.[0]?.contentType === "application/vnd.microsoft.card.adaptive",
  ).length;
}

/** The leavers' cards the connector carried since `from`: where each went, and what it said. */
function leaverCardsSince(from: number): { conversationId: string; text: string }[] {
  return connector.sent
    .slice(from)
    .map((s) => ({ conversationId: s.conversationId, text: JSON.stringify(s.activity) }))
    .filter((s) => s.text.includes('"verb":"leaver.reassign"'));
}

describe.each(STORES)("reaching owners who never opened the bot, on %s", (store) => {
  beforeAll(async () => {
    connector = await startStandInConnector();
    connector.refuseChatsNotInstalled();
    graph = await startStandInGraph({
      ...credentials,
      users: directoryUsers,
      catalogue: [{ id: CATALOGUE_ID, externalId: TEAMS_APP_ID }],
      onChatCreated: (chatId) => connector.allowChat(chatId),
    });
  });
  afterAll(async () => {
    await graph.close();
    await connector.close();
  });
  beforeEach(async () => {
    db = await databaseOn(store);
    for (const user of users) {
      const owner = await addPerson(db.prisma, connector.url, user.mail, { chat: false });
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-18" });
    }
    const admin = await addPerson(db.prisma, connector.url, "improvement@example.org");
    adminChat = admin.conversationId!;
    connector.allowChat(adminChat);
  });
  afterEach(async () => {
    await db.close();
  });

  it("installs for each enabled owner once and sends each one reminder, through a kill -9 between install and send; lists the leaver and the unknown, then reports each once with their items", async () => {
    // Graph answers 429 (Retry-After 1 s) to every fifth request.
    graph.throttleEvery(5, 1);
    graph.holdChats(true);
    const dying = await startInstance(NOW);
    await until(() => graph.heldChats() >= 3, 30_000, "installs to be under way");
    dying.child.kill("SIGKILL");
    await dying.exited;
    graph.holdChats(false);
    const installedBeforeKill = graph.installs.created.length;
    expect(installedBeforeKill).toBeGreaterThanOrEqual(3);
    expect(connector.sent).toHaveLength(0);

    // Another instance, a minute on (past the dead one's leases), finishes the job.
    const second = await startInstance("-", 61_000);
    const report = await second.result();
    expect(report.sent).toBe(28);
    expect(report.graph.throttled).toBeGreaterThan(0);

    for (const user of ENABLED) expect(cardsReceivedBy(user), user.mail).toBe(1);
    expect(connector.refusedNotInstalled).toEqual([]);
    expect([...graph.installs.created].sort()).toEqual(ENABLED.map((u) => u.id).sort());
    expect(graph.installs.conflicts).toBeLessThanOrEqual(installedBeforeKill);
    expect(graph.requests.filter((r) => r.path.includes("users/user-1/teamwork"))).toEqual([]);

    // What the directory said is kept: names and titles, the leaver and the unknown.
    const people = await db.prisma.person.findMany({
      where: { email: { startsWith: "owner" } },
      orderBy: { id: "asc" },
    });
    expect(people.map((p) => p.directoryState)).toEqual(
      users.map((u) => (u.id === "user-1" ? "disabled" : u.id === "user-2" ? "unknown" : "enabled")),
    );
    expect(people[3]).toMatchObject({ name: "Owner 3", jobTitle: "Head of Service 3" });
    expect(await db.prisma.personReach.count({ where: { step: "reached" } })).toBe(28);
    const claims = await db.prisma.reminderClaim.findMany({ where: { kind: "overdue_1" } });
    expect(claims.filter((c) => c.status === "delivered")).toHaveLength(28);
    expect(claims.filter((c) => c.status === "unreachable")).toHaveLength(2);

    const unreachable = await findUnreachableOwners(db.prisma, true);
    expect(unreachable.map((o) => [o.email, o.reason, o.open_items])).toEqual([
      ["owner1@example.org", "left the council: their account is disabled", 1],
      ["owner2@example.org", "not found in the directory (check the email address)", 1],
    ]);

    // A week on: the next reminders go straight to the chats; Graph is not asked to install anything.
    const requestsBefore = graph.requests.length;
    const sentBefore = connector.sent.length;
    graph.throttleEvery(0);
    const weekOn = await startInstance(WEEK_ON);
    const later = await weekOn.result();
    expect(later.cards).toBe(28);
    // The first dispatch learned who left and who is unknown: this sweep reports each to the improvement team
    // (the scenario's directorate has no lead), once, with their open item and a Reassign action.
    expect([...later.leaversReported].sort()).toEqual(["owner1@example.org", "owner2@example.org"]);
    const reports = leaverCardsSince(sentBefore);
    expect(reports.map((r) => r.conversationId)).toEqual([adminChat, adminChat]);
    for (const [email, why] of [
      ["owner1@example.org", "has left: their account is disabled"],
      ["owner2@example.org", "is not known to the directory"],
    ] as const) {
      const owned = await db.prisma.item.findFirstOrThrow({ where: { owner: { email } } });
      const about = reports.filter((r) => r.text.includes(`(${email})`));
      expect(about, email).toHaveLength(1);
      expect(about[0]!.text).toContain(why);
      expect(about[0]!.text).toContain(owned.text);
      expect(about[0]!.text).toContain('"title":"Reassign"');
      expect(about[0]!.text).toContain(`"itemId":"${owned.id}"`);
    }
    for (const user of ENABLED) expect(cardsReceivedBy(user), user.mail).toBe(2);
    expect(graph.requests.slice(requestsBefore)).toEqual([]);
    expect(graph.installs.created).toHaveLength(28);
    // The improvement team's daily list names the two, and why.
    const list = connector.sent.find((s) => JSON.stringify(s.activity).includes("the bot cannot reach"));
    expect(JSON.stringify(list?.activity)).toContain("owner1@example.org");
    expect(JSON.stringify(list?.activity)).toContain("left the council: their account is disabled");
    expect(JSON.stringify(list?.activity)).toContain("owner2@example.org");
    expect(JSON.stringify(list?.activity)).toContain("The bot cannot reach them, for the reason beside each");

    // A third sweep reports nobody again: each was told once.
    const sentBeforeThird = connector.sent.length;
    const third = await (await startInstance(WEEK_ON)).result();
    expect(third.leaversReported).toEqual([]);
    expect(leaverCardsSince(sentBeforeThird)).toEqual([]);
  }, 120_000);
});

describe.each(STORES)("reaching owners when the app is not in the catalogue yet, on %s", (store) => {
  const few: StandInUser[] = ["a", "b", "c"].map((letter) => ({
    id: `user-${letter}`,
    userPrincipalName: `owner-${letter}@example.org`,
    mail: `owner-${letter}@example.org`,
    displayName: `Owner ${letter.toUpperCase()}`,
    jobTitle: null,
    accountEnabled: true,
    userType: letter === "b" ? ("Guest" as const) : ("Member" as const),
  }));
  const catalogue: { id: string; externalId: string }[] = [];

  beforeAll(async () => {
    connector = await startStandInConnector();
    connector.refuseChatsNotInstalled();
    graph = await startStandInGraph({
      ...credentials,
      users: few,
      catalogue,
      onChatCreated: (chatId) => connector.allowChat(chatId),
    });
  });
  afterAll(async () => {
    await graph.close();
    await connector.close();
  });
  beforeEach(async () => {
    db = await databaseOn(store);
    for (const user of few) {
      const owner = await addPerson(db.prisma, connector.url, user.mail, { chat: false });
      await addItem(db.prisma, { ownerId: owner.personId, originalTarget: "2025-06-18" });
    }
  });
  afterEach(async () => {
    await db.close();
  });

  it("installs nothing and lists why (not in the catalogue, a guest); once the app is there, the next reminders reach the members", async () => {
    const first = await (await startInstance(NOW)).result();
    expect(first.sent).toBe(0);
    expect(connector.sent).toEqual([]);
    expect(graph.installs.created).toEqual([]);
    expect((await findUnreachableOwners(db.prisma, true)).map((o) => [o.email, o.reason])).toEqual([
      ["owner-a@example.org", "the app is not in the organisation's app catalogue"],
      ["owner-b@example.org", "a guest account: the app is not installed for guests"],
      ["owner-c@example.org", "the app is not in the organisation's app catalogue"],
    ]);
    // Refused for now is not blocked: they are tried again with their next card.
    const people = await db.prisma.person.findMany({ orderBy: { email: "asc" } });
    expect(people.map((p) => p.unreachable)).toEqual([false, true, false]);

    catalogue.push({ id: CATALOGUE_ID, externalId: TEAMS_APP_ID });
    const later = await (await startInstance(WEEK_ON)).result();
    expect(later.sent).toBe(2);
    expect([cardsReceivedBy(few[0]!), cardsReceivedBy(few[1]!), cardsReceivedBy(few[2]!)]).toEqual([1, 0, 1]);
    expect(graph.installs.created.sort()).toEqual(["user-a", "user-c"]);
    expect(graph.requests.filter((r) => r.path.includes("users/user-b/teamwork"))).toEqual([]);
    expect((await findUnreachableOwners(db.prisma, true)).map((o) => o.email)).toEqual(["owner-b@example.org"]);
  }, 120_000);
});
