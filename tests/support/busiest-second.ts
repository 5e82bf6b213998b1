/** What Teams' app-wide limit counts: the most requests that arrived within any one second (a sliding window). */
export function busiestSecond(instants: readonly number[]): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= 1_000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
