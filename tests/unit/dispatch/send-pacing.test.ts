/**
 * The dispatcher's app-wide pacing, on simulated time: a dispatcher's loop asks how long to wait, its timer
 * fires late as on a loaded machine, each send reaches Teams somewhere between leaving and its answer.
 * What Teams would see is counted per rolling second over those arrivals; what the owners notice is how many
 * cards a second go out.
 */
import { describe, expect, it } from "vitest";
import { SendPacing } from "../../../src/services/dispatch/send-pacing.js";
import { busiestSecond } from "../../support/busiest-second.js";

interface SimulatedSend {
  start: number;
  answeredAt: number;
}

interface Run {
  /** Milliseconds each timer fires after it was asked to. */
  timerLateMs: number;
  /** How long the i-th send waits for Teams' answer. */
  roundTripMs: (i: number) => number;
  from: number;
  until: number;
  /** Numbers the chats from here, so two runs can share none. */
  firstChat?: number;
}

/** A dispatcher's loop on `pacing` from `from` to `until`, one send per chat (the per-chat rate never binds). */
function simulate(pacing: SendPacing, run: Run): SimulatedSend[] {
  const sends: SimulatedSend[] = [];
  const awaiting: { send: SimulatedSend; ticket: ReturnType<SendPacing["take"]> }[] = [];
  let now = run.from;
  while (now < run.until) {
    for (const waiting of awaiting.filter((w) => w.send.answeredAt <= now)) {
      pacing.answered(waiting.ticket, waiting.send.answeredAt);
      awaiting.splice(awaiting.indexOf(waiting), 1);
    }
    const wait = pacing.globalWaitMs(now);
    if (wait > 0) {
      now += wait + run.timerLateMs;
      continue;
    }
    const ticket = pacing.take(`chat-${(run.firstChat ?? 0) + sends.length}`, now);
    const send = { start: now, answeredAt: now + run.roundTripMs(sends.length) };
    sends.push(send);
    awaiting.push({ send, ticket });
    now += 1;
  }
  for (const waiting of awaiting) pacing.answered(waiting.ticket, waiting.send.answeredAt);
  return sends;
}

/** Where each send reached Teams: as it left or as it was answered, alternately (the extremes). */
const extremes = (sends: SimulatedSend[]) => sends.map((s, i) => (i % 3 === 0 ? s.start : s.answeredAt));

describe("app-wide send pacing", () => {
  it("makes up the sends a loaded machine's late timers would lose: at least 90% of 50 a second", () => {
    const pacing = new SendPacing(50, 7, 0);
    const sends = simulate(pacing, { timerLateMs: 8, roundTripMs: () => 15, from: 0, until: 20_000 });

    expect(sends.length / 20).toBeGreaterThanOrEqual(45);
    expect(busiestSecond(sends.map((s) => s.start))).toBeLessThanOrEqual(50);
    expect(busiestSecond(extremes(sends))).toBeLessThanOrEqual(50);
  });

  it("however long Teams takes to answer, no second of Teams' sees more than 50", () => {
    const pacing = new SendPacing(50, 7, 0);
    // The first second's sends take 900 ms to be answered and reach Teams at the last moment; later ones are
    // answered in 5 ms and reach it at once: on Teams' side the two bunch together.
    const slow = (i: number) => i < 50;
    const sends = simulate(pacing, {
      timerLateMs: 3,
      roundTripMs: (i) => (slow(i) ? 900 : 5),
      from: 0,
      until: 20_000,
    });

    expect(busiestSecond(sends.map((s, i) => (slow(i) ? s.answeredAt : s.start)))).toBeLessThanOrEqual(50);
    expect(busiestSecond(extremes(sends))).toBeLessThanOrEqual(50);
    expect(sends.length / 20).toBeGreaterThanOrEqual(35);
  });

  it("an instance taking over the outbox continues within the app-wide rate, after a burst of made-up sends", () => {
    const first = new SendPacing(50, 7, 0);
    const before = simulate(first, { timerLateMs: 15, roundTripMs: () => 20, from: 0, until: 5_000 });
    // The first hands over no earlier than it says; the next instance starts from an assumed full pace.
    const takeOver = Math.max(5_000, first.handOverAt());
    const next = new SendPacing(50, 7, takeOver);
    next.takeOver(takeOver, "handed over");
    const after = simulate(next, {
      timerLateMs: 0,
      roundTripMs: () => 20,
      from: takeOver,
      until: takeOver + 5_000,
      firstChat: before.length,
    });

    expect(busiestSecond(extremes([...before, ...after]))).toBeLessThanOrEqual(50);
    expect(after.length).toBeGreaterThanOrEqual(0.95 * 50 * 5);
  });

  it("an instance taking over from one that died mid-batch keeps within the rate, whatever the dead one's last sends", () => {
    const dying = new SendPacing(50, 7, 0);
    // Late timers make for bursts of made-up sends; a slow Teams keeps 16 in flight at the moment of death.
    const before = simulate(dying, { timerLateMs: 15, roundTripMs: () => 320, from: 0, until: 5_000 });
    const diedAt = 5_000;
    // Each of its sends reached Teams as late as it could: at its answer, or at the death if that came first.
    const beforeArrivals = before.map((s) => Math.min(s.answeredAt, diedAt));
    // The lock is free once the dead one's connection ends: the next instance takes over a moment later.
    const next = new SendPacing(50, 7, diedAt + 1);
    next.takeOver(diedAt + 1, "stopped mid-batch");
    const after = simulate(next, {
      timerLateMs: 0,
      roundTripMs: () => 20,
      from: diedAt + 1,
      until: diedAt + 6_000,
      firstChat: before.length,
    });

    expect(busiestSecond([...beforeArrivals, ...after.map((s) => s.start)])).toBeLessThanOrEqual(50);
    // One window's pause, then the full pace.
    expect(after[0]!.start).toBeGreaterThanOrEqual(diedAt + 1_000);
    expect(after.length).toBeGreaterThanOrEqual(0.95 * 50 * 5);
  });
});
