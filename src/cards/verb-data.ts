/**
 * What each card verb's `data` may hold, one zod schema per verb beside the verb vocabulary (the Record
 * type fails to compile when a verb has no schema). Adaptive Cards send inputs as strings; anything
 * else, text past its limit, or text holding a control character (NUL among them) is refused field by
 * field so the card can come back with the message beside the field, before any handler reads it.
 */
import { z } from "zod";
import { controlCharacterProblem } from "../domain/text/identity-text.js";
import { InputLimit } from "../domain/input-limits.js";
import { isIsoDate } from "../domain/dates/calendar-date.js";
import { isWithinAcceptedWindow } from "../domain/dates/date-window.js";
import { parseCardCount, parseRecordId } from "../domain/register/record-id.js";
import { CardVerb } from "./verbs.js";

/** What people call each field, for messages. */
const FIELD_NAMES: Record<string, string> = {
  itemId: "The item",
  requestId: "The extension request",
  reviewId: "The review",
  version: "The card's version",
  submissionId: "The card's submission",
  offset: "The page",
  question: "The question",
  progress: "Progress",
  narrative: "The progress update",
  revisedTarget: "The revised target date",
  revisionReason: "The reason for the new date",
  evidenceUrl: "The evidence link",
  completedOn: "The completion date",
  delegateEmail: "The delegate's email",
  comment: "The comment",
  review_title: "The title",
  directorate: "The directorate",
  review_body: "The inspecting body",
  review_type: "The type",
  review_date: "The date of the visit",
  findings_received: "Findings received",
  outcome: "The overall outcome",
  confidential: "Confidential",
  item_ref: "The label",
  item_text: "The wording",
  original_target: "The original target date",
  confidence: "Whether the target will be met",
  owner_email: "The action owner",
  responsible_unit: "Delivered by",
  previewId: "The preview",
  asOf: "The tracker's date",
  leaverId: "The person whose items are handed on",
};

/** Each item's new-owner input on the leavers' card: "newOwner_12" for item 12. */
export const NEW_OWNER_FIELD = "newOwner_";

function nameOf(field: string): string {
  if (field.startsWith(NEW_OWNER_FIELD)) return "The new owner's email";
  return FIELD_NAMES[field] ?? field;
}

/** Text from an input, up to `max` characters. */
function text(field: string, max: number) {
  return (
    z
      .string({
        invalid_type_error: `${nameOf(field)} must be text.`,
        required_error: `${nameOf(field)} is missing from the card.`,
      })
      .refine(
        (value) => value.length <= max,
        (value) => ({
          message: `Keep ${nameOf(field).replace(/^The /, "the ")} under ${max.toLocaleString("en-GB")} characters (it is ${value.length.toLocaleString("en-GB")}).`,
        }),
      )
      // NUL and other controls are refused, never cut off or stored: tab and line breaks are text.
      .refine(
        (value) => controlCharacterProblem(nameOf(field), value) === null,
        (value) => ({ message: controlCharacterProblem(nameOf(field), value)! }),
      )
  );
}

/** What a record id that names no record is told, by field: the same words as for a record since removed. */
export const ID_NOT_FOUND = {
  itemId: "That item is no longer in the register.",
  requestId: "That extension request is no longer in the register.",
  reviewId: "That review is no longer in the register.",
  leaverId: "That person is no longer in the register.",
} as const;
type IdField = keyof typeof ID_NOT_FOUND;

/** Whether the outcome refused `field` because its id names no record (as opposed to missing or not an id at all). */
export function namesNoRecord(errors: Record<string, string>, field: IdField): boolean {
  return errors[field] === ID_NOT_FOUND[field];
}

/**
 * A record id: the card's own data, sent as a string of digits (or a number by older cards). Anything else
 * is missing; a number the database's id column cannot hold (parseRecordId) names no record.
 */
function id(field: IdField) {
  const message = `${nameOf(field)} is missing from the card.`;
  return z.union([z.string(), z.number()], { errorMap: () => ({ message }) }).transform((value, context) => {
    const parsed = parseRecordId(value);
    if (parsed === null) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: ID_NOT_FOUND[field] });
      return z.NEVER;
    }
    return parsed;
  });
}

