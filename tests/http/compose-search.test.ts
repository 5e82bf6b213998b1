/**
 * "Find a recommendation" from the compose box, over the real server with the stand-in connector and
 * Teams' own invoke shapes (composeExtension/query and selectItem), on SQLite and PostgreSQL: results for a
 * reference, a review, a body and directorate, an owner, in Teams' list layout and paged; an empty search
 * lists the searcher's own open items; the card a selection inserts is read-only; a confidential item is
 * never found, counted or inserted, whoever searches and whatever they type; and a search the bot cannot
 * read gets a 400 or a message saying what to fix.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CardVerb } from "../../src/cards/verbs.js";
import { teamsActivity, TENANT_ID, type TeamsActivity } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import { STORES } from "../support/stores.js";
import { FIXTURES } from "../support/test-database.js";

const HOME = "Oakfield Grange Children's Residential Home";
const HOME_ITEM = "Improve the privacy of bedrooms for the young people living at the home";
const HOME_OWNER = "keyworker.oakfield@example.org";
const homeRows = [
  `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 1,recommendation,${HOME_ITEM},,,${HOME_OWNER},Dec-23,,,in_progress,,Locks fitted,true,`,
  `CYPS,${HOME},Ofsted,inspection,30 June 2023,July 2023,Good rating (overall judgement).,Rec 2,recommendation,Review the bedroom staffing rota at night,,,${HOME_OWNER},Mar-24,,,in_progress,,Rota drafted,true,`,
];
/** What must never come back from the compose box: the homes' names, their items, their owner. */
const CONFIDENTIAL = [
  "Oakfield",
  "Grange",
  "Pegasus",
  "Beech Tree",
  "bedroom",
  HOME_OWNER,
  "keyworker",
  "Locks fitted",
];

const PEOPLE = {
  tenancyOwner: { id: "29:tenancy", name: "Tenancy Lead", aadObjectId: "aad-tenancy" },
  homeOwner: { id: "29:keyworker", name: "Key Worker", aadObjectId: "aad-keyworker" },
  improvementTeam: { id: "29:admin", name: "Admin", aadObjectId: "aad-admin" },
  stranger: { id: "29:stranger", name: "Stranger", aadObjectId: "aad-stranger" },
};
type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

interface Attachment {
  contentType: string;
  content: { type?: string; body?: unknown[]; actions?: unknown[] };
  preview?: {
    contentType: string;
    content: { title: string; subtitle: string; text: string; tap: { type: string; value: { itemId: string } } };
  };
}
interface ComposeAnswer {
  composeExtension?: { type: string; attachmentLayout?: string; attachments?: Attachment[]; text?: string };
  error?: string;
}

let world: BotWorld;

/** A compose box search as Teams sends it, with `value` changed where a test needs a malformed one. */
function searchActivity(
  query: string | null,
  options: { from?: Person; skip?: number; count?: number; value?: unknown } = {},
): TeamsActivity {
  const base = teamsActivity("compose-search");
  const parameters = query === null ? [{ name: "initialRun", value: "true" }] : [{ name: "query", value: query }];
  return {
    ...base,
    id: `s-${Math.random().toString(36).slice(2)}`,
    from: options.from ?? PEOPLE.stranger,
    value: options.value ?? {
      commandId: "findItem",
      parameters,
      queryOptions: { skip: options.skip ?? 0, count: options.count ?? 25 },
    },
  };
}

async function answer(activity: TeamsActivity): Promise<{ status: number; body: ComposeAnswer; text: string }> {
  const before = world.connector.sent.length;
  const response = await world.post(activity);
  const text = await response.text();
  // Nothing is ever posted to the conversation: the compose box gets its answer in the invoke's response.
  expect(world.connector.sent.slice(before)).toEqual([]);
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as ComposeAnswer, text };
}

async function search(query: string | null, options: Parameters<typeof searchActivity>[1] = {}) {
  const { status, body, text } = await answer(searchActivity(query, options));
  expect(status, text).toBe(200);
  return { result: body.composeExtension!, text };
}

/** The titles of a search's results, in order ("Comment 5 · Exemplar accreditation …"). */
async function titles(query: string | null, options: Parameters<typeof searchActivity>[1] = {}): Promise<string[]> {
  const { result } = await search(query, options);
  return (result.attachments ?? []).map((a) => a.preview!.content.title);
}

function select(itemId: unknown, from: Person = PEOPLE.stranger) {
  return answer({
    ...teamsActivity("compose-select-item"),
    id: `p-${Math.random().toString(36).slice(2)}`,
    from,
    value: { itemId },
  });
}

async function itemIdOf(ref: string, reviewTitle: string): Promise<number> {
  const item = await world.prisma.item.findFirstOrThrow({ where: { ref, review: { title: reviewTitle } } });
  return item.id;
}

