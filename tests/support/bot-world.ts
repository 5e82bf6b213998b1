/**
 * One test file's world: a real register (empty, D0's, or a test's own rows) on SQLite or on PostgreSQL,
 * the stand-in connector, the real bot behind the real server or botbuilder's TestAdapter, the people who
 * talk to it with their Teams ids, and the bot's clock. Made by `createBotWorld` from a small options object and
 * ended, servers and all, by one `close()`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { TestAdapter } from "botbuilder";
import { createBot } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import type { PrismaClient, StoreKind } from "../../src/data/database.js";
import { createLogger, type Logger } from "../../src/logger.js";
import type { DispatcherProbe, ServerLifecycle } from "../../src/server/readiness.js";
import { importRegister, type ImportReport } from "../../src/services/imports/import-register.js";
import { RegisterSnapshots } from "../../src/services/register/register-snapshots.js";
import type { TeamsActivity } from "./bot-fixtures.js";
import { startBotServer, type RunningBot } from "./running-bot.js";
import { startStandInConnector, type StandInConnector } from "./stand-in-connector.js";
import { storeDatabases } from "./stores.js";
import { FIXTURES, type TestDatabase } from "./test-database.js";

/** Someone as Teams names them in an activity's `from`. */
export interface TeamsUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/** A Teams user the world links to the register's person with this email (made if the register has none). */
export type WorldUser = TeamsUser & { email: string };

/** The register a world starts with: D0's as at 9 Jan 2024, or CSV text (canonical columns) imported as at `today`. */
export type WorldRegister = "empty" | "d0" | { csv: string; today: string };

export interface BotWorldOptions {
  /** The store the register lives on (default "sqlite"); PostgreSQL's server is started once per test file. */
  store?: StoreKind;
  /** Default "empty" (the directorates only). */
  register?: WorldRegister;
  /** Settings for the bot beyond the database, as environment variables. */
  env?: Record<string, string>;
  /** When the bot thinks it is, until `clock.set` moves it; default 9 Jan 2024 10:00 UTC. */
  now?: Date;
  /** People linked to the register by email once it is loaded; their `from` in activities is the Teams part alone. */
  users?: readonly WorldUser[];
  /** Start the real server at once (as `bot`); more, with other settings, come from `startServer`. */
  server?: boolean;
  /** The server's logger (default: silent unless env.LOG_LEVEL says otherwise). */
  logger?: Logger;
  /** How long the bot trusts its register snapshot before checking the database again (RegisterSnapshots' default if unset). */
  snapshotCheckMs?: number;
}

/** The bot's clock: `now` is what the bot reads; `set` moves it for the turns that follow. */
export interface TestClock {
  now: () => Date;
  set: (at: Date) => void;
}

export interface ServerOptions {
  env?: Record<string, string>;
  logger?: Logger;
  lifecycle?: ServerLifecycle;
  /** Another database client (for example one that cannot reach its file); the world's by default. */
  prisma?: PrismaClient;
  /** An outbox dispatcher whose health /readyz reports. */
  dispatcher?: DispatcherProbe;
}

export interface BotWorld {
  db: TestDatabase;
  prisma: PrismaClient;
  connector: StandInConnector;
  clock: TestClock;
  /** The import's report when the world started with a register. */
  imported: ImportReport | null;
  /** The server started with the world (`server: true`). */
  bot: RunningBot;
  /** Another real server on the world's database, with `env` over the world's settings; closed with the world. */
  startServer(options?: ServerOptions): Promise<RunningBot>;
  /** botbuilder's TestAdapter driving a fresh bot on the world's database, with `env` over the world's settings. */
  adapter(env?: Record<string, string>): TestAdapter;
  /** Links `user`'s Teams identity to the owner of the first item whose text holds `text`; returns that item. */
  linkOwnerOf(text: string, user: TeamsUser): Promise<{ id: number; reviewId: number; ownerId: number }>;
  /** POSTs `activity` to a server's /api/messages (the world's own by default), its serviceUrl the stand-in connector's. */
  post(
    activity: TeamsActivity,
    options?: { to?: RunningBot | string; headers?: Record<string, string>; serviceUrl?: unknown },
  ): Promise<Response>;
  close(): Promise<void>;
}

