/**
 * The inspection calendar through the command line: a calendar file (CSV or XLSX) told by its headings and
 * imported as regimes, upserted by name with history; a file with errors imports nothing and lists every
 * bad row; `calendar` lists it; and `calendar link` rolls a regime on from its event's review and makes the
 * peer challenge's follow-ups actions on that review, once however often it is linked.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import AdmZip from "adm-zip";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALENDAR_COLUMNS } from "../../src/domain/calendar/calendar-rows.js";
import { openDatabase } from "../../src/data/database.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { calendarSheetRows } from "../../src/services/calendar/calendar-sheet.js";
import { buildRegisterWorkbook } from "../../src/services/reports/build-register-workbook.js";
import { runCliCaptured } from "../support/cli-run.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

let db: TestDatabase;

beforeEach(async () => {
  db = await createTestDatabase();
  await db.prisma.$disconnect(); // the command line opens its own client
});
afterEach(async () => {
  await db.close();
});

const NOW = new Date("2026-12-07T10:00:00Z");
/** A --json answer, read as the plain record it is. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (text: string): Record<string, any> => JSON.parse(text) as Record<string, any>;

const cli = (...args: string[]) => runCliCaptured(args, { DATABASE_URL: db.url }, NOW);

function write(name: string, text: string): string {
  const file = path.join(db.dir, name);
  writeFileSync(file, text);
  return file;
}

const CALENDAR = [
  CALENDAR_COLUMNS.join(","),
  "ILACS,Ofsted,CYPS,June 2022,36,,quality.lead@example.org",
  "LGA Corporate Peer Challenge,LGA,ACEX,2019-09-20,60,2028-06-01,policy.lead@example.org",
  "Adult social care assessment,CQC,ACHPH,,36,2026-03-31,asc.lead@example.org",
].join("\n");

async function withStore<T>(work: (store: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const store = await openDatabase(db.url);
  try {
    return await work(store);
  } finally {
    await store.$disconnect();
  }
}

describe("importing the inspection calendar", () => {
  it("imports a CSV as regimes with their readiness owners, each recorded in the history, and again changes nothing", async () => {
    const file = write("calendar.csv", CALENDAR);
    const dry = await cli("import", file, "--dry-run", "--json");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ ok: true, layout: "calendar", regimes: { created: 3 } });
    expect(JSON.parse((await cli("calendar", "--json")).stdout)).toEqual([]);

    const first = await cli("import", file);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("inspection calendar regimes: 3 new, 0 changed, 0 unchanged");
    const listed = JSON.parse((await cli("calendar", "--json")).stdout) as Record<string, unknown>[];
    expect(listed.map((l) => [l.regime, l.next_expected, l.next_expected_given, l.readiness_owner])).toEqual([
      ["ILACS", "2025-06-01", false, "quality.lead@example.org"],
      ["Adult social care assessment", "2026-03-31", true, "asc.lead@example.org"],
      ["LGA Corporate Peer Challenge", "2028-06-01", true, "policy.lead@example.org"],
    ]);
    expect((await cli("calendar")).stdout).toContain(
      "ILACS (Ofsted, Children and Young People's Services): next expected",
    );

    const again = await cli("import", file, "--json");
    expect(json(again.stdout).regimes).toEqual({ created: 0, updated: 0, unchanged: 3 });

    // ILACS every four years now, under a new name's spelling: the same regime, updated.
    const changed = write(
      "calendar-2.csv",
      CALENDAR.replace("ILACS,Ofsted,CYPS,June 2022,36", "ilacs ,Ofsted,CYPS,June 2022,48"),
    );
    expect(json((await cli("import", changed, "--json")).stdout).regimes).toEqual({
      created: 0,
      updated: 1,
      unchanged: 2,
    });
    await withStore(async (store) => {
      const history = await store.auditEntry.findMany({
        where: { entityType: "inspection_regime" },
        orderBy: { id: "asc" },
      });
      expect(history.map((h) => h.action)).toEqual(["created", "created", "created", "updated"]);
      expect(JSON.parse(history[3]!.before!)).toEqual({ cycleMonths: 36, nextExpected: "2025-06-01", regime: "ILACS" });
      expect(JSON.parse(history[3]!.after!)).toEqual({ cycleMonths: 48, nextExpected: "2026-06-01", regime: "ilacs" });
      expect(
        await store.person.count({ where: { email: { in: ["quality.lead@example.org", "asc.lead@example.org"] } } }),
      ).toBe(2);
    });
  });

  it("imports nothing from a file with errors and lists every bad row with what to fix", async () => {
    const file = write(
      "calendar-bad.csv",
      [
        CALENDAR_COLUMNS.join(","),
        "ILACS,Ofsted,CYPS,June 2022,36,,quality.lead@example.org",
        "SEND,Ofsted and CQC,CYPS,2024-10-04,0,,send.lead@example.org",
        "CQC,CQC,Parks,,36,,asc.lead@example.org",
        "Peer challenge,LGA,ACEX,someday,60,,not-an-email",
      ].join("\n"),
    );
    const run = await cli("import", file);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Nothing imported");
    expect(run.stdout).toMatch(/line 3: cycle_months "0" must be a whole number of months from 1 to 120/);
    expect(run.stdout).toMatch(/line 4: directorate "Parks" is not one I know/);
    expect(run.stdout).toMatch(/line 4: last_event and next_expected are both empty/);
    expect(run.stdout).toMatch(/line 5: last_event .*someday/);
    expect(run.stdout).toMatch(/line 5: readiness_owner: "not-an-email" is not an email address/);
    expect(JSON.parse((await cli("calendar", "--json")).stdout)).toEqual([]);
  });

  it("imports a workbook with the same headings", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Calendar");
    sheet.addRow([...CALENDAR_COLUMNS]);
    sheet.addRow(["ILACS", "Ofsted", "CYPS", "2022-06-15", 36, "", "quality.lead@example.org"]);
    const file = path.join(db.dir, "calendar.xlsx");
    await workbook.xlsx.writeFile(file);
    const run = await cli("import", file, "--json");
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, regimes: { created: 1 } });
    expect(json((await cli("calendar", "--json")).stdout)[0]).toMatchObject({
      regime: "ILACS",
      last_event: "2022-06-15",
      next_expected: "2025-06-15",
    });
  });
});

describe("linking an event's review to its regime", () => {
  const REVIEW = [
    "directorate,review_title,review_body,review_type,review_date,findings_received,item_ref,item_kind,item_text,owner_email,original_target,progress,confidential",
    'ACEX,LGA Corporate Peer Challenge 2023,LGA,peer review,5-8 June 2023,August 2023,Recommendation 1,recommendation,"Develop a narrative of place",acex.owner1@example.org,Mar-24,in_progress,false',
  ].join("\n");

  it("rolls the calendar on from the review's date and makes the 3, 5, 10 and 12 month follow-ups once", async () => {
    expect((await cli("import", write("calendar.csv", CALENDAR))).code).toBe(0);
    expect((await cli("import", write("review.csv", REVIEW))).code).toBe(0);

    const link = await cli(
      "calendar",
      "link",
      "--regime",
      "lga corporate peer challenge",
      "--review",
      "LGA Corporate Peer Challenge 2023",
      "--json",
    );
    expect(link.code).toBe(0);
    const linked = json(link.stdout);
    expect(linked).toMatchObject({ ok: true, last_event: "2023-06-08", next_expected: "2028-06-01" });
    expect(linked.follow_ups).toEqual([
      { ref: "Follow-up 3 months", target: "2023-09-08" },
      { ref: "Follow-up 5 months", target: "2023-11-08" },
      { ref: "Follow-up 10 months", target: "2024-04-08" },
      { ref: "Follow-up 12 months", target: "2024-06-08" },
    ]);
    expect(linked.follow_up_items).toEqual({ created: 4, updated: 0, unchanged: 0 });

    const status = JSON.parse((await cli("status", "--json")).stdout) as { item_ref: string; status: string }[];
    expect(status.filter((s) => s.item_ref.startsWith("Follow-up")).map((s) => s.item_ref)).toHaveLength(4);
    await withStore(async (store) => {
      const items = await store.item.findMany({
        where: { ref: { startsWith: "Follow-up" } },
        include: { owner: true },
      });
      expect(new Set(items.map((i) => `${i.kind} ${i.owner?.email}`))).toEqual(
        new Set(["action policy.lead@example.org"]),
      );
      const regime = await store.inspectionRegime.findUniqueOrThrow({
        where: { regimeKey: "lga corporate peer challenge" },
      });
      expect(regime).toMatchObject({ lastEvent: "2023-06-08", nextExpected: "2028-06-01" });
      expect(regime.lastReviewId).not.toBeNull();
      const history = await store.auditEntry.findMany({ where: { entityType: "inspection_regime", action: "linked" } });
      expect(history).toHaveLength(1);
      expect(JSON.parse(history[0]!.before!)).toMatchObject({ lastEvent: "2019-09-20", lastReviewId: null });
    });

    const again = json(
      (
        await cli(
          "calendar",
          "link",
          "--regime",
          "LGA Corporate Peer Challenge",
          "--review",
          "LGA Corporate Peer Challenge 2023",
          "--json",
        )
      ).stdout,
    );
    expect(again.follow_up_items).toEqual({ created: 0, updated: 0, unchanged: 4 });
    await withStore(async (store) => {
      expect(await store.auditEntry.count({ where: { entityType: "inspection_regime", action: "linked" } })).toBe(1);
    });
  });

  it("links a review through the register's optional regime column, and refuses rows that disagree or name no regime", async () => {
    expect((await cli("import", write("calendar.csv", CALENDAR))).code).toBe(0);
    const withRegime = REVIEW.replace("confidential\n", "confidential,regime\n") + ",LGA Corporate Peer Challenge";
    const second = withRegime.split("\n")[1]!.replace("Recommendation 1", "Recommendation 2");
    const bad = write(
      "review-bad.csv",
      [
        withRegime,
        second.replace(/,LGA Corporate Peer Challenge$/, ",ILACS"),
        second
          .replace("LGA Corporate Peer Challenge 2023", "Other review")
          .replace(/,LGA Corporate Peer Challenge$/, ",Audit"),
      ].join("\n"),
    );
    const refused = await cli("import", bad);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(
      /line 3: regime "ILACS" differs from "LGA Corporate Peer Challenge" on line 2 of the same review/,
    );
    expect(refused.stdout).toMatch(/line 4: regime "Audit" is not in the inspection calendar: use one of/);
    expect(JSON.parse((await cli("status", "--json")).stdout)).toEqual([]);

    const good = await cli("import", write("review.csv", [withRegime, second].join("\n")));
    expect(good.code).toBe(0);
    const listed = json((await cli("calendar", "--json")).stdout) as unknown as Record<string, unknown>[];
    expect(listed.find((l) => l.regime === "LGA Corporate Peer Challenge")).toMatchObject({ last_event: "2023-06-08" });
    const status = JSON.parse((await cli("status", "--json")).stdout) as { item_ref: string }[];
    expect(status.map((s) => s.item_ref).sort()).toEqual([
      "Follow-up 10 months",
      "Follow-up 12 months",
      "Follow-up 3 months",
      "Follow-up 5 months",
      "Recommendation 1",
      "Recommendation 2",
    ]);
  });

  it("rolls ILACS on a cycle from its review's date, with no follow-ups of its own", async () => {
    expect((await cli("import", write("calendar.csv", CALENDAR))).code).toBe(0);
    expect(
      (
        await cli(
          "import",
          write(
            "review.csv",
            REVIEW.replace(
              /LGA Corporate Peer Challenge 2023,LGA,peer review,5-8 June 2023/,
              "ILACS 2025,Ofsted,inspection,2025-07-10",
            ),
          ),
        )
      ).code,
    ).toBe(0);
    const linked = json(
      (await cli("calendar", "link", "--regime", "ILACS", "--review", "ILACS 2025", "--json")).stdout,
    );
    expect(linked).toMatchObject({ last_event: "2025-07-10", next_expected: "2028-07-10", follow_ups: [] });
  });

  it("says what to fix when the regime or the review is not known, and changes nothing", async () => {
    expect((await cli("import", write("calendar.csv", CALENDAR))).code).toBe(0);
    const noRegime = await cli("calendar", "link", "--regime", "Audit", "--review", "X");
    expect(noRegime.code).toBe(1);
    expect(noRegime.stdout).toContain('the calendar has no regime "Audit": it holds');
    const noReview = await cli("calendar", "link", "--regime", "ILACS", "--review", "Nothing like it");
    expect(noReview.stdout).toContain('the register has no review titled "Nothing like it"');
    expect((await cli("calendar", "link", "--regime", "ILACS")).code).toBe(2);
  });
});

describe("the report's workbook", () => {
  it("gains an Inspection calendar sheet listing every regime, soonest expected first", async () => {
    expect((await cli("import", write("calendar.csv", CALENDAR.replace("LGA Corporate", "=LGA Corporate")))).code).toBe(
      0,
    );
    const bytes = await withStore(async (store) =>
      buildRegisterWorkbook(await loadRegister(store), "2026-12-07", "2024", {}, await calendarSheetRows(store)),
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Inspection calendar")!;
    const rows = sheet.getSheetValues().slice(1) as unknown as (string | undefined)[][];
    expect(rows.map((r) => r.slice(1))).toEqual([
      [
        "Regime",
        "Inspectorate",
        "Directorate",
        "Last event",
        "Cycle (months)",
        "Next expected",
        "Readiness owner",
        "Readiness reminders",
      ],
      [
        "ILACS",
        "Ofsted",
        "Children and Young People's Services",
        "2022-06-01",
        "36",
        "June 2025 (2025-06-01)",
        "quality.lead@example.org",
        "none yet",
      ],
      [
        "Adult social care assessment",
        "CQC",
        "Adult Care, Housing and Public Health",
        "",
        "36",
        "March 2026 (2026-03-31)",
        "asc.lead@example.org",
        "none yet",
      ],
      [
        // Typed text that starts like a formula is kept as text.
        "'=LGA Corporate Peer Challenge",
        "LGA",
        "Assistant Chief Executive's Directorate",
        "2019-09-20",
        "60",
        "June 2028 (2028-06-01)",
        "policy.lead@example.org",
        "none yet",
      ],
    ]);
  });
});

describe("the Word report", () => {
  it("has a short Inspections expected part naming the next 12 months' regimes and their readiness owners", async () => {
    expect(
      (
        await cli(
          "import",
          write(
            "review.csv",
            "directorate,review_title,item_ref,item_text,original_target,progress\nCYPS,Ofsted Focused Visit,AFI 1,Reduce waits,Mar-27,in_progress",
          ),
        )
      ).code,
    ).toBe(0);
    const calendar = [
      CALENDAR_COLUMNS.join(","),
      "ILACS,Ofsted,CYPS,,36,2027-06-01,quality.lead@example.org",
      "LGA Corporate Peer Challenge,LGA,ACEX,,60,2028-06-01,policy.lead@example.org",
      "Adult social care assessment,CQC,ACHPH,,36,2026-03-31,asc.lead@example.org",
    ].join("\n");
    expect((await cli("import", write("calendar.csv", calendar))).code).toBe(0);
    await withStore((store) =>
      store.person.update({ where: { email: "quality.lead@example.org" }, data: { name: "Quinn Lead" } }),
    );
    const out = path.join(db.dir, "report.docx");
    const run = await cli("export", "--format", "docx", "--out", out, "--since", "2026-09-30");
    expect(run.code).toBe(0);
    const xml = new AdmZip(out)
      .readAsText("word/document.xml")
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, "&");
    expect(xml).toContain("Inspections expected");
    expect(xml).toContain("1 inspection expected in the next 12 months (to 7 Dec 2027).");
    expect(xml).toContain(
      "ILACS (Ofsted, Children and Young People's Services): expected June 2027; readiness owner Quinn Lead; no readiness reminder yet.",
    );
    expect(xml).toContain(
      "Expected before then, with no event linked yet: Adult social care assessment (CQC): expected March 2026.",
    );
    expect(xml).not.toContain("LGA Corporate Peer Challenge (LGA");
  });
});
