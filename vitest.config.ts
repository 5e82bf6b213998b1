import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests each use their own SQLite file; forks keep better-sqlite3 handles per process.
    pool: "forks",
    // Vitest's default (one fewer than the cores) is a single worker on a 2-core machine, and most test files
    // spend their time waiting on servers, browsers and child processes rather than computing: one per core.
    maxWorkers: Math.max(2, os.availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
