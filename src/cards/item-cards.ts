/** The update card, the verification card and the data-entry forms, bound from typed views. */
import { randomUUID } from "node:crypto";
import type { FieldErrors } from "../domain/updates/progress-update.js";
import { formatDay } from "../domain/dates/calendar-date.js";
import { DIRECTORATES } from "../domain/register/directorates.js";
import { evidenceLinkCaution } from "../domain/register/evidence-link.js";
import { Progress, STATUS_LABELS } from "../domain/status/status.js";
import type { ItemView } from "../domain/register/item-view.js";
import { PROGRESS_LABELS, readableDate } from "../domain/text/readable-text.js";
import { isPlaceholderDate } from "../domain/text/readable-text.js";
import type { ItemCardMilestones } from "../domain/register/item-milestones.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";
import { withRefreshFor } from "./live-cards.js";
import { CONFIDENCE_LABELS, CONFIDENCE_VALUES } from "../domain/status/at-risk.js";
import { atRiskText } from "../domain/status/item-at-risk.js";
import { CardEmphasis, plain, STATUS_EMPHASIS } from "./card-text.js";

/** A banner's tone is the container style it sits in (its words stay in the theme's text colour). */
export const BannerTone = {
  good: CardEmphasis.good,
  warning: CardEmphasis.warning,
  attention: CardEmphasis.attention,
} as const;
export type BannerTone = (typeof BannerTone)[keyof typeof BannerTone];

const PROGRESS_CHOICES = [
  { title: "Not started", value: Progress.notStarted },
  { title: "In progress", value: Progress.inProgress },
  { title: "Complete (needs evidence; verified by the improvement team)", value: Progress.complete },
  { title: "No action required (say why)", value: Progress.noActionRequired },
];

/** The owner's word on the current target: what raises the at-risk flag before the date passes. */
const CONFIDENCE_CHOICES = CONFIDENCE_VALUES.map((value) => ({ title: CONFIDENCE_LABELS[value], value }));

export interface ItemCardOptions {
  editable: boolean;
  banner?: string;
  bannerTone?: BannerTone;
  errors?: FieldErrors;
  /** What the owner typed, kept when the card comes back with errors. */
  values?: Record<string, string>;
  /** The item's milestones as this viewer may see them; left out, the card has no milestone section. */
  milestones?: ItemCardMilestones;
  /** The decisions waiting on the item that this viewer may make; left out, none are offered. */
  decisions?: ItemDecisions;
  /**
   * In a channel or group chat, the Teams user ids the card is refreshed for (each sees their own view, the
   * rest this card); left out in a personal chat, whose one viewer is refreshed anyway.
   */
  refreshUserIds?: readonly string[];
}

/** What a viewer may decide on an item: its waiting extension request (by id) and its waiting completion. */
export interface ItemDecisions {
  extensionRequestId: number | null;
  /** They may return the completion (with a comment). */
  completion: boolean;
  /** They may also verify it: not whoever submitted it. */
  mayVerify: boolean;
}

/** "An extension to 30 Sep 2026 is waiting for your decision." and the like; "" when nothing waits for them. */
function decisionPrompt(view: ItemView, decisions: ItemDecisions | undefined): string {
  const extension = decisions?.extensionRequestId != null;
  const completion = Boolean(decisions?.completion);
  if (extension && completion) return "An extension request and a completion are waiting for your decision.";
  if (extension) return `Waiting for your decision: extension ${view.extensions?.waiting ?? "requested"}.`;
  if (completion) return `Waiting for your decision: ${verificationNote(view)}`;
  return "";
}

/** "Milestone 1 · target 31 Dec 2025 · In progress": where a milestone stands, beside its own status. */
function milestoneFacts(row: ItemCardMilestones["rows"][number]): string {
  const m = row.milestone;
  const target = m.revisedTarget.end ? `${readableDate(m.revisedTarget)} (revised)` : readableDate(m.originalTarget);
  const awaiting = m.verification === "awaiting" ? " · completion awaiting verification" : "";
  return `${m.ref} · target ${target} · ${PROGRESS_LABELS[m.progress]}${awaiting}`;
}

