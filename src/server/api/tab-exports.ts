/**
 * The tab's downloads: the register as CSV or a workbook (the command line's export layout, with computed
 * status), of exactly the rows the grid shows this viewer in this scope with the same filters, and a
 * reporting point's Word report (written for publication: confidential reviews appear only as counts and
 * rating, whoever asks). Each is an attachment, never cached.
 */
import { londonDate } from "../../domain/dates/calendar-date.js";
import { matchesFilter } from "../../domain/tab/register-grid.js";
import { visibleRegister } from "../../domain/visibility.js";
import { DocumentKind } from "../../services/reports/document-links.js";
import { pointDocument, CONTENT_TYPES, type BuiltDocument } from "../../services/reports/point-document.js";
import type { TabCall } from "./tab-call.js";
import { badQuery, gridViewer, rowsFor } from "./tab-reads.js";
import { exportQuery, gridFilterOf, parseQuery, reportQuery } from "./tab-query.js";

function send(call: TabCall, document: BuiltDocument): void {
  call.res.writeHead(200, {
    "content-type": document.contentType,
    "content-length": document.body.length,
    "content-disposition": `attachment; filename="${document.fileName}"`,
    "cache-control": "no-store",
  });
  call.res.end(document.body);
}

/** The visible register cut down to the grid's filtered rows: reviews with none of them are left out. */
async function filteredExport(call: TabCall, format: "csv" | "xlsx"): Promise<void> {
  const query = parseQuery(exportQuery, call.query);
  if (!query.ok) return badQuery(call, query);
  const rows = (await rowsFor(call, query.value.scope)).filter((row) => matchesFilter(row, gridFilterOf(query.value)));
  // The files keep the register's own order (directorate, review, item), as the command line's export does.
  const shown = new Set(rows.map((row) => row.id));
  const snapshot = await call.deps.snapshots.snapshot();
  const register = visibleRegister(gridViewer(call, query.value.scope), snapshot.reviews)
    .map((review) => ({ ...review, items: review.items.filter((item) => shown.has(item.id)) }))
    .filter((review) => review.items.length > 0);
  const today = londonDate(call.deps.now());
  const statusKey = call.deps.actions.config.STATUS_KEY;
  // The export libraries load on the first download, not at the bot's start.
  const { buildExportRows, createXlsxWorkbook, csvExportText } =
    await import("../../services/reports/export-register.js");
  const exportRows = buildExportRows(register, today, statusKey);
  const scopePart = query.value.scope === "channel" ? "-channel" : "";
  const fileName = `recommendations-register${scopePart}-${today}.${format}`;
  if (format === "csv")
    return send(call, {
      fileName,
      contentType: CONTENT_TYPES.csv,
      body: Buffer.from(csvExportText(exportRows), "utf8"),
    });
  const workbook = createXlsxWorkbook(exportRows, `Recommendations register as of ${today}`);
  send(call, { fileName, contentType: CONTENT_TYPES.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) });
}

export const registerCsv = (call: TabCall) => filteredExport(call, "csv");
export const registerWorkbook = (call: TabCall) => filteredExport(call, "xlsx");

export async function wordReport(call: TabCall): Promise<void> {
  const query = parseQuery(reportQuery, call.query);
  if (!query.ok) return badQuery(call, query);
  const { deps } = call;
  const document = await pointDocument(deps.store, {
    pointId: query.value.point,
    kind: DocumentKind.word,
    statusKey: deps.actions.config.STATUS_KEY,
    configuredLastReport: deps.lastReportDate,
    today: londonDate(deps.now()),
    logger: deps.logger,
    settings: deps.reportSettings,
  });
  if (!document) {
    call.res.json(404, { error: "There is no reporting point with this id: pick one from GET /api/reporting-points." });
    return;
  }
  send(call, document);
}
