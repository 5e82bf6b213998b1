/**
 * Scrutiny recommendations through the canonical import: the `source` column sets the review's source, the
 * response columns are kept on the item (the due day two months after it went to the executive unless
 * given, month ends kept), a response that closes the recommendation makes it "no action required", a later
 * import records the response with history, a file with errors imports nothing and lists every bad row,
 * the export carries the columns so it imports back unchanged, and a follow_up day becomes one milestone
 * of the recommendation, after its target, kept by a re-import and moved (with history) when it changes.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRegister } from "../../src/services/imports/import-register.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { buildExportRows, writeCsvExport } from "../../src/services/reports/export-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const TODAY = "2020-01-06";
const NOW = new Date("2020-01-06T10:00:00Z");
const OSMB = "Overview and Scrutiny Management Board";
let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeEach(async () => {
    db = await databaseOn(store);
  });
  afterEach(async () => {
    await db.close();
  });

  const HEADER =
    "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,progress,sent_to_executive,executive_response,response_date,response_due";
  function writeCsv(name: string, rows: string[]): string {
    const file = path.join(db.dir, name);
    writeFileSync(file, [HEADER, ...rows].join("\n"));
    return file;
  }
  const importFile = (file: string, dryRun = false) =>
    importRegister(db.prisma, { file, dryRun, actor: "test", today: TODAY, now: NOW });
  const items = async () =>
    Object.fromEntries(
      (await db.prisma.item.findMany({ orderBy: { id: "asc" } })).map((i) => [
        i.ref,
        [i.sentToExecutive, i.executiveResponse, i.responseDate, i.responseDue, i.progress],
      ]),
    );

  const REVIEW = `scrutiny,CYPS,Scrutiny review of school transport,${OSMB}`;

  it("keeps the response columns, works out the due day, closes what the executive did not accept", async () => {
    const report = await importFile(
      writeCsv("s.csv", [
        `${REVIEW},Rec 1,Publish the transport policy,author@example.org,,,2019-12-31,,,`,
        `${REVIEW},Rec 2,Review eligibility,author@example.org,Sep-20,,2019-09-11,accepted,2019-11-05,`,
        `${REVIEW},Rec 3,Buy more buses,author@example.org,,,2019-09-11,not_accepted,2019-11-05,`,
        `${REVIEW},Rec 4,Report to the Board,author@example.org,,,2019-11-30,,,2020-02-14`,
        `inspection,CYPS,SEND inspection,Ofsted,Rec A,Improve EHCPs,author@example.org,Mar-20,in_progress,,,,`,
      ]),
    );
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(await items()).toEqual({
      // 31 Dec is a month end: due at the end of February (2020 is a leap year).
      "Rec 1": ["2019-12-31", "awaiting", null, "2020-02-29", "not_started"],
      "Rec 2": ["2019-09-11", "accepted", "2019-11-05", "2019-11-11", "not_started"],
      "Rec 3": ["2019-09-11", "not_accepted", "2019-11-05", "2019-11-11", "no_action_required"],
      "Rec 4": ["2019-11-30", "awaiting", null, "2020-02-14", "not_started"],
      "Rec A": [null, null, null, null, "in_progress"],
    });
    const reviews = await db.prisma.review.findMany({ orderBy: { id: "asc" } });
    expect(reviews.map((r) => [r.title, r.source, r.body])).toEqual([
      ["Scrutiny review of school transport", "scrutiny", OSMB],
      ["SEND inspection", "inspection", "Ofsted"],
    ]);
  });

  it("records the Cabinet's response from a later import with history, and the export imports back unchanged", async () => {
    await importFile(
      writeCsv("1.csv", [`${REVIEW},Rec 1,Publish the transport policy,author@example.org,,,2019-12-31,,,`]),
    );
    const second = await importFile(
      writeCsv("2.csv", [
        `${REVIEW},Rec 1,Publish the transport policy,author@example.org,Dec-20,,2019-12-31,partly accepted,2020-01-29,`,
      ]),
    );
    expect(second.changes).toEqual([
      expect.objectContaining({
        action: "updated",
        before: { original_target: null, executive_response: "awaiting", response_date: null },
        after: { original_target: "Dec-20", executive_response: "partly_accepted", response_date: "2020-01-29" },
      }),
    ]);
    const item = await db.prisma.item.findFirstOrThrow();
    const history = await db.prisma.auditEntry.findMany({ where: { entityType: "item", entityId: item.id } });
    expect(history.some((e) => e.after?.includes('"executive_response":"partly_accepted"'))).toBe(true);

    const exported = path.join(db.dir, "export.csv");
    await writeCsvExport(exported, buildExportRows(await loadRegister(db.prisma), TODAY, "2024"));
    const again = await importFile(exported, true);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  describe("follow_up: the report back to the committee becomes one milestone of the recommendation", () => {
    const FOLLOW_UP_HEADER =
      "source,directorate,review_title,review_body,item_ref,item_text,owner_email,original_target,sent_to_executive,executive_response,response_date,follow_up";
    const writeFollowUp = (name: string, rows: string[]) => {
      const file = path.join(db.dir, name);
      writeFileSync(file, [FOLLOW_UP_HEADER, ...rows].join("\n"));
      return file;
    };
    const accepted = (followUp: string) =>
      `${REVIEW},Rec 1,Publish the transport policy,author@example.org,Dec-20,2019-09-11,accepted,2019-11-05,${followUp}`;
    const milestones = () =>
      db.prisma.item.findMany({ where: { kind: "milestone" }, include: { owner: true, parent: true } });

    it("is made once, after the item's target, owned by the item's owner; a re-import changes nothing", async () => {
      const first = await importFile(writeFollowUp("f1.csv", [accepted("2021-12-31")]));
      expect(first.errors).toEqual([]);
      expect(first.ok).toBe(true);
      const made = await milestones();
      expect(
        made.map((m) => [m.ref, m.text, m.parent?.ref, m.owner?.email, m.originalTarget, m.counted, m.progress]),
      ).toEqual([
        [
          "Rec 1 follow-up report",
          `Report back to ${OSMB} on implementation`,
          "Rec 1",
          "author@example.org",
          "2021-12-31",
          false,
          "not_started",
        ],
      ]);
      // The recommendation itself is unchanged by it, and stays the review's one counted item.
      expect(await db.prisma.item.count({ where: { counted: true } })).toBe(1);

      // The owner marks the report done; importing the same file again leaves it as it is.
      await db.prisma.item.update({ where: { id: made[0]!.id }, data: { progress: "complete" } });
      const again = await importFile(writeFollowUp("f2.csv", [accepted("2021-12-31")]));
      expect(again.errors).toEqual([]);
      expect(again.changes).toEqual([]);
      expect((await milestones()).map((m) => [m.ref, m.progress])).toEqual([["Rec 1 follow-up report", "complete"]]);

      // The export writes the milestone as its own row (follow_up blank), and imports back unchanged.
      const exported = path.join(db.dir, "export.csv");
      await writeCsvExport(exported, buildExportRows(await loadRegister(db.prisma), TODAY, "2024"));
      const back = await importFile(exported, true);
      expect(back.errors).toEqual([]);
      expect(back.changes).toEqual([]);
    });

    it("a changed follow_up moves the milestone's target, recorded with before and after", async () => {
      await importFile(writeFollowUp("f1.csv", [accepted("2021-12-31")]));
      const moved = await importFile(writeFollowUp("f2.csv", [accepted("2022-03-31")]));
      expect(moved.errors).toEqual([]);
      expect(moved.changes).toEqual([
        expect.objectContaining({
          item_ref: "Rec 1 follow-up report",
          action: "updated",
          before: { original_target: "2021-12-31" },
          after: { original_target: "2022-03-31" },
        }),
      ]);
      const [milestone] = await milestones();
      expect(milestone!.originalTarget).toBe("2022-03-31");
      const history = await db.prisma.auditEntry.findMany({ where: { entityType: "item", entityId: milestone!.id } });
      expect(history.map((e) => [e.before, e.after])).toContainEqual([
        '{"original_target":"2021-12-31"}',
        '{"original_target":"2022-03-31"}',
      ]);
    });

    it("is refused on an inspection row, and before sent_to_executive, with the lines listed and nothing imported", async () => {
      const report = await importFile(
        writeFollowUp("bad.csv", [
          accepted("2021-12-31"),
          `,CYPS,SEND inspection,Ofsted,Rec A,Improve EHCPs,author@example.org,Mar-20,,,,2021-12-31`,
          `${REVIEW},Rec 2,Review eligibility,author@example.org,Sep-20,2019-09-11,accepted,2019-11-05,2019-01-31`,
        ]),
      );
      expect(report.ok).toBe(false);
      expect(report.errors.map((e) => [e.line, e.message])).toEqual([
        [3, "follow_up is only for scrutiny rows: set source to scrutiny or clear it"],
        [4, "follow_up 2019-01-31 is before sent_to_executive 2019-09-11: check both"],
      ]);
      expect(await db.prisma.review.count()).toBe(0);
      expect(await db.prisma.item.count()).toBe(0);
    });
  });

  it("a file with errors imports nothing and lists every bad row with what to fix", async () => {
    const report = await importFile(
      writeCsv("bad.csv", [
        `${REVIEW},Rec 1,Fine row,author@example.org,,,2019-09-11,,,`,
        `${REVIEW},Rec 2,Accepted without a date,author@example.org,,,2019-09-11,accepted,,`,
        `${REVIEW},Rec 3,Unknown response,author@example.org,,,2019-09-11,maybe,2019-10-01,`,
        `${REVIEW},Rec 4,Far future,author@example.org,,,2190-01-01,,,`,
        `,CYPS,SEND inspection,Ofsted,Rec 1,Scrutiny column on an inspection,author@example.org,Mar-20,,2019-09-11,,,`,
        // Not ombudsman: an Ombudsman row without its case's columns is refused before rows are compared.
        `council_plan,CYPS,Scrutiny review of school transport,${OSMB},Rec 5,Other source,author@example.org,,,,,,`,
        `${REVIEW},Rec 6,Not accepted but in progress,author@example.org,,in_progress,2019-09-11,not_accepted,2019-11-05,`,
        `${REVIEW},Rec 7,No day sent,author@example.org,,,,awaiting,,2019-11-11`,
        `transport,CYPS,Another review,${OSMB},Rec 1,Unknown source,author@example.org,,,,,,`,
      ]),
    );
    expect(report.ok).toBe(false);
    const byLine = Object.fromEntries(report.errors.map((e) => [e.line, e.message]));
    expect(Object.keys(byLine).map(Number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine[3]).toContain("response_date is empty: a response of accepted needs the day it was given");
    expect(byLine[4]).toContain('executive_response "maybe" must be one of awaiting, accepted, partly_accepted');
    expect(byLine[5]).toContain('sent_to_executive "2190-01-01"');
    expect(byLine[6]).toContain("sent_to_executive is only for scrutiny rows: set source to scrutiny or clear it");
    expect(byLine[7]).toContain(
      'review "Scrutiny review of school transport" is council_plan here but scrutiny on line 2: every row of a review has the same source',
    );
    expect(byLine[8]).toContain('progress "in_progress" conflicts with executive_response not_accepted');
    expect(byLine[9]).toContain("sent_to_executive is empty");
    expect(byLine[10]).toContain('source "transport" must be one of inspection, scrutiny, ombudsman, council_plan');
    expect(await db.prisma.review.count()).toBe(0);
    expect(await db.prisma.item.count()).toBe(0);
  });
});
