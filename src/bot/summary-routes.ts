/**
 * Summary commands for the improvement team (issue 6), registered before the catch-all question route:
 *   new reporting point <meeting> <date> cut-off <date>   name the next committee meeting and its cut-off
 *   reporting points                            list them
 *   post summary [for <name>]                   queue the summary card to this conversation and snapshot the point
 *   summary documents [for <name>]              fresh signed links to the Word report and Excel workbook
 * Anyone else is told plainly that these are the improvement team's. The card is queued, never sent
 * inside the user's turn: the dispatcher sends it within Teams' rate limits.
 */
import type { Application, TurnState } from "@microsoft/teams-ai";
import { CardFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../cards/render-card.js";
import { renderMessageCard } from "../cards/card-text.js";
import { renderSummaryCard } from "../cards/render-summary-card.js";
import { markdown, type Markdown } from "../cards/text-as-text.js";
import { saveConversation } from "../data/conversation-store.js";
import { formatDay, londonDate } from "../domain/calendar-date.js";
import { cutOffHasPassed, summaryPostableFrom } from "../domain/reporting-period.js";
import { committeeReportForPoint } from "../services/load-committee-report.js";
import { documentLinks } from "../services/document-links.js";
import { enqueueMessage, MessagePurpose } from "../services/outbox.js";
import {
  createReportingPoint, findReportingPoint, listReportingPoints, notYetPostable, periodOf, postReportingPoint, type ReportingPoint,
} from "../services/reporting-points.js";
import type { BotContext } from "./bot-context.js";
import { conversationRecord } from "./conversation.js";
import { command, commandArguments } from "./command-selector.js";

const NEW_POINT = /^new reporting point\s+(.+?)\s+cut[- ]?off(?:\s+date)?\s*:?\s+(.+?)\.?$/i;
const NEW_POINT_HELP = /^new reporting point\b/i;
const LIST_POINTS = /^(?:list\s+|show\s+)?reporting points\??$/i;
const POST_SUMMARY = /^post\s+(?:the\s+)?(?:period\s+)?summary(?:\s+(?:for|of)\s+(.+?))?\.?$/i;
const DOCUMENTS = /^summary documents(?:\s+(?:for|of)\s+(.+?))?\.?$/i;

const EXAMPLE_NEW_POINT = "new reporting point Audit Committee 28 January 2027 cut-off 31 December 2026";
const CUT_OFF_WORD = /\bcut[- ]?off\b/i;

function message(title: string, paragraphs: (string | Markdown)[], suggestions: string[] = []): AdaptiveCard {
  return renderMessageCard(title, paragraphs, { suggestions });
}

function reply(context: TurnContext, card: AdaptiveCard) {
  return context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

export function registerSummaryRoutes(app: Application<TurnState>, bot: BotContext): void {
  const { prisma, logger, config } = bot;
  const baseUrl = config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`;
  if (!config.PUBLIC_BASE_URL) logger.warn({ baseUrl }, "PUBLIC_BASE_URL is not set: document links point at this machine");

  /** Only the improvement team may; anyone else is told so, and nothing changes. */
  async function improvementTeam(context: TurnContext, what: string): Promise<string | null> {
    const actor = await bot.actor(context);
    if (actor.isImprovementTeam) return actor.email ?? context.activity.from.name ?? context.activity.from.id;
    logger.info({ command: what }, "summary command refused: not the improvement team");
    await reply(context, message("That is for the improvement team", [
      `Only the improvement team can ${what}.`,
      "You can still ask me about the register, e.g. \"what's delayed?\".",
    ], ["what's delayed?"]));
    return null;
  }

  async function pointOrExplain(context: TurnContext, name: string | undefined): Promise<ReportingPoint | null> {
    const point = await findReportingPoint(prisma, name);
    if (point) return point;
    const known = (await listReportingPoints(prisma)).map((p) => `${p.name} (meeting ${formatDay(p.meetingDate)}, cut-off ${formatDay(p.cutOff)})`);
    await reply(context, message(
      name ? `I don't know a reporting point called "${name}"` : "There is no reporting point yet",
      known.length ? [`The reporting points are: ${known.join("; ")}.`] : [`Name one first, e.g. "${EXAMPLE_NEW_POINT}".`],
    ));
    return null;
  }

  /** The conversation the dispatcher will post to: kept in the database, as every proactive send needs. */
  async function rememberThisConversation(context: TurnContext): Promise<string> {
    const record = conversationRecord(context.activity, (await bot.identify(context)).personId);
    await saveConversation(prisma, record);
    const conversationId = record.conversationId;
    return conversationId;
  }

  app.message(command(NEW_POINT), async (context) => {
    const actor = await improvementTeam(context, "name reporting points");
    if (!actor) return;
    const [, name, cutOff] = commandArguments(context, NEW_POINT)!;
    const created = await createReportingPoint(prisma, { name: name!, cutOff: cutOff!, actor });
    if (!created.ok) {
      await reply(context, message("No reporting point named", [created.reason, `For example: "${EXAMPLE_NEW_POINT}".`]));
      return;
    }
    bot.snapshots.invalidate();
    const point = created.point;
    const period = await periodOf(prisma, point, config.LAST_REPORT_DATE ?? null);
    logger.info({ reportingPoint: point.name, meetingDate: point.meetingDate, cutOff: point.cutOff }, "reporting point named");
    await reply(context, message(`Reporting point named: ${point.name}`, [
      `Meeting ${formatDay(point.meetingDate)}. Cut-off ${formatDay(point.cutOff)}: the figures are as at the end of that day, and cover what happened since ${formatDay(period.date)}${period.point ? ` (the cut-off of ${period.point.name})` : ""}.`,
      `From ${formatDay(summaryPostableFrom(point.cutOff))}, say "post summary" in the channel or chat that should get the summary card; I record a snapshot of the register then, for the next report's "implemented at last report".`,
    ], ["summary documents", "reporting points"]));
  });

  app.message(command(NEW_POINT_HELP), async (context) => {
    // Say which part is missing: the whole thing, or the cut-off (the meeting's date is checked once the cut-off is there).
    const typed = (context.activity.text ?? "").replace(/<[^>]*>/g, "").replace(/^.*?new reporting point\s*/i, "").trim();
    const title = !typed
      ? "Give the meeting's name, its date and the cut-off"
      : CUT_OFF_WORD.test(typed)
        ? "Give the cut-off date after \"cut-off\""
        : "Give the cut-off too: the day the figures are taken, on or before the meeting";
    await reply(context, message(title, [`For example: "${EXAMPLE_NEW_POINT}".`]));
  });

  app.message(command(LIST_POINTS), async (context) => {
    if (!(await improvementTeam(context, "manage reporting points"))) return;
    const points = await listReportingPoints(prisma);
    await reply(context, message("Reporting points", points.length
      ? points.map((p) => `${p.name}: meeting ${formatDay(p.meetingDate)}, cut-off ${formatDay(p.cutOff)}; ${p.snapshotAt ? `summary posted and snapshot recorded ${formatDay(p.snapshotAt.toISOString().slice(0, 10))}` : "summary not posted yet"}.`)
      : [`None yet. Name one, e.g. "${EXAMPLE_NEW_POINT}".`]));
  });

  app.message(command(POST_SUMMARY), async (context) => {
    const actor = await improvementTeam(context, "post period summaries");
    if (!actor) return;
    const [, name] = commandArguments(context, POST_SUMMARY)!;
    const point = await pointOrExplain(context, name);
    if (!point) return;
    const now = bot.now();
    if (!cutOffHasPassed(point.cutOff, londonDate(now))) {
      logger.info({ reportingPoint: point.name, cutOff: point.cutOff }, "summary refused: the cut-off has not passed");
      // "post summary" alone means the latest point: an earlier one whose cut-off has passed may be the one meant.
      const passed = name ? undefined : (await listReportingPoints(prisma)).filter((p) => cutOffHasPassed(p.cutOff, londonDate(now)) && !p.snapshotAt).pop();
      await reply(context, message(`Not yet: ${point.name}`, [
        notYetPostable(point).reason,
        "Until then, \"summary documents\" gives a draft of the report and the workbook.",
        ...(passed ? [`${passed.name}'s cut-off has passed and its summary is not posted: say "post summary for ${passed.name}" to post it.`] : []),
      ], ["summary documents"]));
      return;
    }
    const register = await bot.snapshots.get();
    const { model } = await committeeReportForPoint(prisma, point, { statusKey: config.STATUS_KEY, configuredLastReport: config.LAST_REPORT_DATE ?? null, register, logger });
    const links = await documentLinks(prisma, { pointId: point.id, statusKey: config.STATUS_KEY, baseUrl, minutes: config.DOCUMENT_LINK_MINUTES, now });
    const card = renderSummaryCard(model, links);
    const conversationId = await rememberThisConversation(context);
    const { posted, queued } = await prisma.$transaction(async (tx) => {
      const posted = await postReportingPoint(tx, { point, since: model.since, register, statusKey: config.STATUS_KEY, actor, now });
      // Checked above with the same clock, so this cannot be refused here.
      if (!posted.ok) throw new Error(posted.reason);
      const queued = await enqueueMessage(tx, {
        conversationId,
        purpose: MessagePurpose.summary,
        activity: { type: "message", summary: `Period summary: ${point.name}`, attachments: [CardFactory.adaptiveCard(card)] },
        // Teams redelivering the same message queues one card.
        dedupeKey: `summary:${point.id}:${conversationId}:${context.activity.id ?? now.toISOString()}`,
      });
      return { posted, queued };
    });
    bot.snapshots.invalidate();
    logger.info({ reportingPoint: point.name, outbound: queued.id, snapshotRecorded: posted.recorded }, "summary queued");
    await reply(context, message(`Summary for ${point.name} queued`, [
      `The summary card (${formatDay(model.since)} to ${formatDay(point.cutOff)}) will be posted here in a moment.`,
      posted.recorded
        ? `I recorded a snapshot of the register as at ${formatDay(point.cutOff)} (${posted.items} items): the next report's "implemented at last report" will rest on it.`
        : `The snapshot recorded on ${formatDay(posted.snapshotAt.toISOString().slice(0, 10))} is kept, so the next report uses the figures as first reported.`,
    ]));
  });

  app.message(command(DOCUMENTS), async (context) => {
    if (!(await improvementTeam(context, "get the summary documents"))) return;
    const [, name] = commandArguments(context, DOCUMENTS)!;
    const point = await pointOrExplain(context, name);
    if (!point) return;
    const links = await documentLinks(prisma, { pointId: point.id, statusKey: config.STATUS_KEY, baseUrl, minutes: config.DOCUMENT_LINK_MINUTES, now: bot.now() });
    await reply(context, message(`Documents for ${point.name}`, [
      markdown(`[Word report](${links.word}) · [Excel workbook](${links.workbook})`),
      `The links work for ${config.DOCUMENT_LINK_MINUTES} minutes. Both are built when opened, from the register as at ${formatDay(point.cutOff)}` +
        `${cutOffHasPassed(point.cutOff, bot.today()) ? "" : " (a draft as at the day you open them, until the cut-off has passed)"}; confidential inspections show their rating only.`,
    ]));
  });
}
