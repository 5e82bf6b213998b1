/**
 * The demo register as `npm start` loads it into an empty database: D1 with its dates moved to today,
 * progress notes included, and three actions for the Agents Playground's user so "my actions" has
 * something to show on a first try.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { itemStatus, type RegisterReview } from "../../src/domain/register/register.js";
import { effectiveTarget, selectItems } from "../../src/domain/questions/select-items.js";
import { loadDemoRegister, PLAYGROUND_USER_EMAIL } from "../../src/services/imports/load-demo-register.js";
import { STORES, storeDatabases } from "../support/stores.js";
import { createTestDatabase, type TestDatabase } from "../support/test-database.js";

const TODAY = "2026-11-30"; // 18 months after the paper's May 2025
const NOW = new Date("2026-11-30T12:00:00Z");
let db: TestDatabase;
let reviews: RegisterReview[];

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
    const report = await loadDemoRegister(db.prisma, NOW);
    expect(report?.ok).toBe(true);
    reviews = await loadRegister(db.prisma);
  });
  afterAll(async () => {
    await db.close();
  });

  describe("the demo register", () => {
    it("moves the dates written in progress notes with the targets", async () => {
      const item = await db.prisma.item.findFirstOrThrow({ where: { ref: "Area for improvement 1 and 4" } });
      expect(item.revisedTargetRaw).toBe("Mar-27");
      expect(item.latestUpdate).toContain("expected to be completed by March 2027");
      expect(item.latestUpdate).not.toContain("September 2025");
    });

    it("gives the playground's user an overdue action, one due within a fortnight and one with months to go", () => {
      const mine = selectItems(reviews, { mine: true, open: true }, TODAY, { email: PLAYGROUND_USER_EMAIL });
      expect(mine).toHaveLength(3);
      const targets = mine.map((s) => effectiveTarget(s.item)!).sort();
      expect(targets[0]! < TODAY).toBe(true);
      expect(targets[1]! > TODAY && targets[1]! <= "2026-12-14").toBe(true);
      expect(targets[2]! > "2027-03-01").toBe(true);
      expect(mine.map((s) => itemStatus(s.item, TODAY).status).sort()).toEqual([
        "not_started",
        "on_track",
        "partly_delayed",
      ]);
    });

    it("gives the SEND inspection's EHCP item the papers' milestones (50% by Dec 2025, 60% by Sep 2026, moved with the rest), not counted", () => {
      const send = reviews.find((r) => r.title.startsWith("Ofsted Area SEND inspection"))!;
      const milestones = send.items.filter((i) => i.kind === "milestone");
      expect(
        milestones.map((m) => [m.text, m.parentRef, m.originalTarget.raw, m.ownerEmail, m.counted, m.progress]),
      ).toEqual([
        ["EHCP compliance 50%", "Area for improvement 1", "Jun-27", "cyps.owner3@example.org", false, "in_progress"],
        ["EHCP compliance 60%", "Area for improvement 1", "Mar-28", "cyps.owner3@example.org", false, "not_started"],
      ]);
      expect(send.items.find((i) => i.ref === "Area for improvement 1")?.originalTarget.raw).toBe("March 2028");
      // Steps, not items: the demo's inspections still hold D1's 34 items and the playground user's three actions;
      // beside them the OSMB pack's seven scrutiny recommendations, its Ombudsman cases' fifteen rows and the three
      // Council Plan exceptions' improvement actions.
      const countedFrom = (source: string) =>
        reviews
          .filter((r) => (r.source ?? "inspection") === source)
          .flatMap((r) => r.items)
          .filter((i) => i.counted).length;
      expect([
        countedFrom("inspection"),
        countedFrom("scrutiny"),
        countedFrom("ombudsman"),
        countedFrom("council_plan"),
      ]).toEqual([37, 7, 15, 3]);
      expect(reviews.flatMap((r) => r.items).filter((i) => i.counted)).toHaveLength(62);
    });

    it("gives the two recommendations the pack reports on 12 months after implementation their follow-up milestones, after their targets, not counted", () => {
      const followUps = reviews
        .filter((r) => r.source === "scrutiny")
        .flatMap((r) => r.items)
        .filter((i) => i.kind === "milestone");
      const targetOf = (review: string) =>
        reviews.find((r) => r.title.startsWith(review))?.items.find((i) => i.ref === "Recommendation 1")?.originalTarget
          .raw;
      expect(followUps.map((m) => [m.ref, m.text, m.originalTarget.raw, m.ownerEmail, m.counted])).toEqual([
        [
          "Recommendation 1 follow-up report",
          "Report back to Overview and Scrutiny Management Board on implementation",
          "2028-07-31",
          "culture.lead@example.org",
          false,
        ],
        [
          "Recommendation 1 follow-up report",
          "Report back to Overview and Scrutiny Management Board on implementation",
          "2028-12-31",
          "energy.lead@example.org",
          false,
        ],
      ]);
      expect([targetOf("Rotherham's Cultural Strategy"), targetOf("Community Energy")]).toEqual([
        "2027-07-31",
        "2027-12-31",
      ]);
    });

    it("loads only into an empty register", async () => {
      expect(await loadDemoRegister(db.prisma, NOW)).toBeNull();
    });
  });
});

describe("the demo register loaded early in a month, a week before the paper's own day of the month comes round", () => {
  const EARLY = new Date("2026-12-07T09:00:00Z");
  let early: TestDatabase;
  let earlyReviews: RegisterReview[];
  beforeAll(async () => {
    early = await createTestDatabase();
    expect((await loadDemoRegister(early.prisma, EARLY))?.ok).toBe(true);
    earlyReviews = await loadRegister(early.prisma);
  });
  afterAll(async () => {
    await early.close();
  });

  it("dates no completion after today (the paper's mid-May completions would otherwise land on 15 Dec)", () => {
    const completions = earlyReviews.flatMap((r) => r.items).flatMap((i) => (i.completedOn ? [i.completedOn] : []));
    expect(completions.length).toBeGreaterThan(0);
    expect(completions.filter((on) => on > "2026-12-07")).toEqual([]);
  });

  it("moves the dates written in an item's own text with its target", () => {
    const item = earlyReviews.flatMap((r) => r.items).find((i) => i.text.startsWith("A tabletop exercise"))!;
    expect(item.originalTarget.raw).toBe("Review date March 2028");
    expect(item.text).toContain("(review date March 2028)");
  });
});
