/**
 * Documents sent as files in a personal chat through Teams' file consent: the bot offers each file with a
 * consent card (name, size, what it is); when the person accepts, Teams gives an upload address in their
 * OneDrive, and the bot builds the document again, from what the person may see now, PUTs it there within
 * UPLOAD_TIMEOUT_SECONDS and answers with the file's card. Declining is a normal answer. The upload goes only
 * to the address Teams gave, and only on a SharePoint or OneDrive host (loopback in local mode). Channels,
 * group chats and hosts without file consent (DOCUMENTS_AS_FILES=false) keep the signed links.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { ActivityTypes, CardFactory, type Attachment, type TurnContext } from "botbuilder";
import { z } from "zod";
import { reportSettingsOf, isLocalMode } from "../../config.js";
import { renderMessageCard } from "../../cards/card-text.js";
import { allowedFileUrl, FILE_URL_MAX_LENGTH } from "../../domain/files/file-hosts.js";
import { InputLimit } from "../../domain/input-limits.js";
import { plural } from "../../domain/text/readable-text.js";
import { ConversationScope } from "../../domain/visibility.js";
import { DocumentKind } from "../../services/reports/document-links.js";
import { pointDocument, type BuiltDocument } from "../../services/reports/point-document.js";
import { registerFile, RegisterFormat } from "../../services/reports/register-file.js";
import { uploadDocument } from "../../services/reports/upload-document.js";
import type { BotContext } from "../bot-context.js";
import { conversationScope } from "../conversation.js";

export const FILE_CONSENT_CARD = "application/vnd.microsoft.teams.card.file.consent";
export const FILE_INFO_CARD = "application/vnd.microsoft.teams.card.file.info";

/** What a consent card asks for, carried back by Teams when the person answers; checked again then. */
const recordId = z.number().int().min(1).max(InputLimit.recordId);
export const fileRequestSchema = z.discriminatedUnion("file", [
  z.object({ file: z.literal("report"), pointId: recordId }),
  z.object({ file: z.literal("workbook"), pointId: recordId }),
  z.object({ file: z.literal("register"), format: z.enum([RegisterFormat.csv, RegisterFormat.xlsx]) }),
]);
export type FileRequest = z.infer<typeof fileRequestSchema>;

const uploadInfoSchema = z.object({
  name: z.string().min(1).max(InputLimit.name),
  uploadUrl: z.string().min(1).max(FILE_URL_MAX_LENGTH),
  contentUrl: z.string().min(1).max(FILE_URL_MAX_LENGTH),
  uniqueId: z.string().min(1).max(InputLimit.token),
  fileType: z.string().max(InputLimit.token).optional(),
});
const consentAnswerSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("accept"), context: fileRequestSchema, uploadInfo: uploadInfoSchema }),
  z.object({ action: z.literal("decline"), context: fileRequestSchema }),
]);

/** The file as the person would call it, in the bot's answers. */
export function fileLabel(request: FileRequest): string {
  if (request.file === "report") return "the Word report";
  if (request.file === "workbook") return "the Excel workbook";
  return request.format === RegisterFormat.xlsx ? "the register as a workbook" : "the register as CSV";
}

/** Files go through consent only in a personal chat in Teams, and only while DOCUMENTS_AS_FILES is on. */
export function canSendFiles(context: TurnContext, bot: BotContext): boolean {
  return (
    bot.config.DOCUMENTS_AS_FILES &&
    context.activity.channelId === "msteams" &&
    conversationScope(context.activity) === ConversationScope.personal
  );
}

/** The requested document, built now from the register as this person may see it here; null when its point is gone. */
export async function buildRequestedFile(
  context: TurnContext,
  bot: BotContext,
  request: FileRequest,
): Promise<BuiltDocument | null> {
  const { config, logger } = bot;
  if (request.file === "register") {
    return registerFile(bot.store, {
      viewer: await bot.viewer(context),
      format: request.format,
      today: bot.clock.today(),
      statusKey: config.STATUS_KEY,
    });
  }
  // Built as the signed links build it, so a file and a link of the same moment are the same document.
  return pointDocument(bot.store, {
    pointId: request.pointId,
    kind: request.file === "report" ? DocumentKind.word : DocumentKind.workbook,
    statusKey: config.STATUS_KEY,
    configuredLastReport: config.LAST_REPORT_DATE ?? null,
    today: bot.clock.today(),
    logger,
    settings: reportSettingsOf(config),
  });
}

function consentCard(request: FileRequest, document: BuiltDocument, description: string): Attachment {
  return {
    contentType: FILE_CONSENT_CARD,
    name: document.fileName,
    content: {
      description,
      sizeInBytes: document.body.length,
      acceptContext: request,
      declineContext: request,
    },
  };
}

