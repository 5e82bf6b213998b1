/**
 * A Council Plan measures file sent to the bot in Teams, over HTTP against the real server, on SQLite and
 * PostgreSQL: recognised by its headings, previewed (nothing written), imported on Import with the
 * exceptions made improvement actions owned by the lead officers; a file with bad rows lists every one,
 * with no Import button, and changes nothing.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_MEASURES_FILE } from "../../src/services/measures/load-demo-measures.js";
import { cardAction, personalMessage } from "../support/bot-fixtures.js";
import { createBotWorld, type BotWorld } from "../support/bot-world.js";
import type { RunningBot } from "../support/running-bot.js";
import { STORES } from "../support/stores.js";

const ADMIN = { id: "29:admin", name: "Imogen Team", aadObjectId: "aad-admin" };
const FILE_TYPE = "application/vnd.microsoft.teams.file.download.info";
const MEASURES = readFileSync(DEMO_MEASURES_FILE);
const NOW = new Date("2019-10-15T10:00:00Z");

type Card = { body?: unknown[]; actions?: { verb?: string; data?: { previewId?: string } }[] };

/** A stand-in for SharePoint's download URLs: files by path, one that never answers, and every request counted. */
interface FileHost {
  url: string;
  files: Map<string, Buffer>;
  requests: string[];
  close(): Promise<void>;
}

