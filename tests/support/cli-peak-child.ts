/**
 * The command line run in a process of its own, which then prints its peak resident memory: what a
 * `tracker` command costs, measured apart from the test's own memory. Prints the command's output, then
 * one line PEAK_RSS_MB followed by the figure; exits with the command's code.
 */
import { runCli } from "../../src/cli/run-cli.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";

const config = loadConfig();
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  config,
  logger: createLogger("silent"),
  now: () => new Date("2025-05-15T10:00:00Z"),
});
process.stdout.write(`PEAK_RSS_MB ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
process.exitCode = code;
