/**
 * The register held in memory between questions, reloaded when it changes. Every change writes an
 * audit entry, so the newest audit id is the register's version. The version is read at most once a
 * second (another instance's change shows within that second; this process's own writes call
 * `invalidate()` and show at once). Answers are pure functions of the register, the day and the
 * question, so they are cached per version too. A change reloads only the reviews it touched.
 */
import type { Store } from "../../data/database.js";
import {
  loadRegister,
  loadReviews,
  registerVersion,
  reviewsChangedBetween,
} from "../../data/register/register-store.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { carryReportOrder } from "../../domain/questions/select-items.js";

export interface Snapshot {
  version: number;
  reviews: RegisterReview[];
  /** Derived values (answers) for this version only; dropped with it. */
  memo: Map<string, unknown>;
  /**
   * Values that depend only on the register's shape (review titles, bodies, directorates: the title
   * list, parsed questions), kept across a change that leaves the shape as it was.
   */
  shapeMemo: Map<string, unknown>;
}

const ANSWER_MEMO_LIMIT = 500;

export class RegisterSnapshots {
  private current: Snapshot | null = null;
  private loading: Promise<Snapshot> | null = null;
  private checkedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly versionCheckMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Call after writing to the register, so this process sees the change at once. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  async snapshot(): Promise<Snapshot> {
    if (this.current && this.clock() - this.checkedAt < this.versionCheckMs) return this.current;
    const version = await registerVersion(this.store);
    this.checkedAt = this.clock();
    if (this.current?.version === version) return this.current;
    // Questions arriving together share one reload.
    const previous = this.current;
    this.loading ??= this.reload(previous, version)
      .then((reviews) => {
        const sameShape = previous !== null && sameRegisterShape(previous.reviews, reviews);
        if (sameShape) carryReportOrder(previous.reviews, reviews);
        return (this.current = {
          version,
          reviews,
          memo: new Map<string, unknown>(),
          shapeMemo: sameShape ? previous.shapeMemo : new Map<string, unknown>(),
        });
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /**
   * Reloads only the reviews the audit log says changed since the last version, keeping every other
   * review object as it was, so what is cached per review or item (item statuses) survives the change.
   * Anything that may touch every review (an import, a person) reloads the whole register.
   */
  private async reload(previous: Snapshot | null, version: number): Promise<RegisterReview[]> {
    if (!previous || version < previous.version) return loadRegister(this.store);
    const changed = await reviewsChangedBetween(this.store, previous.version, version);
    if (changed === null) return loadRegister(this.store);
    const fresh = new Map((await loadReviews(this.store, changed)).map((r) => [r.id, r]));
    const directorateOf = new Map(previous.reviews.map((r) => [r.id, r.directorateId]));
    // A new review, or one moved to another directorate, changes the register's order: read it all then.
    if ([...fresh.values()].some((r) => directorateOf.get(r.id) !== r.directorateId)) return loadRegister(this.store);
    return previous.reviews.map((review) => fresh.get(review.id) ?? review);
  }

  async get(): Promise<RegisterReview[]> {
    return (await this.snapshot()).reviews;
  }
}

/** The same reviews with the same titles, bodies and directorates, in the same order. */
function sameRegisterShape(before: readonly RegisterReview[], after: readonly RegisterReview[]): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i += 1) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b) continue;
    if (a.id !== b.id || a.title !== b.title || a.body !== b.body || a.directorateId !== b.directorateId) return false;
  }
  return true;
}

/** As `memoise`, for a value that depends only on the register's shape (see Snapshot.shapeMemo). */
export function memoiseShape<T>(snapshot: Snapshot, key: string, compute: () => T): T {
  if (snapshot.shapeMemo.has(key)) return snapshot.shapeMemo.get(key) as T;
  const value = compute();
  if (snapshot.shapeMemo.size >= ANSWER_MEMO_LIMIT) snapshot.shapeMemo.delete(snapshot.shapeMemo.keys().next().value!);
  snapshot.shapeMemo.set(key, value);
  return value;
}

/** A value derived from one snapshot, computed once per key. */
export function memoise<T>(snapshot: Snapshot, key: string, compute: () => T): T {
  if (snapshot.memo.has(key)) return snapshot.memo.get(key) as T;
  const value = compute();
  if (snapshot.memo.size >= ANSWER_MEMO_LIMIT) snapshot.memo.delete(snapshot.memo.keys().next().value!);
  snapshot.memo.set(key, value);
  return value;
}

/** As `memoise`, for a value that takes a query to compute. */
export async function memoiseAsync<T>(snapshot: Snapshot, key: string, compute: () => Promise<T>): Promise<T> {
  if (snapshot.memo.has(key)) return snapshot.memo.get(key) as T;
  const value = await compute();
  snapshot.memo.set(key, value);
  return value;
}
