/**
 * Roles, owner assignments and reporting points each write their change and its history row together,
 * on real SQLite and PostgreSQL databases: who did it, when, and what it was before and after, as `history` and the
 * audit log show them; a refused change writes neither. Also who the unreachable-owners report names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignOwner } from "../../src/services/imports/enter-register-data.js";
import { grantRole } from "../../src/services/people/manage-roles.js";
import { RoleName, type Actor } from "../../src/services/people/permissions.js";
import { findUnreachableOwners } from "../../src/services/reminders/report-unreachable-owners.js";
import { createReportingPoint } from "../../src/services/reports/reporting-points.js";
import { addItem, addPerson } from "../support/reminder-fixtures.js";
import { STORES, storeDatabases } from "../support/stores.js";
import type { TestDatabase } from "../support/test-database.js";

const NOW = new Date("2025-06-24T09:30:00Z");
const TEAM: Actor = { personId: null, email: "improvement@example.org", isImprovementTeam: true, leads: [] };
const RE_LEAD: Actor = { personId: null, email: "re.lead@example.org", isImprovementTeam: false, leads: ["RE"] };
const SERVICE_URL = "http://127.0.0.1:9/unused";

let db: TestDatabase;

const databaseOn = storeDatabases();

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    db = await databaseOn(store);
  });
  afterAll(async () => {
    await db.close();
  });

  const auditOf = (entityType: string, action: string) =>
    db.prisma.auditEntry.findMany({ where: { entityType, action }, orderBy: { id: "asc" } });
  const json = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

  describe("granting a role", () => {
    it("makes a directorate lead, records who gave it and the lead it replaced, and a second grant writes nothing", async () => {
      const granted = await grantRole(
        db.prisma,
        { email: " Sam@Example.org ", role: RoleName.directorateLead, directorate: "cyps" },
        TEAM,
        NOW,
      );
      expect(granted).toEqual({
        ok: true,
        email: "sam@example.org",
        role: "directorate_lead",
        directorateId: "CYPS",
        alreadyHad: false,
      });
      expect((await db.prisma.directorate.findUniqueOrThrow({ where: { id: "CYPS" } })).leadEmail).toBe(
        "sam@example.org",
      );

      const [leadChange] = await auditOf("directorate", "lead_changed");
      expect(leadChange).toMatchObject({ actor: "improvement@example.org", at: NOW });
      expect(json(leadChange!.before)).toEqual({ directorate: "CYPS", lead: null });
      expect(json(leadChange!.after)).toEqual({ directorate: "CYPS", lead: "sam@example.org" });
      const [grant] = await auditOf("role", "granted");
      expect(grant).toMatchObject({ actor: "improvement@example.org", at: NOW, before: null });
      expect(json(grant!.after)).toEqual({ email: "sam@example.org", role: "directorate_lead", directorate: "CYPS" });

      const entries = await db.prisma.auditEntry.count();
      const again = await grantRole(
        db.prisma,
        { email: "sam@example.org", role: RoleName.directorateLead, directorate: "CYPS" },
        TEAM,
        NOW,
      );
      expect(again).toMatchObject({ ok: true, alreadyHad: true });
      expect(await db.prisma.auditEntry.count()).toBe(entries);
      expect(await db.prisma.role.count({ where: { person: { email: "sam@example.org" } } })).toBe(1);
    });

    it("refuses anyone outside the improvement team and writes nothing", async () => {
      const entries = await db.prisma.auditEntry.count();
      const refused = await grantRole(db.prisma, { email: "kim@example.org", role: RoleName.viewer }, RE_LEAD, NOW);
      expect(refused).toEqual({ ok: false, reason: "Only the improvement team can give people roles." });
      expect(await db.prisma.person.count({ where: { email: "kim@example.org" } })).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(entries);
    });
  });

  describe("assigning an owner", () => {
    it("changes only the items with another owner, each with its before and after in the history and a new version", async () => {
      const ana = await addPerson(db.prisma, SERVICE_URL, "ana@example.org");
      const bo = await addPerson(db.prisma, SERVICE_URL, "bo@example.org");
      const fromAna = await addItem(db.prisma, {
        ownerId: ana.personId,
        originalTarget: "2025-09-30",
        directorateId: "RE",
      });
      const alreadyBo = await addItem(db.prisma, {
        ownerId: bo.personId,
        originalTarget: "2025-09-30",
        directorateId: "RE",
      });

      const outcome = await assignOwner(db.prisma, [fromAna, alreadyBo], " BO@example.org", RE_LEAD, NOW);
      expect(outcome).toEqual({ ok: true, changed: 1, owner: "bo@example.org" });
      const items = await db.prisma.item.findMany({
        where: { id: { in: [fromAna, alreadyBo] } },
        orderBy: { id: "asc" },
      });
      expect(items.map((i) => [i.ownerId, i.version])).toEqual([
        [bo.personId, 2],
        [bo.personId, 1],
      ]);
      const history = await auditOf("item", "assigned");
      expect(history.map((h) => [h.entityId, h.actor, h.at, json(h.before), json(h.after)])).toEqual([
        [fromAna, "re.lead@example.org", NOW, { owner_email: "ana@example.org" }, { owner_email: "bo@example.org" }],
      ]);
    });

    it("refuses a lead of another directorate for every item, and changes none of them", async () => {
      const mine = await addItem(db.prisma, { ownerId: null, originalTarget: "2025-09-30", directorateId: "RE" });
      const theirs = await addItem(db.prisma, { ownerId: null, originalTarget: "2025-09-30", directorateId: "ACHPH" });
      const entries = await db.prisma.auditEntry.count();
      const refused = await assignOwner(db.prisma, [mine, theirs], "cat@example.org", RE_LEAD, NOW);
      expect(refused).toEqual({ ok: false, reason: "Only the improvement team or the ACHPH lead can assign owners." });
      expect((await db.prisma.item.findMany({ where: { id: { in: [mine, theirs] } } })).map((i) => i.ownerId)).toEqual([
        null,
        null,
      ]);
      expect(await db.prisma.person.count({ where: { email: "cat@example.org" } })).toBe(0);
      expect(await db.prisma.auditEntry.count()).toBe(entries);
    });
  });

  describe("naming a reporting point", () => {
    it("records the point and who named it; the same name again is refused and adds nothing", async () => {
      const created = await createReportingPoint(db.prisma, {
        name: "Audit Committee 28 January 2027",
        cutOff: "2027-01-14",
        actor: "improvement@example.org",
      });
      expect(created).toMatchObject({
        ok: true,
        point: {
          name: "Audit Committee 28 January 2027",
          meetingDate: "2027-01-28",
          cutOff: "2027-01-14",
          snapshotAt: null,
        },
      });
      const [history] = await auditOf("reporting_point", "created");
      expect(history).toMatchObject({ actor: "improvement@example.org", before: null });
      expect(json(history!.after)).toEqual({
        name: "Audit Committee 28 January 2027",
        meetingDate: "2027-01-28",
        cutOff: "2027-01-14",
      });

      const again = await createReportingPoint(db.prisma, {
        name: "audit committee 28 january 2027",
        cutOff: "2027-01-15",
        actor: "improvement@example.org",
      });
      expect(again).toEqual({
        ok: false,
        reason:
          'There is already a reporting point called "Audit Committee 28 January 2027" (cut-off 2027-01-14). Choose another name.',
      });
      expect(await db.prisma.reportingPoint.count()).toBe(1);
      expect(await auditOf("reporting_point", "created")).toHaveLength(1);
    });
  });

  describe("owners the bot cannot reach", () => {
    it("names owners of open items with no chat or who blocked the bot, with their open items, and no one else", async () => {
      const noChat = await addPerson(db.prisma, SERVICE_URL, "no.chat@example.org", { chat: false, name: "Noor Chat" });
      const blocked = await addPerson(db.prisma, SERVICE_URL, "blocked@example.org", { unreachable: true });
      const reachable = await addPerson(db.prisma, SERVICE_URL, "reachable@example.org");
      const finished = await addPerson(db.prisma, SERVICE_URL, "finished@example.org", { chat: false });
      await addItem(db.prisma, { ownerId: noChat.personId, originalTarget: "2025-09-30" });
      await addItem(db.prisma, { ownerId: noChat.personId, originalTarget: null, progress: "not_started" });
      await addItem(db.prisma, { ownerId: noChat.personId, originalTarget: "2025-03-31", progress: "complete" });
      await addItem(db.prisma, { ownerId: blocked.personId, originalTarget: "2025-09-30" });
      await addItem(db.prisma, { ownerId: reachable.personId, originalTarget: "2025-09-30" });
      await addItem(db.prisma, { ownerId: finished.personId, originalTarget: "2025-03-31", progress: "complete" });

      const owners = (await findUnreachableOwners(db.prisma)).filter((o) =>
        o.email.match(/^(no\.chat|blocked|reachable|finished)@/),
      );
      expect(owners).toEqual([
        {
          email: "blocked@example.org",
          name: null,
          reason: "blocked or removed the bot",
          open_items: 1,
          open_milestones: 0,
        },
        {
          email: "no.chat@example.org",
          name: "Noor Chat",
          reason: "no chat with the bot yet: install the app for them",
          open_items: 2,
          open_milestones: 0,
        },
      ]);
    });
  });
});
