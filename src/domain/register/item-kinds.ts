/**
 * The kinds of item the register holds (DOMAIN.md 1.4), named once: the importer reads them from a
 * file's item_kind column or works them out from the item's label, the committee report and the
 * answers word them with the nouns below.
 */

export const ItemKind = {
  recommendation: "recommendation",
  keyImprovementRecommendation: "key_improvement_recommendation",
  improvementRecommendation: "improvement_recommendation",
  followUpRecommendation: "follow_up_recommendation",
  areaForImprovement: "area_for_improvement",
  suggestion: "suggestion",
  consideration: "consideration",
  theme: "theme",
  requirement: "requirement",
  comment: "comment",
  action: "action",
  /** A dated step within an item (milestones.ts): stored as an item, not counted as one. */
  milestone: "milestone",
} as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

export const ITEM_KINDS: readonly ItemKind[] = Object.values(ItemKind);

export interface ItemKindNouns {
  singular: string;
  plural: string;
}

/** What the papers call each kind ("four areas for improvement", "16 improvements/comments"). */
export const ITEM_KIND_NOUNS: Record<ItemKind, ItemKindNouns> = {
  recommendation: { singular: "recommendation", plural: "recommendations" },
  key_improvement_recommendation: {
    singular: "key improvement recommendation",
    plural: "key improvement recommendations",
  },
  improvement_recommendation: { singular: "improvement recommendation", plural: "improvement recommendations" },
  follow_up_recommendation: { singular: "follow-up recommendation", plural: "follow-up recommendations" },
  area_for_improvement: { singular: "area for improvement", plural: "areas for improvement" },
  suggestion: { singular: "suggestion", plural: "suggestions" },
  consideration: { singular: "consideration", plural: "considerations" },
  theme: { singular: "theme", plural: "themes" },
  requirement: { singular: "requirement", plural: "requirements" },
  comment: { singular: "improvement/comment", plural: "improvements/comments" },
  action: { singular: "improvement action", plural: "improvement actions" },
  milestone: { singular: "milestone", plural: "milestones" },
};

export function isItemKind(value: string): value is ItemKind {
  return (ITEM_KINDS as readonly string[]).includes(value);
}

/**
 * The nouns for a kind as stored. A register imported before kinds were checked may hold other text:
 * it is worded as written rather than dropped.
 */
export function itemKindNouns(kind: string): ItemKindNouns {
  if (isItemKind(kind)) return ITEM_KIND_NOUNS[kind];
  const words = kind.replace(/_/g, " ");
  return { singular: words, plural: `${words}s` };
}

const normalised = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, "_");

/** Each kind by its code and by its nouns, as someone might type it in an item_kind cell. */
const KIND_BY_NAME = new Map<string, ItemKind>(
  ITEM_KINDS.flatMap((kind) => [
    [kind, kind],
    [normalised(ITEM_KIND_NOUNS[kind].singular), kind],
    [normalised(ITEM_KIND_NOUNS[kind].plural), kind],
  ]),
);

/** An item_kind cell: the code ("area_for_improvement") or the words ("Area for improvement"); null when it names no kind. */
export function readItemKind(cell: string): ItemKind | null {
  return KIND_BY_NAME.get(normalised(cell)) ?? null;
}

/** The kinds as a file may name them, for the message that refuses any other. */
export const ITEM_KIND_CHOICES = ITEM_KINDS.join(", ");

/** Ref words, in the order they are tried; a ref that names none is a recommendation. */
const KIND_FROM_REF: readonly [RegExp, ItemKind][] = [
  [/area for improvement|\bafi\b/, ItemKind.areaForImprovement],
  [/\btheme\b/, ItemKind.theme],
  [/\bkr\d/, ItemKind.keyImprovementRecommendation],
  [/\bir\d/, ItemKind.improvementRecommendation],
  [/suggestion/, ItemKind.suggestion],
  [/consideration/, ItemKind.consideration],
  [/requirement/, ItemKind.requirement],
  [/comment/, ItemKind.comment],
  [/\baction\b/, ItemKind.action],
];

/** The kind an item's label implies ("Area for improvement 3", "REC KR1"), for files without item_kind. */
export function kindFromRef(ref: string): ItemKind {
  const lower = ref.toLowerCase();
  return KIND_FROM_REF.find(([pattern]) => pattern.test(lower))?.[1] ?? ItemKind.recommendation;
}
