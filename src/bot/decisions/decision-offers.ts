/**
 * The bot's moments that may make a waiting decision reachable (a chat remembered, a role given, a request or
 * completion just made) offer what is waiting, through the outbox. A failure here is logged and never spoils
 * the turn: the next sweep offers the same decisions again.
 */
import { decisionOfferSettingsOf, type Config } from "../../config.js";
import type { Logger } from "../../logger.js";
import { offerWaitingDecisions, type DecisionScope } from "../../services/decisions/offer-decisions.js";
import type { Store } from "../../services/store.js";

export async function offerDecisionsNow(
  deps: { store: Store; config: Config; logger: Logger },
  now: Date,
  why: string,
  scope: DecisionScope = {},
): Promise<void> {
  try {
    const report = await offerWaitingDecisions(deps.store, decisionOfferSettingsOf(deps.config), now, scope);
    if (report.undecidable)
      deps.logger.warn({ why, ...report }, "some waiting decisions have nobody who can decide them yet");
    else if (report.queued) deps.logger.info({ why, ...report }, "waiting decisions offered");
  } catch (error) {
    deps.logger.error({ err: error, why }, "waiting decisions could not be offered now; the next sweep offers them");
  }
}
