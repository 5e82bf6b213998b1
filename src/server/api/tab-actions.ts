/**
 * The tab's actions (POST): update an item, request an extension, decide an extension, verify or return a
 * completion. Each calls the same service as its card verb, with the signed-in person as who did it, so the
 * rules, the history entries and the idempotency are the cards' own; afterwards, as after a card, the
 * reminders are planned again, every live card showing the item is queued for redrawing, deciders are offered
 * what now waits, and the owner is told of a decision. A confidential item is acted on only in personal scope.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { decisionOfferSettingsOf, extensionSettingsOf, type Config } from "../../config.js";
import { BannerTone, renderItemCard } from "../../cards/item-cards.js";
import { InputLimit } from "../../domain/input-limits.js";
import type { ReminderPolicy } from "../../domain/reminders/reminder-policy.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { londonDate } from "../../domain/dates/calendar-date.js";
import { tellOwnerOfDecision } from "../../services/decisions/notify-verification.js";
import { offerWaitingDecisions, type DecisionScope } from "../../services/decisions/offer-decisions.js";
import { decideCompletion as decideCompletionService } from "../../services/decisions/verify-completion.js";
import {
  decideExtension as decideExtensionService,
  ExtensionDecisionKind,
  loadExtensionRequest,
} from "../../services/extensions/extension-requests.js";
import { tellOwnerOfExtensionDecision } from "../../services/extensions/notify-extension.js";
import { liveCardSourcesOf, queueLiveCardEdits } from "../../services/live-cards/redraw-live-cards.js";
import { loadItemView } from "../../services/register/item-view.js";
import { planItemReminders } from "../../services/reminders/plan-reminders.js";
import { recordProgressUpdate } from "../../services/updates/record-progress-update.js";
import type { TabCall } from "./tab-call.js";
import { itemDetails, itemIdOf, visibleRow } from "./tab-reads.js";
import { parseQuery, scopeQuery } from "./tab-query.js";

/** What the actions need beyond the reads: the settings the card verbs read. */
export interface TabActions {
  config: Config;
  reminderPolicy: ReminderPolicy;
}

const STALE = "This item has changed since you opened it: reload it and make your change again.";
const NOT_HERE = "There is no item with this id that you may see here.";

const version = z.number({ invalid_type_error: "must be the item's version (a whole number)" }).int().min(0);
const optionalText = (max: number) =>
  z.string({ invalid_type_error: "must be text" }).max(max, `must be at most ${max} characters`).optional();
const bodies = {
  update: z
    .object({
      version,
      progress: z.string({ required_error: "choose the progress", invalid_type_error: "must be text" }).max(40),
      narrative: optionalText(InputLimit.narrative),
      evidenceUrl: optionalText(InputLimit.url),
      completedOn: optionalText(InputLimit.dateText),
      confidence: optionalText(InputLimit.token),
      submissionId: optionalText(InputLimit.token),
    })
    .strict(),
  extension: z
    .object({
      version,
      requestedTarget: z.string({ required_error: "give the new target date" }).max(InputLimit.dateText),
      reason: z.string({ required_error: "say why the target must move" }).max(InputLimit.reason),
      submissionId: optionalText(InputLimit.token),
    })
    .strict(),
  extensionDecision: z
    .object({
      decision: z.enum(["approve", "decline"], { errorMap: () => ({ message: "must be approve or decline" }) }),
      comment: optionalText(InputLimit.reason),
    })
    .strict(),
  verification: z
    .object({
      version,
      decision: z.enum(["verify", "return"], { errorMap: () => ({ message: "must be verify or return" }) }),
      comment: optionalText(InputLimit.reason),
    })
    .strict(),
};

/** The body as the schema reads it, or a 400 with the error by field (answered here). */
function bodyOf<T extends z.ZodTypeAny>(call: TabCall, schema: T): z.infer<T> | null {
  const parsed = schema.safeParse(call.body ?? {});
  if (parsed.success) return parsed.data as z.infer<T>;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) fields[key] = "is not a field of this action: leave it out";
    else fields[String(issue.path[0] ?? "body")] ??= issue.message;
  }
  fieldErrors(call, fields);
  return null;
}

function fieldErrors(call: TabCall, fields: Record<string, string>): void {
  call.res.json(400, { error: "Not saved: fix the fields named.", fields });
}

/** The item's row if the viewer may see it in this scope; otherwise answers 404 and gives null. */
async function itemHere(call: TabCall) {
  const query = parseQuery(scopeQuery, call.query);
  if (!query.ok) {
    call.res.json(400, { error: query.error, fields: query.fields });
    return null;
  }
  const id = itemIdOf(call.params.id);
  const row = id === null ? null : await visibleRow(call, id, query.value.scope);
  if (!row) call.res.json(404, { error: NOT_HERE });
  return row ? { row, scope: query.value.scope } : null;
}

