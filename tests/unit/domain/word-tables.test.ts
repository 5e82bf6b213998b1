/**
 * A Word document's tables read as the import's rows: merged cells as Word means them, a second heading
 * row under a spanning heading, a directorate named by the section heading, tables of another layout and
 * tables not recognised listed; and several recommendations in one cell split, a combined one kept.
 */
import { describe, expect, it } from "vitest";
import { splitSeveralRecommendations } from "../../../src/domain/imports/several-recommendations.js";
import { readD1Layout } from "../../../src/domain/register/d1-layout.js";
import { readWordTables, wordLine, wordPlace, type WordCell } from "../../../src/domain/imports/word-tables.js";

const cell = (text: string, more: Partial<WordCell> = {}): WordCell => ({ text, span: 1, merge: null, ...more });
const row = (...texts: string[]) => texts.map((t) => cell(t));

describe("Word tables into the import's rows", () => {
  it("carries a merged cell down in the canonical columns, and keeps a spanning cell's text in its first column", () => {
    const rows = readWordTables([
      {
        number: 1,
        textBefore: [],
        rows: [
          row("directorate", "review_title", "item_ref", "item_text"),
          [cell("FCS", { merge: "restart" }), cell("VFM 2023", { merge: "restart" }), cell("Rec 1"), cell("Refine")],
          [cell("", { merge: "continue" }), cell("", { merge: "continue" }), cell("Rec 2", { span: 2 })],
        ],
      },
    ]);
    expect(rows.layout).toBe("canonical");
    expect(rows.records).toEqual([
      {
        line: wordLine(1, 2),
        cells: { directorate: "FCS", review_title: "VFM 2023", item_ref: "Rec 1", item_text: "Refine" },
      },
      {
        line: wordLine(1, 3),
        cells: { directorate: "FCS", review_title: "VFM 2023", item_ref: "Rec 2", item_text: "" },
      },
    ]);
    expect(wordPlace(rows.records[1]!.line)).toBe("table 1, row 3");
  });

  it("leaves the tracker's review cell blank beside its items, and takes the directorate from the section heading", () => {
    const rows = readWordTables([
      {
        number: 2,
        textBefore: ["3. Children and Young People's Services", "3.3 The tables below provide a summary."],
        rows: [
          row("Title and purpose", "Date", "Outstanding recommendations", "Status"),
          [cell("ILACS (Ofsted)", { merge: "restart" }), cell("June 2022"), cell("Overall outcome: Good"), cell("")],
          [cell("", { merge: "continue" }), cell(""), cell("Area for improvement 1: Identity"), cell("Complete")],
        ],
      },
    ]);
    expect(rows.records.map((r) => [wordPlace(r.line), r.cells["Title and purpose"]])).toEqual([
      ["table 2, before its first row", "Children and Young People's Services"],
      ["table 2, row 2", "ILACS (Ofsted)"],
      ["table 2, row 3", ""],
    ]);
  });

  it("names columns under a spanning heading from the row below it, and lists the appendix's unused columns", () => {
    const rows = readWordTables([
      {
        number: 1,
        textBefore: ["Finance and Customer Services"],
        rows: [
          [cell("New external inspections reviews and audits", { span: 5 })],
          [cell("Title"), cell("Date"), cell("Outcome"), cell("Implemented:", { span: 2 })],
          [cell("", { merge: "continue" }), cell(""), cell(""), cell("At last report"), cell("Since last report")],
          row("Teachers Pension Audit 2022/23 (KPMG)", "July – November 2023", "Clean report", "0", "0"),
        ],
      },
    ]);
    expect(rows.read).toEqual([
      {
        table: 1,
        layout: "January 2024 appendix",
        rows: 1,
        unused: ["Implemented: At last report", "Implemented: Since last report"],
      },
    ]);
    expect(rows.records.at(-1)).toEqual({
      line: wordLine(1, 4),
      cells: {
        "Title and purpose": "Teachers Pension Audit 2022/23 (KPMG)",
        Date: "July – November 2023",
        "Outstanding recommendations": "Clean report",
      },
    });
  });

  it("marks a children's home named in the appendix confidential, and no other review", () => {
    const rows = readWordTables([
      {
        number: 1,
        textBefore: ["Children and Young People's Services"],
        rows: [
          row("Title", "Date", "Outcome"),
          row("Pegasus House Children's Residential Home (Ofsted)", "30 May 2023", "Good rating"),
          row("Joint Area SEND Inspection (Ofsted and CQC)", "5-9 July 2021", "No formal overall outcome"),
        ],
      },
    ]);
    expect(rows.records.slice(1).map((r) => r.cells.confidential)).toEqual(["true", undefined]);
  });

  it("lists a table it does not recognise, and one whose layout differs from the tables before it", () => {
    const rows = readWordTables([
      { number: 1, textBefore: [], rows: [row("Title and purpose", "Outstanding recommendations"), row("x", "y")] },
      { number: 2, textBefore: [], rows: [row("Status", "Meaning"), row("Complete", "All done")] },
      { number: 3, textBefore: [], rows: [row("directorate", "review_title"), row("FCS", "Audit")] },
    ]);
    expect(rows.read.map((t) => t.table)).toEqual([1]);
    expect(rows.unread).toEqual([
      { table: 2, headings: ["Status", "Meaning"], reason: expect.stringContaining("neither") },
      {
        table: 3,
        headings: ["directorate", "review_title"],
        reason: expect.stringContaining("import it as a document of its own"),
      },
    ]);
  });
});

