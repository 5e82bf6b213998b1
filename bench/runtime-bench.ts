/**
 * The compiled build as production runs it (`npm run build`, then new processes from dist/):
 * - the bot: from spawning `node dist/index.js` to its first 200 on /readyz, and its memory (RSS) once idle;
 * - the CLI: `status --json` over the register as a new process, end to end.
 * Aims (issue 13, 2-core machine): bot ready <= 2 s and <= 200 MB idle; status --json on 10,000 items <= 1 s.
 * Each figure is the median of RUNS, because start-up times swing with whatever else the machine is doing.
 * The bot keeps Node's compile cache (Node >= 22.1) in this run's own folder: the first start fills it, as
 * a fresh container's does, and the later ones reuse it, as every restart does; both are printed.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { freePort, startProcess, waitForUrl } from "../tests/support/processes.js";
import { makeRegisterCsv } from "./register-bench.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = 3_000;
const TODAY = "2025-05-15";
const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist/cli/main.js");
const REPORT_USAGE = path.join(ROOT, "bench/report-usage.mjs");
const BOT = path.join(ROOT, "dist/index.js");

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident memory of a live process, from Linux's /proc (MB). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/\d+/)?.[0] ?? NaN) / 1024;
}

/** CPU time (user + system) a live process has used so far, from Linux's /proc (ms; 100 ticks a second). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function botStart(
  databaseUrl: string,
  cwd: string,
  compileCache: string,
): Promise<{ readyMs: number; readyCpuMs: number; idleMb: number; stopMs: number }> {
  const port = await freePort();
  const started = performance.now();
  const bot = startProcess("bot", process.execPath, [BOT], {
    cwd,
    env: {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      MicrosoftAppId: undefined,
      NODE_OPTIONS: undefined,
      NODE_COMPILE_CACHE: compileCache,
    },
  });
  try {
    await waitForUrl(`http://127.0.0.1:${port}/readyz`, { process: bot, intervalMs: 10, timeoutMs: 60_000 });
    const readyMs = performance.now() - started;
    const readyCpuMs = cpuMs(bot.pid);
    await sleep(IDLE_MS);
    const idleMb = rssMb(bot.pid);
    const signalled = performance.now();
    process.kill(bot.pid, "SIGTERM");
    while (bot.exitCode() === undefined && performance.now() - signalled < 15_000) await sleep(10);
    return { readyMs, readyCpuMs, idleMb, stopMs: performance.now() - signalled };
  } finally {
    await bot.stop();
  }
}

export async function runRuntimeBench(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-dist.mjs")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-runtime-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" };
  try {
    writeFileSync(path.join(dir, "register.csv"), makeRegisterCsv(ITEMS));
    execFileSync(process.execPath, [CLI, "import", path.join(dir, "register.csv"), "--json"], {
      cwd: dir,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });

    const cliMs: number[] = [];
    const cliUsage: { cpuMs: number; peakRssMb: number }[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const t = performance.now();
      const out = spawnSync(process.execPath, ["--import", REPORT_USAGE, CLI, "status", "--json", "--as-of", TODAY], {
        cwd: dir,
        env,
        maxBuffer: 256 * 1024 * 1024,
      });
      cliMs.push(performance.now() - t);
      const items = (JSON.parse(out.stdout.toString()) as unknown[]).length;
      if (items !== ITEMS) throw new Error(`status --json listed ${items} items, not ${ITEMS}`);
      cliUsage.push(
        JSON.parse(out.stderr.toString().match(/PROCESS_USAGE (.*)/)![1]!) as { cpuMs: number; peakRssMb: number },
      );
    }

    const bots: Awaited<ReturnType<typeof botStart>>[] = [];
    const compileCache = path.join(dir, "compile-cache");
    const first = await botStart(databaseUrl, dir, compileCache);
    for (let run = 0; run < RUNS; run += 1) bots.push(await botStart(databaseUrl, dir, compileCache));

    console.log(
      `runtime (compiled, Node ${process.versions.node}, median of ${RUNS}, ${ITEMS} items in the register):`,
    );
    console.log(
      `runtime: bot start to /readyz            ${median(bots.map((b) => b.readyMs)).toFixed(0)} ms (aim <= 2000 ms; runs ${bots.map((b) => b.readyMs.toFixed(0)).join(", ")}), CPU ${median(bots.map((b) => b.readyCpuMs)).toFixed(0)} ms`,
    );
    const cacheNote = existsSync(compileCache)
      ? "filling Node's compile cache"
      : `no compile cache on Node ${process.versions.node}`;
    console.log(
      `runtime: bot first start to /readyz      ${first.readyMs.toFixed(0)} ms, CPU ${first.readyCpuMs.toFixed(0)} ms (${cacheNote})`,
    );
    console.log(
      `runtime: bot idle memory (RSS) after ${IDLE_MS / 1000} s  ${median(bots.map((b) => b.idleMb)).toFixed(0)} MB (aim <= 200 MB)`,
    );
    console.log(
      `runtime: bot SIGTERM to exit             ${median(bots.map((b) => b.stopMs)).toFixed(0)} ms (limit 10000 ms)`,
    );
    console.log(
      `runtime: status --json as a new process  ${median(cliMs).toFixed(0)} ms (aim <= 1000 ms; runs ${cliMs.map((m) => m.toFixed(0)).join(", ")}), CPU ${median(cliUsage.map((u) => u.cpuMs)).toFixed(0)} ms, peak ${median(cliUsage.map((u) => u.peakRssMb)).toFixed(0)} MB`,
    );
    console.log(`runtime: (a CPU time well under the wall time means the machine was busy with other work)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runRuntimeBench();
