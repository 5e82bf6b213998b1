/**
 * The Teams tab's page: /tab/register (the register; the channel tab adds ?scope=channel&directorate=X) and
 * /tab/config (the channel tab's configuration page) answer the same small HTML shell, and /tab/assets/
 * serves the bundle `npm run build:tab` wrote to build/tab/assets/. Nothing comes from a CDN. The page may
 * be framed only by Teams and Microsoft 365, and its script and styles come only from this server.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import type restify from "restify";

/** Beside src/ and dist/ alike: both are one level below the package root. */
export const TAB_ASSETS_DIR = path.resolve(import.meta.dirname, "../../build/tab/assets");
const BUNDLE = "tab.js";

/** The asset names the bundle produces: a letter-led name of letters, digits, dots and hyphens, nothing else. */
const ASSET_NAME = /^[a-z][\w.-]{0,100}\.(js|txt)$/i;
const CONTENT_TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  txt: "text/plain; charset=utf-8",
};

/** The hosts allowed to frame the tab: Teams on the web, desktop and mobile, and Microsoft 365's apps. */
const FRAME_ANCESTORS = [
  "'self'",
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://teams.cloud.microsoft",
  "https://*.cloud.microsoft",
  "https://*.office.com",
  "https://*.microsoft365.com",
  "https://*.office365.com",
  "https://outlook.office.com",
];

export const TAB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Fluent UI writes its styles into style elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  `frame-ancestors ${FRAME_ANCESTORS.join(" ")}`,
].join("; ");

export function tabShell(bundleVersion: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Register: recommendation tracker</title>
<link rel="icon" href="data:,">
<style>html, body { margin: 0; } body { font-family: "Segoe UI", system-ui, sans-serif; }</style>
<script type="module" src="/tab/assets/${BUNDLE}?v=${bundleVersion}"></script>
</head>
<body>
<div id="root"><noscript>The register needs JavaScript.</noscript></div>
</body>
</html>
`;
}

const NOT_BUILT =
  "The tab's page has not been built: run `npm run build:tab` (npm install and npm run build do it too).";

function send(res: restify.Response, status: number, type: string, body: string | Buffer, extra = {}): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "x-content-type-options": "nosniff",
    ...extra,
  });
  res.end(body);
}

/** The bundle's content hash, worked out again only when the file changes. */
function bundleVersion(bundle: string, cache: { mtimeMs: number; version: string }): string {
  const { mtimeMs } = statSync(bundle);
  if (mtimeMs !== cache.mtimeMs) {
    cache.version = createHash("sha256").update(readFileSync(bundle)).digest("hex").slice(0, 16);
    cache.mtimeMs = mtimeMs;
  }
  return cache.version;
}

export function registerTabPage(server: restify.Server, assetsDir = TAB_ASSETS_DIR): void {
  const cache = { mtimeMs: -1, version: "" };
  const shell = (_req: restify.Request, res: restify.Response, next: restify.Next) => {
    const bundle = path.join(assetsDir, BUNDLE);
    if (!existsSync(bundle)) {
      send(res, 503, "text/plain; charset=utf-8", NOT_BUILT);
      return next();
    }
    // The bundle's hash in its address: a rebuilt page is fetched afresh, an unchanged one comes from cache.
    send(res, 200, "text/html; charset=utf-8", tabShell(bundleVersion(bundle, cache)), {
      "cache-control": "no-cache",
      "content-security-policy": TAB_CONTENT_SECURITY_POLICY,
    });
    return next();
  };
  server.get("/tab/register", shell);
  server.get("/tab/config", shell);

  server.get("/tab/assets/:name", (req, res, next) => {
    const param = (req.params as { name?: unknown }).name;
    const name = typeof param === "string" ? param : "";
    const file = path.join(assetsDir, name);
    if (!ASSET_NAME.test(name) || !existsSync(file)) {
      send(res, 404, "text/plain; charset=utf-8", `No such file of the tab: ${name.slice(0, 100)}`);
      return next();
    }
    const type = CONTENT_TYPES[path.extname(name).slice(1).toLowerCase()] ?? "application/octet-stream";
    send(res, 200, type, readFileSync(file), { "cache-control": "public, max-age=86400" });
    return next();
  });
}
