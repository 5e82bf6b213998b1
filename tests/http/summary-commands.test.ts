/**
 * The improvement team's summary commands over HTTP, against the real server and bot: naming a
 * reporting point, posting the summary card to a channel (queued in the outbox, the point
 * snapshotted) only once its cut-off has passed, fresh document links; "since the last report" the
 * same date in answers and the card; anyone else refused with nothing changed. On SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentSigningKey, verifyDocumentToken } from "../../src/services/reports/document-links.js";
import { channelMention, personalMessage, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:improvement", name: "Improvement Team", aadObjectId: "aad-improvement" };
const OTHER = { id: "29:viewer", name: "Viewer", aadObjectId: "aad-viewer" };
const BOT_NOW = new Date("2024-01-09T10:00:00Z");
// The day after the 9 January 2024 cut-off: its summary can be posted from then.
const AFTER_CUT_OFF = new Date("2024-01-10T10:00:00Z");
const CHANNEL = "19:cyps-dlt-sanitised@thread.tacv2";
let world: BotWorld;

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    world = await createBotWorld({
      store,
      register: "d0",
      server: true,
      now: BOT_NOW,
      users: [
        { ...ADMIN, email: "improvement@example.org" },
        { ...OTHER, email: "viewer@example.org" },
      ],
      env: {
        IMPROVEMENT_TEAM_ADMINS: "improvement@example.org",
        PUBLIC_BASE_URL: "https://tracker.example.org",
        LOG_LEVEL: "error",
      },
    });
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Sends a message and returns the text of the card the bot replies with. */
  async function say(activity: TeamsActivity): Promise<string> {
    const before = world.connector.sent.length;
    const response = await world.post(activity);
    expect(response.status).toBe(200);
    const reply = (await world.connector.waitForSends(before + 1))[before]!;
    return JSON.stringify(reply.activity.attachments?.[0]?.content ?? reply.activity.text);
  }

  const asAdmin = (text: string) => personalMessage(text, { from: ADMIN });
  const inChannel = (text: string, from = ADMIN) => ({ ...channelMention(text), from });

  describe("summary commands", () => {
    it("names reporting points, with clear refusals for a duplicate or a bad date", async () => {
      expect(await say(asAdmin("new reporting point Audit Committee 27 July 2023 cut-off 2023-07-27"))).toContain(
        "Reporting point named: Audit Committee 27 July 2023",
      );
      expect(await say(asAdmin("new reporting point Audit Committee 9 January 2024 cut-off 9 January 2024"))).toContain(
        "Cut-off 9 Jan 2024",
      );
      expect(await say(asAdmin("new reporting point Audit Committee 9 January 2024 cut-off 2024-02-01"))).toContain(
        "There is already a reporting point called",
      );
      expect(await say(asAdmin("new reporting point Cabinet cut-off soon"))).toContain("is not a single day");
      const points = await world.prisma.reportingPoint.findMany({ orderBy: { cutOff: "asc" } });
      expect(points.map((p) => [p.name, p.meetingDate, p.cutOff, p.createdBy])).toEqual([
        ["Audit Committee 27 July 2023", "2023-07-27", "2023-07-27", "improvement@example.org"],
        ["Audit Committee 9 January 2024", "2024-01-09", "2024-01-09", "improvement@example.org"],
      ]);
      expect(await say(asAdmin("reporting points"))).toContain("summary not posted yet");
    });

    it("says which part of a new reporting point is missing or wrong, and names none", async () => {
      const before = await world.prisma.reportingPoint.count();
      expect(await say(asAdmin("new reporting point"))).toContain("Give the meeting's name, its date and the cut-off");
      expect(await say(asAdmin("new reporting point Audit Committee 28 January 2027"))).toContain(
        "Give the cut-off too",
      );
      expect(await say(asAdmin("new reporting point Audit Committee 28 January 2027 cut-off"))).toContain(
        "Give the cut-off date after",
      );
      expect(await say(asAdmin("new reporting point Cabinet cut-off 2024-03-01"))).toContain(
        "does not end with the meeting's date",
      );
      expect(await say(asAdmin("new reporting point Cabinet 1 March 2024 cut-off 2024-03-08"))).toContain(
        "The cut-off (8 Mar 2024) is after the meeting (1 Mar 2024)",
      );
      expect(await world.prisma.reportingPoint.count()).toBe(before);
    });

    it("keeps the meeting's date apart from the cut-off", async () => {
      const reply = await say(asAdmin("new reporting point Audit Committee 28 January 2027 cut-off 31 December 2026"));
      expect(reply).toContain("Reporting point named: Audit Committee 28 January 2027");
      expect(reply).toContain("Meeting 28 Jan 2027. Cut-off 31 Dec 2026");
      expect(reply).toContain("cover what happened since 9 Jan 2024 (the cut-off of Audit Committee 9 January 2024)");
      expect(reply).toContain('From 1 Jan 2027, say \\"post summary\\"');
      const list = await say(asAdmin("reporting points"));
      expect(list).toContain(
        "Audit Committee 28 January 2027: meeting 28 Jan 2027, cut-off 31 Dec 2026; summary not posted yet",
      );
      // "post summary" alone means the latest point, which is not due: the bot points to the one that is.
      const early = await say(asAdmin("post summary"));
      expect(early).toContain("Its summary can be posted, and its snapshot taken, from 1 Jan 2027.");
      expect(early).toContain(
        'Audit Committee 27 July 2023\'s cut-off has passed and its summary is not posted: say \\"post summary for Audit Committee 27 July 2023\\" to post it.',
      );
      await world.prisma.reportingPoint.deleteMany({ where: { name: "Audit Committee 28 January 2027" } });
    });

    it("refuses anyone outside the improvement team, and changes nothing", async () => {
      const before = [
        await world.prisma.reportingPoint.count(),
        await world.prisma.outboundMessage.count(),
        await world.prisma.auditEntry.count(),
      ];
      for (const text of [
        "post summary",
        "summary documents",
        "new reporting point Sneaky 1 May 2024 cut-off 2024-05-01",
      ]) {
        expect(await say(inChannel(text, OTHER))).toContain("That is for the improvement team");
      }
      expect([
        await world.prisma.reportingPoint.count(),
        await world.prisma.outboundMessage.count(),
        await world.prisma.auditEntry.count(),
      ]).toEqual(before);
    });

    it("post summary before the cut-off has passed says when it can be, and queues and records nothing", async () => {
      const before = [await world.prisma.outboundMessage.count(), await world.prisma.auditEntry.count()];
      const reply = await say(inChannel("post summary"));
      expect(reply).toContain("Not yet: Audit Committee 9 January 2024");
      expect(reply).toContain(
        "The cut-off for Audit Committee 9 January 2024 is 9 Jan 2024, so its figures are not final yet. Its summary can be posted, and its snapshot taken, from 10 Jan 2024.",
      );
      expect([await world.prisma.outboundMessage.count(), await world.prisma.auditEntry.count()]).toEqual(before);
      expect(
        (await world.prisma.reportingPoint.findUniqueOrThrow({ where: { name: "Audit Committee 9 January 2024" } }))
          .snapshotAt,
      ).toBeNull();
    });

    it('"since the last report" is the same date in a chat answer and in the summary card', async () => {
      world.clock.set(AFTER_CUT_OFF);
      // On 10 January 2024 the last report is the 9 January 2024 point, in answers and in its successor's period.
      expect(await say(asAdmin("draft the period summary"))).toContain("Since the last report (9 Jan 2024)");
      world.clock.set(BOT_NOW);
      // On 9 January itself that point's cut-off has not passed: the last report is still July's, as the card for 9 January says.
      expect(await say(asAdmin("draft the period summary"))).toContain("Since the last report (27 Jul 2023)");
    });

    it("post summary in a channel once the cut-off has passed queues the card to that channel and snapshots the point", async () => {
      world.clock.set(AFTER_CUT_OFF);
      const reply = await say(inChannel("post summary"));
      expect(reply).toContain("Summary for Audit Committee 9 January 2024 queued");
      expect(reply).toContain("I recorded a snapshot of the register as at 9 Jan 2024 (107 items)");
      const queued = await world.prisma.outboundMessage.findMany({ where: { purpose: "summary" } });
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ conversationId: CHANNEL, status: "queued" });
      const activity = JSON.parse(queued[0]!.payload) as {
        attachments: { contentType: string; content: { body: { type: string }[] } }[];
      };
      expect(activity.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
      const card = JSON.stringify(activity.attachments[0]!.content);
      expect(card).toContain("Period summary: Audit Committee 9 January 2024");
      expect(card).toContain("Chart.VerticalBar.Grouped");
      expect(card).not.toContain("Pegasus");
      // The dispatcher needs the channel's reference to post there.
      expect(await world.prisma.conversation.findUnique({ where: { conversationId: CHANNEL } })).toMatchObject({
        kind: "channel",
        name: "DLT",
      });
      const point = await world.prisma.reportingPoint.findUniqueOrThrow({
        where: { name: "Audit Committee 9 January 2024" },
      });
      expect(point.snapshotAt?.toISOString()).toBe(AFTER_CUT_OFF.toISOString());
      expect(JSON.parse(point.snapshot!)).toMatchObject({
        cutOff: "2024-01-09",
        since: "2023-07-27",
        counts: { new_reviews: 7, ongoing_completed_since: 14 },
      });
    });

    it("post summary for a named point from a personal chat keeps the first snapshot", async () => {
      const reply = await say(asAdmin("post summary for audit committee 9 january 2024"));
      expect(reply).toContain("The snapshot recorded on 10 Jan 2024 is kept");
      expect(await world.prisma.outboundMessage.count({ where: { purpose: "summary" } })).toBe(2);
      expect(
        await world.prisma.auditEntry.count({ where: { entityType: "reporting_point", action: "snapshot_recorded" } }),
      ).toBe(1);
      expect(await say(asAdmin("post summary for Cabinet 2030"))).toContain(
        'I don\'t know a reporting point called \\"Cabinet 2030\\"',
      );
    });

    it("a point becomes the last report once its meeting has taken place: chat and card agree, and say the date", async () => {
      // Cut off on 31 January, presented on 20 February: between the two, the 9 January report is still the last.
      expect(
        await say(asAdmin("new reporting point Audit Committee 20 February 2024 cut-off 31 January 2024")),
      ).toContain("cover what happened since 9 Jan 2024");
      world.clock.set(new Date("2024-02-07T10:00:00Z"));
      expect(await say(asAdmin("draft the period summary"))).toContain("Since the last report (9 Jan 2024)");
      const before = await world.prisma.outboundMessage.count({ where: { purpose: "summary" } });
      expect(await say(inChannel("post summary for Audit Committee 20 February 2024"))).toContain(
        "The summary card (9 Jan 2024 to 31 Jan 2024)",
      );
      const queued = await world.prisma.outboundMessage.findMany({
        where: { purpose: "summary" },
        orderBy: { id: "asc" },
      });
      expect(queued).toHaveLength(before + 1);
      expect(queued.at(-1)!.payload).toContain("completed since the last report (9 Jan 2024)");
      // On the meeting's day it is being presented; from the day after, it is the last report.
      world.clock.set(new Date("2024-02-20T16:00:00Z"));
      expect(await say(asAdmin("draft the period summary"))).toContain("Since the last report (9 Jan 2024)");
      world.clock.set(new Date("2024-02-21T10:00:00Z"));
      expect(await say(asAdmin("draft the period summary"))).toContain("Since the last report (31 Jan 2024)");
      world.clock.set(AFTER_CUT_OFF);
    });

    it("summary documents in a channel replies with fresh signed links under PUBLIC_BASE_URL", async () => {
      const reply = await say(inChannel("summary documents"));
      // The card's text and its fallback text both carry the two links.
      const tokens = [
        ...new Set([...reply.matchAll(/\(https:\/\/tracker\.example\.org\/documents\/([^)]+)\)/g)].map((m) => m[1]!)),
      ];
      expect(tokens).toHaveLength(2);
      // The bot's own links stay live markdown links (people's text on cards is escaped; these are not).
      expect(reply).toMatch(
        /"text":"\[Word report\]\(https:\/\/tracker\.example\.org\/documents\/[^)]+\) · \[Excel workbook\]\(https:/,
      );
      const key = await documentSigningKey(world.prisma);
      const checks = tokens.map((token) => verifyDocumentToken(key, token, AFTER_CUT_OFF));
      expect(checks.map((c) => c.ok && [c.token.kind, new Date(c.token.expiresAt * 1000).toISOString()])).toEqual([
        ["docx", "2024-01-10T10:30:00.000Z"],
        ["xlsx", "2024-01-10T10:30:00.000Z"],
      ]);
    });
  });
});
