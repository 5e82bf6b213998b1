import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import AdmZip from "adm-zip";
import { AppManifestUtils, type TeamsManifest } from "@microsoft/app-manifest";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  APP_PACKAGE_FILES,
  DEMO_TEAMS_APP_ID,
  buildAppPackage,
  checkIcons,
  deriveTeamsAppId,
  fillPlaceholders,
  bundledManifestVersions,
  loadBundledTeamsSchema,
  publicHostOf,
  readPngSize,
  resolveAppIds,
  uuidV5,
  validateManifest,
} from "../../../src/app-package/app-package.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const appPackageDir = join(root, "appPackage");
const template = readFileSync(join(appPackageDir, "manifest.json"), "utf8");
const colourPng = readFileSync(join(appPackageDir, "color.png"));
const outlinePng = readFileSync(join(appPackageDir, "outline.png"));
const ids = {
  teamsAppId: "3f2a8c1e-5b7d-4e9f-a1c3-6d8e0f2b4a57",
  botId: "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
  publicHost: "tracker.example.org",
};
const PUBLIC_BASE_URL = "https://tracker.example.org";

interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles?: boolean;
  isNotificationOnly?: boolean;
  commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
}

interface SearchCommand {
  id: string;
  type: string;
  title: string;
  initialRun?: boolean;
  context?: string[];
  parameters: { name: string; title: string; inputType?: string }[];
}
type Manifest = Record<string, unknown> & {
  bots: Bot[];
  configurableTabs: { configurationUrl: string }[];
  composeExtensions: { botId: string; commands: SearchCommand[] }[];
  webApplicationInfo: { id: string; resource: string };
};

function filledManifest(): Manifest {
  const filled = fillPlaceholders(template, ids);
  if (!filled.ok) throw new Error(filled.reason);
  return JSON.parse(filled.text) as Manifest;
}

const expectedCommands = [
  ["what's delayed", "Items behind their original target"],
  ["what's delayed in CYPS", "Delayed items for one directorate"],
  ["my actions", "Your open actions and their status"],
  ["more than 12 months", "Items more than 12 months past the original target"],
  ["due by end of September", "Items due by a date"],
  ["awaiting start", "Items not yet started or with a TBC target"],
  ["revised dates", "Target dates that have moved, from and to"],
  ["new since last report", "Reviews received since the last report"],
  ["help", "What you can ask"],
].map(([title, description]) => ({ title, description }));

