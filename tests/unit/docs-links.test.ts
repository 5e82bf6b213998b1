/**
 * The README is the front door and the rest lives in docs/: every relative link in them must open a file that
 * exists, and every #anchor a heading in its target, by GitHub's rule for heading ids, so a moved or renamed
 * section cannot leave a reader at a dead link.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const PAGES = [
  "README.md",
  ...readdirSync(path.join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];

/** Code is shown as typed, so a bracket inside it is not a link. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's id for a heading: its text lower-cased, punctuation but '-' and '_' dropped, spaces to '-'. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[`*]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Every heading's id in a page, repeats numbered -1, -2 as GitHub does. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, text] of markdown.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6} +(.+?) *#*$/gm)) {
    const slug = githubSlug(text ?? "");
    const count = seen.get(slug) ?? 0;
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
    seen.set(slug, count + 1);
  }
  return anchors;
}

function relativeLinksOf(markdown: string): string[] {
  return [...withoutCode(markdown).matchAll(/\]\(([^)\s]+)(?: +"[^"]*")?\)/g)]
    .map(([, target]) => target ?? "")
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

/** A link's problem, or undefined when it opens what it names. */
function problemWith(page: string, target: string): string | undefined {
  const [file = "", anchor] = target.split("#", 2);
  const resolved = file === "" ? path.join(ROOT, page) : path.resolve(path.dirname(path.join(ROOT, page)), file);
  if (path.relative(ROOT, resolved).startsWith("..")) return undefined; // outside this repository: not ours to check
  if (!existsSync(resolved)) return `${page}: ${target}: no such file`;
  if (anchor === undefined) return undefined;
  if (!resolved.endsWith(".md")) return `${page}: ${target}: an anchor into a file that is not markdown`;
  const anchors = anchorsOf(readFileSync(resolved, "utf8"));
  return anchors.has(anchor)
    ? undefined
    : `${page}: ${target}: no heading with that id in ${path.relative(ROOT, resolved)}`;
}

describe("links in the README and docs/", () => {
  it("reads GitHub's heading ids as GitHub writes them", () => {
    expect(githubSlug("First time: try it in the Teams simulator")).toBe("first-time-try-it-in-the-teams-simulator");
    expect(githubSlug("Two or more instances: what each does")).toBe("two-or-more-instances-what-each-does");
    expect(githubSlug("The bot's registration")).toBe("the-bots-registration");
    expect(githubSlug("Moving a `SQLite` register_to PostgreSQL")).toBe("moving-a-sqlite-register_to-postgresql");
  });

  it("finds the pages and the links in them", () => {
    expect(PAGES).toEqual(expect.arrayContaining(["README.md", "docs/using-the-bot.md", "docs/configuration.md"]));
    expect(relativeLinksOf(readFileSync(path.join(ROOT, "README.md"), "utf8"))).toEqual(
      expect.arrayContaining(["docs/using-the-bot.md", "docs/configuration.md", "docs/architecture.md"]),
    );
  });

  it("open an existing file and, where they name one, an existing heading", () => {
    const problems = PAGES.flatMap((page) =>
      relativeLinksOf(readFileSync(path.join(ROOT, page), "utf8")).flatMap((target) => problemWith(page, target) ?? []),
    );
    expect(problems).toEqual([]);
  });

  it("would catch a link to a missing file or heading", () => {
    expect(problemWith("README.md", "docs/no-such-page.md")).toContain("no such file");
    expect(problemWith("README.md", "docs/using-the-bot.md#no-such-heading")).toContain("no heading with that id");
    expect(problemWith("docs/reminders.md", "reminder-policy.md#escalation")).toBeUndefined();
  });
});
