/**
 * The May 2025 tracker's own layout (D1): directorate heading rows, a row per review ("Title and
 * purpose", "Date", outcome and progress in "Outstanding recommendations"), then a row per item whose
 * status, narrative and responsibility note share one cell. Turned into canonical records here so
 * that one validator serves both layouts. Canonical columns placed to the right of D1's own (as the
 * export writes them) take precedence, which makes an export import back unchanged.
 */
import { findDirectorate } from "./directorates.js";
import { splitLabelledDates } from "../dates/date-text.js";
import { CANONICAL_COLUMNS, type CanonicalRecord, type RowError } from "./register-row.js";
import { splitStatusCell } from "../status/status.js";
import { splitSeveralRecommendations } from "../imports/several-recommendations.js";

export const D1_COLUMNS = {
  title: "Title and purpose",
  date: "Date",
  recommendations: "Outstanding recommendations",
  originalTarget: "Original target date for completion",
  revisedTarget: "Revised target date for completion",
  status: "Status",
  progressUpdate: "Progress update",
} as const;

export function isD1Layout(headers: readonly string[]): boolean {
  const normalised = new Set(headers.map((h) => h.trim().toLowerCase()));
  return normalised.has(D1_COLUMNS.title.toLowerCase()) && normalised.has(D1_COLUMNS.recommendations.toLowerCase());
}

const PURPOSE_START = /\s(To|Voluntary|Expectation|Required|Annual|Usually|Check|An audit|The|This)\s/;

/** "Safeguarding Peer Review (LGA) The Rotherham ..." -> title and purpose; the body is the last bracket. */
export function splitTitleAndPurpose(cell: string): {
  title: string;
  purpose: string | null;
  body: string | null;
  markedNew: boolean;
} {
  let text = cell.replace(/\r\n?/g, "\n").trim();
  const markedNew = /^NEW\s/.test(text);
  if (markedNew) text = text.replace(/^NEW\s+/, "");
  let title = text;
  let purpose: string | null = null;
  const newline = text.indexOf("\n");
  if (newline > 0) {
    title = text.slice(0, newline).trim();
    purpose =
      text
        .slice(newline + 1)
        .replace(/\s+/g, " ")
        .trim() || null;
  } else {
    // The title ends at its closing bracket ("... (Sports Ground Safety Authority (SGSA))") or before the purpose's first sentence.
    let depth = 0;
    let closeAt = -1;
    for (let i = 0; i < Math.min(text.length, 160); i += 1) {
      if (text[i] === "(") depth += 1;
      if (text[i] === ")" && depth > 0 && --depth === 0) {
        closeAt = i;
        if (/^\s+[A-Z]/.test(text.slice(i + 1))) break;
      }
    }
    const purposeMatch = PURPOSE_START.exec(text);
    const cut =
      closeAt >= 0 && (!purposeMatch || closeAt < purposeMatch.index) ? closeAt + 1 : (purposeMatch?.index ?? -1);
    if (cut > 0 && cut < text.length) {
      title = text.slice(0, cut).trim();
      purpose = text.slice(cut).trim() || null;
    }
  }
  const bracket = /\(((?:[^()]|\([^()]*\))*)\)\s*$/.exec(title);
  const body = bracket ? bracket[1]!.replace(/^(?:led by|conducted by|by)\s+(?:the\s+)?/i, "").trim() : null;
  return { title, purpose, body, markedNew };
}

/** "Overall outcome: ... Overall progress: ..." */
export function splitOutcomeCell(cell: string): { outcome: string | null; narrative: string | null } {
  const flat = cell.replace(/\s+/g, " ").trim();
  if (!flat) return { outcome: null, narrative: null };
  const progressAt = flat.search(/overall progress:/i);
  const outcomePart = progressAt >= 0 ? flat.slice(0, progressAt) : flat;
  const narrative =
    progressAt >= 0
      ? flat
          .slice(progressAt)
          .replace(/^overall progress:\s*/i, "")
          .trim()
      : null;
  return { outcome: outcomePart.replace(/^overall outcome:\s*/i, "").trim() || null, narrative: narrative || null };
}

const LABEL =
  /^(.{0,80}?\b(?:rec(?:ommendation)?|area for improvement|afi|theme|suggestion|consideration|requirement|comment|action)\s*(?:[A-Z]{1,2})?\d+[a-z]?)\s*[:.)\u2013-]\s+/i;

/** "Area for improvement 1: Identify ... And Area for improvement 4: Reduce ..." -> ref "Area for improvement 1 and 4". */
export function splitItemLabel(cell: string): { ref: string | null; text: string } {
  const flat = cell.replace(/\s+/g, " ").trim();
  const match = LABEL.exec(flat);
  if (!match) return { ref: null, text: flat };
  let ref = match[1]!.trim();
  const text = flat.slice(match[0].length).trim();
  const combined = /\bAnd (?:area for improvement|recommendation|rec) (\d+)\s*:/i.exec(text);
  if (combined) ref = `${ref} and ${combined[1]}`;
  return { ref, text };
}

/** "Note – although situated under FCS for the purposes of reporting, Housing services are responsible ..." */
export function findResponsibleUnit(text: string): string | null {
  const match =
    /although situated under .+? for the purposes? of reporting,\s*(?:the\s+)?(.+?)\s+(?:are|is)\s+responsible/i.exec(
      text,
    );
  return match ? match[1]!.trim() : null;
}

