/**
 * A 5xx answer that says what to do and leaks nothing: the body carries a reference, the log carries
 * the same reference with the error, so the improvement team can find one from the other.
 */
import { randomUUID } from "node:crypto";
import type restify from "restify";
import type { Logger } from "../logger.js";

export function newReference(): string {
  return randomUUID();
}

export function internalErrorBody(reference: string, what: string): { error: string; reference: string } {
  return {
    error: `Sorry: ${what}. Try again; if it keeps happening, give the improvement team the reference ${reference}.`,
    reference,
  };
}

/** Logs `error` under a fresh reference and answers `status` (500 unless given) with only that reference. */
export function answerInternalError(
  res: restify.Response,
  logger: Logger,
  error: unknown,
  what: string,
  status = 500,
): string {
  const reference = newReference();
  logger.error({ err: error, reference, status }, what);
  if (!res.headersSent) res.json(status, internalErrorBody(reference, what));
  return reference;
}
