/**
 * What a Bot Framework activity says about its conversation, decided once: its scope (personal, group chat,
 * channel), its tenant, the conversation to keep (a channel, not one of its threads), whether the bot was
 * @mentioned, and the record kept in the database so that proactive messages can reach it later.
 */
import { TurnContext, type Activity } from "botbuilder";
import type { ConversationRecord } from "../services/people/remember-conversation.js";
import { ConversationScope } from "../domain/visibility.js";

export function conversationScope(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return ConversationScope.channel;
  if (type === "groupChat") return ConversationScope.groupChat;
  return ConversationScope.personal;
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  return (
    activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id
  );
}

/** A channel thread's id carries ";messageid=…": the channel itself is the conversation to keep. */
export function baseConversationId(id: string): string {
  return id.split(";messageid=")[0]!;
}

export function mentionsBot(activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).some(
    (e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === botId,
  );
}

/** The conversation as the database keeps it; `personId` counts only for a personal chat. */
export function conversationRecord(activity: Activity, personId: number | null): ConversationRecord {
  const conversationId = baseConversationId(activity.conversation.id);
  const reference = TurnContext.getConversationReference(activity);
  reference.conversation = { ...reference.conversation!, id: conversationId };
  const channelData = (activity.channelData ?? {}) as {
    team?: { id?: string; name?: string };
    channel?: { id?: string; name?: string };
  };
  const kind = conversationScope(activity);
  return {
    conversationId,
    kind,
    tenantId: tenantOf(activity) ?? null,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    name: channelData.channel?.name ?? activity.conversation.name ?? channelData.team?.name ?? null,
    reference,
    personId: kind === ConversationScope.personal ? personId : null,
  };
}
