/**
 * A tracker file sent to the bot in a personal chat (Teams' file download attachment): downloaded within
 * FILE_DOWNLOAD_HOSTS, FILE_DOWNLOAD_TIMEOUT_SECONDS and IMPORT_MAX_FILE_MB, previewed with the import's dry
 * run, then imported or cancelled from the preview card. Only the improvement team imports; anyone else is
 * told who can. In a channel or group chat a file is never taken: an @mention with one is told to use the
 * personal chat, and a file posted without one is left alone, as every other unaddressed message is there.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import type { Activity, TurnContext } from "botbuilder";
import { renderImportPreviewCard, type ImportPreviewView } from "../../cards/import-preview-card.js";
import { CardEmphasis } from "../../cards/card-text.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { parseVerbData } from "../../cards/verb-data.js";
import { CardVerb } from "../../cards/verbs.js";
import { plural } from "../../domain/text/readable-text.js";
import { ConversationScope } from "../../domain/visibility.js";
import { downloadFile } from "../../services/imports/download-file.js";
import { fileImportSettingsOf } from "../../services/imports/file-import-settings.js";
import {
  cancelPreviewedFile,
  describeAsOf,
  importPreviewedFile,
  previewTrackerFile,
  redatePreviewedFile,
  waitingPreviewAsOf,
  type TrackerPreview,
} from "../../services/imports/tracker-preview.js";
import { improvementTeamEmails } from "../../services/people/permissions.js";
import type { BotContext } from "../bot-context.js";
import { conversationScope, mentionsBot } from "../conversation.js";
import { registerCardActions, type CardActionHandler } from "../route-table.js";
import { asCard, message, registerChanged } from "../updates/replies.js";

/** What Teams sends for a file a person shares with the bot in a personal chat. */
export const FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info";

interface SentFile {
  name: string;
  downloadUrl: string;
}

/** The files attached to a message, as Teams describes them; attachments of any other kind are not files. */
function sentFiles(activity: Activity): SentFile[] {
  return (activity.attachments ?? []).flatMap((attachment) => {
    if (attachment.contentType !== FILE_DOWNLOAD_INFO) return [];
    const content = (attachment.content ?? {}) as { downloadUrl?: unknown; fileType?: unknown };
    if (typeof content.downloadUrl !== "string") return [];
    const fileType = typeof content.fileType === "string" ? content.fileType.toLowerCase() : "";
    let name = typeof attachment.name === "string" && attachment.name.trim() ? attachment.name.trim() : "tracker";
    // A name without its extension takes Teams' fileType, which picks the reader.
    if (!/\.[a-z0-9]{1,8}$/i.test(name) && /^[a-z0-9]{1,8}$/.test(fileType)) name = `${name}.${fileType}`;
    return [{ name, downloadUrl: content.downloadUrl }];
  });
}

function hasFile(context: TurnContext): Promise<boolean> {
  const { activity } = context;
  return Promise.resolve(activity.type === "message" && sentFiles(activity).length > 0);
}

/** Who may import, named, for someone who may not. */
async function onlyTheImprovementTeam(bot: BotContext): Promise<string> {
  const team = await improvementTeamEmails(bot.store, bot.config.IMPROVEMENT_TEAM_ADMINS);
  const who = team.length ? `: ${team.join(", ")}` : "";
  return `Only the improvement team can import a tracker${who}. Send the file to one of them; nothing was imported.`;
}

function londonTime(at: Date): string {
  return at.toLocaleString("en-GB", {
    timeZone: "Europe/London",
    hour: "2-digit",
    minute: "2-digit",
    day: "numeric",
    month: "short",
  });
}

function previewView(preview: TrackerPreview): ImportPreviewView {
  return {
    previewId: preview.previewId,
    fileName: preview.fileName,
    report: preview.report,
    asOfText: describeAsOf(preview),
    asOf: preview.asOf,
    expiresText: `You can import it until ${londonTime(preview.expiresAt)}; the file is deleted then, or when you press Import or Cancel.`,
  };
}

