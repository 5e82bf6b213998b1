/**
 * A local stand-in for the upload session OneDrive gives with a file consent: records each PUT (path,
 * headers, bytes) and answers 201 as OneDrive does for a whole file; or answers the next one otherwise (a
 * refusal, a redirect elsewhere), or holds its answer back (a slow upload).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedUpload {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface StandInUpload {
  /** The base address, e.g. http://127.0.0.1:40123 (or the host it was started on). */
  url: string;
  received: ReceivedUpload[];
  /** Requests of any method that reached it, answered or not. */
  requests: () => number;
  /** The next n uploads get no answer (until close). */
  holdNext(n: number): void;
  /** The next upload is answered with `status` and `headers` instead, and not kept. */
  answerNext(status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startStandInUpload(host = "127.0.0.1"): Promise<StandInUpload> {
  const received: ReceivedUpload[] = [];
  const held: http.ServerResponse[] = [];
  let holds = 0;
  let nextAnswer: { status: number; headers: Record<string, string> } | null = null;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "PUT") {
        res.writeHead(405);
        res.end();
        return;
      }
      if (nextAnswer) {
        res.writeHead(nextAnswer.status, nextAnswer.headers);
        res.end();
        nextAnswer = null;
        return;
      }
      if (holds > 0) {
        holds -= 1;
        held.push(res);
        return;
      }
      const body = Buffer.concat(chunks);
      received.push({ path: req.url ?? "/", headers: req.headers, body });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `file-${received.length}`, size: body.length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    received,
    requests: () => requests,
    holdNext(n) {
      holds = n;
    },
    answerNext(status, headers = {}) {
      nextAnswer = { status, headers };
    },
    close: () => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
