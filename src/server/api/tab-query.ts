/**
 * The tab's query parameters (the contract's `scope`, `directorate` and the register's filters, sort and
 * paging), checked with zod. A bad one is refused with a message per parameter saying what to write; a
 * parameter the route does not know is named too, never silently ignored. Text filters ignore case: `q` is
 * found in the review title, ref, item text or owner; `review` is a review's id or its whole title; `body`
 * the whole body; `owner` an owner's whole email or part of their name; `priority` a label, or `none`. The
 * downloads take the same filters; `sort` and `order` are accepted there but the files keep the register's
 * own order (directorate, review, item), as the command line's export does.
 */
import { z } from "zod";
import { isIsoDate } from "../../domain/dates/calendar-date.js";
import { isWithinAcceptedWindow } from "../../domain/dates/date-window.js";
import { DIRECTORATES } from "../../domain/register/directorates.js";
import { SORT_KEYS, type GridFilter, type SortKey } from "../../domain/tab/register-grid.js";
import { STATUS_VALUES } from "../../domain/status/status.js";
import { ConversationScope } from "../../domain/visibility.js";

/** The directorates the tab offers (the council's five; others in the register are still listed when found). */
export const TAB_DIRECTORATES = DIRECTORATES.slice(0, 5).map((d) => ({ id: d.id, name: d.name }));
/** The longest free text or filter value accepted. */
export const MAX_FILTER_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

const text = z
  .string()
  .trim()
  .max(MAX_FILTER_LENGTH, `must be at most ${MAX_FILTER_LENGTH} characters`)
  .transform((v) => (v ? v.toLowerCase() : null));
const flag = z.enum(["true", "false"], { errorMap: () => ({ message: "must be true or false" }) });
const date = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && isIsoDate(v), { message: "must be a date as YYYY-MM-DD" })
  .refine(isWithinAcceptedWindow, { message: "must lie between 2000-01-01 and 2100-12-31" });

const scopeShape = {
  scope: z
    .enum(["personal", "channel"], { errorMap: () => ({ message: "must be personal or channel" }) })
    .default("personal"),
  directorate: z
    .string()
    .default("all")
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => v === "ALL" || TAB_DIRECTORATES.some((d) => d.id === v), {
      message: `must be all or one of ${TAB_DIRECTORATES.map((d) => d.id).join(", ")}`,
    }),
};

const filterShape = {
  ...scopeShape,
  status: z
    .enum(STATUS_VALUES as [string, ...string[]], {
      errorMap: () => ({ message: `must be one of ${STATUS_VALUES.join(", ")}` }),
    })
    .optional(),
  q: text.optional(),
  review: text.optional(),
  body: text.optional(),
  priority: text.optional(),
  owner: text.optional(),
  targetFrom: date.optional(),
  targetTo: date.optional(),
  atRisk: flag.optional(),
  waiting: flag.optional(),
};

const pageShape = {
  page: z.coerce
    .number({ invalid_type_error: "must be a whole number from 1" })
    .int("must be a whole number from 1")
    .min(1, "must be a whole number from 1")
    .max(1_000_000, "must be at most 1000000")
    .default(1),
  pageSize: z.coerce
    .number({ invalid_type_error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  sort: z
    .enum(SORT_KEYS, { errorMap: () => ({ message: `must be one of ${SORT_KEYS.join(", ")}` }) })
    .default("target"),
  order: z.enum(["asc", "desc"], { errorMap: () => ({ message: "must be asc or desc" }) }).default("asc"),
};

export const scopeQuery = z.object(scopeShape).strict();
export const filterQuery = z.object(filterShape).strict();
export const registerQuery = z.object({ ...filterShape, ...pageShape }).strict();
export const exportQuery = z.object({ ...filterShape, sort: pageShape.sort, order: pageShape.order }).strict();
export const reportQuery = z
  .object({
    ...scopeShape,
    point: z.coerce
      .number({ invalid_type_error: "must be a reporting point's id (GET /api/reporting-points)" })
      .int("must be a reporting point's id (GET /api/reporting-points)")
      .positive("must be a reporting point's id (GET /api/reporting-points)"),
  })
  .strict();

export type BadQuery = { ok: false; error: string; fields: Record<string, string> };

/** The parameters as the schema reads them, or every problem by parameter. */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
): { ok: true; value: z.infer<T> } | BadQuery {
  const raw = typeof query === "object" && query !== null ? query : {};
  // A parameter given twice arrives as a list: refused rather than guessed.
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as z.infer<T> };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code === "unrecognized_keys")
      for (const key of issue.keys) fields[key] = "is not a parameter of this route: leave it out";
    else {
      const name = String(issue.path[0] ?? "query");
      fields[name] ??= issue.code === "invalid_type" ? "must be given once, as text" : issue.message;
    }
  }
  const error = `Check the query: ${Object.entries(fields)
    .map(([name, message]) => `${name} ${message}`)
    .join("; ")}.`;
  return { ok: false, error, fields };
}

/** The viewer's scope as the visibility rule names it. */
export function conversationScopeOf(scope: "personal" | "channel"): ConversationScope {
  return scope === "channel" ? ConversationScope.channel : ConversationScope.personal;
}

/** The grid's filter from parsed parameters. */
export function gridFilterOf(query: z.infer<typeof filterQuery>): GridFilter {
  return {
    directorate: query.directorate === "ALL" ? null : query.directorate,
    status: (query.status as GridFilter["status"]) ?? null,
    q: query.q ?? null,
    review: query.review ?? null,
    body: query.body ?? null,
    priority: query.priority ?? null,
    owner: query.owner ?? null,
    targetFrom: query.targetFrom ?? null,
    targetTo: query.targetTo ?? null,
    atRisk: query.atRisk === "true",
    waiting: query.waiting === "true",
  };
}

export type { SortKey };
