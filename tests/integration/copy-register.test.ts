/**
 * `npm run tracker -- copy`: a register moved from SQLite to a real PostgreSQL server and back into a
 * fresh SQLite file comes out with every table's rows as they went in (ids, instants to the millisecond,
 * nulls, booleans, history, queue, claims, conversations, settings), and new rows on PostgreSQL get new
 * ids. A target that holds anything is refused with nothing changed, a failure part-way leaves the target
 * empty, and a bad URL gets a message saying what to write, never the password.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured, type CliRun } from "../support/cli-run.js";
import { openDatabase, type PrismaClient } from "../../src/data/database.js";
import { MIGRATION_LOCK_KEY } from "../../src/data/postgres-database.js";
import { ensureDirectorates, loadRegister } from "../../src/data/register/register-store.js";
import { Prisma } from "../../src/generated/prisma/client.js";
import { itemStatus } from "../../src/domain/register/register.js";
import { loadDemoRegister } from "../../src/services/imports/load-demo-register.js";
import { startPostgres, type PostgresServer } from "../support/postgres.js";
import { createTestDatabase } from "../support/test-database.js";

const TODAY = "2026-11-30";
const MODELS = Object.values(Prisma.ModelName);
const AT = new Date("2026-11-30T09:15:42.123Z");

let server: PostgresServer;
const cleanups: (() => Promise<void>)[] = [];

function cli(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { DATABASE_URL: databaseUrl }, AT);
}

/** A database nobody has opened yet: a new SQLite file, or a new database on the test server. */
async function emptyDatabase(kind: "sqlite" | "postgresql"): Promise<string> {
  if (kind === "postgresql") return server.createDatabase();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-copy-"));
  cleanups.push(() => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  return `file:${path.join(dir, "tracker.db")}`;
}

/** Every row of every model, in a stable order, as Prisma reads them. */
async function everyRow(prisma: PrismaClient): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const model of MODELS) {
    const delegate = (prisma as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>)[
      model[0]!.toLowerCase() + model.slice(1)
    ]!;
    const rows = await delegate.findMany();
    tables[model] = rows.sort((a, b) =>
      String(a.id ?? a.key).localeCompare(String(b.id ?? b.key), "en", { numeric: true }),
    );
  }
  return tables;
}

async function withDatabase<T>(url: string, work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const prisma = await openDatabase(url);
  try {
    return await work(prisma);
  } finally {
    await prisma.$disconnect();
  }
}

