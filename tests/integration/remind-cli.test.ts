/**
 * `npm run tracker -- remind`: the dry run's JSON (pinned: other tooling reads it), which claims and writes
 * nothing and gives the same answer twice; and the real run, which sweeps and sends.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured, type CliRun } from "../support/cli-run.js";
import { createPrismaClient } from "../../src/data/database.js";
import { addItem, addPerson, type OwnerFixture } from "../support/reminder-fixtures.js";
import { startStandInConnector, type StandInConnector } from "../support/stand-in-connector.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

/** A database on the store under test and the stand-in connector the owners' chats are on. */
let world: { db: TestDatabase; connector: StandInConnector };
const databaseOn = storeDatabases();
/** The parts of `remind --json`'s report these tests read. */
type RemindReport = { totals: Record<string, number>; delivery: Record<string, number> };
let sam: OwnerFixture;
let items: number[];

function cli(...args: string[]): Promise<CliRun> {
  return runCliCaptured(
    args,
    { DATABASE_URL: world.db.url, IMPROVEMENT_TEAM_ADMINS: "improvement.team@example.org" },
    new Date("2025-06-25T12:00:00Z"),
  );
}

/** Counts read with a short-lived client: one PrismaClient per process on a SQLite file. */
async function counts() {
  const prisma = await createPrismaClient(world.db.url);
  try {
    return {
      claims: await prisma.reminderClaim.count(),
      messages: await prisma.outboundMessage.count(),
      planned: await prisma.item.count({ where: { nextReminderAt: { not: null } } }),
      settings: await prisma.setting.count(),
    };
  } finally {
    await prisma.$disconnect();
  }
}
describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = { db: await databaseOn(store), connector: await startStandInConnector() };
    const { db, connector } = world;
    sam = await addPerson(db.prisma, connector.url, "sam.owner@example.org", { name: "Sam Owner" });
    const kim = await addPerson(db.prisma, connector.url, "kim.owner@example.org", { chat: false });
    items = [
      await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-06-30",
        reviewTitle: "Joint Area SEND Inspection",
        ref: "Recommendation 3",
      }),
      await addItem(db.prisma, {
        ownerId: sam.personId,
        originalTarget: "2025-05-30",
        revisedTarget: "2025-06-11",
        reviewTitle: "Joint Area SEND Inspection",
        ref: "Recommendation 4",
      }),
      await addItem(db.prisma, {
        ownerId: kim.personId,
        originalTarget: "2025-06-25",
        directorateId: "FCS",
        reviewTitle: "VFM 2023/24",
        ref: "Rec IR4",
      }),
    ];
    await db.prisma.$disconnect(); // the CLI opens its own client
  });
  afterAll(async () => {
    await world?.db.close();
    await world?.connector.close();
  });

  describe("remind", () => {
    it("--dry-run --json lists what is due per owner, claims nothing, writes nothing, and says the same twice", async () => {
      const first = await cli("remind", "--dry-run", "--json", "--as-of", "2025-06-25");
      const second = await cli("remind", "--dry-run", "--json", "--as-of", "2025-06-25");
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(JSON.parse(first.stdout) as unknown).toEqual({
        dry_run: true,
        as_of: "2025-06-25",
        evaluated_at: "2025-06-25T08:00:00.000Z",
        sending_allowed: true,
        next_send_at: "2025-06-25T08:00:00.000Z",
        owners: [
          {
            owner_email: "kim.owner@example.org",
            owner_name: null,
            reachable: false,
            unreachable_reason: "has no chat with the bot yet (the app needs installing for them)",
            items: [
              {
                item_id: items[2],
                review_title: "VFM 2023/24",
                item_ref: "Rec IR4",
                directorate: "FCS",
                reminder: "before_0",
                reason: "Due today (target 25 Jun 2025)",
                target: "2025-06-25",
                status: "on_track",
                status_label: "In progress and on track",
                last_update: null,
              },
            ],
          },
          {
            owner_email: "sam.owner@example.org",
            owner_name: "Sam Owner",
            reachable: true,
            unreachable_reason: null,
            items: [
              {
                item_id: items[1],
                review_title: "Joint Area SEND Inspection",
                item_ref: "Recommendation 4",
                directorate: "CYPS",
                reminder: "overdue_2",
                reason: "Overdue: the target was 11 Jun 2025 (2 weeks ago)",
                target: "2025-06-11",
                status: "partly_delayed",
                status_label: "In progress and partly delayed",
                last_update: null,
              },
              {
                item_id: items[0],
                review_title: "Joint Area SEND Inspection",
                item_ref: "Recommendation 3",
                directorate: "CYPS",
                reminder: "before_3",
                reason: "Due in 3 working days (target 30 Jun 2025)",
                target: "2025-06-30",
                status: "on_track",
                status_label: "In progress and on track",
                last_update: null,
              },
            ],
          },
        ],
        escalations: [
          {
            directorate: "CYPS",
            directorate_name: "Children and Young People's Services",
            lead_email: null,
            lead_reachable: false,
            leadership_channel: false,
            items: [
              expect.objectContaining({
                item_id: items[1],
                reminder: "escalation",
                owner_email: "sam.owner@example.org",
              }),
            ],
          },
        ],
        totals: { owners: 2, reminders: 3, escalations: 1, unreachable_owners: 1, cards_queued: 0 },
        round_chases: [],
      });
      expect(await counts()).toEqual({ claims: 0, messages: 0, planned: 0, settings: 0 });
    });

    it("--dry-run in words, per owner", async () => {
      const { stdout } = await cli("remind", "--dry-run", "--as-of", "2025-06-25");
      expect(stdout).toContain("dry run: nothing claimed, queued or sent");
      expect(stdout).toContain("Sam Owner <sam.owner@example.org>: 2 items");
      expect(stdout).toContain("kim.owner@example.org: 1 item (cannot be reached: has no chat with the bot yet");
      expect(stdout).toContain("CYPS to no lead set: 1");
    });

    it("without --dry-run sweeps once and sends", async () => {
      const { code, stdout } = await cli("remind", "--json", "--as-of", "2025-06-25");
      expect(code).toBe(0);
      const report = JSON.parse(stdout) as RemindReport;
      expect(report).toMatchObject({
        dry_run: false,
        totals: { owners: 2, reminders: 3, escalations: 1, cards_queued: 1 },
        dispatch: { sent: 1, failed: 0 },
      });
      // Sam's two reminders reached Teams; Kim has no chat and CYPS has no lead for the escalation.
      expect(report.delivery).toEqual({ delivered: 2, queued: 0, unreachable: 2, failed: 0 });
      expect(world.connector.sent.map((s) => s.conversationId)).toEqual([sam.conversationId]);
      expect(await counts()).toMatchObject({ claims: 4, messages: 1 });
      // A second run the same day finds nothing more to send.
      const again = JSON.parse((await cli("remind", "--json", "--as-of", "2025-06-25")).stdout) as RemindReport;
      expect(again.totals).toMatchObject({ reminders: 0, cards_queued: 0 });
      expect(world.connector.sent).toHaveLength(1);
    });

    it("refuses a bad --as-of with a clear message", async () => {
      const { code, stderr } = await cli("remind", "--dry-run", "--as-of", "25/06/2025");
      expect(code).toBe(2);
      expect(stderr).toContain('--as-of "25/06/2025" is not a date: use YYYY-MM-DD');
    });
  });
});
