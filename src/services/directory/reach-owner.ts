/**
 * Reaching an owner who has no chat with the bot (issue 21, item 2), as the outbox's chat finder: find them in
 * the directory, install the app for an enabled account, get the installation's personal chat, and hand the
 * dispatcher its address. Every step is written down before the next (data/directory/reach-store.ts), so a
 * crash or restart resumes where it stopped: the install is asked for at most once per person (a repeat after
 * a crash mid-call is Graph's 409, "already installed"), and a person reached is never looked up again.
 * Guests, disabled accounts and people the directory does not know are never installed for: their message is
 * unreachable, and the directory's word is kept on Person for the improvement team's list.
 */
import {
  recordDirectoryProfile,
  recordReached,
  recordReachStep,
  reachOf,
  knownServiceUrl,
  type StoredReach,
} from "../../data/directory/reach-store.js";
import type { Store } from "../../data/database.js";
import {
  directoryReason,
  directoryStateOf,
  mayInstallFor,
  personOfPendingChat,
  ReachStep,
  UnreachableReason,
} from "../../domain/directory/directory-account.js";
import type { Logger } from "../../logger.js";
import type { ChatFinder, ConversationAddress, DeliveryResult } from "../dispatch/delivery-port.js";
import type { DirectoryFailure, DirectoryPort } from "./directory-port.js";

export interface OwnerReachOptions {
  store: Store;
  directory: DirectoryPort;
  logger: Logger;
  /** The tenant the chats live in, the manifest id, the Bot Connector address to use until Teams shows one, the bot's Teams id. */
  settings: { tenantId: string; teamsAppId: string; serviceUrl: string; botId: string };
  clock: () => number;
}

type Found = { kind: "found"; conversationId: string; address: ConversationAddress };
type NotFound = { kind: "not-found"; result: DeliveryResult };

const unreachable = (reason: string): NotFound => ({
  kind: "not-found",
  result: { kind: "conversation-gone", status: null, reason },
});
const refusal = (reason: string): NotFound => ({
  kind: "not-found",
  result: { kind: "failed", permanent: true, retryAfter: null, status: null, reason },
});
/** Graph's 429 and 5xx (after the client's own retries) go back to the outbox, to wait as a throttled send does. */
const later = (failure: DirectoryFailure): NotFound => ({
  kind: "not-found",
  result:
    failure.status === 429
      ? { kind: "throttled", retryAfter: failure.retryAfter, status: 429, reason: failure.reason }
      : {
          kind: "failed",
          permanent: !failure.retryable,
          retryAfter: failure.retryAfter,
          status: failure.status,
          reason: failure.reason,
        },
});

export class OwnerReach implements ChatFinder {
  constructor(private readonly options: OwnerReachOptions) {}

  async chatFor(message: { conversationId: string; personId: number | null }): Promise<Found | NotFound> {
    const personId = message.personId ?? personOfPendingChat(message.conversationId);
    const reach = personId === null ? null : await reachOf(this.options.store, personId);
    if (!reach) return unreachable("nobody to reach: the message names no stored person");
    const reason = directoryReason(reach.directoryState);
    if (reason) return unreachable(reason);
    if (reach.step === ReachStep.reached && reach.chatId) return this.found(reach.personId, reach.chatId);
    return this.reach(reach);
  }

  private now(): Date {
    return new Date(this.options.clock());
  }

  private async reach(reach: StoredReach): Promise<Found | NotFound> {
    const { store, directory, logger, settings } = this.options;
    let userId = reach.graphUserId;
    if (!userId) {
      const user = await directory.findUser(reach.email);
      if (!user.ok) return later(user);
      const state = directoryStateOf(user.value);
      await recordDirectoryProfile(
        store,
        reach.personId,
        { state, displayName: user.value?.displayName ?? null, jobTitle: user.value?.jobTitle ?? null },
        this.now(),
      );
      if (!user.value || !mayInstallFor(state)) {
        logger.info({ personId: reach.personId, state }, "not installing for an owner the directory does not allow");
        return unreachable(directoryReason(state) ?? UnreachableReason.unknown);
      }
      userId = user.value.id;
      await recordReachStep(store, reach.personId, ReachStep.found, { graphUserId: userId }, this.now());
    }
    let installationId = reach.installationId;
    if (!installationId) {
      const catalogue = await directory.catalogueAppId(settings.teamsAppId);
      if (!catalogue.ok) return later(catalogue);
      if (!catalogue.value) return this.refused(reach.personId, UnreachableReason.notInCatalogue);
      const installed = await directory.install(userId, catalogue.value);
      if (!installed.ok) return later(installed);
      if (installed.value === "refused") return this.refused(reach.personId, UnreachableReason.installRefused);
      if (installed.value === "app-not-found") return this.refused(reach.personId, UnreachableReason.notInCatalogue);
      const installation = await directory.installationOf(userId, catalogue.value);
      if (!installation.ok) return later(installation);
      if (!installation.value)
        return later({
          ok: false,
          status: null,
          retryable: true,
          retryAfter: null,
          reason: "the new installation is not listed yet",
        });
      installationId = installation.value;
      await recordReachStep(store, reach.personId, ReachStep.installed, { installationId }, this.now());
      logger.info({ personId: reach.personId, outcome: installed.value }, "installed the app for an owner");
    }
    const chat = await directory.chatOf(userId, installationId);
    if (!chat.ok) return later(chat);
    return this.found(reach.personId, chat.value, true);
  }

  private async refused(personId: number, reason: string): Promise<NotFound> {
    await recordReachStep(this.options.store, personId, ReachStep.refused, { refusedReason: reason }, this.now());
    this.options.logger.warn({ personId, reason }, "could not install the app for an owner");
    return refusal(reason);
  }

  private async found(personId: number, chatId: string, record = false): Promise<Found> {
    const { store, settings } = this.options;
    const serviceUrl = (await knownServiceUrl(store, settings.tenantId)) ?? settings.serviceUrl;
    const address: ConversationAddress = {
      channelId: "msteams",
      serviceUrl,
      conversation: { id: chatId, conversationType: "personal", tenantId: settings.tenantId },
      bot: { id: settings.botId },
    };
    if (record)
      await recordReached(store, personId, { chatId, tenantId: settings.tenantId, reference: address }, this.now());
    return { kind: "found", conversationId: chatId, address };
  }
}
