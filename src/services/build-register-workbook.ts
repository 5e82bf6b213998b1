/**
 * The report's appendix: the register in D1's layout (export-register.ts) as at the report's cut-off,
 * with confidential reviews reduced to their rating, because the link to it is posted to channels.
 */
import type { IsoDate } from "../domain/calendar-date.js";
import { formatLongDay } from "../domain/committee-report.js";
import { PUBLISHED_AUDIENCE, visibleRegister } from "../domain/visibility.js";
import type { RegisterReview } from "../domain/register.js";
import { registerAsAt } from "../domain/reporting-snapshot.js";
import type { StatusKey } from "../domain/status.js";
import { buildExportRows, createXlsxWorkbook } from "./export-register.js";

export async function buildRegisterWorkbook(
  register: readonly RegisterReview[],
  today: IsoDate,
  statusKey: StatusKey,
): Promise<Buffer> {
  const rows = buildExportRows(visibleRegister(PUBLISHED_AUDIENCE, registerAsAt(register, today)), today, statusKey);
  const workbook = createXlsxWorkbook(rows, `Register of recommendations as at ${formatLongDay(today)}`);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
