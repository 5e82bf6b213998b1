/**
 * Milestones are steps towards an item, not items: the same register imported with and without milestones
 * gives the same period summary, committee report, reporting snapshot, review statuses and answers to
 * "what's delayed?" and "my actions", although the milestones chosen here are overdue, owned, at risk and
 * completed in the period, so each would change a figure or a list if it were taken as an item.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../support/cli-run.js";
import { loadRegister } from "../../src/data/register/register-store.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import { reviewStatus, type RegisterReview } from "../../src/domain/register/register.js";
import { snapshotCounts, takeSnapshot, type SnapshotCounts } from "../../src/domain/reports/reporting-snapshot.js";
import { ownerlessOpenItemCount } from "../../src/data/people/owner-store.js";
import {
  findUnreachableOwners,
  type UnreachableOwner,
} from "../../src/services/reminders/report-unreachable-owners.js";
import type { VisibilityViewer as Viewer } from "../../src/domain/visibility.js";
import { answerQuestion } from "../../src/services/questions/answer-question.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { committeeReportForPeriod } from "../../src/services/reports/load-committee-report.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { FIXTURES, type TestDatabase } from "../support/test-database.js";

const TODAY = "2024-01-09";
const SINCE = "2023-07-27";
const SEND = "CYPS,Joint Area SEND Inspection";
const ILACS = "CYPS,Inspection of Local Authority Children's Services (ILACS) Short Inspection";
const PEER_REVIEW = "ACHPH,Safeguarding Peer Review";
/** d0's own columns: directorate, review_title, 5 review columns, item_ref, item_kind, item_text, parent_ref, ... */
const MILESTONES = [
  // Overdue and open, owned (through its item) by the SEND lead: delayed by the key.
  `${SEND},,,,,,Rec 2 milestone 1,milestone,Half of the joint commissioning plan agreed,Recommendation 2,,,Jul-23,,,in_progress,,,false,`,
  // Completed within the period, with its own owner.
  `${ILACS},,,,,,AfI 3 milestone 1,milestone,Front door audit done,Area for improvement 3,,ilacs.audit@example.org,Dec-23,,,complete,,,false,2023-12-15`,
  // Due within 20 working days with no update: at risk if it were an item.
  `${ILACS},,,,,,AfI 3 milestone 3,milestone,Front door audit repeated,Area for improvement 3,,,Jan-24,,,in_progress,,,false,`,
  // Not started, long overdue: a significant delay if it were an item.
  `${ILACS},,,,,,AfI 3 milestone 2,milestone,Front door staffing in place,Area for improvement 3,,,Oct-22,,,not_started,,,false,`,
  // A step of a review new in the period, owned by someone who owns no item (and has no chat with the bot).
  `${PEER_REVIEW},,,,,,Rec 1 milestone 1,milestone,Board voice plan agreed,Recommendation 1,,board.steps@example.org,Jun-24,,,in_progress,,,false,`,
];

type StatusLine = Record<string, unknown> & { item_kind: string; item_ref: string; parent_ref: string | null };

interface Figures {
  summary: unknown;
  /** `status --json`: every line, milestones included. */
  statusLines: StatusLine[];
  report: unknown;
  snapshot: unknown;
  reviewStatuses: unknown;
  /** The snapshot's count of items, and of milestones apart. */
  snapshotCounts: SnapshotCounts;
  unreachable: { owners: UnreachableOwner[]; ownerless: number };
  newInspections: string;
  exported: unknown;
  answers: Record<string, { text: string; card: unknown }>;
}

const withMilestones: { db?: TestDatabase; figures?: Figures } = {};
const without: { db?: TestDatabase; figures?: Figures } = {};

