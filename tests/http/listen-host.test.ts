/**
 * `npm start` in local mode (no credentials) listens on loopback only, so nobody else on the network
 * can drive an unauthenticated bot; HOST opens it up when someone means to.
 */
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { listenHost, loadConfig } from "../../src/config.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "../support/processes.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-listen-"));
const started: RunningProcess[] = [];
afterAll(async () => {
  await stopAll(started);
  rmSync(dir, { recursive: true, force: true });
});

/** This machine's first address that is not loopback: where someone else on the network would connect. */
function networkAddress(): string {
  const address = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal)?.address;
  if (!address) throw new Error("this test needs a network interface besides loopback");
  return address;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function startBot(name: string, env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const bot = startProcess(name, path.join(ROOT, "node_modules/.bin/tsx"), ["src/index.ts"], {
    cwd: ROOT,
    env: {
      PORT: String(port), DATABASE_URL: `file:${path.join(dir, `${name}.db`)}`, DEMO_DATA: "false", LOG_LEVEL: "info",
      MicrosoftAppId: "", ALLOWED_SERVICE_URL_HOSTS: undefined, HOST: undefined, ...env,
    },
  });
  started.push(bot);
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, { process: bot, timeoutMs: 45_000 });
  return port;
}

describe("where the bot listens", () => {
  it("in local mode, only on loopback: the network address is refused", async () => {
    const port = await startBot("local", {});
    expect(await connects("127.0.0.1", port)).toBe(true);
    expect(await connects(networkAddress(), port)).toBe(false);
  }, 60_000);

  it("on every interface when HOST=0.0.0.0 says so", async () => {
    const port = await startBot("open", { HOST: "0.0.0.0" });
    expect(await connects(networkAddress(), port)).toBe(true);
  }, 60_000);

  it("on every interface by default once credentials are set (Teams must reach it)", () => {
    expect(listenHost(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0" }))).toBe("0.0.0.0");
    expect(listenHost(loadConfig({}))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ HOST: "" }))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0", HOST: "10.0.0.5" }))).toBe("10.0.0.5");
  });
});