/** A file sent to the bot: refused, or downloaded and previewed. */
async function receiveFile(context: TurnContext, bot: BotContext): Promise<void> {
  const { activity } = context;
  if (conversationScope(activity) !== ConversationScope.personal) {
    if (mentionsBot(activity))
      await context.sendActivity(
        "I take tracker files only in a personal chat with me: send it to me there. Nothing was imported.",
      );
    return;
  }
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) {
    await context.sendActivity(await onlyTheImprovementTeam(bot));
    return;
  }
  const files = sentFiles(activity);
  const file = files[0]!;
  const settings = fileImportSettingsOf(bot.config);
  const host = URL.canParse(file.downloadUrl) ? new URL(file.downloadUrl).hostname : null;
  const downloaded = await downloadFile(file.downloadUrl, {
    hosts: settings.hosts,
    maxBytes: settings.limits.fileBytes,
    timeoutMs: settings.timeoutMs,
  });
  if (!downloaded.ok) {
    bot.logger.warn({ host, reason: downloaded.reason }, "tracker file not downloaded");
    await context.sendActivity(asCard(message("Nothing imported", [downloaded.reason])));
    return;
  }
  const preview = await previewTrackerFile(
    bot.store,
    { name: file.name, bytes: downloaded.bytes },
    { actor: actor.email ?? "unknown", now: bot.clock.now() },
    settings,
  );
  bot.logger.info(
    { bytes: downloaded.bytes.byteLength, ok: preview.report.ok, errors: preview.report.errors.length },
    "tracker file previewed",
  );
  const others = files.length - 1;
  const card = renderImportPreviewCard(previewView(preview), {
    actionable: preview.previewId !== null,
    ...(others > 0
      ? {
          banner: `I previewed the first file only: send the other ${plural(others, "file")} one at a time.`,
          bannerTone: CardEmphasis.warning,
        }
      : {}),
  });
  await context.sendActivity(asCard(card));
}

/**
 * A preview shows the tracker's own text, confidential reviews' included, so its buttons answer only in a
 * personal chat (where the card was sent); null when this is one.
 */
function notPersonal(context: TurnContext): string | null {
  return conversationScope(context.activity) === ConversationScope.personal
    ? null
    : "Tracker files are previewed and imported only in a personal chat with me.";
}

function missingPreview(): AdaptiveCard {
  return message("That card is missing its preview", ["Send me the tracker file again to preview it."]);
}

/** Import pressed on a preview card. */
const importFile: CardActionHandler = async (context, bot, data) => {
  const elsewhere = notPersonal(context);
  if (elsewhere) return elsewhere;
  const parsed = parseVerbData(CardVerb.importApply, data);
  if (!parsed.ok) return missingPreview();
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) return onlyTheImprovementTeam(bot);
  const settings = fileImportSettingsOf(bot.config);
  const now = bot.clock.now();
  const outcome = await importPreviewedFile(
    bot.store,
    parsed.data.previewId,
    // Reminders follow the imported targets, and the messages showing the changed items are redrawn.
    { actor: actor.email ?? "unknown", now, afterWrite: (itemIds) => registerChanged(bot, itemIds) },
    settings,
  );
  if (outcome.ok) {
    bot.snapshots.invalidate();
    bot.logger.info({ changes: outcome.report.changes.length }, "tracker file imported");
    const { report } = outcome;
    return renderImportPreviewCard(
      {
        previewId: null,
        fileName: outcome.fileName,
        report,
        asOfText: "",
        expiresText: "",
      },
      {
        actionable: false,
        heading: "Imported",
        banner: `Imported ${outcome.fileName}: ${plural(report.changes.length, "change")} to the register, recorded in its history. The file is deleted.`,
      },
    );
  }
  return refusal(outcome, settings.previewMinutes);
};

