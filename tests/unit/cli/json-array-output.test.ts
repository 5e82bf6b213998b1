/** `status --json` is written in pieces: the pieces together must be exactly the JSON of the whole list. */
import { describe, expect, it } from "vitest";
import { writeJsonArray } from "../../../src/cli/json-array-output.js";

function written(list: readonly unknown[]): { text: string; writes: number } {
  let text = "";
  let writes = 0;
  writeJsonArray(list, (piece) => {
    text += piece;
    writes += 1;
  });
  return { text, writes };
}

describe("writeJsonArray", () => {
  it("gives the same text as JSON.stringify with two-space indent, for empty, small and many-piece lists", () => {
    const item = (n: number) => ({
      review_title: `Review ${n}`,
      item_ref: `Rec ${n}`,
      reason: 'line one\nline two "quoted"',
      tags: [n, { nested: [] }],
      gone: undefined,
    });
    for (const list of [[], [item(1)], [1, "two", null, [3]], Array.from({ length: 1_234 }, (_, n) => item(n))]) {
      expect(written(list).text).toBe(`${JSON.stringify(list, null, 2)}\n`);
    }
  });

  it("writes a long list in several pieces rather than one", () => {
    expect(written(Array.from({ length: 1_234 }, (_, n) => ({ n }))).writes).toBeGreaterThan(2);
  });
});
