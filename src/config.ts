/** The environment, parsed once; a bad value stops start-up with a message that says what to fix. */
import { existsSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, storeKindOf } from "./data/database.js";
import { DEFAULT_AT_RISK_SETTINGS, type AtRiskSettings } from "./domain/status/at-risk.js";
import { isIsoDate } from "./domain/dates/calendar-date.js";
import { isWithinAcceptedWindow, outsideWindowReason } from "./domain/dates/date-window.js";
import { DECISION_CHASE_DAYS_BOUNDS, DEFAULT_DECISION_CHASE_DAYS } from "./domain/decisions/chase.js";
import {
  DEFAULT_EXTENSION_SETTINGS,
  EXTENSION_APPROVER_VALUES,
  type ExtensionApprover,
  type ExtensionSettings,
} from "./domain/extensions/extension-request.js";
import { DEFAULT_PRIORITY_LABELS, parsePriorityLabels } from "./domain/status/priority.js";
import { DEFAULT_IMPORT_FILE_LIMITS, type ImportFileLimits } from "./domain/imports/limits.js";
import * as FileDownload from "./domain/imports/file-download.js";
import { LOOPBACK_HOSTS } from "./domain/files/file-hosts.js";
import { StatusKey } from "./domain/status/status.js";
import { directorySettingsProblems, directorySettingsShape } from "./directory-settings.js";
import { signOnSettingsShape } from "./sign-on-settings.js";

const PRIORITY_POLICY_HELP =
  'must be JSON by priority label with workingDaysBefore (a list of working days), overdueEveryDays and escalateAfterWorkingDays (whole numbers), e.g. {"high":{"overdueEveryDays":7,"escalateAfterWorkingDays":5},"low":{"overdueEveryDays":14}}';
const priorityOverrides = z.record(
  z.string(),
  z
    .object({
      workingDaysBefore: z.array(z.number()).optional(),
      overdueEveryDays: z.number().optional(),
      escalateAfterWorkingDays: z.number().optional(),
    })
    .strict(),
);
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A whole number setting with messages that say what to write. */
function wholeNumber(min: number, max: number, fallback: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ invalid_type_error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
}

function trueOrFalse(fallback: boolean) {
  return z
    .enum(["true", "false"], { errorMap: () => ({ message: "must be true or false" }) })
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true");
}