/** "Compare as at this date" pressed: the same file previewed again as at the day given; a bad day is shown by its field. */
const redateFile: CardActionHandler = async (context, bot, data) => {
  const elsewhere = notPersonal(context);
  if (elsewhere) return elsewhere;
  const parsed = parseVerbData(CardVerb.importRedate, data);
  if (!parsed.ok && parsed.errors.previewId) return missingPreview();
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) return onlyTheImprovementTeam(bot);
  const settings = fileImportSettingsOf(bot.config);
  const now = bot.clock.now();
  const previewId = parsed.ok ? parsed.data.previewId : String((data as { previewId: string }).previewId);
  // A day that cannot be used leaves the preview as it was, shown again with the problem by the field (a
  // preview no longer waiting is refused below, whatever the day).
  const asOf = parsed.ok
    ? parsed.data.asOf
    : ((await waitingPreviewAsOf(bot.store, previewId, now)) ?? bot.clock.today());
  const outcome = await redatePreviewedFile(
    bot.store,
    previewId,
    { actor: actor.email ?? "unknown", now, asOf },
    settings,
  );
  if (!outcome.ok) return refusal(outcome, settings.previewMinutes);
  return renderImportPreviewCard(previewView(outcome.preview), {
    actionable: outcome.preview.previewId !== null,
    ...(parsed.ok
      ? {}
      : {
          asOfError: parsed.errors.asOf,
          banner: "Not compared again: fix the date below.",
          bannerTone: CardEmphasis.attention,
        }),
  });
};

/** Cancel pressed on a preview card. */
const cancelFile: CardActionHandler = async (context, bot, data) => {
  const elsewhere = notPersonal(context);
  if (elsewhere) return elsewhere;
  const parsed = parseVerbData(CardVerb.importCancel, data);
  if (!parsed.ok) return missingPreview();
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) return onlyTheImprovementTeam(bot);
  const outcome = await cancelPreviewedFile(bot.store, parsed.data.previewId, {
    actor: actor.email ?? "unknown",
    now: bot.clock.now(),
  });
  if (outcome.ok)
    return message("Cancelled", [
      `Nothing was imported from ${outcome.fileName}, and the file is deleted. Send it to me again to preview it again.`,
    ]);
  return refusal(outcome, fileImportSettingsOf(bot.config).previewMinutes);
};

/** What a press that imported nothing is answered: each case says what happened and what to do. */
function refusal(
  outcome: Exclude<Awaited<ReturnType<typeof importPreviewedFile>>, { ok: true }>,
  previewMinutes: number,
): AdaptiveCard | string {
  switch (outcome.reason) {
    case "stale":
      return renderImportPreviewCard(previewView(outcome.preview), {
        actionable: outcome.preview.previewId !== null,
        banner:
          "Not imported: the register changed since this preview. Here is the file previewed again against the register as it is now.",
        bannerTone: CardEmphasis.warning,
      });
    case "already_imported":
      return message("Already imported", [
        `${outcome.fileName} was imported by ${outcome.by} at ${londonTime(outcome.at)}. Nothing was imported again.`,
      ]);
    case "cancelled":
      return message("This preview was cancelled", [
        `${outcome.fileName} was cancelled by ${outcome.by} at ${londonTime(outcome.at)}: nothing was imported. Send me the file again to import it.`,
      ]);
    case "busy":
      return "This file is being imported now: wait a moment, then look at the register.";
    case "expired":
    case "gone":
      return message("This preview has expired", [
        `A preview lasts ${plural(previewMinutes, "minute")} (IMPORT_PREVIEW_MINUTES) and its file is then deleted: nothing was imported. Send me the file again.`,
      ]);
  }
}

type ImportVerb = typeof CardVerb.importApply | typeof CardVerb.importCancel | typeof CardVerb.importRedate;

const CARD_ACTIONS: Record<ImportVerb, CardActionHandler> = {
  [CardVerb.importApply]: importFile,
  [CardVerb.importCancel]: cancelFile,
  [CardVerb.importRedate]: redateFile,
};

export function registerTrackerFileRoutes(app: Application<TurnState>, bot: BotContext): void {
  app.message(hasFile, (context) => receiveFile(context, bot));
  registerCardActions(app, bot, CARD_ACTIONS);
}
