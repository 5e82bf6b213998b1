/**
 * The narrative under each review (who reviewed, when, what was found, what is complete, in progress or
 * delayed, item by item) and the one narrative that stands for every confidential children's home.
 */
import type { IsoDate } from "../../dates/calendar-date.js";
import { CONFIDENTIAL_NOTE } from "../../register/confidential-reviews.js";
import { countOf, numberWord, numberWordCapitalised } from "../number-words.js";
import { ReviewPeriod } from "../period-summary.js";
import { itemStatus, type RegisterReview } from "../../register/register.js";
import { isOpen, Progress, Status } from "../../status/status.js";
import { displayTitle, isDelayed, type ItemFacts, type PeriodContext } from "./item-facts.js";
import type { Block, Paragraph, ReviewNarrative } from "./types.js";
import { datePhrase, isVerb, itemNoun, plainParagraph, proseDate, REVIEW_NOUNS, sentence } from "./words.js";

export function itemBullet(facts: ItemFacts, today: IsoDate, withProgress: boolean): Paragraph {
  const { item } = facts;
  const runs: Paragraph = [{ text: `${item.ref}: `, bold: true }, { text: sentence(item.text) }];
  if (withProgress && item.latestUpdate)
    runs.push({ text: " Progress: ", bold: true }, { text: sentence(item.latestUpdate) });
  if (isOpen(item.progress)) {
    const status = itemStatus(item, today).status;
    if (isDelayed(status)) {
      const from = proseDate(item.originalTarget);
      const to = item.revisedTarget.raw ? proseDate(item.revisedTarget) : null;
      let delay =
        to && item.revisedTarget.end && item.originalTarget.end && item.revisedTarget.end > item.originalTarget.end
          ? `The target date has changed from ${from} to ${to}`
          : `The original target date of ${from} has passed`;
      if (status === Status.significantDelay) delay += ", more than 12 months past the original target date";
      runs.push({ text: ` ${sentence(delay)}` });
      if (item.revisionReason && !(item.latestUpdate ?? "").includes(item.revisionReason))
        runs.push({ text: ` Reason: ${sentence(item.revisionReason)}` });
    }
  }
  return runs;
}

export const MAX_LISTED_OPEN = 8;

/** Bullets for a list of items; a progress update they all share is said once after them (`shared`), not per bullet. */
export function itemList(facts: readonly ItemFacts[], today: IsoDate): { bullets: Block; shared: Block | null } {
  const updates = new Set(facts.map((f) => f.item.latestUpdate ?? ""));
  const common = facts.length > 1 && updates.size === 1 ? [...updates][0]! : "";
  return {
    bullets: { kind: "bullets", items: facts.map((f) => itemBullet(f, today, !common)) },
    shared: common
      ? { kind: "paragraph", runs: [{ text: "Progress: ", bold: true }, { text: sentence(common) }] }
      : null,
  };
}

