/**
 * Extension requests: an owner's revised target date becomes a request that someone decides, so targets stop
 * moving "at each meeting" unseen (North Devon approves each extension; Durham wanted to cap revisions).
 *
 * - A request leaves the item's current target, and so its status, as they are until it is decided.
 * - Who decides is a setting: the directorate's lead, the improvement team, or either (the default).
 * - Councils that do not approve extensions set `needApproval` off: a request then takes effect at once, as before.
 * - Declining needs a comment (the owner is told why); approving may carry one.
 * - Each item counts its extensions and shows the chain of targets. Once it has been extended `repeatThreshold`
 *   times (default 2), a further request goes to the improvement team whoever the usual approver is, and is
 *   flagged as a repeat for answers and the committee report.
 * Every outcome is a value: the new request or decision, or `{ ok: false, reason }` saying what to do instead.
 */
import { formatDay, londonDate } from "../dates/calendar-date.js";
import {
  DAY_OR_MONTH_FORMS,
  DateKind,
  parseDateText,
  unreadableDateReason,
  type DateText,
} from "../dates/date-text.js";
import { windowProblem } from "../dates/date-window.js";
import { InputLimit } from "../input-limits.js";
import { refused, type Outcome } from "../outcome.js";
import { readableDate } from "../text/readable-text.js";
import { isOpen, type Progress } from "../status/status.js";

/** Who decides extension requests (the EXTENSION_APPROVER setting). */
export const ExtensionApprover = {
  directorateLead: "directorate_lead",
  improvementTeam: "improvement_team",
  either: "either",
} as const;
export type ExtensionApprover = (typeof ExtensionApprover)[keyof typeof ExtensionApprover];
export const EXTENSION_APPROVER_VALUES = Object.values(ExtensionApprover);

export const ExtensionState = {
  waiting: "waiting",
  approved: "approved",
  declined: "declined",
  tookEffect: "took_effect",
} as const;
export type ExtensionState = (typeof ExtensionState)[keyof typeof ExtensionState];

export interface ExtensionSettings {
  approver: ExtensionApprover;
  /** Off: a request takes effect at once, with nobody deciding it. */
  needApproval: boolean;
  /** Extensions an item may have before a further request goes to the improvement team, flagged. */
  repeatThreshold: number;
}

export const DEFAULT_EXTENSION_SETTINGS: ExtensionSettings = {
  approver: ExtensionApprover.either,
  needApproval: true,
  repeatThreshold: 2,
};

export interface ExtensionDecision {
  by: string;
  at: Date;
  comment: string | null;
}

export interface ExtensionRequest {
  /** The item's effective target when the request was made. */
  fromTarget: DateText;
  requestedTarget: DateText;
  reason: string;
  requestedBy: string;
  requestedAt: Date;
  /** Who may decide it; null when it took effect at once. */
  decidedBy: ExtensionApprover | null;
  /** How many times the item had been extended when the request was made. */
  extensionsBefore: number;
  /** Made after the item had already been extended `repeatThreshold` times. */
  repeat: boolean;
  state: ExtensionState;
  decision: ExtensionDecision | null;
}

export interface ExtensionItem {
  progress: Progress;
  originalTarget: DateText;
  revisedTarget: DateText;
  /** Every request made for the item, oldest first. */
  requests: readonly ExtensionRequest[];
}

export interface ExtensionAsk {
  /** The date as typed in the card: "30 Sep 2026", "Sep-26", "2026-09-30". */
  requestedTarget: string;
  reason: string;
  requestedBy: string;
}

export interface Decider {
  email: string;
  isImprovementTeam: boolean;
  /** Leads the directorate the item is reported under. */
  leadsItemsDirectorate: boolean;
}

/** A request made or decided, and the item's revised target afterwards: null while nothing changes. */
export interface ExtensionStep {
  request: ExtensionRequest;
  newRevisedTarget: DateText | null;
}

export const APPROVER_WORDS: Record<ExtensionApprover, string> = {
  directorate_lead: "the directorate's lead",
  improvement_team: "the improvement team",
  either: "the directorate's lead or the improvement team",
};

function effectiveTarget(item: Pick<ExtensionItem, "originalTarget" | "revisedTarget">): DateText {
  return item.revisedTarget.end ? item.revisedTarget : item.originalTarget;
}

/** An extension that moved the target: approved, or taking effect at once where approval is off. */
export function tookEffect(request: ExtensionRequest): boolean {
  return request.state === ExtensionState.approved || request.state === ExtensionState.tookEffect;
}

/**
 * The item's targets from the original through each extension that took effect: "31 Mar 2025 → 30 Sep 2025".
 * A move made outside requests (a revised target imported from the council's tracker) is a step too.
 */
