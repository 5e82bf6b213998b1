/**
 * A local stand-in for the Bot Connector service: records what the bot sends
 * (POST /v3/conversations/:id/activities and replies), answers member look-ups, and can answer 429.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedActivity {
  conversationId: string;
  activity: Record<string, unknown> & { type?: string; attachments?: { contentType: string; content: Record<string, unknown> }[]; text?: string };
}

export interface StandInConnector {
  url: string;
  sent: RecordedActivity[];
  /** Cards replaced in place (PUT /v3/conversations/:id/activities/:activityId). */
  updated: (RecordedActivity & { activityId: string })[];
  members: Map<string, { id: string; name: string; email: string; userPrincipalName: string; aadObjectId: string }>;
  /** The next n sends answer 429 with this Retry-After (seconds), if given. */
  failNext(n: number, status?: number, retryAfterSeconds?: number): void;
  waitForSends(count: number, timeoutMs?: number): Promise<RecordedActivity[]>;
  close(): Promise<void>;
}

export async function startStandInConnector(): Promise<StandInConnector> {
  const sent: RecordedActivity[] = [];
  const updated: (RecordedActivity & { activityId: string })[] = [];
  const members = new Map<string, { id: string; name: string; email: string; userPrincipalName: string; aadObjectId: string }>();
  let failures: { remaining: number; status: number; retryAfter?: number } = { remaining: 0, status: 429 };
  const waiters: (() => void)[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const parts = url.pathname.split("/").map(decodeURIComponent);
      // /v3/conversations/:id/activities[/:replyTo]
      if (req.method === "POST" && parts[1] === "v3" && parts[2] === "conversations" && parts[4] === "activities") {
        if (failures.remaining > 0) {
          failures.remaining -= 1;
          const headers: Record<string, string> = { "content-type": "application/json" };
          if (failures.retryAfter !== undefined) headers["retry-after"] = String(failures.retryAfter);
          res.writeHead(failures.status, headers);
          res.end(JSON.stringify({ error: { code: "TooManyRequests" } }));
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
        sent.push({ conversationId: parts[3]!, activity });
        waiters.splice(0).forEach((w) => w());
        res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify({ id: `activity-${sent.length}` }));
        return;
      }
      if (req.method === "PUT" && parts[2] === "conversations" && parts[4] === "activities" && parts[5]) {
        updated.push({ conversationId: parts[3]!, activityId: parts[5], activity: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") });
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
    updated,
    members,
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
