/**
 * `npm run build:tab`: bundles the Teams tab's page (tab/src, React and Fluent UI) with esbuild into
 * build/tab/assets/, which the server serves under /tab/assets/. Minified: the page and TeamsJS's chunk,
 * nothing left to fetch from elsewhere at run time. Plain JavaScript so it runs from postinstall before
 * anything else is set up.
 */
import { rmSync } from "node:fs";
import path from "node:path";

// From postinstall (`--if-installed`), an install without the dev tools (npm ci --omit=dev) has no esbuild:
// it says so and goes on, and the server answers /tab/ with what to run until the page is built.
let esbuild;
try {
  esbuild = await import("esbuild");
} catch (error) {
  if (!process.argv.includes("--if-installed")) throw error;
  process.stderr.write(
    "build-tab: esbuild is not installed (dev dependencies left out); the tab's page is not built\n",
  );
  process.exit(0);
}

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "build/tab/assets");

rmSync(out, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(root, "tab/src/main.tsx")],
  outdir: out,
  entryNames: "tab",
  // TeamsJS is imported only where Teams may be the host, so it is a chunk of its own.
  splitting: true,
  chunkNames: "chunk-[hash]",
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2022"],
  platform: "browser",
  jsx: "automatic",
  define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "linked",
  logLevel: "warning",
  tsconfig: path.join(root, "tab/tsconfig.json"),
});