/** A retried request (the same body for the same item) is the same submission: recorded once. */
function submissionIdOf(call: TabCall, itemId: number, given: string | undefined): string {
  if (given?.trim()) return given.trim();
  return `tab-${createHash("sha256")
    .update(`${itemId}\n${JSON.stringify(call.body)}`)
    .digest("hex")
    .slice(0, 32)}`;
}

/** As after a card: reminders planned again, live cards redrawn, and the tab's next read fresh. */
async function afterChange(call: TabCall, itemIds: readonly number[]): Promise<void> {
  const { deps } = call;
  deps.snapshots.invalidate();
  await planItemReminders(deps.store, itemIds, deps.now(), deps.actions.reminderPolicy);
  try {
    const sources = liveCardSourcesOf(deps.actions.config, deps.store, deps.snapshots);
    const edits = await queueLiveCardEdits(sources, itemIds, deps.now());
    if (edits.queued + edits.merged > 0)
      deps.logger.info({ itemIds, ...edits }, "messages showing changed items queued for redrawing");
  } catch (error) {
    deps.logger.error({ err: error, itemIds }, "the messages showing changed items could not be queued for redrawing");
  }
}

async function offerDecisions(call: TabCall, why: string, scope: DecisionScope): Promise<void> {
  try {
    await offerWaitingDecisions(
      call.deps.store,
      decisionOfferSettingsOf(call.deps.actions.config),
      call.deps.now(),
      scope,
    );
  } catch (error) {
    call.deps.logger.error(
      { err: error, why },
      "waiting decisions could not be offered now; the next sweep offers them",
    );
  }
}

/** 200 with the message and the item as it now is (as GET /api/items/:id gives it). */
async function answered(call: TabCall, itemId: number, scope: "personal" | "channel", message: string): Promise<void> {
  const row = await visibleRow(call, itemId, scope);
  const details = row ? await itemDetails(call, row) : null;
  call.res.json(200, { ok: true, message, item: details?.item ?? null });
}

/** Shared by update and extension: the card's own service, with the card's field names mapped to the page's. */
async function submitUpdate(
  call: TabCall,
  found: { row: { id: number }; scope: "personal" | "channel" },
  submission: { version: number; submissionId: string; inputs: Record<string, string | undefined> },
  fieldNames: Record<string, string>,
): Promise<void> {
  const { deps, viewer } = call;
  const itemId = found.row.id;
  const config = deps.actions.config;
  const outcome = await recordProgressUpdate(
    deps.store,
    { itemId, ...submission },
    viewer.actor,
    deps.now(),
    londonDate(deps.now()),
    { requireSecondVerifier: config.REQUIRE_SECOND_VERIFIER, extensions: extensionSettingsOf(config) },
  );
  if (!outcome.ok) {
    if (outcome.reason === "not_found") return void call.res.json(404, { error: NOT_HERE });
    if (outcome.reason === "forbidden")
      return void call.res.json(403, {
        error: "Only the owner, their delegate, the directorate's lead or the improvement team can update this item.",
      });
    if (outcome.reason === "stale") return void call.res.json(409, { error: STALE });
    const fields = Object.fromEntries(Object.entries(outcome.errors).map(([k, v]) => [fieldNames[k] ?? k, v]));
    return fieldErrors(call, fields);
  }
  if (!outcome.duplicate && !outcome.unchanged) await afterChange(call, [itemId]);
  if (outcome.awaitingVerification) await offerDecisions(call, "completion submitted", { completionItemIds: [itemId] });
  const waiting = outcome.extension?.state === "waiting" ? outcome.extension : null;
  if (waiting && !outcome.duplicate) await offerDecisions(call, "extension requested", { extensionIds: [waiting.id] });
  const message = outcome.duplicate
    ? "Already saved: this update was recorded once."
    : outcome.unchanged
      ? "Nothing changed: the item already says this, so nothing was recorded."
      : waiting
        ? `Saved. Your request to move the target to ${readableDate(waiting.requestedTarget)} is waiting for approval; the current target stands until it is decided.`
        : outcome.awaitingVerification
          ? "Saved. The improvement team will verify the completion; until then it counts as in progress."
          : outcome.selfVerified
            ? "Saved and closed: verified by the submitter (you) as improvement team."
            : "Saved.";
  await answered(call, itemId, found.scope, message);
}

export async function update(call: TabCall): Promise<void> {
  const found = await itemHere(call);
  const body = found && bodyOf(call, bodies.update);
  if (!found || !body) return;
  const { version: v, submissionId, ...inputs } = body;
  await submitUpdate(
    call,
    found,
    { version: v, submissionId: submissionIdOf(call, found.row.id, submissionId), inputs },
    {},
  );
}