/** A count kept by the card (version, page offset): a whole number from 0, within the database's integer range. */
function count(field: string) {
  const message = `${nameOf(field)} is missing from the card.`;
  return z.union([z.string(), z.number()], { errorMap: () => ({ message }) }).transform((value, context) => {
    const parsed = parseCardCount(value);
    if (parsed === null) {
      context.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return parsed;
  });
}

const itemRef = { itemId: id("itemId") };
/** A preview's id: the random token the preview card carries (base64url, 24 characters as made). */
const previewRef = {
  previewId: text("previewId", InputLimit.token).refine((value) => /^[A-Za-z0-9_-]{16,64}$/.test(value), {
    message: "The preview is missing from the card.",
  }),
};
const decision = { ...itemRef, version: count("version"), comment: text("comment", InputLimit.reason).optional() };
const extensionDecision = { requestId: id("requestId"), comment: text("comment", InputLimit.reason).optional() };

export const VERB_DATA = {
  [CardVerb.answerMore]: z.object({
    question: text("question", InputLimit.question),
    offset: count("offset").optional(),
  }),
  [CardVerb.answerRefresh]: z.object({
    question: text("question", InputLimit.question),
    offset: count("offset").optional(),
  }),
  [CardVerb.itemOpen]: z.object(itemRef),
  [CardVerb.itemOpenBesideList]: z.object(itemRef),
  [CardVerb.itemRefresh]: z.object(itemRef),
  [CardVerb.decisionBesideList]: z.object({
    ...itemRef,
    decision: z.enum(["approve", "decline", "verify", "return"]),
    version: count("version"),
  }),
  [CardVerb.itemUpdate]: z.object({
    ...itemRef,
    version: count("version"),
    submissionId: text("submissionId", InputLimit.token).refine((value) => value !== "", {
      message: "The card's submission is missing.",
    }),
    progress: text("progress", InputLimit.token).optional(),
    narrative: text("narrative", InputLimit.narrative).optional(),
    revisedTarget: text("revisedTarget", InputLimit.dateText).optional(),
    revisionReason: text("revisionReason", InputLimit.reason).optional(),
    evidenceUrl: text("evidenceUrl", InputLimit.url).optional(),
    completedOn: text("completedOn", InputLimit.dateText).optional(),
    delegateEmail: text("delegateEmail", InputLimit.email).optional(),
    confidence: text("confidence", InputLimit.token).optional(),
  }),
  [CardVerb.itemVerify]: z.object(decision),
  [CardVerb.itemReturn]: z.object(decision),
  [CardVerb.extensionApprove]: z.object(extensionDecision),
  [CardVerb.extensionDecline]: z.object(extensionDecision),
  [CardVerb.reviewCreate]: z.object({
    submissionId: text("submissionId", InputLimit.token).optional(),
    review_title: text("review_title", InputLimit.name).optional(),
    directorate: text("directorate", InputLimit.name).optional(),
    review_body: text("review_body", InputLimit.name).optional(),
    review_type: text("review_type", InputLimit.name).optional(),
    review_date: text("review_date", InputLimit.dateText).optional(),
    findings_received: text("findings_received", InputLimit.dateText).optional(),
    outcome: text("outcome", InputLimit.wording).optional(),
    confidential: text("confidential", InputLimit.token).optional(),
  }),
  [CardVerb.itemCreate]: z.object({
    reviewId: id("reviewId"),
    submissionId: text("submissionId", InputLimit.token).optional(),
    item_ref: text("item_ref", InputLimit.name).optional(),
    item_text: text("item_text", InputLimit.wording).optional(),
    original_target: text("original_target", InputLimit.dateText).optional(),
    owner_email: text("owner_email", InputLimit.email).optional(),
    responsible_unit: text("responsible_unit", InputLimit.name).optional(),
  }),
  [CardVerb.importApply]: z.object(previewRef),
  [CardVerb.importCancel]: z.object(previewRef),
  [CardVerb.importRedate]: z.object({
    ...previewRef,
    asOf: text("asOf", InputLimit.dateText).refine((value) => isIsoDate(value) && isWithinAcceptedWindow(value), {
      message: "Give the tracker's date as a day, e.g. 2025-05-31.",
    }),
  }),
  // Every other field is an item's new-owner input (the card's only inputs): text, bounded as an email.
  [CardVerb.leaverReassign]: z
    .object({ leaverId: id("leaverId"), itemId: id("itemId") })
    .catchall(text(NEW_OWNER_FIELD, InputLimit.email)),
} satisfies Record<CardVerb, z.ZodType>;

export type VerbData<V extends CardVerb> = z.output<(typeof VERB_DATA)[V]>;

/** `values`: the text fields as sent (without any refused), to put back on a card that comes back. */
export type VerbDataOutcome<V extends CardVerb> =
  | { ok: true; data: VerbData<V>; values: Record<string, string> }
  /** `errors` by field, the first problem each. */
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

function textValues(data: unknown, refused: Record<string, string>): Record<string, string> {
  const sent = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  return Object.fromEntries(
    Object.entries(sent)
      .filter(([field, v]) => typeof v === "string" && !(field in refused))
      .map(([f, v]) => [f, v as string]),
  );
}

/** Parses an Action.Execute's data with its verb's schema. */
export function parseVerbData<V extends CardVerb>(verb: V, data: unknown): VerbDataOutcome<V> {
  const parsed = VERB_DATA[verb].safeParse(data ?? {});
  if (parsed.success) return { ok: true, data: parsed.data, values: textValues(data, {}) };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "card");
    errors[field] ??= field === "card" ? "The card's data could not be read: open it again." : issue.message;
  }
  return { ok: false, errors, values: textValues(data, errors) };
}