export function targetChain(item: Pick<ExtensionItem, "originalTarget" | "revisedTarget" | "requests">): DateText[] {
  const chain: DateText[] = [];
  const step = (target: DateText) => {
    if (target.end && chain[chain.length - 1]?.end !== target.end) chain.push(target);
  };
  step(item.originalTarget);
  for (const request of item.requests.filter(tookEffect)) {
    step(request.fromTarget);
    step(request.requestedTarget);
  }
  step(item.revisedTarget);
  return chain;
}

export function extensionCount(item: Pick<ExtensionItem, "originalTarget" | "revisedTarget" | "requests">): number {
  return Math.max(0, targetChain(item).length - 1);
}

function timesWord(count: number): string {
  if (count === 1) return "once";
  if (count === 2) return "twice";
  return `${count} times`;
}

/** "extended 3 times: 31 Mar 2025 → 30 Sep 2025 → 31 Mar 2026 → 30 Sep 2026", or "not extended". */
export function describeExtensions(item: Pick<ExtensionItem, "originalTarget" | "revisedTarget" | "requests">): string {
  const chain = targetChain(item);
  if (chain.length < 2) return "not extended";
  return `extended ${timesWord(chain.length - 1)}: ${chain.map(readableDate).join(" → ")}`;
}

/** Who decides the next request, and whether it is a repeat: from the threshold on, the improvement team. */
export function routeRequest(
  extensionsSoFar: number,
  settings: ExtensionSettings,
): { decidedBy: ExtensionApprover; repeat: boolean } {
  const repeat = extensionsSoFar >= settings.repeatThreshold;
  return { decidedBy: repeat ? ExtensionApprover.improvementTeam : settings.approver, repeat };
}

/** The owner asks for a later target. Waits for a decision, or takes effect at once when approval is off. */
export function requestExtension(
  item: ExtensionItem,
  ask: ExtensionAsk,
  settings: ExtensionSettings,
  now: Date,
): Outcome<ExtensionStep> {
  if (!isOpen(item.progress)) return refused("This item is closed, so its target cannot be extended.");
  const waiting = item.requests.find((r) => r.state === ExtensionState.waiting);
  if (waiting) {
    return refused(
      `A request to move the target to ${readableDate(waiting.requestedTarget)} is already waiting for ${APPROVER_WORDS[waiting.decidedBy ?? settings.approver]}: ` +
        "it must be decided before another is made.",
    );
  }
  const current = effectiveTarget(item);
  if (!current.end) {
    return refused(
      "This item's target is TBC: a first target date is set by the improvement team, not requested as an extension.",
    );
  }

  const reason = ask.reason.trim();
  if (!reason) return refused("Say why the target date needs to move: the approver reads your reason.");
  if (reason.length > InputLimit.reason) return refused(tooLong("the reason", reason));

  const typed = ask.requestedTarget.trim();
  const requested = parseDateText(typed);
  if (requested.kind === DateKind.tbc) return refused("An extension needs a date, not TBC.");
  if (!requested.end || requested.kind === DateKind.unparsed) {
    return refused(`${unreadableDateReason(typed, DAY_OR_MONTH_FORMS)}.`);
  }
  const outside = windowProblem(requested);
  if (outside) return refused(`${outside}.`);
  if (requested.end < londonDate(now)) {
    return refused(`The new target ${typed} is already past: give a date from today on.`);
  }
  if (requested.end <= current.end) {
    return refused(
      `${readableDate(requested)} is not after the current target ${readableDate(current)}: an extension moves the target later.`,
    );
  }

  const extensionsBefore = extensionCount(item);
  const base = {
    fromTarget: current,
    requestedTarget: requested,
    reason,
    requestedBy: ask.requestedBy,
    requestedAt: now,
    extensionsBefore,
    decision: null,
  };
  const route = routeRequest(extensionsBefore, settings);
  if (!settings.needApproval) {
    return {
      ok: true,
      value: {
        request: { ...base, decidedBy: null, repeat: route.repeat, state: ExtensionState.tookEffect },
        newRevisedTarget: requested,
      },
    };
  }
  return {
    ok: true,
    value: {
      request: { ...base, decidedBy: route.decidedBy, repeat: route.repeat, state: ExtensionState.waiting },
      newRevisedTarget: null,
    },
  };
}

/** Whether this person may decide this request; the refusal names who may. */
export function mayDecide(request: ExtensionRequest, decider: Decider): Outcome<true> {
  if (request.state !== ExtensionState.waiting) {
    if (request.state === ExtensionState.tookEffect) {
      return refused("This extension took effect when it was made: there is nothing to decide.");
    }
    const decision = request.decision!;
    return refused(
      `This request was already ${request.state} by ${decision.by} on ${formatDay(londonDate(decision.at))}.`,
    );
  }
  const role = request.decidedBy ?? ExtensionApprover.either;
  const who = APPROVER_WORDS[role];
  if (decider.email.toLowerCase() === request.requestedBy.toLowerCase()) {
    return refused(`You asked for this extension, so ${who} decides it.`);
  }
  const allowed =
    (role !== ExtensionApprover.directorateLead && decider.isImprovementTeam) ||
    (role !== ExtensionApprover.improvementTeam && decider.leadsItemsDirectorate);
  if (allowed) return { ok: true, value: true };
  const why = request.repeat
    ? ` because the item had already been extended ${timesWord(request.extensionsBefore)}`
    : "";
  return refused(`Only ${who} can decide this request${why}.`);
}

