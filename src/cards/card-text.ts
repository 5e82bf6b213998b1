/** What every card builder shares: text for bindings, status colours, and the plain message card. */
import type { Status } from "../domain/status.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";
import { Markdown } from "./text-as-text.js";

/** Text for a card binding ("" for none): renderCard shows it as typed, markdown, HTML and "${" included. */
export function plain(text: string | null | undefined): string {
  return text ?? "";
}

export const STATUS_COLOR: Record<Status, string> = {
  complete: "Good",
  on_track: "Accent",
  partly_delayed: "Warning",
  significant_delay: "Attention",
  no_action_required: "Default",
  not_started: "Default",
};

/** A titled message with paragraphs, an optional list (example questions by default) and suggestion buttons (imBack). */
export function renderMessageCard(
  title: string,
  paragraphs: readonly (string | Markdown)[],
  options: { examples?: readonly string[]; examplesHeading?: string; suggestions?: readonly string[] } = {},
): AdaptiveCard {
  const examples = options.examples ?? [];
  return renderCard(CardTemplate.message, {
    title: plain(title),
    paragraphs: paragraphs.map((p) => (p instanceof Markdown ? p : plain(p))),
    examplesHeading: plain(options.examplesHeading ?? "You can ask:"),
    examples: examples.map(plain),
    suggestions: (options.suggestions ?? []).map(plain),
    fallbackText: plain([title, ...paragraphs.map((p) => (p instanceof Markdown ? p.text : p)), ...examples.map((e) => `- ${e}`)].join("\n")),
  });
}
