/**
 * Reading and driving the register tab's page by role and accessible name (the names the page is built to):
 * the grid's rows, each row's ref, review and status as shown, every page of a filtered register, and the
 * filters' choices whether the page draws them as native selects or as Fluent UI dropdowns.
 */
import type { Locator, Page } from "playwright-core";
import { STATUS_LABELS } from "../../src/domain/status/status.js";

/** The grid of the register's items. */
export function registerGrid(page: Page): Locator {
  return page.getByRole("grid", { name: "Register items" }).or(page.getByRole("table", { name: "Register items" }));
}

/** The grid's item rows (the header row aside): each has its ref as a button. */
export function itemRows(page: Page): Locator {
  return registerGrid(page)
    .getByRole("row")
    .filter({ hasNot: page.getByRole("columnheader") })
    .filter({ has: page.getByRole("button") });
}

/** Waits until the grid shows at least one item row. */
export async function waitForFirstPage(page: Page, timeout = 20_000): Promise<void> {
  await itemRows(page).first().waitFor({ timeout });
}

/** The item refs the grid shows, in order. */
export async function shownRefs(page: Page): Promise<string[]> {
  return itemRows(page).evaluateAll((rows) =>
    rows.map((row) => (row.querySelector("button") as HTMLElement | null)?.innerText.trim() ?? ""),
  );
}

/** One row as the grid shows it: its ref, its review's title and its status label. */
export interface ShownItem {
  ref: string;
  review: string;
  status: string;
}

/** The status label a Status cell starts with (it may go on with the reason), or the cell's text. */
function statusLabelOf(cell: string): string {
  const labels = Object.values(STATUS_LABELS).sort((a, b) => b.length - a.length);
  return labels.find((label) => cell.toLowerCase().startsWith(label.toLowerCase())) ?? cell;
}

/** The rows of the page the grid shows now, read by the columns' header names "Ref", "Review" and "Status". */
export async function shownItems(page: Page): Promise<ShownItem[]> {
  const grid = registerGrid(page);
  const headers = (await grid.getByRole("columnheader").allInnerTexts()).map((h) => h.trim().split("\n")[0]!.trim());
  const column = (name: string) => {
    const index = headers.findIndex((h) => h === name || h.startsWith(name));
    if (index < 0) throw new Error(`the grid has no "${name}" column: its headers are ${JSON.stringify(headers)}`);
    return index;
  };
  const [ref, review, status] = [column("Ref"), column("Review"), column("Status")];
  const rows = await itemRows(page).evaluateAll((els) =>
    els.map((row) =>
      Array.from(row.querySelectorAll('[role="gridcell"], [role="cell"], [role="rowheader"], td, th')).map((cell) =>
        (cell as HTMLElement).innerText.trim(),
      ),
    ),
  );
  return rows.map((cells) => ({
    ref: cells[ref] ?? "",
    review: cells[review] ?? "",
    status: statusLabelOf(cells[status] ?? ""),
  }));
}

/** Every row of every page of the register as now filtered: reads a page, then "Next page" until there is none. */
export async function allShownItems(page: Page, mostPages = 20): Promise<ShownItem[]> {
  const next = page.getByRole("button", { name: "Next page" });
  const previous = page.getByRole("button", { name: "Previous page" });
  // From the first page: go back while there is a page before.
  for (let i = 0; i < mostPages && (await usable(previous)); i += 1) {
    const before = await shownRefs(page);
    await previous.click();
    await waitForChange(page, before);
  }
  const items: ShownItem[] = [];
  for (let i = 0; i < mostPages; i += 1) {
    items.push(...(await shownItems(page)));
    if (!(await usable(next))) return items;
    const before = await shownRefs(page);
    await next.click();
    await waitForChange(page, before);
  }
  throw new Error(`the register has more than ${mostPages} pages`);
}

/** A pager button that is there and neither disabled nor aria-disabled (Fluent's focusable disabled buttons). */
async function usable(button: Locator): Promise<boolean> {
  if (!(await button.isVisible())) return false;
  return (await button.isEnabled()) && (await button.getAttribute("aria-disabled")) !== "true";
}

async function waitForChange(page: Page, before: string[]): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (JSON.stringify(await shownRefs(page)) !== JSON.stringify(before)) return;
    await page.waitForTimeout(50);
  }
}

/**
 * Picks the option matching `option` in the filter labelled `label`: a native select by its options' text,
 * or a combobox (Fluent UI's Dropdown or Combobox) by opening it and choosing the option.
 */
export async function chooseOption(page: Page, label: string, option: string | RegExp): Promise<void> {
  const control = page.getByRole("region", { name: "Filters" }).getByLabel(label, { exact: true });
  if ((await control.evaluate((el) => el.tagName)) === "SELECT") {
    const options = await control.locator("option").allInnerTexts();
    const match = options.find((text) => (typeof option === "string" ? text.trim() === option : option.test(text)));
    if (!match) throw new Error(`the ${label} filter has no option ${option}: it offers ${JSON.stringify(options)}`);
    await control.selectOption({ label: match });
    return;
  }
  await control.click();
  await page
    .getByRole("option", { name: option, ...(typeof option === "string" ? { exact: true } : {}) })
    .first()
    .click();
}