/** The milestone section's bindings: empty lists and texts when there is nothing to show. */
function milestoneData(milestones: ItemCardMilestones | undefined) {
  const hidden = milestones?.hidden ?? 0;
  return {
    milestoneNote: plain(milestones?.note ?? ""),
    hasMilestones: Boolean(milestones && (milestones.rows.length > 0 || hidden > 0)),
    milestones: (milestones?.rows ?? []).map((row) => ({
      text: plain(row.milestone.text),
      facts: plain(milestoneFacts(row)),
      statusLabel: STATUS_LABELS[row.status.status],
      statusEmphasis: STATUS_EMPHASIS[row.status.status],
      latestUpdate: plain(row.milestone.latestUpdate ?? ""),
      updatable: row.updatable,
      updateTitle: plain(`Update ${row.milestone.ref}`),
      itemId: String(row.milestone.id),
    })),
    hiddenMilestones: plain(
      hidden
        ? `${hidden} more ${hidden === 1 ? "milestone is" : "milestones are"} confidential: ask me in a personal chat.`
        : "",
    ),
  };
}

export function verificationNote(view: ItemView): string {
  if (view.verification === "awaiting") {
    return `${view.pendingProgress === Progress.noActionRequired ? "No action required" : "Completion"} claimed${view.completionClaimedOn ? ` on ${formatDay(view.completionClaimedOn)}` : ""}: awaiting the improvement team's verification.`;
  }
  if (view.verification === "returned")
    return `Returned by the improvement team: ${view.completionNote ?? "see the history"}`;
  return "";
}

/** "extended twice: 31 Mar 2025 → …", flagged when the latest request was a repeat; "" when never extended. */
export function extensionsText(view: Pick<ItemView, "extensions">): string {
  const extensions = view.extensions;
  if (!extensions || (extensions.count === 0 && !extensions.repeat)) return "";
  return extensions.repeat ? `Repeat extension: ${extensions.chain}` : extensions.chain;
}

export function renderItemCard(view: ItemView, options: ItemCardOptions): AdaptiveCard {
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const currentTarget = view.revisedTarget.end
    ? `${readableDate(view.revisedTarget)} (revised)`
    : readableDate(view.originalTarget);
  const statusLabel = STATUS_LABELS[view.status.status];
  const card = renderCard(CardTemplate.itemUpdate, {
    banner: plain(options.banner ?? ""),
    bannerStyle: options.bannerTone ?? BannerTone.good,
    review: plain(view.reviewTitle),
    ref: plain(view.ref),
    text: plain(view.text),
    statusLabel,
    statusEmphasis: STATUS_EMPHASIS[view.status.status],
    reason: plain(view.status.reason),
    originalTarget: plain(readableDate(view.originalTarget)),
    currentTarget: plain(currentTarget),
    extensions: plain(extensionsText(view)),
    extensionNote: plain(
      view.extensions?.waiting
        ? `Extension ${view.extensions.waiting}. The current target stands until it is decided.`
        : "",
    ),
    owner: plain(view.ownerLabel ?? view.ownerEmail ?? "not assigned"),
    delegate: plain(view.delegateLabel ?? view.delegateEmail ?? "none"),
    priority: plain(view.priority ?? "not set"),
    atRisk: plain(view.atRisk ? atRiskText(view.atRisk) : ""),
    verificationNote: plain(verificationNote(view)),
    latestUpdate: plain(view.latestUpdate ?? ""),
    ...milestoneData(options.milestones),
    stepTowards: plain(view.stepTowards ? `A milestone towards ${view.stepTowards.ref}: ${view.stepTowards.text}` : ""),
    stepTowardsTitle: plain(view.stepTowards ? `Open ${view.stepTowards.ref}` : ""),
    stepTowardsId: String(view.stepTowards?.id ?? ""),
    history: view.history.map((h) => ({
      when: formatDay(h.at.toISOString().slice(0, 10)),
      who: plain(h.actor),
      what: plain(`${h.action}${h.changes ? ` (${h.changes})` : ""}`),
    })),
    editable: options.editable,
    decisionPrompt: plain(decisionPrompt(view, options.decisions)),
    extensionRequestId:
      options.decisions?.extensionRequestId != null ? String(options.decisions.extensionRequestId) : "",
    completionDecidable: Boolean(options.decisions?.completion),
    completionVerifiable: Boolean(options.decisions?.completion && options.decisions.mayVerify),
    readOnlyNote: options.refreshUserIds
      ? "Only its owner, their delegate, the directorate's lead and the improvement team can change this item: each of them sees their own buttons on this card."
      : view.stepTowards
        ? "You can see this milestone but not change it: only its owner, the owner of its item, their delegates, the directorate's lead or the improvement team can."
        : "You can see this item but not change it: only its owner, their delegate, the directorate's lead or the improvement team can.",
    progressChoices: PROGRESS_CHOICES,
    progress:
      values.progress ??
      (view.verification === "awaiting" && view.pendingProgress ? view.pendingProgress : view.progress),
    narrative: plain(values.narrative ?? ""),
    confidenceChoices: CONFIDENCE_CHOICES,
    // The owner's answer stands while the target it was about does; once the target moves it is asked afresh.
    confidence: plain(values.confidence ?? view.confidenceInCurrentTarget ?? ""),
    // An imported placeholder ("n/a", "TBC") is not a target: the box starts empty rather than pretending it is one.
    revisedTarget: plain(
      values.revisedTarget ?? (isPlaceholderDate(view.revisedTarget.raw) ? "" : (view.revisedTarget.raw ?? "")),
    ),
    revisionReason: plain(values.revisionReason ?? ""),
    evidenceUrl: plain(values.evidenceUrl ?? view.evidenceUrl ?? ""),
    completedOn: plain(values.completedOn ?? ""),
    delegateEmail: plain(values.delegateEmail ?? view.delegateEmail ?? ""),
    errors: Object.fromEntries(
      [
        "progress",
        "narrative",
        "revisedTarget",
        "revisionReason",
        "evidenceUrl",
        "completedOn",
        "delegateEmail",
        "confidence",
      ].map((f) => [f, plain(errors[f as keyof FieldErrors] ?? "")]),
    ),
    itemId: view.id,
    version: view.version,
    submissionId: randomUUID(),
    fallbackText: plain(`${view.reviewTitle} / ${view.ref}: ${statusLabel}. ${view.status.reason}`),
  });
  return options.refreshUserIds ? withRefreshFor(card, options.refreshUserIds) : card;
}

