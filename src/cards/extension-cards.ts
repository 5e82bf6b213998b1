/** The approver's card for an extension request: the item, its targets so far, the reason, Approve and Decline. */
import {
  APPROVER_WORDS,
  ExtensionApprover,
  ExtensionState,
  type ExtensionRequest,
} from "../domain/extensions/extension-request.js";
import { readableDate } from "../domain/text/readable-text.js";
import { STATUS_LABELS, type StatusOutcome } from "../domain/status/status.js";
import { CardEmphasis, plain, STATUS_EMPHASIS } from "./card-text.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";

/** The request and its item as the approver's card shows them. */
export interface ExtensionRequestView {
  requestId: number;
  reviewTitle: string;
  ref: string;
  text: string;
  ownerEmail: string | null;
  /** The owner as people read them ("Jo Bloggs, Head of Service"); absent, the email stands in. */
  ownerLabel?: string;
  status: StatusOutcome;
  request: ExtensionRequest;
  /** "extended twice: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026", or "not extended". */
  chain: string;
}

export interface ExtensionCardOptions {
  decidable: boolean;
  banner?: string;
  bannerTone?: CardEmphasis;
  /** Shown by the comment field: a decline without one, or one too long. */
  commentError?: string;
  /** What the approver typed, kept when the card comes back. */
  comment?: string;
}

function outcomeText(request: ExtensionRequest): string {
  if (request.state === ExtensionState.waiting || !request.decision) return "";
  const comment = request.decision.comment ? `: ${request.decision.comment}` : ".";
  return `${request.state === ExtensionState.approved ? "Approved" : "Declined"} by ${request.decision.by}${comment}`;
}

/** The item's target now: the requested one once approved (the one it replaced beside it), else the one asked to move. */
function currentTargetText(request: ExtensionRequest): string {
  if (request.state !== ExtensionState.approved) return readableDate(request.fromTarget);
  return `${readableDate(request.requestedTarget)} (was ${readableDate(request.fromTarget)})`;
}

export function renderExtensionRequestCard(view: ExtensionRequestView, options: ExtensionCardOptions): AdaptiveCard {
  const { request } = view;
  const heading = `Extension request: ${view.ref}`;
  return renderCard(CardTemplate.extensionRequest, {
    banner: plain(options.banner ?? ""),
    bannerStyle: options.bannerTone ?? CardEmphasis.good,
    heading: plain(heading),
    repeatNote: request.repeat
      ? `A repeat extension: the item had already been extended ${request.extensionsBefore === 1 ? "once" : request.extensionsBefore === 2 ? "twice" : `${request.extensionsBefore} times`}, so the improvement team decides it and it is flagged for the committee.`
      : "",
    review: plain(view.reviewTitle),
    ref: plain(view.ref),
    text: plain(view.text),
    statusLabel: STATUS_LABELS[view.status.status],
    statusEmphasis: STATUS_EMPHASIS[view.status.status],
    requestedBy: plain(request.requestedBy),
    owner: plain(view.ownerLabel ?? view.ownerEmail ?? "not assigned"),
    currentTarget: plain(currentTargetText(request)),
    requestedTarget: plain(readableDate(request.requestedTarget)),
    chain: plain(view.chain),
    approver: APPROVER_WORDS[request.decidedBy ?? ExtensionApprover.either],
    reason: plain(request.reason),
    outcome: plain(outcomeText(request)),
    decidable: options.decidable,
    comment: plain(options.comment ?? ""),
    commentError: plain(options.commentError ?? ""),
    requestId: view.requestId,
    fallbackText: plain(
      `${heading} (${view.reviewTitle}): move the target from ${readableDate(request.fromTarget)} to ${readableDate(request.requestedTarget)}`,
    ),
  });
}
