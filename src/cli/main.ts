#!/usr/bin/env node
/** The `tracker` command: `npx tracker <command>` on the compiled build, `npm run -s tracker -- <command>` from source. */
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { runCli } from "./run-cli.js";

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  config,
  logger,
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    logger.error({ err: error }, "the command failed");
    process.exitCode = 1;
  },
);
