/**
 * The register as a file for one person, as the command line's `export` writes it (the tracker's layout
 * with computed status, CSV or a workbook), but only what the visibility rule lets that viewer see where
 * they asked: in a personal chat, everything; anywhere else, confidential reviews as counts and rating.
 */
import type { Store } from "../../data/database.js";
import { loadRegister } from "../../data/register/register-store.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import type { StatusKey } from "../../domain/status/status.js";
import { visibleRegister, type VisibilityViewer } from "../../domain/visibility.js";
import { CONTENT_TYPES, type BuiltDocument } from "./point-document.js";

export const RegisterFormat = { csv: "csv", xlsx: "xlsx" } as const;
export type RegisterFormat = (typeof RegisterFormat)[keyof typeof RegisterFormat];

export async function registerFile(
  store: Store,
  request: { viewer: VisibilityViewer; format: RegisterFormat; today: IsoDate; statusKey: StatusKey },
): Promise<BuiltDocument> {
  const { buildExportRows, createXlsxWorkbook, csvExportText } = await import("./export-register.js");
  const register = visibleRegister(request.viewer, await loadRegister(store));
  const rows = buildExportRows(register, request.today, request.statusKey);
  const fileName = `recommendations-register-${request.today}.${request.format}`;
  if (request.format === RegisterFormat.csv)
    return { fileName, contentType: CONTENT_TYPES.csv, body: Buffer.from(csvExportText(rows), "utf8") };
  const workbook = createXlsxWorkbook(rows, `Recommendations register as of ${request.today}`);
  return { fileName, contentType: CONTENT_TYPES.xlsx, body: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