/** Every setting, each described for docs/configuration.md (scripts/configuration-doc.ts renders it). */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .superRefine((url, ctx) => {
      const kind = storeKindOf(url);
      if (!kind.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: kind.reason });
    })
    .describe(
      "the register's database: `file:…` a SQLite file (relative to the working directory), `postgresql://…` a PostgreSQL database shared by several instances (see [Running for a council](running-for-a-council.md))",
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978).describe("the HTTP port (0 to 65535)"),
  HOST: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .describe(
      "the interface the server listens on; unset, `127.0.0.1` in local mode (no credentials) and `0.0.0.0` with credentials",
    ),
  STATUS_KEY: z
    .enum([StatusKey.y2024, StatusKey.y2025])
    .default(StatusKey.y2024)
    .describe("the review roll-up key: 2024 or 2025"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
    .default("info")
    .describe("pino level; logs go to stderr"),
  DEMO_DATA: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true")
    .describe("load the demo register into an empty database at start"),
  MicrosoftAppId: z
    .string()
    .default("")
    .describe("the bot's credentials: its app id; empty means local mode (no authentication)"),
  MicrosoftAppPassword: z
    .string()
    .default("")
    .describe("the bot's credentials: its client secret; empty in local mode"),
  MicrosoftAppType: z
    .enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"])
    .default("MultiTenant")
    .describe("the bot's credentials: MultiTenant, SingleTenant or UserAssignedMSI"),
  MicrosoftAppTenantId: z
    .string()
    .default("")
    .describe("the bot's credentials: its Entra tenant (for SingleTenant); empty in local mode"),
  ALLOWED_SERVICE_URL_HOSTS: z
    .string()
    .optional()
    .transform((v) => {
      const hosts = (v ?? "")
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      return hosts.length > 0 ? hosts : undefined; // empty means the default, never "send nowhere"
    })
    .describe(
      "the only hosts an activity's `serviceUrl` may name, comma-separated; any other is refused with 403 before anything is sent. Unset, Teams' hosts (`smba.trafficmanager.net` and the US government clouds' `smba.infra.…`) with credentials, and `localhost`, `127.0.0.1`, `[::1]` in local mode; sovereign clouds or a remote playground name theirs here",
    ),
  LAST_REPORT_DATE: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "LAST_REPORT_DATE must be YYYY-MM-DD")
    .refine(isIsoDate, (v) => ({ message: `${v} is not a day of the calendar` }))
    .refine(isWithinAcceptedWindow, (v) => ({ message: outsideWindowReason(v) }))
    .optional()
    .describe(
      "\"since the last report\" while no reporting point's meeting has taken place (YYYY-MM-DD, 2000-01-01 to 2100-12-31); unset, six months before the next reporting point's cut-off (or today)",
    ),
  IMPROVEMENT_TEAM_ADMINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .describe("comma-separated emails of the first improvement-team administrators"),
  REQUIRE_SECOND_VERIFIER: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .describe(
      "when true, a completion submitted by a member of the improvement team waits for another member to verify it; when false, the submitter's own closure stands, marked as self-verified",
    ),
  PUBLIC_BASE_URL: z
    .string()
    .url("PUBLIC_BASE_URL must be a URL such as https://tracker.example.org")
    .optional()
    .describe(
      "where document links point (the bot's public address; links are signed and short-lived); unset, `http://localhost:PORT`. `npm run package` needs it: the manifest names its host as the app's valid domain and in `webApplicationInfo`",
    ),
  DOCUMENT_LINK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30)
    .describe("how long a document link works, in minutes (1 to 1440)"),
  DOCUMENTS_AS_FILES: trueOrFalse(true).describe(
    "true: in a personal chat in Teams, the summary documents and the register come as files (file consent card, then the file in the person's OneDrive); false, for hosts without file consent: the summary documents come as links and the register is exported on the command line. Channels and group chats always get links",
  ),
  UPLOAD_TIMEOUT_SECONDS: wholeNumber(1, 60, 10).describe(
    "how long putting an accepted file in the person's OneDrive may take (1 to 60); past it the upload is abandoned and the person told. Teams waits about 15 seconds for the answer",
  ),
  REMINDER_WORKING_DAYS_BEFORE: z
    .string()
    .default("20,10,3,0")
    .transform((v, ctx) => {
      const days = v.split(",").map((d) => Number(d.trim()));
      if (days.some((d) => !Number.isInteger(d) || d < 0 || d > 120)) {
        ctx.addIssue({
          code: "custom",
          message: "REMINDER_WORKING_DAYS_BEFORE must be whole numbers of working days, e.g. 20,10,3,0",
        });
      }
      return [...new Set(days)].sort((a, b) => b - a);
    })
    .describe(
      "working days before the effective target when owners are reminded (0: on the day), comma-separated, each 0 to 120",
    ),
  REMINDER_OVERDUE_EVERY_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(90)
    .default(7)
    .describe("days between reminders once overdue (1 to 90)"),
  ESCALATE_AFTER_WORKING_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(120)
    .default(10)
    .describe("working days overdue, with no update, before the directorate's lead is told (1 to 120)"),
  REMINDER_WINDOW: z
    .string()
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "REMINDER_WINDOW must look like 09:00-17:00")
    .default("09:00-17:00")
    .describe("when reminders may go, London time, working days"),
  SWEEP_CRON: z
    .string()
    .default("*/5 * * * *")
    .describe("how often the bot looks for due reminders (node-cron, Europe/London)"),
  SEND_RATE_PER_SECOND: z.coerce
    .number()
    .positive()
    .max(1000)
    .default(50)
    .describe("proactive sends a second, in all (up to 1000)"),
  SEND_RATE_PER_CONVERSATION: z.coerce
    .number()
    .positive()
    .max(100)
    .default(7)
    .describe("proactive sends a second to one chat (up to 100)"),
  SEND_TIMEOUT_SECONDS: wholeNumber(1, 300, 30).describe(
    "how long a call to Teams' connector waits for an answer (1 to 300): a proactive send unanswered in time has an unknown outcome and is sent again (a duplicate rather than a loss); a reply in a turn fails, ending the turn",
  ),
  SWEEP_TIMEOUT_SECONDS: wholeNumber(1, 3600, 600).describe(
    "how long one sweep run (reminders, round chases, then the outbox) may take (1 to 3600); past it the run is abandoned, logged, and the next tick starts a new one",
  ),
  EXTENSION_APPROVER: z
    .enum(EXTENSION_APPROVER_VALUES as [ExtensionApprover, ...ExtensionApprover[]], {
      errorMap: () => ({ message: `must be one of ${EXTENSION_APPROVER_VALUES.join(", ")}` }),
    })
    .default(DEFAULT_EXTENSION_SETTINGS.approver)
    .describe("who decides extension requests: `directorate_lead`, `improvement_team` or `either`"),
  EXTENSIONS_NEED_APPROVAL: trueOrFalse(DEFAULT_EXTENSION_SETTINGS.needApproval).describe(
    "false (for councils that do not approve extensions): a revised target takes effect at once, with nobody deciding it",
  ),
  REPEAT_EXTENSION_THRESHOLD: wholeNumber(1, 20, DEFAULT_EXTENSION_SETTINGS.repeatThreshold).describe(
    "extensions an item may have (1 to 20) before a further request goes to the improvement team, flagged as a repeat",
  ),
  DECISION_CHASE_DAYS: wholeNumber(
    DECISION_CHASE_DAYS_BOUNDS.min,
    DECISION_CHASE_DAYS_BOUNDS.max,
    DEFAULT_DECISION_CHASE_DAYS,
  ).describe(
    "working days (1 to 60) a waiting extension request or completion waits before its deciders get it again; as many more, and the improvement team gets it",
  ),
  AT_RISK_WORKING_DAYS: wholeNumber(0, 120, DEFAULT_AT_RISK_SETTINGS.workingDaysBeforeTarget).describe(
    "an open item this many working days or fewer (0 to 120) from its target, with no update for `AT_RISK_STALE_DAYS` days, is flagged at risk",
  ),
  AT_RISK_STALE_DAYS: wholeNumber(1, 365, DEFAULT_AT_RISK_SETTINGS.staleAfterDays).describe(
    "days without an update (1 to 365) after which an item within `AT_RISK_WORKING_DAYS` of its target is flagged at risk",
  ),
  PRIORITY_LABELS: z
    .string()
    .default(DEFAULT_PRIORITY_LABELS.join(","))
    .transform((v, ctx) => {
      const parsed = parsePriorityLabels(v);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.reason });
      return z.NEVER;
    })
    .describe(
      "the council's priority labels, highest first (e.g. fundamental,important,desirable); the import's `priority` column takes one of them",
    ),
  IMPORT_MAX_ROWS: wholeNumber(1, 1_000_000, DEFAULT_IMPORT_FILE_LIMITS.rows).describe(
    "the most rows (below the headings) an import reads (1 to 1000000); a file with more is refused, saying so",
  ),
  IMPORT_MAX_FILE_MB: wholeNumber(1, 500, DEFAULT_IMPORT_FILE_LIMITS.fileBytes / (1024 * 1024)).describe(
    "the largest file, in MB (1 to 500), an import reads; a larger file is refused, saying so",
  ),
  FILE_DOWNLOAD_HOSTS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? "")
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .transform((hosts) => (hosts.length > 0 ? hosts : undefined)) // empty means the default, never "anywhere"
    .describe(
      "the only hosts a tracker file sent to the bot in Teams is downloaded from, comma-separated; `*.example.com` allows any name under it. Unset, SharePoint and OneDrive (`*.sharepoint.com`, `*.sharepoint-df.com`, `*.files.1drv.com`, `*.sharepoint.us`, `*.sharepoint-mil.us`) with credentials, and `localhost`, `127.0.0.1`, `[::1]` in local mode",
    ),
  FILE_DOWNLOAD_TIMEOUT_SECONDS: wholeNumber(1, 300, FileDownload.DEFAULT_FILE_DOWNLOAD_SECONDS).describe(
    "how long downloading a tracker file sent in Teams may take (1 to 300) before it is refused; its size limit is `IMPORT_MAX_FILE_MB`",
  ),
  IMPORT_PREVIEW_MINUTES: wholeNumber(1, 1440, FileDownload.DEFAULT_IMPORT_PREVIEW_MINUTES).describe(
    "how long (1 to 1440 minutes) a tracker file's preview card can be imported; the file is kept only that long, and deleted on Import or Cancel",
  ),
  REMINDER_PRIORITY_POLICY: z
    .string()
    .default("{}")
    .transform((v, ctx) => {
      const parsed = priorityOverrides.safeParse(parseJson(v));
      if (parsed.success) return parsed.data;
      ctx.addIssue({ code: "custom", message: PRIORITY_POLICY_HELP });
      return z.NEVER;
    })
    .describe(
      'reminders per priority, JSON by label merged over the `REMINDER_*` policy: `workingDaysBefore`, `overdueEveryDays`, `escalateAfterWorkingDays`, e.g. `{"high":{"overdueEveryDays":7,"escalateAfterWorkingDays":5},"low":{"overdueEveryDays":14}}`; `{}` means one policy for all; a label the council does not use stops start-up',
    ),
  ...directorySettingsShape,
  ...signOnSettingsShape,
});

