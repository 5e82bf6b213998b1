/** Sanitised real Teams activities from tests/fixtures/activities, with the fields a test changes. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES } from "./test-database.js";

export type ActivityFixture =
  | "personal-message"
  | "channel-mention"
  | "group-chat-no-mention"
  | "personal-install"
  | "card-action-more"
  | "compose-search"
  | "compose-select-item";

/** An activity as Teams sends it: the fields tests read or change are named, anything else may be present. */
export interface TeamsActivity {
  type?: string;
  id?: string;
  text?: unknown;
  from?: unknown;
  conversation?: Record<string, unknown>;
  entities?: unknown[];
  value?: unknown;
  serviceUrl?: unknown;
  [field: string]: unknown;
}

export function teamsActivity(name: ActivityFixture, changes: Record<string, unknown> = {}): TeamsActivity {
  const activity = JSON.parse(readFileSync(path.join(FIXTURES, "activities", `${name}.json`), "utf8")) as TeamsActivity;
  return { ...activity, ...changes };
}

/** A personal-chat message asking `text`. */
export function personalMessage(text: string, changes: Record<string, unknown> = {}): TeamsActivity {
  return teamsActivity("personal-message", { text, id: `m-${Math.random().toString(36).slice(2)}`, ...changes });
}

/** A channel message that @mentions the bot, as Teams sends it. */
export function channelMention(question: string): TeamsActivity {
  const activity = teamsActivity("channel-mention");
  return {
    ...activity,
    text: `<at>Recommendation tracker</at> ${question}`,
    id: `c-${Math.random().toString(36).slice(2)}`,
  };
}

/** An Action.Execute invoke pressing `verb` with `data`, as Teams sends it from a personal chat. */
export function cardAction(verb: string, data: unknown, changes: Record<string, unknown> = {}): TeamsActivity {
  return teamsActivity("card-action-more", {
    ...changes,
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
  });
}

export const OWNER_AAD_ID = "6a0c5e2f-0000-4000-8000-00000000a001";
export const TENANT_ID = "11111111-2222-4333-8444-555555555555";