/** Offers each file with a consent card, after a message saying what is coming. */
export async function offerFiles(
  context: TurnContext,
  offers: readonly { request: FileRequest; document: BuiltDocument; description: string }[],
  intro: { title: string; paragraphs: string[] },
): Promise<void> {
  await context.sendActivity({
    attachments: [CardFactory.adaptiveCard(renderMessageCard(intro.title, intro.paragraphs))],
  });
  for (const offer of offers) {
    await context.sendActivity({ attachments: [consentCard(offer.request, offer.document, offer.description)] });
  }
}

function say(context: TurnContext, title: string, paragraphs: string[]) {
  return context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderMessageCard(title, paragraphs))] });
}

function invokeResponse(context: TurnContext, status: number, body?: unknown) {
  return context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } });
}

/** The command that offers a file again, for the answers that end without one. */
function askAgain(request: FileRequest): string {
  return request.file === "register"
    ? `Say "${request.format === RegisterFormat.xlsx ? "export the register as Excel" : "send me the register"}" to be offered it again.`
    : 'Say "summary documents" to be offered it again.';
}

async function accepted(
  context: TurnContext,
  bot: BotContext,
  request: FileRequest,
  uploadInfo: z.infer<typeof uploadInfoSchema>,
): Promise<void> {
  const { logger, config } = bot;
  const label = fileLabel(request);
  const target = allowedFileUrl(uploadInfo.uploadUrl, { localMode: isLocalMode(config), what: "The upload address" });
  if (!target.ok) {
    logger.warn({ file: request.file, reason: target.reason }, "file upload refused: address not allowed");
    await say(context, `I did not send ${label}`, [
      `${target.reason}, so nothing was uploaded.`,
      `Files go only to your OneDrive. ${askAgain(request)}`,
    ]);
    return;
  }
  const actor = await bot.actor(context);
  if (!actor.isImprovementTeam) {
    logger.info({ file: request.file }, "file upload refused: not the improvement team");
    await say(context, "That is for the improvement team", [
      `Only the improvement team can get ${label}; nothing was uploaded.`,
    ]);
    return;
  }
  const document = await buildRequestedFile(context, bot, request);
  if (!document) {
    await say(context, `I did not send ${label}`, [
      "Its reporting point no longer exists, so nothing was uploaded.",
      'Say "reporting points" to see those there are.',
    ]);
    return;
  }
  const upload = await uploadDocument(target.value, document.body, { timeoutSeconds: config.UPLOAD_TIMEOUT_SECONDS });
  if (!upload.ok) {
    logger.warn({ file: request.file, bytes: document.body.length, ...upload }, "file upload failed");
    const why =
      upload.reason === "timeout"
        ? `Your OneDrive did not take it within ${plural(upload.seconds, "second")}, so the copy there may be incomplete: delete it.`
        : upload.reason === "refused"
          ? `Your OneDrive refused it (status ${upload.status}).`
          : "Your OneDrive could not be reached.";
    await say(context, `I could not send ${label}`, [why, askAgain(request)]);
    return;
  }
  logger.info({ file: request.file, bytes: document.body.length }, "file uploaded");
  await context.sendActivity({
    attachments: [
      {
        contentType: FILE_INFO_CARD,
        contentUrl: uploadInfo.contentUrl,
        name: uploadInfo.name,
        content: { uniqueId: uploadInfo.uniqueId, fileType: uploadInfo.fileType ?? document.fileName.split(".").pop() },
      },
    ],
  });
}

/** The person's answer to a consent card: accept uploads and shows the file; decline says so and sends nothing. */
async function answerFileConsent(context: TurnContext, bot: BotContext): Promise<void> {
  const parsed = consentAnswerSchema.safeParse(context.activity.value);
  if (!parsed.success) {
    bot.logger.warn(
      { problems: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
      "file consent answer refused: malformed",
    );
    await invokeResponse(context, 400, {
      error: "This file consent answer is not one the bot sent: it needs action, context and, to accept, uploadInfo.",
    });
    return;
  }
  const answer = parsed.data;
  if (answer.action === "decline") {
    bot.logger.info({ file: answer.context.file }, "file declined");
    await say(context, `Not sent: ${fileLabel(answer.context)}`, [`You declined it. ${askAgain(answer.context)}`]);
  } else {
    await accepted(context, bot, answer.context, answer.uploadInfo);
  }
  await invokeResponse(context, 200);
}

export function registerFileConsentRoutes(app: Application<TurnState>, bot: BotContext): void {
  app.addRoute(
    (context) =>
      Promise.resolve(
        context.activity.type === (ActivityTypes.Invoke as string) && context.activity.name === "fileConsent/invoke",
      ),
    (context) => answerFileConsent(context, bot),
    true,
  );
}
