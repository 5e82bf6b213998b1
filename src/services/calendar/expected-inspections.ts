/**
 * The inspection calendar as the expected-inspections answer reads it: each regime with its readiness
 * owner and the readiness reminders queued or sent for its current expected date (read from the outbox).
 */
import type { Store } from "../../data/database.js";
import { listRegimes, readinessMessagesWithPrefixes } from "../../data/calendar/regime-store.js";
import {
  expectedInspectionsAnswer,
  MONTHS_AHEAD,
  type ExpectedRegime,
} from "../../domain/calendar/expected-question.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";

export async function expectedRegimes(store: Store): Promise<ExpectedRegime[]> {
  const regimes = await listRegimes(store);
  const prefixOf = (r: { id: number; nextExpected: string }) => `calendar:${r.id}:${r.nextExpected}:`;
  const messages = await readinessMessagesWithPrefixes(store, regimes.map(prefixOf));
  return regimes.map((r) => ({
    regime: r.regime,
    inspectorate: r.inspectorate,
    directorateId: r.directorateId,
    nextExpected: r.nextExpected,
    readinessOwner: r.readinessOwner,
    reminders: messages
      .filter((m) => m.dedupeKey.startsWith(prefixOf(r)))
      .map((m) => ({ monthsBefore: Number(m.dedupeKey.slice(prefixOf(r).length)), sent: m.sent }))
      .sort((a, b) => b.monthsBefore - a.monthsBefore),
  }));
}

/** The Word report's "Inspections expected" part: the next 12 months from the report's day, as the answer says them. */
export async function inspectionsExpectedPart(store: Store, today: IsoDate): Promise<InspectionsExpectedPart | null> {
  const regimes = await expectedRegimes(store);
  if (regimes.length === 0) return null;
  const found = expectedInspectionsAnswer(regimes, MONTHS_AHEAD.usual, today);
  return {
    title: found.title,
    lines: found.lines,
    passed: found.passed.length ? `Expected before then, with no event linked yet: ${found.passed.join("; ")}.` : null,
  };
}

export interface InspectionsExpectedPart {
  title: string;
  lines: string[];
  passed: string | null;
}
