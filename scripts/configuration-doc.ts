/**
 * `npm run docs:config`: writes docs/configuration.md from the settings' schema in src/config.ts, each setting's
 * name, default and `.describe()` text, so the page cannot drift from what start-up accepts. A test renders it
 * again and fails when the checked-in page differs.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { configSchema } from "../src/config.js";

export const CONFIGURATION_DOC = path.resolve(import.meta.dirname, "..", "docs", "configuration.md");

const INTRO = [
  "<!-- Generated from src/config.ts by `npm run docs:config`: do not edit. Change a setting's `.describe()`, then run it. -->",
  "",
  "# Configuration",
  "",
  "Every setting is an environment variable, or a line `NAME=value` in a `.env` file in the working directory.",
  "They are read once at start: a bad value stops start-up with a message naming the setting and what to write.",
  "Settings left unset take the default below.",
  "",
].join("\n");

/** What a setting is when unset: its schema default, or "unset" when the code decides (the meaning says how). */
function defaultOf(setting: z.ZodTypeAny): string {
  if (setting instanceof z.ZodEffects) return defaultOf(setting.innerType() as z.ZodTypeAny);
  if (setting instanceof z.ZodDefault) {
    const value: unknown = setting._def.defaultValue();
    return value === "" ? "empty" : `\`${String(value)}\``;
  }
  if (setting instanceof z.ZodOptional) return "unset";
  throw new Error("a setting needs a default or .optional()");
}

/** Pipes would end a table cell. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}

export function renderConfigurationDoc(): string {
  const rows = Object.entries(configSchema.shape).map(([name, setting]: [string, z.ZodTypeAny]) => {
    if (!setting.description) throw new Error(`${name} in src/config.ts has no .describe(): say what it means there`);
    return `| \`${name}\` | ${cell(defaultOf(setting))} | ${cell(setting.description)} |`;
  });
  return [INTRO, "| variable | default | meaning |", "| --- | --- | --- |", ...rows, ""].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeFileSync(CONFIGURATION_DOC, renderConfigurationDoc());
  console.log(`wrote ${path.relative(process.cwd(), CONFIGURATION_DOC)}`);
}
