/**
 * A card redrawn after it was first sent says when its figures are from ("As at 14:05 on 16 Jan 2024"), under
 * its heading, so a week-old answer opened today says it shows today's figures. Shown as text, as card data is.
 */
import type { AdaptiveCard } from "./render-card.js";
import { escapeMarkdown } from "./text-as-text.js";

export function stampAsAt(card: AdaptiveCard, asAt: string): AdaptiveCard {
  const body = Array.isArray(card.body) ? (card.body as unknown[]) : [];
  const stamp = {
    type: "TextBlock",
    text: escapeMarkdown(asAt),
    isSubtle: true,
    wrap: true,
    size: "Small",
    spacing: "None",
  };
  return { ...card, body: [...body.slice(0, 1), stamp, ...body.slice(1)] };
}
