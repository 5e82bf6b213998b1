/** The report's sections for the other registers, each built by its source's own folder; none for a source with nothing. */
import type { IsoDate } from "../../dates/calendar-date.js";
import { ombudsmanReportSection } from "../../ombudsman/ombudsman-report.js";
import type { RegisterReview } from "../../register/register.js";
import type { SourceSection } from "../source-section.js";

export function sourceSections(register: readonly RegisterReview[], since: IsoDate, today: IsoDate): SourceSection[] {
  return [ombudsmanReportSection(register, since, today)].filter((s): s is SourceSection => s !== null);
}