export function reviewNarrative(
  review: RegisterReview,
  period: ReviewPeriod,
  facts: readonly ItemFacts[],
  ctx: PeriodContext,
): ReviewNarrative {
  const blocks: Block[] = [];
  const para = (runs: Paragraph) => blocks.push({ kind: "paragraph", runs });
  const noun = REVIEW_NOUNS[review.reviewType ?? ""] ?? "review";
  const when = datePhrase(review.reviewDate);
  para(
    plainParagraph(
      review.body
        ? sentence(`${review.body} conducted the ${noun}${when ? ` ${when}` : ""}`)
        : sentence(`The ${noun} took place${when ? ` ${when}` : ""}`),
    ),
  );
  const findings = datePhrase(review.findingsReceived);
  if (findings) para(plainParagraph(sentence(`The findings were received ${findings}`)));
  if (review.outcome) para([{ text: "Outcome: ", bold: true }, { text: sentence(review.outcome) }]);
  if (review.narrative) para([{ text: "Overall progress: ", bold: true }, { text: sentence(review.narrative) }]);

  const counted = facts.filter((f) => f.item.counted);
  const { singular, plural } = itemNoun(counted.map((f) => f.item));
  if (!review.outcomeKnown && counted.length === 0) {
    para(plainParagraph("The outcome is not yet known."));
    return { title: displayTitle(review), blocks };
  }
  if (counted.length === 0) {
    para(plainParagraph("No recommendations were made."));
    return { title: displayTitle(review), blocks };
  }
  const before = counted.filter((f) => f.completeAtLast && f.item.progress === Progress.complete);
  const since = counted.filter((f) => f.completedSince);
  const open = counted.filter((f) => isOpen(f.item.progress));
  const noAction = counted.filter((f) => f.item.progress === Progress.noActionRequired);
  const delayed = open.filter((f) => isDelayed(itemStatus(f.item, ctx.today).status));
  const significant = delayed.filter((f) => itemStatus(f.item, ctx.today).status === Status.significantDelay);
  const hidden = (list: readonly ItemFacts[]) => list.filter((f) => f.item.confidential).length;
  const shown = (list: readonly ItemFacts[]) => list.filter((f) => !f.item.confidential);

  let opening = `There ${isVerb(counted.length, "was", "were")} ${countOf(counted.length, singular, plural)}`;
  if (period === ReviewPeriod.ongoing && before.length > 0)
    opening += `; ${numberWord(before.length)} had been completed by the last report`;
  para(plainParagraph(sentence(opening)));

  if (since.length > 0) {
    para(
      plainParagraph(
        `${numberWordCapitalised(since.length)} ${isVerb(since.length, "has", "have")} been completed since the last report:`,
      ),
    );
    if (shown(since).length) {
      const list = itemList(shown(since), ctx.today);
      blocks.push(list.bullets, ...(list.shared ? [list.shared] : []));
    }
    if (hidden(since)) para(plainParagraph(`(${countOf(hidden(since), "confidential item")} not listed.)`));
  }
  if (open.length > 0) {
    let lead = `${numberWordCapitalised(open.length)} ${isVerb(open.length, "remains", "remain")} in progress`;
    if (delayed.length > 0) {
      if (open.length === delayed.length) lead += open.length === 1 ? " and is delayed" : ", all of which are delayed";
      else lead += `, ${numberWord(delayed.length)} of which ${isVerb(delayed.length, "is", "are")} delayed`;
      if (significant.length > 0) {
        lead +=
          open.length === 1
            ? " more than 12 months past the original target date"
            : ` (${numberWord(significant.length)} more than 12 months past the original target date)`;
      }
    }
    para(plainParagraph(`${lead}:`));
    // Delayed items always; on-track ones up to a page's worth: the workbook lists every one.
    const visible = shown(open);
    const ordered = [...visible.filter((f) => delayed.includes(f)), ...visible.filter((f) => !delayed.includes(f))];
    const listed = ordered.slice(0, Math.max(MAX_LISTED_OPEN, visible.filter((f) => delayed.includes(f)).length));
    const list = listed.length ? itemList(listed, ctx.today) : null;
    if (list) blocks.push(list.bullets);
    const unlisted = ordered.length - listed.length;
    if (unlisted > 0)
      para(
        plainParagraph(
          `A further ${countOf(unlisted, singular, plural)} ${isVerb(unlisted, "is", "are")} in progress; the register workbook lists each one.`,
        ),
      );
    if (list?.shared) blocks.push(list.shared);
    if (hidden(open)) para(plainParagraph(`(${countOf(hidden(open), "confidential item")} not listed.)`));
  }
  if (noAction.length > 0)
    para(plainParagraph(sentence(`${numberWordCapitalised(noAction.length)} required no further action`)));
  return { title: displayTitle(review), blocks };
}

export function confidentialNarrative(
  reviews: readonly { review: RegisterReview; period: ReviewPeriod; facts: ItemFacts[] }[],
): ReviewNarrative {
  const bodies = [...new Set(reviews.map((r) => r.review.body).filter((b): b is string => Boolean(b)))];
  const fresh = reviews.filter((r) => r.period === ReviewPeriod.new).length;
  const older = reviews.filter((r) => r.period === ReviewPeriod.ongoing);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      runs: plainParagraph(
        "Residential children's homes are inspected by Ofsted under the Social Care Common Inspection Framework (SCCIF) to evaluate the impact of care and support on the experiences and progress of children.",
      ),
    },
    {
      kind: "paragraph",
      runs: plainParagraph(
        "Following inspection, each home receives an overall judgement of outstanding, good, requires improvement to be good, or inadequate.",
      ),
    },
  ];
  if (fresh > 0) {
    blocks.push({
      kind: "paragraph",
      runs: plainParagraph(
        `There ${isVerb(fresh, "is", "are")} ${countOf(fresh, "new residential home inspection")} to report, which ${isVerb(fresh, "is", "are")} included in the table above.`,
      ),
    });
  }
  const openItems = older.flatMap((r) => r.facts).filter((f) => f.item.counted && isOpen(f.item.progress)).length;
  if (older.length > 0) {
    blocks.push({
      kind: "paragraph",
      runs: plainParagraph(
        `${numberWordCapitalised(older.length)} earlier residential home ${isVerb(older.length, "inspection has", "inspections have")} ${countOf(openItems, "recommendation")} still being followed up.`,
      ),
    });
  }
  blocks.push({ kind: "paragraph", runs: plainParagraph(CONFIDENTIAL_NOTE) });
  return {
    title: `Inspections of children's residential homes${bodies.length ? ` (${bodies.join(", ")})` : ""}`,
    blocks,
  };
}
