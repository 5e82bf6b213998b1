/**
 * The preview card of a tracker file sent in Teams: what the import would create, update and leave alone
 * (milestones apart), every row problem with its place, and the recorded statuses that disagree with the
 * key as at the tracker's date; Import and Cancel while the preview can be acted on. The same card, without
 * the buttons, says what became of it (imported, cancelled, or previewed again because the register moved).
 */
import type { ImportCounts, ImportReport } from "../domain/imports/report.js";
import { plural } from "../domain/text/readable-text.js";
import { TextEncoding } from "../domain/text/text-encoding.js";
import { CardEmphasis, plain } from "./card-text.js";
import { renderCard, CardTemplate, type AdaptiveCard } from "./render-card.js";

/** The most problems and disagreements one card lists: a card past about 28 KB is refused by Teams. */
export const MOST_LINES_ON_PREVIEW = 40;

export interface ImportPreviewView {
  /** The id Import and Cancel carry; null when there is nothing to import. */
  previewId: string | null;
  fileName: string;
  report: ImportReport;
  /** "Recorded statuses compared with the status key as at …". */
  asOfText: string;
  /** "You can import it until 10:30 …": shown while the buttons are. */
  expiresText: string;
  /** The day statuses were compared as at (YYYY-MM-DD), offered on the card to change. */
  asOf?: string;
}

export interface ImportPreviewOptions {
  heading?: string;
  banner?: string;
  bannerTone?: CardEmphasis;
  /** Import and Cancel shown: the preview is still waiting. */
  actionable: boolean;
  /** Shown by the date field: a date that could not be used. */
  asOfError?: string;
}

/**
 * Where a row is, in the words of the file's kind: a Word document's table and row (as its reader places it),
 * a workbook's row on its first sheet, a CSV's line.
 */
export function rowPlace(fileName: string, entry: { line: number; place?: string }): string {
  if (entry.place) return entry.place;
  if (/\.xlsx$/i.test(fileName)) return `sheet 1, row ${entry.line}`;
  return `line ${entry.line}`;
}

function counts(c: ImportCounts): string {
  return `${c.created} new, ${c.updated} changed, ${c.unchanged} unchanged`;
}

function limited(lines: string[], more: (n: number) => string): string[] {
  if (lines.length <= MOST_LINES_ON_PREVIEW) return lines;
  return [...lines.slice(0, MOST_LINES_ON_PREVIEW), more(lines.length - MOST_LINES_ON_PREVIEW)];
}

function defaultHeading(report: ImportReport): string {
  if (report.file_problem !== null || !report.ok) return "Nothing can be imported from this file yet";
  if (report.changes.length === 0) return "The register already holds everything in this file";
  return "Preview: import this tracker?";
}

export function renderImportPreviewCard(view: ImportPreviewView, options: ImportPreviewOptions): AdaptiveCard {
  const { report } = view;
  const readable = report.file_problem === null && report.ok;
  const notes: string[] = [];
  if (report.file_problem !== null) notes.push(`${report.file_problem}.`);
  else if (!report.ok)
    notes.push(
      `${plural(report.errors.length, "problem")} below: fix them and send me the file again. Nothing was imported.`,
    );
  // A Word table the reader did not recognise is named with its heading row, never passed over in silence.
  for (const t of report.tables?.unread ?? [])
    notes.push(`Table ${t.table} was not read (${t.headings.join(" | ") || "no headings"}): ${t.reason}.`);
  if (readable && report.encoding && report.encoding !== TextEncoding.utf8)
    notes.push(
      `Read as ${report.encoding.toUpperCase()}, not UTF-8: check that accented letters, £ and dashes came through as written.`,
    );
  const { milestones } = report;
  const facts = readable
    ? [
        { title: "Rows read", value: report.rows.toLocaleString("en-GB") },
        // An inspection calendar's rows are regimes, never reviews or items.
        ...(report.regimes
          ? [{ title: "Inspection calendar regimes", value: counts(report.regimes) }]
          : [
              { title: "Reviews", value: counts(report.reviews) },
              { title: "Items", value: counts(report.items) },
            ]),
        ...(milestones.created + milestones.updated + milestones.unchanged > 0
          ? [{ title: "Milestones", value: `${counts(milestones)} (steps of items, not counted as items)` }]
          : []),
      ]
    : [];
  const problems = limited(
    report.errors.map((e) => `${rowPlace(view.fileName, e)}: ${e.message}`),
    (n) => `and ${plural(n, "more problem")}: fix these and send the file again to see the rest`,
  );
  const disagreements = readable
    ? limited(
        report.disagreements.map(
          (d) => `${rowPlace(view.fileName, d)}: ${d.review_title} / ${d.item_ref}: ${d.reason}`,
        ),
        (n) => `and ${n} more`,
      )
    : [];
  const disagreementsHeading = disagreements.length
    ? `${plural(report.disagreements.length, "recorded status", "recorded statuses")} ${report.disagreements.length === 1 ? "differs" : "differ"} from the status key (both are kept)`
    : "";
  const heading = options.heading ?? defaultHeading(report);
  const footer = options.actionable ? `${view.asOfText} ${view.expiresText}` : readable ? view.asOfText : "";
  return renderCard(CardTemplate.importPreview, {
    banner: plain(options.banner ?? ""),
    bannerStyle: options.bannerTone ?? CardEmphasis.good,
    heading: plain(heading),
    fileLine: plain(view.fileName),
    notes: notes.map(plain),
    facts: facts.map((f) => ({ title: plain(f.title), value: plain(f.value) })),
    problemsHeading: problems.length ? plain(`Problems (${report.errors.length.toLocaleString("en-GB")})`) : "",
    problems: problems.map(plain),
    disagreementsHeading: plain(disagreementsHeading),
    disagreements: disagreements.map(plain),
    footer: plain(footer),
    // Never an Import button on a file that would import nothing.
    actionable: options.actionable && view.previewId !== null && readable && report.changes.length > 0,
    previewId: view.previewId ?? "",
    asOf: view.asOf ?? "",
    asOfError: plain(options.asOfError ?? ""),
    fallbackText: plain([options.banner ?? "", heading, view.fileName, ...notes].filter(Boolean).join("\n")),
  });
}
