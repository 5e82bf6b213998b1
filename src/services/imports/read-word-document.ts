/**
 * Reads a Word document's (.docx) tables for the import: the zip's directory is checked first (as a
 * workbook's is), then word/document.xml alone is unpacked and parsed. Nothing else in the package is
 * opened: macros (vbaProject.bin), embedded objects, pictures and the relationships that point at
 * external links or other files are never read, and a field's instruction (INCLUDETEXT, a link) is not
 * text. Deleted text of a tracked change is left out, inserted text kept: the document as it now reads.
 * Which tables are the tracker, and how their rows become the import's, is decided in
 * domain/imports/word-tables.ts.
 */
import { readFile } from "node:fs/promises";
import AdmZip from "adm-zip";
import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";
import { ImportLimit } from "../../domain/imports/limits.js";
import {
  readWordTables,
  type WordCell,
  type WordDocumentRows,
  type WordTable,
} from "../../domain/imports/word-tables.js";
import { TableFileError } from "./table-file-error.js";
import { DAMAGED_DOCUMENT, zipPackageProblem } from "./workbook-zip-check.js";

/** The one part read: the document's body. */
const DOCUMENT_PART = "word/document.xml";

/** A paragraph before a table longer than this is prose, never a section heading, so it is not kept. */
const HEADING_CHARACTERS = 200;

/** Reads the document's tables into rows, or throws TableFileError saying what to fix. */
export async function readWordDocument(file: string): Promise<WordDocumentRows> {
  const bytes = await readFile(file);
  const zipProblem = zipPackageProblem(bytes, "document");
  if (zipProblem) throw new TableFileError(zipProblem);
  let xml: string;
  try {
    const stated = new AdmZip(bytes).getEntry(DOCUMENT_PART)?.header.size ?? 0;
    xml = await unpackDocumentPart(bytes, stated);
  } catch (error) {
    if (error instanceof TableFileError) throw error;
    throw new TableFileError(DAMAGED_DOCUMENT);
  }
  let tables: WordTable[];
  try {
    tables = wordTables(xml);
  } catch {
    // Malformed XML, or nesting deep enough to exhaust the stack: the file is not a document Word wrote.
    throw new TableFileError(DAMAGED_DOCUMENT);
  }
  return readWordTables(tables);
}

/**
 * The document part's text, unpacked as a stream that stops past the size the zip's directory states
 * for it: a directory that understates a part cannot make the reader unpack more than was checked.
 */
async function unpackDocumentPart(bytes: Buffer, stated: number): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file(DOCUMENT_PART);
  if (!part)
    throw new TableFileError(
      `the file has no ${DOCUMENT_PART}, so it is not a Word document: open it in Word and save it as a Word document (.docx)`,
    );
  const most = Math.min(stated, ImportLimit.workbookUnpackedBytes);
  // jszip's stream is an older Readable without async iteration: its events are listened to.
  const stream = part.nodeStream("nodebuffer");
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let stopped = false;
    stream.on("data", (chunk: Buffer) => {
      if (stopped) return;
      size += chunk.length;
      if (size <= most) chunks.push(chunk);
      else {
        stopped = true;
        chunks.length = 0;
        stream.pause();
        reject(
          new TableFileError(
            `the document's text unpacks to more than its zip's directory states (${most.toLocaleString("en-GB")} bytes), so reading stopped: ${DAMAGED_DOCUMENT}`,
          ),
        );
      }
    });
    stream.on("error", reject);
    stream.on("end", () => {
      if (!stopped) resolve(Buffer.concat(chunks).toString("utf8"));
    });
  });
}

/** A parsed element in document order: { "w:tag": children, ":@": attributes } or { "#text": text }. */
type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Entities are decoded here, once (the parser leaves numeric ones as written).
  processEntities: false,
});

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

function tagOf(node: XmlNode): string | null {
  for (const key in node) if (key !== ":@") return key;
  return null;
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const children = tag ? node[tag] : null;
  return Array.isArray(children) ? (children as XmlNode[]) : [];
}