export type Config = z.infer<typeof configSchema>;

/** The Bot Connector hosts Teams itself sends from: the public cloud (regions are paths on it) and the US government clouds. */
export const TEAMS_SERVICE_HOSTS = [
  "smba.trafficmanager.net",
  "smba.infra.gcc.teams.microsoft.com",
  "smba.infra.gov.teams.microsoft.us",
  "smba.infra.dod.teams.microsoft.us",
] as const;
export { LOOPBACK_HOSTS };

export function isLocalMode(config: Pick<Config, "MicrosoftAppId">): boolean {
  return !config.MicrosoftAppId;
}

/** Without credentials nobody else may reach the bot, so it listens on loopback unless HOST says otherwise. */
export function listenHost(config: Pick<Config, "HOST" | "MicrosoftAppId">): string {
  return config.HOST ?? (isLocalMode(config) ? "127.0.0.1" : "0.0.0.0");
}

export function allowedServiceUrlHosts(
  config: Pick<Config, "ALLOWED_SERVICE_URL_HOSTS" | "MicrosoftAppId">,
): readonly string[] {
  return config.ALLOWED_SERVICE_URL_HOSTS ?? (isLocalMode(config) ? LOOPBACK_HOSTS : TEAMS_SERVICE_HOSTS);
}

export function extensionSettingsOf(
  config: Pick<Config, "EXTENSION_APPROVER" | "EXTENSIONS_NEED_APPROVAL" | "REPEAT_EXTENSION_THRESHOLD">,
): ExtensionSettings {
  return {
    approver: config.EXTENSION_APPROVER,
    needApproval: config.EXTENSIONS_NEED_APPROVAL,
    repeatThreshold: config.REPEAT_EXTENSION_THRESHOLD,
  };
}

