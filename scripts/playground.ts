/**
 * `npm run playground`: the bot (local mode, its normal database with the demo register) and the
 * Microsoft 365 Agents Playground pointed at it, offline. Open the printed URL; Ctrl-C stops both.
 *
 * PORT (default 3978) is the bot's port; PLAYGROUND_PORT (default 56150) the playground's (it falls back
 * to a random port when that one is taken, and says so). DATABASE_URL, DEMO_DATA, LOG_LEVEL etc. pass
 * through to the bot as for `npm start`.
 */
import path from "node:path";
import { startProcess, stopAll, waitForUrl, type RunningProcess } from "../tests/support/processes.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "node_modules/.bin");
const botPort = Number(process.env.PORT ?? 3978);
const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

let bot: RunningProcess | undefined;
let playground: RunningProcess | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    process.stderr.write("stopping the playground and the bot…\n");
    await stopAll([playground, bot]).catch((error: Error) => process.stderr.write(`${error.message}\n`));
  }
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  bot = startProcess("bot", path.join(BIN, "tsx"), ["src/index.ts"], { cwd: ROOT, env: { PORT: String(botPort) }, echo: "[bot] " });
  await waitForUrl(`http://127.0.0.1:${botPort}/healthz`, { process: bot, timeoutMs: 60_000 });

  playground = startProcess(
    "agentsplayground",
    path.join(BIN, "agentsplayground"),
    ["-e", `http://127.0.0.1:${botPort}/api/messages`, "-c", "msteams", "-p", String(playgroundPort), "--disable-telemetry"],
    { cwd: ROOT, env: { APPLICATION_INSIGHTS_NO_STATSBEAT: "true", TEAMSAPPTESTER_BROWSER: "none" }, echo: "[playground] " },
  );
  const [, port] = await playground.waitForOutput(/Listening on (\d+)/, 30_000);
  const url = `http://localhost:${port}`;
  await waitForUrl(`${url}/`, { process: playground, timeoutMs: 15_000 });

  process.stdout.write(
    `\nAgents Playground: ${url}\n` +
      `  bot: http://127.0.0.1:${botPort}/api/messages (local mode, ${process.env.DATABASE_URL ?? "the default database"})\n` +
      `  Ctrl-C stops both.\n\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  await stop(1);
}

// Either one stopping on its own ends the session.
for (const child of [bot!, playground!]) {
  child.child.once("close", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`${child.name} stopped (${code ?? signal}); stopping the other\n`);
    void stop(1);
  });
}
