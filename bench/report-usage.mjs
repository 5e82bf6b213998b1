/**
 * Preload for benchmarks (`node --import`): when the process exits, print the CPU time it used and its
 * peak memory to stderr as one JSON line, so a benchmark can tell start-up work from waiting for a busy CPU.
 */
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(
    `PROCESS_USAGE ${JSON.stringify({ cpuMs: (user + system) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
});
