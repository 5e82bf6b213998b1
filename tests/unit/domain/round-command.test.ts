/** Reading "start update round <name> by <date>": the name, the deadline, and clear refusals. */
import { describe, expect, it } from "vitest";
import { parseStartRoundCommand } from "../../../src/domain/updates/round-command.js";

const TODAY = "2025-11-20";

describe("parseStartRoundCommand", () => {
  it.each([
    ["start update round January Audit Committee by 15 December", "January Audit Committee", "2025-12-15"],
    ["Start an update round for the January Audit Committee by 15th Dec", "January Audit Committee", "2025-12-15"],
    ["start update round July Audit Committee by 1 June", "July Audit Committee", "2026-06-01"],
    ["start update round Review by the LGA by 2025-12-01", "Review by the LGA", "2025-12-01"],
    ["start update round Cabinet by 20 November", "Cabinet", "2025-11-20"],
    ["start update round Cabinet by 19/12/2025", "Cabinet", "2025-12-19"],
    ["start update round Cabinet by December 19", "Cabinet", "2025-12-19"],
  ])("%s", (text, name, deadline) => {
    expect(parseStartRoundCommand(text, TODAY)).toEqual({ ok: true, name, deadline });
  });

  it.each([
    ["start update round January Audit Committee", "Say when updates are due"],
    ["start update round by 15 December", "Give the round a name"],
    ["start update round Cabinet by December 2025", 'Give the day as well as the month, e.g. "by 15 December 2025"'],
    ["start update round Cabinet by 31 June", '"31 June" is not a day of the year'],
    ["start update round Cabinet by soon", 'I could not read "soon" as a date'],
    ["start update round Cabinet by 1 January 2025", "The deadline 1 Jan 2025 has already passed"],
  ])("%s is refused: %s", (text, reason) => {
    const parsed = parseStartRoundCommand(text, TODAY);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? "" : parsed.reason).toContain(reason);
  });
});
