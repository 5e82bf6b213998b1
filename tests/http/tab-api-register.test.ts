/**
 * The tab's register API over the real server and a real SQLite register (D0 with a children's home): the grid
 * gives what `status --json` gives, filtered the same way; pages add up; bad parameters are refused with what to
 * fix; a channel tab for CYPS never shows a confidential item by any route (grid, summary, item, search, CSV,
 * workbook, Word report); and an update made through the API is the card's own, in the item's history and the
 * audit log, refused when stale, malformed or not allowed.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadRegister } from "../../src/data/register/register-store.js";
import { listItemStatuses } from "../../src/domain/register/register.js";
import { DEFAULT_AT_RISK_SETTINGS } from "../../src/domain/status/at-risk.js";
import { itemAtRisk } from "../../src/domain/status/item-at-risk.js";
import { createAdapter } from "../../src/bot/create-bot.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createReportingPoint } from "../../src/services/reports/reporting-points.js";
import { channelMention } from "../support/bot-fixtures.js";
import { outboxDispatcher } from "../support/outbox-dispatcher.js";
import { HOME, HOME_ITEM_TEXT, HOME_OWNER, startTabWorld, TAB_ADMIN, type TabWorld } from "../support/tab-api.js";

const TODAY = "2024-01-09";
const CONFIDENTIAL_WORDS = ["Oakfield", "Grange", HOME_ITEM_TEXT, HOME_OWNER, "night staffing rota", "Locks fitted"];

interface Row {
  id: number;
  review_title: string;
  item_ref: string;
  directorate: string;
  owner_email: string | null;
  progress: string;
  original_target: string | null;
  revised_target: string | null;
  status: string;
  reason: string;
  version: number;
  confidential: boolean;
  effective_target: string | null;
  at_risk: boolean;
  waiting: string[];
}
interface Page {
  items: Row[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

let tab: TabWorld;

async function json<T>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

/** Every row the register route gives for `query`, page by page. */
async function allRows(query: string, who = TAB_ADMIN): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await json<Page>(await tab.call(who, `/api/register?pageSize=100&page=${page}&${query}`));
    rows.push(...answer.items);
    if (page >= answer.pages) return rows;
  }
}

/** `status --json`'s lines for the same filter, as the command line computes them. */
async function statusJson(filter: { directorateId?: string; status?: "partly_delayed" | "complete" } = {}) {
  const lines = listItemStatuses(await loadRegister(tab.world.prisma), TODAY, filter);
  return lines.map((l) => ({
    review_title: l.review_title,
    item_ref: l.item_ref,
    directorate: l.directorate,
    owner_email: l.owner_email,
    progress: l.progress,
    original_target: l.original_target,
    revised_target: l.revised_target,
    status: l.status,
    reason: l.reason,
  }));
}

const statusFields = (row: Row) => ({
  review_title: row.review_title,
  item_ref: row.item_ref,
  directorate: row.directorate,
  owner_email: row.owner_email,
  progress: row.progress,
  original_target: row.original_target,
  revised_target: row.revised_target,
  status: row.status,
  reason: row.reason,
});
const byKey = (a: { review_title: string; item_ref: string }, b: { review_title: string; item_ref: string }) =>
  `${a.review_title}|${a.item_ref}`.localeCompare(`${b.review_title}|${b.item_ref}`);

beforeAll(async () => {
  tab = await startTabWorld();
}, 120_000);

afterAll(async () => {
  await tab?.close();
});

