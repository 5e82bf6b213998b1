/**
 * The demo's Council Plan measures: priority 1's measures and a few from other priorities with their
 * figures from the Overview and Scrutiny Management Board's pack (Oct 2019), periods as the pack names
 * them. The exceptions' improvement items are dated as the rest of the demo is, moved forward by the
 * months since the pack, so the pack's month reads as the current one.
 */
import { fileURLToPath } from "node:url";
import type { Store } from "../../data/database.js";
import { londonDate, splitIsoDate } from "../../domain/dates/calendar-date.js";
import { importTable, type ImportReport } from "../imports/import-register.js";
import { readTableFile } from "../imports/read-table-file.js";
import type { MeasureImportOptions } from "./import-measures.js";

export const DEMO_MEASURES_FILE = fileURLToPath(
  new URL("../../../prisma/demo/council-plan-measures.csv", import.meta.url),
);
/** The pack's month: the demo's dates move so that it becomes the current month. */
export const MEASURES_PAPER_MONTH = "2019-10-15";

export async function loadDemoMeasures(store: Store, now: Date): Promise<ImportReport> {
  const today = londonDate(now);
  const paper = splitIsoDate(MEASURES_PAPER_MONTH);
  const current = splitIsoDate(today);
  const options: MeasureImportOptions = {
    file: "demo Council Plan measures (OSMB, Oct 2019)",
    dryRun: false,
    actor: "demo loader",
    today,
    now,
    targetShiftMonths: (current.year - paper.year) * 12 + (current.month - paper.month),
  };
  return importTable(store, await readTableFile(DEMO_MEASURES_FILE), options);
}
