/**
 * The command line run in the test's own process, as `npm run tracker` runs it: the environment it reads
 * (DATABASE_URL and any settings) and the instant it takes for now are given, its output captured and its
 * logs silenced. A SQLite file takes one client per process, so close the test's own client first.
 */
import { runCli } from "../../src/cli/run-cli.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(args: readonly string[], env: Record<string, string>, now: Date): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    config: loadConfig(env),
    logger: createLogger("silent"),
    now: () => now,
  });
  return { code, stdout, stderr };
}
