/**
 * A workbook's or Word document's zip directory checked before anything is unpacked: an .xlsx or .docx
 * is a zip of XML parts, and a few hundred kilobytes can unpack to gigabytes (one sheet of a repeated
 * cell). The directory states each part's packed and unpacked size, so a file too large once unpacked
 * is refused having read only it.
 */
import AdmZip from "adm-zip";
import { ImportLimit } from "../../domain/imports/limits.js";

const MB = 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / MB).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

export const DAMAGED_WORKBOOK =
  "the file is not an Excel workbook or is damaged: open it in Excel and save it again as an Excel workbook (.xlsx)";

export const DAMAGED_DOCUMENT =
  "the file is not a Word document or is damaged: open it in Word and save it again as a Word document (.docx)";

/** How each kind of file is named in what the check says, and what to do about too much inside it. */
const KINDS = {
  workbook: {
    damaged: DAMAGED_WORKBOOK,
    name: "workbook",
    aloneFix: "save the register alone in a new workbook",
    splitFix: "split the register or remove other sheets and pictures",
  },
  document: {
    damaged: DAMAGED_DOCUMENT,
    name: "document",
    aloneFix: "copy the tracker's tables alone into a new document",
    splitFix: "split the tracker or remove pictures and embedded files",
  },
} as const;

/** What is wrong with the workbook's zip (saying what to do), or null when it is within every limit. */
export function workbookZipProblem(bytes: Buffer): string | null {
  return zipPackageProblem(bytes, "workbook");
}

/** The same check for any zip package the import reads: an Excel workbook or a Word document. */
export function zipPackageProblem(bytes: Buffer, kind: keyof typeof KINDS): string | null {
  const says = KINDS[kind];
  let entries: AdmZip.IZipEntry[];
  try {
    entries = new AdmZip(bytes).getEntries();
  } catch {
    return says.damaged;
  }
  if (entries.length > ImportLimit.workbookParts)
    return `the ${says.name} holds ${entries.length.toLocaleString("en-GB")} parts, more than a register's ${says.name} has (at most ${ImportLimit.workbookParts.toLocaleString("en-GB")}): ${says.aloneFix}`;
  let unpacked = 0;
  for (const entry of entries) {
    const { size, compressedSize } = entry.header;
    unpacked += size;
    if (size > Math.max(compressedSize, 1) * ImportLimit.workbookPartRatio && size > MB)
      return `the ${says.name}'s part ${entry.entryName} unpacks to ${megabytes(size)} from ${megabytes(compressedSize)}, more than ${ImportLimit.workbookPartRatio} times its size, which no register needs: ${says.aloneFix}`;
  }
  if (unpacked > ImportLimit.workbookUnpackedBytes)
    return `the ${says.name} unpacks to ${megabytes(unpacked)}, more than the ${megabytes(ImportLimit.workbookUnpackedBytes)} an import reads: ${says.splitFix}`;
  return null;
}
