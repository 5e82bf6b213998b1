/**
 * People are named as a committee paper names them: the item card (owner and its history), an answer in chat
 * and the Word report show "Jo Bloggs, Head of Customer Services" where they showed an email, rendered by the
 * official card renderer and read back from the .docx; the export keeps the email, which is data there.
 * The names are set in the database as the directory (or Teams' roster) would have filled them.
 */
import path from "node:path";
import AdmZip from "adm-zip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { parseQuestion } from "../../src/domain/questions/question.js";
import { importRegister } from "../../src/services/imports/import-register.js";
import { answerQuestion } from "../../src/services/questions/answer-question.js";
import { loadItemView } from "../../src/services/register/item-view.js";
import { renderItemCard, renderVerificationCard } from "../../src/cards/item-cards.js";
import { buildWordReport } from "../../src/services/reports/build-word-report.js";
import { buildExportRows } from "../../src/services/reports/export-register.js";
import { committeeReportForPeriod } from "../../src/services/reports/load-committee-report.js";
import { CardRenderer } from "../support/card-renderer.js";
import { addSlippage, findItem } from "../support/slippage-scenario.js";
import { createTestDatabase, FIXTURES, type TestDatabase } from "../support/test-database.js";

const TODAY = "2024-01-09";
const OWNER = "customer.experience@example.org";
const OWNER_LABEL = "Jo Bloggs, Head of Customer Services";
const DECIDER_LABEL = "Sam Patel, Corporate Improvement Officer";
let db: TestDatabase;
let renderer: CardRenderer;

beforeAll(async () => {
  db = await createTestDatabase();
  const imported = await importRegister(db.prisma, {
    file: path.join(FIXTURES, "d0-register.csv"),
    dryRun: false,
    actor: "test",
    today: TODAY,
    now: new Date("2023-07-01T10:00:00Z"),
  });
  expect(imported.errors).toEqual([]);
  await addSlippage(db.prisma);
  // What the directory gave for the owner and the improvement team member who decided their requests.
  await db.prisma.person.update({
    where: { email: OWNER },
    data: { name: "Jo Bloggs", jobTitle: "Head of Customer Services", profileRefreshedAt: new Date() },
  });
  await db.prisma.person.upsert({
    where: { email: "improvement.team@example.org" },
    create: { email: "improvement.team@example.org", name: "Sam Patel", jobTitle: "Corporate Improvement Officer" },
    update: { name: "Sam Patel", jobTitle: "Corporate Improvement Officer" },
  });
  renderer = await CardRenderer.start();
}, 60_000);
afterAll(async () => {
  await renderer?.close();
  await db?.close();
});

describe("cards and answers name people", () => {
  it("the item card names its owner and who changed it, by name and job title", async () => {
    const item = await findItem(db.prisma, "Customer Service Peer Review", "Action 10");
    const view = (await loadItemView(db.prisma, item.id, TODAY))!;
    const rendered = await renderer.render(renderItemCard(view, { editable: true }), "item-owner-by-name");
    expect(rendered.problems).toEqual([]);
    const text = rendered.text.replace(/\s+/g, " ");
    expect(text).toContain(OWNER_LABEL);
    // The improvement team set its priority: its history says who by name.
    expect(text).toContain(DECIDER_LABEL);
    expect(text).not.toContain("improvement.team@example.org");
    // The email is kept only where it is typed back (the delegate's input), never shown as the owner.
    expect(text).not.toContain(OWNER);
  });

  it("the verification card names the owner", async () => {
    const item = await findItem(db.prisma, "Customer Service Peer Review", "Action 10");
    const view = { ...(await loadItemView(db.prisma, item.id, TODAY))!, verification: "awaiting" };
    const rendered = await renderer.render(renderVerificationCard(view, { decidable: true }), "verify-owner-by-name");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain(OWNER_LABEL);
    expect(rendered.text).not.toContain(OWNER);
  });

  it("an answer in chat names the owners it lists; an owner with no name known is named by email", async () => {
    const register = await loadRegister(db.prisma);
    const text = "what's delayed in FCS?";
    const question = parseQuestion(text, {
      today: TODAY,
      reviewTitles: register.map((r) => r.title),
      bodies: register.map((r) => r.body ?? ""),
    });
    const answer = answerQuestion({
      question,
      text,
      reviews: register,
      viewer: { email: OWNER, scope: "personal" },
      context: { today: TODAY, lastReportDate: "2023-07-27", statusKey: "2024" },
      offset: 0,
    });
    const rendered = await renderer.render(answer.card, "answer-owners-by-name");
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain(OWNER_LABEL);
    expect(rendered.text).not.toContain(OWNER);
  });
});

describe("the Word report names people; the export keeps emails", () => {
  it("the overdue priority table names the owner and the extension table who decided", async () => {
    const loaded = await committeeReportForPeriod(db.prisma, { statusKey: "2024", since: "2023-07-27", today: TODAY });
    if (!loaded.ok) throw new Error(loaded.reason);
    const xml = new AdmZip(await buildWordReport(loaded.model)).readAsText("word/document.xml");
    const words = xml
      .replace(/<[^>]+>/g, "")
      .replace(/\u200b/g, "")
      .replace(/&amp;/g, "&");
    expect(words).toContain(OWNER_LABEL);
    expect(words).toContain(`${DECIDER_LABEL} on 5 Sep 2023`);
    expect(words).not.toContain(OWNER);
    expect(words).not.toContain("improvement.team@example.org");
  });

  it("the register export keeps each owner's email", async () => {
    const item = await findItem(db.prisma, "Customer Service Peer Review", "Action 10");
    const rows = buildExportRows(await loadRegister(db.prisma), TODAY, "2024");
    expect(rows.find((row) => row.itemId === item.id)?.cells).toContain(OWNER);
    expect(JSON.stringify(rows)).not.toContain("Jo Bloggs");
  });
});
