/**
 * Card templates are JSON files (they open in the Adaptive Card Designer) bound with
 * adaptivecards-templating. Rendering fails loudly if any binding is left unexpanded. Data is shown as
 * text: markdown and HTML in it are escaped wherever the card host reads markdown (see text-as-text). Every
 * Action.Execute gets its Action.Submit fallback for older clients (see live-cards).
 */
import { readFileSync } from "node:fs";
import * as ACData from "adaptivecards-templating";
import { finishCard, markData } from "./text-as-text.js";
import { withSubmitFallbacks } from "./live-cards.js";

export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard"; version: string };

export const CardTemplate = {
  answer: "answer",
  message: "message",
  itemUpdate: "item-update",
  verification: "verification",
  reviewForm: "review-form",
  itemForm: "item-form",
  reminder: "reminder",
  summary: "summary",
  extensionRequest: "extension-request",
  importPreview: "import-preview",
  leaver: "leaver",
} as const;
export type CardTemplate = (typeof CardTemplate)[keyof typeof CardTemplate];

const templates = new Map<CardTemplate, ACData.Template>();

function template(name: CardTemplate): ACData.Template {
  let loaded = templates.get(name);
  if (!loaded) {
    const json = JSON.parse(readFileSync(new URL(`./templates/${name}.json`, import.meta.url), "utf8")) as object;
    loaded = new ACData.Template(json);
    templates.set(name, loaded);
  }
  return loaded;
}

export function renderCard(name: CardTemplate, data: object): AdaptiveCard {
  const card = finishCard(template(name).expand({ $root: markData(data) })) as AdaptiveCard;
  const text = JSON.stringify(card);
  if (text.includes("${"))
    throw new Error(
      `card "${name}" has an unexpanded binding: ${text.slice(text.indexOf("${"), text.indexOf("${") + 60)}`,
    );
  return withSubmitFallbacks(card);
}
