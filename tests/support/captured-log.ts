/** A pino logger that keeps its entries in memory, so a test can find what the bot logged. */
import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "../../src/logger.js";

export interface CapturedLog {
  logger: Logger;
  entries: Record<string, any>[];
}

export function captureLog(level = "info"): CapturedLog {
  const entries: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) entries.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, stream), entries };
}
