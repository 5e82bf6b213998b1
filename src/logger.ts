import { pino, destination, type Logger } from "pino";

export type { Logger } from "pino";

/** Structured logs to stderr, so stdout stays free for the CLI's JSON. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: { app: "recommendation-tracker" } }, destination(2));
}
