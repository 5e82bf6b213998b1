/**
 * The Audit Committee paper (DOMAIN.md section 3; D0, 9 January 2024) as a model: the recap of the
 * last report, the headline, the status key, per directorate its New and Ongoing tables and a
 * narrative per review, and the tables on slippage (extension requests, repeat extensions, at-risk and
 * overdue top-priority items). Pure: the register, the point's cut-off (as today) and meeting date, the
 * previous point (its cut-off as `since`, its meeting date, its snapshot if one was recorded) in;
 * words and figures out. The cover and headings name the meeting and its date; periods use the cut-off.
 * The Word builder only lays this out, so what the paper says is decided (and tested) here. The parts
 * live in ./committee-report/; this is what the rest of the code uses.
 */
export {
  ChartStatus,
  REPORT_TITLE,
  type Block,
  type CommitteeReport,
  type CommitteeReportInput,
  type DirectorateSection,
  type OngoingReviewRow,
  type Paragraph,
  type ReviewNarrative,
  type ReviewRow,
  type Run,
  type StatusKeyRow,
} from "./committee-report/types.js";
export { committeeOf, formatLongDay, formatMonthYear } from "./committee-report/words.js";
export {
  DEFAULT_SLIPPAGE_SETTINGS,
  type SlippageSection,
  type SlippageSettings,
  type SlippageTable,
} from "./committee-report/slippage-section.js";
export {
  notListedNote,
  type AtRiskRow,
  type ExtensionRequestRow,
  type OverduePriorityRow,
  type RepeatExtensionRow,
} from "./committee-report/slippage-tables.js";
export { buildCommitteeReport } from "./committee-report/build-committee-report.js";
