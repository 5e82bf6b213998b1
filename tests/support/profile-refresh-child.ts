/**
 * The daily profile refresh as the scheduler runs it (the Graph client from the settings, the real database),
 * in a child process that trusts the stand-in Graph's throwaway certificate. Prints what it did as JSON.
 * Usage: tsx tests/support/profile-refresh-child.ts <DATABASE_URL> <now ISO> [limit]
 */
import { loadConfig } from "../../src/config.js";
import { openDatabase } from "../../src/data/database.js";
import { directorySettingsOf } from "../../src/directory-settings.js";
import { createLogger } from "../../src/logger.js";
import { graphDirectory } from "../../src/services/directory/graph-directory.js";
import { refreshProfiles } from "../../src/services/directory/refresh-profiles.js";

const [url, nowIso, limit] = process.argv.slice(2);
if (!url || !nowIso) throw new Error("usage: profile-refresh-child.ts <DATABASE_URL> <now ISO> [limit]");
const use = directorySettingsOf(loadConfig({ ...process.env, DATABASE_URL: url }));
if (!use.enabled) throw new Error(`Graph is off: ${use.reason}`);
const store = await openDatabase(url);
const directory = graphDirectory(use.settings);
const outcome = await refreshProfiles(
  { store, directory, logger: createLogger("silent") },
  new Date(nowIso),
  limit ? Number(limit) : undefined,
);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
await store.$disconnect();