export interface D1Record {
  line: number;
  cells: Record<string, string>;
}

function cellOf(record: D1Record, column: string): string {
  const key = Object.keys(record.cells).find((k) => k.trim().toLowerCase() === column.toLowerCase());
  return key ? (record.cells[key] ?? "").trim() : "";
}

export function readD1Layout(records: readonly D1Record[]): {
  records: { line: number; record: CanonicalRecord }[];
  errors: RowError[];
} {
  const out: { line: number; record: CanonicalRecord }[] = [];
  const errors: RowError[] = [];
  let directorate: string | null = null;
  let review: CanonicalRecord | null = null;
  let unlabelled = 0;

  for (const row of records) {
    const title = cellOf(row, D1_COLUMNS.title);
    const dateCell = cellOf(row, D1_COLUMNS.date);
    const recommendation = cellOf(row, D1_COLUMNS.recommendations);
    const original = cellOf(row, D1_COLUMNS.originalTarget);
    const revised = cellOf(row, D1_COLUMNS.revisedTarget);
    const statusCell = cellOf(row, D1_COLUMNS.status);
    const updateCell = cellOf(row, D1_COLUMNS.progressUpdate);
    const machine: CanonicalRecord = {};
    // A canonical column beside D1's (as the export writes) wins, even when empty: empty means "none".
    for (const column of CANONICAL_COLUMNS) {
      if (Object.keys(row.cells).some((k) => k.trim().toLowerCase() === column)) machine[column] = cellOf(row, column);
    }
    const otherCells = [dateCell, recommendation, original, revised, statusCell, updateCell, machine.item_ref].some(
      Boolean,
    );
    if (!title && !otherCells) continue;

    if (title && !otherCells && findDirectorate(title)) {
      directorate = findDirectorate(title)!.id;
      review = null;
      continue;
    }

    if (title) {
      if (!directorate && !machine.directorate) {
        errors.push({
          line: row.line,
          message: `review "${title}" comes before any directorate heading: add a row naming its directorate above it`,
        });
      }
      const { title: reviewTitle, body } = splitTitleAndPurpose(title);
      const dates = splitLabelledDates(dateCell);
      const { outcome } = splitOutcomeCell(recommendation);
      review = {
        directorate: directorate ?? "",
        review_title: reviewTitle,
        review_body: body ?? "",
        review_date: dates.visit ?? "",
        findings_received: dates.findingsReceived ?? "",
        outcome: outcome ?? "",
        ...pick(machine, [
          "directorate",
          "review_title",
          "review_body",
          "review_type",
          "review_date",
          "findings_received",
          "outcome",
          "confidential",
          "source",
        ]),
      };
      unlabelled = 0;
      out.push({ line: row.line, record: { ...review } });
      continue;
    }

    if (!review) {
      errors.push({ line: row.line, message: "an item row comes before any review: put it under its review's row" });
      continue;
    }
    // Several recommendations in one cell become items of their own, sharing the row's dates and status.
    // A row from our own export names its one item in its own columns: it is never split.
    const pieces =
      machine.item_ref === undefined && machine.item_text === undefined
        ? splitSeveralRecommendations(recommendation)
        : [recommendation];
    for (const piece of pieces) {
      const { ref, text } = splitItemLabel(piece);
      const status = splitStatusCell(statusCell);
      const fromUpdate = status.label ? null : splitStatusCell(updateCell);
      const recordedStatus = status.label ?? fromUpdate?.label ?? null;
      const narrative = [status.label ? status.rest : statusCell, fromUpdate?.label ? fromUpdate.rest : updateCell]
        .filter(Boolean)
        .join(" ")
        .trim();

      let itemRef = ref;
      if (!itemRef) {
        if (!original && !revised && !recordedStatus && !machine.item_ref) {
          errors.push({
            line: row.line,
            message: `this item has no label, no target date and no status ("${text.slice(0, 60)}${text.length > 60 ? "…" : ""}"): if it continues the row above, join it to that row; otherwise give it a label such as "Recommendation 1", a target date and a status`,
          });
          continue;
        }
        unlabelled += 1;
        itemRef = `Item ${unlabelled}`;
      }
      out.push({
        line: row.line,
        record: {
          ...review,
          item_ref: itemRef,
          item_text: ref ? text : piece.replace(/\s+/g, " ").trim(),
          original_target: original,
          revised_target: revised,
          recorded_status: recordedStatus ?? "",
          progress_update: narrative,
          responsible_unit: findResponsibleUnit(narrative) ?? "",
          ...pick(machine, [
            "item_ref",
            "item_kind",
            "item_text",
            "parent_ref",
            "responsible_unit",
            "owner_email",
            "revision_reason",
            "progress",
            "recorded_status",
            "progress_update",
            "completed_on",
            "confidential",
            "priority",
            "sent_to_executive",
            "executive_response",
            "response_date",
            "response_due",
            "case_ref",
            "decision_date",
            "remedy_kind",
            "public_report",
          ]),
        },
      });
    }
  }
  return { records: out, errors };
}

function pick(record: CanonicalRecord, columns: (keyof CanonicalRecord)[]): CanonicalRecord {
  const out: CanonicalRecord = {};
  for (const column of columns) if (record[column] !== undefined) out[column] = record[column];
  return out;
}
