/**
 * Live cards (Universal Actions): the refresh a card carries in a channel or group chat, naming who is shown
 * their own view; the "as at" line an answer shows, in UK time; and the Action.Submit fallback every
 * Action.Execute carries for clients that predate Universal Actions (both reach the same verb table).
 */
import { CardVerb } from "./verbs.js";
import type { AdaptiveCard } from "./render-card.js";

/** The card with its refresh naming these Teams user ids (at most 60: the caller's list is already cut). */
export function withRefreshFor(card: AdaptiveCard, userIds: readonly string[]): AdaptiveCard {
  const refresh = (card.refresh ?? {}) as Record<string, unknown>;
  return { ...card, refresh: { ...refresh, userIds: [...userIds] } };
}

/** "As at 14:05 on 7 Dec 2026 (UK time)": when the figures on an answer were worked out, in Europe/London. */
export function asAtText(at: Date): string {
  const time = at.toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" });
  const day = at.toLocaleDateString("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  return `As at ${time} on ${day} (UK time)`;
}

export interface LiveAnswerOptions {
  /** When the answer was worked out. */
  asAt: Date;
  /** In a channel or group chat: what to ask again on refresh, and for whom; left out in a personal chat. */
  refresh?: { question: string; offset: number; userIds: readonly string[] };
  /** Said under the "as at" line of a view worked out afresh for its viewer. */
  note?: string;
}

/**
 * An answer card saying when its figures are from (under its heading) and, in a channel or group chat, asking
 * Teams to work it out again for each listed viewer when they open it.
 */
export function liveAnswerCard(card: AdaptiveCard, options: LiveAnswerOptions): AdaptiveCard {
  const body = Array.isArray(card.body) ? [...(card.body as unknown[])] : [];
  const line = options.note ? `${asAtText(options.asAt)}. ${options.note}` : asAtText(options.asAt);
  body.splice(Math.min(1, body.length), 0, {
    type: "TextBlock",
    text: line,
    isSubtle: true,
    size: "Small",
    wrap: true,
    spacing: "None",
  });
  const live: AdaptiveCard = { ...card, body };
  if (!options.refresh) return live;
  const { question, offset, userIds } = options.refresh;
  return {
    ...live,
    refresh: {
      action: {
        type: "Action.Execute",
        title: "Refresh",
        verb: CardVerb.answerRefresh,
        data: { question, offset: String(offset) },
      },
      userIds: [...userIds],
    },
  };
}

/**
 * Every Action.Execute in the card's body and actions with a fallback to an Action.Submit carrying the same
 * data and its verb, for Teams clients without Universal Actions: the message it sends is routed by the verb
 * to the same handler. The refresh action is left as it is (older clients do not refresh).
 */
export function withSubmitFallbacks(card: AdaptiveCard): AdaptiveCard {
  return Object.fromEntries(
    Object.entries(card).map(([key, value]) => [key, key === "refresh" ? value : addFallbacks(value)]),
  ) as AdaptiveCard;
}

function addFallbacks(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(addFallbacks);
  if (!node || typeof node !== "object") return node;
  const object = Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, addFallbacks(value)]),
  );
  if (object.type !== "Action.Execute" || object.fallback !== undefined) return object;
  const data = object.data && typeof object.data === "object" ? (object.data as Record<string, unknown>) : {};
  return {
    ...object,
    fallback: {
      type: "Action.Submit",
      title: object.title,
      ...(object.style ? { style: object.style } : {}),
      data: { ...data, verb: object.verb },
    },
  };
}
