/**
 * Names and job titles kept as the directory has them, on real SQLite and PostgreSQL through the stand-in
 * Graph over HTTPS: a profile more than a day old is refreshed (a new name and title, a leaver's account now
 * disabled, someone the directory no longer has now unknown), a fresher one and someone never looked up are
 * left alone, and a run looks up at most its bound, oldest first.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startStandInGraph, type StandInGraph, type StandInUser } from "../support/stand-in-graph.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-12-07T10:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3600_000);
const credentials = { tenantId: "tenant-1", clientId: "graph-client", clientSecret: "graph-secret" };
const member = (
  id: string,
  mail: string,
  displayName: string,
  jobTitle: string,
  accountEnabled = true,
): StandInUser => ({
  id,
  userPrincipalName: mail,
  mail,
  displayName,
  jobTitle,
  accountEnabled,
  userType: "Member",
});

let graph: StandInGraph;
let db: TestDatabase;
const databaseOn = storeDatabases();

function refresh(limit?: number): Promise<{ refreshed: number; stopped: string | null }> {
  const args = ["--import", "tsx", "tests/support/profile-refresh-child.ts", db.url, NOW.toISOString()];
  const child = spawn(process.execPath, limit ? [...args, String(limit)] : args, {
    cwd: ROOT,
    env: {
      ...process.env,
      ...graph.botEnv,
      TEAMS_APP_ID: "app-1",
    },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      const line = output.split("\n").find((l) => l.startsWith("{"));
      if (code !== 0 || !line) reject(new Error(`the refresh exited ${code}: ${output}`));
      else resolve(JSON.parse(line) as { refreshed: number; stopped: string | null });
    }),
  );
}

describe.each(STORES)("refreshing names and job titles from the directory, on %s", (store) => {
  beforeAll(async () => {
    graph = await startStandInGraph({
      ...credentials,
      users: [
        member("user-1", "jo@example.org", "Jo Bloggs", "Head of Service"),
        member("user-2", "sam@example.org", "Sam Renamed", "Director"),
        member("user-3", "lee@example.org", "Lee Left", "Officer", false),
        member("user-4", "new@example.org", "Never Looked Up", "Officer"),
      ],
      catalogue: [],
    });
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(async () => {
    db = await databaseOn(store);
    graph.requests.length = 0;
    const enabled = { directoryState: "enabled", directoryCheckedAt: hoursAgo(72) };
    await db.prisma.person.create({
      data: { email: "jo@example.org", name: "Old Name", ...enabled, profileRefreshedAt: hoursAgo(48) },
    });
    await db.prisma.person.create({
      data: { email: "sam@example.org", name: "Sam Kept", ...enabled, profileRefreshedAt: hoursAgo(1) },
    });
    const lee = await db.prisma.person.create({
      data: { email: "lee@example.org", name: "Lee", ...enabled, profileRefreshedAt: hoursAgo(72) },
    });
    await db.prisma.personReach.create({
      data: { personId: lee.id, step: "reached", graphUserId: "user-3", updatedAt: hoursAgo(72) },
    });
    await db.prisma.person.create({
      data: { email: "gone@example.org", name: "Gone", ...enabled, profileRefreshedAt: hoursAgo(47) },
    });
    await db.prisma.person.create({ data: { email: "new@example.org", name: null } });
  });
  afterEach(async () => {
    await db.close();
  });

  const profiles = async () =>
    (await db.prisma.person.findMany({ orderBy: { id: "asc" } })).map((p) => ({
      email: p.email,
      name: p.name,
      jobTitle: p.jobTitle,
      state: p.directoryState,
      refreshedNow: p.profileRefreshedAt?.getTime() === NOW.getTime(),
    }));

  it("refreshes profiles more than a day old, oldest first and at most the run's bound; leaves the rest", async () => {
    expect(await refresh(2)).toEqual({ refreshed: 2, stopped: null });
    // The two oldest: Lee (by directory id: now disabled), then Jo (by email: a new name and title).
    expect(graph.requests.map((r) => r.path.split("?")[0])).toEqual([
      "/v1.0/users/user-3",
      "/v1.0/users/jo%40example.org",
    ]);
    expect(await profiles()).toEqual([
      { email: "jo@example.org", name: "Jo Bloggs", jobTitle: "Head of Service", state: "enabled", refreshedNow: true },
      { email: "sam@example.org", name: "Sam Kept", jobTitle: null, state: "enabled", refreshedNow: false },
      { email: "lee@example.org", name: "Lee Left", jobTitle: "Officer", state: "disabled", refreshedNow: true },
      { email: "gone@example.org", name: "Gone", jobTitle: null, state: "enabled", refreshedNow: false },
      { email: "new@example.org", name: null, jobTitle: null, state: null, refreshedNow: false },
    ]);

    // The next run takes the one left: the directory no longer has them.
    expect(await refresh()).toEqual({ refreshed: 1, stopped: null });
    expect((await profiles())[3]).toEqual({
      email: "gone@example.org",
      name: "Gone",
      jobTitle: null,
      state: "unknown",
      refreshedNow: false,
    });
    // Nothing is due again the same day.
    const before = graph.requests.length;
    expect(await refresh()).toEqual({ refreshed: 0, stopped: null });
    expect(graph.requests.length).toBe(before);
  }, 120_000);
});
