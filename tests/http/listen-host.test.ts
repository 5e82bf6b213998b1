/**
 * `npm start` in local mode (no credentials) listens on loopback only, so nobody else on the network
 * can drive an unauthenticated bot; HOST opens it up when someone means to.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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

/** The IPv4 addresses a local socket listens on for `port`, from the kernel's table (what others could reach). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  return readFileSync("/proc/net/tcp", "utf8")
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === "0A" && fields[1]?.endsWith(`:${hexPort}`)) // 0A: LISTEN
    .map((fields) =>
      fields[1]!
        .split(":")[0]!
        .match(/../g)!
        .reverse()
        .map((h) => Number.parseInt(h, 16))
        .join("."),
    );
}

/** This machine's addresses that are not loopback: where someone else on the network would connect. */
function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === "IPv4" && !a.internal)
    .map((a) => a!.address);
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
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, `${name}.db`)}`,
      DEMO_DATA: "false",
      LOG_LEVEL: "info",
      MicrosoftAppId: "",
      ALLOWED_SERVICE_URL_HOSTS: undefined,
      HOST: undefined,
      ...env,
    },
  });
  started.push(bot);
  await waitForUrl(`http://127.0.0.1:${port}/healthz`, { process: bot, timeoutMs: 45_000 });
  return port;
}

// SQLite only: where the server listens does not depend on the store, and a SQLite file needs no server.
describe("where the bot listens", () => {
  it("in local mode, only on loopback: the machine's network addresses are refused", async () => {
    const port = await startBot("local", {});
    expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
    expect(await connects("127.0.0.1", port)).toBe(true);
    for (const address of networkAddresses()) expect(await connects(address, port)).toBe(false);
  }, 60_000);

  it("on every interface when HOST=0.0.0.0 says so", async () => {
    const port = await startBot("open", { HOST: "0.0.0.0" });
    expect(listeningAddresses(port)).toEqual(["0.0.0.0"]);
    for (const address of networkAddresses()) expect(await connects(address, port)).toBe(true);
  }, 60_000);

  it("on every interface by default once credentials are set (Teams must reach it)", () => {
    expect(listenHost(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0" }))).toBe("0.0.0.0");
    expect(listenHost(loadConfig({}))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ HOST: "" }))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0", HOST: "10.0.0.5" }))).toBe(
      "10.0.0.5",
    );
  });
});
