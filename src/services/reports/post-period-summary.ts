/**
 * Posting a reporting point's summary to a conversation: the committee report as at its cut-off, fresh
 * document links, the summary card queued for the dispatcher, and the point's snapshot recorded in the
 * same commit as the queued card (so a failure leaves neither).
 */
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { renderSummaryCard } from "../../cards/render-summary-card.js";
import { inTransaction } from "../../data/transaction.js";
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import type { RegisterReview } from "../../domain/register/register.js";
import type { StatusKey } from "../../domain/status/status.js";
import type { Logger } from "../../logger.js";
import { documentLinks } from "./document-links.js";
import { committeeReportForPoint } from "./load-committee-report.js";
import { enqueueMessage, MessagePurpose } from "../dispatch/outbox.js";
import { postReportingPoint, type ReportingPoint } from "./reporting-points.js";
import type { Store } from "../store.js";

export interface SummarySettings {
  statusKey: StatusKey;
  /** LAST_REPORT_DATE: where the first period starts when no earlier point is recorded. */
  configuredLastReport: IsoDate | null;
  /** Where the document links point. */
  baseUrl: string;
  linkMinutes: number;
  logger: Logger;
  /** AT_RISK_WORKING_DAYS and AT_RISK_STALE_DAYS, for the card's at-risk counts; absent, the defaults. */
  atRisk?: AtRiskSettings;
}

export interface SummaryPost {
  point: ReportingPoint;
  register: RegisterReview[];
  /** Who posts it, for the audit entry. */
  actor: string;
  conversationId: string;
  /** The message that asked: Teams redelivering the same message queues one card. */
  requestId: string;
  now: Date;
}

export interface PostedSummary {
  since: IsoDate;
  /** Whether this post recorded the point's snapshot (the first post does; later ones keep it). */
  recorded: boolean;
  snapshotAt: Date;
  /** The snapshot's items, and its milestones apart. */
  items: number;
  milestones: number;
  outboundId: number;
}

/** Queues the summary card and records the snapshot; the caller has checked that the cut-off has passed. */
export async function postPeriodSummary(
  store: Store,
  post: SummaryPost,
  settings: SummarySettings,
): Promise<PostedSummary> {
  const { point, register, now } = post;
  // The register as recorded by the end of the cut-off day: the card, the snapshot and the documents agree.
  const { model, register: recorded } = await committeeReportForPoint(store, point, {
    statusKey: settings.statusKey,
    configuredLastReport: settings.configuredLastReport,
    register,
    logger: settings.logger,
    ...(settings.atRisk ? { atRisk: settings.atRisk } : {}),
  });
  const links = await documentLinks(store, {
    pointId: point.id,
    statusKey: settings.statusKey,
    baseUrl: settings.baseUrl,
    minutes: settings.linkMinutes,
    now,
  });
  const card = renderSummaryCard(model, links);
  return inTransaction(store, async (tx) => {
    const posted = await postReportingPoint(tx, {
      point,
      since: model.since,
      register: recorded,
      statusKey: settings.statusKey,
      actor: post.actor,
      now,
    });
    // The caller checked the cut-off with the same clock, so this cannot be refused here.
    if (!posted.ok) throw new Error(posted.reason);
    const queued = await enqueueMessage(tx, {
      conversationId: post.conversationId,
      purpose: MessagePurpose.summary,
      activity: {
        type: "message",
        summary: `Period summary: ${point.name}`,
        attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
      },
      dedupeKey: `summary:${point.id}:${post.conversationId}:${post.requestId}`,
    });
    return {
      since: model.since,
      recorded: posted.recorded,
      snapshotAt: posted.snapshotAt,
      items: posted.items,
      milestones: posted.milestones,
      outboundId: queued.id,
    };
  });
}
