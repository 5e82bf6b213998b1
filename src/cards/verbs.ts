/**
 * Every Action.Execute verb the bot's cards use, defined once. Templates name them as literals (they
 * are JSON for the Designer); a test checks that every verb in a template is one of these.
 */
export const CardVerb = {
  /** The next page of an answer: { question, offset } */
  answerMore: "answer.more",
  /** Universal Actions refresh of an answer in a channel or group chat: the same page worked out again for this viewer: { question, offset } */
  answerRefresh: "answer.refresh",
  /** Show an item's update card in place of the card pressed (a milestone from its item's card): { itemId } */
  itemOpen: "item.open",
  /** Show an item's update card as a new message, leaving the list it was pressed on ("my actions", a reminder): { itemId } */
  itemOpenBesideList: "item.open.beside",
  /** Submit the update form: { itemId, version, submissionId, ...inputs } */
  itemUpdate: "item.update",
  /** The improvement team approves a completion: { itemId, version } */
  itemVerify: "item.verify",
  /** The improvement team returns a completion with a comment: { itemId, version, comment } */
  itemReturn: "item.return",
  /** An approver approves an extension request, with an optional comment: { requestId, comment } */
  extensionApprove: "extension.approve",
  /** An approver declines an extension request; the comment is required: { requestId, comment } */
  extensionDecline: "extension.decline",
  /**
   * A decision pressed beside an item in a list of waiting decisions, answered beside the list: approve or
   * verify at once, or open the decision card to decline or return with a comment: { itemId, decision, version }
   */
  decisionBesideList: "decision.beside",
  /** Universal Actions refresh: the current state of an item for this viewer: { itemId } */
  itemRefresh: "item.refresh",
  /** The improvement team adds a review from the form card: { submissionId, ...inputs } */
  reviewCreate: "review.create",
  /** The improvement team adds an item to a review: { reviewId, submissionId, ...inputs } */
  itemCreate: "item.create",
  /** The improvement team imports the tracker file a preview card shows, exactly as previewed: { previewId } */
  importApply: "import.apply",
  /** The preview compared with the status key as at another day (the tracker's own): { previewId, asOf } */
  importRedate: "import.redate",
  /** The improvement team drops a previewed tracker file without importing it: { previewId } */
  importCancel: "import.cancel",
  /**
   * Hand one of a leaver's (or unknown owner's) open items to a new owner, from the leavers' card:
   * { leaverId, itemId, newOwner_<itemId> } (each item's input is named by its id)
   */
  leaverReassign: "leaver.reassign",
} as const;
export type CardVerb = (typeof CardVerb)[keyof typeof CardVerb];
