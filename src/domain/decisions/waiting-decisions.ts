/**
 * Which waiting decisions on an item a person may make: its extension request waiting for an approver (by the
 * extension rule itself, mayDecide) and its completion waiting for the improvement team's check. Lists of
 * waiting decisions offer their buttons by this, and "what's waiting for me to decide?" selects by it. Pure.
 */
import { ExtensionState, mayDecide, type ExtensionRequest } from "../extensions/extension-request.js";

/** Who may decide: as the permission rule reads a person (their email, improvement-team role, directorates led). */
export interface WaitingDecider {
  email: string;
  isImprovementTeam: boolean;
  leads: readonly string[];
}

export interface DecisionsOnItem {
  /** The waiting extension request this person may approve or decline. */
  extension: boolean;
  /** The completion this person may verify or return. */
  completion: boolean;
}

export function decisionsFor(
  item: { verification: string; extensionRequests?: readonly ExtensionRequest[] },
  directorateId: string,
  decider: WaitingDecider,
): DecisionsOnItem {
  const waiting = item.extensionRequests?.find((r) => r.state === ExtensionState.waiting);
  const asDecider = {
    email: decider.email,
    isImprovementTeam: decider.isImprovementTeam,
    leadsItemsDirectorate: decider.leads.includes(directorateId),
  };
  return {
    extension: Boolean(waiting && mayDecide(waiting, asDecider).ok),
    completion: item.verification === "awaiting" && decider.isImprovementTeam,
  };
}