export async function requestExtension(call: TabCall): Promise<void> {
  const found = await itemHere(call);
  const body = found && bodyOf(call, bodies.extension);
  if (!found || !body) return;
  const inputs = { progress: found.row.progress, revisedTarget: body.requestedTarget, revisionReason: body.reason };
  if (!body.requestedTarget.trim()) return fieldErrors(call, { requestedTarget: "give the new target date" });
  if (!body.reason.trim())
    return fieldErrors(call, { reason: "Say why the target date needs to move: the approver reads your reason." });
  await submitUpdate(
    call,
    found,
    { version: body.version, submissionId: submissionIdOf(call, found.row.id, body.submissionId), inputs },
    { revisedTarget: "requestedTarget", revisionReason: "reason" },
  );
}

export async function decideExtension(call: TabCall): Promise<void> {
  const requestId = itemIdOf(call.params.id);
  const loaded = requestId === null ? null : await loadExtensionRequest(call.deps.store, requestId);
  const query = parseQuery(scopeQuery, call.query);
  if (!query.ok) return void call.res.json(400, { error: query.error, fields: query.fields });
  const row = loaded ? await visibleRow(call, loaded.item.id, query.value.scope) : null;
  if (!loaded || !row || requestId === null)
    return void call.res.json(404, { error: "There is no extension request with this id that you may see here." });
  const body = bodyOf(call, bodies.extensionDecision);
  if (!body) return;
  const decision = body.decision === "approve" ? ExtensionDecisionKind.approve : ExtensionDecisionKind.decline;
  const outcome = await decideExtensionService(
    call.deps.store,
    { requestId, decision, comment: body.comment?.trim() || null },
    call.viewer.actor,
    call.deps.now(),
  );
  if (!outcome.ok) {
    if (outcome.reason === "not_found") return void call.res.json(404, { error: NOT_HERE });
    if (outcome.reason === "comment") return fieldErrors(call, { comment: outcome.message });
    return void call.res.json(403, { error: `Not decided: ${outcome.message}` });
  }
  await afterChange(call, [row.id]);
  const approved = decision === ExtensionDecisionKind.approve;
  const requested = readableDate(outcome.request.requestedTarget);
  const view = await loadItemView(call.deps.store, row.id, londonDate(call.deps.now()), call.deps.atRisk);
  if (view) {
    const by = outcome.request.decision?.by;
    const comment = outcome.request.decision?.comment;
    const banner = approved
      ? `Extension approved by ${by}: the target is now ${requested}.${comment ? ` Comment: ${comment}` : ""}`
      : `Extension to ${requested} declined by ${by}; the target stays ${readableDate(outcome.request.fromTarget)}. Comment: ${comment ?? ""}`;
    const card = renderItemCard(view, {
      editable: true,
      banner,
      bannerTone: approved ? BannerTone.good : BannerTone.warning,
    });
    await tellOwnerOfExtensionDecision(
      call.deps.store,
      outcome,
      requestId,
      card,
      `${view.ref}: extension ${approved ? "approved" : "declined"}`,
    );
  }
  const message = approved
    ? `Approved: the target is now ${requested}. The owner is told.`
    : "Declined: the target stays as it was. The owner is told, with your comment.";
  await answered(call, row.id, query.value.scope, message);
}

const COMPLETION_REFUSALS = {
  forbidden: [403, "Only the improvement team can verify completions."],
  not_awaiting: [409, "Nothing to decide: this item is not awaiting verification (someone may have decided already)."],
  own_submission: [403, "You submitted this completion, so another member of the improvement team must verify it."],
  not_found: [404, NOT_HERE],
  stale: [409, STALE],
} as const;

export async function decideCompletion(call: TabCall): Promise<void> {
  const found = await itemHere(call);
  const body = found && bodyOf(call, bodies.verification);
  if (!found || !body) return;
  const itemId = found.row.id;
  const outcome = await decideCompletionService(
    call.deps.store,
    {
      itemId,
      version: body.version,
      decision: body.decision === "verify" ? "approve" : "return",
      comment: body.comment ?? null,
    },
    call.viewer.actor,
    call.deps.now(),
  );
  if (!outcome.ok) {
    if (outcome.reason === "comment_required")
      return fieldErrors(call, { comment: "Say what is missing before returning it: the owner sees your comment." });
    const [status, error] = COMPLETION_REFUSALS[outcome.reason];
    return void call.res.json(status, { error });
  }
  await afterChange(call, [itemId]);
  const approved = outcome.decision === "approved";
  const view = await loadItemView(call.deps.store, itemId, londonDate(call.deps.now()), call.deps.atRisk);
  if (view) {
    const banner = approved
      ? "Verified by the improvement team: this item now counts as complete."
      : `Returned by the improvement team: ${body.comment ?? ""}`;
    const card = renderItemCard(view, {
      editable: true,
      banner,
      bannerTone: approved ? BannerTone.good : BannerTone.warning,
    });
    await tellOwnerOfDecision(
      call.deps.store,
      outcome,
      itemId,
      view.version,
      card,
      `${view.ref}: ${approved ? "verified" : "returned"}`,
    );
  }
  await answered(
    call,
    itemId,
    found.scope,
    approved ? "Verified: the item now counts as complete." : "Returned to the owner.",
  );
}
