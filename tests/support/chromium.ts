/** Headless Debian Chromium for tests: offline, every request to a non-local host refused. */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<Browser> {
  // Card and end-to-end tests need a real browser: without one they fail with what to install, never skip.
  if (!chromiumAvailable())
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH`,
    );
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A context whose pages can reach only this machine. */
export async function localOnlyContext(
  browser: Browser,
  viewport = { width: 1000, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport });
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "localhost" || host === "127.0.0.1" || host === "[::1]" || route.request().url().startsWith("data:"))
      return route.continue();
    return route.abort();
  });
  return context;
}
