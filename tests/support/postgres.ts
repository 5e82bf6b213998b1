/**
 * A real PostgreSQL server owned by the test run: a fresh cluster (initdb) in a temporary folder,
 * started with pg_ctl on a free port of 127.0.0.1 (its unix socket in that folder too), a password
 * for TCP as a real deployment's DATABASE_URL has, and stopped and removed at the end. Each test
 * gets a database of its own with `createDatabase`. Without PostgreSQL's server programs the test
 * fails, saying what to install; it never skips.
 *
 * initdb and the server refuse to run as root, so under root (CI containers) they run as the
 * `postgres` user that Debian's package creates, and the folder is handed to that user.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./processes.js";

export const INSTALL_HINT =
  "apt-get install postgresql (.ci/run does), or set PG_BIN to the folder holding initdb and pg_ctl";
const SUPERUSER = "tracker";
const SERVER_USER = "postgres";

export interface PostgresServer {
  /** The folder holding the cluster, its socket and its log. */
  readonly dir: string;
  readonly port: number;
  /** A DATABASE_URL for one of the server's databases. */
  url(database: string): string;
  /**
   * A new database, its DATABASE_URL: empty, or a copy of `template` (one of this server's databases,
   * with nobody connected to it), which PostgreSQL makes by copying files rather than replaying SQL.
   */
  createDatabase(name?: string, options?: { template?: string }): Promise<string>;
  /** The server's log so far, for a failing test's message. */
  log(): string;
  /** Stops the server, keeping its cluster, as a database outage would: connections fail until `resume`. */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder with initdb and pg_ctl: PG_BIN, Debian's newest /usr/lib/postgresql/N/bin, or PATH. */
export function postgresBinaries(env: NodeJS.ProcessEnv = process.env, debian = "/usr/lib/postgresql"): string {
  const candidates: string[] = [];
  if (env.PG_BIN) candidates.push(env.PG_BIN);
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  candidates.push(...(env.PATH ?? "").split(path.delimiter).filter(Boolean));
  const found = candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "pg_ctl")));
  if (!found) throw new Error(`PostgreSQL's server programs (initdb, pg_ctl) were not found: ${INSTALL_HINT}`);
  return found;
}

function userIds(name: string): { uid: number; gid: number } | null {
  const uid = spawnSync("id", ["-u", name], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs one of PostgreSQL's programs, as the `postgres` user when this process is root. */
function runAs(asRoot: boolean, program: string, args: string[]): void {
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", SERVER_USER, "--", program, ...args]] : [program, args];
  try {
    execFileSync(command, commandArgs, { stdio: ["ignore", "pipe", "pipe"], timeout: 120_000 });
  } catch (error) {
    const failed = error as { stderr?: Buffer; stdout?: Buffer; message: string };
    throw new Error(
      `${path.basename(program)} failed: ${failed.stderr?.toString() || failed.stdout?.toString() || failed.message}`,
      { cause: error },
    );
  }
}

/** Servers still running, stopped by a last-chance exit hook if a test run ends without `stop`. */
const running = new Map<string, () => void>();
let exitHookInstalled = false;

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  const asRoot = process.getuid?.() === 0;
  const serverUser = asRoot ? userIds(SERVER_USER) : null;
  if (asRoot && !serverUser) {
    throw new Error(
      `running as root, the test server must run as the "${SERVER_USER}" user, which does not exist: ${INSTALL_HINT}`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-pg-"));
  const data = path.join(dir, "data");
  const password = randomBytes(18).toString("base64url");
  const passwordFile = path.join(dir, "password");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (serverUser) {
    // The server user must own the folder (initdb creates data/ in it, the server its socket).
    chownSync(dir, serverUser.uid, serverUser.gid);
    chownSync(passwordFile, serverUser.uid, serverUser.gid);
    chmodSync(dir, 0o700);
  }
  const pgCtl = path.join(bin, "pg_ctl");
  const logFile = path.join(dir, "server.log");
  const stopNow = () =>
    spawnSync(
      asRoot ? "runuser" : pgCtl,
      asRoot
        ? ["-u", SERVER_USER, "--", pgCtl, "-D", data, "-m", "immediate", "-w", "stop"]
        : ["-D", data, "-m", "immediate", "-w", "stop"],
      { stdio: "ignore" },
    );
  try {
    runAs(asRoot, path.join(bin, "initdb"), [
      "-D",
      data,
      "-U",
      SUPERUSER,
      "--pwfile",
      passwordFile,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "-E",
      "UTF8",
      "--no-locale",
      // A throwaway cluster: not waiting for its files to reach the disk saves seconds per test file.
      "--no-sync",
    ]);
    let port = 0;
    // A throwaway cluster: durability settings off, as they only cost time here.
    const startOn = (on: number) =>
      runAs(asRoot, pgCtl, [
        "-D",
        data,
        "-l",
        logFile,
        "-w",
        "-t",
        "60",
        "-o",
        `-p ${on} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
        "start",
      ]);
    for (let attempt = 1; ; attempt += 1) {
      port = await freePort();
      try {
        startOn(port);
        break;
      } catch (error) {
        // The port may have been taken between finding it and the server binding it.
        if (attempt >= 3) throw new Error(`${(error as Error).message}\n${readLog(logFile)}`, { cause: error });
      }
    }
    running.set(dir, () => {
      stopNow();
      rmSync(dir, { recursive: true, force: true });
    });
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once("exit", () => {
        for (const stop of running.values()) stop();
      });
    }
    const url = (database: string) => `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${database}`;
    let created = 0;
    return {
      dir,
      port,
      url,
      async createDatabase(name = `tracker_${process.pid}_${(created += 1)}`, options = {}) {
        const admin = new pg.Client({ connectionString: url("postgres") });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE "${name}"${options.template ? ` TEMPLATE "${options.template}"` : ""}`);
        } finally {
          await admin.end();
        }
        return url(name);
      },
      log: () => readLog(logFile),
      pause() {
        runAs(asRoot, pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]);
        return Promise.resolve();
      },
      resume() {
        startOn(port);
        return Promise.resolve();
      },
      stop() {
        running.delete(dir);
        stopNow();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    };
  } catch (error) {
    stopNow();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readLog(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-40).join("\n") : "(no server log)";
}