function attribute(node: XmlNode, name: string): string | undefined {
  return (node[":@"] as Record<string, string> | undefined)?.[name];
}

/** Elements whose content is the document's text as it reads; any other is passed over (deleted text, fields' instructions, drawings, objects). */
const TEXT_CONTAINERS = new Set([
  "w:r",
  "w:hyperlink",
  "w:ins",
  "w:moveTo",
  "w:smartTag",
  "w:sdt",
  "w:sdtContent",
  "w:customXml",
  "w:fldSimple",
  "w:dir",
  "w:bdo",
]);

/** A paragraph's text: runs' text, a line break as \n, a tab as a space. */
function paragraphText(paragraph: XmlNode): string {
  let text = "";
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:t") {
        for (const child of childrenOf(node)) if (typeof child["#text"] === "string") text += child["#text"];
      } else if (tag === "w:br" || tag === "w:cr") text += "\n";
      else if (tag === "w:tab") text += " ";
      else if (tag === "w:noBreakHyphen") text += "-";
      else if (tag && TEXT_CONTAINERS.has(tag)) walk(childrenOf(node));
    }
  };
  walk(childrenOf(paragraph));
  return decodeEntities(text);
}

/** A cell's text: its paragraphs (and any table inside it) one per line, blank lines at either end dropped. */
function cellText(cell: XmlNode): string {
  const lines: string[] = [];
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:p") lines.push(paragraphText(node));
      else if (tag === "w:tbl" || tag === "w:tr" || tag === "w:tc" || tag === "w:sdt" || tag === "w:sdtContent")
        walk(childrenOf(node));
      else if (tag === "w:customXml") walk(childrenOf(node));
    }
  };
  walk(childrenOf(cell));
  return lines.join("\n").trim();
}

function readCell(cell: XmlNode): WordCell {
  let span = 1;
  let merge: WordCell["merge"] = null;
  for (const property of childrenOf(cell)) {
    if (tagOf(property) !== "w:tcPr") continue;
    for (const setting of childrenOf(property)) {
      const tag = tagOf(setting);
      if (tag === "w:gridSpan") span = Math.max(1, Number.parseInt(attribute(setting, "w:val") ?? "1", 10) || 1);
      // A vMerge without a value continues the cell above, as Word writes it.
      if (tag === "w:vMerge") merge = attribute(setting, "w:val") === "restart" ? "restart" : "continue";
    }
  }
  return { text: cellText(cell), span, merge };
}

/** A row's cells, including those inside content controls or custom XML wrapping them. */
function rowCells(row: XmlNode): WordCell[] {
  const cells: WordCell[] = [];
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:tc") cells.push(readCell(node));
      else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") walk(childrenOf(node));
    }
  };
  walk(childrenOf(row));
  return cells;
}

function tableRows(table: XmlNode): WordCell[][] {
  const rows: WordCell[][] = [];
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:tr") rows.push(rowCells(node));
      else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") walk(childrenOf(node));
    }
  };
  walk(childrenOf(table));
  return rows;
}

/** The body's tables in order, each with the short paragraphs since the table before (its section's heading). */
export function wordTables(xml: string): WordTable[] {
  const parsed = parser.parse(xml) as XmlNode[];
  const documentNode = parsed.find((n) => tagOf(n) === "w:document");
  const body = documentNode ? childrenOf(documentNode).find((n) => tagOf(n) === "w:body") : undefined;
  if (!body) throw new Error("no document body");
  const tables: WordTable[] = [];
  let textBefore: string[] = [];
  const walk = (nodes: XmlNode[]) => {
    for (const node of nodes) {
      const tag = tagOf(node);
      if (tag === "w:tbl") {
        tables.push({ number: tables.length + 1, textBefore, rows: tableRows(node) });
        textBefore = [];
      } else if (tag === "w:p") {
        const text = paragraphText(node).trim();
        if (text && text.length <= HEADING_CHARACTERS) textBefore.push(text);
      } else if (tag === "w:sdt" || tag === "w:sdtContent" || tag === "w:customXml") walk(childrenOf(node));
    }
  };
  walk(childrenOf(body));
  return tables;
}
