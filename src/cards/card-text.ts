/** What every card builder shares: text for bindings, status emphasis, and the plain message card. */
import type { Status } from "../domain/status/status.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";
import { Markdown } from "./text-as-text.js";

/** Text for a card binding ("" for none): renderCard shows it as typed, markdown, HTML and "${" included. */
export function plain(text: string | null | undefined): string {
  return text ?? "";
}

/**
 * Emphasis is an Adaptive Card container style, never a text colour: Teams' own themes turn "Good" and
 * "Warning" text into #92c353 and #f8d22a, unreadable on white (WCAG 2.2 asks 4.5:1), whereas every
 * container style keeps the theme's default text colour on a tinted background. The words always
 * carry the meaning; the tint only repeats it.
 */
export const CardEmphasis = {
  none: "default",
  neutral: "emphasis",
  good: "good",
  accent: "accent",
  warning: "warning",
  attention: "attention",
} as const;
export type CardEmphasis = (typeof CardEmphasis)[keyof typeof CardEmphasis];

export const STATUS_EMPHASIS: Record<Status, CardEmphasis> = {
  complete: CardEmphasis.good,
  on_track: CardEmphasis.accent,
  partly_delayed: CardEmphasis.warning,
  significant_delay: CardEmphasis.attention,
  no_action_required: CardEmphasis.neutral,
  not_started: CardEmphasis.neutral,
};

/**
 * Headline counts in rows of three: a tinted column is padded, so more than three to a row squeezes
 * their labels into broken words on a phone or a narrow chat pane.
 */
export function inRows<T>(cells: readonly T[], perRow = 3): { cells: T[] }[] {
  const rows: { cells: T[] }[] = [];
  for (let i = 0; i < cells.length; i += perRow) rows.push({ cells: cells.slice(i, i + perRow) });
  return rows;
}

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
    fallbackText: plain(
      [title, ...paragraphs.map((p) => (p instanceof Markdown ? p.text : p)), ...examples.map((e) => `- ${e}`)].join(
        "\n",
      ),
    ),
  });
}