const DEFAULT_NOW = new Date("2024-01-09T10:00:00Z");

// Made when the test file imports this module, so its PostgreSQL server (if a world asks for one) stops after the file.
const databaseOn = storeDatabases();

export async function createBotWorld(options: BotWorldOptions = {}): Promise<BotWorld> {
  const db = await databaseOn(options.store ?? "sqlite");
  const servers: RunningBot[] = [];
  let connector: StandInConnector | null = null;
  const close = async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await connector?.close();
    await db.close();
  };
  try {
    const imported = await loadRegister(db, options.register ?? "empty");
    for (const user of options.users ?? []) await linkUser(db.prisma, user, user.email);
    connector = await startStandInConnector();
    let at = options.now ?? DEFAULT_NOW;
    const clock: TestClock = { now: () => at, set: (next) => (at = next) };
    const env: Record<string, string> = { DATABASE_URL: db.url, ...options.env };
    const snapshots = (prisma: PrismaClient) => new RegisterSnapshots(prisma, options.snapshotCheckMs);

    const startServer = async (server: ServerOptions = {}): Promise<RunningBot> => {
      const serverEnv = { ...env, ...server.env };
      const prisma = server.prisma ?? db.prisma;
      const running = await startBotServer({
        prisma,
        env: serverEnv,
        now: clock.now,
        snapshots: snapshots(prisma),
        lifecycle: server.lifecycle,
        dispatcher: server.dispatcher,
        logger: server.logger ?? options.logger ?? createLogger(serverEnv.LOG_LEVEL ?? "silent"),
      });
      servers.push(running);
      return running;
    };
    const first = options.server ? await startServer() : null;
    const stand = connector;

    return {
      db,
      prisma: db.prisma,
      connector: stand,
      clock,
      imported,
      get bot(): RunningBot {
        if (!first) throw new Error("This world has no server: create it with { server: true }, or use startServer().");
        return first;
      },
      startServer,
      adapter(extra = {}) {
        const config = loadConfig({ ...env, ...extra });
        const bot = createBot({
          config,
          prisma: db.prisma,
          snapshots: snapshots(db.prisma),
          logger: createLogger("silent"),
          now: clock.now,
        });
        return new TestAdapter(async (context) => {
          await bot.app.run(context);
        });
      },
      async linkOwnerOf(text, user) {
        const item = await db.prisma.item.findFirstOrThrow({
          where: { text: { contains: text } },
          include: { owner: true },
        });
        if (!item.owner || item.ownerId === null)
          throw new Error(`The item holding "${text}" has no owner to link ${user.name} to.`);
        await linkUser(db.prisma, user, item.owner.email);
        return { id: item.id, reviewId: item.reviewId, ownerId: item.ownerId };
      },
      post(activity, { to, headers = {}, serviceUrl = stand.url } = {}) {
        const url = typeof to === "string" ? to : (to ?? first)?.url;
        if (!url)
          throw new Error("This world has no server to post to: create it with { server: true }, or pass `to`.");
        return fetch(`${url}/api/messages`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ ...activity, serviceUrl }),
        });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The person with `email` (made when the register has none) now answers to `user`'s Teams identity. */
async function linkUser(prisma: PrismaClient, user: TeamsUser, email: string): Promise<void> {
  await prisma.person.upsert({
    where: { email },
    create: { email, aadObjectId: user.aadObjectId },
    update: { aadObjectId: user.aadObjectId },
  });
}

async function loadRegister(db: TestDatabase, register: WorldRegister): Promise<ImportReport | null> {
  if (register === "empty") return null;
  let file = path.join(FIXTURES, "d0-register.csv");
  let today = "2024-01-09";
  if (register !== "d0") {
    file = path.join(db.dir, "register.csv");
    writeFileSync(file, register.csv);
    today = register.today;
  }
  // `now` stamps the import's history: the real time, as the tests importing by hand pass it.
  const report = await importRegister(db.prisma, { file, dryRun: false, actor: "test", today, now: new Date() });
  if (!report.ok) throw new Error(`The test register did not import: ${JSON.stringify(report.errors)}`);
  return report;
}
