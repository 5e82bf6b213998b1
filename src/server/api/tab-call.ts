/**
 * What every tab route handler gets: the request's parts already read (query, path parameters, body), the
 * signed-in viewer, and the dependencies the routes share.
 */
import type restify from "restify";
import type { AtRiskSettings } from "../../domain/status/at-risk.js";
import type { Logger } from "../../logger.js";
import type { SignedInViewer } from "../../services/sign-on/signed-in-viewer.js";
import type { RegisterSnapshots } from "../../services/register/register-snapshots.js";
import type { ReportSettings } from "../../services/reports/load-committee-report.js";
import type { Store } from "../../services/store.js";
import type { TabActions } from "./tab-actions.js";
import type { SignOnDependencies } from "./tab-sign-on.js";

export interface TabApiDependencies extends SignOnDependencies {
  store: Store;
  logger: Logger;
  snapshots: RegisterSnapshots;
  now: () => Date;
  atRisk: AtRiskSettings;
  priorityLabels: readonly string[];
  /** The committee report's settings, for the Word report. */
  reportSettings: ReportSettings;
  /** LAST_REPORT_DATE: where a first reporting point's period starts. */
  lastReportDate: string | null;
  /** What the POST routes need beyond the above: the same as the card verbs. */
  actions: TabActions;
}

export interface TabCall {
  req: restify.Request;
  res: restify.Response;
  viewer: SignedInViewer;
  deps: TabApiDependencies;
  /** The query string as name to value (a list where a name is repeated). */
  query: Record<string, string | string[]>;
  params: Record<string, unknown>;
  body: unknown;
}

export type TabHandler = (call: TabCall) => Promise<void>;
