/**
 * One instance's sender for the shared-bucket comparison (shared-bucket-bench.ts): the design the product did
 * not take, measured so the choice rests on figures. Before each send it takes a token from one bucket row in
 * PostgreSQL (refilled at `rate` a second up to `capacity`, by the database's clock, under the row's lock),
 * then posts a card-sized activity to the stand-in connector, up to 16 in flight as the dispatcher does.
 * Prints what it sent and what each take cost.
 * Usage: node --import tsx bench/shared-bucket-sender.ts <database url> <connector url> <rate> <capacity> <seconds> <name>
 */
import http from "node:http";
import pg from "pg";

const [databaseUrl, connectorUrl, rateText, capacityText, secondsText, name] = process.argv.slice(2);
if (!databaseUrl || !connectorUrl || !rateText || !capacityText || !secondsText || !name)
  throw new Error("usage: shared-bucket-sender.ts <database url> <connector url> <rate> <capacity> <seconds> <name>");
const rate = Number(rateText);
const capacity = Number(capacityText);
const durationMs = Number(secondsText) * 1_000;
const MAX_IN_FLIGHT = 16;

/** One statement: the tokens now (refilled since the last take), and one taken if there is one. */
const TAKE = `
  WITH "now" AS (
    SELECT LEAST($2::float8, "tokens" + EXTRACT(EPOCH FROM clock_timestamp() - "at") * $1::float8) AS "tokens"
    FROM "bucket" WHERE "id" = 1 FOR UPDATE
  ), "taken" AS (
    UPDATE "bucket" SET "tokens" = "now"."tokens" - 1, "at" = clock_timestamp() FROM "now"
    WHERE "bucket"."id" = 1 AND "now"."tokens" >= 1 RETURNING 1
  )
  SELECT "now"."tokens", EXISTS (SELECT 1 FROM "taken") AS "taken" FROM "now"`;

const agent = new http.Agent({ keepAlive: true });
const body = JSON.stringify({
  type: "message",
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { text: "x".repeat(2_000) } }],
});

function post(i: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(`v3/conversations/${name}-${i}/activities`, connectorUrl),
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve());
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const takeMs: number[] = [];
const inFlight = new Set<Promise<void>>();
let sent = 0;
const started = performance.now();
while (performance.now() - started < durationMs) {
  if (inFlight.size >= MAX_IN_FLIGHT) {
    await Promise.race(inFlight);
    continue;
  }
  const before = performance.now();
  const { rows } = await pool.query<{ tokens: number; taken: boolean }>(TAKE, [rate, capacity]);
  takeMs.push(performance.now() - before);
  const { tokens, taken } = rows[0]!;
  if (!taken) {
    // Until the next token is due by the bucket's own refill.
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, ((1 - tokens) / rate) * 1_000)));
    continue;
  }
  const send: Promise<void> = post(sent).finally(() => inFlight.delete(send));
  inFlight.add(send);
  sent += 1;
}
await Promise.all(inFlight);
takeMs.sort((a, b) => a - b);
process.stdout.write(
  `${JSON.stringify({
    sent,
    takes: takeMs.length,
    takeMedianMs: takeMs[Math.floor(takeMs.length / 2)] ?? 0,
    takeP95Ms: takeMs[Math.floor(takeMs.length * 0.95)] ?? 0,
  })}\n`,
);
agent.destroy();
await pool.end();
