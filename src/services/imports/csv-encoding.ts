/**
 * A CSV's encoding found, not assumed: UTF-8 (with or without its mark), UTF-16 with its mark, or else
 * Windows-1252 (what Excel's plain "CSV" saves in the UK) when the bytes plausibly are that. A file that
 * is none of these is refused, with the lines that show it, rather than read with its characters garbled.
 */
import { createReadStream } from "node:fs";
import { open, readFile } from "node:fs/promises";
import { TextEncoding } from "../../domain/text/text-encoding.js";
import { TableFileError } from "./table-file-error.js";
import { implausibleWindows1252Lines } from "./windows-1252-check.js";

const SAVE_AS_UTF8 = 'save it from Excel as "CSV UTF-8 (Comma delimited)" and import again';
/**
 * Windows-1252's bytes 0x80 to 0x9F (the rest are Latin-1, byte for code point); "" marks the five it
 * leaves undefined, whose presence means some other encoding. Written out because Node 20's
 * TextDecoder("windows-1252") decodes these bytes as Latin-1 control characters.
 */
const WINDOWS_1252_HIGH = [
  "\u20ac",
  "",
  "\u201a",
  "\u0192",
  "\u201e",
  "\u2026",
  "\u2020",
  "\u2021",
  "\u02c6",
  "\u2030",
  "\u0160",
  "\u2039",
  "\u0152",
  "",
  "\u017d",
  "",
  "",
  "\u2018",
  "\u2019",
  "\u201c",
  "\u201d",
  "\u2022",
  "\u2013",
  "\u2014",
  "\u02dc",
  "\u2122",
  "\u0161",
  "\u203a",
  "\u0153",
  "",
  "\u017e",
  "\u0178",
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes)
    text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** Where the UTF-8 sequence starting at `i` ends (exclusive), or -1 when no well-formed one starts there. */
function utf8SequenceEnd(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  const length =
    lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || i + length > bytes.length) return -1;
  for (let k = 1; k < length; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) return -1;
  return i + length;
}

function firstUtf8MultiByteCharacter(bytes: Uint8Array): number {
  return bytes.findIndex((b, i) => b >= 0x80 && utf8SequenceEnd(bytes, i) !== -1);
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    if (bytes[i]! < 0x80) i += 1;
    else {
      const end = utf8SequenceEnd(bytes, i);
      if (end === -1) return i;
      i = end;
    }
  }
  return -1;
}

/** The CSV's text and the encoding it was read with, or a TableFileError saying how to save it instead. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const decode = (encoding: TextEncoding, body: Uint8Array) => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw new TableFileError(
        `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not ${encoding.toUpperCase()} text: ${SAVE_AS_UTF8}`,
      );
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decode(TextEncoding.utf8, bytes.subarray(3)), encoding: TextEncoding.utf8 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decode(TextEncoding.utf16le, bytes.subarray(2)), encoding: TextEncoding.utf16le };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: decode(TextEncoding.utf16be, bytes.subarray(2)), encoding: TextEncoding.utf16be };
  try {
    return { text: new TextDecoder(TextEncoding.utf8, { fatal: true }).decode(bytes), encoding: TextEncoding.utf8 };
  } catch {
    // Not UTF-8: Windows-1252 if every byte is a character there, else refuse.
  }
  const stray = bytes.findIndex(
    (b) =>
      (b >= 0x80 && b <= 0x9f && WINDOWS_1252_HIGH[b - 0x80] === "") ||
      (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d),
  );
  if (stray !== -1) {
    const byte = `0x${bytes[stray]!.toString(16).padStart(2, "0").toUpperCase()}`;
    throw new TableFileError(
      `the file is neither UTF-8 nor Windows-1252 text (byte ${byte} on line ${lineOfByte(bytes, stray)} is a character in neither): ${SAVE_AS_UTF8}`,
    );
  }
  // Rows pasted together from a UTF-8 file and a Windows-1252 one: either reading garbles some of them.
  const utf8Character = firstUtf8MultiByteCharacter(bytes);
  if (utf8Character !== -1) {
    throw new TableFileError(
      `the file mixes UTF-8 (line ${lineOfByte(bytes, utf8Character)}) and Windows-1252 (line ${lineOfByte(bytes, firstInvalidUtf8(bytes))}) text, so some characters would come out wrong: ${SAVE_AS_UTF8}`,
    );
  }
  const implausible = implausibleWindows1252Lines(bytes);
  if (implausible.length) {
    throw new TableFileError(
      `the file is neither UTF-8 nor Windows-1252 text (${implausible.length === 1 ? "line" : "lines"} ${implausible.join(", ")} ${implausible.length === 1 ? "holds" : "hold"} characters that read as garbled in both, as another encoding such as Shift-JIS does): ${SAVE_AS_UTF8}`,
    );
  }
  return { text: decodeWindows1252(bytes), encoding: TextEncoding.windows1252 };
}

/** The first bytes' byte-order mark, if any. */
function byteOrderMark(head: Uint8Array): { encoding: TextEncoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: TextEncoding.utf8, length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: TextEncoding.utf16le, length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: TextEncoding.utf16be, length: 2 };
  return null;
}

/** Whether the file is UTF-8 throughout, read a chunk at a time (the text made is dropped at once). */
async function isUtf8File(file: string): Promise<boolean> {
  const decoder = new TextDecoder(TextEncoding.utf8, { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return true;
  } catch {
    return false;
  }
}

/** The file's encoding (as decodeCsv would find it) and its text a chunk at a time. */
export async function openCsvText(
  file: string,
): Promise<{ encoding: TextEncoding; pieces: Iterable<string> | AsyncIterable<string> }> {
  const head = new Uint8Array(3);
  const opened = await open(file);
  const { bytesRead } = await opened.read(head, 0, 3, 0).finally(() => opened.close());
  const mark = byteOrderMark(head.subarray(0, bytesRead));
  if (!mark && !(await isUtf8File(file))) {
    // Windows-1252 (or a refusal saying why not): Excel's plain CSV, read whole as before.
    const { text, encoding } = decodeCsv(await readFile(file));
    return { encoding, pieces: [text] };
  }
  const encoding = mark?.encoding ?? TextEncoding.utf8;
  async function* pieces(): AsyncGenerator<string> {
    const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    try {
      for await (const chunk of createReadStream(file, { start: mark?.length ?? 0 })) {
        yield decoder.decode(chunk as Buffer, { stream: true });
      }
      yield decoder.decode();
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      const name = encoding.toUpperCase();
      throw new TableFileError(
        `the file starts with a ${name} byte-order mark but is not ${name} text: ${SAVE_AS_UTF8}`,
      );
    }
  }
  return { encoding, pieces: pieces() };
}
