/** Identity text: emails normalised as Entra compares them, and look-alike or invisible names refused with what to fix. */
import { describe, expect, it } from "vitest";
import {
  checkIdentifyingText,
  controlCharacterProblem,
  neutraliseBidi,
  normaliseEmail,
} from "../../../src/domain/text/identity-text.js";

describe("normaliseEmail accepts an address, normalised", () => {
  it.each([
    ["sam.jones@council.gov.uk", "sam.jones@council.gov.uk"],
    ["  Sam.Jones@Council.GOV.uk ", "sam.jones@council.gov.uk"],
    ["first_last@council.gov.uk", "first_last@council.gov.uk"],
    // Full-width letters and at sign (an East Asian keyboard) are the same address after NFKC.
    ["ｓａｍ＠ｃｏｕｎｃｉｌ.gov.uk", "sam@council.gov.uk"],
    ["ANNA@Example.COM", "anna@example.com"],
  ])("%j -> %s", (raw, expected) => {
    expect(normaliseEmail(raw)).toEqual({ ok: true, value: expected });
  });
});

describe("normaliseEmail refuses, saying what to fix", () => {
  it.each([
    ["sam@council.gov.uk\u200B", /invisible character U\+200B \(zero-width space\).*retype the address/],
    ["s\u200Dam@council.gov.uk", /invisible character U\+200D \(zero-width joiner\)/],
    ["\uFEFFsam@council.gov.uk", /U\+FEFF/],
    ["sam\u202E@council.gov.uk", /U\+202E \(right-to-left override\)/],
    ["sam@council.gov.uk\u0000x", /U\+0000 \(NUL\)/],
    ["sam@coun\u0007cil.gov.uk", /U\+0007 \(a control character\)/],
    // A Cyrillic "о" (U+043E) in a Latin local part.
    [
      "s\u043Em@council.gov.uk",
      /part before @ "s\u043Em" mixes Latin letters with a Cyrillic "\u043E" \(U\+043E\).*one alphabet/,
    ],
    // A Greek omicron in the domain.
    ["sam@c\u03BFuncil.gov.uk", /part after @ "c\u03BFuncil" mixes Latin letters with a Greek/],
    ["[sam@council.gov.uk](mailto:sam@council.gov.uk)", /formatting or brackets.*bare address/],
    ["<sam@council.gov.uk>", /formatting or brackets/],
    ["**sam@council.gov.uk**", /formatting or brackets/],
    ["mailto:sam@council.gov.uk", /formatting or brackets/],
    ["sam at council", /"sam at council" is not an email address/],
    ["sam@council", /is not an email address/],
    [`${"a".repeat(320)}@x.uk`, /at most 320 characters/],
  ])("%j", (raw, message) => {
    const outcome = normaliseEmail(raw);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? "" : outcome.reason).toMatch(message);
  });

  it("two addresses differing only in case are one identity", () => {
    expect(normaliseEmail("Sam.Jones@Council.gov.uk")).toEqual(normaliseEmail("sam.jones@council.gov.uk"));
  });
});

describe("checkIdentifyingText for review titles and item labels", () => {
  it.each(["Ofsted ILACS inspection 2024", "Rec IR4", "2023/24 VFM", "Área de mejora 2", "Children's homes – Ω plan"])(
    "accepts %j",
    (text) => {
      expect(checkIdentifyingText("review_title", text)).toBeNull();
    },
  );

  it.each([
    ["Ofsted\u200B ILACS", /review_title has an invisible character U\+200B/],
    ["Rec IR4\u2066", /U\+2066 \(left-to-right isolate\)/],
    ["Rec\u00ADIR4", /U\+00AD \(soft hyphen\)/],
    ["Rec\u0000IR4", /U\+0000 \(NUL\)/],
    ["\u041Efsted ILACS", /"\u041Efsted" mixes Cyrillic letters with a Latin "f"/],
  ])("refuses %j", (text, message) => {
    expect(checkIdentifyingText("review_title", text)).toMatch(message);
  });
});

describe("controlCharacterProblem for typed text", () => {
  it("allows tabs and line breaks, refuses NUL, other C0 controls, DEL and C1 with the field", () => {
    expect(controlCharacterProblem("The progress update", "Line one\r\nLine\ttwo")).toBeNull();
    expect(controlCharacterProblem("The progress update", "Done\u0000 and more")).toMatch(
      /^The progress update has a control character U\+0000 \(NUL\) in it/,
    );
    expect(controlCharacterProblem("The reason", "a\u001Bb")).toMatch(/U\+001B/);
    expect(controlCharacterProblem("The reason", "a\u007Fb")).toMatch(/U\+007F/);
    expect(controlCharacterProblem("The reason", "a\u0085b")).toMatch(/U\+0085/);
  });
});

describe("neutraliseBidi", () => {
  it("removes every direction control and nothing else", () => {
    const typed = "Paid \u202Egnp.exe\u202C \u2066x\u2069 \u200Eשלום\u200F \u202A\u202B\u202D\u2067\u2068";
    expect(neutraliseBidi(typed)).toBe("Paid gnp.exe x שלום ");
  });
});
