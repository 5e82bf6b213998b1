/**
 * Update-round commands for the improvement team (issue 4), registered before the catch-all question
 * route: "start update round <name> by <date>", "round status" (or "how is the round going") and "who is
 * outstanding". Others get a clear refusal. Round cards are queued for the dispatcher, never sent in
 * this turn. Named handlers, then their routing table.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { CardFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { renderMessageCard } from "../../cards/card-text.js";
import { formatDay, londonDate } from "../../domain/dates/calendar-date.js";
import { plural } from "../../domain/text/readable-text.js";
import { parseStartRoundCommand, START_ROUND_PATTERN } from "../../domain/updates/round-command.js";
import {
  RoundCardState,
  roundStatus,
  startUpdateRound,
  type RoundStatus,
} from "../../services/updates/update-rounds.js";
import { decideVisibility, Shown, Subject } from "../../domain/visibility.js";
import type { BotContext } from "../bot-context.js";
import { registerCommands, type CommandHandler, type CommandRoute } from "../route-table.js";

export const ROUND_STATUS_PATTERN =
  /^(?:round\s+status|how(?:'s|\s+is|\s+does)\s+the\s+(?:update\s+)?round\s+(?:going|stand(?:ing)?))\s*\??$/i;
export const OUTSTANDING_PATTERN =
  /^(?:who(?:'s|\s+is|\s+are)\s+(?:still\s+)?outstanding|who\s+(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:yet\s+)?replied(?:\s+yet)?)\s*\??$/i;

const MAX_LISTED = 30;

function messageCard(
  title: string,
  paragraphs: string[],
  list: { heading: string; lines: string[] } = { heading: "", lines: [] },
  suggestions: string[] = [],
): AdaptiveCard {
  return renderMessageCard(title, paragraphs, { examples: list.lines, examplesHeading: list.heading, suggestions });
}

async function reply(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

const REFUSAL = messageCard("Only the improvement team can run update rounds", [
  "Starting a round, and seeing who has or has not replied, is for the corporate improvement team.",
  "If you need to, ask a member of the team to give you the improvement team role.",
]);

const NO_ROUND = messageCard("No update round has been started", [
  'Start one like this: "start update round January Audit Committee by 15 December".',
]);

function outstandingLines(status: RoundStatus): string[] {
  const lines = status.outstanding
    .slice(0, MAX_LISTED)
    .map(
      (o) =>
        `${o.name ? `${o.name} (${o.email})` : o.email}: ${plural(o.open_items, "open item")}${o.open_milestones ? ` and ${plural(o.open_milestones, "milestone")}` : ""}${o.reached ? "" : o.card === RoundCardState.waiting ? "; their card is waiting to be delivered" : "; the bot cannot reach them"}`,
    );
  if (status.outstanding.length > MAX_LISTED) lines.push(`and ${status.outstanding.length - MAX_LISTED} more`);
  return lines;
}

/** The improvement team only; everyone else is told so and nothing changes. */
async function improvementTeamOnly(context: TurnContext, bot: BotContext): Promise<{ email: string } | null> {
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam || !actor.email) {
    await reply(context, REFUSAL);
    return null;
  }
  return { email: actor.email };
}

