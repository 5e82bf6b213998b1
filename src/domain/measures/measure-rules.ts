/**
 * The Council Plan's performance rules, pure: the direction of travel from the previous period of the same
 * kind (by the measure's polarity), the status from the target unless the performance team overrode it,
 * and the exception the quarterly report picks: "off track and direction of travel is worsening", or one
 * the team included by hand. Worded as the pack words it: "10.1% against a target of 7% (lower is better)".
 */
import { readFigure, showFigure, type Figure } from "./measure-figures.js";
import { previousPeriodKey } from "./measure-periods.js";

export const Polarity = { high: "high", low: "low" } as const;
export type Polarity = (typeof Polarity)[keyof typeof Polarity];

export const Direction = {
  improving: "improving",
  worsening: "worsening",
  unchanged: "unchanged",
  unknown: "unknown",
} as const;
export type Direction = (typeof Direction)[keyof typeof Direction];

export const MeasureStatus = {
  onTarget: "on_target",
  offTarget: "off_target",
  noTarget: "no_target",
  noValue: "no_value",
} as const;
export type MeasureStatus = (typeof MeasureStatus)[keyof typeof MeasureStatus];

export const MEASURE_STATUS_LABELS: Record<MeasureStatus, string> = {
  on_target: "on target",
  off_target: "off target",
  no_target: "no target",
  no_value: "no figure yet",
};

/**
 * What the `status_override` column may say: `exception` includes the measure among the exceptions
 * whatever its figures; `on_target` or `off_target` set its status (and so whether it can be one).
 */
export const StatusOverride = { exception: "exception", onTarget: "on_target", offTarget: "off_target" } as const;
export type StatusOverride = (typeof StatusOverride)[keyof typeof StatusOverride];
export const STATUS_OVERRIDES: readonly StatusOverride[] = Object.values(StatusOverride);

export function readPolarity(cell: string): Polarity | null {
  const text = cell.trim().toLowerCase();
  return text === Polarity.high || text === Polarity.low ? text : null;
}

export function readStatusOverride(cell: string): StatusOverride | null | undefined {
  const text = cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  if (text === "") return null;
  return (STATUS_OVERRIDES as readonly string[]).includes(text) ? (text as StatusOverride) : undefined;
}

/** "lower is better" / "higher is better", as the pack says it. */
export function polarityWords(polarity: Polarity): string {
  return polarity === Polarity.low ? "lower is better" : "higher is better";
}

/** Which way the measure moved since the previous period, good or bad by its polarity; unknown without both figures. */
export function directionOfTravel(current: number | null, previous: number | null, polarity: Polarity): Direction {
  if (current === null || previous === null) return Direction.unknown;
  if (current === previous) return Direction.unchanged;
  const rose = current > previous;
  return rose === (polarity === Polarity.high) ? Direction.improving : Direction.worsening;
}

/** On target when the figure meets the target (at or below it when lower is better); the override, when set, decides. */
export function measureStatus(
  value: number | null,
  target: number | null,
  polarity: Polarity,
  override: StatusOverride | null,
): MeasureStatus {
  if (override === StatusOverride.onTarget) return MeasureStatus.onTarget;
  if (override === StatusOverride.offTarget) return MeasureStatus.offTarget;
  if (target === null) return MeasureStatus.noTarget;
  if (value === null) return MeasureStatus.noValue;
  const met = polarity === Polarity.low ? value <= target : value >= target;
  return met ? MeasureStatus.onTarget : MeasureStatus.offTarget;
}

/** The pack's exception: off target and worsening, or included by the override. */
export function isException(status: MeasureStatus, direction: Direction, override: StatusOverride | null): boolean {
  if (override === StatusOverride.exception) return true;
  return status === MeasureStatus.offTarget && direction === Direction.worsening;
}

export interface ReadingFacts {
  valueRaw: string;
  targetRaw: string;
  polarity: Polarity;
}

/** "10.1% against a target of 7% (lower is better)"; "54 (no target; higher is better)" when there is none. */
export function againstTarget(reading: ReadingFacts): string {
  const value = showFigure(readFigure(reading.valueRaw));
  const target: Figure = readFigure(reading.targetRaw);
  if (target.value === null) return `${value} (no target; ${polarityWords(reading.polarity)})`;
  return `${value} against a target of ${showFigure(target)} (${polarityWords(reading.polarity)})`;
}

export interface AssessedReading {
  periodKey: string;
  direction: Direction;
  status: MeasureStatus;
  exception: boolean;
}

/** Every reading of one measure assessed against the previous period of its own kind. */
export function assessReadings(
  readings: readonly {
    periodKey: string;
    value: number | null;
    target: number | null;
    statusOverride: string | null;
  }[],
  polarity: Polarity,
): Map<string, AssessedReading> {
  const byKey = new Map(readings.map((r) => [r.periodKey, r]));
  const assessed = new Map<string, AssessedReading>();
  for (const reading of readings) {
    const previous = byKey.get(previousPeriodKey(reading.periodKey));
    const override = (reading.statusOverride as StatusOverride | null) ?? null;
    const direction = directionOfTravel(reading.value, previous?.value ?? null, polarity);
    const status = measureStatus(reading.value, reading.target, polarity, override);
    assessed.set(reading.periodKey, {
      periodKey: reading.periodKey,
      direction,
      status,
      exception: isException(status, direction, override),
    });
  }
  return assessed;
}
