/**
 * Renders Adaptive Cards with Microsoft's own `adaptivecards` renderer in headless Chromium, as a
 * Teams-like host would (optionally with one of Teams' own host configs), reports the parse and
 * validation messages it raises, and can audit the rendered card with axe-core.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type * as AdaptiveCardsModule from "adaptivecards";
import type * as AxeModule from "axe-core";
import type { Browser, Page } from "playwright-core";
import { launchChromium, localOnlyContext } from "./chromium.js";

const require = createRequire(import.meta.url);
const RENDERER = require.resolve("adaptivecards/dist/adaptivecards.min.js");
/**
 * Markdown as a card host applies it to TextBlock and FactSet text (the renderer alone shows it raw): markdown-it,
 * the processor the renderer itself looks for, with raw HTML switched on as the most permissive host would have it,
 * so a card test sees anything a person's text could switch on. (A bare URL stays text here; hosts that link it show the
 * address itself, never a different label.)
 */
const HOST_MARKDOWN = require.resolve("markdown-it/dist/markdown-it.min.js");
/** Elements that only markdown or HTML in a card's text can create. */
const FORMATTING =
  "a, img, script, style, iframe, strong, em, b, i, u, del, s, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, code, pre, hr";
const AXE = require.resolve("axe-core/axe.min.js");
export const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts");

export interface RenderResult {
  problems: string[];
  text: string;
  /** Tag names of links, emphasis, headings, lists and other elements made from the card's markdown. */
  formatting: string[];
  actions: string[];
  /** The text of every element a screen reader announces as a heading, in order. */
  headings: string[];
  screenshot: string;
}

/** One axe-core finding: the rule, how bad, and the offending elements with axe's own explanation. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string; html: string; summary: string }[];
}

export interface RendererOptions {
  /** A host config as Teams publishes it; the renderer's defaults when absent. */
  hostConfig?: object;
  /** The chat canvas behind the card (Teams light #f5f5f5 by default). */
  canvas?: string;
}

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly hostConfig: object | undefined,
  ) {}

  static async start(options: RendererOptions = {}): Promise<CardRenderer> {
    const browser = await launchChromium();
    const context = await localOnlyContext(browser, { width: 520, height: 800 });
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Card</title><style>
      body { font-family: "Segoe UI", "DejaVu Sans", sans-serif; background: ${options.canvas ?? "#f5f5f5"}; margin: 0; padding: 12px; }
      #card { background: #fff; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.2); width: 480px; }
    </style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ path: RENDERER });
    await page.addScriptTag({ path: HOST_MARKDOWN });
    await page.evaluate(() => {
      const w = window as unknown as {
        AdaptiveCards: typeof AdaptiveCardsModule;
        markdownit: (options: object) => { render: (text: string) => string };
      };
      const markdown = w.markdownit({ html: true });
      w.AdaptiveCards.AdaptiveCard.onProcessMarkdown = (
        text: string,
        result: { outputHtml?: string; didProcess: boolean },
      ) => {
        result.outputHtml = markdown.render(text);
        result.didProcess = true;
      };
    });
    return new CardRenderer(browser, page, options.hostConfig);
  }

  async render(card: object, name: string): Promise<RenderResult> {
    const result = await this.page.evaluate(
      ({ json, formattingSelector, hostConfig }) => {
        const AC = (window as unknown as { AdaptiveCards: typeof AdaptiveCardsModule }).AdaptiveCards;
        const adaptiveCard = new AC.AdaptiveCard();
        adaptiveCard.hostConfig = new AC.HostConfig(
          hostConfig ?? { fontFamily: "Segoe UI, DejaVu Sans, sans-serif", supportsInteractivity: true },
        );
        const context = new AC.SerializationContext();
        adaptiveCard.parse(json, context);
        const problems: string[] = [];
        for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
        const validation = adaptiveCard.validateProperties();
        for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
        const host = document.getElementById("card")!;
        host.innerHTML = "";
        const element = adaptiveCard.render();
        if (!element) problems.push("render: nothing rendered");
        else host.appendChild(element);
        const actions = adaptiveCard.getAllActions().map((a) => a.title ?? "");
        const formatting = Array.from(host.querySelectorAll(formattingSelector)).map((e) => e.tagName.toLowerCase());
        const headings = Array.from(host.querySelectorAll<HTMLElement>('[role="heading"]'), (h) => h.innerText.trim());
        return { problems, text: host.innerText, actions, formatting, headings };
      },
      { json: card, formattingSelector: FORMATTING, hostConfig: this.hostConfig },
    );
    mkdirSync(path.join(ARTIFACTS, "cards"), { recursive: true });
    const screenshot = path.join(ARTIFACTS, "cards", `${name}.png`);
    await this.page.locator("#card").screenshot({ path: screenshot });
    return { ...result, screenshot };
  }

  /**
   * Runs axe-core over the card last rendered, with the given rule tags (e.g. WCAG 2.2 A/AA): what
   * it found wrong, and what it could not decide (a contrast it could not measure is not a pass).
   */
  async audit(tags: readonly string[]): Promise<{ violations: AxeViolation[]; undecided: AxeViolation[] }> {
    if (!(await this.page.evaluate(() => "axe" in window))) await this.page.addScriptTag({ path: AXE });
    return this.page.evaluate(
      async (runOnly) => {
        const axe = (window as unknown as { axe: typeof AxeModule }).axe;
        const results = await axe.run("#card", {
          runOnly: { type: "tag", values: runOnly },
          resultTypes: ["violations", "incomplete"],
        });
        const describe = (v: AxeModule.Result) => ({
          id: v.id,
          impact: v.impact ?? null,
          help: v.help,
          nodes: v.nodes.map((n) => ({
            target: n.target.join(" "),
            html: n.html.slice(0, 200),
            summary: n.failureSummary ?? n.any?.[0]?.message ?? "",
          })),
        });
        return { violations: results.violations.map(describe), undecided: results.incomplete.map(describe) };
      },
      [...tags],
    );
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
