/**
 * Summary commands for the improvement team (issue 6), registered before the catch-all question route:
 *   new reporting point <meeting> <date> cut-off <date>   name the next committee meeting and its cut-off
 *   reporting points                            list them
 *   post summary [for <name>]                   queue the summary card to this conversation and snapshot the point
 *   summary documents [for <name>]              the Word report and Excel workbook: as files in a personal chat
 *                                               in Teams (document-files.ts), else fresh signed links
 *   send me the register / export the register [as Excel|CSV]   the register as a file, in a personal chat
 * Anyone else is told plainly that these are the improvement team's. The card is queued, never sent
 * inside the user's turn: the dispatcher sends it within Teams' rate limits. Named handlers, then their
 * routing table.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { CardFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { renderMessageCard } from "../../cards/card-text.js";
import { markdown, type Markdown } from "../../cards/text-as-text.js";
import { formatDay, londonDate } from "../../domain/dates/calendar-date.js";
import { plural } from "../../domain/text/readable-text.js";
import { cutOffHasPassed, summaryPostableFrom } from "../../domain/reports/reporting-period.js";
import { documentLinks } from "../../services/reports/document-links.js";
import { postPeriodSummary } from "../../services/reports/post-period-summary.js";
import {
  createReportingPoint,
  findReportingPoint,
  listReportingPoints,
  notYetPostable,
  periodOf,
  type ReportingPoint,
} from "../../services/reports/reporting-points.js";
import type { BotContext } from "../bot-context.js";
import { registerCommands, type CommandHandler, type CommandRoute } from "../route-table.js";
import { atRiskSettingsOf } from "../../config.js";
import { RegisterFormat } from "../../services/reports/register-file.js";
import { buildRequestedFile, canSendFiles, fileLabel, offerFiles, type FileRequest } from "./document-files.js";

const NEW_POINT = /^new reporting point\s+(.+?)\s+cut[- ]?off(?:\s+date)?\s*:?\s+(.+?)\.?$/i;
const NEW_POINT_HELP = /^new reporting point\b/i;
const LIST_POINTS = /^(?:list\s+|show\s+)?reporting points\??$/i;
const POST_SUMMARY = /^post\s+(?:the\s+)?(?:period\s+)?summary(?:\s+(?:for|of)\s+(.+?))?\.?$/i;
const DOCUMENTS = /^summary documents(?:\s+(?:for|of)\s+(.+?))?\.?$/i;
const REGISTER_FILE =
  /^(?:please\s+)?(?:send\s+me|export)\s+the\s+register(?:\s+(?:as|in|to)\s+(?:an?\s+)?(excel|xlsx|workbook|spreadsheet|csv))?\.?$/i;

const EXAMPLE_NEW_POINT = "new reporting point Audit Committee 28 January 2027 cut-off 31 December 2026";
const CUT_OFF_WORD = /\bcut[- ]?off\b/i;

function message(title: string, paragraphs: (string | Markdown)[], suggestions: string[] = []): AdaptiveCard {
  return renderMessageCard(title, paragraphs, { suggestions });
}

function reply(context: TurnContext, card: AdaptiveCard) {
  return context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** Where document links point: the configured public address, else this machine. */
function baseUrlOf(bot: BotContext): string {
  return bot.config.PUBLIC_BASE_URL ?? `http://localhost:${bot.config.PORT}`;
}

/** Only the improvement team may; anyone else is told so, and nothing changes. */
async function improvementTeam(context: TurnContext, bot: BotContext, what: string): Promise<string | null> {
  const actor = await bot.actor(context);
  if (actor.isImprovementTeam) return actor.email ?? context.activity.from.name ?? context.activity.from.id;
  bot.logger.info({ command: what }, "summary command refused: not the improvement team");
  await reply(
    context,
    message(
      "That is for the improvement team",
      [`Only the improvement team can ${what}.`, 'You can still ask me about the register, e.g. "what\'s delayed?".'],
      ["what's delayed?"],
    ),
  );
  return null;
}

async function pointOrExplain(
  context: TurnContext,
  bot: BotContext,
  name: string | undefined,
): Promise<ReportingPoint | null> {
  const point = await findReportingPoint(bot.store, name);
  if (point) return point;
  const known = (await listReportingPoints(bot.store)).map(
    (p) => `${p.name} (meeting ${formatDay(p.meetingDate)}, cut-off ${formatDay(p.cutOff)})`,
  );
  await reply(
    context,
    message(
      name ? `I don't know a reporting point called "${name}"` : "There is no reporting point yet",
      known.length
        ? [`The reporting points are: ${known.join("; ")}.`]
        : [`Name one first, e.g. "${EXAMPLE_NEW_POINT}".`],
    ),
  );
  return null;
}

