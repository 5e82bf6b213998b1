/**
 * GET /documents/:token: a reporting point's Word report or Excel workbook behind a short-lived signed
 * link. A link that has expired answers 403 and one the bot did not make 404, each with a JSON
 * message saying how to get a fresh link; nothing a caller sends can crash the server.
 */
import type restify from "restify";
import type { Store } from "../data/database.js";
import { londonDate } from "../domain/dates/calendar-date.js";
import type { Logger } from "../logger.js";
import { documentSigningKey, verifyDocumentToken } from "../services/reports/document-links.js";
import type { ReportSettings } from "../services/reports/load-committee-report.js";
import { pointDocument } from "../services/reports/point-document.js";
import { answerInternalError } from "./internal-error.js";

export interface DocumentRouteDependencies {
  prisma: Store;
  logger: Logger;
  /** LAST_REPORT_DATE: where a first reporting point's period starts. */
  lastReportDate?: string | null;
  /** The report's slippage settings (at-risk rule, repeat threshold, priority labels); absent, the defaults. */
  reportSettings?: ReportSettings;
  /** The clock links are checked against (tests move it). */
  now?: () => Date;
}

const FRESH_LINKS = 'Ask the recommendation tracker bot for "summary documents" to get fresh links.';

function timeText(date: Date): string {
  return `${date.toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "medium", timeStyle: "short" })} (UK time)`;
}

export function registerDocumentRoutes(
  server: restify.Server,
  { prisma, logger, lastReportDate = null, reportSettings, now = () => new Date() }: DocumentRouteDependencies,
): void {
  server.get("/documents/:token", async (req: restify.Request, res: restify.Response) => {
    const { token: tokenParam } = req.params as { token?: unknown };
    const token = typeof tokenParam === "string" ? tokenParam : "";
    try {
      const check = verifyDocumentToken(await documentSigningKey(prisma), token, now());
      if (!check.ok) {
        if (check.reason === "expired") {
          res.json(403, { error: `This link expired at ${timeText(check.expiredAt)}. ${FRESH_LINKS}` });
        } else {
          logger.warn({ tokenLength: token.length }, "document link with a bad signature refused");
          res.json(404, { error: `There is no document at this link. ${FRESH_LINKS}` });
        }
        return;
      }
      const document = await pointDocument(prisma, {
        ...check.token,
        configuredLastReport: lastReportDate,
        today: londonDate(now()),
        logger,
        ...(reportSettings ? { settings: reportSettings } : {}),
      });
      if (!document) {
        res.json(404, { error: `The reporting point this link was made for no longer exists. ${FRESH_LINKS}` });
        return;
      }
      logger.info(
        { pointId: check.token.pointId, kind: check.token.kind, bytes: document.body.length },
        "document served",
      );
      res.writeHead(200, {
        "content-type": document.contentType,
        "content-length": document.body.length,
        "content-disposition": `attachment; filename="${document.fileName}"`,
        // A document reflects the register when asked for; never let a proxy keep one.
        "cache-control": "no-store",
      });
      res.end(document.body);
    } catch (error) {
      answerInternalError(res, logger, error, "the document could not be built");
    }
  });
}
