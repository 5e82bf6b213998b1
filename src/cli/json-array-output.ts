/**
 * Writes a long list as the JSON `JSON.stringify(list, null, 2)` would give, a few hundred elements at
 * a time, so `status --json` over 100,000 items never holds the whole text (tens of MB) at once.
 */

/** Elements stringified per write: large enough that writes stay few, small enough to stay a few hundred KB. */
const ELEMENTS_PER_WRITE = 500;

/** Writes `list` as indented JSON followed by a newline, byte for byte what JSON.stringify(list, null, 2) + "\n" is. */
export function writeJsonArray(list: readonly unknown[], write: (text: string) => void): void {
  if (list.length === 0) {
    write("[]\n");
    return;
  }
  for (let start = 0; start < list.length; start += ELEMENTS_PER_WRITE) {
    const parts: string[] = [];
    for (let n = start; n < Math.min(start + ELEMENTS_PER_WRITE, list.length); n += 1) {
      // Each element sits one level in: its own lines indented by two more spaces, as in the whole array's text.
      parts.push(`  ${(JSON.stringify(list[n], null, 2) ?? "null").replace(/\n/g, "\n  ")}`);
    }
    write(`${start === 0 ? "[\n" : ",\n"}${parts.join(",\n")}`);
  }
  write("\n]\n");
}
