/**
 * The markdown escape itself: what people type is escaped only where markdown would act on it, so
 * everyday text (emails, "R&E", "Rec 1.2", dates) reaches the card unchanged and stays readable in any host.
 */
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/cards/text-as-text.js";

describe("escapeMarkdown", () => {
  it.each([
    "first_last@council.gov.uk",
    "R&E and CYPS",
    "Rec 1.2 of 2023/24 VFM",
    "Due 30/09/2026 (revised from Mar-26)",
    "In progress - partly delayed: 3 > 2",
    "50% done; cost £1,200 (approx.)",
  ])("leaves everyday text as it is: %s", (text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });

  it.each([
    ["[click me](https://evil.example)", "\\[click me\\](https://evil.example)"],
    ["<script>x</script>", "\\<script>x\\</script>"],
    ["**bold** _it_ ~~s~~ `c`", "\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\`"],
    ["# heading", "\\# heading"],
    ["- item\n+ item\n1. item\n2) item\n> quote\n===", "\\- item\n\\+ item\n1\\. item\n2\\) item\n\\> quote\n\\==="],
    ["&amp; &#60;", "\\&amp; \\&#60;"],
    ["a | b", "a \\| b"],
    ["back\\slash", "back\\\\slash"],
    ["    code", "\u00A0\u00A0\u00A0\u00A0code"],
  ])("escapes what markdown or HTML would act on: %s", (typed, escaped) => {
    expect(escapeMarkdown(typed)).toBe(escaped);
  });

  it("escapes line starts only at a line's start", () => {
    expect(escapeMarkdown("# not a heading here", false)).toBe("# not a heading here");
    expect(escapeMarkdown("first\r# second", false)).toBe("first\r\\# second");
  });
});
