/**
 * Where sending to Teams lives (DESIGN.md 3): only src/bot/teams-delivery.ts calls botbuilder to send; the
 * dispatcher is a service that knows nothing of botbuilder or Prisma; outside src/bot/ only the composition
 * root imports the bot, and the CLI imports nothing of it but the delivery adapter. A move to another Teams
 * SDK then touches src/bot/ alone.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../../src");

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join("/");
/** Every module a file imports, statically or with import(), resolved against the file. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*)"([^"]+)"/g)].map((m) => m[1]!);
  return specifiers.map((s) =>
    s.startsWith(".") ? relative(path.resolve(path.dirname(file), s)).replace(/\.js$/, ".ts") : s,
  );
}

describe("the boundary between the dispatcher and Teams", () => {
  it("only bot/teams-delivery.ts sends through botbuilder", () => {
    const senders = sourceFiles().filter((f) => readFileSync(f, "utf8").includes("continueConversationAsync("));
    expect(senders.map(relative)).toEqual(["bot/teams-delivery.ts"]);
  });

  it("the dispatcher imports neither botbuilder nor the generated database client", () => {
    for (const file of sourceFiles(path.join(SRC, "services/dispatch"))) {
      expect(
        importsOf(file).filter((m) => /botbuilder|teams-ai|generated\//.test(m)),
        relative(file),
      ).toEqual([]);
    }
  });

  it("outside src/bot/, only the composition root imports the bot, and the CLI only its delivery adapter", () => {
    const reaching = sourceFiles()
      .filter((f) => !relative(f).startsWith("bot/") && relative(f) !== "index.ts")
      .flatMap((f) =>
        importsOf(f)
          .filter((m) => m.startsWith("bot/"))
          .map((m) => `${relative(f)} -> ${m}`),
      );
    expect(reaching.filter((edge) => !/^cli\/[^ ]+ -> bot\/teams-delivery\.ts$/.test(edge))).toEqual([]);
  });

  it("the delivery adapter does not reach into the database", () => {
    for (const file of ["bot/teams-delivery.ts", "bot/send-failure.ts"]) {
      expect(
        importsOf(path.join(SRC, file)).filter((m) => m.startsWith("data/") || m.includes("generated/")),
        file,
      ).toEqual([]);
    }
  });
});