/** "start update round <name> by <date>": asks every owner of open items for an update. */
const startRound: CommandHandler = async (context, bot) => {
  const actor = await improvementTeamOnly(context, bot);
  if (!actor) return;
  const parsed = parseStartRoundCommand(context.activity.text ?? "", bot.clock.today());
  if (!parsed.ok) {
    await reply(context, messageCard("I could not start that round", [parsed.reason]));
    return;
  }
  const policy = bot.reminderPolicy;
  const result = await startUpdateRound(
    { prisma: bot.store, logger: bot.logger, policy },
    { name: parsed.name, deadline: parsed.deadline, startedBy: actor.email, now: bot.clock.now() },
  );
  if (!result.ok) {
    await reply(context, messageCard("I could not start that round", [result.reason]));
    return;
  }
  const paragraphs = [
    `${result.owners} ${result.owners === 1 ? "owner" : "owners"} of open items ${result.owners === 1 ? "is" : "are"} asked for updates by ${formatDay(result.round.deadline)}; ${result.cards_queued} ${result.cards_queued === 1 ? "card is" : "cards are"} on the way.`,
    `Those who have not replied are chased ${policy.roundChaseWorkingDaysBefore.join(" and ")} working days before the deadline. Ask "round status" or "who is outstanding" at any time.`,
  ];
  // Owners are named only in a personal chat: the list could name those of a children's home's items.
  const named = decideVisibility(await bot.viewer(context), { kind: Subject.owners }) === Shown.full;
  const unreachable = named ? result.unreachable.slice(0, MAX_LISTED).map((u) => `${u.email}: ${u.reason}`) : [];
  if (!named && result.unreachable.length)
    paragraphs.push(
      `The bot cannot reach ${result.unreachable.length}: ask me "who is outstanding" in a personal chat for their names.`,
    );
  await reply(
    context,
    messageCard(
      `Update round started: ${result.round.name}`,
      paragraphs,
      { heading: unreachable.length ? `The bot cannot reach ${result.unreachable.length}:` : "", lines: unreachable },
      ["round status", "who is outstanding"],
    ),
  );
};

/** "round status": how many have replied. */
const showRoundStatus: CommandHandler = async (context, bot) => {
  if (!(await improvementTeamOnly(context, bot))) return;
  const status = await roundStatus(bot.store);
  if (!status) {
    await reply(context, NO_ROUND);
    return;
  }
  const outstanding = status.owners - status.replied;
  await reply(
    context,
    messageCard(
      `${status.round.name}: ${status.summary}`,
      [
        `Updates are due by ${formatDay(status.round.deadline)}; the round started on ${formatDay(londonDate(new Date(status.round.started_at)))}.`,
        outstanding
          ? `${outstanding} ${outstanding === 1 ? "owner has" : "owners have"} not replied yet.`
          : "Everyone has replied.",
      ],
      { heading: "", lines: [] },
      outstanding ? ["who is outstanding"] : [],
    ),
  );
};

/** "who is outstanding": the owners who have not replied, named only in a personal chat. */
const showOutstanding: CommandHandler = async (context, bot) => {
  if (!(await improvementTeamOnly(context, bot))) return;
  const status = await roundStatus(bot.store);
  if (!status) {
    await reply(context, NO_ROUND);
    return;
  }
  if (status.outstanding.length === 0) {
    await reply(context, messageCard(`${status.round.name}: everyone has replied`, [status.summary + "."]));
    return;
  }
  const paragraphs = [`${status.summary}. Updates are due by ${formatDay(status.round.deadline)}.`];
  // Naming owners here could name those of a children's home's items: names only in a personal chat.
  if (decideVisibility(await bot.viewer(context), { kind: Subject.owners }) !== Shown.full) {
    await reply(
      context,
      messageCard(`${status.round.name}: ${status.outstanding.length} outstanding`, [
        ...paragraphs,
        'Ask me "who is outstanding" in a personal chat for their names: owners are not named in a channel or group chat.',
      ]),
    );
    return;
  }
  await reply(
    context,
    messageCard(`${status.round.name}: ${status.outstanding.length} outstanding`, paragraphs, {
      heading: "Not replied yet:",
      lines: outstandingLines(status),
    }),
  );
};

/** Tried in this order; the first that matches answers. */
const COMMANDS: readonly CommandRoute[] = [
  { pattern: START_ROUND_PATTERN, handle: startRound },
  { pattern: ROUND_STATUS_PATTERN, handle: showRoundStatus },
  { pattern: OUTSTANDING_PATTERN, handle: showOutstanding },
];

export function registerReminderRoutes(app: Application<TurnState>, bot: BotContext): void {
  registerCommands(app, bot, COMMANDS);
}
