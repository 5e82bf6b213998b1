/**
 * Readiness and shutdown for the HTTP server. `/healthz` says the process is alive; `/readyz` says it can
 * serve: the database answers, the outbox dispatcher is not stuck, and the bot is not shutting down (a load
 * balancer stops routing to it).
 * Once shutdown has begun, new Bot Framework requests get 503 with Retry-After, so Teams retries them on
 * another instance instead of the turn being cut off half-way.
 */
import type restify from "restify";
import { checkDatabase } from "../data/database-check.js";
import type { Store } from "../data/database.js";
import type { Logger } from "../logger.js";
import type { DispatcherHealth } from "../services/dispatch/drain-watchdog.js";
import { newReference } from "./internal-error.js";
import { readinessDetails } from "./readiness-details.js";
import { withDeadline } from "../services/deadline.js";

/** How long /readyz waits for the database (a locked SQLite file waits for its busy timeout otherwise). */
export const READINESS_DATABASE_TIMEOUT_MS = 2_000;

/** Whether the process has begun shutting down; set once by the SIGTERM handler. */
export class ServerLifecycle {
  #stopping = false;

  get stopping(): boolean {
    return this.#stopping;
  }

  beginShutdown(): void {
    this.#stopping = true;
  }
}

/** `reason` may be shown to callers; `detail` (an error's own text) goes only to the log. */
export type Readiness = { ready: true } | { ready: false; reason: string; detail?: string };

/** What readiness asks of the outbox dispatcher (dispatch-outbox.ts): whether a drain has stalled. */
export interface DispatcherProbe {
  health(): DispatcherHealth;
}

/** The database answers a query within the timeout, the dispatcher is not stuck, and the process is not stopping. */
export async function checkReadiness(
  store: Store,
  lifecycle: ServerLifecycle,
  timeoutMs = READINESS_DATABASE_TIMEOUT_MS,
  dispatcher?: DispatcherProbe,
): Promise<Readiness> {
  if (lifecycle.stopping) return { ready: false, reason: "the bot is shutting down" };
  const database = await databaseReadiness(store, timeoutMs);
  if (!database.ready) return database;
  const dispatch = dispatcher?.health();
  return dispatch?.stuck ? { ready: false, reason: dispatch.reason } : database;
}

async function databaseReadiness(store: Store, timeoutMs: number): Promise<Readiness> {
  const query = checkDatabase(store).then(
    (): Readiness => ({ ready: true }),
    (error: unknown): Readiness => ({
      ready: false,
      reason: "the database could not be read",
      detail: (error as Error).message.split("\n")[0],
    }),
  );
  return withDeadline(query, timeoutMs, () => ({
    ready: false,
    reason: `the database did not answer within ${timeoutMs} ms`,
  }));
}

export function registerReadiness(
  server: restify.Server,
  {
    prisma,
    logger,
    lifecycle,
    dispatcher,
  }: { prisma: Store; logger: Logger; lifecycle: ServerLifecycle; dispatcher?: DispatcherProbe },
): void {
  server.get("/readyz", async (_req, res) => {
    const readiness = await checkReadiness(prisma, lifecycle, READINESS_DATABASE_TIMEOUT_MS, dispatcher);
    if (readiness.ready) {
      res.json(200, { status: "ready", database: "ok", details: await readinessDetails(prisma) });
      return;
    }
    if (lifecycle.stopping) {
      res.json(503, { status: "not_ready", reason: readiness.reason });
      return;
    }
    const reference = newReference();
    logger.warn({ reason: readiness.reason, detail: readiness.detail, reference }, "not ready");
    res.json(503, { status: "not_ready", reason: readiness.reason, reference });
  });

  // Turns in progress finish; new ones are refused while stopping.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (lifecycle.stopping && req.method === "POST" && req.path() === "/api/messages") {
      res.header("Retry-After", "5");
      res.header("Connection", "close");
      res.json(503, { error: "the bot is restarting: send this again in a few seconds" });
      return next(false);
    }
    return next();
  });
}
