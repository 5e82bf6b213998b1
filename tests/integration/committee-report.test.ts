/**
 * The committee report (issue 6) on real SQLite and PostgreSQL registers: D0's headline and per-directorate tables
 * from the D0 fixture; two consecutive reporting points, the second's "at last report" resting on the
 * first's snapshot; confidential reviews never exposed in the Word XML, the workbook or the card; the
 * documents opening in LibreOffice; and the signed document links on the real restify server.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import AdmZip from "adm-zip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { renderSummaryCard } from "../../src/cards/render-summary-card.js";
import type { PrismaClient, StoreKind } from "../../src/data/database.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import {
  buildCommitteeReport,
  type CommitteeReport,
  type OngoingReviewRow,
  type Paragraph,
} from "../../src/domain/reports/committee-report.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import {
  documentLinks,
  documentSigningKey,
  DocumentKind,
  signDocumentToken,
  SIGNING_KEY_SETTING,
} from "../../src/services/reports/document-links.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { committeeReportForPoint } from "../../src/services/reports/load-committee-report.js";
import {
  createReportingPoint,
  findReportingPoint,
  listReportingPoints,
  postReportingPoint,
  type ReportingPoint,
} from "../../src/services/reports/reporting-points.js";
import { convertToPdf } from "../support/libreoffice.js";
import { startBotServer, type RunningBot } from "../support/running-bot.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const LAST_REPORT = "2023-07-27";
const REPORT_DATE = "2024-01-09";
const ACTOR = "improvement.team@example.org";
const LINKS = {
  word: "http://localhost/documents/w",
  workbook: "http://localhost/documents/x",
  expiresAt: new Date("2024-01-09T10:30:00Z"),
};

const databaseOn = storeDatabases();

async function d0Database(store: StoreKind): Promise<TestDatabase> {
  const db = await databaseOn(store);
  const report = await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: REPORT_DATE,
    now: new Date(),
  });
  expect(report.errors).toEqual([]);
  return db;
}

function text(paragraph: Paragraph | undefined): string {
  return (paragraph ?? []).map((r) => r.text).join("");
}

async function namedPoint(prisma: PrismaClient, name: string, cutOff: string): Promise<ReportingPoint> {
  const created = await createReportingPoint(prisma, { name, cutOff, actor: ACTOR });
  if (!created.ok) throw new Error(created.reason);
  return created.point;
}

/** A change made as the update cards make it: the item and its audit entry in one transaction. */
async function completeItem(prisma: PrismaClient, reviewTitle: string, ref: string, on: string): Promise<void> {
  const item = await prisma.item.findFirstOrThrow({ where: { ref, review: { title: { startsWith: reviewTitle } } } });
  await prisma.$transaction([
    prisma.item.update({
      where: { id: item.id },
      data: { progress: "complete", completedOn: on, version: { increment: 1 } },
    }),
    prisma.auditEntry.create({
      data: {
        entityType: "item",
        entityId: item.id,
        action: "updated",
        actor: ACTOR,
        before: JSON.stringify({ progress: item.progress, completedOn: item.completedOn }),
        after: JSON.stringify({ progress: "complete", completedOn: on }),
      },
    }),
  ]);
}

/** The Word document's XML with its entities decoded, so text can be searched as written. */
function documentText(docx: Buffer): string {
  return new AdmZip(docx)
    .readAsText("word/document.xml")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
}

