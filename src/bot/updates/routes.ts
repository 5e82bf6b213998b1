/**
 * Progress updates through cards (issue 5): the update card ("update <ref>", from reminder and answer
 * cards), its submission, the improvement team's verification, extension decisions, roles, data entry and
 * history. The handlers are in commands.ts, card-actions.ts and extension-card-actions.ts; this
 * file is their routing table.
 */
import type { Application } from "@microsoft/teams-ai/lib/Application.js";
import type { TurnState } from "@microsoft/teams-ai/lib/TurnState.js";
import { CardVerb } from "../../cards/verbs.js";
import type { BotContext } from "../bot-context.js";
import { approveExtensionRequest, declineExtensionRequest } from "../decisions/extension-card-actions.js";
import { registerCardActions, registerCommands, type CardActionHandler, type CommandRoute } from "../route-table.js";
import {
  createItem,
  createReview,
  openItem,
  openItemBesideList,
  refreshItem,
  returnCompletion,
  submitUpdate,
  verifyCompletion,
} from "./card-actions.js";
import {
  ADD_ITEM,
  ADD_REVIEW,
  ASSIGN,
  assignItems,
  HISTORY,
  MAKE_ROLE,
  makeRole,
  showHistory,
  showItemForm,
  showReviewForm,
  showUpdateCard,
  UPDATE,
} from "./commands.js";
import { SET_PRIORITY, setPriority } from "../priority-command.js";
import { reassignFromLeaver } from "./reassign-action.js";

/** Tried in this order; the first that matches answers. */
const COMMANDS: readonly CommandRoute[] = [
  { pattern: UPDATE, handle: showUpdateCard },
  { pattern: HISTORY, handle: showHistory },
  { pattern: MAKE_ROLE, handle: makeRole },
  { pattern: ADD_REVIEW, handle: showReviewForm },
  { pattern: ADD_ITEM, handle: showItemForm },
  { pattern: ASSIGN, handle: assignItems },
  { pattern: SET_PRIORITY, handle: setPriority },
];

type UpdateVerb =
  | typeof CardVerb.itemOpen
  | typeof CardVerb.itemRefresh
  | typeof CardVerb.itemOpenBesideList
  | typeof CardVerb.itemUpdate
  | typeof CardVerb.itemVerify
  | typeof CardVerb.itemReturn
  | typeof CardVerb.reviewCreate
  | typeof CardVerb.itemCreate
  | typeof CardVerb.extensionApprove
  | typeof CardVerb.extensionDecline
  | typeof CardVerb.leaverReassign;

const CARD_ACTIONS: Record<UpdateVerb, CardActionHandler> = {
  [CardVerb.itemOpen]: openItem,
  [CardVerb.itemRefresh]: refreshItem,
  [CardVerb.itemOpenBesideList]: openItemBesideList,
  [CardVerb.itemUpdate]: submitUpdate,
  [CardVerb.itemVerify]: verifyCompletion,
  [CardVerb.itemReturn]: returnCompletion,
  [CardVerb.reviewCreate]: createReview,
  [CardVerb.itemCreate]: createItem,
  [CardVerb.extensionApprove]: approveExtensionRequest,
  [CardVerb.extensionDecline]: declineExtensionRequest,
  [CardVerb.leaverReassign]: reassignFromLeaver,
};

export function registerUpdateRoutes(app: Application<TurnState>, bot: BotContext): void {
  registerCommands(app, bot, COMMANDS);
  registerCardActions(app, bot, CARD_ACTIONS);
}
