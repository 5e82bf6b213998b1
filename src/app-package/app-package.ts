/**
 * The Teams app package: appPackage/manifest.json (with Teams Toolkit style `${{NAME}}` placeholders),
 * color.png and outline.png, filled in, checked and zipped for upload to Teams.
 *
 * A build-time tool (used by scripts/package-app.ts and its tests); nothing in the bot imports it, so
 * its dev-only dependencies (@microsoft/app-manifest, pngjs) never load in production.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import AdmZip from "adm-zip";
import { AppManifestUtils, type TeamsManifest } from "@microsoft/app-manifest";
import { PNG } from "pngjs";

/** The files of the package, all at the zip root. */
export const APP_PACKAGE_FILES = ["manifest.json", "color.png", "outline.png"] as const;
export type AppPackageFile = (typeof APP_PACKAGE_FILES)[number];

/** Teams' required icon sizes, in pixels (square). */
export const ICON_SIZES = { "color.png": 192, "outline.png": 32 } as const;

export const Placeholder = {
  teamsAppId: "${{TEAMS_APP_ID}}",
  botId: "${{BOT_ID}}",
  /** The host of PUBLIC_BASE_URL: a valid domain, and the domain of webApplicationInfo's resource (api://host/bot id). */
  publicHost: "${{PUBLIC_HOST}}",
  /** PUBLIC_BASE_URL without a trailing slash: where the tabs' pages are (`<base>/tab/register`). */
  publicBaseUrl: "${{PUBLIC_BASE_URL}}",
} as const;

/** Teams app id used when neither TEAMS_APP_ID nor a bot id is available (demo packages only). */
export const DEMO_TEAMS_APP_ID = "5b0e7f3c-2a41-4d8e-9c6b-7f1d3e2a9b40";

/** Namespace for deriving the Teams app id from the bot id (UUID version 5), fixed so the result is stable. */
const TEAMS_APP_ID_NAMESPACE = "b7e3c1a0-6f2d-4e59-8a14-3c9d0e5f7a26";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A DNS host name (letters, digits, hyphens, dots): what an Application ID URI and a valid domain take. */
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

export type Outcome<T> = ({ ok: true } & T) | { ok: false; reason: string };