describe.each(STORES)("on %s", (store) => {
  describe("D0 (Audit Committee, 9 January 2024) from the D0 fixture", () => {
    let db: TestDatabase;
    let model: CommitteeReport;

    beforeAll(async () => {
      db = await d0Database(store);
      model = buildCommitteeReport({
        register: await loadRegister(db.prisma),
        today: REPORT_DATE,
        since: LAST_REPORT,
        statusKey: "2024",
        point: { name: "Audit Committee 9 January 2024" },
        previous: { name: "Audit Committee 27 July 2023", cutOff: LAST_REPORT, snapshot: null },
      });
    });
    afterAll(async () => {
      await db.close();
    });

    it("gives D0's headline, in D0's words (2.3 and 2.4)", () => {
      expect(model.headline).toMatchObject({
        new_reviews: 7,
        new_items: 6,
        new_items_complete: 1,
        new_items_in_progress: 2,
        new_items_not_started: 3,
        ongoing_completed_since: 14,
        ongoing_in_progress: 48,
        ongoing_delayed: 5,
        ongoing_significant_delay: 1,
      });
      expect(text(model.keyIssues[2])).toBe(
        "Seven new inspections, reviews and audits have taken place since July 2023. These resulted in six recommendations or areas for improvement. Of these, one is complete; two are in progress and three are not yet scheduled to start.",
      );
      expect(text(model.keyIssues[3])).toBe(
        "Fourteen ongoing recommendations/areas for improvement relating to external inspections, reviews and audits that took place prior to July 2023 have been completed since the last report. Forty-eight remain in progress, five of which are delayed (one of which is delayed more than 12 months).",
      );
      expect(model.meetingLabel).toBe("Audit Committee – 9 January 2024");
      expect(model.nextReport).toBe("July 2024");
    });

    it("has D0's sections in D0's order, with the 2024 status key", () => {
      expect(model.directorates.map((d) => d.id)).toEqual(["CYPS", "ACHPH", "RE", "FCS", "ACEX"]);
      expect(model.statusKeyRows.map((r) => r.label)).toEqual([
        "Complete",
        "In progress and on track",
        "In progress and partly delayed",
        "Significant delay",
        "No action required",
      ]);
    });

    const ongoing = (id: string) =>
      model.directorates
        .find((d) => d.id === id)!
        .ongoingReviews.map((r: OngoingReviewRow) => [
          r.title,
          r.recommendations,
          r.implementedAtLastReport,
          r.implementedSince,
          r.status,
        ]);
    const fresh = (id: string) =>
      model.directorates.find((d) => d.id === id)!.newReviews.map((r) => [r.title, r.recommendationsText, r.status]);

    it.each([
      [
        "CYPS",
        [
          ["Joint Area SEND Inspection (Ofsted and CQC)", 4, 0, 4, "complete"],
          [
            "Inspection of Local Authority Children's Services (ILACS) Short Inspection (Ofsted)",
            4,
            0,
            2,
            "significant_delay",
          ],
          ["Child Sexual Exploitation review (Rotherham Safeguarding Children Partnership)", 7, 6, 0, "partly_delayed"],
        ],
      ],
      ["ACHPH", [["Exemplar accreditation of housing tenancy engagement (Tpas)", 16, 1, 3, "on_track"]]],
      [
        "RE",
        [
          ["Quest Foundation Review (Quest)", 3, 0, 2, "partly_delayed"],
          ["Tree Management Protocol & Guidance Independent Review (Treeconomics)", 7, 6, 1, "complete"],
        ],
      ],
      [
        "FCS",
        [
          ["Customer Service Peer Review (LGA)", 27, 26, 0, "partly_delayed"],
          ["2021/22 VFM arrangements (Grant Thornton)", 4, 0, 2, "on_track"],
        ],
      ],
      [
        "ACEX",
        [
          [
            "Equality Framework for Local Government - Rotherham Council Informal Peer Challenge (Doncaster Council)",
            22,
            0,
            0,
            "on_track",
          ],
          ["Corporate Peer Challenge (LGA)", 7, 0, 0, "on_track"],
        ],
      ],
    ])("%s: D0's Ongoing table (recommendations, implemented at last report, since, status)", (id, rows) => {
      expect(ongoing(id)).toEqual(rows);
    });

    it.each([
      [
        "CYPS",
        [
          ["Children's residential home inspection (Ofsted)", "Not reported", "no_action_required"],
          ["Children's residential home inspection (Ofsted)", "Not reported", "no_action_required"],
        ],
      ],
      ["ACHPH", [["Safeguarding Peer Review (LGA)", "6", "on_track"]]],
      [
        "RE",
        [
          ["DVLA Assurance Report (DVLA)", "0", "no_action_required"],
          [
            "Changing Places Fund – Statement of Grant Assurance (Department for Levelling Up, Housing and Communities)",
            "0",
            "no_action_required",
          ],
        ],
      ],
      [
        "FCS",
        [
          ["Teachers Pension Audit 2022/23 (KPMG)", "0", "no_action_required"],
          ["Statement of Accounts Audit 2022/23 (Grant Thornton)", "0", "no_action_required"],
        ],
      ],
      ["ACEX", []],
    ])("%s: D0's New table", (id, rows) => {
      expect(fresh(id)).toEqual(rows);
    });

    it("gives each review's status with D0's breakdown, and the homes their rating only", () => {
      const cyps = model.directorates[0]!;
      expect(cyps.newReviews.map((r) => r.outcome)).toEqual(["Good rating", "Good rating"]);
      expect(cyps.ongoingReviews[1]).toMatchObject({
        statusLabel: "Significant delay",
        statusDetail: "(2 complete; 2 delayed; 1 more than 12 months)",
      });
      expect(model.directorates[1]!.newReviews[0]).toMatchObject({
        statusLabel: "In progress and on track",
        statusDetail: "(1 complete; 2 in progress; 3 awaiting start)",
      });
    });

    it("writes each directorate's summary paragraphs and a narrative per review from its progress updates", () => {
      const cyps = model.directorates[0]!;
      expect(text(cyps.intro[1])).toBe(
        "Of the recommendations from external inspections, reviews and audits that took place prior to July 2023, six have been completed since the last report and three remain in progress, three of which are delayed (one more than 12 months).",
      );
      const ilacs = cyps.narratives.find((n) => n.title.startsWith("Inspection of Local Authority"))!;
      const words = JSON.stringify(ilacs.blocks);
      expect(words).toContain("Two have been completed since the last report:");
      expect(words).toContain(
        "The target date has changed from November 2022 to February 2024, more than 12 months past the original target date.",
      );
      expect(words).toContain("A Learning Leadership Group has been established");
      expect(cyps.narratives[0]!.title).toBe("Inspections of children's residential homes (Ofsted)");
    });

    it("adds up: the chart's items by status match the headline per directorate", () => {
      for (const d of model.directorates) {
        const reported = Object.values(d.statusCounts).reduce((a, b) => a + b, 0);
        expect(reported, d.id).toBe(
          d.counts.new_items -
            d.counts.new_items_no_action_required +
            d.counts.ongoing_completed_since +
            d.counts.ongoing_in_progress,
        );
        expect(d.statusCounts.partly_delayed + d.statusCounts.significant_delay, d.id).toBeGreaterThanOrEqual(
          d.counts.ongoing_delayed,
        );
      }
    });
  });

  describe("two consecutive reporting points", () => {
    let db: TestDatabase;
    let first: ReportingPoint;
    let firstReport: CommitteeReport;
    let second: CommitteeReport;

    beforeAll(async () => {
      db = await d0Database(store);
      await namedPoint(db.prisma, "Audit Committee 27 July 2023", LAST_REPORT);
      first = await namedPoint(db.prisma, "Audit Committee 9 January 2024", REPORT_DATE);
      const register = await loadRegister(db.prisma);
      firstReport = (await committeeReportForPoint(db.prisma, first, { statusKey: "2024", register })).model;
      // On the cut-off day itself the figures are not final: no snapshot yet.
      const early = await postReportingPoint(db.prisma, {
        point: first,
        since: firstReport.since,
        register,
        statusKey: "2024",
        actor: ACTOR,
        now: new Date("2024-01-09T22:00:00Z"),
      });
      expect(early).toEqual({
        ok: false,
        reason:
          "The cut-off for Audit Committee 9 January 2024 is 9 Jan 2024, so its figures are not final yet. Its summary can be posted, and its snapshot taken, from 10 Jan 2024.",
      });
      expect((await db.prisma.reportingPoint.findUniqueOrThrow({ where: { id: first.id } })).snapshot).toBeNull();
      const posted = await postReportingPoint(db.prisma, {
        point: first,
        since: firstReport.since,
        register,
        statusKey: "2024",
        actor: ACTOR,
        now: new Date("2024-01-10T12:00:00Z"),
      });
      expect(posted).toMatchObject({ ok: true, recorded: true, items: 107 });

      // Between the points: three completions, and one completion recorded late with a date before the first cut-off.
      await completeItem(db.prisma, "Inspection of Local Authority", "Area for improvement 3", "2024-03-15");
      await completeItem(db.prisma, "Exemplar accreditation", "Comment 5", "2024-01-31");
      await completeItem(db.prisma, "Corporate Peer Challenge", "Recommendation 6", "2024-04-30");
      await completeItem(db.prisma, "Quest Foundation Review", "Area for improvement 3", "2023-12-20");
      const next = await namedPoint(db.prisma, "Audit Committee 9 July 2024", "2024-07-09");
      second = (await committeeReportForPoint(db.prisma, next, { statusKey: "2024" })).model;
    });
    afterAll(async () => {
      await db.close();
    });

    it("the first report runs from the point before it and reproduces D0", () => {
      expect(firstReport.since).toBe(LAST_REPORT);
      expect(firstReport.headline).toMatchObject({
        new_reviews: 7,
        new_items: 6,
        ongoing_completed_since: 14,
        ongoing_in_progress: 48,
        ongoing_delayed: 5,
      });
    });

    it("the second's \"at last report\" equals the first's totals", () => {
      const h = firstReport.headline;
      expect(second.atLastReportBasis).toBe("snapshot");
      expect(second.since).toBe(REPORT_DATE);
      expect(second.implementedAtLastReportTotal).toBe(
        h.new_items_complete + h.ongoing_completed_before + h.ongoing_completed_since,
      );
      const firstRows = new Map(firstReport.directorates.flatMap((d) => d.ongoingReviews).map((r) => [r.reviewId, r]));
      const secondRows = second.directorates.flatMap((d) => d.ongoingReviews);
      let compared = 0;
      for (const row of secondRows) {
        const before = firstRows.get(row.reviewId);
        if (!before) continue;
        expect(row.implementedAtLastReport, row.title).toBe(
          (before.implementedAtLastReport ?? 0) + before.implementedSince,
        );
        compared += 1;
      }
      expect(compared).toBeGreaterThanOrEqual(6);
      // The first report's new review is ongoing in the second, its completion then counted at last report.
      expect(secondRows.find((r) => r.title.startsWith("Safeguarding Peer Review"))).toMatchObject({
        implementedAtLastReport: 1,
        implementedSince: 0,
      });
    });

    it("recaps the first report's figures in paragraphs 1.2 and 1.3", () => {
      expect(text(second.background[1])).toBe(
        "The last report was presented to Audit Committee on 9 January 2024, with figures as at 9 January 2024. The report referred to seven new external inspections, reviews and audits that had taken place since July 2023, resulting in six recommendations and areas for improvement. Of these one had been implemented and was complete; two remained ongoing and were in progress and three were not yet scheduled to start.",
      );
      expect(text(second.background[2])).toContain(
        "included fifty-three that had been implemented and were complete, forty-eight that remained ongoing and were in progress, five of which were delayed",
      );
    });

    it("rests on the recorded facts: a completion dated before the first cut-off but recorded later counts as since, and is flagged", () => {
      const quest = second.directorates.flatMap((d) => d.ongoingReviews).find((r) => r.title.startsWith("Quest"))!;
      expect(quest).toMatchObject({ implementedAtLastReport: 2, implementedSince: 1, status: "complete" });
      expect(
        second.draftingNotes.some((n) =>
          n.startsWith(
            "Quest Foundation Review: the last report's snapshot gives 1 implemented since, the completion dates give 0",
          ),
        ),
      ).toBe(true);
      const ilacs = second.directorates
        .flatMap((d) => d.ongoingReviews)
        .find((r) => r.title.startsWith("Inspection of Local Authority"))!;
      expect(ilacs).toMatchObject({ implementedAtLastReport: 2, implementedSince: 1 });
    });

    it("leaves out reviews that were all done at the last report", () => {
      const titles = second.directorates.flatMap((d) => d.ongoingReviews).map((r) => r.title);
      expect(titles.some((t) => t.startsWith("Joint Area SEND"))).toBe(false);
      expect(titles.some((t) => t.startsWith("Tree Management"))).toBe(false);
    });

    it("keeps the first snapshot when the summary is posted again, and audits each change once", async () => {
      const point = (await findReportingPoint(db.prisma, "audit committee 9 january 2024"))!;
      const again = await postReportingPoint(db.prisma, {
        point,
        since: LAST_REPORT,
        register: await loadRegister(db.prisma),
        statusKey: "2024",
        actor: ACTOR,
        now: new Date("2024-02-01T09:00:00Z"),
      });
      expect(again).toMatchObject({
        ok: true,
        recorded: false,
        items: 107,
        snapshotAt: new Date("2024-01-10T12:00:00.000Z"),
      });
      const entries = await db.prisma.auditEntry.findMany({
        where: { entityType: "reporting_point" },
        orderBy: { id: "asc" },
      });
      expect(entries.map((e) => e.action)).toEqual(["created", "created", "snapshot_recorded", "created"]);
      expect(entries.every((e) => e.actor === ACTOR)).toBe(true);
      expect(JSON.parse(entries[2]!.after!)).toMatchObject({
        cutOff: REPORT_DATE,
        since: LAST_REPORT,
        items: 107,
        new_reviews: 7,
        ongoing_completed_since: 14,
      });
    });

    it("refuses a duplicate name, a date that is not a day, or a second point on one day, and changes nothing", async () => {
      const before = [await db.prisma.reportingPoint.count(), await db.prisma.auditEntry.count()];
      const attempts = await Promise.all([
        createReportingPoint(db.prisma, { name: "audit committee 9 JANUARY 2024", cutOff: "2024-02-01", actor: ACTOR }),
        createReportingPoint(db.prisma, { name: "Cabinet March 2024", cutOff: "31 February 2024", actor: ACTOR }),
        createReportingPoint(db.prisma, { name: "Cabinet March 2024", cutOff: "March 2024", actor: ACTOR }),
        createReportingPoint(db.prisma, { name: "Cabinet", cutOff: REPORT_DATE, actor: ACTOR }),
        createReportingPoint(db.prisma, { name: "  ", cutOff: "2024-03-01", actor: ACTOR }),
      ]);
      expect(attempts.map((a) => (a.ok ? "created" : a.reason))).toEqual([
        'There is already a reporting point called "Audit Committee 9 January 2024" (cut-off 2024-01-09). Choose another name.',
        '"31 February 2024" is not a day: February 2024 has no 31st.',
        '"March 2024" is not a single day: give the cut-off as YYYY-MM-DD, e.g. 2024-01-09 (or 9 January 2024).',
        '"Cabinet" does not end with the meeting\'s date: give the meeting\'s name and then its date, e.g. "Audit Committee 28 January 2027".',
        'A reporting point needs the meeting\'s name and date, e.g. "Audit Committee 28 January 2027".',
      ]);
      expect([await db.prisma.reportingPoint.count(), await db.prisma.auditEntry.count()]).toEqual(before);
    });
  });

  describe("a meeting that sits after its cut-off", () => {
    let db: TestDatabase;
    let report: CommitteeReport;
    let next: CommitteeReport;

    beforeAll(async () => {
      db = await d0Database(store);
      await namedPoint(db.prisma, "Audit Committee 27 July 2023", LAST_REPORT);
      const point = await namedPoint(db.prisma, "Audit Committee 25 January 2024", REPORT_DATE);
      report = (await committeeReportForPoint(db.prisma, point, { statusKey: "2024" })).model;
      next = (
        await committeeReportForPoint(
          db.prisma,
          await namedPoint(db.prisma, "Audit Committee 23 July 2024", "2024-07-09"),
          { statusKey: "2024" },
        )
      ).model;
    });
    afterAll(async () => {
      await db.close();
    });

    it("names the meeting and its date on the cover and in the headings; the figures are as at the cut-off", async () => {
      expect(report).toMatchObject({
        meetingLabel: "Audit Committee – 25 January 2024",
        meetingDate: "2024-01-25",
        today: REPORT_DATE,
        since: LAST_REPORT,
      });
      const words = documentText(await buildWordReport(report));
      expect(words).toContain("Audit Committee – 25 January 2024");
      expect(words).toContain("Figures as at 9 January 2024 (the cut-off), covering the period since 27 July 2023.");
      expect(words).not.toContain("Audit Committee – 9 January 2024");
    });

    it("the next report recalls the meeting it went to, and the cut-off its figures were taken at", () => {
      expect(next.since).toBe(REPORT_DATE);
      expect(text(next.background[1])).toMatch(
        /^The last report was presented to Audit Committee on 25 January 2024, with figures as at 9 January 2024\./,
      );
      expect(next.nextReport).toBe("January 2025");
    });

    it("a point named before meeting dates were kept reads its date from its name, or falls back to its cut-off", async () => {
      await db.prisma.reportingPoint.create({
        data: { name: "Audit Committee 30 March 2023", cutOff: "2023-03-01", createdBy: ACTOR },
      });
      await db.prisma.reportingPoint.create({
        data: { name: "Cabinet spring round", cutOff: "2023-04-01", createdBy: ACTOR },
      });
      const byName = new Map((await listReportingPoints(db.prisma)).map((p) => [p.name, p.meetingDate]));
      expect(byName.get("Audit Committee 30 March 2023")).toBe("2023-03-30");
      expect(byName.get("Cabinet spring round")).toBe("2023-04-01");
    });
  });

  describe("confidential reviews and the documents", () => {
    let db: TestDatabase;
    let model: CommitteeReport;
    let docx: Buffer;
    let xlsx: Buffer;
    let dir: string;
    const SECRETS = ["Pegasus House", "Beech Tree Lodge", "SECRET-ROOM-LOCKS-7731", "SECRET-CONFIDENTIAL-ITEM-4410"];

    beforeAll(async () => {
      db = await d0Database(store);
      dir = mkdtempSync(path.join(os.tmpdir(), "committee-report-"));
      // A home's recommendation, and a confidential item on an ordinary review, as if entered through the cards.
      const home = await db.prisma.review.findFirstOrThrow({ where: { title: { startsWith: "Pegasus House" } } });
      const send = await db.prisma.review.findFirstOrThrow({ where: { title: { startsWith: "Joint Area SEND" } } });
      for (const [reviewId, ref, secret, confidential] of [
        [home.id, "Recommendation 1", SECRETS[2], false],
        [send.id, "Recommendation 5", SECRETS[3], true],
      ] as const) {
        const item = await db.prisma.item.create({
          data: {
            reviewId,
            ref,
            text: `${secret}: check the bedroom locks at the home`,
            latestUpdate: `${secret} in progress`,
            progress: "in_progress",
            originalTargetRaw: "March 2024",
            originalTarget: "2024-03-31",
            originalTargetKind: "month",
            confidential,
          },
        });
        await db.prisma.auditEntry.create({
          data: {
            entityType: "item",
            entityId: item.id,
            action: "created",
            actor: ACTOR,
            after: JSON.stringify({ ref, confidential }),
          },
        });
      }
      const register = await loadRegister(db.prisma);
      model = buildCommitteeReport({
        register,
        today: REPORT_DATE,
        since: LAST_REPORT,
        statusKey: "2024",
        point: { name: "Audit Committee 9 January 2024" },
        previous: { name: "Audit Committee 27 July 2023", cutOff: LAST_REPORT, snapshot: null },
      });
      [docx, xlsx] = await Promise.all([buildWordReport(model), buildRegisterWorkbook(register, REPORT_DATE, "2024")]);
    });
    afterAll(async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("counts the homes' items but never names the homes or shows their items, in the Word XML, the workbook or the card", () => {
      const xml = documentText(docx);
      const workbook = new AdmZip(xlsx)
        .getEntries()
        .map((e) => e.getData().toString("utf8"))
        .join("\n");
      const card = JSON.stringify(renderSummaryCard(model, LINKS));
      for (const secret of SECRETS) {
        expect(xml, `docx: ${secret}`).not.toContain(secret);
        expect(workbook, `xlsx: ${secret}`).not.toContain(secret);
        expect(card, `card: ${secret}`).not.toContain(secret);
      }
      expect(xml).toContain("Good rating");
      expect(xml).toContain("Children's residential home inspection (Ofsted)");
      const home = model.directorates[0]!.newReviews[0]!;
      expect(home).toMatchObject({ recommendations: 1, recommendationsText: "1", confidential: true });
      // The SEND inspection counts its confidential item (5) but lists only the four it may.
      expect(model.directorates[0]!.ongoingReviews[0]).toMatchObject({ recommendations: 5 });
      expect(JSON.stringify(model.directorates[0]!.narratives)).toContain("(one confidential item not listed.)");
    });

    it("uses Word's heading styles and repeats table header rows", () => {
      const xml = documentText(docx);
      expect(xml).toContain('w:val="Title"');
      expect(xml).toContain('w:val="Heading1"');
      expect(xml).toContain('w:val="Heading2"');
      expect(xml.match(/<w:tblHeader\/>/g)?.length ?? 0).toBeGreaterThanOrEqual(10);
      const words = xml.replace(/<[^>]+>/g, "");
      for (const heading of [
        "1. Background",
        "2. Key issues",
        "3. Children and Young People's Services",
        "7. Assistant Chief Executive's Directorate",
        "8. Extensions, early warnings and priorities",
        "9. Lessons learnt",
        "10. Timetable and accountability",
        "11. Risks and mitigation",
      ]) {
        expect(words).toContain(heading);
      }
    });

    it("both documents open in LibreOffice without repair (converted to PDF)", async () => {
      const files = { docx: path.join(dir, "report.docx"), xlsx: path.join(dir, "register.xlsx") };
      await Promise.all([writeFile(files.docx, docx), writeFile(files.xlsx, xlsx)]);
      for (const file of Object.values(files)) {
        const { bytes, log } = await convertToPdf(file, path.join(dir, "pdf"));
        expect(bytes, `${file}: ${log}`).toBeGreaterThan(1000);
      }
    }, 120_000);
  });

  describe("document links on the real server", () => {
    let db: TestDatabase;
    let bot: RunningBot;
    let point: ReportingPoint;

    beforeAll(async () => {
      db = await d0Database(store);
      point = await namedPoint(db.prisma, "Audit Committee 9 January 2024", REPORT_DATE);
      bot = await startBotServer({ prisma: db.prisma });
    });
    afterAll(async () => {
      await bot.close();
      await db.close();
    });

    const links = (now: Date, pointId = point.id) =>
      documentLinks(db.prisma, { pointId, statusKey: "2024", baseUrl: bot.url, minutes: 30, now });

    it("serves the Word report and the workbook behind a valid link", async () => {
      const { word, workbook, expiresAt } = await links(new Date());
      expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 60_000);
      const docx = await fetch(word);
      expect(docx.status).toBe(200);
      expect(docx.headers.get("content-type")).toBe(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      );
      expect(docx.headers.get("content-disposition")).toBe(
        'attachment; filename="audit-committee-9-january-2024-report.docx"',
      );
      expect(docx.headers.get("cache-control")).toBe("no-store");
      const body = Buffer.from(await docx.arrayBuffer());
      expect(documentText(body)).toContain("Audit Committee – 9 January 2024");
      const xlsx = await fetch(workbook);
      expect(xlsx.status).toBe(200);
      expect(
        Buffer.from(await xlsx.arrayBuffer())
          .subarray(0, 2)
          .toString(),
      ).toBe("PK");
    });

    it("before a point's cut-off has passed, its report is a draft as at the day the link is opened, headed with its meeting", async () => {
      const future = await namedPoint(db.prisma, "Audit Committee 28 January 2099", "2098-12-31");
      const words = documentText(
        Buffer.from(await (await fetch((await links(new Date(), future.id)).word)).arrayBuffer()),
      );
      expect(words).toContain("Audit Committee – 28 January 2099");
      expect(words).toContain("A draft: the cut-off (31 December 2098) has not passed, so the figures are as at");
      expect(words).not.toContain("Figures as at 31 December 2098");
    });

    it("answers 403 with a clear message once the link has expired", async () => {
      const { word } = await links(new Date(Date.now() - 2 * 60 * 60_000));
      const response = await fetch(word);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: expect.stringMatching(
          /^This link expired at .+ \(UK time\)\. Ask the recommendation tracker bot for "summary documents" to get fresh links\.$/,
        ),
      });
    });

    it("answers 404 to a forged, altered or malformed token, and keeps serving", async () => {
      const { word } = await links(new Date());
      const token = word.split("/documents/")[1]!;
      const [pointId, kind, expires, key, signature] = token.split(".") as [string, string, string, string, string];
      const altered = [
        [pointId, kind, expires, key, `${signature.slice(0, -2)}AA`], // a changed signature
        [String(Number(pointId) + 1), kind, expires, key, signature], // another point
        [pointId, "xlsx", expires, key, signature], // another document
        [pointId, kind, String(Number(expires) + 86_400), key, signature], // a later expiry
      ].map((parts) => parts.join("."));
      const otherKey = signDocumentToken(Buffer.alloc(32, 7), {
        pointId: point.id,
        kind: DocumentKind.word,
        expiresAt: 4_000_000_000,
        statusKey: "2024",
      });
      for (const bad of [...altered, otherKey, "not-a-token", `${token}.extra`]) {
        const response = await fetch(`${bot.url}/documents/${encodeURIComponent(bad)}`);
        expect(response.status, bad).toBe(404);
        expect(await response.json()).toEqual({
          error:
            'There is no document at this link. Ask the recommendation tracker bot for "summary documents" to get fresh links.',
        });
      }
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    });

    it("answers 404 for a point that no longer exists, and keeps one signing key in the Setting table", async () => {
      const { word } = await links(new Date(), 9999);
      const response = await fetch(word);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: string }).error).toMatch(
        /^The reporting point this link was made for no longer exists\./,
      );
      expect(await db.prisma.setting.count({ where: { key: SIGNING_KEY_SETTING } })).toBe(1);
      expect(await db.prisma.auditEntry.count({ where: { entityType: "setting", action: "created" } })).toBe(1);
      expect((await documentSigningKey(db.prisma)).length).toBe(32);
    });
  });

  describe("npm run tracker -- export --format docx", () => {
    let db: TestDatabase;

    beforeAll(async () => {
      db = await d0Database(store);
      await db.prisma.$disconnect(); // the CLI opens its own client: one per process on a SQLite file
    });
    afterAll(async () => {
      await db.close();
    });

    const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: db.url }, new Date("2024-01-09T10:00:00Z"));

    it("writes the Word report for --since to --as-of, and says what to check", async () => {
      const file = path.join(db.dir, "report.docx");
      const { code, stdout } = await cli(
        "export",
        "--format",
        "docx",
        "--out",
        file,
        "--since",
        LAST_REPORT,
        "--as-of",
        REPORT_DATE,
        "--json",
      );
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        ok: true,
        file,
        format: "docx",
        since: LAST_REPORT,
        as_of: REPORT_DATE,
        committee: "Audit Committee – 9 January 2024",
        directorates: 5,
      });
      expect(documentText(readFileSync(file))).toContain(
        "Seven new inspections, reviews and audits have taken place since July 2023.",
      );
    });

    it("works before any reporting point is named, and says what period it used", async () => {
      const file = path.join(db.dir, "first.docx");
      const { code, stdout } = await cli("export", "--format", "docx", "--out", file, "--as-of", REPORT_DATE, "--json");
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({
        since: "2023-07-09",
        as_of: REPORT_DATE,
        reporting_point: null,
        used: "no reporting point is named, so the period to 9 Jan 2024, from 9 Jul 2023, six months (the committee's cycle) back, as no earlier reporting point is named and LAST_REPORT_DATE is not set",
      });
      expect((await cli("export", "--format", "pdf", "--out", "x")).stderr).toContain(
        "--format must be csv, xlsx or docx (got pdf)",
      );
    });

    describe("with reporting points", () => {
      beforeAll(async () => {
        await namedPoint(db.prisma, "Audit Committee 27 July 2023", LAST_REPORT);
        await namedPoint(db.prisma, "Audit Committee 25 January 2024", REPORT_DATE);
        await db.prisma.$disconnect();
      });

      it("export --format docx defaults to the latest reporting point and says so, a draft before its cut-off has passed", async () => {
        const file = path.join(db.dir, "latest.docx");
        const after = JSON.parse(
          (await cli("export", "--format", "docx", "--out", file, "--as-of", "2024-01-20", "--json")).stdout,
        );
        expect(after).toMatchObject({
          since: LAST_REPORT,
          as_of: REPORT_DATE,
          reporting_point: "Audit Committee 25 January 2024",
          meeting_date: "2024-01-25",
          committee: "Audit Committee – 25 January 2024",
          used: "the latest reporting point, Audit Committee 25 January 2024: figures as at its cut-off, 9 Jan 2024, since 27 Jul 2023, the cut-off of Audit Committee 27 July 2023",
        });
        expect(documentText(readFileSync(file))).toContain("Audit Committee – 25 January 2024");
        const before = await cli("export", "--format", "docx", "--out", file, "--as-of", "2024-01-05");
        expect(before.code).toBe(0);
        expect(before.stdout).toContain(
          "used the latest reporting point, Audit Committee 25 January 2024: a draft with figures as at 5 Jan 2024, as its cut-off (9 Jan 2024) has not passed",
        );
        expect(before.stdout).toContain(
          "to check: A draft: the cut-off (9 January 2024) has not passed, so the figures are as at 5 January 2024.",
        );
      });

      it("export --format docx --point names the point; an unknown one is refused with the names", async () => {
        const file = path.join(db.dir, "july.docx");
        const july = JSON.parse(
          (
            await cli(
              "export",
              "--format",
              "docx",
              "--out",
              file,
              "--point",
              "audit committee 27 july 2023",
              "--as-of",
              "2024-01-20",
              "--json",
            )
          ).stdout,
        );
        expect(july).toMatchObject({
          as_of: LAST_REPORT,
          reporting_point: "Audit Committee 27 July 2023",
          committee: "Audit Committee – 27 July 2023",
        });
        const unknown = await cli("export", "--format", "docx", "--out", file, "--point", "Cabinet");
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toContain(
          'There is no reporting point called "Cabinet". The reporting points are: Audit Committee 27 July 2023; Audit Committee 25 January 2024.',
        );
      });

      it("summary without --since counts since the last report and says which; --since still works", async () => {
        // The January point is the last report once its meeting (25 January) has taken place.
        const latest = await cli("summary", "--as-of", "2024-01-26", "--json");
        expect(latest.code).toBe(0);
        expect(JSON.parse(latest.stdout)).toMatchObject({
          since: REPORT_DATE,
          as_of: "2024-01-26",
          since_reason: "9 Jan 2024, the cut-off of Audit Committee 25 January 2024",
        });
        // After its cut-off but before its meeting, the last report is still July's.
        const beforeMeeting = await cli("summary", "--as-of", "2024-01-20");
        expect(beforeMeeting.stdout).toMatch(
          /^Since 27 Jul 2023, the cut-off of Audit Committee 27 July 2023\nPeriod 27 Jul 2023 to 20 Jan 2024/,
        );
        const given = JSON.parse(
          (await cli("summary", "--since", "2023-01-01", "--as-of", REPORT_DATE, "--json")).stdout,
        );
        expect(given).toMatchObject({ since: "2023-01-01", since_reason: "1 Jan 2023 (--since)" });
      });
    });
  });
});