describe("several recommendations in one cell", () => {
  it("splits labels at the start of a line or sentence, keeping the first's audit-area prefix", () => {
    expect(
      splitSeveralRecommendations("Financial sustainability Rec 1: Plan reserves.\nRec 2: Report monthly."),
    ).toEqual(["Financial sustainability Rec 1: Plan reserves.", "Rec 2: Report monthly."]);
    expect(
      splitSeveralRecommendations("Area for improvement 3 - Waiting lists. Area for improvement 4: Plans."),
    ).toEqual(["Area for improvement 3 - Waiting lists.", "Area for improvement 4: Plans."]);
  });

  it("gives a CSV tracker's cell of two recommendations two items, as a Word tracker's", () => {
    const cells = (title: string, recommendations: string, target = "", status = "") => ({
      "Title and purpose": title,
      "Outstanding recommendations": recommendations,
      "Original target date for completion": target,
      Status: status,
    });
    const { records, errors } = readD1Layout([
      { line: 2, cells: cells("Finance and Customer Services", "") },
      { line: 3, cells: cells("VFM 2023 (Grant Thornton)", "Overall outcome: Clean.") },
      {
        line: 4,
        cells: cells("", "Rec 1: Plan reserves. Rec 2: Report monthly.", "Mar-26", "In progress and on track"),
      },
    ]);
    expect(errors).toEqual([]);
    expect(
      records.slice(1).map(({ line, record }) => [line, record.item_ref, record.item_text, record.original_target]),
    ).toEqual([
      [4, "Rec 1", "Plan reserves.", "Mar-26"],
      [4, "Rec 2", "Report monthly.", "Mar-26"],
    ]);
  });

  it("keeps one item for a combined label, a label mentioned mid-sentence, and text before the first label", () => {
    const combined = "Area for improvement 1: Identify needs. And Area for improvement 4: Reduce length.";
    expect(splitSeveralRecommendations(combined)).toEqual([combined]);
    expect(splitSeveralRecommendations("Work continues. See Rec 2: below.")).toEqual([
      "Work continues. See Rec 2: below.",
    ]);
    expect(splitSeveralRecommendations("Work continues. Rec 2: Next.")).toEqual(["Work continues. Rec 2: Next."]);
  });
});
