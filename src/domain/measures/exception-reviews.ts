/**
 * Where a Council Plan exception's improvement item lives: one review per directorate (every review has
 * one), of source council_plan, named so a reader knows what it holds.
 */
import { directorateName } from "../register/directorates.js";

export const EXCEPTION_REVIEW_BODY = "Council Plan";
export const EXCEPTION_REVIEW_TYPE = "performance exceptions";

export function exceptionReviewTitle(directorateId: string): string {
  return `Council Plan performance exceptions: ${directorateName(directorateId)}`;
}
