/** Reminder commands and card actions; registered before the catch-all question route. */
import type { Application, TurnState } from "@microsoft/teams-ai";
import type { BotContext } from "./bot-context.js";

export function registerReminderRoutes(_app: Application<TurnState>, _bot: BotContext): void {
  // Filled in by the reminders work (issue 4).
}
