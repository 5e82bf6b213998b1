/**
 * Whether bytes that are not UTF-8 plausibly are Windows-1252 (Excel's plain "CSV" in the UK). Nearly any
 * byte is some character there, so Shift-JIS or another multi-byte encoding would read as garbled but
 * "valid" text. Western text is mostly ASCII with an accented letter, £ or a curly quote here and there:
 * two non-ASCII bytes side by side (other than two letters, as in "Größe") or one of the symbols no
 * register uses (ƒ ‚ „ † ‡ ˆ ‰ ‹ › ˜) are what another encoding's characters look like when read so.
 */

/** Bytes 0x80 to 0x9F that Western text uses: € … ‘ ’ “ ” • – — ™, and the letters Š Œ Ž š œ ž Ÿ. */
const WESTERN_HIGH_CONTROL_RANGE = new Set([
  0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f,
]);
const LETTERS_IN_HIGH_CONTROL_RANGE = new Set([0x8a, 0x8c, 0x8e, 0x9a, 0x9c, 0x9e, 0x9f]);

function isLetter(byte: number): boolean {
  return (byte >= 0xc0 && byte !== 0xd7 && byte !== 0xf7) || LETTERS_IN_HIGH_CONTROL_RANGE.has(byte);
}

function unlikelyBeside(byte: number, neighbour: number | undefined): boolean {
  return neighbour !== undefined && neighbour >= 0x80 && !(isLetter(byte) && isLetter(neighbour));
}

/** Lines shown in a refusal: enough to find the text, not the whole file's. */
const LINES_SHOWN = 5;

/**
 * The lines (up to five) whose bytes do not read as Western text, when more than a quarter of the
 * non-ASCII bytes do not; an empty list when the bytes plausibly are Windows-1252.
 */
export function implausibleWindows1252Lines(bytes: Uint8Array): number[] {
  let nonAscii = 0;
  let unlikely = 0;
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if (byte === 0x0a) line += 1;
    if (byte < 0x80) continue;
    nonAscii += 1;
    const odd =
      (byte <= 0x9f && !WESTERN_HIGH_CONTROL_RANGE.has(byte)) ||
      unlikelyBeside(byte, bytes[i - 1]) ||
      unlikelyBeside(byte, bytes[i + 1]);
    if (!odd) continue;
    unlikely += 1;
    if (lines.length < LINES_SHOWN && lines[lines.length - 1] !== line) lines.push(line);
  }
  return unlikely * 4 > nonAscii ? lines : [];
}
