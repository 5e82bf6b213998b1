/** D0 (Audit Committee, 9 January 2024) rebuilt as a register: the statuses and figures it printed. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { reviewStatus, toSummaryReview, type RegisterReview } from "../../src/domain/register/register.js";
import { countPeriod } from "../../src/domain/reports/period-summary.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const REPORT_DATE = "2024-01-09";
const LAST_REPORT = "2023-07-27";
const databaseOn = storeDatabases();
let db: TestDatabase;
let register: RegisterReview[];

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    // D0's register as at its own report date.
    db = await databaseOn(store);
    const imported = await importRegister(db.prisma, {
      file: path.join(FIXTURES, "d0-register.csv"),
      dryRun: false,
      actor: "test",
      today: REPORT_DATE,
      now: new Date(),
    });
    expect(imported.errors).toEqual([]);
    register = await loadRegister(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  describe("every review row in D0's tables rolls up to the status D0 gives it (2024 key)", () => {
    it.each([
      ["Joint Area SEND Inspection", "complete"],
      ["Inspection of Local Authority Children's Services (ILACS) Short Inspection", "significant_delay"],
      ["Child Sexual Exploitation review", "partly_delayed"],
      ["Safeguarding Peer Review", "on_track"],
      ["Quest Foundation Review", "partly_delayed"],
      ["Customer Service Peer Review", "partly_delayed"],
      ["2021/22 VFM arrangements", "on_track"],
      ["Corporate Peer Challenge", "on_track"],
      ["DVLA Assurance Report", "no_action_required"],
      ["Pegasus House Children's Residential Home", "no_action_required"],
      ["Beech Tree Lodge Children's Residential Home", "no_action_required"],
      ["Exemplar accreditation of housing tenancy engagement", "on_track"],
      ["Changing Places", "no_action_required"],
      ["Tree Management Protocol", "complete"],
      ["Teachers Pension Audit", "no_action_required"],
      ["Statement of Accounts Audit 2022/23", "no_action_required"],
      ["Equality Framework for Local Government", "on_track"],
    ])("%s: %s", (titleStart, status) => {
      const review = register.find((r) => r.title.startsWith(titleStart));
      expect(review, titleStart).toBeDefined();
      expect(reviewStatus(review!, REPORT_DATE, "2024").status).toBe(status);
    });

    it("covers all 17 reviews of D0", () => {
      expect(register).toHaveLength(17);
    });

    it("shows ILACS's breakdown as D0 does", () => {
      const ilacs = register.find((r) => r.title.startsWith("Inspection of Local Authority Children's Services"))!;
      expect(reviewStatus(ilacs, REPORT_DATE, "2024").breakdownText).toBe(
        "(2 complete; 2 delayed; 1 more than 12 months)",
      );
    });
  });

  describe("D0's headline and per-directorate figures", () => {
    it("7 new reviews raising 6 items; 14 completed since, 48 in progress, 5 delayed, 1 more than 12 months", () => {
      const counts = countPeriod(register.map(toSummaryReview), LAST_REPORT, REPORT_DATE);
      expect(counts).toMatchObject({
        new_reviews: 7,
        new_items: 6,
        new_items_complete: 1,
        new_items_in_progress: 2,
        new_items_not_started: 3,
        ongoing_completed_since: 14,
        ongoing_in_progress: 48,
        ongoing_delayed: 5,
        ongoing_significant_delay: 1,
        ongoing_items: 101,
        ongoing_completed_before: 39,
      });
    });

    it.each([
      ["CYPS", { new_reviews: 2, ongoing_completed_since: 6, ongoing_in_progress: 3, ongoing_delayed: 3 }],
      [
        "ACHPH",
        { new_reviews: 1, new_items: 6, ongoing_completed_since: 3, ongoing_in_progress: 12, ongoing_delayed: 0 },
      ],
      ["RE", { new_reviews: 2, ongoing_completed_since: 3, ongoing_in_progress: 1, ongoing_delayed: 1 }],
      ["FCS", { new_reviews: 2, ongoing_completed_since: 2, ongoing_in_progress: 3, ongoing_delayed: 1 }],
      ["ACEX", { new_reviews: 0, ongoing_completed_since: 0, ongoing_in_progress: 29, ongoing_delayed: 0 }],
    ])("%s", (directorate, expected) => {
      const counts = countPeriod(register.map(toSummaryReview), LAST_REPORT, REPORT_DATE);
      expect(counts.by_directorate[directorate]).toMatchObject(expected);
    });
  });
});