/** "Keep the reason under 1,000 characters (it is 1,001)." */
function tooLong(what: string, text: string): string {
  const count = (n: number) => n.toLocaleString("en-GB");
  return `Keep ${what} under ${count(InputLimit.reason)} characters (it is ${count(text.length)}).`;
}

function decisionComment(comment: string | null | undefined): Outcome<string | null> {
  const text = (comment ?? "").trim();
  if (text.length > InputLimit.reason) return refused(tooLong("the comment", text));
  return { ok: true, value: text || null };
}

/** Approves a waiting request: the item's revised target becomes the requested date. */
export function approveExtension(
  request: ExtensionRequest,
  decider: Decider,
  comment: string | null,
  now: Date,
): Outcome<ExtensionStep> {
  const allowed = mayDecide(request, decider);
  if (!allowed.ok) return allowed;
  const text = decisionComment(comment);
  if (!text.ok) return text;
  // A request made before dates had a window may name one outside it: it is declined, never applied.
  const outside = windowProblem(request.requestedTarget);
  if (outside) return { ok: false, reason: `${outside}: decline this request and ask for a date inside that range.` };
  const decided = {
    ...request,
    state: ExtensionState.approved,
    decision: { by: decider.email, at: now, comment: text.value },
  };
  return { ok: true, value: { request: decided, newRevisedTarget: request.requestedTarget } };
}

/** Declines a waiting request, with the comment the owner will read; the item's target stays as it is. */
export function declineExtension(
  request: ExtensionRequest,
  decider: Decider,
  comment: string | null,
  now: Date,
): Outcome<ExtensionStep> {
  const allowed = mayDecide(request, decider);
  if (!allowed.ok) return allowed;
  const text = decisionComment(comment);
  if (!text.ok) return text;
  if (!text.value) return refused("Say why the extension is declined: the owner reads your comment.");
  const decided = {
    ...request,
    state: ExtensionState.declined,
    decision: { by: decider.email, at: now, comment: text.value },
  };
  return { ok: true, value: { request: decided, newRevisedTarget: null } };
}

/**
 * A request in words, for the owner's message, the history and the committee's table: "asked by a@x on 2 Mar 2026
 * to move the target from 31 Mar 2026 to 30 Sep 2026: declined by b@x on 3 Mar 2026 (Bring a recovery plan first.)".
 * Typed text (the comment) is returned as typed; whoever shows it escapes it.
 */
export function describeExtensionRequest(request: ExtensionRequest): string {
  const asked =
    `asked by ${request.requestedBy} on ${formatDay(londonDate(request.requestedAt))} to move the target from ` +
    `${readableDate(request.fromTarget)} to ${readableDate(request.requestedTarget)}`;
  const repeat = request.repeat ? ` (a repeat: extended ${timesWord(request.extensionsBefore)} before)` : "";
  if (request.state === ExtensionState.tookEffect) return `${asked}: took effect at once${repeat}`;
  if (request.state === ExtensionState.waiting) {
    return `${asked}: waiting for ${APPROVER_WORDS[request.decidedBy ?? ExtensionApprover.either]}${repeat}`;
  }
  const decision = request.decision!;
  const comment = decision.comment ? ` (${decision.comment})` : "";
  return `${asked}: ${request.state} by ${decision.by} on ${formatDay(londonDate(decision.at))}${comment}${repeat}`;
}

/** Requests made on or before `at` and not decided by then: what the committee sees as still waiting when a period closes. */
export function requestsWaitingAt<T extends ExtensionRequest>(requests: readonly T[], at: Date): T[] {
  return requests.filter(
    (r) =>
      r.state !== ExtensionState.tookEffect &&
      r.requestedAt.getTime() <= at.getTime() &&
      (r.decision === null || r.decision.at.getTime() > at.getTime()),
  );
}

/** Requests made or decided after `since` and up to `until`: the committee report's table since the last report. */
export function requestsInPeriod<T extends ExtensionRequest>(requests: readonly T[], since: Date, until: Date): T[] {
  const inside = (d: Date) => d.getTime() > since.getTime() && d.getTime() <= until.getTime();
  return requests.filter((r) => inside(r.requestedAt) || (r.decision !== null && inside(r.decision.at)));
}
