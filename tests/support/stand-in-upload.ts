/**
 * A local stand-in for the upload session OneDrive gives with a file consent: records each PUT (path,
 * headers, bytes) and answers 201 as OneDrive does for a whole file, or holds its answer back (a slow upload).
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
  close(): Promise<void>;
}

export async function startStandInUpload(host = "127.0.0.1"): Promise<StandInUpload> {
  const received: ReceivedUpload[] = [];
  const held: http.ServerResponse[] = [];
  let holds = 0;
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "PUT") {
        res.writeHead(405).end();
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
    close: () => {
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
