/**
 * The bot folder's boundaries (DESIGN 3): it reaches the database only through services, routes every
 * card verb from a routing table, names card verbs only through the CardVerb vocabulary, and reads time
 * only from the clock in its context, so a move to another Teams SDK touches src/bot/ alone and every
 * test controls "now".
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CardVerb } from "../../../src/cards/verbs.js";

const BOT_DIR = fileURLToPath(new URL("../../../src/bot", import.meta.url));
/** Being replaced by a dispatch service behind a delivery port; it goes with that change. */
const LEAVING = new Set(["proactive-sender.ts"]);

const sources = readdirSync(BOT_DIR, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts") && !LEAVING.has(path.basename(file)))
  .map((file) => ({ file, text: readFileSync(path.join(BOT_DIR, file), "utf8") }));

function offending(pattern: RegExp): string[] {
  return sources.flatMap(({ file, text }) =>
    text.split("\n").flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe("src/bot", () => {
  it("has route files to check", () => {
    expect(sources.map((s) => s.file)).toEqual(
      expect.arrayContaining(["create-bot.ts", "updates/routes.ts", "questions/summary-routes.ts"]),
    );
  });

  it("imports nothing from src/data/: the database is reached through services", () => {
    expect(offending(/(?:from\s+|import\()["'](?:\.\.\/)+data\//)).toEqual([]);
  });

  it("never writes a card verb out as a string: CardVerb is its one source", () => {
    const verbs = Object.values(CardVerb).map((verb) => verb.replace(/\./g, "\\."));
    expect(offending(new RegExp(`["'\`](?:${verbs.join("|")})["'\`]`))).toEqual([]);
  });

  it("routes every card verb: each has a handler in a routing table", () => {
    const routed = Object.keys(CardVerb).filter((key) =>
      sources.some(({ text }) => text.includes(`[CardVerb.${key}]:`)),
    );
    expect(routed).toEqual(Object.keys(CardVerb));
  });

  it("reads no clock of its own: handlers take now from the bot's context", () => {
    expect(offending(/new Date\(\s*\)|Date\.now\(/)).toEqual([]);
  });
});
