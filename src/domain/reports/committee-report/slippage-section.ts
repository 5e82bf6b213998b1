/**
 * The report's section on slippage: the four tables (slippage-tables.ts) with the words that introduce
 * them, counted over every item (confidential ones included, as counts), and the recommendation asking
 * the committee to decide the extension requests still waiting at the cut-off.
 */
import { DEFAULT_AT_RISK_SETTINGS, type AtRiskSettings } from "../../status/at-risk.js";
import type { IsoDate } from "../../dates/calendar-date.js";
import { DIRECTORATES } from "../../register/directorates.js";
import { DEFAULT_EXTENSION_SETTINGS, ExtensionState } from "../../extensions/extension-request.js";
import { countOf, numberWord, numberWordCapitalised } from "../number-words.js";
import { classifyReview, ReviewPeriod } from "../period-summary.js";
import { DEFAULT_PRIORITY_LABELS } from "../../status/priority.js";
import { toSummaryReview, type RegisterReview } from "../../register/register.js";
import {
  atRiskTable,
  extensionRequestTable,
  overduePriorityTable,
  repeatExtensionTable,
  type AtRiskRow,
  type ExtensionRequestRow,
  type ListedRows,
  type OverduePriorityRow,
  type ReportedItem,
  type RepeatExtensionRow,
} from "./slippage-tables.js";
import type { Paragraph } from "./types.js";
import { isVerb, listJoin, plainParagraph } from "./words.js";

export interface SlippageSettings {
  /** AT_RISK_WORKING_DAYS and AT_RISK_STALE_DAYS. */
  atRisk: AtRiskSettings;
  /** REPEAT_EXTENSION_THRESHOLD */
  repeatThreshold: number;
  /** PRIORITY_LABELS, highest first. */
  priorityLabels: readonly string[];
}

export const DEFAULT_SLIPPAGE_SETTINGS: SlippageSettings = {
  atRisk: DEFAULT_AT_RISK_SETTINGS,
  repeatThreshold: DEFAULT_EXTENSION_SETTINGS.repeatThreshold,
  priorityLabels: DEFAULT_PRIORITY_LABELS,
};

export type SlippageTable<Row> = ListedRows<Row> & { intro: Paragraph[] };

export interface SlippageSection {
  extensionRequests: SlippageTable<ExtensionRequestRow> & { waiting: number };
  repeatExtensions: SlippageTable<RepeatExtensionRow>;
  atRisk: SlippageTable<AtRiskRow>;
  overduePriority: SlippageTable<OverduePriorityRow>;
  /** The top priority label ("high"; "fundamental" at Bromsgrove), for the table's caption. */
  topPriority: string;
}

function timesOrMore(n: number): string {
  return n === 1 ? "once or more" : n === 2 ? "twice or more" : `${numberWord(n)} times or more`;
}

function requestsIntro(
  table: ReturnType<typeof extensionRequestTable>,
  firstReport: boolean,
  committee: string,
): Paragraph[] {
  const { states, total } = table;
  if (total === 0) {
    return [
      plainParagraph(
        firstReport
          ? "No extension requests have been made up to the cut-off."
          : "No extension requests were made or decided since the last report, and none was waiting for a decision at the cut-off.",
      ),
    ];
  }
  const parts = [
    states.approved ? `${numberWord(states.approved)} approved` : null,
    states.declined ? `${numberWord(states.declined)} declined` : null,
    states.took_effect ? `${numberWord(states.took_effect)} took effect without approval` : null,
    states.waiting ? `${numberWord(states.waiting)} waiting for a decision at the cut-off` : null,
  ].filter((p): p is string => p !== null);
  const opening = firstReport
    ? `${numberWordCapitalised(total)} ${isVerb(total, "request", "requests")} to move a target date later ${isVerb(total, "has", "have")} been made up to the cut-off`
    : `Since the last report, ${countOf(total, "request")} to move a target date later ${isVerb(total, "was", "were")} made or decided, or ${isVerb(total, "was", "were")} still waiting`;
  const paragraphs = [plainParagraph(`${opening}: ${listJoin(parts)}.`)];
  if (states.waiting > 0) {
    paragraphs.push(
      plainParagraph(
        `The ${committee} is asked to decide the ${countOf(states.waiting, "request")} still waiting at the cut-off, listed first in the table below.`,
      ),
    );
  }
  return paragraphs;
}

/** The section as at the cut-off `today`; `since` null for the first report (every request so far). */
export function slippageSection(
  register: readonly RegisterReview[],
  period: { since: IsoDate; today: IsoDate; firstReport: boolean },
  settings: SlippageSettings,
  committee: string,
): SlippageSection {
  const { since, today } = period;
  // In the report's order: directorate by directorate, as their sections are.
  const items: ReportedItem[] = [];
  for (const directorate of DIRECTORATES) {
    for (const review of register) {
      if (review.directorateId !== directorate.id) continue;
      if (classifyReview(toSummaryReview(review), since, today) === ReviewPeriod.future) continue;
      for (const item of review.items) items.push({ review, item });
    }
  }
  const requests = extensionRequestTable(items, period.firstReport ? null : since, today);
  const repeats = repeatExtensionTable(items, settings.repeatThreshold, since, today);
  const atRisk = atRiskTable(items, settings.atRisk, today);
  const top = settings.priorityLabels[0] ?? DEFAULT_PRIORITY_LABELS[0]!;
  const overdue = overduePriorityTable(items, settings.priorityLabels, today);
  const { workingDaysBeforeTarget, staleAfterDays } = settings.atRisk;
  return {
    extensionRequests: {
      ...requests,
      waiting: requests.states[ExtensionState.waiting],
      intro: requestsIntro(requests, period.firstReport, committee),
    },
    repeatExtensions: {
      ...repeats,
      intro: [
        plainParagraph(
          repeats.total
            ? `${numberWordCapitalised(repeats.total)} ${isVerb(repeats.total, "item has", "items have")} had ${isVerb(repeats.total, "its", "their")} target date extended ${timesOrMore(settings.repeatThreshold)}; a further request for ${isVerb(repeats.total, "it", "any of them")} goes to the improvement team.`
            : `No item open in the period has had its target date extended ${timesOrMore(settings.repeatThreshold)}.`,
        ),
      ],
    },
    atRisk: {
      ...atRisk,
      intro: [
        plainParagraph(
          (atRisk.total
            ? `${numberWordCapitalised(atRisk.total)} open ${isVerb(atRisk.total, "item was", "items were")} at risk of missing ${isVerb(atRisk.total, "its", "their")} target date at the cut-off`
            : "No open item was at risk of missing its target date at the cut-off") +
            ` (the owner said so in an update, or the target was within ${countOf(workingDaysBeforeTarget, "working day")} with no update for ${countOf(staleAfterDays, "day")} or more). This is a warning beside the status, which follows the status key.`,
        ),
      ],
    },
    overduePriority: {
      ...overdue,
      intro: [
        plainParagraph(
          overdue.total
            ? `${numberWordCapitalised(overdue.total)} open ${top}-priority ${isVerb(overdue.total, "item was", "items were")} past ${isVerb(overdue.total, "its", "their")} target date at the cut-off; the table names the unit and officer responsible for each.`
            : `No open ${top}-priority item was past its target date at the cut-off.`,
        ),
      ],
    },
    topPriority: top,
  };
}
