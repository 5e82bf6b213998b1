/**
 * Node's on-disk compile cache (Node >= 22.1): later starts reuse V8's compiled code for the bot's
 * modules instead of compiling teams-ai, botbuilder and their dependencies again, most of start-up's CPU.
 * Where it lives: NODE_COMPILE_CACHE when set, else Node's default `node-compile-cache` under the OS temp
 * dir. The temp dir is writable in an App Service container, where the app's own folder can be read-only
 * (run from a package); losing the cache costs one slower start, never a failure.
 * Node 20 has no compile cache: there this does nothing.
 */
import nodeModule from "node:module";

export type CompileCacheOutcome = { enabled: true; directory: string } | { enabled: false; reason: string };

/** `module.enableCompileCache`'s result (Node >= 22.1; @types/node 20 does not know it). */
interface EnableResult {
  status: number;
  message?: string;
  directory?: string;
}
interface ModuleWithCompileCache {
  enableCompileCache?: () => EnableResult;
  constants?: { compileCacheStatus?: { ENABLED: number; ALREADY_ENABLED: number } };
}

export function enableCompileCache(): CompileCacheOutcome {
  const { enableCompileCache: enable, constants } = nodeModule as unknown as ModuleWithCompileCache;
  if (typeof enable !== "function")
    return { enabled: false, reason: `Node ${process.versions.node} has no compile cache` };
  const result = enable();
  const status = constants?.compileCacheStatus;
  if (status && (result.status === status.ENABLED || result.status === status.ALREADY_ENABLED) && result.directory) {
    return { enabled: true, directory: result.directory };
  }
  // Failed (an unwritable folder) or disabled (NODE_DISABLE_COMPILE_CACHE): the bot starts without it.
  return { enabled: false, reason: result.message ?? "the compile cache is disabled" };
}