async function startFileHost(): Promise<FileHost> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const hanging: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    const at = new URL(req.url ?? "/", "http://localhost").pathname;
    requests.push(at);
    if (at === "/hang") {
      hanging.push(res);
      return;
    }
    // A redirect to the same files under another name for this machine.
    if (at.startsWith("/redirect/")) {
      const { port } = server.address() as AddressInfo;
      res.writeHead(302, { location: `http://localhost:${port}/${at.slice("/redirect/".length)}` });
      res.end();
      return;
    }
    const body = files.get(at);
    if (!body) {
      res.writeHead(404);
      res.end();
      return;
    }
    // Sent in pieces without Content-Length, as a large download may be: the bot must count what arrives.
    res.writeHead(200, { "content-type": "application/octet-stream" });
    for (let i = 0; i < body.length; i += 64 * 1024) res.write(body.subarray(i, i + 64 * 1024));
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    requests,
    close: () => {
      for (const res of hanging.splice(0)) res.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe.each(STORES)("on %s", (store) => {
  let world: BotWorld;
  let host: FileHost;

  beforeAll(async () => {
    world = await createBotWorld({
      store,
      server: true,
      now: NOW,
      users: [{ ...ADMIN, email: "improvement@example.org" }],
      env: { IMPROVEMENT_TEAM_ADMINS: "improvement@example.org", LOG_LEVEL: "error" },
    });
    host = await startFileHost();
  }, 60_000);
  afterAll(async () => {
    await host?.close();
    await world?.close();
  });

  function fileMessage(name: string, at: string, changes: Record<string, unknown> = {}) {
    return personalMessage("", {
      from: ADMIN,
      attachments: [
        {
          contentType: FILE_TYPE,
          contentUrl: `${host.url}${at}`,
          name,
          content: { downloadUrl: `${host.url}${at}`, uniqueId: "file-1", fileType: path.extname(name).slice(1) },
        },
      ],
      ...changes,
    });
  }

  /** Sends a file and returns what the bot answered in the chat: its card, or its text. */
  async function send(
    activity: Record<string, unknown>,
    to?: RunningBot,
  ): Promise<{ card: Card | null; text: string }> {
    const before = world.connector.sent.length;
    const response = await world.post(activity, to ? { to } : {});
    expect(response.status).toBeLessThan(300);
    // A slow turn sends a typing indicator first: the answer is the first message after it.
    let reply = undefined as (typeof world.connector.sent)[number]["activity"] | undefined;
    for (let count = before + 1; !reply; count += 1) {
      const sent = await world.connector.waitForSends(count);
      reply = sent.slice(before).find((s) => s.activity.type === "message")?.activity;
    }
    const card = (reply.attachments?.[0]?.content ?? null) as Card | null;
    return { card, text: card ? JSON.stringify(card) : (reply.text ?? "") };
  }

  async function press(verb: string, previewId: string, from = ADMIN): Promise<{ card: Card | null; text: string }> {
    const response = await world.post(cardAction(verb, { previewId }, { from }));
    const body = JSON.parse(await response.text()) as { value: Card | string };
    return typeof body.value === "string"
      ? { card: null, text: body.value }
      : { card: body.value, text: JSON.stringify(body.value) };
  }

  function previewIdOf(card: Card | null): string {
    const id = card?.actions?.find((a) => a.verb === "import.apply")?.data?.previewId;
    if (!id) throw new Error(`no Import button on ${JSON.stringify(card)}`);
    return id;
  }

  it("lists every bad row of a measures file, offers no Import, and changes nothing", async () => {
    const bad = [
      "measure_ref,outcome,measure,lead_officer,directorate,polarity,frequency,target,period,value,status_override",
      "1.A5,A,Repeat plans,ailsa.barr@example.org,CYPS,low,Monthly,7%,2019/20 Q1,10.1%,",
      "1.A2,A,CP plans,ailsa.barr@example.org,CYPS,upwards,Monthly,90,2019/20 Q1,94.8,",
      "1.A8,A,Family placements,ailsa.barr@example.org,CYPS,high,Monthly,85%,Q1 2019,81.7%,",
    ].join("\n");
    host.files.set("/measures/bad.csv", Buffer.from(bad));
    const preview = await send(fileMessage("Council Plan Q1.csv", "/measures/bad.csv"));
    expect(preview.text).toContain('polarity \\"upwards\\" must be high or low');
    expect(preview.text).toContain('period \\"Q1 2019\\"');
    expect(preview.card?.actions?.some((a) => a.verb === "import.apply") ?? false).toBe(false);
    expect(await world.prisma.councilPlanMeasure.count()).toBe(0);
  });

  it("previews a measures file without writing, and Import makes the measures and the exceptions' actions", async () => {
    host.files.set("/measures/q1.csv", MEASURES);
    const preview = await send(fileMessage("Council Plan measures Q1 2019-20.csv", "/measures/q1.csv"));
    expect(preview.text).toContain("Preview: import this tracker?");
    // The exceptions' three improvement actions, in the items count.
    expect(preview.text).toContain("3 new, 0 changed, 0 unchanged");
    expect(await world.prisma.councilPlanMeasure.count()).toBe(0);

    const imported = await press("import.apply", previewIdOf(preview.card));
    expect(imported.text).toContain("Imported Council Plan measures Q1 2019-20.csv");
    expect(await world.prisma.councilPlanMeasure.count()).toBe(10);
    expect(await world.prisma.measureReading.count()).toBe(70);
    const actions = await world.prisma.item.findMany({
      where: { review: { source: "council_plan" } },
      include: { owner: true },
      orderBy: { ref: "asc" },
    });
    expect(actions.map((a) => [a.ref, a.owner?.email])).toEqual([
      ["1.A2", "ailsa.barr@example.org"],
      ["1.A5", "ailsa.barr@example.org"],
      ["1.A8", "ailsa.barr@example.org"],
    ]);
    const history = await world.prisma.auditEntry.findFirstOrThrow({ where: { entityType: "measure_reading" } });
    expect(history.actor).toBe("improvement@example.org");
    // Who imported which file, once: its name, size and what it held.
    const entries = await world.prisma.auditEntry.findMany({ where: { entityType: "import" } });
    expect(entries.map((e) => JSON.parse(e.after!) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ file: "Council Plan measures Q1 2019-20.csv", bytes: MEASURES.length }),
      expect.objectContaining({
        file: "Council Plan measures Q1 2019-20.csv",
        items: expect.objectContaining({ created: 3 }),
      }),
    ]);
  }, 60_000);
});
