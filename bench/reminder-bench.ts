/**
 * Reminder fan-out: 5,000 owners, each with one reminder due, through the real sweep and the real
 * dispatcher (botbuilder's adapter) to the local stand-in connector, which enforces Teams' limits
 * (7 a second per conversation, 50 a second overall, answering 429 with Retry-After: 1 over them) and
 * answers 1% of the other sends 429 at random. Prints messages per second sustained, lost (must be 0),
 * duplicates (must be 0), apologies sent instead of a card (must be 0), reminder claims delivered (must be
 * every one: a claim is delivered only when Teams accepted its card) and the ratio to the configured global
 * rate (aim: 90% or better). Only reminder cards count as deliveries.
 *   npx tsx bench/reminder-bench.ts            (BENCH_OWNERS=500 for a quick run)
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createTeamsDelivery } from "../src/bot/teams-delivery.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/data/database.js";
import { ensureDirectorates } from "../src/data/register/register-store.js";
import { createLogger } from "../src/logger.js";
import { OutboxDispatcher, sendRatesFromConfig } from "../src/services/dispatch/dispatch-outbox.js";
import { reminderPolicyFromConfig } from "../src/services/reminders/policy-from-config.js";
import { sendDueReminders } from "../src/services/reminders/sweep/send-due-reminders.js";
import { benchConversationOf, writeOwnersRegister } from "./owners-register.js";
import { startStandInConnector } from "../tests/support/stand-in-connector.js";

const OWNERS = Number(process.env.BENCH_OWNERS ?? 5_000);
const RANDOM_429_RATE = Number(process.env.BENCH_RANDOM_429 ?? 0.01);
/** Wednesday 25 June 2025, 09:05 London: every item below has its "3 working days before" reminder due. */
const NOW = new Date("2025-06-25T08:05:00Z");

export interface ReminderBenchResult {
  owners: number;
  sweepSeconds: number;
  cardsQueued: number;
  dispatchSeconds: number;
  messagesPerSecond: number;
  configuredRate: number;
  ratioToConfigured: number;
  lost: number;
  duplicates: number;
  apologies: number;
  claimsDelivered: number;
  throttledOverLimit: number;
  throttledAtRandom: number;
}

export async function runReminderBench(): Promise<ReminderBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-reminder-bench-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  const prisma = await openDatabase(url);
  const connector = await startStandInConnector();
  try {
    await ensureDirectorates(prisma);
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: "warn" });
    const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? "warn");
    const people = await writeOwnersRegister(prisma, connector.url, OWNERS);

    let started = performance.now();
    const sweep = await sendDueReminders(
      {
        prisma,
        policy: reminderPolicyFromConfig(config),
        logger,
        improvementTeamAdmins: [],
        monotonicClock: () => performance.now(),
        newLeaseToken: randomUUID,
      },
      NOW,
    );
    const sweepSeconds = (performance.now() - started) / 1000;
    if (sweep.totals.cards_queued !== OWNERS)
      throw new Error(`the sweep queued ${sweep.totals.cards_queued} cards for ${OWNERS} owners`);

    connector.enforceRateLimits({
      perConversation: config.SEND_RATE_PER_CONVERSATION,
      overall: config.SEND_RATE_PER_SECOND,
      random429Rate: RANDOM_429_RATE,
      retryAfterSeconds: 1,
    });
    const dispatcher = new OutboxDispatcher({
      store: prisma,
      port: createTeamsDelivery(config),
      logger,
      ...sendRatesFromConfig(config),
      clock: Date.now,
      jitter: Math.random,
      leaseToken: randomUUID(),
    });
    started = performance.now();
    const cpuBefore = process.cpuUsage();
    const drained = await dispatcher.drainUntilIdle(30_000);
    const dispatchSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerMessage = (cpu.user + cpu.system) / 1000 / Math.max(1, connector.sent.length);

    const delivered = new Map<string, number>();
    const cards = connector.sent.filter(
      (s) => s.activity.attachments?.[0]?.contentType === "application/vnd.microsoft.card.adaptive",
    );
    for (const s of cards) delivered.set(s.conversationId, (delivered.get(s.conversationId) ?? 0) + 1);
    const apologies = connector.sent.length - cards.length;
    const claimsDelivered = await prisma.reminderClaim.count({ where: { status: "delivered" } });
    const lost = people.filter((p) => !delivered.has(benchConversationOf(Number(p.id)))).length;
    const duplicates = [...delivered.values()].reduce((n, count) => n + count - 1, 0);
    const stillQueued = await prisma.outboundMessage.count({ where: { status: { not: "sent" } } });
    const messagesPerSecond = connector.sent.length / dispatchSeconds;
    const result: ReminderBenchResult = {
      owners: OWNERS,
      sweepSeconds,
      cardsQueued: sweep.totals.cards_queued,
      dispatchSeconds,
      messagesPerSecond,
      configuredRate: config.SEND_RATE_PER_SECOND,
      ratioToConfigured: messagesPerSecond / config.SEND_RATE_PER_SECOND,
      lost,
      duplicates,
      apologies,
      claimsDelivered,
      throttledOverLimit: connector.throttled.overLimit,
      throttledAtRandom: connector.throttled.random,
    };
    console.log(
      `reminders: sweep over ${OWNERS} owners (claim, one card each, queue): ${sweepSeconds.toFixed(2)} s, ${result.cardsQueued} cards queued`,
    );
    console.log(
      `reminders: dispatch of ${result.cardsQueued} cards: ${dispatchSeconds.toFixed(1)} s, ${messagesPerSecond.toFixed(1)} messages/s sustained = ${(result.ratioToConfigured * 100).toFixed(1)}% of the configured ${result.configuredRate}/s (aim >= 90%)`,
    );
    console.log(
      `reminders: CPU per message (dispatcher, adapter and the in-process stand-in together): ${cpuMsPerMessage.toFixed(1)} ms`,
    );
    console.log(
      `reminders: lost ${lost} (must be 0), duplicates ${duplicates} (must be 0), apologies ${apologies} (must be 0), not sent in the outbox ${stillQueued}, claims delivered ${claimsDelivered} of ${OWNERS}`,
    );
    console.log(
      `reminders: 429s from the stand-in: ${result.throttledOverLimit} over a limit, ${result.throttledAtRandom} at random (${(RANDOM_429_RATE * 100).toFixed(1)}%); dispatcher retried ${drained.retried}, failed ${drained.failed}`,
    );
    if (lost !== 0 || duplicates !== 0 || apologies !== 0 || stillQueued !== 0 || claimsDelivered !== OWNERS)
      throw new Error("reminder fan-out lost, duplicated or misreported messages");
    return result;
  } finally {
    await connector.close();
    await prisma.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runReminderBench();
