/**
 * `copy --to URL [--from URL]` in words: what was copied per table, or why nothing was. --from
 * defaults to DATABASE_URL, the register every other command works on.
 */
import type { CopyRegisterOutcome } from "../services/register/copy-register.js";

export function describeCopy(outcome: CopyRegisterOutcome): string {
  if (!outcome.ok) return `Nothing copied from ${outcome.from} to ${outcome.to}: ${outcome.reason}`;
  const width = Math.max(...outcome.tables.map((t) => t.table.length));
  return [
    `Copied the register from ${outcome.from} to ${outcome.to}, ${outcome.rows} rows in all:`,
    ...outcome.tables.map((t) => `  ${t.table.padEnd(width)}  ${String(t.rows).padStart(7)}`),
  ].join("\n");
}
