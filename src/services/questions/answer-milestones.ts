/**
 * The answer to "what milestones are due this month?": the milestones (dated steps within items, stored as
 * items of kind "milestone" under their item) whose current target falls in this London calendar month, with
 * their status by the council's key and the item each is a step towards, grouped by review in report order.
 * A milestone of a confidential item or review is counted, never shown, where the viewer may not see it.
 * "My milestones" keeps those whose owner shown on the card (the milestone's own, else its item's) or
 * whose delegate is the asker.
 */
import { splitIsoDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import {
  effectiveTargetOf,
  isMilestoneKind,
  milestonesDueInMonthOf,
  type MilestoneWithStatus,
} from "../../domain/register/milestones.js";
import { monthName } from "../../domain/dates/months.js";
import { plural } from "../../domain/text/readable-text.js";
import { type RegisterItem, type RegisterReview } from "../../domain/register/register.js";
import { inReportOrder } from "../../domain/questions/select-items.js";
import { isOpen, Status, STATUS_LABELS } from "../../domain/status/status.js";
import { partitionVisible } from "../../domain/visibility.js";
import { plain, STATUS_EMPHASIS } from "../../cards/card-text.js";
import { groupByReview, hiddenNote, listAnswer, reviewHeading, statusCountRows, targetText } from "./answer-list.js";
import { directorateName } from "../../domain/register/directorates.js";
import { PAGE_SIZE, unknownAskerAnswer, type Answer, type AnswerContext, type Viewer } from "./answer-shapes.js";

interface DueMilestone {
  review: RegisterReview;
  due: MilestoneWithStatus<RegisterItem>;
  /** The item the milestone is a step towards; undefined when its parent is not in the register. */
  item: RegisterItem | undefined;
}

function itemOf(review: RegisterReview, milestone: RegisterItem): RegisterItem | undefined {
  return review.items.find((i) => i.ref === milestone.parentRef && !isMilestoneKind(i.kind));
}

/** Which milestones are asked about: in one directorate, and only the asker's (`mine` holds their email). */
export interface MilestoneScope {
  directorateId?: string;
  mine: boolean;
}

/** Whether `email` owns the milestone as its card names the owner (its own, else its item's), or is its delegate. */
function isTheirs(milestone: RegisterItem, item: RegisterItem | undefined, email: string): boolean {
  const same = (other: string | null | undefined) => other?.trim().toLowerCase() === email;
  const owner = milestone.ownerEmail ?? item?.ownerEmail;
  return same(owner) || same(milestone.delegateEmail) || (!milestone.ownerEmail && same(item?.delegateEmail));
}

/** Every milestone due this month, in report order, with its item; only `mineOf`'s when given. */
function dueThisMonth(
  reviews: readonly RegisterReview[],
  today: IsoDate,
  directorateId: string | undefined,
  mineOf: string | null,
): DueMilestone[] {
  const found: DueMilestone[] = [];
  for (const review of inReportOrder(reviews)) {
    if (directorateId && review.directorateId !== directorateId) continue;
    const milestones = review.items.filter((i) => isMilestoneKind(i.kind));
    if (milestones.length === 0) continue;
    for (const due of milestonesDueInMonthOf(milestones, today)) {
      const item = itemOf(review, due.milestone);
      if (mineOf === null || isTheirs(due.milestone, item, mineOf)) found.push({ review, due, item });
    }
  }
  return found;
}

/** Open milestones due after this month (only `mineOf`'s when given), counted for the note under an empty answer. */
function dueLater(
  reviews: readonly RegisterReview[],
  today: IsoDate,
  directorateId: string | undefined,
  mineOf: string | null,
): number {
  const monthKey = today.slice(0, 7);
  let count = 0;
  for (const review of reviews) {
    if (directorateId && review.directorateId !== directorateId) continue;
    for (const m of review.items) {
      const target = effectiveTargetOf(m).end;
      if (!isMilestoneKind(m.kind) || !isOpen(m.progress) || !target || target.slice(0, 7) <= monthKey) continue;
      if (mineOf === null || isTheirs(m, itemOf(review, m), mineOf)) count += 1;
    }
  }
  return count;
}

function itemLine(entry: DueMilestone): string {
  return entry.item
    ? `Milestone of ${entry.item.ref}: ${entry.item.text}`
    : `Milestone of ${entry.due.milestone.parentRef ?? "an item"}`;
}

export function milestonesAnswer(
  { directorateId, mine }: MilestoneScope,
  questionText: string,
  reviews: readonly RegisterReview[],
  viewer: Viewer,
  context: AnswerContext,
  offset: number,
): Answer {
  if (mine && !viewer.email) return unknownAskerAnswer();
  const mineOf = mine ? viewer.email!.trim().toLowerCase() : null;
  const { today } = context;
  const { year, month } = splitIsoDate(today);
  const period = `${monthName(month)} ${year}`;
  const where = directorateId ? ` in ${directorateName(directorateId)}` : "";
  const title = `${mine ? "My milestones" : "Milestones"} due this month (${period})${where}`;

  const all = dueThisMonth(reviews, today, directorateId, mineOf);
  // A milestone is as confidential as its item and its review.
  const { shown, hidden } = partitionVisible(
    viewer,
    all,
    (e) => e.due.milestone.confidential || Boolean(e.item?.confidential) || e.review.confidential,
  );
  const byStatus = new Map<Status, number>();
  for (const e of all) byStatus.set(e.due.status.status, (byStatus.get(e.due.status.status) ?? 0) + 1);
  const counts = statusCountRows(all.length, "milestone", byStatus);

  const page = shown.slice(offset, offset + PAGE_SIZE);
  const reviewCards = groupByReview(page).map(({ review, entries }) => {
    return {
      ...reviewHeading(review, today, context.statusKey),
      items: entries.map((entry) => {
        const { milestone, status } = entry.due;
        return {
          atRisk: "",
          priority: "",
          ref: plain(milestone.ref),
          text: plain(milestone.text),
          statusLabel: STATUS_LABELS[status.status],
          statusEmphasis: STATUS_EMPHASIS[status.status],
          target: targetText(milestone.originalTarget, milestone.revisedTarget),
          owner: plain(
            (milestone.ownerEmail ? (milestone.ownerLabel ?? milestone.ownerEmail) : null) ??
              entry.item?.ownerLabel ??
              entry.item?.ownerEmail ??
              "not assigned",
          ),
          reason: plain(status.reason),
          detail: plain(itemLine(entry)),
          latestUpdate: plain(milestone.latestUpdate ? `Latest: ${milestone.latestUpdate}` : ""),
          verification: "",
          canUpdate: false,
          decisions: [],
          itemId: milestone.id,
        };
      }),
    };
  });

  const notes = hiddenNote(hidden, "milestone");
  if (all.length === 0) {
    const later = dueLater(reviews, today, directorateId, mineOf);
    notes.push(
      `No milestone${mine ? " of yours" : ""}${where} has its target in ${period}.${later ? ` ${plural(later, "open milestone")} ${later === 1 ? "falls" : "fall"} due later.` : ""} Milestones are the dated steps within items ("50% by Dec 2025"); ask "what's due this month?" for the items themselves.`,
    );
  }
  return listAnswer({
    title,
    noun: "milestone",
    questionText,
    today,
    total: all.length,
    shown: shown.length,
    offset,
    pageLength: page.length,
    counts,
    reviewCards,
    pageLines: page.map(
      (e) =>
        `- ${e.review.title} / ${e.due.milestone.ref} (${itemLine(e)}): ${STATUS_LABELS[e.due.status.status]}, due ${targetText(e.due.milestone.originalTarget, e.due.milestone.revisedTarget)}`,
    ),
    notes,
  });
}
