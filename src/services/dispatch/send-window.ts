/**
 * The app-wide pace of proactive sends. Teams counts the requests that reach it in a rolling second, and a
 * request reaches Teams somewhere between the moment it leaves and the moment its answer comes back. So a
 * send counts here from when it leaves until a second after its answer: a new one leaves only while fewer
 * than `limit` count. Then no second of Teams' can see more than `limit`, however long the way there and back
 * (a fixed guess at that way was beaten by a loaded machine's delays). Within that rule sends are spread
 * evenly, and a send a busy machine's timer started late is made up as soon as the window has room rather
 * than lost (one token at a time gave every late timer away: about 70% of the rate on a loaded machine).
 * Every method takes the instant it reasons about.
 */
import { TokenBucket } from "./token-bucket.js";

/** Teams' rolling second, plus a few milliseconds for clocks that count in whole milliseconds. */
export const TEAMS_WINDOW_MS = 1_005;

/** Late sends made up at most this many at once (a short burst), so a long stall does not turn into one. */
const CATCH_UP_SENDS = 5;

/** One send as the window counts it: from `start` until a window after `answeredAt` (null: no answer yet). */
export interface SendTicket {
  start: number;
  answeredAt: number | null;
}

export class SendWindow {
  /** How many sends may count at once: the limit, whole (a rate below one a second is kept by the spacing). */
  private readonly capacity: number;
  /** Sends that still count (and assumed ones, see assumeEvenPaceUntil). */
  private counted: SendTicket[] = [];
  private readonly spacing: TokenBucket;

  constructor(
    private readonly limit: number,
    now: number,
  ) {
    this.capacity = Math.max(1, Math.floor(limit));
    // Evenly spread at `limit` a second; starting with one token, so a new pace never opens with a burst.
    this.spacing = new TokenBucket(limit, Math.min(CATCH_UP_SENDS, this.capacity), now, 1);
  }

  /** The even interval between sends at the full pace. */
  get intervalMs(): number {
    return 1_000 / this.limit;
  }

  /** The interval of the full pace assumed on taking over: the window's capacity spread over the window. */
  private get assumedIntervalMs(): number {
    return TEAMS_WINDOW_MS / this.capacity;
  }

  /** Milliseconds until another send may leave (0: now); while every counted send awaits its answer, a short look again. */
  waitMs(now: number): number {
    this.forgetPast(now);
    const spacing = this.spacing.waitMs(now);
    if (this.counted.length < this.capacity) return spacing;
    const answered = this.counted.filter((t) => t.answeredAt !== null).map((t) => t.answeredAt! + TEAMS_WINDOW_MS);
    const freed = answered.length > 0 ? Math.min(...answered) - now : this.intervalMs;
    return Math.max(spacing, Math.ceil(Math.max(1, freed)));
  }

  /** Counts a send leaving at `now`; the caller checked `waitMs` first and calls `answered` with the ticket. */
  take(now: number): SendTicket {
    this.spacing.take(now);
    const ticket: SendTicket = { start: now, answeredAt: null };
    this.counted.push(ticket);
    return ticket;
  }

  /** Teams answered this send (whatever the answer) at `now`. */
  answered(ticket: SendTicket, now: number): void {
    ticket.answeredAt = now;
  }

  /**
   * Takes over the outbox from whoever sent before (another instance, perhaps one that died): this one cannot
   * know their last sends, so it assumes they went at the full even pace until one interval before `now`,
   * each answered at once, and continues that pace (its first send may go at once). Its own sends that still
   * count, count as well.
   */
  assumeEvenPaceUntil(now: number): void {
    for (let k = 0; k < this.capacity; k += 1) {
      const at = now - (k + 1) * this.assumedIntervalMs;
      this.counted.push({ start: at, answeredAt: at });
    }
    this.forgetPast(now);
  }

  /**
   * Takes over from a dispatcher that stopped mid-batch without handing over (it died): its catch-up burst and
   * its sends in flight may all have reached Teams just before `now`, which no even pace accounts for. So a
   * full window counts as answered at `now`, and the first send waits out one window (once per crash).
   */
  assumeFullWindowAt(now: number): void {
    for (let k = 0; k < this.capacity; k += 1) this.counted.push({ start: now, answeredAt: now });
  }

  /**
   * The first instant at which another dispatcher may take over, continuing as from a full even pace (as
   * assumeEvenPaceUntil does), without the two together exceeding the limit: the last answer after an even
   * pace, later after a burst. Called once every send has its answer.
   */
  handOverAt(): number {
    const answers = this.counted.map((t) => t.answeredAt ?? Number.POSITIVE_INFINITY).sort((a, b) => b - a);
    // The k-th latest answer (k from 0) must be no later than the successor's k-th latest assumed send.
    const assumed = this.assumedIntervalMs;
    return answers.reduce((at, answer, k) => Math.max(at, answer + (k + 1) * assumed), Number.NEGATIVE_INFINITY);
  }

  /** Sends answered more than a window ago no longer count. */
  private forgetPast(now: number): void {
    this.counted = this.counted.filter((t) => t.answeredAt === null || t.answeredAt + TEAMS_WINDOW_MS > now);
  }
}
