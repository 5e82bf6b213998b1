/**
 * Record ids from cards are what the database's 32-bit id columns can hold, as numbers or as digits: the
 * edges by name, then many random values (a seeded generator, so a failure repeats) across and beyond the range.
 */
import { describe, expect, it } from "vitest";
import { InputLimit } from "../../../src/domain/input-limits.js";
import { parseCardCount, parseRecordId } from "../../../src/domain/register/record-id.js";

const MAX = InputLimit.recordId;

describe("record ids", () => {
  it.each([
    [1, 1],
    ["1", 1],
    [" 42 ", 42],
    [MAX, MAX],
    [String(MAX), MAX],
  ])("%j is the id %d", (value, expected) => {
    expect(parseRecordId(value)).toBe(expected);
  });

  it.each([
    0,
    "0",
    -1,
    "-1",
    1.5,
    "1.5",
    "abc",
    "1e3",
    "0x10",
    "",
    " ",
    MAX + 1,
    String(MAX + 1),
    2 ** 53,
    1e20,
    "99999999999999999999",
    Number.NaN,
    Infinity,
    null,
    undefined,
    true,
    [1],
    { id: 1 },
  ])("%j names no record", (value) => {
    expect(parseRecordId(value)).toBeNull();
  });

  it("a page or version may be 0, and is bounded the same way", () => {
    expect(parseCardCount("0")).toBe(0);
    expect(parseCardCount(MAX)).toBe(MAX);
    expect(parseCardCount(MAX + 1)).toBeNull();
    expect(parseCardCount(-1)).toBeNull();
  });

  it("random values: an id exactly when a whole number from 1 to the column's largest, as a number or as digits", () => {
    let seed = 27;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i += 1) {
      const magnitude = 10 ** Math.floor(random() * 22);
      const whole = Math.floor((random() - 0.1) * magnitude);
      const value = random() < 0.2 ? whole + 0.5 : whole;
      const expected = Number.isInteger(value) && value >= 1 && value <= MAX ? value : null;
      expect(parseRecordId(value), String(value)).toBe(expected);
      if (Number.isSafeInteger(value)) expect(parseRecordId(String(value)), `"${value}"`).toBe(expected);
    }
  });
});