/** "new reporting point <meeting> <date> cut-off <date>". */
const namePoint: CommandHandler = async (context, bot, [, name, cutOff]) => {
  const actor = await improvementTeam(context, bot, "name reporting points");
  if (!actor) return;
  const { config, logger } = bot;
  const created = await createReportingPoint(bot.store, { name: name!, cutOff: cutOff!, actor });
  if (!created.ok) {
    await reply(context, message("No reporting point named", [created.reason, `For example: "${EXAMPLE_NEW_POINT}".`]));
    return;
  }
  bot.snapshots.invalidate();
  const point = created.point;
  const period = await periodOf(bot.store, point, config.LAST_REPORT_DATE ?? null);
  logger.info(
    { reportingPoint: point.name, meetingDate: point.meetingDate, cutOff: point.cutOff },
    "reporting point named",
  );
  await reply(
    context,
    message(
      `Reporting point named: ${point.name}`,
      [
        `Meeting ${formatDay(point.meetingDate)}. Cut-off ${formatDay(point.cutOff)}: the figures are as at the end of that day, and cover what happened since ${formatDay(period.date)}${period.point ? ` (the cut-off of ${period.point.name})` : ""}.`,
        `From ${formatDay(summaryPostableFrom(point.cutOff))}, say "post summary" in the channel or chat that should get the summary card; I record a snapshot of the register then, for the next report's "implemented at last report".`,
      ],
      ["summary documents", "reporting points"],
    ),
  );
};

/** "new reporting point" with a part missing: says which. */
const explainNewPoint: CommandHandler = async (context) => {
  // Say which part is missing: the whole thing, or the cut-off (the meeting's date is checked once the cut-off is there).
  const typed = (context.activity.text ?? "")
    .replace(/<[^>]*>/g, "")
    .replace(/^.*?new reporting point\s*/i, "")
    .trim();
  const title = !typed
    ? "Give the meeting's name, its date and the cut-off"
    : CUT_OFF_WORD.test(typed)
      ? 'Give the cut-off date after "cut-off"'
      : "Give the cut-off too: the day the figures are taken, on or before the meeting";
  await reply(context, message(title, [`For example: "${EXAMPLE_NEW_POINT}".`]));
};

/** "reporting points": each with its meeting, cut-off and whether its summary is posted. */
const listPoints: CommandHandler = async (context, bot) => {
  if (!(await improvementTeam(context, bot, "manage reporting points"))) return;
  const points = await listReportingPoints(bot.store);
  await reply(
    context,
    message(
      "Reporting points",
      points.length
        ? points.map(
            (p) =>
              `${p.name}: meeting ${formatDay(p.meetingDate)}, cut-off ${formatDay(p.cutOff)}; ${p.snapshotAt ? `summary posted and snapshot recorded ${formatDay(p.snapshotAt.toISOString().slice(0, 10))}` : "summary not posted yet"}.`,
          )
        : [`None yet. Name one, e.g. "${EXAMPLE_NEW_POINT}".`],
    ),
  );
};

/** "post summary [for <name>]": once the cut-off has passed, queues the card here and records the snapshot. */
const postSummary: CommandHandler = async (context, bot, [, name]) => {
  const actor = await improvementTeam(context, bot, "post period summaries");
  if (!actor) return;
  const point = await pointOrExplain(context, bot, name);
  if (!point) return;
  const { config, logger } = bot;
  const now = bot.clock.now();
  if (!cutOffHasPassed(point.cutOff, londonDate(now))) {
    logger.info({ reportingPoint: point.name, cutOff: point.cutOff }, "summary refused: the cut-off has not passed");
    // "post summary" alone means the latest point: an earlier one whose cut-off has passed may be the one meant.
    const passed = name
      ? undefined
      : (await listReportingPoints(bot.store))
          .filter((p) => cutOffHasPassed(p.cutOff, londonDate(now)) && !p.snapshotAt)
          .pop();
    await reply(
      context,
      message(
        `Not yet: ${point.name}`,
        [
          notYetPostable(point).reason,
          'Until then, "summary documents" gives a draft of the report and the workbook.',
          ...(passed
            ? [
                `${passed.name}'s cut-off has passed and its summary is not posted: say "post summary for ${passed.name}" to post it.`,
              ]
            : []),
        ],
        ["summary documents"],
      ),
    );
    return;
  }
  // The dispatcher posts to conversations kept in the database, as every proactive send needs.
  const conversationId = await bot.rememberConversation(context, { refresh: true });
  const posted = await postPeriodSummary(
    bot.store,
    {
      point,
      register: await bot.snapshots.get(),
      actor,
      conversationId,
      requestId: context.activity.id ?? now.toISOString(),
      now,
    },
    {
      statusKey: config.STATUS_KEY,
      configuredLastReport: config.LAST_REPORT_DATE ?? null,
      baseUrl: baseUrlOf(bot),
      linkMinutes: config.DOCUMENT_LINK_MINUTES,
      logger,
      atRisk: atRiskSettingsOf(config),
    },
  );
  bot.snapshots.invalidate();
  logger.info(
    { reportingPoint: point.name, outbound: posted.outboundId, snapshotRecorded: posted.recorded },
    "summary queued",
  );
  await reply(
    context,
    message(`Summary for ${point.name} queued`, [
      `The summary card (${formatDay(posted.since)} to ${formatDay(point.cutOff)}) will be posted here in a moment.`,
      posted.recorded
        ? `I recorded a snapshot of the register as at ${formatDay(point.cutOff)} (${plural(posted.items, "item")}${posted.milestones ? ` and ${plural(posted.milestones, "milestone")}` : ""}): the next report's "implemented at last report" will rest on it.`
        : `The snapshot recorded on ${formatDay(posted.snapshotAt.toISOString().slice(0, 10))} is kept, so the next report uses the figures as first reported.`,
    ]),
  );
};

