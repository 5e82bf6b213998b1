/**
 * Preload (`node --import`) that records every module a process loads, so a test can assert what a
 * command does not load. ES modules through a resolve hook, CommonJS ones from require's cache at exit;
 * both go, one per line, to the file named by MODULE_LOAD_LOG. Plain JavaScript: it runs before any loader.
 */
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const log = process.env.MODULE_LOAD_LOG;
if (log) {
  const hooks = `
    import { appendFileSync } from "node:fs";
    export async function resolve(specifier, context, next) {
      const result = await next(specifier, context);
      appendFileSync(${JSON.stringify(log)}, result.url + "\\n");
      return result;
    }`;
  register(`data:text/javascript,${encodeURIComponent(hooks)}`);
  const require = createRequire(import.meta.url);
  process.on("exit", () => appendFileSync(log, Object.keys(require.cache).join("\n") + "\n"));
}
