/**
 * Notes that explain an empty or surprising answer and say what to try next: someone who owns nothing
 * yet or nothing that matches, a review rated "Significant delay" with no item more than 12 months late, "overdue" beside items
 * due today, and a "due by" date that has already passed. The answer card shows them under its counts.
 */
import { addMonths, formatDay, splitIsoDate, type IsoDate } from "../../domain/dates/calendar-date.js";
import { describeItemFilter, type ItemFilter } from "../../domain/questions/question.js";
import { plural } from "../../domain/text/readable-text.js";
import { reviewStatus, type RegisterReview } from "../../domain/register/register.js";
import { effectiveTarget, selectItems } from "../../domain/questions/select-items.js";
import { isOpen, Status, type StatusKey } from "../../domain/status/status.js";
import { mayShowItem, mayShowReview, withoutHiddenTitles, type VisibilityViewer } from "../../domain/visibility.js";
import { monthName } from "../../domain/dates/months.js";

export interface ExplainContext {
  today: IsoDate;
  statusKey: StatusKey;
  /** Who asks, and where: what the notes may name goes through the visibility rule. */
  viewer: VisibilityViewer;
  /** False where extensions take effect at once: then none ever waits, and the note says so. */
  extensionsNeedApproval?: boolean;
}

function nextMonthLabel(today: IsoDate): string {
  const { year, month } = splitIsoDate(addMonths(`${today.slice(0, 8)}01`, 1));
  return `${monthName(month)} ${year}`;
}

/**
 * Someone asking about their actions who gets none: whether they own closed ones, nothing yet (and who
 * assigns), or, where the question narrowed the list, what it was narrowed by and how many they own without
 * it. Never "you have no open actions" when they have: the narrowing may be a misreading.
 */
function nothingOwned(filter: ItemFilter, reviews: readonly RegisterReview[], context: ExplainContext): string {
  const email = context.viewer.email ?? "you";
  const me = context.viewer.email ? { email: context.viewer.email } : undefined;
  const everything = me ? selectItems(reviews, { mine: true }, context.today, me) : [];
  if (everything.length === 0)
    return `You do not own any items in the register yet (I know you as ${email}). The improvement team, or your directorate's lead, assigns owners: they can say "assign Rec IR4 of 2023/24 VFM to ${email}". Until then, try "what's delayed?" or "what's due this month?".`;
  const open = me ? selectItems(reviews, { mine: true, open: true }, context.today, me).length : 0;
  const narrowed = Object.keys(filter).some((key) => key !== "mine" && key !== "open");
  if (narrowed) {
    const heading = withoutHiddenTitles(context.viewer, describeItemFilter(filter), reviews);
    return `None of your items matches "${heading}". Without those conditions you own ${plural(everything.length, "item")} (as ${email}), ${open} of them open: ask "my actions" to see ${everything.length === 1 ? "it" : "them"}.`;
  }
  if (open > 0) return `You own ${plural(open, "open item")} (as ${email}): ask "my actions" to see them.`;
  return `You have no open actions: the ${plural(everything.length, "item")} you own (as ${email}) ${everything.length === 1 ? "is complete or needs" : "are complete or need"} no action. Ask "all my actions" to see ${everything.length === 1 ? "it" : "them"}.`;
}

/** Reviews rated Significant delay by the "every item's target moved" clause, where no item is itself more than 12 months late. */
function ratedByEveryItemMoved(
  filter: ItemFilter,
  reviews: readonly RegisterReview[],
  context: ExplainContext,
): string[] {
  const scope: ItemFilter = {};
  if (filter.directorateId) scope.directorateId = filter.directorateId;
  if (filter.body) scope.body = filter.body;
  if (filter.reviewTitle) scope.reviewTitle = filter.reviewTitle;
  const inScope = new Set(
    selectItems(reviews, scope, context.today)
      .map((s) => s.review)
      .filter((review) => mayShowReview(context.viewer, review)),
  );
  const notes: string[] = [];
  for (const review of inScope) {
    const rolled = reviewStatus(review, context.today, context.statusKey);
    if (rolled.status !== Status.significantDelay || rolled.breakdown.significant > 0) continue;
    notes.push(
      `${review.title} is rated Significant delay although none of its items is more than 12 months late: ${rolled.reason}. The review's rating follows the status key's rule for the review as a whole; this list counts items.`,
    );
  }
  return notes;
}

/** Open items answering the rest of an "overdue" question whose target is today: due, not yet overdue. */
function dueToday(filter: ItemFilter, reviews: readonly RegisterReview[], context: ExplainContext): string | null {
  const rest: ItemFilter = { ...filter };
  delete rest.overdue;
  const me = context.viewer.email ? { email: context.viewer.email } : undefined;
  const today = selectItems(reviews, rest, context.today, me).filter(
    (s) => isOpen(s.item.progress) && effectiveTarget(s.item) === context.today,
  );
  if (today.length === 0) return null;
  const named = today.filter((s) => mayShowItem(context.viewer, s.item, s.review));
  const hidden = today.length - named.length;
  const list = named.map((s) => `${s.review.title} / ${s.item.ref}`).join("; ");
  return `Due today is not overdue: ${plural(today.length, "item")} ${today.length === 1 ? "is" : "are"} due today (${formatDay(context.today)}) and become${today.length === 1 ? "s" : ""} overdue tomorrow${list ? `: ${list}` : ""}${hidden ? ` (${hidden} confidential, not named here)` : ""}.`;
}

/** `selectedCount`: how many items the answer selected, confidential ones included. */
export function explainAnswer(
  filter: ItemFilter,
  selectedCount: number,
  reviews: readonly RegisterReview[],
  context: ExplainContext,
): string[] {
  const notes: string[] = [];
  if (filter.dueBy && filter.dueBy < context.today) {
    notes.push(
      `${formatDay(filter.dueBy)} has passed, so this lists the open items whose target was on or before it: they are overdue now. For what is coming up, ask "what's due by the end of ${nextMonthLabel(context.today)}?".`,
    );
  }
  if (filter.mine && selectedCount === 0) notes.push(nothingOwned(filter, reviews, context));
  if (filter.moreThan12Months) notes.push(...ratedByEveryItemMoved(filter, reviews, context));
  if (filter.overdue) {
    const note = dueToday(filter, reviews, context);
    if (note) notes.push(note);
  }
  if (filter.extensionWaiting && selectedCount === 0)
    notes.push(
      context.extensionsNeedApproval === false
        ? 'Extensions here take effect when the owner makes them, with nobody approving them, so none waits for a decision. "Which items have been extended more than once?" and "which target dates have been revised?" show the targets that moved.'
        : 'No extension request is waiting for a decision. Owners ask for a later target in the update card; "which target dates have been revised?" lists the targets that moved.',
    );
  if (filter.extendedAtLeast && selectedCount === 0)
    notes.push(
      `No open item has been extended ${filter.extendedAtLeast === 2 ? "more than once" : `at least ${filter.extendedAtLeast} times`}. "Which target dates have been revised?" lists every item whose target moved.`,
    );
  if (selectedCount === 0 && notes.length === 0)
    notes.push(
      'Nothing in the register matches. Try a wider question, e.g. "what\'s delayed?", or "help" for examples.',
    );
  return notes;
}
