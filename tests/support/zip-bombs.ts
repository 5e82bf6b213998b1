/**
 * Zip bombs made from real documents: a .docx or .xlsx whose one part has megabytes of a repeated letter
 * written into it where a marker stood, so the file stays a few hundred kilobytes while its zip directory
 * says it unpacks to hundreds of megabytes. The bytes are deflated piece by piece, never held whole.
 */
import JSZip from "jszip";
import { zipBytes } from "./zip-writer.js";

const MB = 1024 * 1024;

export function* repeated(piece: Buffer, times: number): Generator<Buffer> {
  for (let i = 0; i < times; i += 1) yield piece;
}

/** `document` (a zip) again, with `megabytes` MB of "a" written into the part holding `marker`, before it. */
export async function inflatedCopy(document: Buffer, marker: string, megabytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(document);
  const parts: { name: string; pieces: Iterable<Buffer> }[] = [];
  let found = false;
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name]!.dir) continue;
    const bytes = await zip.file(name)!.async("nodebuffer");
    const at = found ? -1 : bytes.indexOf(marker);
    if (at === -1) {
      parts.push({ name, pieces: [bytes] });
      continue;
    }
    found = true;
    parts.push({
      name,
      pieces: [bytes.subarray(0, at), ...repeated(Buffer.alloc(MB, "a"), megabytes), bytes.subarray(at)],
    });
  }
  if (!found) throw new Error(`no part of the document holds ${marker}`);
  return zipBytes(parts);
}
