/**
 * Answers the two Council Plan questions from the register's measures: the exceptions of the latest
 * period ("which Council Plan measures are off track and getting worse?"), each with its reference, the
 * measure, "value against target (lower is better)", the lead officer by name and, where the viewer may
 * see it, its improvement item's progress; and one measure's last quarters ("show 1.A5 over the last four
 * quarters") with direction and status. Both say which period is the latest and name the words not used.
 */
import type { IsoDate } from "../../domain/dates/calendar-date.js";
import { MeasureQuestionKind, type MeasureQuestion } from "../../domain/measures/measure-questions.js";
import { periodLabel } from "../../domain/measures/measure-periods.js";
import { MEASURE_STATUS_LABELS, polarityWords, type Polarity } from "../../domain/measures/measure-rules.js";
import { exceptionsFor, recentQuarters, reportedPeriod } from "../../domain/measures/measure-view.js";
import { personLabel } from "../../domain/people/person-label.js";
import { directorateName } from "../../domain/register/directorates.js";
import type { RegisterReview } from "../../domain/register/register.js";
import { plural } from "../../domain/text/readable-text.js";
import type { VisibilityViewer } from "../../domain/visibility.js";
import type { MeasureRecord } from "../../data/measures/measure-store.js";
import { messageCard, notUsedNote, type Answer } from "../questions/answer-shapes.js";
import { exceptionItemProgress } from "./measure-item-progress.js";

export const EXCEPTIONS_QUESTION = "which Council Plan measures are off track and getting worse?";
/** The most measures a "which measures does the register hold" line names. */
const MOST_REFS_NAMED = 30;

export function measuresAnswer(
  asked: MeasureQuestion,
  measures: readonly MeasureRecord[],
  reviews: readonly RegisterReview[],
  viewer: VisibilityViewer,
  today: IsoDate,
): Answer {
  if (!measures.length)
    return messageCard(
      "No Council Plan measures yet",
      [
        "The register holds no Council Plan measures: the performance team imports them from a measures file (measure_ref, outcome, measure, lead_officer, directorate, polarity, frequency, target, period, value, status_override).",
        ...notUsedNote(asked.unused, "This answer is"),
      ],
      [],
    );
  return asked.kind === MeasureQuestionKind.exceptions
    ? exceptionsAnswer(asked, measures, reviews, viewer, today)
    : historyAnswer(asked, measures);
}

function exceptionsAnswer(
  asked: Extract<MeasureQuestion, { kind: "exceptions" }>,
  measures: readonly MeasureRecord[],
  reviews: readonly RegisterReview[],
  viewer: VisibilityViewer,
  today: IsoDate,
): Answer {
  const period = reportedPeriod(measures)!;
  const inScope = asked.directorateId ? measures.filter((m) => m.directorateId === asked.directorateId) : measures;
  const exceptions = exceptionsFor(inScope, period);
  const where = asked.directorateId ? ` in ${directorateName(asked.directorateId)}` : "";
  const lines = exceptions.map(({ measure, againstTarget, reading }) => {
    const lead = `Lead officer: ${personLabel(measure.leadOfficer, "not recorded")}.`;
    const override = reading.statusOverride === "exception" ? " Included by the performance team." : "";
    const progress = exceptionItemProgress(measure.exceptionItemId, reviews, viewer, today);
    return [`(${measure.measureRef}) ${measure.measure} - ${againstTarget}.`, lead + override, progress]
      .filter(Boolean)
      .join(" ");
  });
  return messageCard(
    `${plural(exceptions.length, "Council Plan measure")} off track and getting worse${where} (${periodLabel(period)})`,
    [
      `The latest period the register holds is ${periodLabel(period)}. An exception is a measure off target whose direction of travel worsened since the previous period, or one the performance team included.`,
      ...(lines.length
        ? lines
        : [`None of the ${plural(inScope.length, "measure")}${where} is off track and getting worse.`]),
      ...notUsedNote(asked.unused, "This answer is"),
    ],
    [],
    exceptions[0] ? [`show ${exceptions[0].measure.measureRef} over the last four quarters`] : [],
  );
}

function historyAnswer(
  asked: Extract<MeasureQuestion, { kind: "history" }>,
  measures: readonly MeasureRecord[],
): Answer {
  const measure = measures.find((m) => m.measureRef.toUpperCase() === asked.measureRef.toUpperCase());
  if (!measure) {
    const refs = measures.map((m) => m.measureRef);
    const named = refs.slice(0, MOST_REFS_NAMED).join(", ") + (refs.length > MOST_REFS_NAMED ? ", …" : "");
    return messageCard(
      `No Council Plan measure ${asked.measureRef}`,
      [
        `The register holds no measure ${asked.measureRef}. It holds ${named}.`,
        ...notUsedNote(asked.unused, "This answer is"),
      ],
      [],
      [EXCEPTIONS_QUESTION],
    );
  }
  const quarters = recentQuarters(measure, asked.quarters);
  const lines = quarters.map(({ label, view }) => {
    if (!view) return `${label}: no reading.`;
    const { reading } = view;
    const exception = reading.exception ? "; an exception" : "";
    return `${label}: ${view.againstTarget}; ${reading.direction === "unknown" ? "direction unknown" : reading.direction}; ${MEASURE_STATUS_LABELS[reading.status]}${exception}.`;
  });
  const latest = quarters.at(-1);
  return messageCard(
    `(${measure.measureRef}) ${measure.measure}: the last ${plural(asked.quarters, "quarter")}`,
    [
      ...(latest
        ? [
            `The latest quarter the register holds for ${measure.measureRef} is ${latest.label}. Direction of travel is from the quarter before (${polarityWords(measure.polarity as Polarity)}).`,
          ]
        : [`The register holds no quarterly reading of ${measure.measureRef}.`]),
      ...lines,
      `Lead officer: ${personLabel(measure.leadOfficer, "not recorded")}.`,
      ...notUsedNote(asked.unused, "This answer is"),
    ],
    [],
    [EXCEPTIONS_QUESTION],
  );
}
