/** The CLI's interface (DESIGN.md section 6): other tooling parses this JSON, so its shape is pinned here. */
import { execFile } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured, type CliRun } from "../support/cli-run.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
let db: TestDatabase;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliOn(new Date("2024-01-09T10:00:00Z"), ...args);
}

/** The CLI run on a given day (what "today" is when --as-of is not given). */
function cliOn(now: Date, ...args: string[]): Promise<CliRun> {
  return runCliCaptured(args, { DATABASE_URL: db.url }, now);
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    await db.prisma.$disconnect(); // the CLI opens its own client: one per process on a SQLite file
  });
  afterAll(async () => {
    await db.close();
  });

  describe("npm run tracker", () => {
    it("import --json reports counts and prints only JSON on stdout (a real process)", async () => {
      const { stdout, stderr } = await run(
        "npx",
        ["tsx", "src/cli/main.ts", "import", path.join(FIXTURES, "d0-register.csv"), "--json", "--as-of", "2024-01-09"],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: "info" },
        },
      );
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({
        ok: true,
        dry_run: false,
        reviews: { created: 17 },
        items: { created: 107 },
        errors: [],
      });
      expect(stderr).toContain('"msg":"import finished"');
    });

    it("status --json gives every item with its computed status and the reason", async () => {
      const { code, stdout } = await cli("status", "--json", "--as-of", "2024-01-09");
      expect(code).toBe(0);
      const lines = JSON.parse(stdout) as Record<string, unknown>[];
      expect(lines).toHaveLength(107);
      for (const line of lines) {
        expect(Object.keys(line)).toEqual(
          expect.arrayContaining([
            "review_title",
            "item_ref",
            "directorate",
            "owner_email",
            "progress",
            "original_target",
            "revised_target",
            "status",
            "reason",
          ]),
        );
        expect([
          "complete",
          "on_track",
          "partly_delayed",
          "significant_delay",
          "no_action_required",
          "not_started",
        ]).toContain(line.status);
      }
    });

    it("status filters by directorate name or abbreviation and by status", async () => {
      const { stdout } = await cli(
        "status",
        "--json",
        "--as-of",
        "2024-01-09",
        "--directorate",
        "Children & Young People Services",
        "--status",
        "significant_delay",
      );
      expect(JSON.parse(stdout)).toEqual([
        expect.objectContaining({
          directorate: "CYPS",
          original_target: "November 2022",
          revised_target: "February 2024",
          status: "significant_delay",
          reason: expect.stringContaining("15 months"),
        }),
      ]);
    });

    it("--as-of changes what today is", async () => {
      const early = JSON.parse(
        (await cli("status", "--json", "--as-of", "2023-06-01", "--status", "significant_delay")).stdout,
      );
      expect(early).toHaveLength(1); // the revised ILACS date is already more than 12 months late
      const later = JSON.parse(
        (await cli("status", "--json", "--as-of", "2026-01-01", "--status", "significant_delay")).stdout,
      ) as unknown[];
      expect(later.length).toBeGreaterThan(1); // open items long overdue become significant
    });

    it("summary --json has the counts and the same keys per directorate", async () => {
      const { stdout } = await cli("summary", "--since", "2023-07-27", "--as-of", "2024-01-09", "--json");
      const summary = JSON.parse(stdout) as { by_directorate: Record<string, Record<string, unknown>> };
      const keys = [
        "new_reviews",
        "new_items",
        "new_items_complete",
        "new_items_in_progress",
        "new_items_not_started",
        "ongoing_completed_since",
        "ongoing_in_progress",
        "ongoing_delayed",
        "ongoing_significant_delay",
      ];
      expect(summary).toMatchObject({
        new_reviews: 7,
        new_items: 6,
        ongoing_completed_since: 14,
        ongoing_in_progress: 48,
        ongoing_delayed: 5,
        ongoing_significant_delay: 1,
      });
      for (const counts of Object.values(summary.by_directorate))
        expect(Object.keys(counts)).toEqual(expect.arrayContaining(keys));
    });

    it("export --json names the file written", async () => {
      const out = path.join(db.dir, "register.xlsx");
      const { code, stdout } = await cli("export", "--format", "xlsx", "--out", out, "--json", "--as-of", "2024-01-09");
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({ file: out, format: "xlsx", items: 107, milestones: 0, as_of: "2024-01-09" });
    });

    it.each([
      [["summary", "--since", "27/07/2023"], /--since "27\/07\/2023" is not a date: use YYYY-MM-DD/],
      [
        ["status", "--as-of", "9999-12-31"],
        /--as-of: 31 Dec 9999 is outside the dates this tracker accepts \(1 Jan 2000 to 31 Dec 2100\): check the year/,
      ],
      [
        ["status", "--directorate", "Parks"],
        /--directorate "Parks" is not one I know: use one of CYPS, ACHPH, RE, FCS, ACEX/,
      ],
      [["status", "--status", "late"], /--status "late" must be one of/],
      [["export", "--format", "pdf", "--out", "x.pdf"], /--format must be csv, xlsx or docx/],
      [["frobnicate"], /unknown command "frobnicate"/],
      [["import"], /import needs a file/],
    ])("%j is refused with a clear message and exit code 2", async (args, message) => {
      const { code, stderr, stdout } = await cli(...args);
      expect(code).toBe(2);
      expect(stderr).toMatch(message);
      expect(stdout).toBe("");
    });

    it("an import with bad rows exits 1 and lists them", async () => {
      const { code, stdout } = await cli("import", path.join(FIXTURES, "d1-tracker.csv"), "--json");
      expect(code).toBe(1);
      expect(JSON.parse(stdout)).toMatchObject({ ok: false, errors: [{ line: 41 }] });
    });
  });

  describe("import compares recorded statuses as at the tracker's own date", () => {
    const TODAY = new Date("2026-11-30T10:00:00Z");
    type Dated = { as_of: string; as_of_reason: string; disagreements: unknown[] };

    it("the date in the file's name, else --as-of, else today (saying so); the text says which", async () => {
      const dated = path.join(db.dir, "Inspections tracker May 2025.csv");
      copyFileSync(path.join(FIXTURES, "d1-tracker-clean.csv"), dated);
      const fromName = JSON.parse((await cliOn(TODAY, "import", dated, "--dry-run", "--json")).stdout) as Dated;
      expect(fromName).toMatchObject({ as_of: "2025-05-31", as_of_reason: "the date in the file's name" });
      const undated = JSON.parse(
        (await cliOn(TODAY, "import", path.join(FIXTURES, "d1-tracker-clean.csv"), "--dry-run", "--json")).stdout,
      ) as Dated;
      expect(undated.as_of).toBe("2026-11-30");
      expect(undated.as_of_reason).toMatch(/^today: the file's name gives no date \(give --as-of YYYY-MM-DD/);
      // As at its own date the tracker was more often right than it is today.
      expect(undated.disagreements.length).toBeGreaterThan(fromName.disagreements.length);
      const given = await cliOn(
        TODAY,
        "import",
        path.join(FIXTURES, "d1-tracker-clean.csv"),
        "--dry-run",
        "--as-of",
        "2025-05-31",
      );
      expect(given.stdout).toContain("Recorded statuses compared as at 31 May 2025 (--as-of).");
      const givenJson = JSON.parse(
        (await cliOn(TODAY, "import", dated, "--dry-run", "--json", "--as-of", "2025-05-15")).stdout,
      ) as Dated;
      expect(givenJson).toMatchObject({ as_of: "2025-05-15", as_of_reason: "--as-of" });
    });
  });
});
