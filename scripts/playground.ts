/**
 * `npm run playground`: the bot (local mode, its normal database with the demo register) and the
 * Microsoft 365 Agents Playground pointed at it, offline. Open the printed URL; Ctrl-C stops both.
 *
 * PORT (default 3978) is the bot's port; PLAYGROUND_PORT (default 56150) the playground's (it falls back
 * to a random port when that one is taken, and says so). DATABASE_URL, DEMO_DATA, LOG_LEVEL etc. pass
 * through to the bot as for `npm start`. DOCUMENTS_AS_FILES defaults to false here: the playground does not
 * support file consent cards, so documents come as links.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { startProcess, stopAll, waitForUrl, type RunningProcess } from "../tests/support/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "node_modules/.bin");
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

let bot: RunningProcess | undefined;
let playground: RunningProcess | undefined;
let stopping: Promise<never> | undefined;

function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    process.stderr.write("stopping the playground and the bot…\n");
    await stopAll([playground, bot]).catch((error: Error) => process.stderr.write(`${error.message}\n`));
    process.exit(code);
  })();
  return stopping;
}

/** Either one stopping on its own ends the session. */
function stopWith(child: RunningProcess): RunningProcess {
  child.child.once("close", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${child.name} stopped (${code ?? signal}); stopping the other\n`);
    void stop(1);
  });
  return child;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(0));

/**
 * The children are in their own process groups, so a signal to `npm run playground` alone does not reach
 * them, and npm's `sh -c` does not pass SIGTERM on to tsx. So (on Linux) also stop when the launcher that
 * started this script is orphaned, i.e. whoever ran it has gone.
 */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}
const launcher = process.ppid;
const launcherParent = parentOf(launcher);
if (launcherParent !== undefined) {
  setInterval(() => {
    if (process.ppid !== launcher || parentOf(launcher) !== launcherParent) void stop(0);
  }, 1_000).unref();
}

try {
  bot = stopWith(
    startProcess("bot", path.join(BIN, "tsx"), ["src/index.ts"], {
      cwd: ROOT,
      // The playground shows a file consent card as "unsupported": documents come as links there, unless asked otherwise.
      env: { PORT: String(botPort), DOCUMENTS_AS_FILES: process.env.DOCUMENTS_AS_FILES ?? "false" },
      echo: "[bot] ",
    }),
  );
  await waitForUrl(`http://127.0.0.1:${botPort}/healthz`, { process: bot, timeoutMs: 60_000 });

  playground = stopWith(
    startProcess(
      "agentsplayground",
      path.join(BIN, "agentsplayground"),
      [
        "-e",
        `http://127.0.0.1:${botPort}/api/messages`,
        "-c",
        "msteams",
        "-p",
        String(playgroundPort),
        "--disable-telemetry",
      ],
      {
        cwd: ROOT,
        env: { APPLICATION_INSIGHTS_NO_STATSBEAT: "true", TEAMSAPPTESTER_BROWSER: "none" },
        echo: "[playground] ",
      },
    ),
  );
  const [, port] = await playground.waitForOutput(/Listening on (\d+)/, 30_000);
  const url = `http://localhost:${port}`;
  await waitForUrl(`${url}/`, { process: playground, timeoutMs: 15_000 });

  process.stdout.write(
    `\nAgents Playground: ${url}\n` +
      `  bot: http://127.0.0.1:${botPort}/api/messages (${process.env.DATABASE_URL ?? "file:./data/tracker.db"})\n` +
      `  Ctrl-C stops both.\n\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  await stop(1);
}
