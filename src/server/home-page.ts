/**
 * GET /: a short page for whoever opens the bot's address in a browser (the README's first line points
 * there): what this is, that it runs, and where to read more and check it. The version is the only value
 * in it, and it is escaped as any text shown as HTML.
 */
import type restify from "restify";

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function homePage(version: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>Recommendation tracker</title></head>
<body>
<h1>Recommendation tracker</h1>
<p>A Microsoft Teams bot that tracks the recommendations from external inspections, reviews and audits until
each is done. It is running (version ${escapeHtml(version)}).</p>
<p>Talk to it in Teams, or locally in the Microsoft 365 Agents Playground (<code>npm run playground</code>).
How to install, configure and use it is in the project's <code>README.md</code>, beside its source.</p>
<ul>
<li><a href="/readyz">/readyz</a>: readiness (200 when the database answers and the outbox is moving, otherwise 503 with the reason)</li>
<li><a href="/healthz">/healthz</a>: liveness (200 while the process serves, with the register's size)</li>
<li><code>POST /api/messages</code>: where Teams sends the bot's conversations</li>
</ul>
</body>
</html>
`;
}

export function registerHomePage(server: restify.Server, version: string): void {
  const page = homePage(version);
  server.get("/", (_req, res, next) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(page) });
    res.end(page);
    return next();
  });
}
