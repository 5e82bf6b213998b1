/**
 * The tab's HTTP API under /api/ (issue 24): the routing table, read as one. Every route signs the caller on
 * first (tab-sign-on.ts: 401 without a valid Teams token, or outside loopback in local mode), then runs its
 * named handler; a handler that throws answers 500 with a reference, never the error's text.
 */
import type restify from "restify";
import { atRiskSettingsOf, reportSettingsOf, type Config } from "../../config.js";
import type { Outcome } from "../../domain/outcome.js";
import type { Logger } from "../../logger.js";
import type { RegisterSnapshots } from "../../services/register/register-snapshots.js";
import { reminderPolicyFromConfig } from "../../services/reminders/policy-from-config.js";
import { tokenChecker, type SigningKeysOptions } from "../../services/sign-on/verify-sign-on.js";
import type { Store } from "../../services/store.js";
import { signOnSettingsOf } from "../../sign-on-settings.js";
import { answerInternalError } from "../internal-error.js";
import * as actions from "./tab-actions.js";
import type { TabApiDependencies, TabCall, TabHandler } from "./tab-call.js";
import * as exports from "./tab-exports.js";
import * as reads from "./tab-reads.js";
import { answerUnauthorised, signOnOf } from "./tab-sign-on.js";

export type { TabApiDependencies } from "./tab-call.js";

const ROUTES: readonly { method: "get" | "post"; path: string; handler: TabHandler }[] = [
  { method: "get", path: "/api/me", handler: reads.me },
  { method: "get", path: "/api/directorates", handler: reads.directorates },
  { method: "get", path: "/api/reporting-points", handler: reads.reportingPoints },
  { method: "get", path: "/api/register", handler: reads.register },
  { method: "get", path: "/api/summary", handler: reads.summary },
  { method: "get", path: "/api/items/:id", handler: reads.item },
  { method: "post", path: "/api/items/:id/update", handler: actions.update },
  { method: "post", path: "/api/items/:id/extension", handler: actions.requestExtension },
  { method: "post", path: "/api/extensions/:id/decision", handler: actions.decideExtension },
  { method: "post", path: "/api/items/:id/verification", handler: actions.decideCompletion },
  { method: "get", path: "/api/export/register.csv", handler: exports.registerCsv },
  { method: "get", path: "/api/export/register.xlsx", handler: exports.registerWorkbook },
  { method: "get", path: "/api/export/report.docx", handler: exports.wordReport },
];

/** The query string as name to value; a repeated name keeps every value (and is refused by the route's schema). */
function queryOf(req: restify.Request): TabCall["query"] {
  const query: TabCall["query"] = {};
  const search = new URL(req.url ?? "/", "http://tab.invalid").searchParams;
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    query[name] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

export function registerTabApi(server: restify.Server, deps: TabApiDependencies): void {
  for (const route of ROUTES) {
    server[route.method](route.path, async (req: restify.Request, res: restify.Response) => {
      try {
        const signedOn = await signOnOf(req, deps);
        if (!signedOn.ok) return answerUnauthorised(res, signedOn.error);
        res.header("cache-control", "no-store");
        const params = (req.params ?? {}) as Record<string, unknown>;
        await route.handler({ req, res, viewer: signedOn.viewer, deps, query: queryOf(req), params, body: req.body });
      } catch (error) {
        answerInternalError(res, deps.logger, error, "the tab could not answer this request");
      }
    });
  }
}

/** The tab's dependencies from the configuration, or why the bot must not start (sign-on not configured safely). */
export function tabApiFromConfig(
  config: Config,
  parts: {
    store: Store;
    snapshots: RegisterSnapshots;
    logger: Logger;
    now: () => Date;
    signingKeys?: SigningKeysOptions;
  },
): Outcome<TabApiDependencies> {
  const signOn = signOnSettingsOf(config);
  if (!signOn.ok) return signOn;
  return {
    ok: true,
    value: {
      ...parts,
      signOn: signOn.value,
      checkToken: signOn.value.token ? tokenChecker(signOn.value.token, parts.signingKeys) : null,
      admins: config.IMPROVEMENT_TEAM_ADMINS,
      atRisk: atRiskSettingsOf(config),
      priorityLabels: config.PRIORITY_LABELS,
      reportSettings: reportSettingsOf(config),
      lastReportDate: config.LAST_REPORT_DATE ?? null,
      actions: { config, reminderPolicy: reminderPolicyFromConfig(config) },
    },
  };
}
