/**
 * Whether the dispatcher is moving, and what ends a drain that is not. Progress is a batch claimed, a send
 * settled or a drain finished. A drain with no progress for longer than the lease is stuck (what /readyz
 * reports); one with none for longer than the lease and a send's timeout together waits on something that
 * will not answer (every send answers within its timeout), so it is abandoned: it stops renewing its leases,
 * so another run takes its messages back, and the next drain may start.
 */

/** What /readyz is told: moving, or stuck with how long it has made no progress. */
export type DispatcherHealth = { stuck: false } | { stuck: true; reason: string; stalledMs: number };

/** "0.4 s", "12 s": tenths only where they matter. */
const seconds = (ms: number): string => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export class DispatcherProgress {
  private drainingSince: number | null = null;
  private lastProgressAt: number;

  constructor(
    private readonly clock: () => number,
    private readonly leaseMs: number,
  ) {
    this.lastProgressAt = clock();
  }

  began(): void {
    this.drainingSince = this.clock();
  }

  progressed(): void {
    this.lastProgressAt = this.clock();
  }

  /** A drain ended: finished (progress) or abandoned (none; the next drain must show some). */
  ended(finished: boolean): void {
    this.drainingSince = null;
    if (finished) this.progressed();
  }

  /** Milliseconds since the last progress while a drain is running; 0 when idle. */
  stalledMs(): number {
    return this.drainingSince === null ? 0 : this.clock() - this.lastProgressAt;
  }

  /** As stalledMs, but counted from no earlier than this drain's start: a new drain gets its own full time. */
  runStalledMs(): number {
    return this.drainingSince === null ? 0 : this.clock() - Math.max(this.lastProgressAt, this.drainingSince);
  }

  health(): DispatcherHealth {
    const stalledMs = this.stalledMs();
    if (stalledMs <= this.leaseMs) return { stuck: false };
    const reason = `the outbox dispatcher has made no progress for ${seconds(stalledMs)}, longer than its lease of ${seconds(this.leaseMs)}`;
    return { stuck: true, reason, stalledMs };
  }
}

/** One drain as the watchdog sees it: the drain checks `abandoned` and races its waits with `whenAbandoned`. */
export class DrainRun {
  abandoned = false;
  readonly whenAbandoned: Promise<void>;
  private abandonNow!: () => void;

  constructor() {
    this.whenAbandoned = new Promise<void>((resolve) => (this.abandonNow = resolve));
  }

  abandon(): void {
    this.abandoned = true;
    this.abandonNow();
  }
}

/**
 * Runs `work` for one drain, abandoning it once it has made no progress for `abandonAfterMs` (checked a few
 * times within that). Resolves with the work's value, or `abandoned` at once when abandoned.
 */
export async function watchDrain<T>(
  progress: DispatcherProgress,
  abandonAfterMs: number,
  work: (run: DrainRun) => Promise<T>,
  onAbandon: (stalledMs: number) => void,
): Promise<{ abandoned: false; value: T } | { abandoned: true }> {
  const run = new DrainRun();
  progress.began();
  const timer = setInterval(
    () => {
      const stalledMs = progress.runStalledMs();
      if (stalledMs <= abandonAfterMs || run.abandoned) return;
      run.abandon();
      onAbandon(stalledMs);
    },
    Math.max(10, Math.floor(abandonAfterMs / 4)),
  );
  let finished = false;
  try {
    const outcome = await Promise.race([
      work(run).then((value) => ({ abandoned: false as const, value })),
      run.whenAbandoned.then(() => ({ abandoned: true as const })),
    ]);
    finished = !outcome.abandoned;
    return outcome;
  } finally {
    clearInterval(timer);
    progress.ended(finished);
  }
}
