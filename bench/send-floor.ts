/**
 * The floor the several-instances benchmark measures in the same run: a bare process (no database, no bot
 * framework) posting a card-sized activity to the stand-in connector on a schedule of 50 a second, catching
 * up whatever its timers lose. What it reaches, its round trip and how late its timers fire say what this
 * machine, loaded as it is at that moment, allows any sender.
 * Usage: node --import tsx bench/send-floor.ts <connector url> <rate per second> <seconds>
 */
import http from "node:http";

const [url, rateText, secondsText] = process.argv.slice(2);
if (!url || !rateText || !secondsText) throw new Error("usage: send-floor.ts <connector url> <rate> <seconds>");
const rate = Number(rateText);
const durationMs = Number(secondsText) * 1_000;
const agent = new http.Agent({ keepAlive: true });
const body = JSON.stringify({
  type: "message",
  attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: { text: "x".repeat(2_000) } }],
});

function post(i: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(`v3/conversations/floor-${i}/activities`, url),
      { method: "POST", agent, headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(performance.now() - started));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const started = performance.now();
const roundTrips: Promise<number>[] = [];
let lateMs = 0;
let wakes = 0;
while (performance.now() - started < durationMs) {
  const due = started + (roundTrips.length * 1_000) / rate;
  const wait = due - performance.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    lateMs += Math.max(0, performance.now() - due);
    wakes += 1;
  }
  roundTrips.push(post(roundTrips.length));
}
const times = await Promise.all(roundTrips);
const tookMs = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({
    perSecond: (times.length * 1_000) / tookMs,
    roundTripMs: times.reduce((a, b) => a + b, 0) / times.length,
    timerLateMs: wakes ? lateMs / wakes : 0,
  })}\n`,
);
agent.destroy();