describe("appPackage/manifest.json", () => {
  it("as committed, with its placeholders filled, validates against the bundled v1.30 schema with no errors", async () => {
    const manifest = filledManifest();
    expect(await validateManifest(manifest)).toEqual([]);
    // And straight through the package's own API with the v1.30 schema, to be sure which schema was used.
    const schema = loadBundledTeamsSchema("1.30");
    if (!schema.ok) throw new Error(schema.reason);
    expect(schema.path).toMatch(/[\\/]v1\.30[\\/]MicrosoftTeams\.schema\.json$/);
    expect(await AppManifestUtils.validateAgainstSchema(manifest as unknown as TeamsManifest, schema.schema)).toEqual(
      [],
    );
  });

  it("is the newest manifestVersion the bundled validator carries (1.30), with the matching $schema", () => {
    const manifest = filledManifest();
    expect(manifest.manifestVersion).toBe("1.30");
    expect(bundledManifestVersions().at(-1)).toBe("1.30");
    expect(manifest.$schema).toBe(
      "https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
    );
  });

  it("has the search message extension: one query command, run at once with an empty query, in the compose box", () => {
    const manifest = filledManifest();
    expect(manifest.composeExtensions).toHaveLength(1);
    const extension = manifest.composeExtensions[0]!;
    expect(extension.botId).toBe(ids.botId);
    expect(extension.commands).toEqual([
      {
        id: "findItem",
        type: "query",
        title: "Find a recommendation",
        description: expect.stringContaining("reference, review, body, directorate or owner") as unknown,
        initialRun: true,
        context: ["compose", "commandBox"],
        parameters: [
          {
            name: "query",
            title: "Reference, review or owner",
            description: expect.stringContaining("at most 200 characters") as unknown,
            inputType: "text",
          },
        ],
      },
    ]);
  });

  it("names the bot's app for sign-on at the public host, and the host as its one valid domain", () => {
    const manifest = filledManifest();
    expect(manifest.webApplicationInfo).toEqual({
      id: ids.botId,
      resource: `api://tracker.example.org/${ids.botId}`,
    });
    expect(manifest.validDomains).toEqual(["tracker.example.org"]);
  });

  it("has the personal tab 'Register' and the configurable tab for teams and group chats, at PUBLIC_BASE_URL", () => {
    const filled = fillPlaceholders(template, { ...ids, publicBaseUrl: "https://tracker.example.org:8443/bot/" });
    if (!filled.ok) throw new Error(filled.reason);
    const manifest = JSON.parse(filled.text) as Manifest & {
      staticTabs: { entityId: string; name: string; contentUrl: string; scopes: string[] }[];
      configurableTabs: { configurationUrl: string; scopes: string[]; canUpdateConfiguration: boolean }[];
    };
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({
        entityId: "register",
        name: "Register",
        contentUrl: "https://tracker.example.org:8443/bot/tab/register",
        scopes: ["personal"],
      }),
    ]);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({
        configurationUrl: "https://tracker.example.org:8443/bot/tab/config",
        canUpdateConfiguration: true,
        scopes: ["team", "groupChat"],
      }),
    ]);
    // Without a base address the tabs are at the public host.
    expect(filledManifest().configurableTabs[0]?.configurationUrl).toBe("https://tracker.example.org/tab/config");
  });

  it("keeps the Teams Toolkit placeholders for the ids, and the schema refuses them unfilled", async () => {
    const raw = JSON.parse(template) as { id: string; bots: Bot[] };
    expect(raw.id).toBe("${{TEAMS_APP_ID}}");
    expect(raw.bots[0]?.botId).toBe("${{BOT_ID}}");
    const errors = await validateManifest(raw);
    expect(errors.some((e) => e.startsWith("/id "))).toBe(true);
    expect(errors.some((e) => e.startsWith("/bots/0/botId "))).toBe(true);
  });

  it("has one conversational bot in personal, team and group chat scopes, with a command list per scope", () => {
    const manifest = filledManifest();
    expect(manifest.bots).toHaveLength(1);
    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(ids.botId);
    expect([...bot.scopes].sort()).toEqual(["groupChat", "personal", "team"]);
    // Files in a personal chat: documents go out through file consent cards.
    expect(bot.supportsFiles).toBe(true);
    expect(bot.isNotificationOnly).toBe(false);
    expect(bot.commandLists.map((l) => l.scopes)).toEqual([["personal"], ["team"], ["groupChat"]]);
    for (const list of bot.commandLists) {
      expect(list.commands).toEqual(expectedCommands);
      expect(list.commands.length).toBeLessThanOrEqual(10);
    }
    expect(manifest.permissions).toEqual(["identity", "messageTeamMembers"]);
    expect(manifest.name).toEqual({
      short: "Recommendation tracker",
      full: "External inspection recommendations tracker",
    });
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
  });
});

