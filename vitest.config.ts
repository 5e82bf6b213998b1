import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Integration tests each use their own SQLite file; forks keep better-sqlite3 handles per process.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