/** The demo register and a little of everything else a council's register gathers in use. */
async function fillRegister(prisma: PrismaClient): Promise<void> {
  expect((await loadDemoRegister(prisma, AT))?.ok).toBe(true);
  // More rows than one statement writes, so the copy goes a page at a time.
  const bulk = await prisma.review.create({ data: { titleKey: "bulk", title: "Bulk review", directorateId: "FCS" } });
  await prisma.item.createMany({
    data: Array.from({ length: 600 }, (_, n) => ({ reviewId: bulk.id, ref: `Rec ${n + 1}`, text: `Action ${n + 1}` })),
  });
  await prisma.auditEntry.createMany({
    data: Array.from({ length: 600 }, (_, n) => ({
      entityType: "review",
      entityId: bulk.id,
      action: `step ${n}`,
      actor: "test",
    })),
  });
  const [first] = await prisma.item.findMany({ orderBy: { id: "asc" }, take: 1 });
  const [second] = await prisma.item.findMany({ orderBy: { id: "desc" }, take: 1 });
  const owner = await prisma.person.create({
    data: { email: "sam.owner@example.gov.uk", name: "Sam Owner", unreachable: true, createdAt: AT },
  });
  // A child written long before its parent (a page apart): the copy must still write the parent first.
  await prisma.item.update({
    where: { id: first!.id },
    data: { parentId: second!.id, ownerId: owner.id, nextReminderAt: AT },
  });
  await prisma.progressUpdate.create({
    data: {
      itemId: first!.id,
      progress: "in_progress",
      narrative: "Policy drafted – £2k spent, “sign-off” due 😀",
      actor: owner.email,
      at: AT,
      submissionId: "card-1",
    },
  });
  await prisma.progressUpdate.create({
    data: { itemId: second!.id, progress: "complete", evidenceUrl: null, actor: "improvement@example.gov.uk" },
  });
  await prisma.targetRevision.create({
    data: {
      itemId: first!.id,
      fromRaw: "Oct-26",
      fromDate: "2026-10-31",
      toRaw: "Mar-27",
      toDate: "2027-03-31",
      reason: "Waiting for the new system",
      actor: owner.email,
      at: AT,
    },
  });
  await prisma.auditEntry.create({
    data: {
      entityType: "item",
      entityId: first!.id,
      action: "updated",
      actor: owner.email,
      at: AT,
      before: null,
      after: JSON.stringify({ progress: "in_progress" }),
    },
  });
  const conversation = await prisma.conversation.create({
    data: {
      conversationId: "a:personal-1",
      kind: "personal",
      tenantId: "tenant",
      reference: JSON.stringify({ serviceUrl: "https://smba.trafficmanager.net/uk/" }),
      personId: owner.id,
      installedAt: AT,
    },
  });
  // A conversation since removed: its id must not be handed out again on the target.
  const gone = await prisma.conversation.create({
    data: { conversationId: "19:removed@thread.tacv2", kind: "channel", reference: "{}" },
  });
  await prisma.conversation.delete({ where: { id: gone.id } });
  const message = await prisma.outboundMessage.create({
    data: {
      conversationId: conversation.conversationId,
      personId: owner.id,
      purpose: "reminder",
      payload: JSON.stringify({ type: "message" }),
      status: "sent",
      attempts: 2,
      notBefore: AT,
      sentAt: AT,
      dedupeKey: "reminder:1",
    },
  });
  await prisma.outboundMessage.create({
    data: {
      conversationId: "19:channel@thread.tacv2",
      purpose: "summary",
      payload: "{}",
      lastError: "429 Too Many Requests",
    },
  });
  await prisma.reminderClaim.create({
    data: {
      itemId: first!.id,
      kind: "before_10",
      targetDate: "2027-03-31",
      dueAt: AT,
      recipientId: owner.id,
      status: "delivered",
      queuedAt: AT,
      sentAt: AT,
      messageId: message.id,
    },
  });
  await prisma.role.create({
    data: {
      personId: owner.id,
      role: "directorate_lead",
      directorateId: "CYPS",
      grantedBy: "admin@example.gov.uk",
      grantedAt: AT,
    },
  });
  const round = await prisma.updateRound.create({
    data: {
      name: "January Audit Committee",
      deadline: "2026-12-15",
      startedBy: "admin@example.gov.uk",
      closedAt: null,
    },
  });
  await prisma.roundRecipient.create({
    data: { roundId: round.id, personId: owner.id, invitedAt: AT, chasedAt: '["five_days"]' },
  });
  await prisma.reportingPoint.create({
    data: {
      name: "Audit Committee 28 January 2027",
      meetingDate: "2027-01-28",
      cutOff: "2026-12-31",
      createdBy: "admin@example.gov.uk",
      snapshotAt: AT,
      snapshot: "{}",
    },
  });
  await prisma.extensionRequest.create({
    data: {
      itemId: first!.id,
      requestedBy: "owner@example.gov.uk",
      requestedAt: AT,
      fromTargetRaw: "March 2027",
      fromTarget: "2027-03-31",
      requestedTargetRaw: "September 2027",
      requestedTarget: "2027-09-30",
      reason: "The new provider starts in June \u{1F4C5}",
      state: "declined",
      approver: "either",
      decidedBy: "admin@example.gov.uk",
      decidedAt: AT,
      comment: null,
    },
  });
  await prisma.setting.create({ data: { key: "document-link-key", value: "c2VjcmV0" } });
  // How far reaching the owner through Graph got, the reminder card recorded as showing their item, and a
  // tracker file waiting on its preview (its bytes copied as they are).
  await prisma.personReach.create({
    data: {
      personId: owner.id,
      step: "reached",
      graphUserId: "3f2b1c4d-0000-4000-8000-000000000001",
      installationId: "installation-1",
      chatId: conversation.conversationId,
      attempts: 1,
      updatedAt: AT,
    },
  });
  await prisma.liveCard.create({
    data: {
      conversationId: conversation.conversationId,
      activityId: "1:reminder-card",
      messageId: message.id,
      kind: "reminder",
      itemId: first!.id,
      redraw: JSON.stringify({ kind: "reminder", audience: { scope: "personal", personId: owner.id } }),
      createdAt: AT,
    },
  });
  await prisma.importPreview.create({
    data: {
      id: "preview-token-0123456789",
      fileName: "Inspections tracker May 2025.csv",
      fileBytes: Buffer.from("review,ref\nVFM 2021/22,Rec 2\n\u00e9\u0000\u00ff", "utf8"),
      sizeBytes: 38,
      sha256: "0".repeat(64),
      asOf: "2025-05-31",
      asOfReason: "the date in the file's name",
      fingerprint: "f".repeat(64),
      requestedBy: "admin@example.gov.uk",
      createdAt: AT,
      expiresAt: AT,
    },
  });
  // The other registers: an inspection regime with its readiness owner, a Council Plan measure with a reading,
  // and a scrutiny recommendation's response clock on an item.
  await prisma.inspectionRegime.create({
    data: {
      regimeKey: "ilacs",
      regime: "ILACS",
      inspectorate: "Ofsted",
      directorateId: "CYPS",
      lastEvent: "2022-11-18",
      cycleMonths: 36,
      nextExpected: "2025-11-18",
      readinessOwnerId: owner.id,
      updatedAt: AT,
    },
  });
  const measure = await prisma.councilPlanMeasure.create({
    data: {
      measureRef: "9.Z5", // the demo's measures hold 1.A5
      outcome: "Children are protected",
      measure: "The proportion of children subject to repeat child protection plans (within 24 months)",
      leadOfficerId: owner.id,
      directorateId: "CYPS",
      polarity: "low",
      frequency: "Monthly",
      exceptionItemId: first!.id,
      updatedAt: AT,
    },
  });
  await prisma.measureReading.create({
    data: {
      measureId: measure.id,
      period: "2019/20 Q1",
      periodKey: "2019-Q1",
      valueRaw: "10.1%",
      value: 10.1,
      targetRaw: "7%",
      target: 7,
    },
  });
  await prisma.item.update({
    where: { id: first!.id },
    data: {
      sentToExecutive: "2019-09-11",
      executiveResponse: "awaiting",
      responseDue: "2019-11-11",
      caseRef: "18 012 345",
      decisionDate: "2019-07-02",
      remedyKind: "service_improvement",
      publicReport: false,
    },
  });
}