describe("icons", () => {
  it("are 192x192 (colour) and 32x32 (outline) by their PNG headers", () => {
    expect(readPngSize(colourPng)).toEqual({ ok: true, width: 192, height: 192 });
    expect(readPngSize(outlinePng)).toEqual({ ok: true, width: 32, height: 32 });
    expect(readPngSize(Buffer.from("not a png at all, just some text")).ok).toBe(false);
  });

  it("outline: every pixel is fully transparent or white, and some are white", () => {
    const image = PNG.sync.read(outlinePng);
    let white = 0;
    for (let i = 0; i < image.width * image.height; i++) {
      const [r, g, b, a] = image.data.subarray(i * 4, i * 4 + 4);
      if (a === 0) continue;
      expect({ x: i % image.width, y: Math.floor(i / image.width), r, g, b }).toEqual({
        x: i % image.width,
        y: Math.floor(i / image.width),
        r: 255,
        g: 255,
        b: 255,
      });
      white++;
    }
    expect(white).toBeGreaterThan(50);
    expect(white).toBeLessThan(32 * 32 * 0.6); // strokes, not a filled square
  });

  it("colour: is not a single flat colour and is mostly opaque teal and white", () => {
    const image = PNG.sync.read(colourPng);
    const colours = new Set<number>();
    let opaque = 0;
    for (let i = 0; i < image.width * image.height; i++) {
      colours.add(image.data.readUInt32BE(i * 4));
      if (image.data[i * 4 + 3] === 255) opaque++;
    }
    expect(colours.size).toBeGreaterThan(20);
    expect(opaque / (image.width * image.height)).toBeGreaterThan(0.9);
    expect(checkIcons({ "color.png": colourPng, "outline.png": outlinePng })).toEqual([]);
  });

  it("checkIcons refuses a coloured outline icon and icons of the wrong size", () => {
    expect(checkIcons({ "color.png": colourPng, "outline.png": colourPng })).toEqual([
      "outline.png is 192x192; Teams needs 32x32",
    ]);
    const coloured = PNG.sync.read(outlinePng);
    coloured.data.set([255, 0, 0, 255], 0);
    const problems = checkIcons({ "color.png": colourPng, "outline.png": PNG.sync.write(coloured) });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^outline\.png must be white on transparent only; other colours at 0,0$/);
  });
});

describe("ids", () => {
  it("takes BOT_ID before MicrosoftAppId, and derives a stable Teams app id from the bot id", () => {
    const both = resolveAppIds({
      BOT_ID: ids.botId,
      MicrosoftAppId: "00000000-0000-0000-0000-000000000001",
      PUBLIC_BASE_URL,
    });
    expect(both).toMatchObject({
      ok: true,
      botId: ids.botId,
      botIdFrom: "BOT_ID",
      teamsAppId: deriveTeamsAppId(ids.botId),
      publicHost: "tracker.example.org",
    });
    const fallback = resolveAppIds({ BOT_ID: " ", MicrosoftAppId: ids.botId, PUBLIC_BASE_URL });
    expect(fallback).toMatchObject({ ok: true, botId: ids.botId, botIdFrom: "MicrosoftAppId" });
    expect(resolveAppIds({ BOT_ID: ids.botId, TEAMS_APP_ID: ids.teamsAppId, PUBLIC_BASE_URL })).toMatchObject({
      ok: true,
      teamsAppId: ids.teamsAppId,
    });
    expect(deriveTeamsAppId(ids.botId)).toBe(deriveTeamsAppId(ids.botId.toUpperCase()));
    expect(deriveTeamsAppId(ids.botId)).not.toBe(deriveTeamsAppId("00000000-0000-0000-0000-000000000001"));
    expect(deriveTeamsAppId(ids.botId)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(deriveTeamsAppId(undefined)).toBe(DEMO_TEAMS_APP_ID);
  });

  it("computes RFC 4122 version 5 UUIDs (the RFC's DNS example)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("refuses a missing or malformed bot id and unknown placeholders", () => {
    const none = resolveAppIds({});
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/BOT_ID is not set: set BOT_ID \(or MicrosoftAppId\)/);
    expect(resolveAppIds({ MicrosoftAppId: "my-bot" })).toEqual({
      ok: false,
      reason: 'MicrosoftAppId must be the bot\'s Microsoft App ID, a GUID; got "my-bot".',
    });
    expect(fillPlaceholders('{"id":"${{TEAMS_APP_ID}}","x":"${{OTHER}}"}', ids)).toEqual({
      ok: false,
      reason: "the manifest has placeholders with no value: ${{OTHER}}",
    });
    expect(fillPlaceholders(template, { ...ids, botId: '", "evil": "' }).ok).toBe(false);
    expect(fillPlaceholders(template, { ...ids, publicHost: 'x", "evil": "' }).ok).toBe(false);
  });

  it("takes the public host from PUBLIC_BASE_URL, and refuses none, a non-URL or an IP address, saying what to set", () => {
    expect(publicHostOf("https://Tracker.Example.org:8443/bot/")).toEqual({
      ok: true,
      host: "tracker.example.org",
      base: "https://tracker.example.org:8443/bot",
    });
    expect(publicHostOf("http://tracker.example.org")).toEqual({
      ok: false,
      reason:
        'PUBLIC_BASE_URL must start with https:// (Teams opens tab pages only over HTTPS); got "http://tracker.example.org".',
    });
    const none = resolveAppIds({ BOT_ID: ids.botId });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.reason).toMatch(/^PUBLIC_BASE_URL is not set: set it to the bot's public address/);
    expect(publicHostOf("tracker")).toEqual({
      ok: false,
      reason: 'PUBLIC_BASE_URL must be a URL such as https://tracker.example.org; got "tracker".',
    });
    expect(publicHostOf("https://10.0.0.5/")).toMatchObject({ ok: false });
    expect(publicHostOf("https://[::1]/")).toMatchObject({ ok: false });
  });
});

