/**
 * The small preview Teams lists for each search result in the compose box (a thumbnail card: title,
 * subtitle, text and a tap that selects the item). Teams reads a thumbnail card's text as HTML, so every
 * part, the register's text included, is HTML-escaped and shown as typed.
 */
import type { RegisterItem, RegisterReview } from "../domain/register/register.js";
import { STATUS_LABELS, type StatusOutcome } from "../domain/status/status.js";
import { neutraliseBidi } from "../domain/text/identity-text.js";
import { readableDate } from "../domain/text/readable-text.js";

export interface SearchPreview {
  title: string;
  subtitle: string;
  text: string;
  /** Selecting the result: Teams sends `value` back as composeExtension/selectItem. */
  tap: { type: "invoke"; value: { itemId: string } };
}

const HTML_SPECIALS: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text that may hold "<b>" or "&amp;" as typed, made safe for a host that reads HTML. */
export function htmlText(text: string): string {
  return neutraliseBidi(text).replace(/[&<>"']/g, (c) => HTML_SPECIALS[c]!);
}

/** "Rec IR4 · Front Door Ofsted focused visit" / "Partly delayed · target 31 Mar 2026 (revised)" / "Owner: …". */
export function renderSearchPreview(review: RegisterReview, item: RegisterItem, status: StatusOutcome): SearchPreview {
  const target = item.revisedTarget.end
    ? `${readableDate(item.revisedTarget)} (revised)`
    : readableDate(item.originalTarget);
  return {
    title: htmlText(`${item.ref} · ${review.title}`),
    subtitle: htmlText(`${STATUS_LABELS[status.status]} · target ${target}`),
    text: htmlText(`${review.directorateId} · owner ${item.ownerEmail ?? "not assigned"}`),
    tap: { type: "invoke", value: { itemId: String(item.id) } },
  };
}
