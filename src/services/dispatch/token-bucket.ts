/**
 * A token bucket: `ratePerSecond` tokens a second, holding at most `capacity`. The dispatcher keeps one
 * for the whole app and one per conversation. Teams counts messages in rolling windows, so a bucket that
 * saved up a burst after a quiet spell would overshoot: the dispatcher uses a capacity of one token,
 * which spaces sends evenly at the rate.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
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
