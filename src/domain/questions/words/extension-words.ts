/**
 * The words for the questions about slippage and milestones: "which items have been extended more than once?",
 * "what extensions are waiting for approval?" and "what milestones are due this month?". How many extensions an
 * item has is the chain of targets' count (extension-request.ts); these words only say how many the question asks for.
 */
import { numberOf } from "../parse/question-dates.js";

/** A word saying a target moved: an extension in the chain of targets, however the question puts it. */
const MOVED = /\b(?:extended|extensions?|revised|revisions?|moved|pushed back|put back|re-?dated|changed|slipped)\b/;

const COUNT = "(once|twice|one|two|three|four|five|six|seven|eight|nine|ten|\\d{1,2})";

function timesOf(word: string): number {
  if (word === "once") return 1;
  if (word === "twice") return 2;
  return numberOf(word);
}

/** Asked as a kind of thing rather than a count: "repeat extensions", "multiple revisions", "more than one extension". */
const REPEATED_NOUN =
  /\brepeat(?:ed)? (?:extensions?|revisions?)\b|\b(?:multiple|several|many|repeated) (?:extensions|revisions)\b|\bmore than (?:one|1) (?:extension|revision)\b/;
const REPEATEDLY = /\b(?:repeatedly|multiple times|several times|many times|again and again|over and over)\b/;
/** "more than once", "more than twice", "more than 3 times": one more than the number. */
const MORE_THAN = new RegExp(`\\bmore than ${COUNT}(?: times?)?\\b`);
/** "at least twice", "twice or more", "two or more times", "3 times or more", "3+ times": the number itself. */
const AT_LEAST = new RegExp(
  `\\b(?:at least|a minimum of) ${COUNT}(?: times?)?\\b|\\b${COUNT}(?: times)? or more\\b|\\b(\\d{1,2})\\+ times\\b`,
);
/** "extended twice", "revised 3 times": read as at least that many. */
const EXACTLY = new RegExp(`${MOVED.source} ${COUNT}(?: times)?\\b`);

/**
 * The fewest extensions a question asks about ("extended more than once": 2), or null when it does not ask
 * about repeated extensions. Counts below two are not repeats: "extended once" is left to "revised" questions.
 */
export function readExtendedAtLeast(lower: string): number | null {
  if (REPEATED_NOUN.test(lower)) return 2;
  if (!MOVED.test(lower)) return null;
  const more = MORE_THAN.exec(lower);
  // "more than 12 months" is a delay, not a count of extensions: a bare number needs "times".
  if (more && (/^(?:once|twice)$/.test(more[1]!) || /times?$/.test(more[0]))) return timesOf(more[1]!) + 1;
  const least = AT_LEAST.exec(lower);
  if (least) {
    const n = timesOf((least[1] ?? least[2] ?? least[3])!);
    return n >= 2 ? n : null;
  }
  if (REPEATEDLY.test(lower)) return 2;
  const exactly = EXACTLY.exec(lower);
  if (exactly && (/^(?:once|twice)$/.test(exactly[1]!) || /times$/.test(exactly[0]))) {
    const n = timesOf(exactly[1]!);
    return n >= 2 ? n : null;
  }
  return null;
}

/** A request to move a target, by any of its names. */
const EXTENSION_REQUEST =
  /\bextensions?\b|\bextension requests?\b|\brequests? (?:for|to) (?:an? )?(?:extension|extend\w*|move\w*|revis\w*|new targets?)\b|\b(?:revised|new) target requests?\b|\bdate change requests?\b|\brevision requests?\b/;
/** Not yet decided. "Open" and "outstanding" are left out: they describe the item ("open items"), not the request. */
const UNDECIDED =
  /\b(?:waiting|awaiting|pending|undecided|unapproved)\b|\bto (?:approve|decide|be (?:approved|decided))\b|\bfor (?:approval|(?:a )?decision)\b|\bneed(?:s|ing)? (?:my |an? )?(?:approval|approving|decision|deciding)\b|\bnot yet (?:approved|decided)\b/;
/** Approval on its own means an extension: it is the only thing the register approves (completions are verified). */
const AWAITING_APPROVAL =
  /\b(?:waiting|awaiting|pending) (?:for )?(?:my |an? |your )?(?:approval|decision)\b|\bneeds? (?:my )?approv(?:al|ing)\b/;

/** "what extensions are waiting for approval?", "pending extensions", "what's awaiting approval?". */
export function asksWaitingExtensions(lower: string): boolean {
  return (EXTENSION_REQUEST.test(lower) && UNDECIDED.test(lower)) || AWAITING_APPROVAL.test(lower);
}

/** The words a repeat-extension question applies. */
export const EXTENSION_COUNT_WORDS = new RegExp(
  `${MOVED.source}|${REPEATED_NOUN.source}|${REPEATEDLY.source}|\\b(?:more than|at least|a minimum of|or more)\\b|\\b${COUNT}(?: times?)?\\b|\\b\\d{1,2}\\+ times\\b|\\btargets?\\b|\\bdates?\\b|\\bdeadlines?\\b`,
);

/** The words a waiting-extension question applies. */
export const WAITING_WORDS = new RegExp(
  `${EXTENSION_REQUEST.source}|${UNDECIDED.source}|${AWAITING_APPROVAL.source}|\\bapprov\\w*\\b|\\bdecisions?\\b|\\brequests?\\b|\\bextensions?\\b|\\bmy (?:approval|decision)\\b`,
);

/** "milestones", "milestone": dated steps within items (milestones.ts). */
export const MILESTONES = /\bmile ?stones?\b/;
