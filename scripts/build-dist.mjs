/**
 * `npm run build`: compile src/ to dist/ with tsc and copy the files the compiled code reads beside it
 * (the card templates), and bundle the Teams tab's page into build/tab/ (dist/ serves it from there too).
 * Plain JavaScript so the build itself needs no TypeScript loader.
 * dist/ sits beside src/, so paths such as ../../prisma/migrations resolve the same from either; the
 * migrations, the demo data and package.json are read from the package root and ship with it.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "dist");

// A clean dist/: a file deleted from src/ must not live on in the build.
rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const compiled = spawnSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
if (compiled.status !== 0) {
  process.stderr.write("build failed: tsc reported the errors above\n");
  process.exit(compiled.status ?? 1);
}

const tab = spawnSync(process.execPath, [path.join(root, "scripts/build-tab.mjs")], { stdio: "inherit" });
if (tab.status !== 0) {
  process.stderr.write("build failed: the tab's page did not bundle (see above)\n");
  process.exit(tab.status ?? 1);
}

cpSync(path.join(root, "src/cards/templates"), path.join(dist, "cards/templates"), { recursive: true });
// The `tracker` bin (package.json) runs as a program: `npx tracker status --json`.
chmodSync(path.join(dist, "cli/main.js"), 0o755);
