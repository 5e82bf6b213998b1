/**
 * Work that must not wait for ever: the first of the work's own answer and its deadline. The work itself is
 * not stopped (a promise cannot be); whoever races it decides what becomes of a late answer.
 */

/** The work's answer, or `onTimeout()`'s once `ms` milliseconds have passed without one. */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
