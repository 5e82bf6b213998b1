/**
 * The at-risk flag (at-risk.ts) for a register item on a day: what answers, cards and the summary show beside
 * the council's status. Kept apart from the status, which stays the council's key.
 */
import { type IsoDate } from "../dates/calendar-date.js";
import { assessAtRisk, type AtRiskAssessment, type AtRiskSettings } from "./at-risk.js";
import { type RegisterItem } from "../register/register.js";

/** Noon UTC on a London day is that same day in London, whatever the season: the rule reads only the day. */
function instantOn(today: IsoDate): Date {
  return new Date(`${today}T12:00:00Z`);
}

type AtRiskItem = Pick<
  RegisterItem,
  "progress" | "originalTarget" | "revisedTarget" | "confidence" | "lastUpdateAt" | "latestUpdate"
>;

/** Register items are never mutated (a reload replaces them), so each is assessed once per day and settings. */
const memo = new WeakMap<AtRiskItem, { key: string; assessment: AtRiskAssessment }>();

export function itemAtRisk(item: AtRiskItem, settings: AtRiskSettings, today: IsoDate): AtRiskAssessment {
  const key = `${today}|${settings.workingDaysBeforeTarget}|${settings.staleAfterDays}`;
  const kept = memo.get(item);
  if (kept?.key === key) return kept.assessment;
  const assessment = assessAtRisk(
    {
      progress: item.progress,
      effectiveTarget: item.revisedTarget.end ?? item.originalTarget.end,
      latestConfidence: item.confidence ?? null,
      lastUpdateAt: item.lastUpdateAt ?? null,
      undatedNote: Boolean(item.latestUpdate?.trim()),
    },
    settings,
    instantOn(today),
  );
  memo.set(item, { key, assessment });
  return assessment;
}

/** The flag as people read it beside the status: "At risk: the owner said on 3 Jun 2025 it will miss its target 30 Jun 2025". */
export function atRiskText(assessment: AtRiskAssessment): string {
  return assessment.atRisk ? `At risk: ${assessment.reasons.map((r) => r.text).join("; ")}` : "";
}
