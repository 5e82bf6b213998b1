/**
 * The card that asks an owner (or a directorate lead) to update items: reminders, escalations, update
 * round invitations and chases all use it. Each item shows its status, why it is listed, its target and
 * last update, and an "Update" button (Action.Execute, verb item.open.beside, data { itemId }) that opens the
 * update form as a new message, so the reminder and its other items stay. The template names the verb as a literal (it is JSON for the Designer); the card test
 * checks it is one of CardVerb.
 */
import { CardTemplate, renderCard, type AdaptiveCard } from "./render-card.js";
import { CardEmphasis, plain } from "./card-text.js";
import { CONFIDENCE_LABELS, CONFIDENCE_VALUES } from "../domain/status/at-risk.js";
import { choiceList } from "../domain/outcome.js";

/** Asked before the target, so a slipping item is flagged at risk while there is time to act. */
const CONFIDENCE_QUESTION = `Will the target be met? Press Update and say: ${choiceList(CONFIDENCE_VALUES.map((c) => CONFIDENCE_LABELS[c].toLowerCase()))}.`;

export interface ReminderCardItem {
  itemId: number;
  /** "Joint Area SEND Inspection: Recommendation 3" */
  heading: string;
  ref: string;
  text: string;
  statusLabel: string;
  /** The container style behind the status label (STATUS_EMPHASIS). */
  statusEmphasis: CardEmphasis;
  /** Why it is on this card: "Due in 3 working days (target 5 Jun 2025)". */
  reason: string;
  /** Overdue and escalated items: the reason sits in an attention container. */
  urgent: boolean;
  facts: { title: string; value: string }[];
  /** The last progress narrative, shortened; "" for none. */
  latestUpdate: string;
  /** Before the target: the card asks whether it will be met (the update form's confidence choice). */
  askConfidence?: boolean;
}

export interface ReminderCardContent {
  title: string;
  intro: string;
  items: ReminderCardItem[];
  /** Shown under the items ("and 4 more ..."); "" for none. */
  note: string;
}

export function renderReminderCard(content: ReminderCardContent): AdaptiveCard {
  const items = content.items.map((item) => ({
    ...item,
    heading: plain(item.heading),
    text: plain(item.text),
    reason: plain(item.reason),
    reasonEmphasis: item.urgent ? CardEmphasis.attention : CardEmphasis.none,
    latestUpdate: plain(item.latestUpdate),
    facts: item.facts.map((f) => ({ title: plain(f.title), value: plain(f.value) })),
    actionTitle: plain(`Update ${item.ref}`),
    confidenceQuestion: item.askConfidence ? CONFIDENCE_QUESTION : "",
  }));
  const fallbackText = [
    content.title,
    content.intro,
    ...content.items.map((i) => `- ${i.heading}: ${i.statusLabel}. ${i.reason}.`),
    content.note,
  ]
    .filter(Boolean)
    .join("\n");
  return renderCard(CardTemplate.reminder, {
    title: plain(content.title),
    intro: plain(content.intro),
    items,
    note: plain(content.note),
    fallbackText: plain(fallbackText),
  });
}

/** The Bot Framework activity that carries a card, with a summary for the Teams notification. */
export function cardActivity(card: AdaptiveCard, summary: string): Record<string, unknown> {
  return {
    type: "message",
    summary: plain(summary),
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
  };
}
