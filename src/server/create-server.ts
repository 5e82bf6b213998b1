/**
 * The HTTP server: a page at / saying what this is, health (/healthz liveness, /readyz readiness), and
 * (when the bot is attached) the Bot Framework endpoint. A 5xx from any route carries a reference that is
 * logged with the error, never the error's own text.
 */
import restify from "restify";
import type { Store } from "../data/database.js";
import { registerSize } from "../data/register/register-store.js";
import type { Logger } from "../logger.js";
import { withDeadline } from "../services/deadline.js";
import type { ReportSettings } from "../services/reports/load-committee-report.js";
import { registerTabApi, type TabApiDependencies } from "./api/tab-api.js";
import { registerDocumentRoutes } from "./document-routes.js";
import { registerHomePage } from "./home-page.js";
import {
  READINESS_DATABASE_TIMEOUT_MS,
  registerReadiness,
  ServerLifecycle,
  type DispatcherProbe,
} from "./readiness.js";
import { registerTabPage } from "./tab-page.js";
import { answerInternalError, internalErrorBody, newReference } from "./internal-error.js";

/** What the server needs of the bot: process one Bot Framework request. */
export interface MessageEndpoint {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface ServerDependencies {
  prisma: Store;
  logger: Logger;
  version: string;
  bot?: MessageEndpoint;
  /** Shutdown state shared with the SIGTERM handler: /readyz and new turns answer 503 once it is stopping. */
  lifecycle?: ServerLifecycle;
  /** LAST_REPORT_DATE: where a first reporting point's period starts. */
  lastReportDate?: string | null;
  /** The report's slippage settings (at-risk rule, repeat threshold, priority labels); absent, the defaults. */
  reportSettings?: ReportSettings;
  /** The outbox dispatcher this process runs: /readyz answers 503 while it is stuck. */
  dispatcher?: DispatcherProbe;
  /** The tab's API under /api/ (issue 24); absent, not served. */
  tabApi?: TabApiDependencies;
}

export function createServer({
  prisma,
  logger,
  version,
  bot,
  lifecycle = new ServerLifecycle(),
  lastReportDate = null,
  reportSettings,
  dispatcher,
  tabApi,
}: ServerDependencies): restify.Server {
  const server = restify.createServer({ name: "recommendation-tracker", handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1_000_000 }));

  registerHomePage(server, version);

  // Liveness: 200 while the process serves, whatever the database says (a platform restarting every
  // instance during a database blip helps nobody); the register's size when the database answers in time.
  server.get("/healthz", async (_req, res) => {
    const size = await withDeadline(
      registerSize(prisma).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      READINESS_DATABASE_TIMEOUT_MS,
      () => ({ ok: false as const, error: new Error(`no answer within ${READINESS_DATABASE_TIMEOUT_MS} ms`) }),
    );
    if (size.ok) {
      res.json(200, { status: "ok", version, database: "ok", ...size.value });
      return;
    }
    const reference = newReference();
    logger.warn({ err: size.error, reference }, "health check could not reach the database (alive; /readyz says 503)");
    res.json(200, { status: "ok", version, database: "unreachable", reference });
  });

  registerReadiness(server, { prisma, logger, lifecycle, dispatcher });
  registerDocumentRoutes(server, { prisma, logger, lastReportDate, ...(reportSettings ? { reportSettings } : {}) });
  registerTabPage(server);
  if (tabApi) registerTabApi(server, tabApi);

  if (bot) {
    server.post("/api/messages", async (req, res) => {
      const body = req.body as { type?: unknown } | undefined;
      if (!body || typeof body !== "object" || typeof body.type !== "string") {
        res.json(400, { error: "the body must be a Bot Framework activity (JSON with a type)" });
        return;
      }
      try {
        await bot.process(req, res);
      } catch (error) {
        answerInternalError(res, logger, error, "the bot could not process this activity");
      }
    });
  }

  // Errors restify would answer itself (an unexpected throw) with their message: answered here instead,
  // with a reference; restify sends nothing once a response has gone.
  server.on(
    "restifyError",
    (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, next: () => void) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        const reference = newReference();
        logger.error({ err, url: req.url, reference }, "request failed");
        if (!res.headersSent)
          res.json(status, internalErrorBody(reference, "the server could not answer this request"));
      }
      return next();
    },
  );
  return server;
}

export function listen(server: restify.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}