describe("the register grid", () => {
  it.each([
    ["", {}],
    ["directorate=CYPS", { directorateId: "CYPS" }],
    ["status=partly_delayed", { status: "partly_delayed" as const }],
    ["directorate=RE&status=complete", { directorateId: "RE", status: "complete" as const }],
  ])("with %s gives what status --json gives, filtered the same way", async (query, filter) => {
    const rows = await allRows(query);
    const expected = await statusJson(filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map(statusFields).sort(byKey)).toEqual(expected.sort(byKey));
  });

  it("searches the review title, the ref, the item's text and the owner, whatever the case", async () => {
    const register = await loadRegister(tab.world.prisma);
    const word = "send";
    const expected = register.flatMap((review) =>
      review.items
        .filter((item) =>
          [review.title, item.ref, item.text, item.ownerEmail ?? "", item.ownerLabel ?? ""].some((t) =>
            t.toLowerCase().includes(word),
          ),
        )
        .map((item) => `${review.title}|${item.ref}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    const rows = await allRows(`q=SeNd`);
    expect(rows.map((r) => `${r.review_title}|${r.item_ref}`).sort()).toEqual(expected.sort());
  });

  it("flags and filters at-risk items by the at-risk rule, and the summary counts what the grid lists", async () => {
    const register = await loadRegister(tab.world.prisma);
    const expected = register
      .flatMap((review) => review.items)
      .filter((item) => itemAtRisk(item, DEFAULT_AT_RISK_SETTINGS, TODAY).atRisk)
      .map((item) => item.id);
    expect(expected.length).toBeGreaterThan(0);
    const atRisk = await allRows("atRisk=true");
    expect(atRisk.map((r) => r.id).sort()).toEqual(expected.sort());
    expect(atRisk.every((r) => r.at_risk)).toBe(true);
    const summary = await json<{ total: number; byStatus: Record<string, number> }>(
      await tab.call(TAB_ADMIN, "/api/summary"),
    );
    const lines = await statusJson();
    expect(summary.total).toBe(lines.length);
    for (const [status, count] of Object.entries(summary.byStatus))
      expect(count, status).toBe(lines.filter((l) => l.status === status).length);
  });

  it("pages add up: each page holds its share, in one order, and the totals agree", async () => {
    const first = await json<Page>(await tab.call(TAB_ADMIN, "/api/register?pageSize=10&sort=ref"));
    const all = await allRows("sort=ref");
    expect(first.total).toBe(all.length);
    expect(first.pages).toBe(Math.ceil(all.length / 10));
    expect(first.items.map((r) => r.id)).toEqual(all.slice(0, 10).map((r) => r.id));
    const last = await json<Page>(await tab.call(TAB_ADMIN, `/api/register?pageSize=10&sort=ref&page=${first.pages}`));
    expect(last.items.length).toBe(all.length - 10 * (first.pages - 1));
    const beyond = await json<Page>(await tab.call(TAB_ADMIN, `/api/register?pageSize=10&page=${first.pages + 1}`));
    expect(beyond.items).toEqual([]);
  });

  it("sorts by the effective target by default, blanks last, and the other way with order=desc", async () => {
    const rows = await allRows("");
    const targets = rows.map((r) => r.effective_target);
    const dated = targets.filter((t): t is string => t !== null);
    expect(targets.slice(0, dated.length)).toEqual([...dated].sort());
    const desc = await allRows("order=desc");
    const descDated = desc.map((r) => r.effective_target).filter((t): t is string => t !== null);
    expect(descDated).toEqual([...dated].sort().reverse());
  });

  it("refuses bad parameters with 400 and what to fix, by parameter", async () => {
    const cases: [string, string, RegExp][] = [
      ["status=late", "status", /one of complete, on_track/],
      ["pageSize=500", "pageSize", /1 to 100/],
      ["page=0", "page", /from 1/],
      ["targetFrom=2024-02-30", "targetFrom", /YYYY-MM-DD/],
      ["directorate=XYZ", "directorate", /all or one of CYPS/],
      ["scope=team", "scope", /personal or channel/],
      ["sort=colour", "sort", /one of ref, review/],
      ["colour=red", "colour", /not a parameter/],
      ["status=complete&status=on_track", "status", /once/],
    ];
    for (const [query, field, message] of cases) {
      const body = await json<{ error: string; fields: Record<string, string> }>(
        await tab.call(TAB_ADMIN, `/api/register?${query}`),
        400,
      );
      expect(body.fields[field], query).toMatch(message);
      expect(body.error).toContain(field);
    }
  });
});

describe("a channel tab for CYPS", () => {
  const channel = "scope=channel&directorate=CYPS";

  it("never shows a confidential item in the grid, the search or the summary", async () => {
    const personal = await allRows("directorate=CYPS");
    const home = personal.filter((r) => r.review_title === HOME);
    expect(home).toHaveLength(2);
    const rows = await allRows(channel);
    expect(rows.length).toBe(personal.length - 2);
    expect(rows.some((r) => r.confidential)).toBe(false);
    const search = await json<Page>(await tab.call(TAB_ADMIN, `/api/register?${channel}&q=oakfield`));
    expect(search.total).toBe(0);
    const summary = await tab.call(TAB_ADMIN, `/api/summary?${channel}`);
    const counts = await json<{ total: number; byDirectorate: { directorate: string; total: number }[] }>(summary);
    expect(counts.total).toBe(rows.length);
    expect(counts.byDirectorate.find((d) => d.directorate === "CYPS")?.total).toBe(rows.length);
    const personalSummary = await json<{ total: number }>(await tab.call(TAB_ADMIN, "/api/summary?directorate=CYPS"));
    expect(personalSummary.total).toBe(personal.length);
    const text = JSON.stringify([rows, search, counts]);
    for (const word of CONFIDENTIAL_WORDS) expect(text).not.toContain(word);
  });

  it("answers a confidential item's page with 404, even to its owner and the improvement team", async () => {
    const [homeItem] = (await allRows("directorate=CYPS")).filter((r) => r.review_title === HOME);
    for (const who of [TAB_ADMIN, HOME_OWNER]) {
      expect((await tab.call(who, `/api/items/${homeItem!.id}?scope=channel`)).status).toBe(404);
      const personal = await json<{ item: { text: string } }>(await tab.call(who, `/api/items/${homeItem!.id}`));
      expect(personal.item.text).toBe(HOME_ITEM_TEXT);
    }
  });

  it("never puts a confidential item in the CSV, the workbook or the Word report", async () => {
    const csv = await tab.call(TAB_ADMIN, `/api/export/register.csv?${channel}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const csvText = await csv.text();
    expect(csvText).toContain("Joint Area SEND Inspection");
    const xlsx = await tab.call(TAB_ADMIN, `/api/export/register.xlsx?${channel}`);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    expect(cells.join("\n")).toContain("Joint Area SEND Inspection");
    const created = await createReportingPoint(tab.world.prisma, {
      name: "Audit Committee 9 January 2024",
      cutOff: "2024-01-08",
      actor: "test",
    });
    if (!created.ok) throw new Error(created.reason);
    const docx = await tab.call(TAB_ADMIN, `/api/export/report.docx?${channel}&point=${created.point.id}`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-disposition")).toMatch(/\.docx"$/);
    const zip = await JSZip.loadAsync(Buffer.from(await docx.arrayBuffer()));
    const documentXml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(documentXml).toContain("Audit Committee");
    for (const text of [csvText, cells.join("\n"), documentXml])
      for (const word of CONFIDENTIAL_WORDS) expect(text).not.toContain(word);
    // The personal tab's export does hold the home's items, for the improvement team.
    expect(await (await tab.call(TAB_ADMIN, "/api/export/register.csv?directorate=CYPS")).text()).toContain(
      HOME_ITEM_TEXT,
    );
    expect((await tab.call(TAB_ADMIN, `/api/export/report.docx?point=999999`)).status).toBe(404);
  });
});

describe("an update through the API", () => {
  it("is recorded as the card records it: in the item's history and the audit log, once", async () => {
    const [row] = (await allRows("directorate=CYPS")).filter((r) => r.review_title === HOME && r.item_ref === "Rec 1");
    const body = { version: row!.version, progress: "in_progress", narrative: "Two more locks fitted **today**" };
    const saved = await json<{ ok: true; message: string; item: { version: number; latest_update: string } }>(
      await tab.call(HOME_OWNER, `/api/items/${row!.id}/update`, { body }),
    );
    expect(saved.message).toBe("Saved.");
    expect(saved.item.latest_update).toBe("Two more locks fitted **today**");
    expect(saved.item.version).toBe(row!.version + 1);
    // The same request again (a retry) is the same submission: recorded once.
    const again = await json<{ message: string }>(await tab.call(HOME_OWNER, `/api/items/${row!.id}/update`, { body }));
    expect(again.message).toMatch(/Already saved/);
    const item = await json<{ history: { actor: string; action: string; summary: string }[] }>(
      await tab.call(HOME_OWNER, `/api/items/${row!.id}`),
    );
    expect(item.history[0]).toMatchObject({ action: "updated it" });
    expect(item.history[0]!.summary).toContain("Two more locks fitted");
    const audit = await tab.world.prisma.auditEntry.findMany({
      where: { entityType: "item", entityId: row!.id, actor: HOME_OWNER },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toContain("Two more locks fitted");
  });

  it("refuses a stale version with 409, a bad date with 400 by field, and someone not allowed with 403", async () => {
    const [row] = (await allRows("directorate=CYPS")).filter((r) => r.review_title === HOME && r.item_ref === "Rec 2");
    const route = `/api/items/${row!.id}/update`;
    const stale = await json<{ error: string }>(
      await tab.call(HOME_OWNER, route, {
        body: { version: row!.version - 1, progress: "in_progress", narrative: "x" },
      }),
      409,
    );
    expect(stale.error).toMatch(/changed since you opened it/);
    const badDate = await json<{ fields: Record<string, string> }>(
      await tab.call(HOME_OWNER, `/api/items/${row!.id}/extension`, {
        body: { version: row!.version, requestedTarget: "31/02/2025", reason: "Builders late" },
      }),
      400,
    );
    expect(Object.keys(badDate.fields)).toEqual(["requestedTarget"]);
    const badBody = await json<{ fields: Record<string, string> }>(
      await tab.call(HOME_OWNER, route, { body: { version: "one", progress: "in_progress" } }),
      400,
    );
    expect(badBody.fields.version).toMatch(/version/);
    const unknownField = await json<{ fields: Record<string, string> }>(
      await tab.call(HOME_OWNER, route, {
        body: { version: row!.version, progress: "in_progress", revisedTarget: "2025-01-31" },
      }),
      400,
    );
    expect(unknownField.fields).toEqual({ revisedTarget: "is not a field of this action: leave it out" });
    const [other] = await allRows("directorate=RE");
    const forbidden = await tab.call(HOME_OWNER, `/api/items/${other!.id}/update`, {
      body: { version: other!.version, progress: "in_progress", narrative: "Not mine" },
    });
    expect(forbidden.status).toBe(403);
    const after = await tab.world.prisma.item.findUniqueOrThrow({ where: { id: row!.id } });
    expect(after.version).toBe(row!.version);
    // An update of a confidential item from the channel tab finds nothing to update.
    const fromChannel = await tab.call(HOME_OWNER, `${route}?scope=channel`, {
      body: { version: row!.version, progress: "in_progress", narrative: "From the channel" },
    });
    expect(fromChannel.status).toBe(404);
  });

  it("takes an extension request to its decider and a completion to the improvement team, as the cards do", async () => {
    const [row] = (await allRows("directorate=CYPS")).filter((r) => r.review_title === HOME && r.item_ref === "Rec 2");
    const requested = await json<{
      message: string;
      item: { pending_extension: { id: number } | null; version: number };
    }>(
      await tab.call(HOME_OWNER, `/api/items/${row!.id}/extension`, {
        body: { version: row!.version, requestedTarget: "2024-09-30", reason: "Builders late" },
      }),
    );
    expect(requested.message).toMatch(/waiting for approval/);
    const requestId = requested.item.pending_extension!.id;
    const waiting = await allRows("waiting=true");
    expect(waiting.map((r) => [r.id, r.waiting])).toEqual([[row!.id, ["extension"]]]);
    const notAllowed = await tab.call(HOME_OWNER, `/api/extensions/${requestId}/decision`, {
      body: { decision: "approve" },
    });
    expect(notAllowed.status).toBe(403);
    const approved = await json<{ item: { revised_target: string; version: number } }>(
      await tab.call(TAB_ADMIN, `/api/extensions/${requestId}/decision`, { body: { decision: "approve" } }),
    );
    expect(approved.item.revised_target).toBe("2024-09-30");
    const completed = await json<{ item: { verification: string; version: number; can: { verify: boolean } } }>(
      await tab.call(HOME_OWNER, `/api/items/${row!.id}/update`, {
        body: {
          version: approved.item.version,
          progress: "complete",
          narrative: "Rota agreed",
          evidenceUrl: "https://council.sharepoint.com/sites/cyps/rota.pdf",
        },
      }),
    );
    expect(completed.item.verification).toBe("awaiting");
    const returnWithoutComment = await json<{ fields: Record<string, string> }>(
      await tab.call(TAB_ADMIN, `/api/items/${row!.id}/verification`, {
        body: { version: completed.item.version, decision: "return" },
      }),
      400,
    );
    expect(returnWithoutComment.fields.comment).toMatch(/Say what is missing/);
    const verified = await json<{ message: string; item: { progress: string; verification: string } }>(
      await tab.call(TAB_ADMIN, `/api/items/${row!.id}/verification`, {
        body: { version: completed.item.version, decision: "verify" },
      }),
    );
    expect(verified.item).toMatchObject({ progress: "complete" });
    const history = await json<{ history: { action: string }[] }>(await tab.call(TAB_ADMIN, `/api/items/${row!.id}`));
    expect(history.history.map((h) => h.action)).toEqual(
      expect.arrayContaining(["asked to extend the target", "approved the extension", "verified the completion"]),
    );
  });

  it("edits the channel's live card of the item, as an update through the card does", async () => {
    const [row] = (await allRows("q=care leavers")).filter((r) => !r.confidential);
    const before = tab.world.connector.sent.length;
    const asked = await tab.world.post(channelMention(`update ${row!.item_ref} of ${row!.review_title}`), {
      to: tab.bot,
    });
    expect(asked.status).toBeLessThan(300);
    const index = tab.world.connector.sent.findIndex((s, n) => n >= before && s.activity.attachments?.length);
    expect(index).toBeGreaterThanOrEqual(before);
    const activityId = `activity-${index + 1}`;
    await json(
      await tab.call(TAB_ADMIN, `/api/items/${row!.id}/update?scope=channel`, {
        body: { version: row!.version, progress: "in_progress", narrative: "Covenant signed from the tab" },
      }),
    );
    const dispatcher = outboxDispatcher({
      store: tab.world.prisma,
      adapter: createAdapter(loadConfig({ DATABASE_URL: "file:./unused.db" })),
      botAppId: "",
      logger: createLogger("silent"),
      ratePerSecond: 50,
      ratePerConversation: 7,
    });
    expect((await dispatcher.drainUntilIdle(2_000)).failed).toBe(0);
    const edits = tab.world.connector.updated.filter((u) => u.activityId === activityId);
    expect(edits).toHaveLength(1);
    expect(JSON.stringify(edits[0]!.activity)).toContain("Covenant signed from the tab");
  });
});
