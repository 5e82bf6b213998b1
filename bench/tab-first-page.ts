/**
 * The register tab's first page with 10,000 items (BENCH_ITEMS): the real server as a child process and the
 * page in headless Chromium, timed from navigation until the grid shows its first page of rows, against the
 * same page fed a fixed 50-row answer to /api/register (the body the real server gave on a warm-up load,
 * recorded and replayed with playwright's page.route) in the same run. Runs alternate so both see the same
 * machine; each figure is a median of BENCH_TAB_RUNS runs. Aim: the real first page within 1.5x the fixed one.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Page } from "playwright-core";
import { londonDate } from "../src/domain/dates/calendar-date.js";
import { importRegister } from "../src/services/imports/import-register.js";
import { startTabSession, type TabSession } from "../tests/support/tab-browser.js";
import { itemRows } from "../tests/support/tab-grid.js";
import { makeRegisterCsv } from "./register-bench.js";

const ITEMS = Number(process.env.BENCH_ITEMS ?? 10_000);
const RUNS = Number(process.env.BENCH_TAB_RUNS ?? 9);
const AIM = 1.5;
const REGISTER_ROUTE = /\/api\/register(\?|$)/;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds from navigating a fresh page to the register until its grid shows `rows` rows. */
async function timeFirstPage(session: TabSession, fixedBody: string | null, rows: number): Promise<number> {
  const page = await session.context.newPage();
  try {
    if (fixedBody !== null)
      await page.route(REGISTER_ROUTE, (route) =>
        route.fulfill({ status: 200, contentType: "application/json", body: fixedBody }),
      );
    const start = performance.now();
    await page.goto(`${session.url}/tab/register`, { waitUntil: "commit" });
    await itemRows(page)
      .nth(rows - 1)
      .waitFor({ timeout: 60_000 });
    return performance.now() - start;
  } finally {
    await page.close();
  }
}

/** Milliseconds for the real server to answer `url` (the page's own first request) alone, outside the browser. */
async function timeAnswer(url: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - start;
}

/** The body the real server answers the page's first /api/register request with, its address, and its rows. */
async function recordFirstPage(session: TabSession): Promise<{ body: string; url: string; rows: number }> {
  const page: Page = await session.context.newPage();
  try {
    let body: string | null = null;
    let url = "";
    await page.route(REGISTER_ROUTE, async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      url ||= route.request().url();
      body ??= text;
      await route.fulfill({ response, body: text });
    });
    await page.goto(`${session.url}/tab/register`);
    await itemRows(page).first().waitFor({ timeout: 60_000 });
    if (body === null) throw new Error("the page showed rows without asking /api/register");
    const parsed = JSON.parse(body) as { items: unknown[]; total: number };
    if (parsed.total !== ITEMS)
      throw new Error(`the page's first answer counts ${parsed.total} items, not the ${ITEMS} imported`);
    return { body, url, rows: parsed.items.length };
  } finally {
    await page.close();
  }
}

export async function runTabFirstPageBench(): Promise<void> {
  const session = await startTabSession({
    env: { LOG_LEVEL: "warn" },
    prepare: async (store, now, dir) => {
      const file = path.join(dir, "register.csv");
      writeFileSync(file, makeRegisterCsv(ITEMS));
      const report = await importRegister(store, { file, dryRun: false, actor: "bench", today: londonDate(now), now });
      if (!report.ok) throw new Error(`the benchmark's register did not import: ${JSON.stringify(report.errors[0])}`);
    },
  });
  try {
    const recorded = await recordFirstPage(session);
    if (recorded.rows !== 50) throw new Error(`the first page holds ${recorded.rows} rows, not 50`);
    // One more of each untimed, so neither side pays for a first compile or a cold cache.
    await timeFirstPage(session, null, recorded.rows);
    await timeFirstPage(session, recorded.body, recorded.rows);
    const real: number[] = [];
    const fixed: number[] = [];
    const answer: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      real.push(await timeFirstPage(session, null, recorded.rows));
      fixed.push(await timeFirstPage(session, recorded.body, recorded.rows));
      answer.push(await timeAnswer(recorded.url));
    }
    const [realMedian, fixedMedian] = [median(real), median(fixed)];
    const ratio = realMedian / fixedMedian;
    console.log(`tab: first page of ${ITEMS} items in headless Chromium, median of ${RUNS} runs each`);
    console.log(`tab: fixed 50-row answer     median ${fixedMedian.toFixed(0)} ms`);
    console.log(`tab: real server             median ${realMedian.toFixed(0)} ms`);
    console.log(
      `tab: /api/register alone     median ${median(answer).toFixed(0)} ms (the first page's request, no browser)`,
    );
    console.log(`tab: ratio ${ratio.toFixed(2)}x (aim <= ${AIM}x): ${ratio <= AIM ? "met" : "NOT met"}`);
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runTabFirstPageBench();
