/**
 * A token bucket: `ratePerSecond` tokens a second, holding at most `capacity`. The dispatcher keeps one per
 * conversation (capacity one: sends to a chat evenly spaced) and one inside the app-wide send window
 * (send-window.ts), which allows a few tokens to make up for late timers while the window caps any second.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
    /** Tokens at the start (default: full). */
    initialTokens = capacity,
  ) {
    this.tokens = Math.min(capacity, initialTokens);
    this.updatedAt = now;
  }

  private refill(now: number): void {
    if (now > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
      this.updatedAt = now;
    }
  }

  /** Milliseconds until a token is there (0: one is there now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Takes a token; the caller checked `waitMs` first. */
  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** Full and untouched for a while: safe to forget (the dispatcher drops idle conversation buckets). */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}