export function renderVerificationCard(
  view: ItemView,
  options: { decidable: boolean; banner?: string; bannerTone?: BannerTone },
): AdaptiveCard {
  const pendingLabel = view.pendingProgress === Progress.noActionRequired ? "no action required" : "completion";
  return renderCard(CardTemplate.verification, {
    banner: plain(options.banner ?? ""),
    bannerStyle: options.bannerTone ?? BannerTone.good,
    pendingLabel,
    review: plain(view.reviewTitle),
    ref: plain(view.ref),
    text: plain(view.text),
    owner: plain(view.ownerLabel ?? view.ownerEmail ?? "not assigned"),
    claimedOn: view.completionClaimedOn ? formatDay(view.completionClaimedOn) : "not given",
    currentTarget: plain(view.revisedTarget.end ? readableDate(view.revisedTarget) : readableDate(view.originalTarget)),
    evidenceUrl: plain(view.evidenceUrl ?? ""),
    evidenceCaution: plain(view.evidenceUrl ? evidenceLinkCaution(view.evidenceUrl) : null),
    note: plain(view.completionNote ?? ""),
    decidable: options.decidable,
    itemId: view.id,
    version: view.version,
    fallbackText: plain(
      `Verify ${pendingLabel}: ${view.reviewTitle} / ${view.ref} (owner ${view.ownerLabel ?? view.ownerEmail ?? "not assigned"})`,
    ),
  });
}

export function renderReviewForm(options: {
  errors?: string[];
  values?: Record<string, string>;
  banner?: string;
}): AdaptiveCard {
  const values = options.values ?? {};
  return renderCard(CardTemplate.reviewForm, {
    title: "Add a review",
    errors: (options.errors ?? []).map(plain),
    banner: plain(options.banner ?? ""),
    directorates: DIRECTORATES.slice(0, 5).map((d) => ({ id: d.id, name: d.name })),
    values: Object.fromEntries(
      [
        "review_title",
        "directorate",
        "review_body",
        "review_type",
        "review_date",
        "findings_received",
        "outcome",
        "confidential",
      ].map((k) => [k, plain(values[k] ?? (k === "confidential" ? "false" : k === "directorate" ? "CYPS" : ""))]),
    ),
    submissionId: randomUUID(),
  });
}

export function renderItemForm(
  review: { id: number; title: string },
  options: { errors?: string[]; values?: Record<string, string>; banner?: string },
): AdaptiveCard {
  const values = options.values ?? {};
  return renderCard(CardTemplate.itemForm, {
    title: "Add an item",
    reviewTitle: plain(review.title),
    reviewId: review.id,
    errors: (options.errors ?? []).map(plain),
    banner: plain(options.banner ?? ""),
    values: Object.fromEntries(
      ["item_ref", "item_text", "original_target", "owner_email", "responsible_unit"].map((k) => [
        k,
        plain(values[k] ?? ""),
      ]),
    ),
    submissionId: randomUUID(),
  });
}
