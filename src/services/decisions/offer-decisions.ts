/**
 * No decision waits unseen (DESIGN.md 4.11): every extension request and completion still waiting is offered to
 * each decider who can now be reached, chased after DECISION_CHASE_DAYS working days, and then put before the
 * improvement team. Run when someone is given a role, when a personal chat is remembered, when a decision is
 * made, and at each sweep. The outbox's unique dedupe key (decision, round, person) is the record of each offer,
 * so a person gets each round of each decision once, however many instances or triggers race. When nobody can
 * decide, the improvement team hears it the same day, or, with no improvement team to reach, the owner is told
 * who to ask.
 */
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import { renderExtensionRequestCard } from "../../cards/extension-cards.js";
import { renderMessageCard } from "../../cards/card-text.js";
import { renderVerificationCard } from "../../cards/item-cards.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { Store } from "../../data/database.js";
import {
  emailsOf,
  personIdByEmail,
  reachableOf,
  waitingCompletions,
  waitingExtensions,
  type WaitingCompletion,
  type WaitingExtension,
} from "../../data/decisions/decision-store.js";
import { formatDay, londonDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { chaseBanner, decidersRound, decisionRound, DecisionRound } from "../../domain/decisions/chase.js";
import { directorateName } from "../../domain/register/directorates.js";
import { APPROVER_WORDS, ExtensionApprover, mayDecide } from "../../domain/extensions/extension-request.js";
import { readableDate } from "../../domain/text/readable-text.js";
import { approverIds, loadExtensionRequest } from "../extensions/extension-requests.js";
import { loadExtensionRequestView } from "../extensions/extension-request-view.js";
import { loadItemView } from "../register/item-view.js";
import { improvementTeamIds } from "./notify-verification.js";
import { enqueueMessages, MessagePurpose, personalConversationOf } from "../dispatch/outbox.js";

export interface DecisionOfferSettings {
  /** IMPROVEMENT_TEAM_ADMINS. */
  admins: readonly string[];
  /** DECISION_CHASE_DAYS. */
  chaseDays: number;
  atRisk: AtRiskSettings;
}

/** Which waiting decisions to look at: all of them (a sweep, a new role, a new chat), or the ones just made. */
export interface DecisionScope {
  extensionIds?: readonly number[];
  completionItemIds?: readonly number[];
}

export interface DecisionOffersReport {
  /** Cards queued to deciders (first offers and chases) and to the improvement team. */
  queued: number;
  /** Decisions nobody can decide yet (no decider reachable). */
  undecidable: number;
}

interface Offer {
  personId: number;
  key: string;
  card: AdaptiveCard;
  summary: string;
  purpose: MessagePurpose;
}

const cardActivity = (card: AdaptiveCard, summary: string) => ({
  type: "message",
  summary,
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
});

/** Offers every waiting decision in `scope` to whoever should have it now and has not had it in this round. */
export async function offerWaitingDecisions(
  store: Store,
  settings: DecisionOfferSettings,
  now: Date,
  scope: DecisionScope = {},
): Promise<DecisionOffersReport> {
  const today = londonDate(now);
  const team = await improvementTeamIds(store, settings.admins);
  const everyone = { team, reachableTeam: await reachableOf(store, team) };
  const offers: Offer[] = [];
  let undecidable = 0;
  const onlyCompletions = scope.completionItemIds && !scope.extensionIds;
  const onlyExtensions = scope.extensionIds && !scope.completionItemIds;
  if (!onlyCompletions)
    for (const waiting of await waitingExtensions(store, scope.extensionIds)) {
      const planned = await extensionOffers(store, settings, everyone, waiting, today);
      offers.push(...planned.offers);
      if (planned.undecidable) undecidable += 1;
    }
  if (!onlyExtensions)
    for (const waiting of await waitingCompletions(store, scope.completionItemIds)) {
      const planned = await completionOffers(store, settings, everyone, waiting, today);
      offers.push(...planned.offers);
      if (planned.undecidable) undecidable += 1;
    }
  return { queued: await queueOffers(store, offers), undecidable };
}

interface Team {
  team: readonly number[];
  reachableTeam: ReadonlySet<number>;
}

/** The offers for one waiting extension request: its approvers, the chase, the team, or the nobody-can-decide notes. */
async function extensionOffers(
  store: Store,
  settings: DecisionOfferSettings,
  { team, reachableTeam }: Team,
  waiting: WaitingExtension,
  today: IsoDate,
): Promise<{ offers: Offer[]; undecidable: boolean }> {
  const loaded = await loadExtensionRequestView(store, waiting.requestId, today);
  const stored = await loadExtensionRequest(store, waiting.requestId);
  if (!loaded || !stored) return { offers: [], undecidable: false };
  const requesterId = await personIdByEmail(store, waiting.requestedBy);
  const deciders = await reachableOf(
    store,
    await approverIds(store, settings.admins, stored.request, waiting.directorateId, requesterId),
  );
  const since = londonDate(waiting.requestedAt);
  const round = decisionRound(since, today, settings.chaseDays);
  const base = `extension:${waiting.requestId}`;
  const summary = `Extension request: ${loaded.view.reviewTitle} / ${loaded.view.ref}`;
  const card = (banner: string, decidable: boolean) =>
    renderExtensionRequestCard(loaded.view, { decidable, ...(banner ? { banner } : {}) });
  const offers: Offer[] = [];
  const deciderRound = decidersRound(round);
  for (const personId of deciders) {
    // At the last round the improvement team's card stands for the chase: one card each, not two.
    if (round === DecisionRound.toImprovementTeam && reachableTeam.has(personId)) continue;
    offers.push({
      personId,
      // The first offer keeps the key the request's own card was queued under, so the two never both go.
      key: deciderRound === DecisionRound.offered ? `${base}:${personId}` : `${base}:chase:${personId}`,
      card: card(chaseBanner(deciderRound, formatDay(since), false), true),
      summary,
      purpose: MessagePurpose.extension,
    });
  }
  if (round === DecisionRound.toImprovementTeam) {
    const emails = await emailsOf(store, [...reachableTeam]);
    for (const personId of reachableTeam) {
      if (personId === requesterId) continue;
      const decider = { email: emails.get(personId) ?? "", isImprovementTeam: true, leadsItemsDirectorate: false };
      offers.push({
        personId,
        key: `${base}:team:${personId}`,
        card: card(chaseBanner(round, formatDay(since), true), mayDecide(stored.request, decider).ok),
        summary,
        purpose: MessagePurpose.extension,
      });
    }
  }
  if (deciders.size) return { offers, undecidable: false };

  const role = stored.request.decidedBy ?? ExtensionApprover.either;
  const directorate = directorateName(waiting.directorateId);
  const fix =
    role === ExtensionApprover.improvementTeam
      ? "another member of the improvement team opens a chat with me"
      : `their directorate's lead opens a chat with me (name one with "make <email> lead for ${waiting.directorateId}")`;
  const what = `${loaded.view.reviewTitle} / ${loaded.view.ref}: the request to move its target to ${readableDate(loaded.view.request.requestedTarget)}`;
  offers.push(
    ...(await nobodyCanDecide(store, {
      base,
      team,
      reachableTeam,
      people: [requesterId, waiting.ownerId],
      teamNote: `Nobody can approve an extension request yet (${directorate}). ${what} waits for ${APPROVER_WORDS[role]}, and none of them can be reached: it reaches them as soon as ${fix}.`,
      purpose: MessagePurpose.extension,
    })),
  );
  return { offers, undecidable: true };
}

/** The offers for one completion waiting to be verified: the improvement team (not its submitter), chased likewise. */
async function completionOffers(
  store: Store,
  settings: DecisionOfferSettings,
  { team, reachableTeam }: Team,
  waiting: WaitingCompletion,
  today: IsoDate,
): Promise<{ offers: Offer[]; undecidable: boolean }> {
  const view = await loadItemView(store, waiting.itemId, today, settings.atRisk);
  if (!view) return { offers: [], undecidable: false };
  const submitterId = waiting.submittedBy ? await personIdByEmail(store, waiting.submittedBy) : null;
  const deciders = [...reachableTeam].filter((id) => id !== submitterId);
  const since = londonDate(waiting.submittedAt);
  const round = decisionRound(since, today, settings.chaseDays);
  const base = `verify:${waiting.itemId}:${waiting.version}`;
  const summary = `Verify: ${view.reviewTitle} / ${view.ref}`;
  const offers: Offer[] = [];
  // The deciders are the improvement team: each round, the chase and then the last call, is one card to each.
  const key = { 0: "", 1: ":chase", 2: ":team" }[round];
  for (const personId of deciders)
    offers.push({
      personId,
      key: `${base}${key}:${personId}`,
      card: renderVerificationCard(view, {
        decidable: true,
        ...(round === DecisionRound.offered
          ? {}
          : { banner: chaseBanner(round, formatDay(since), round === DecisionRound.toImprovementTeam) }),
      }),
      summary,
      purpose: MessagePurpose.verification,
    });
  if (deciders.length) return { offers, undecidable: false };
  offers.push(
    ...(await nobodyCanDecide(store, {
      base,
      team,
      reachableTeam,
      people: [submitterId, waiting.ownerId],
      teamNote: `Nobody else can verify a completion yet. ${view.reviewTitle} / ${view.ref} waits for a member of the improvement team other than the person who submitted it, and none can be reached: it reaches them as soon as one is named ("make <email> improvement team") and opens a chat with me.`,
      purpose: MessagePurpose.verification,
    })),
  );
  return { offers, undecidable: true };
}

/**
 * Nobody can decide: the improvement team members who can be reached hear so; with none, the owner (and the
 * requester) are told who to ask. Once each, the same day it is found.
 */
async function nobodyCanDecide(
  store: Store,
  input: {
    base: string;
    team: readonly number[];
    reachableTeam: ReadonlySet<number>;
    people: readonly (number | null)[];
    teamNote: string;
    purpose: MessagePurpose;
  },
): Promise<Offer[]> {
  const title = "Nobody can decide this yet";
  if (input.reachableTeam.size)
    return [...input.reachableTeam].map((personId) => ({
      personId,
      key: `${input.base}:nobody:${personId}`,
      card: renderMessageCard(title, [input.teamNote]),
      summary: title,
      purpose: input.purpose,
    }));
  const teamEmails = [...(await emailsOf(store, input.team)).values()].sort();
  const ask = teamEmails.length
    ? `Nobody can decide this yet: ask the improvement team (${teamEmails.join(", ")}) to open a chat with me, and it reaches them at once.`
    : "Nobody can decide this yet: there is no improvement team. Ask IT to name the improvement team with IMPROVEMENT_TEAM_ADMINS; it reaches them as soon as they open a chat with me.";
  const people = [...new Set(input.people.filter((id): id is number => id !== null))];
  return [...(await reachableOf(store, people))].map((personId) => ({
    personId,
    key: `${input.base}:nobody-owner:${personId}`,
    card: renderMessageCard(title, [ask]),
    summary: title,
    purpose: input.purpose,
  }));
}

/** Queues each offer to its person's personal chat; the dedupe key keeps each to one message. */
async function queueOffers(store: Store, offers: readonly Offer[]): Promise<number> {
  const messages = [];
  for (const offer of offers) {
    const conversationId = await personalConversationOf(store, offer.personId);
    if (!conversationId) continue;
    messages.push({
      conversationId,
      personId: offer.personId,
      purpose: offer.purpose,
      activity: cardActivity(offer.card, offer.summary),
      dedupeKey: offer.key,
    });
  }
  if (!messages.length) return 0;
  return (await enqueueMessages(store, messages)).filter((m) => m.queued).length;
}
