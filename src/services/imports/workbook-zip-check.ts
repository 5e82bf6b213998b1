/**
 * A workbook's zip directory checked before anything is unpacked: an .xlsx is a zip of XML parts, and a
 * few hundred kilobytes can unpack to gigabytes (one sheet of a repeated cell). The directory states each
 * part's packed and unpacked size, so a workbook too large once unpacked is refused having read only it.
 */
import AdmZip from "adm-zip";
import { ImportLimit } from "../../domain/imports/limits.js";

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

export const DAMAGED_WORKBOOK =
  "the file is not an Excel workbook or is damaged: open it in Excel and save it again as an Excel workbook (.xlsx)";

/** What is wrong with the workbook's zip (saying what to do), or null when it is within every limit. */
export function workbookZipProblem(bytes: Buffer): string | null {
  let entries: AdmZip.IZipEntry[];
  try {
    entries = new AdmZip(bytes).getEntries();
  } catch {
    return DAMAGED_WORKBOOK;
  }
  if (entries.length > ImportLimit.workbookParts)
    return `the workbook holds ${entries.length.toLocaleString("en-GB")} parts, more than a register's workbook has (at most ${ImportLimit.workbookParts.toLocaleString("en-GB")}): save the register alone in a new workbook`;
  let unpacked = 0;
  for (const entry of entries) {
    const { size, compressedSize } = entry.header;
    unpacked += size;
    if (size > Math.max(compressedSize, 1) * ImportLimit.workbookPartRatio && size > MB)
      return `the workbook's part ${entry.entryName} unpacks to ${megabytes(size)} from ${megabytes(compressedSize)}, more than ${ImportLimit.workbookPartRatio} times its size, which no register needs: save the register alone in a new workbook`;
  }
  if (unpacked > ImportLimit.workbookUnpackedBytes)
    return `the workbook unpacks to ${megabytes(unpacked)}, more than the ${megabytes(ImportLimit.workbookUnpackedBytes)} an import reads: split the register or remove other sheets and pictures`;
  return null;
}
