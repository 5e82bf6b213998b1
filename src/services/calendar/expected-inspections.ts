/**
 * The inspection calendar as the expected-inspections answer reads it: each regime with its readiness
 * owner and the readiness reminders queued or sent for its current expected date (read from the outbox).
 */
import type { Store } from "../../data/database.js";
import { listRegimes, readinessMessagesWithPrefixes } from "../../data/calendar/regime-store.js";
import type { ExpectedRegime } from "../../domain/calendar/expected-question.js";

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
