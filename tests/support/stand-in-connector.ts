/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (POST /v3/conversations/:id/activities and replies), answers member look-ups, and can answer 429,
 * answer late, or not answer at all (a send in flight when its sender dies, or a connection that stops answering).
 * Opt-in, it refuses sends into a chat the app is not installed in (403 BotNotInConversationRoster), as Teams does.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedActivity {
  conversationId: string;
  activity: Record<string, unknown> & {
    type?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    text?: string;
  };
}

export interface RateLimits {
  perConversation: number;
  overall: number;
  random429Rate?: number;
  retryAfterSeconds?: number;
  random?: () => number;
}

export interface StandInConnector {
  url: string;
  sent: RecordedActivity[];
  /** When each send arrived (ms since the epoch), whatever the answer: what Teams' rate limits count. */
  sendTimes: number[];
  /** Cards replaced in place (PUT /v3/conversations/:id/activities/:activityId). */
  updated: (RecordedActivity & { activityId: string })[];
  members: Map<string, { id: string; name: string; email: string; userPrincipalName: string; aadObjectId: string }>;
  /** The next n sends answer 429 with this Retry-After (seconds), if given. */
  failNext(n: number, status?: number, retryAfterSeconds?: number): void;
  /**
   * Optional: behave like Teams' throttling. A send answers 429 when `perConversation` sends to the same
   * conversation, or `overall` sends in all, were already accepted in the last second; and, at random,
   * `random429Rate` of the other sends answer 429 too. `retryAfterSeconds` is sent with each 429 when
   * given. Null turns it off (the default).
   */
  enforceRateLimits(limits: RateLimits | null): void;
  /** The next n sends are accepted only after `ms` milliseconds (a slow Teams). */
  delayNext(n: number, ms: number): void;
  /** The next n sends get no answer until `releaseHeld` drops them unrecorded (their sender died meanwhile). */
  holdNext(n: number): void;
  /** After `accepted` more sends are accepted, the next n get no answer (the connection stops answering mid-dispatch). */
  holdAfter(accepted: number, n: number): void;
  /** How many sends are being held now. */
  held(): number;
  releaseHeld(): void;
  /** How many sends the enforcement answered 429: over a limit, or at random. */
  throttled: { overLimit: number; random: number };
  waitForSends(count: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  /** From now on a send into a chat not allowed (`allowChat`, e.g. by the Graph stand-in's install) answers 403 BotNotInConversationRoster. */
  refuseChatsNotInstalled(): void;
  allowChat(conversationId: string): void;
  /** Sends refused because the app was not installed in the chat. */
  refusedNotInstalled: string[];
  close(): Promise<void>;
}

export async function startStandInConnector(): Promise<StandInConnector> {
  const sent: RecordedActivity[] = [];
  const sendTimes: number[] = [];
  const updated: (RecordedActivity & { activityId: string })[] = [];
  const members = new Map<
    string,
    { id: string; name: string; email: string; userPrincipalName: string; aadObjectId: string }
  >();
  let failures: { remaining: number; status: number; retryAfter?: number } = { remaining: 0, status: 429 };
  const waiters: (() => void)[] = [];
  let limits: RateLimits | null = null;
  let delays = { remaining: 0, ms: 0 };
  let holds = 0;
  let holdAfterAccepted: { accepted: number; n: number } | null = null;
  const heldResponses: http.ServerResponse[] = [];
  const throttled = { overLimit: 0, random: 0 };
  let refuseNotInstalled = false;
  const installedChats = new Set<string>();
  const refusedNotInstalled: string[] = [];
  // Accepted sends in the last second, overall and per conversation, oldest first.
  const recentOverall: number[] = [];
  const recentByConversation = new Map<string, number[]>();
  const withinLastSecond = (times: number[], now: number) => {
    while (times.length > 0 && times[0]! <= now - 1000) times.shift();
    return times.length;
  };
  /** The status to answer under enforcement, or null to accept (and count) the send. */
  const enforce = (conversationId: string): number | null => {
    if (!limits) return null;
    const now = performance.now();
    const mine = recentByConversation.get(conversationId) ?? [];
    recentByConversation.set(conversationId, mine);
    if (
      withinLastSecond(recentOverall, now) >= limits.overall ||
      withinLastSecond(mine, now) >= limits.perConversation
    ) {
      throttled.overLimit += 1;
      return 429;
    }
    if (limits.random429Rate && (limits.random ?? Math.random)() < limits.random429Rate) {
      throttled.random += 1;
      return 429;
    }
    recentOverall.push(now);
    mine.push(now);
    return null;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const parts = url.pathname.split("/").map(decodeURIComponent);
      // /v3/conversations/:id/activities[/:replyTo]
      if (req.method === "POST" && parts[1] === "v3" && parts[2] === "conversations" && parts[4] === "activities") {
        sendTimes.push(Date.now());
        if (refuseNotInstalled && !installedChats.has(parts[3]!)) {
          refusedNotInstalled.push(parts[3]!);
          res.writeHead(403, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." },
            }),
          );
          return;
        }
        const enforced = enforce(parts[3]!);
        if (enforced !== null) {
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (limits?.retryAfterSeconds !== undefined) headers["retry-after"] = String(limits.retryAfterSeconds);
          res.writeHead(enforced, headers);
          res.end(JSON.stringify({ error: { code: "TooManyRequests" } }));
          return;
        }
        if (failures.remaining > 0) {
          failures.remaining -= 1;
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (failures.retryAfter !== undefined) headers["retry-after"] = String(failures.retryAfter);
          res.writeHead(failures.status, headers);
          res.end(JSON.stringify({ error: { code: "TooManyRequests" } }));
          return;
        }
        if (holds > 0) {
          holds -= 1;
          heldResponses.push(res);
          return;
        }
        const accept = () => {
          const activity = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
          sent.push({ conversationId: parts[3]!, activity });
          if (holdAfterAccepted && (holdAfterAccepted.accepted -= 1) <= 0) {
            holds = holdAfterAccepted.n;
            holdAfterAccepted = null;
          }
          waiters.splice(0).forEach((w) => w());
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ id: `activity-${sent.length}` }));
        };
        if (delays.remaining > 0) {
          delays.remaining -= 1;
          setTimeout(accept, delays.ms);
        } else {
          accept();
        }
        return;
      }
      if (req.method === "PUT" && parts[2] === "conversations" && parts[4] === "activities" && parts[5]) {
        updated.push({
          conversationId: parts[3]!,
          activityId: parts[5],
          activity: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}"),
        });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: parts[5] }));
        return;
      }
      // /v3/conversations/:id/members/:userId
      if (req.method === "GET" && parts[2] === "conversations" && parts[4] === "members" && parts[5]) {
        const member = members.get(parts[5]);
        if (!member) {
          res.writeHead(404, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "MemberNotFoundInConversation" } }));
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(member));
        return;
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    sendTimes,
    updated,
    members,
    enforceRateLimits(next) {
      limits = next;
      recentOverall.length = 0;
      recentByConversation.clear();
    },
    throttled,
    refusedNotInstalled,
    refuseChatsNotInstalled() {
      refuseNotInstalled = true;
    },
    allowChat(conversationId) {
      installedChats.add(conversationId);
    },
    delayNext(n, ms) {
      delays = { remaining: n, ms };
    },
    holdNext(n) {
      holds = n;
    },
    holdAfter(accepted, n) {
      holdAfterAccepted = { accepted, n };
    },
    held: () => heldResponses.length,
    releaseHeld() {
      holds = 0;
      holdAfterAccepted = null;
      for (const res of heldResponses.splice(0)) res.destroy();
    },
    failNext(n, status = 429, retryAfterSeconds) {
      failures = { remaining: n, status, retryAfter: retryAfterSeconds };
    },
    async waitForSends(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (sent.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} sends, saw ${sent.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
      return sent;
    },
    close: () => {
      for (const res of heldResponses.splice(0)) res.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
