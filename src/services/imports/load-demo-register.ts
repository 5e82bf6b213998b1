/**
 * The demo register: D1's reviews and items (May 2025), with every date moved forward by the months
 * since then (the dates written in progress notes and reasons too), so the demo looks today as the paper
 * looked in May 2025. The SEND inspection's EHCP item carries the milestones the papers give it (50% by
 * Dec 2025, 60% by Sep 2026): reminded of like items, never counted as items. Beside it, a small practice
 * review owned by the Agents Playground's own user, so "my actions", an update and a verification can be
 * tried at once. Scrutiny recommendations and Ombudsman cases from the OSMB pack (services/scrutiny/demo-scrutiny.ts,
 * services/ombudsman/ombudsman-demo.ts) are added, the papers' inspection calendar, and the Council Plan's measures
 * from the same pack (services/measures). Loaded only into an empty register.
 */
import { fileURLToPath } from "node:url";
import type { Store } from "../../data/database.js";
import { registerSize } from "../../data/register/register-store.js";
import { addDays, addMonths, londonDate, splitIsoDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { shiftDateText } from "../../domain/dates/date-text.js";
import { importTable, type ImportReport } from "./import-register.js";
import { readTableFile } from "./read-table-file.js";
import { loadOmbudsmanDemo } from "../ombudsman/ombudsman-demo.js";
import { loadDemoCalendar } from "../calendar/load-demo-calendar.js";
import { demoScrutinyRecords } from "../scrutiny/demo-scrutiny.js";
import { loadDemoMeasures } from "../measures/load-demo-measures.js";

export const DEMO_REGISTER_FILE = fileURLToPath(new URL("../../../prisma/demo/d1-register.csv", import.meta.url));
/** The paper's own date: the demo is shifted so that this month becomes the current one. */
export const DEMO_PAPER_MONTH = "2025-05-15";
const DATE_COLUMNS = ["review_date", "findings_received", "original_target", "revised_target", "completed_on"];
/**
 * Free text with dates written in it ("expected to be completed by September 2025", an item's "(review date
 * August 2026)"): moved with the rest.
 */
const TEXT_COLUMNS = ["item_text", "progress_update", "revision_reason", "outcome"];
/** The user the Microsoft 365 Agents Playground signs in as. */
export const PLAYGROUND_USER_EMAIL = "alexw@example.com";
export const PRACTICE_REVIEW_TITLE = "Information Governance Internal Audit (practice review for the playground)";

export function monthsSincePaper(today: IsoDate): number {
  const paper = splitIsoDate(DEMO_PAPER_MONTH);
  const now = splitIsoDate(today);
  return (now.year - paper.year) * 12 + (now.month - paper.month);
}

export async function loadDemoRegister(store: Store, now: Date): Promise<ImportReport | null> {
  const today = londonDate(now);
  if ((await registerSize(store)).reviews > 0) return null;
  const table = await readTableFile(DEMO_REGISTER_FILE);
  const months = monthsSincePaper(today);
  for (const record of table.records) {
    for (const column of [...DATE_COLUMNS, ...TEXT_COLUMNS]) {
      const value = record.cells[column];
      if (value) record.cells[column] = shiftDateText(value, months);
    }
    // A completion is a past event: one the paper dated late in its own month would land after today.
    const completedOn = record.cells.completed_on;
    if (completedOn && completedOn > today) record.cells.completed_on = today;
  }
  const nextLine = table.records.length + 2;
  table.records.push(...practiceRecords(today).map((cells, index) => ({ line: nextLine + index, cells })));
  table.records.push(...(await demoScrutinyRecords(today, table.records.length + 2)));
  table.headers = [...new Set([...table.headers, ...table.records.flatMap((r) => Object.keys(r.cells))])];
  const report = await importTable(store, table, {
    file: "demo register (D1, May 2025)",
    dryRun: false,
    actor: "demo loader",
    today,
    now,
  });
  // The other registers beside it, each from its own paper: a demo file that fails to load is a bug, so it throws.
  for (const other of [loadOmbudsmanDemo]) {
    const loaded = await other(store, now, today);
    if (!loaded.ok) throw new Error(`${loaded.file}: ${JSON.stringify(loaded.errors.slice(0, 3))}`);
  }
  await loadDemoCalendar(store, now, months);
  await loadDemoMeasures(store, now);
  return report;
}

/**
 * Three actions for the playground's user, dated from today so they always read the same way: one three
 * weeks overdue, one due in a week, one open with months to go.
 */
export function practiceRecords(today: IsoDate): Record<string, string>[] {
  const review = {
    directorate: "FCS",
    review_title: PRACTICE_REVIEW_TITLE,
    review_body: "Internal Audit",
    review_type: "internal audit",
    review_date: addMonths(today, -3),
    findings_received: addMonths(today, -2),
    outcome: "Reasonable assurance",
    parent_ref: "",
    responsible_unit: "",
    owner_email: PLAYGROUND_USER_EMAIL,
    revised_target: "",
    revision_reason: "",
    recorded_status: "",
    confidential: "false",
    completed_on: "",
  };
  return [
    {
      ...review,
      item_ref: "Action 1",
      item_kind: "action",
      item_text: "Bring the information asset register up to date, with an owner for every asset.",
      original_target: addDays(today, -21),
      progress: "in_progress",
      progress_update: "",
    },
    {
      ...review,
      item_ref: "Action 2",
      item_kind: "action",
      item_text: "Refresh the data protection training and record who has completed it.",
      original_target: addDays(today, 7),
      progress: "in_progress",
      progress_update: "",
    },
    {
      ...review,
      item_ref: "Action 3",
      item_kind: "action",
      item_text: "Review the records retention schedule with each directorate.",
      original_target: addMonths(today, 4),
      progress: "not_started",
      progress_update: "",
    },
  ];
}