let original: Record<string, unknown[]>;
let onPostgres: Record<string, unknown[]>;
let backOnSqlite: Record<string, unknown[]>;
let sqliteUrl: string;
let postgresUrl: string;
let sqliteAgainUrl: string;
const outputs: { code: number; stdout: string; stderr: string }[] = [];

beforeAll(async () => {
  server = await startPostgres();
  const source = await createTestDatabase();
  cleanups.push(source.close);
  sqliteUrl = source.url;
  await fillRegister(source.prisma);
  original = await everyRow(source.prisma);
  await source.prisma.$disconnect(); // one client per SQLite file in a process: the copy opens its own
  postgresUrl = await emptyDatabase("postgresql");
  sqliteAgainUrl = await emptyDatabase("sqlite");
  outputs.push(await cli(sqliteUrl, "copy", "--to", postgresUrl, "--json"));
  outputs.push(await cli(postgresUrl, "copy", "--to", sqliteAgainUrl));
  onPostgres = await withDatabase(postgresUrl, everyRow);
  backOnSqlite = await withDatabase(sqliteAgainUrl, everyRow);
}, 180_000);
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  await server?.stop();
});

describe("copy from SQLite to PostgreSQL and back to a fresh SQLite file", () => {
  it("copies every table, saying how many rows each gave", () => {
    const [toPostgres, toSqlite] = outputs;
    expect(toPostgres!.code, toPostgres!.stdout + toPostgres!.stderr).toBe(0);
    const report = JSON.parse(toPostgres!.stdout) as {
      ok: boolean;
      rows: number;
      tables: { table: string; rows: number }[];
      to: string;
    };
    expect(report.ok).toBe(true);
    expect(report.tables.map((t) => t.table).sort()).toEqual([...MODELS].sort());
    for (const { table, rows } of report.tables) expect(rows, table).toBe(original[table]!.length);
    expect(report.rows).toBe(Object.values(original).reduce((sum, rows) => sum + rows.length, 0));
    for (const model of MODELS) expect(original[model]!.length, `${model} has rows to copy`).toBeGreaterThan(0);
    expect(toSqlite!.code, toSqlite!.stderr).toBe(0);
    expect(toSqlite!.stdout).toMatch(
      /^Copied the register from postgresql:\/\/tracker:\*\*\*@127\.0\.0\.1:\d+\/\S+ to file:/,
    );
    expect(toSqlite!.stdout).toMatch(/AuditEntry\s+\d+/);
  });

  it("keeps every row exactly: ids, instants to the millisecond, nulls, booleans and text", () => {
    expect(onPostgres).toEqual(original);
    expect(backOnSqlite).toEqual(original);
    const update = (original.ProgressUpdate as { narrative: string | null; at: Date }[]).find((u) =>
      u.narrative?.includes("😀"),
    )!;
    expect(update.at).toEqual(AT);
  });

  it("gives every item the same status on PostgreSQL as on SQLite", async () => {
    const statuses = async (url: string) =>
      withDatabase(url, async (prisma) =>
        (await loadRegister(prisma)).flatMap((review) =>
          review.items.map((item) => [review.title, item.ref, itemStatus(item, TODAY)]),
        ),
      );
    expect(await statuses(postgresUrl)).toEqual(await statuses(sqliteUrl));
  });

  it("hands out new ids on PostgreSQL after the copied ones, and not those of rows deleted before the copy", async () => {
    const copiedIds = (original.Conversation as { id: number }[]).map((c) => c.id);
    await withDatabase(postgresUrl, async (prisma) => {
      const audit = await prisma.auditEntry.create({
        data: { entityType: "item", entityId: 1, action: "updated", actor: "test" },
      });
      expect(audit.id).toBe(Math.max(...(original.AuditEntry as { id: number }[]).map((a) => a.id)) + 1);
      const conversation = await prisma.conversation.create({
        data: { conversationId: "a:new", kind: "personal", reference: "{}" },
      });
      // The removed conversation had the id after the last copied one.
      expect(conversation.id).toBe(Math.max(...copiedIds) + 2);
    });
    await withDatabase(sqliteAgainUrl, async (prisma) => {
      const conversation = await prisma.conversation.create({
        data: { conversationId: "a:new", kind: "personal", reference: "{}" },
      });
      expect(conversation.id).toBe(Math.max(...copiedIds) + 2);
    });
  });
});

