/**
 * Builds build/appPackage.zip (manifest.json, color.png, outline.png) for upload to Teams.
 *   BOT_ID (or MicrosoftAppId)  the bot's Microsoft App ID; required.
 *   TEAMS_APP_ID                the Teams app id; default: a stable id derived from the bot id.
 *   PUBLIC_BASE_URL             the bot's public address; its host goes into validDomains and webApplicationInfo; required.
 * Reads ./.env when present, like the bot. Exit codes: 0 built, 1 the package is not valid, 2 no bot id or public address.
 * Run with `npm run package`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAppPackage, resolveAppIds } from "../src/app-package/app-package.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const ids = resolveAppIds(process.env);
  if (!ids.ok) {
    console.error(`package-app: ${ids.reason}`);
    return 2;
  }
  const built = await buildAppPackage(join(root, "appPackage"), ids);
  if (!built.ok) {
    console.error(`package-app: ${built.reason}`);
    return 1;
  }
  const out = join(root, "build", "appPackage.zip");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, built.zip);
  console.error(
    `package-app: Teams app id ${ids.teamsAppId}, bot id ${ids.botId} (from ${ids.botIdFrom}), host ${ids.publicHost}`,
  );
  const shown = relative(process.cwd(), out);
  console.log(shown.startsWith("..") ? out : shown);
  return 0;
}

process.exitCode = await main();
