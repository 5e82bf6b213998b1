/**
 * Accessibility checks of the register tab's page in the browser: axe-core's WCAG 2.2 A/AA rules (serious and
 * critical findings), and whether the element the keyboard has reached shows that it has the focus (WCAG 2.4.7),
 * judged by the pixels: the element's surroundings drawn with the focus differ from the same drawn without it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as AxeModule from "axe-core";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/** The axe-core rule tags the page is held to: WCAG 2.2 A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] as const;

/** One axe-core finding: the rule, how bad, and the offending elements. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** axe-core's serious and critical WCAG 2.2 A/AA violations on the page as it now is. */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the devtools protocol: the page's Content Security Policy rightly refuses an injected script tag.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(readFileSync(AXE, "utf8"));
  const violations = await page.evaluate(
    async (tags) => {
      const axe = (window as unknown as { axe: typeof AxeModule }).axe;
      const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html, summary: n.failureSummary ?? "" })),
      }));
    },
    [...WCAG_TAGS],
  );
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isTabsterFocusGuard(v.id, n.html)) }))
    .filter((v) => v.nodes.length > 0)
    .map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ ...n, html: n.html.slice(0, 200) })) }));
}

/**
 * Fluent UI's focus guards: tabster's `<i data-tabster-dummy aria-hidden tabindex=0>` around a focus group,
 * which hand the focus on the moment they get it. axe's aria-hidden-focus rule flags them; Fluent lists this as
 * a known false positive and Microsoft's Accessibility Insights leaves them out of the same rule. Only these
 * elements, and only for that rule, are set aside: any other aria-hidden focusable element still fails.
 */
function isTabsterFocusGuard(ruleId: string, html: string): boolean {
  return ruleId === "aria-hidden-focus" && /^<i\b[^>]*\bdata-tabster-dummy\b/.test(html);
}

/** What has the keyboard focus, and whether the page shows it. */
export interface FocusState {
  /** Tag, role and accessible label or text of the focused element. */
  element: string;
  /** On screen, and drawn differently with the focus than without it. */
  visible: boolean;
}

/** The focused element as "tag[role] label", or "body" when nothing on the page has the focus. */
export async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement as HTMLElement | null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
    if (!active || active === document.body) return "body";
    const role = active.getAttribute("role");
    const label = (active.getAttribute("aria-label") ?? active.innerText ?? "").trim();
    return `${active.tagName.toLowerCase()}${role ? `[role=${role}]` : ""} "${label.slice(0, 40)}"`;
  });
}

/** Pixels around the focused element's box: room for an outline or ring drawn outside it. */
const RING_ROOM = 4;

/**
 * The focused element, and whether a focus indicator is drawn for it: a screenshot of its box (and a few pixels
 * around, where rings are drawn) with the focus, then another after blurring it, must differ. The focus is put
 * back on the element afterwards, so the next Tab carries on from it.
 */
export async function focusState(page: Page): Promise<FocusState> {
  const handle = await page.evaluateHandle(() => {
    let active = document.activeElement as HTMLElement | null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
    return active && active !== document.body ? active : null;
  });
  const element = handle.asElement();
  if (!element) return { element: "body", visible: false };
  const description = await focusedElement(page);
  const box = await element.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport || box.width === 0 || box.height === 0) return { element: description, visible: false };
  const x = Math.max(0, box.x - RING_ROOM);
  const y = Math.max(0, box.y - RING_ROOM);
  const clip = {
    x,
    y,
    width: Math.min(viewport.width, box.x + box.width + RING_ROOM) - x,
    height: Math.min(viewport.height, box.y + box.height + RING_ROOM) - y,
  };
  if (clip.width <= 0 || clip.height <= 0) return { element: description, visible: false };
  await page.waitForTimeout(300);
  const focused = await page.screenshot({ clip, caret: "hide", timeout: 5_000 });
  await element.evaluate((el: HTMLElement) => el.blur());
  await page.waitForTimeout(300); // past Fluent's focus-ring transitions
  const unfocused = await page.screenshot({ clip, caret: "hide", timeout: 5_000 });
  await element.evaluate((el: HTMLElement) => el.focus());
  return { element: description, visible: !focused.equals(unfocused) };
}
