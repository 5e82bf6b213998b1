// The import's plan without a database: rows in, every bad row listed or a plan out of what to create,
// update or leave, measured against the reviews the register already holds.
import { describe, expect, it } from "vitest";
import { checkImportTable, type ImportTable } from "../../../src/domain/imports/check-rows.js";
import { planImport } from "../../../src/domain/imports/plan-import.js";
import type { ExistingReview } from "../../../src/domain/imports/snapshots.js";

const HEADERS = ["directorate", "review_title", "item_ref", "item_text", "original_target", "progress"];
const table = (rows: string[][]): ImportTable => ({
  headers: HEADERS,
  records: rows.map((cells, n) => ({
    line: n + 2,
    cells: Object.fromEntries(HEADERS.map((h, i) => [h, cells[i] ?? ""])),
  })),
});

const registered: ExistingReview = {
  id: 7,
  titleKey: "lga peer challenge",
  directorateId: "ACEX",
  body: null,
  reviewType: null,
  reviewDateRaw: null,
  findingsReceivedRaw: null,
  outcome: null,
  narrative: null,
  purpose: null,
  confidential: false,
  items: [
    {
      id: 70,
      ref: "Rec 1",
      kind: "recommendation",
      text: "Publish the plan",
      parentRef: null,
      responsibleUnit: null,
      ownerEmail: "owner@council.example",
      originalTargetRaw: "Oct-25",
      originalTarget: "2025-10-31",
      revisedTargetRaw: null,
      revisedTarget: null,
      revisionReason: null,
      progress: "in_progress",
      recordedStatus: null,
      latestUpdate: null,
      completedOn: null,
      confidential: false,
    },
  ],
};

describe("checking an import's rows", () => {
  it("lists every bad row with its line and plans nothing", () => {
    const checked = checkImportTable(
      table([
        ["ACEX", "LGA Peer Challenge", "Rec 1", "Publish the plan", "Oct-25", "in_progress"],
        ["Nowhere", "LGA Peer Challenge", "Rec 2", "Train staff", "Oct-25", "in_progress"],
        ["ACEX", "LGA Peer Challenge", "Rec 3", "Audit files", "someday", "done"],
      ]),
      { file: "rows.csv", dryRun: false },
    );
    expect(checked.incoming).toBeNull();
    expect(checked.report.ok).toBe(false);
    expect(checked.report.errors.map((e) => e.line)).toEqual([3, 4, 4]);
    expect(checked.report.errors[0]!.message).toMatch(/directorate "Nowhere"/);
  });
});

describe("planning an import against the register", () => {
  it("updates only the fields the file gives, creates what is new, and counts both", () => {
    const checked = checkImportTable(
      table([
        ["ACEX", "LGA Peer Challenge", "Rec 1", "Publish the plan", "Dec-25", "in_progress"],
        ["ACEX", "LGA Peer Challenge", "Rec 2", "Train staff", "Mar-26", "not_started"],
        ["CYPS", "Ofsted Focused Visit", "Area for improvement 1", "Improve supervision", "Oct-25", "in_progress"],
      ]),
      { file: "rows.csv", dryRun: false },
    );
    const { plan, report } = planImport(checked.report, checked.incoming!, [registered], checked.headers, "2025-05-15");
    expect(report).toMatchObject({
      ok: true,
      reviews: { created: 1, updated: 0, unchanged: 1 },
      items: { created: 2, updated: 1, unchanged: 0 },
    });
    // No owner_email column: the owner is left alone, so only the target changes.
    expect(report.changes.find((c) => c.item_ref === "Rec 1")).toMatchObject({
      action: "updated",
      before: { original_target: "Oct-25" },
      after: { original_target: "Dec-25" },
    });
    expect(plan.map((p) => [p.key, p.existingId, p.items.map((i) => [i.fields.ref, i.existing?.id ?? null])])).toEqual([
      [
        "lga peer challenge",
        7,
        [
          ["Rec 1", 70],
          ["Rec 2", null],
        ],
      ],
      ["ofsted focused visit", null, [["Area for improvement 1", null]]],
    ]);
    expect(checked.report.changes).toEqual([]);
  });
});