export interface AppIds {
  teamsAppId: string;
  botId: string;
  /** The bot's public host (from PUBLIC_BASE_URL), e.g. "tracker.example.org". */
  publicHost: string;
  /** The bot's public address, e.g. "https://tracker.example.org"; absent, https:// and the public host. */
  publicBaseUrl?: string;
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/** A name-based (version 5) UUID, as RFC 4122 section 4.3 defines it. */
export function uuidV5(name: string, namespace: string): string {
  if (!isGuid(namespace)) throw new Error(`namespace must be a GUID: ${namespace}`);
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Teams app id for a bot: stable for the same bot id, the demo id when there is no bot id. */
export function deriveTeamsAppId(botId?: string): string {
  const id = botId?.trim();
  return id ? uuidV5(id.toLowerCase(), TEAMS_APP_ID_NAMESPACE) : DEMO_TEAMS_APP_ID;
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** The host of a public base URL such as "https://tracker.example.org", or why it cannot be one. */
export function publicHostOf(baseUrl: string | undefined): Outcome<{ host: string; base: string }> {
  if (!baseUrl) {
    return {
      ok: false,
      reason:
        "PUBLIC_BASE_URL is not set: set it to the bot's public address, e.g. `PUBLIC_BASE_URL=https://tracker.example.org`; " +
        "the manifest names its host as a valid domain and in webApplicationInfo.resource (api://<host>/<bot id>).",
    };
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return {
      ok: false,
      reason: `PUBLIC_BASE_URL must be a URL such as https://tracker.example.org; got "${baseUrl}".`,
    };
  }
  if (!HOST_NAME.test(url.hostname) || /^[\d.]+$/.test(url.hostname)) {
    return {
      ok: false,
      reason: `PUBLIC_BASE_URL must name its host by a domain name (Teams takes no IP address there); got "${url.hostname}".`,
    };
  }
  if (url.protocol !== "https:") {
    return {
      ok: false,
      reason: `PUBLIC_BASE_URL must start with https:// (Teams opens tab pages only over HTTPS); got "${baseUrl}".`,
    };
  }
  // The URL parser has percent-encoded anything that could break the JSON string it goes into.
  return { ok: true, host: url.hostname.toLowerCase(), base: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}

/**
 * The ids from the environment: the bot id from BOT_ID, else MicrosoftAppId (required); the Teams app id
 * from TEAMS_APP_ID, else derived from the bot id; the public host from PUBLIC_BASE_URL (required).
 */
export function resolveAppIds(env: NodeJS.ProcessEnv): Outcome<AppIds & { botIdFrom: "BOT_ID" | "MicrosoftAppId" }> {
  const fromBotId = envValue(env, "BOT_ID");
  const botId = fromBotId ?? envValue(env, "MicrosoftAppId");
  if (!botId) {
    return {
      ok: false,
      reason:
        "BOT_ID is not set: set BOT_ID (or MicrosoftAppId) to the bot's Microsoft App ID, the GUID of its Azure Bot registration, " +
        "for example `BOT_ID=00000000-0000-0000-0000-000000000000 npm run package`.",
    };
  }
  const botIdFrom = fromBotId ? "BOT_ID" : "MicrosoftAppId";
  if (!isGuid(botId)) {
    return { ok: false, reason: `${botIdFrom} must be the bot's Microsoft App ID, a GUID; got "${botId}".` };
  }
  const teamsAppId = envValue(env, "TEAMS_APP_ID") ?? deriveTeamsAppId(botId);
  if (!isGuid(teamsAppId)) {
    return { ok: false, reason: `TEAMS_APP_ID must be a GUID; got "${teamsAppId}".` };
  }
  const publicHost = publicHostOf(envValue(env, "PUBLIC_BASE_URL"));
  if (!publicHost.ok) return publicHost;
  return { ok: true, teamsAppId, botId, botIdFrom, publicHost: publicHost.host, publicBaseUrl: publicHost.base };
}

/**
 * Replaces the placeholders in the manifest text. Refuses ids that are not GUIDs, a host that is not a
 * host name and a base address that is not an https URL (they go into JSON strings unescaped), and any
 * `${{NAME}}` placeholder it does not know.
 */
export function fillPlaceholders(template: string, ids: AppIds): Outcome<{ text: string }> {
  for (const [name, value] of [
    ["TEAMS_APP_ID", ids.teamsAppId],
    ["BOT_ID", ids.botId],
  ] as const) {
    if (!isGuid(value)) return { ok: false, reason: `${name} must be a GUID; got "${value}".` };
  }
  if (!HOST_NAME.test(ids.publicHost))
    return { ok: false, reason: `PUBLIC_HOST must be a host name; got "${ids.publicHost}".` };
  const base = publicHostOf(ids.publicBaseUrl ?? `https://${ids.publicHost}`);
  if (!base.ok) return base;
  const text = template
    .replaceAll(Placeholder.teamsAppId, ids.teamsAppId)
    .replaceAll(Placeholder.botId, ids.botId)
    .replaceAll(Placeholder.publicHost, ids.publicHost)
    .replaceAll(Placeholder.publicBaseUrl, base.base);
  const left = [...new Set(text.match(/\$\{\{[^}]*\}\}/g) ?? [])];
  if (left.length > 0) return { ok: false, reason: `the manifest has placeholders with no value: ${left.join(", ")}` };
  return { ok: true, text };
}

const requireFromHere = createRequire(import.meta.url);

/** Where @microsoft/app-manifest keeps its copies of the Teams manifest schemas. */
function bundledTeamsSchemaDir(): string {
  const packageJson = requireFromHere.resolve("@microsoft/app-manifest/package.json");
  return join(dirname(packageJson), "build", "json-schemas", "teams");
}

/** The manifest versions whose schema is bundled with @microsoft/app-manifest, e.g. ["1.0", ..., "1.17", "1.19", ...]. */
export function bundledManifestVersions(): string[] {
  return readdirSync(bundledTeamsSchemaDir())
    .filter((d) => /^v\d+\.\d+$/.test(d))
    .map((d) => d.slice(1))
    .sort((a, b) => {
      const [amaj, amin] = a.split(".").map(Number) as [number, number];
      const [bmaj, bmin] = b.split(".").map(Number) as [number, number];
      return amaj - bmaj || amin - bmin;
    });
}

type ManifestSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** The bundled schema for a manifest version, read from disk (never fetched). */
export function loadBundledTeamsSchema(manifestVersion: string): Outcome<{ schema: ManifestSchema; path: string }> {
  const path = join(bundledTeamsSchemaDir(), `v${manifestVersion}`, "MicrosoftTeams.schema.json");
  if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(path)) {
    return {
      ok: false,
      reason:
        `@microsoft/app-manifest has no bundled schema for manifestVersion "${manifestVersion}", so it cannot be checked offline; ` +
        `bundled versions: ${bundledManifestVersions().join(", ")}`,
    };
  }
  // The package cleans two escapes JSON does not allow before parsing; do the same.
  const raw = readFileSync(path, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return { ok: true, schema: JSON.parse(raw) as ManifestSchema, path };
}

/**
 * Schema errors in a filled manifest ("" instance path means the root), empty when it is valid.
 * Validates offline against the schema bundled for its manifestVersion: given no schema,
 * `AppManifestUtils.validateAgainstSchema` would download the one named by `$schema` whenever that URL
 * is not one it maps to its bundled copies.
 */
export async function validateManifest(manifest: unknown): Promise<string[]> {
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest))
    return ["the manifest is not a JSON object"];
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== "string") return ["/manifestVersion is missing"];
  const schema = loadBundledTeamsSchema(version);
  if (!schema.ok) return [schema.reason];
  const $schema = (manifest as { $schema?: unknown }).$schema;
  const problems: string[] = [];
  if (typeof $schema === "string" && !$schema.includes(`/v${version}/`)) {
    problems.push(`/$schema names a different version than manifestVersion ${version}: ${$schema}`);
  }
  problems.push(...(await AppManifestUtils.validateAgainstSchema(manifest as TeamsManifest, schema.schema)));
  return problems;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which the format requires to come first. */
export function readPngSize(png: Buffer): Outcome<{ width: number; height: number }> {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) return { ok: false, reason: "not a PNG file" };
  if (png.toString("latin1", 12, 16) !== "IHDR") return { ok: false, reason: "PNG has no IHDR chunk first" };
  return { ok: true, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels of an outline icon that break Teams' rule (white, or fully transparent), as "x,y" strings. */
export function outlineIconProblemPixels(png: Buffer, limit = 10): string[] {
  const image = PNG.sync.read(png);
  const bad: string[] = [];
  for (let i = 0; i < image.width * image.height && bad.length < limit; i++) {
    const [r, g, b, a] = [image.data[i * 4], image.data[i * 4 + 1], image.data[i * 4 + 2], image.data[i * 4 + 3]];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) bad.push(`${i % image.width},${Math.floor(i / image.width)}`);
  }
  return bad;
}

/** Problems with the icons: missing, wrong size, or an outline icon that is not white on transparent. */
export function checkIcons(files: Record<"color.png" | "outline.png", Buffer>): string[] {
  const problems: string[] = [];
  for (const name of ["color.png", "outline.png"] as const) {
    const size = readPngSize(files[name]);
    const want = ICON_SIZES[name];
    if (!size.ok) problems.push(`${name}: ${size.reason}`);
    else if (size.width !== want || size.height !== want) {
      problems.push(`${name} is ${size.width}x${size.height}; Teams needs ${want}x${want}`);
    }
  }
  if (problems.length === 0) {
    const bad = outlineIconProblemPixels(files["outline.png"]);
    if (bad.length > 0)
      problems.push(`outline.png must be white on transparent only; other colours at ${bad.join(" ")}`);
  }
  return problems;
}

/** Entry timestamps, fixed so the same inputs give the same zip bytes. */
const ZIP_ENTRY_TIME = new Date(2024, 0, 1, 0, 0, 0);

/** A zip with the given files at its root, in the order given. */
export function buildZip(files: ReadonlyArray<readonly [name: string, content: Buffer]>): Buffer {
  const zip = new AdmZip();
  for (const [name, content] of files) {
    const entry = zip.addFile(name, content);
    entry.header.time = ZIP_ENTRY_TIME;
  }
  return zip.toBuffer();
}

export interface AppPackage {
  zip: Buffer;
  /** The filled manifest, as zipped. */
  manifest: Record<string, unknown>;
}

/**
 * Reads `appPackageDir` (manifest.json, color.png, outline.png), fills the ids, validates the manifest
 * against its bundled schema and the icons against Teams' rules, and returns the zip. A problem is a
 * value (`ok: false` with every problem found), not an exception.
 */
export async function buildAppPackage(appPackageDir: string, ids: AppIds): Promise<Outcome<AppPackage>> {
  const missing = APP_PACKAGE_FILES.filter((f) => !existsSync(join(appPackageDir, f)));
  if (missing.length > 0) return { ok: false, reason: `missing from ${appPackageDir}: ${missing.join(", ")}` };
  const filled = fillPlaceholders(readFileSync(join(appPackageDir, "manifest.json"), "utf8"), ids);
  if (!filled.ok) return filled;
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(filled.text) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, reason: `manifest.json is not valid JSON: ${(e as Error).message}` };
  }
  const icons = {
    "color.png": readFileSync(join(appPackageDir, "color.png")),
    "outline.png": readFileSync(join(appPackageDir, "outline.png")),
  };
  const iconsNamed = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  const problems = [
    ...(await validateManifest(manifest)).map((p) => `manifest.json ${p}`),
    ...(iconsNamed?.color === "color.png" && iconsNamed.outline === "outline.png"
      ? []
      : ['manifest.json icons must name "color.png" and "outline.png" (the files in the package)']),
    ...checkIcons(icons),
  ];
  if (problems.length > 0) return { ok: false, reason: `the app package is not valid:\n- ${problems.join("\n- ")}` };
  const zip = buildZip([
    ["manifest.json", Buffer.from(filled.text, "utf8")],
    ["color.png", icons["color.png"]],
    ["outline.png", icons["outline.png"]],
  ]);
  return { ok: true, zip, manifest };
}
