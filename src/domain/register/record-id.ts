/**
 * What a record id sent from outside (a card's data) may be: a whole number the database's id columns can
 * hold. Those columns are 32-bit signed integers on SQLite and PostgreSQL alike (Prisma's Int), so an id
 * outside 1..2,147,483,647 names no record; passed on, it would overflow the driver instead.
 */
import { InputLimit } from "../input-limits.js";

/** Digits only as text (no sign, exponent, decimal point or spaces inside), at most ten of them. */
const DIGITS = /^\d{1,10}$/;

/** The id, or null when `value` is not one a record could have. */
export function parseRecordId(value: unknown): number | null {
  const number =
    typeof value === "number" ? value : typeof value === "string" && DIGITS.test(value.trim()) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 1 && number <= InputLimit.recordId ? number : null;
}

/** A count a card carries (an item's version, a page's offset): a whole number from 0 within the same column range. */
export function parseCardCount(value: unknown): number | null {
  const number =
    typeof value === "number" ? value : typeof value === "string" && DIGITS.test(value.trim()) ? Number(value) : NaN;
  return Number.isSafeInteger(number) && number >= 0 && number <= InputLimit.recordId ? number : null;
}