/** What the files are built from, said as they are offered. */
function documentsBasis(bot: BotContext, point: ReportingPoint): string {
  return (
    `from the register as at ${formatDay(point.cutOff)}` +
    `${cutOffHasPassed(point.cutOff, bot.clock.today()) ? "" : " (a draft as at today, until the cut-off has passed)"}; confidential inspections show their rating only`
  );
}

/** "summary documents [for <name>]": the Word report and the workbook, as files where Teams takes them, else links. */
const sendDocuments: CommandHandler = async (context, bot, [, name]) => {
  if (!(await improvementTeam(context, bot, "get the summary documents"))) return;
  const point = await pointOrExplain(context, bot, name);
  if (!point) return;
  if (canSendFiles(context, bot)) {
    const requests: FileRequest[] = [
      { file: "report", pointId: point.id },
      { file: "workbook", pointId: point.id },
    ];
    const offers = [];
    for (const request of requests) {
      const document = await buildRequestedFile(context, bot, request);
      if (!document) {
        // Removed between finding it and building its documents: say so rather than offer half.
        await reply(
          context,
          message(`${point.name} was just removed`, ['Say "reporting points" to see those there are.']),
        );
        return;
      }
      offers.push({ request, document, description: `${point.name}: ${fileLabel(request).replace(/^the /, "")}` });
    }
    await offerFiles(context, offers, {
      title: `Documents for ${point.name}`,
      paragraphs: [
        `Accept each file below to have it in your OneDrive. Each is built again when you accept it, ${documentsBasis(bot, point)}.`,
      ],
    });
    return;
  }
  const { config } = bot;
  const links = await documentLinks(bot.store, {
    pointId: point.id,
    statusKey: config.STATUS_KEY,
    baseUrl: baseUrlOf(bot),
    minutes: config.DOCUMENT_LINK_MINUTES,
    now: bot.clock.now(),
  });
  await reply(
    context,
    message(`Documents for ${point.name}`, [
      markdown(`[Word report](${links.word}) · [Excel workbook](${links.workbook})`),
      `The links work for ${config.DOCUMENT_LINK_MINUTES} minutes. Both are built when opened, from the register as at ${formatDay(point.cutOff)}` +
        `${cutOffHasPassed(point.cutOff, bot.clock.today()) ? "" : " (a draft as at the day you open them, until the cut-off has passed)"}; confidential inspections show their rating only.`,
    ]),
  );
};

/** "send me the register", "export the register as Excel": the register as a file, only in a personal chat in Teams. */
const sendRegister: CommandHandler = async (context, bot, [, formatWord]) => {
  if (!(await improvementTeam(context, bot, "get the register as a file"))) return;
  const format = formatWord && formatWord.toLowerCase() !== "csv" ? RegisterFormat.xlsx : RegisterFormat.csv;
  if (!canSendFiles(context, bot)) {
    await reply(
      context,
      message(
        "I send the register only as a file in our personal chat",
        [
          bot.config.DOCUMENTS_AS_FILES
            ? "It holds every item, confidential ones included, so it never comes here: ask me in our personal chat in Teams."
            : "Files are turned off here (DOCUMENTS_AS_FILES=false): the command line's export writes the register, e.g. `npm run tracker -- export --format xlsx --out register.xlsx`.",
          'The committee\'s documents come as links anywhere: say "summary documents".',
        ],
        ["summary documents"],
      ),
    );
    return;
  }
  const request: FileRequest = { file: "register", format };
  const document = await buildRequestedFile(context, bot, request);
  await offerFiles(
    context,
    [{ request, document: document!, description: `The register as at ${formatDay(bot.clock.today())}` }],
    {
      title: "The register",
      paragraphs: [
        `Accept the file below to have it in your OneDrive: the tracker's layout with each item's computed status, built again when you accept it, as at that day. It includes confidential items: keep it to yourself.`,
      ],
    },
  );
};

/** Tried in this order; the first that matches answers (the full "new reporting point" before its help). */
const COMMANDS: readonly CommandRoute[] = [
  { pattern: NEW_POINT, handle: namePoint },
  { pattern: NEW_POINT_HELP, handle: explainNewPoint },
  { pattern: LIST_POINTS, handle: listPoints },
  { pattern: POST_SUMMARY, handle: postSummary },
  { pattern: DOCUMENTS, handle: sendDocuments },
  { pattern: REGISTER_FILE, handle: sendRegister },
];

export function registerSummaryRoutes(app: Application<TurnState>, bot: BotContext): void {
  if (!bot.config.PUBLIC_BASE_URL)
    bot.logger.warn({ baseUrl: baseUrlOf(bot) }, "PUBLIC_BASE_URL is not set: document links point at this machine");
  registerCommands(app, bot, COMMANDS);
}
