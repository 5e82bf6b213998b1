/** People are named as a committee paper names them: "Jo Bloggs, Head of Service", else the name, else the email. */
import { describe, expect, it } from "vitest";
import { MAX_JOB_TITLE_SHOWN, MAX_NAME_SHOWN, personLabel } from "../../../src/domain/people/person-label.js";

describe("personLabel", () => {
  it.each([
    [{ email: "jo.bloggs@example.org", name: "Jo Bloggs", jobTitle: "Head of Service" }, "Jo Bloggs, Head of Service"],
    [{ email: "jo.bloggs@example.org", name: "Jo Bloggs", jobTitle: null }, "Jo Bloggs"],
    [{ email: "jo.bloggs@example.org", name: "Jo Bloggs", jobTitle: "   " }, "Jo Bloggs"],
    [{ email: "jo.bloggs@example.org", name: null, jobTitle: "Head of Service" }, "jo.bloggs@example.org"],
    [{ email: "jo.bloggs@example.org", name: "  ", jobTitle: null }, "jo.bloggs@example.org"],
    [{ email: "jo.bloggs@example.org", name: "Jo Bloggs", jobTitle: "jo bloggs" }, "Jo Bloggs"],
  ])("names %o as %s", (person, label) => {
    expect(personLabel(person)).toBe(label);
  });

  it("says who is missing when there is nobody", () => {
    expect(personLabel(null)).toBe("not assigned");
    expect(personLabel(undefined, "none")).toBe("none");
    expect(personLabel({ email: null, name: null }, "none")).toBe("none");
  });

  it("shows a name on one line, without control or direction characters", () => {
    expect(personLabel({ email: "a@example.org", name: "Jo\n\tBloggs\u0000", jobTitle: "Head\u202e of Service" })).toBe(
      "Jo Bloggs, Head of Service",
    );
  });

  it("keeps markdown as typed: cards escape it, the label does not interpret it", () => {
    expect(personLabel({ email: "a@example.org", name: "[Jo](https://evil.example)", jobTitle: "**Head**" })).toBe(
      "[Jo](https://evil.example), **Head**",
    );
  });

  it("cuts a name or job title past its bound at a word, saying so with an ellipsis", () => {
    const name = `Jo ${"Bloggs-Smith ".repeat(20)}`.trim();
    const title = `Head of ${"Children's Services and ".repeat(10)}`.trim();
    const label = personLabel({ email: "a@example.org", name, jobTitle: title });
    const [shownName, shownTitle] = label.split(", ");
    expect([...shownName!].length).toBeLessThanOrEqual(MAX_NAME_SHOWN);
    expect([...shownTitle!].length).toBeLessThanOrEqual(MAX_JOB_TITLE_SHOWN);
    expect(shownName).toMatch(/^Jo Bloggs-Smith .*Bloggs-Smith…$/);
    expect(shownTitle).toMatch(/^Head of Children's Services and .*…$/);
  });
});
