/** A pino logger that keeps its entries in memory, so a test can find what the bot logged. */
import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "../../src/logger.js";

/** One logged line as pino writes it: the fields tests look for are named, any others may be present. */
export interface LogEntry {
  level?: number;
  msg?: string;
  reference?: string;
  reason?: unknown;
  err?: { message?: string };
  [field: string]: unknown;
}

export interface CapturedLog {
  logger: Logger;
  entries: LogEntry[];
}

export function captureLog(level = "info"): CapturedLog {
  const entries: LogEntry[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) entries.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return { logger: pino({ level }, stream), entries };
}
