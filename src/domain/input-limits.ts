/** How long each kind of text people may enter can be: one source for card schemas and domain checks. */
export const InputLimit = {
  narrative: 4000,
  reason: 1000,
  url: 2048,
  email: 320,
  /** A review's title, an item's label, a body or type: a line, not a paragraph. */
  name: 300,
  /** A date as typed: "30/09/2026", "September 2026", "TBC". */
  dateText: 100,
  /** An item's wording or a review's outcome. */
  wording: 4000,
  /** A question typed to the bot, carried on an answer card's "more" button. */
  question: 2000,
  /** A card's submission id (a UUID) or a choice's value. */
  token: 100,
  /** The largest record id, version or page offset a card may carry: the database's 32-bit integer columns. */
  recordId: 2_147_483_647,
} as const;
