/**
 * The Graph client as the bot builds it from its settings (MSAL tokens, paced and bounded requests), run as a
 * child process so that it trusts the stand-in Graph's throwaway certificate (NODE_EXTRA_CA_CERTS is read
 * only at start). Looks up the given addresses all at once and prints, as JSON, each answer, the client's
 * counters and how long it took.
 * Usage: tsx tests/support/graph-client-child.ts <email> [email ...]
 */
import { loadConfig } from "../../src/config.js";
import { directorySettingsOf } from "../../src/directory-settings.js";
import { graphDirectory } from "../../src/services/directory/graph-directory.js";

const emails = process.argv.slice(2);
const use = directorySettingsOf(loadConfig({ ...process.env, DATABASE_URL: "file:./unused.db" }));
if (!use.enabled) throw new Error(`Graph is off: ${use.reason}`);
const directory = graphDirectory(use.settings);
const started = Date.now();
const answers = await Promise.all(emails.map((email) => directory.findUser(email)));
process.stdout.write(
  `${JSON.stringify({
    elapsedMs: Date.now() - started,
    counters: directory.counters,
    answers: answers.map((a) =>
      a.ok
        ? { ok: true, id: a.value?.id ?? null }
        : { ok: false, status: a.status, retryAfter: a.retryAfter, reason: a.reason },
    ),
  })}\n`,
);
