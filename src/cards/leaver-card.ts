/**
 * The leavers' card: an owner the directory says has left (account disabled) or does not know, with their
 * open items, each with a box for the new owner's email and a Reassign button. Sent to the improvement team
 * and the directorate's lead; pressing Reassign brings the card back with what was done, or with the
 * problem beside the item's box. The caller passes only the items this viewer may see.
 */
import { CardEmphasis, plain } from "./card-text.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";
import { NEW_OWNER_FIELD } from "./verb-data.js";
import type { LeaverState } from "../domain/people/directory-state.js";

export interface LeaverCardItem {
  itemId: number;
  /** "Customer Service Peer Review / Action 10" */
  heading: string;
  text: string;
  /** "Target 31 Dec 2023" */
  target: string;
}

export interface LeaverCardView {
  leaverId: number;
  /** "Jo Bloggs, Head of Service" (person-label.ts) */
  label: string;
  email: string;
  state: LeaverState;
  items: readonly LeaverCardItem[];
  /** Open items of theirs this viewer may not see here, or may not hand on: counted, never named. */
  hidden: number;
}

export interface LeaverCardOptions {
  banner?: string;
  bannerTone?: CardEmphasis;
  /** By item id: the problem with the new owner typed for it, shown beside its box. */
  errors?: Readonly<Record<number, string>>;
  /** By item id: what was typed, put back when the card comes back with a problem. */
  values?: Readonly<Record<number, string>>;
}

const WHY: Record<LeaverState, string> = {
  disabled: "has left: their account is disabled",
  unknown: "is not known to the directory",
};

export function renderLeaverCard(view: LeaverCardView, options: LeaverCardOptions = {}): AdaptiveCard {
  const count = view.items.length + view.hidden;
  const title = `${view.label} ${WHY[view.state]}`;
  const intro = count
    ? `They get no reminders, so ${count === 1 ? "their open item goes" : `their ${count} open items go`} nowhere until someone else owns ${count === 1 ? "it" : "them"}. Give each a new owner's email and press Reassign: the change is recorded in its history. (${view.email})`
    : `They own no open items now: nothing is left to hand on. (${view.email})`;
  return renderCard(CardTemplate.leaver, {
    banner: plain(options.banner ?? ""),
    bannerStyle: options.bannerTone ?? CardEmphasis.good,
    title: plain(title),
    intro: plain(intro),
    items: view.items.map((item) => ({
      heading: plain(item.heading),
      text: plain(item.text),
      target: plain(item.target),
      inputId: `${NEW_OWNER_FIELD}${item.itemId}`,
      inputLabel: plain(`New owner of ${item.heading} (email)`),
      value: plain(options.values?.[item.itemId] ?? ""),
      error: plain(options.errors?.[item.itemId] ?? ""),
      actionTitle: plain("Reassign"),
      leaverId: String(view.leaverId),
      itemId: String(item.itemId),
    })),
    hiddenNote: plain(
      view.hidden
        ? `${view.hidden} more open ${view.hidden === 1 ? "item is" : "items are"} not shown here (confidential, or another directorate's): the improvement team can hand ${view.hidden === 1 ? "it" : "them"} on in a personal chat.`
        : "",
    ),
    doneNote: plain(count === 0 ? "All of their open items have new owners." : ""),
    fallbackText: plain(`${title}. ${intro}`),
  });
}