describe("a bot instance starting on the PostgreSQL target during the copy", () => {
  it("waits for the copy and then finds the copied register instead of loading the demo", async () => {
    const target = await emptyDatabase("postgresql");
    await withDatabase(target, () => Promise.resolve()); // migrated, still empty
    // Hold the copy at its last emptiness check, so the bot surely starts while the copy is under way.
    const blocker = new pg.Client({ connectionString: target });
    await blocker.connect();
    await blocker.query(`BEGIN; LOCK TABLE "Setting" IN ACCESS EXCLUSIVE MODE`);
    const copying = cli(sqliteAgainUrl, "copy", "--to", target, "--json");
    const lockHolders = async () =>
      Number(
        (
          await blocker.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND granted`,
            [MIGRATION_LOCK_KEY],
          )
        ).rows[0]!.n,
      );
    while ((await lockHolders()) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    let demo: unknown = "not run";
    const botStarting = openDatabase(target, async (store) => {
      await ensureDirectorates(store);
      demo = await loadDemoRegister(store, AT);
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(demo).toBe("not run"); // still waiting for the copy's lock
    await blocker.query("COMMIT");
    await blocker.end();
    const copied = await copying;
    const bot = await botStarting;
    try {
      expect(copied.code, copied.stdout).toBe(0);
      expect(demo).toBeNull();
      expect(await everyRow(bot)).toEqual(await withDatabase(sqliteAgainUrl, everyRow));
    } finally {
      await bot.$disconnect();
    }
  });
});

describe("copy refuses", () => {
  it("a target that already holds rows, changing nothing on either side", async () => {
    const target = await createTestDatabase({ postgres: server }); // migrated, with the directorates a start writes
    cleanups.push(target.close);
    await target.prisma.setting.create({ data: { key: "document-link-key", value: "theirs" } });
    const before = await everyRow(target.prisma);
    const sourceBefore = await withDatabase(sqliteAgainUrl, everyRow);
    const { code, stdout, stderr } = await cli(sqliteAgainUrl, "copy", "--to", target.url);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(
      /^Nothing copied from file:\S+ to postgresql:\S+: the target already holds \d+ rows in Directorate, 1 row in Setting\. Copy into a new, empty database/,
    );
    expect(await everyRow(target.prisma)).toEqual(before);
    expect(await withDatabase(sqliteAgainUrl, everyRow)).toEqual(sourceBefore);
  });

  it("leaves the target empty when a row fails part-way (all or nothing)", async () => {
    const source = await createTestDatabase();
    cleanups.push(source.close);
    await fillRegister(source.prisma);
    // SQLite keeps a NUL character in text; PostgreSQL refuses it. The audit log comes after the register.
    await source.prisma.auditEntry.create({
      data: { entityType: "item", entityId: 1, action: "updated", actor: "pasted\u0000text" },
    });
    await source.prisma.$disconnect();
    const target = await emptyDatabase("postgresql");
    const { code, stdout } = await cli(source.url, "copy", "--to", target, "--json");
    expect(code).toBe(1);
    const outcome = JSON.parse(stdout) as { ok: boolean; reason: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.reason).toMatch(
      /^copying AuditEntry failed after \d+ rows: .*0x00.*; the copy was rolled back, so the target holds none of it$/,
    );
    expect(outcome.reason).not.toMatch(/Invalid `|copy-store.ts/);
    await withDatabase(target, async (prisma) => {
      for (const [model, rows] of Object.entries(await everyRow(prisma))) expect(rows, model).toEqual([]);
    });
  });

  it("a URL that names no database, saying what to write and never the password", async () => {
    const notAUrl = await cli(sqliteUrl, "copy", "--to", "mysql://admin:s3cret-pw@db.example/tracker");
    expect(notAUrl.code).toBe(1);
    expect(notAUrl.stderr).toContain(
      'the target "mysql://admin:***@db.example/tracker" is not a database URL: give a SQLite file as file:./data/tracker.db or PostgreSQL as postgresql://',
    );
    const bare = await cli(sqliteUrl, "copy", "--to", "./tracker.db");
    expect(bare.stderr).toContain('the target "./tracker.db" is not a database URL');
    const missing = path.join(path.dirname(sqliteAgainUrl.slice("file:".length)), "no-such.db");
    const noSource = await cli(sqliteUrl, "copy", "--from", `file:${missing}`, "--to", await emptyDatabase("sqlite"));
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toContain(`the source file ${missing} does not exist`);
    expect(existsSync(missing)).toBe(false);
    const same = await cli(sqliteUrl, "copy", "--to", sqliteUrl.replace(/tracker\.db$/, "./tracker.db"));
    expect(same.stderr).toContain("the source and the target are the same database");
    const noTarget = await cli(sqliteUrl, "copy");
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain("copy needs --to");
  });

  it("a PostgreSQL server that turns the password away, without printing it", async () => {
    const wrong = server.url("postgres").replace(/:[^:@]+@/, ":not-the-password@");
    const { code, stderr } = await cli(sqliteUrl, "copy", "--to", wrong);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Nothing copied from file:\S+ to postgresql:\/\/tracker:\*\*\*@127\.0\.0\.1:\d+\/postgres: the target \S+ could not be opened: password authentication failed for user "tracker"/,
    );
    expect(stderr).not.toContain("not-the-password");
    expect(stderr).toContain("tracker:***@127.0.0.1");
  });
});