describe("buildAppPackage", () => {
  it("zips exactly manifest.json, color.png and outline.png at the root, with the ids filled", async () => {
    const built = await buildAppPackage(appPackageDir, ids);
    if (!built.ok) throw new Error(built.reason);
    const zip = new AdmZip(built.zip);
    const names = zip.getEntries().map((e) => e.entryName);
    expect([...names].sort()).toEqual([...APP_PACKAGE_FILES].sort());
    const manifest = JSON.parse(zip.readAsText("manifest.json")) as { id: string; bots: Bot[] };
    expect(manifest.id).toBe(ids.teamsAppId);
    expect(manifest.bots[0]?.botId).toBe(ids.botId);
    expect(zip.readAsText("manifest.json")).not.toContain("${{");
    expect(zip.readFile("color.png")?.equals(colourPng)).toBe(true);
    expect(zip.readFile("outline.png")?.equals(outlinePng)).toBe(true);
    expect(built.manifest).toEqual(manifest);
    // Same inputs, same bytes.
    const again = await buildAppPackage(appPackageDir, ids);
    expect(again.ok && again.zip.equals(built.zip)).toBe(true);
  });
});

describe("npm run package (scripts/package-app.ts)", () => {
  /** Runs the script from an empty directory (so a developer's .env cannot supply a value) with `set` over an environment without the ids. */
  function runPackage(set: Record<string, string>) {
    const tsxCli = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "cli.mjs");
    const env = { ...process.env };
    for (const name of ["BOT_ID", "MicrosoftAppId", "TEAMS_APP_ID", "PUBLIC_BASE_URL"]) delete env[name];
    const cwd = mkdtempSync(join(tmpdir(), "package-app-"));
    try {
      return spawnSync(process.execPath, [tsxCli, join(root, "scripts", "package-app.ts")], {
        cwd,
        env: { ...env, ...set },
        encoding: "utf8",
      });
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }

  it("without BOT_ID or MicrosoftAppId stops with exit code 2 and says which variable to set", () => {
    const run = runPackage({});
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("BOT_ID is not set: set BOT_ID (or MicrosoftAppId) to the bot's Microsoft App ID");
    expect(run.stdout).toBe("");
  });

  it("without PUBLIC_BASE_URL stops with exit code 2 and says what to set it to", () => {
    const run = runPackage({ BOT_ID: ids.botId });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("PUBLIC_BASE_URL is not set: set it to the bot's public address");
    expect(run.stdout).toBe("");
  });
});
