/** Adapts the teams-ai Application to the server's POST /api/messages. */
import type restify from "restify";
import type { Bot } from "./create-bot.js";
import type { MessageEndpoint } from "../server/create-server.js";

export function messageEndpoint(bot: Bot): MessageEndpoint {
  return {
    process: (req: restify.Request, res: restify.Response) =>
      bot.adapter.process(req as never, res as never, async (context) => {
        await bot.app.run(context);
      }),
  };
}
