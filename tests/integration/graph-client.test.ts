/**
 * The Graph client against the stand-in token endpoint and Graph over HTTPS (a child process trusting the
 * throwaway certificate, as the bot does): Graph's 429s are waited out for their Retry-After and retried as
 * the Bot Connector's are; a Retry-After too long to wait in a send is handed back with the answer, for the
 * outbox to wait on; requests are paced under the configured rate; and bad credentials reach no Graph call.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStandInGraph, type StandInGraph, type StandInUser } from "../support/stand-in-graph.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const credentials = { tenantId: "tenant-1", clientId: "graph-client", clientSecret: "graph-secret" };
const users: StandInUser[] = Array.from({ length: 15 }, (_, i) => ({
  id: `user-${i}`,
  userPrincipalName: `person${i}@example.org`,
  mail: `person${i}@example.org`,
  displayName: `Person ${i}`,
  jobTitle: null,
  accountEnabled: true,
  userType: "Member" as const,
}));

interface ChildReport {
  elapsedMs: number;
  counters: { requests: number; throttled: number; retried: number };
  answers: (
    { ok: true; id: string | null } | { ok: false; status: number | null; retryAfter: unknown; reason: string }
  )[];
}

let graph: StandInGraph;

function lookUp(emails: string[], env: Record<string, string> = {}): Promise<ChildReport> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/graph-client-child.ts", ...emails], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...graph.botEnv,
      TEAMS_APP_ID: "app-1",
      ...env,
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`the client exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as ChildReport);
    }),
  );
}

/** The most Graph requests that arrived within any one second. */
function busiestSecond(times: readonly number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe("the Graph client", () => {
  beforeAll(async () => {
    graph = await startStandInGraph({ ...credentials, users, catalogue: [] });
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(() => {
    graph.requests.length = 0;
    graph.throttleNext(0);
    graph.throttleEvery(0);
  });

  it("waits out Graph's 429s for their Retry-After and tries again: every look-up answers", async () => {
    graph.throttleNext(3, 1);
    const report = await lookUp(users.slice(0, 4).map((u) => u.mail));
    expect(report.answers).toEqual(users.slice(0, 4).map((u) => ({ ok: true, id: u.id })));
    expect(report.counters).toMatchObject({ requests: 7, throttled: 3, retried: 3 });
    // Nothing came back before its Retry-After: the first retry arrives a second after the first 429.
    const times = graph.requests.map((r) => r.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(1000);
  }, 60_000);

  it("hands back a Retry-After too long to wait inside a send, with the answer, for the outbox to wait on", async () => {
    graph.throttleNext(1, 120);
    const report = await lookUp([users[0]!.mail]);
    expect(report.answers).toEqual([
      { ok: false, status: 429, retryAfter: { afterMs: 120_000 }, reason: "Graph answered 429 (TooManyRequests)" },
    ]);
    expect(report.counters.requests).toBe(1);
    expect(report.elapsedMs).toBeLessThan(10_000);
  }, 60_000);

  it("paces its requests under GRAPH_RATE_PER_SECOND, however many are asked for at once", async () => {
    const tokensBefore = graph.tokensIssued;
    const report = await lookUp(
      users.map((u) => u.mail),
      { GRAPH_RATE_PER_SECOND: "5" },
    );
    expect(report.answers.every((a) => a.ok)).toBe(true);
    expect(graph.requests).toHaveLength(15);
    expect(busiestSecond(graph.requests.map((r) => r.at))).toBeLessThanOrEqual(6);
    expect(report.elapsedMs).toBeGreaterThanOrEqual(2_500);
    // Waiting requests go in the order they were asked, and all of them share one token.
    expect(graph.requests.map((r) => decodeURIComponent(r.path.split("?")[0]!.split("/").at(-1)!))).toEqual(
      users.map((u) => u.mail),
    );
    expect(graph.tokensIssued - tokensBefore).toBe(1);
  }, 60_000);

  it("with a wrong client secret, gets no token and sends nothing to Graph", async () => {
    const report = await lookUp([users[0]!.mail], { GRAPH_CLIENT_SECRET: "wrong" });
    expect(report.answers[0]).toMatchObject({ ok: false, status: null });
    expect((report.answers[0] as { reason: string }).reason).toMatch(/^no Graph token/);
    expect(graph.requests).toEqual([]);
  }, 60_000);
});
