/**
 * A chat command: its pattern matched against the message (teams-ai has already removed the bot's
 * @mention). In a channel or group chat only an @mention counts, as for questions.
 */
import type { TurnContext } from "botbuilder";

export function command(pattern: RegExp): (context: TurnContext) => Promise<boolean> {
  return async (context) => {
    const activity = context.activity;
    if (activity.type !== "message" || !activity.text) return false;
    const scope = activity.conversation?.conversationType;
    if (scope === "channel" || scope === "groupChat") {
      const mentioned = (activity.entities ?? []).some((e) => e.type === "mention" && (e as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient?.id);
      if (!mentioned) return false;
    }
    return pattern.test(activity.text.trim());
  };
}

export function commandArguments(context: TurnContext, pattern: RegExp): RegExpExecArray | null {
  return pattern.exec((context.activity.text ?? "").trim());
}