describe.each(STORES)("on %s", (store) => {
  beforeAll(async () => {
    const csv = `${readFileSync(path.join(FIXTURES, "d0-register.csv"), "utf8").trimEnd()}\r\n${homeRows.join("\r\n")}\r\n`;
    world = await createBotWorld({
      store,
      register: { csv, today: "2024-01-09" },
      server: true,
      users: [
        { ...PEOPLE.tenancyOwner, email: "tenant.engagement@example.org" },
        { ...PEOPLE.homeOwner, email: HOME_OWNER },
        { ...PEOPLE.improvementTeam, email: "improvement@example.org" },
        { ...PEOPLE.stranger, email: "stranger@example.org" },
      ],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error", ALLOWED_TENANT_IDS: TENANT_ID },
    });
    expect(world.imported?.errors).toEqual([]);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  it("finds an item by its reference, best match first, in Teams' list layout with a preview and the full card", async () => {
    const { result } = await search("Area for improvement 3");
    expect(result.type).toBe("result");
    expect(result.attachmentLayout).toBe("list");
    const first = result.attachments![0]!;
    expect(first.preview!.contentType).toBe("application/vnd.microsoft.card.thumbnail");
    expect(first.preview!.content.title).toBe(
      "Area for improvement 3 · Inspection of Local Authority Children&#39;s Services (ILACS) Short Inspection",
    );
    expect(first.preview!.content.text).toBe("CYPS · owner ilacs.frontdoor@example.org");
    const itemId = await itemIdOf(
      "Area for improvement 3",
      "Inspection of Local Authority Children's Services (ILACS) Short Inspection",
    );
    expect(first.preview!.content.tap).toEqual({ type: "invoke", value: { itemId: String(itemId) } });
    expect(first.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(first.content)).toContain("Area for improvement 3");
    // Every result holds every word typed somewhere it is found by.
    expect(result.attachments!.every((a) => /improvement/i.test(JSON.stringify(a.preview)))).toBe(true);
  });

  it("finds the items of a review by words of its title, and pages through them as Teams asks", async () => {
    const all = await titles("exemplar tenancy");
    expect(all).toHaveLength(16);
    expect(all.every((t) => t.endsWith("· Exemplar accreditation of housing tenancy engagement"))).toBe(true);
    const first = await titles("exemplar tenancy", { count: 10 });
    const second = await titles("exemplar tenancy", { count: 10, skip: 10 });
    expect(first).toEqual(all.slice(0, 10));
    expect(second).toEqual(all.slice(10));
    // Past the end: an empty list that ends the paging, not a message.
    const { result } = await search("exemplar tenancy", { count: 10, skip: 20 });
    expect(result).toEqual({ type: "result", attachmentLayout: "list", attachments: [] });
  });

  it("finds items by their owner's email, and by directorate with the inspecting body", async () => {
    const owned = await titles("ilacs.frontdoor@example.org");
    expect(owned).toEqual([
      "Area for improvement 3 · Inspection of Local Authority Children&#39;s Services (ILACS) Short Inspection",
    ]);
    const { result } = await search("ACHPH LGA");
    expect(result.attachments!.length).toBeGreaterThan(0);
    for (const a of result.attachments!) expect(a.preview!.content.text).toMatch(/^ACHPH · /);
    expect(result.attachments!.map((a) => a.preview!.content.title)).toContain(
      "Recommendation 1 · Safeguarding Peer Review",
    );
  });

  it("an empty search (as the command opens) lists the searcher's own open items, and only theirs", async () => {
    const mine = await titles(null, { from: PEOPLE.tenancyOwner });
    // Comments 1 to 4 are complete; 5 to 16 are open.
    expect(mine).toEqual(
      Array.from({ length: 12 }, (_, n) => `Comment ${n + 5} · Exemplar accreditation of housing tenancy engagement`),
    );
    expect(await titles("", { from: PEOPLE.tenancyOwner })).toEqual(mine);
    const { result } = await search(null, { from: PEOPLE.stranger });
    expect(result.type).toBe("message");
    expect(result.text).toMatch(/^You have no open items to share\. Search by a reference/);
  });

  it("selecting a result inserts the item's card as a channel sees it: read-only, with no update form", async () => {
    const itemId = await itemIdOf("Comment 5", "Exemplar accreditation of housing tenancy engagement");
    // Even the item's own owner gets the channel's card: the compose box cannot tell where it lands.
    const { status, body } = await select(String(itemId), PEOPLE.tenancyOwner);
    expect(status).toBe(200);
    expect(body.composeExtension?.type).toBe("result");
    const cards = body.composeExtension!.attachments!;
    expect(cards).toHaveLength(1);
    expect(cards[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const card = JSON.stringify(cards[0]!.content);
    expect(card).toContain("Comment 5");
    expect(card).toContain("You can see this item but not change it");
    expect(card).not.toContain(`"verb":"${CardVerb.itemUpdate}"`);
    expect(card).not.toContain('"id":"narrative"');
  });

  it("never finds, counts or inserts a confidential item, whoever searches and whatever they type", async () => {
    const homeItemId = (await world.prisma.item.findFirstOrThrow({ where: { text: HOME_ITEM } })).id;
    const probes = [
      "Oakfield",
      "Oakfield Grange",
      "Grange",
      "children's residential home",
      "residential",
      "Rec 1",
      "Rec",
      "bedroom",
      "privacy",
      HOME_OWNER,
      "keyworker",
      "keyworker.oakfield",
      "CYPS",
      "CYPS Ofsted",
      "Ofsted",
      "Pegasus",
      "Beech Tree Lodge",
      String(homeItemId),
      "",
    ];
    for (const from of Object.values(PEOPLE)) {
      for (const query of [null, ...probes]) {
        for (const skip of [0, 25]) {
          const { text } = await search(query, { from, skip });
          const leaked = CONFIDENTIAL.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()));
          expect(leaked, `${from.name} searching ${JSON.stringify(query)} from ${skip}`).toEqual([]);
          expect(text).not.toContain(`"itemId":"${homeItemId}"`);
          // Nothing says a match was held back: a count would tell that the words name a home.
          expect(text.toLowerCase()).not.toMatch(/\d+ (more )?(is|are|item|items)? ?confidential/);
        }
      }
    }
    // The home's own owner, asking with an empty search, is told they have nothing to share here.
    const { result } = await search(null, { from: PEOPLE.homeOwner });
    expect(result.text).toMatch(/^You have no open items to share\./);
    // Selecting it by id (a crafted tap) inserts nothing and says why, naming nothing.
    for (const from of Object.values(PEOPLE)) {
      const { status, body, text } = await select(String(homeItemId), from);
      expect(status).toBe(200);
      expect(body.composeExtension).toEqual({
        type: "message",
        text: "This item is confidential, so it cannot be shared from here: ask me about it in a personal chat.",
      });
      expect(CONFIDENTIAL.filter((secret) => text.toLowerCase().includes(secret.toLowerCase()))).toEqual([]);
    }
  }, 120_000);

  it("a search that is too long, or names nothing, says what to fix", async () => {
    const long = await search("x".repeat(201));
    expect(long.result).toEqual({
      type: "message",
      text: 'Your search is 201 characters long; search with at most 200, such as a reference ("Rec IR4"), a review, a directorate or an owner\'s email.',
    });
    expect((await search("x".repeat(200))).result.type).toBe("message"); // at the limit: searched, nothing found
    expect((await search("x".repeat(200))).result.text).toMatch(/^No item matches every word you typed\./);
    const control = await search("Rec\u0007 1");
    expect(control.result.type).toBe("message");
    expect(control.result.text).toMatch(/^Your search has a control character/);
  });

  it("a request that cannot be a search gets a 400 saying what is wrong, and nothing else happens", async () => {
    const cases: [unknown, RegExp][] = [
      [{ commandId: "findItem" }, /^this search cannot be read: value\.parameters is missing/],
      [{ commandId: "findItem", parameters: "IR4" }, /value\.parameters must be array, not string/],
      [{ parameters: [{ name: "query", value: "IR4" }] }, /value\.commandId is missing/],
      [
        { commandId: "findItem", parameters: [{ name: "query", value: "IR4" }], queryOptions: { skip: -1, count: 25 } },
        /value\.queryOptions\.skip/,
      ],
      [
        { commandId: "findItem", parameters: [{ name: "other", value: "IR4" }] },
        /this search has no "query" parameter/,
      ],
      [{ commandId: "findItem", parameters: [{ name: "query", value: 42 }] }, /the "query" parameter must be text/],
      [
        { commandId: "findItem", parameters: [{ name: "query", value: "IR4" }], queryOptions: { skip: 0, count: 0 } },
        /queryOptions\.count must be a whole number from 1 to 25/,
      ],
      [
        { commandId: "findItem", parameters: [{ name: "query", value: "IR4" }], queryOptions: { skip: 0, count: 500 } },
        /queryOptions\.count must be a whole number from 1 to 25/,
      ],
      [{ commandId: "findPeople", parameters: [{ name: "query", value: "IR4" }] }, /no search command "findPeople"/],
      [{ commandId: "constructor", parameters: [{ name: "query", value: "IR4" }] }, /no search command "constructor"/],
      [{ commandId: "__proto__", parameters: [{ name: "query", value: "IR4" }] }, /no search command "__proto__"/],
    ];
    for (const [value, reason] of cases) {
      const { status, body, text } = await answer(searchActivity("", { value }));
      expect(status, JSON.stringify(value)).toBe(400);
      expect(body.error, text).toMatch(reason);
    }
    for (const itemId of ["abc", "-1", "", null, "99999999999"]) {
      const { status, body } = await select(itemId);
      expect(status, String(itemId)).toBe(400);
      expect(body.error).toBe("this selection names no item: its value must be { itemId } from a search result");
    }
    const notAnObject = await answer({ ...teamsActivity("compose-select-item"), value: "12" });
    expect(notAnObject.status).toBe(400);
    expect(notAnObject.body.error).toMatch(/^this selected search result cannot be read: value must be object/);
    const gone = await select("2147483647");
    expect(gone.status).toBe(200);
    expect(gone.body.composeExtension).toEqual({
      type: "message",
      text: "That item is no longer in the register: it may have been removed or merged. Search again.",
    });
  });
});
