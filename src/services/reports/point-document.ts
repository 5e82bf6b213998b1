/** A reporting point's Word report or Excel workbook, built fresh from the register when asked for. */
import type { Store } from "../../data/database.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import type { StatusKey } from "../../domain/status/status.js";
import type { Logger } from "../../logger.js";
import { DocumentKind } from "./document-links.js";
import { committeeReportForPoint, type ReportSettings } from "./load-committee-report.js";
import { reportingPointById } from "./reporting-points.js";

export interface BuiltDocument {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export const CONTENT_TYPES: Record<DocumentKind | "csv", string> = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv",
};

/** "audit-committee-9-january-2024": safe in a Content-Disposition header on every browser. */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "report"
  );
}

export async function pointDocument(
  prisma: Store,
  request: {
    pointId: number;
    kind: DocumentKind;
    statusKey: StatusKey;
    configuredLastReport?: IsoDate | null;
    today?: IsoDate;
    logger?: Logger;
    /** The slippage tables' settings; absent, the defaults. */
    settings?: ReportSettings;
  },
): Promise<BuiltDocument | null> {
  const point = await reportingPointById(prisma, request.pointId);
  if (!point) return null;
  const { model, register } = await committeeReportForPoint(prisma, point, {
    ...request.settings,
    statusKey: request.statusKey,
    configuredLastReport: request.configuredLastReport ?? null,
    logger: request.logger,
    // Before the cut-off the documents are a draft as at today, not figures from the future.
    ...(request.today ? { asAt: request.today } : {}),
  });
  // The document libraries (docx, exceljs) load on the first document asked for, not at the bot's start.
  if (request.kind === DocumentKind.word) {
    const { buildWordReport } = await import("./build-word-report.js");
    const { inspectionsExpectedPart } = await import("../calendar/expected-inspections.js");
    return {
      fileName: `${slug(point.name)}-report.docx`,
      contentType: CONTENT_TYPES.docx,
      body: await buildWordReport(model, { inspectionsExpected: await inspectionsExpectedPart(prisma, model.today) }),
    };
  }
  const { buildRegisterWorkbook } = await import("./build-register-workbook.js");
  const { calendarSheetRows } = await import("../calendar/calendar-sheet.js");
  return {
    fileName: `${slug(point.name)}-register.xlsx`,
    contentType: CONTENT_TYPES.xlsx,
    body: await buildRegisterWorkbook(
      register,
      model.today,
      request.statusKey,
      request.settings,
      await calendarSheetRows(prisma),
    ),
  };
}