/** Who decides, and when waiting decisions are chased (services/offer-decisions.ts). */
export function decisionOfferSettingsOf(
  config: Pick<
    Config,
    "IMPROVEMENT_TEAM_ADMINS" | "DECISION_CHASE_DAYS" | "AT_RISK_WORKING_DAYS" | "AT_RISK_STALE_DAYS"
  >,
) {
  return {
    admins: config.IMPROVEMENT_TEAM_ADMINS,
    chaseDays: config.DECISION_CHASE_DAYS,
    atRisk: atRiskSettingsOf(config),
  };
}

export function atRiskSettingsOf(config: Pick<Config, "AT_RISK_WORKING_DAYS" | "AT_RISK_STALE_DAYS">): AtRiskSettings {
  return { workingDaysBeforeTarget: config.AT_RISK_WORKING_DAYS, staleAfterDays: config.AT_RISK_STALE_DAYS };
}

/** What the committee report's slippage tables read: the at-risk rule, the repeat threshold and the priority labels. */
export function reportSettingsOf(
  config: Pick<
    Config,
    "AT_RISK_WORKING_DAYS" | "AT_RISK_STALE_DAYS" | "REPEAT_EXTENSION_THRESHOLD" | "PRIORITY_LABELS"
  >,
): { atRisk: AtRiskSettings; repeatThreshold: number; priorityLabels: readonly string[] } {
  return {
    atRisk: atRiskSettingsOf(config),
    repeatThreshold: config.REPEAT_EXTENSION_THRESHOLD,
    priorityLabels: config.PRIORITY_LABELS,
  };
}

export function importFileLimitsOf(config: Pick<Config, "IMPORT_MAX_ROWS" | "IMPORT_MAX_FILE_MB">): ImportFileLimits {
  return {
    ...DEFAULT_IMPORT_FILE_LIMITS,
    rows: config.IMPORT_MAX_ROWS,
    fileBytes: config.IMPORT_MAX_FILE_MB * 1024 * 1024,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  if (env === process.env && existsSync(".env")) process.loadEnvFile(".env");
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`configuration is not valid: ${problems}`);
  }
  const hostProblems = directorySettingsProblems(parsed.data);
  if (hostProblems.length > 0) throw new Error(`configuration is not valid: ${hostProblems.join("; ")}`);
  return parsed.data;
}
