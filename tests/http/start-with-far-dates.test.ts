/**
 * `npm start` on a register that already holds a date outside the accepted window (written before the
 * window existed): the bot starts, warns in its log naming the item, answers /healthz, and lists the date
 * in /readyz's details while staying ready. SQLite only: the listing's queries are the same on PostgreSQL,
 * where tests/http/far-dates.test.ts reads them through /readyz.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addItem } from "../support/reminder-fixtures.js";
import { freePort, startProcess, stopAll, waitForUrl, type RunningProcess } from "../support/processes.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
let db: TestDatabase;
const started: RunningProcess[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await stopAll(started);
  await db?.close();
});

describe("starting on a register with a far date", () => {
  it("warns naming the items (a confidential one by id alone), and /readyz stays ready while listing them", async () => {
    const itemId = await addItem(db.prisma, { originalTarget: "9999-12-31", ref: "Rec far" });
    // An item of a confidential review is listed by its id alone: its label may say what the review found.
    const secretId = await addItem(db.prisma, {
      originalTarget: "1999-12-31",
      ref: "Rec about a named home",
      confidential: true,
      reviewTitle: "Confidential review",
    });
    const port = await freePort();
    const bot = startProcess("far-dates", path.join(ROOT, "node_modules/.bin/tsx"), ["src/index.ts"], {
      cwd: ROOT,
      env: {
        PORT: String(port),
        DATABASE_URL: db.url,
        DEMO_DATA: "false",
        LOG_LEVEL: "info",
        MicrosoftAppId: "",
        HOST: undefined,
      },
    });
    started.push(bot);
    await waitForUrl(`http://127.0.0.1:${port}/healthz`, { process: bot, timeoutMs: 60_000 });
    await bot.waitForOutput(/stored dates outside the accepted window/);
    const warning = bot
      .output()
      .split("\n")
      .find((line) => line.includes("stored dates outside the accepted window"))!;
    expect(JSON.parse(warning)).toMatchObject({
      level: 40,
      acceptedDates: "1 Jan 2000 to 31 Dec 2100",
      dates: [
        { record: "item", id: itemId, label: "Rec far", field: "original_target", date: "9999-12-31" },
        { record: "item", id: secretId, label: null, field: "original_target", date: "1999-12-31" },
      ],
    });

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    const readyText = await ready.text();
    expect(readyText).not.toContain("named home");
    expect(JSON.parse(readyText)).toMatchObject({
      status: "ready",
      details: {
        datesOutsideWindow: [
          { record: "item", id: itemId, label: "Rec far", field: "original_target", date: "9999-12-31" },
          { record: "item", id: secretId, label: null, field: "original_target", date: "1999-12-31" },
        ],
      },
    });
  }, 90_000);
});