async function cliJson(db: TestDatabase, args: readonly string[]): Promise<unknown> {
  const { code, stdout } = await runCliCaptured(
    [...args, "--as-of", TODAY, "--json"],
    { DATABASE_URL: db.url },
    new Date(`${TODAY}T10:00:00Z`),
  );
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

function answer(register: RegisterReview[], words: string, viewer: Viewer) {
  const question = parseQuestion(words, { today: TODAY, reviewTitles: register.map((r) => r.title), bodies: [] });
  const { text, card } = answerQuestion({
    question,
    text: words,
    reviews: register,
    viewer,
    context: { today: TODAY, lastReportDate: SINCE, statusKey: "2024" },
  });
  return { text, card };
}

async function figuresOf(db: TestDatabase): Promise<Figures> {
  const register = await loadRegister(db.prisma);
  const report = await committeeReportForPeriod(db.prisma, { statusKey: "2024", since: SINCE, today: TODAY });
  const snapshot = takeSnapshot(register, {
    name: "Audit Committee",
    since: SINCE,
    cutOff: TODAY,
    statusKey: "2024",
    takenAt: new Date(`${TODAY}T10:00:00Z`),
  });
  const figures = {
    report: report.ok ? report.model : report,
    snapshot: { ...snapshot, items: undefined },
    snapshotCounts: snapshotCounts(snapshot),
    unreachable: { owners: await findUnreachableOwners(db.prisma), ownerless: await ownerlessOpenItemCount(db.prisma) },
    newInspections: answer(register, "what new inspections have come in since the last report?", {
      email: null,
      scope: "channel",
    }).text,
    reviewStatuses: register.map((r) => [r.title, reviewStatus(r, TODAY, "2024")]),
    answers: {
      delayed: answer(register, "what's delayed?", { email: null, scope: "channel" }),
      atRisk: answer(register, "what's at risk?", { email: null, scope: "channel" }),
      mine: answer(register, "my actions", { email: "send.lead@example.org", scope: "personal" }),
      ilacs: answer(register, "my actions", { email: "ilacs.audit@example.org", scope: "personal" }),
    },
  };
  await db.prisma.$disconnect(); // the CLI opens its own client: one per process on a SQLite file
  return {
    ...figures,
    summary: await cliJson(db, ["summary", "--since", SINCE]),
    statusLines: (await cliJson(db, ["status"])) as StatusLine[],
    exported: await cliJson(db, ["export", "--format", "csv", "--out", path.join(db.dir, "export.csv")]),
  };
}

async function importInto(db: TestDatabase, extraRows: readonly string[]): Promise<void> {
  const file = path.join(db.dir, "register.csv");
  const d0 = readFileSync(path.join(FIXTURES, "d0-register.csv"), "utf8").trimEnd();
  writeFileSync(file, [d0, ...extraRows].join("\r\n")); // the fixture's own line ends
  const report = await importRegister(db.prisma, { file, dryRun: false, actor: "test", today: TODAY, now: new Date() });
  expect(report.errors).toEqual([]);
}

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    withMilestones.db = await databaseOn(store);
    without.db = await databaseOn(store);
    await importInto(withMilestones.db, MILESTONES);
    await importInto(without.db, []);
    expect(await withMilestones.db.prisma.item.count({ where: { kind: "milestone", counted: false } })).toBe(5);
    withMilestones.figures = await figuresOf(withMilestones.db);
    without.figures = await figuresOf(without.db);
  }, 120_000);
  afterAll(async () => {
    await withMilestones.db?.close();
    await without.db?.close();
  });

  describe("a register with milestones counts as the same register without them", () => {
    it("gives the same period summary (summary --json)", () => {
      expect(withMilestones.figures!.summary).toEqual(without.figures!.summary);
    });

    it("gives the same committee report and reporting snapshot", () => {
      expect(withMilestones.figures!.report).toEqual(without.figures!.report);
      expect(withMilestones.figures!.snapshot).toEqual(without.figures!.snapshot);
    });

    it("lists the same items in status --json, and each milestone marked as one, with its item", () => {
      const lines = withMilestones.figures!.statusLines;
      expect(lines.filter((l) => l.item_kind !== "milestone")).toEqual(without.figures!.statusLines);
      expect(lines.filter((l) => l.item_kind === "milestone").map((l) => [l.item_ref, l.parent_ref, l.status])).toEqual(
        [
          ["Rec 1 milestone 1", "Recommendation 1", "on_track"],
          ["Rec 2 milestone 1", "Recommendation 2", "partly_delayed"],
          ["AfI 3 milestone 1", "Area for improvement 3", "complete"],
          ["AfI 3 milestone 3", "Area for improvement 3", "on_track"],
          ["AfI 3 milestone 2", "Area for improvement 3", "significant_delay"],
        ],
      );
      // Items say which kind they are too, so a script can tell recommendations from areas for improvement.
      const kinds = new Set(without.figures!.statusLines.map((l) => l.item_kind));
      expect([...kinds]).toEqual(expect.arrayContaining(["recommendation", "area_for_improvement", "suggestion"]));
      expect(kinds.has("milestone")).toBe(false);
    });

    it("gives each review the same status", () => {
      expect(withMilestones.figures!.reviewStatuses).toEqual(without.figures!.reviewStatuses);
    });

    it("counts the snapshot's items without its milestones, which are counted apart", () => {
      expect(without.figures!.snapshotCounts.milestones).toBe(0);
      expect(withMilestones.figures!.snapshotCounts).toEqual({
        items: without.figures!.snapshotCounts.items,
        milestones: 5,
      });
    });

    it("says how many items a new inspection raised, with its milestones named apart", () => {
      const peerReview = (text: string) => text.split("\n").find((line) => line.startsWith("Safeguarding Peer Review"));
      const withoutLine = peerReview(without.figures!.newInspections)!;
      expect(withoutLine).toContain("(ACHPH; findings August 2023): 6 items, ");
      expect(peerReview(withMilestones.figures!.newInspections)).toBe(
        withoutLine.replace("6 items, ", "6 items and 1 milestone, "),
      );
    });

    it("export says how many items it wrote, and how many milestones apart", () => {
      const exported = without.figures!.exported as { items: number; milestones: number };
      expect(exported.milestones).toBe(0);
      expect(withMilestones.figures!.exported).toMatchObject({ items: exported.items, milestones: 5 });
    });

    it("lists owners the bot cannot reach with their open items, and their open milestones apart", () => {
      const withList = withMilestones.figures!.unreachable;
      // Milestones with no owner of their own are owned through their item: not ownerless items.
      expect(withList.ownerless).toBe(without.figures!.unreachable.ownerless);
      const itemCounts = (owners: UnreachableOwner[]) =>
        owners.filter((o) => o.open_items > 0).map((o) => [o.email, o.open_items]);
      expect(itemCounts(withList.owners)).toEqual(itemCounts(without.figures!.unreachable.owners));
      // Every open milestone is listed once, apart from the items: each owner still needs reaching for them.
      expect(withList.owners.reduce((sum, o) => sum + o.open_milestones, 0)).toBe(4);
      expect(withList.owners.find((o) => o.email === "board.steps@example.org")).toMatchObject({
        open_items: 0,
        open_milestones: 1,
      });
    });

    it.each(["delayed", "atRisk", "mine", "ilacs"])("answers %s with the same items and counts", (name) => {
      const withAnswer = withMilestones.figures!.answers[name]!;
      expect(withAnswer.text).not.toContain("milestone");
      expect(withAnswer).toEqual(without.figures!.answers[name]);
    });
  });
});
