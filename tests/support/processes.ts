/**
 * Child processes for end-to-end tests and dev scripts: start one in its own process group, wait until it
 * answers (a URL, a line of output), stop it and everything it started. No orphans: `stop` signals the
 * whole group and waits until the group is empty, and a last-chance `exit` hook SIGKILLs any group still
 * alive when this process ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface StartOptions {
  /** Added to (not replacing) this process's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Copy the child's output to this process's stderr, each line prefixed with this (e.g. "[bot] "). */
  echo?: string;
}

export interface RunningProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** All output so far (stdout and stderr interleaved), at most the last 256 kB. */
  output(): string;
  /** Set once the process has exited. */
  exitCode(): number | string | null | undefined;
  /** Resolves with the first match of `pattern` in the output (past or future). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** SIGTERM to the process group, then SIGKILL after `graceMs`; resolves when the group is empty. */
  stop(graceMs?: number): Promise<void>;
}

const MAX_OUTPUT = 256 * 1024;
const liveGroups = new Set<number>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const pgid of liveGroups) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already empty
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last `lines` lines of some output, for error messages. */
export function tail(text: string, lines = 40): string {
  return text.split("\n").slice(-lines).join("\n");
}

/** Start `command` in a new process group (detached), capturing its output. */
export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: StartOptions = {},
): RunningProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const child = spawn(command, args, { cwd: options.cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);
  installExitHook();

  let output = "";
  let atLineStart = true;
  let exit: number | string | null | undefined;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  const append = (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    output = (output + text).slice(-MAX_OUTPUT);
    if (options.echo) {
      const prefixed = text.replace(/\n(?!$)/g, `\n${options.echo}`);
      process.stderr.write(atLineStart ? `${options.echo}${prefixed}` : prefixed);
      atLineStart = text.endsWith("\n");
    }
    notify();
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  child.on("error", (error) => {
    output += `\n[${name}: ${error.message}]\n`;
    exit ??= "error";
    notify();
  });
  // "close" rather than "exit": by then all output has arrived (and grandchildren sharing the pipes are gone).
  child.on("close", (code, signal) => {
    exit = code ?? signal;
    notify();
  });

  const running: RunningProcess = {
    name,
    child,
    pid,
    output: () => output,
    exitCode: () => exit,
    waitForOutput(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (match) return done(() => resolve(match));
          if (exit !== undefined) {
            return done(() =>
              reject(new Error(`${name} exited (${exit}) before printing ${pattern}; its output:\n${tail(output)}`)),
            );
          }
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(
                new Error(`${name} did not print ${pattern} within ${timeoutMs} ms; its output:\n${tail(output)}`),
              ),
            ),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    async stop(graceMs = 5_000) {
      if (!liveGroups.has(pid)) return;
      signalGroup(pid, "SIGTERM");
      const deadline = Date.now() + graceMs;
      while (groupAlive(pid) && Date.now() < deadline) await sleep(50);
      if (groupAlive(pid)) {
        signalGroup(pid, "SIGKILL");
        const killDeadline = Date.now() + 5_000;
        while (groupAlive(pid) && Date.now() < killDeadline) await sleep(50);
      }
      liveGroups.delete(pid);
      if (groupAlive(pid)) throw new Error(`${name}: process group ${pid} survived SIGKILL`);
    },
  };
  return running;
}

/** Poll `url` until it answers with `status` (default 200); fail early if `process` exits. */
export async function waitForUrl(
  url: string,
  options: { timeoutMs?: number; status?: number; process?: RunningProcess; intervalMs?: number } = {},
): Promise<Response> {
  const { timeoutMs = 30_000, status = 200, process: watched, intervalMs = 200 } = options;
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (watched && watched.exitCode() !== undefined) {
      throw new Error(
        `${watched.name} exited (${watched.exitCode()}) before ${url} answered; its output:\n${tail(watched.output())}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.status === status) return response;
      last = `HTTP ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(intervalMs);
  }
  const output = watched ? `; ${watched.name}'s output:\n${tail(watched.output())}` : "";
  throw new Error(`${url} did not answer ${status} within ${timeoutMs} ms (last: ${last})${output}`);
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

/** Stop every process given, even when some of them fail to stop; rethrows the first failure. */
export async function stopAll(processes: Array<RunningProcess | undefined>): Promise<void> {
  const results = await Promise.allSettled(
    processes.filter((p): p is RunningProcess => Boolean(p)).map((p) => p.stop()),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
