/**
 * Downloads a file Teams sent to the bot (its attachment's `downloadUrl`): only from an allowed host, over
 * HTTPS unless the host is this machine, within a deadline and a size limit, counting the bytes as they
 * come rather than trusting Content-Length. Every refusal is a sentence saying what to do.
 */
import { isLoopbackHost } from "../../domain/files/file-hosts.js";
import { isAllowedDownloadHost } from "../../domain/imports/file-download.js";
import { plural } from "../../domain/text/readable-text.js";

export type DownloadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

export interface DownloadLimits {
  hosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
}

/** A SharePoint download may redirect once or twice; each hop's host is checked like the first. */
const MOST_REDIRECTS = 3;

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
}

function tooLarge(limits: DownloadLimits): DownloadOutcome {
  return {
    ok: false,
    reason: `The file is larger than the ${megabytes(limits.maxBytes)} I import (IMPORT_MAX_FILE_MB): send the register in parts.`,
  };
}

/** Why `url` may not be fetched, or null when it may. */
function urlProblem(url: URL | null, hosts: readonly string[]): string | null {
  if (!url) return "The file's download link from Teams is not a web address, so I did not fetch it.";
  const local = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local))
    return "The file's download link is not HTTPS, so I did not fetch it.";
  if (!isAllowedDownloadHost(url.hostname, hosts))
    return `The file comes from ${url.hostname}, which is not a host I download from (FILE_DOWNLOAD_HOSTS): send it again from the chat with me, or ask IT to allow that host.`;
  return null;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export async function downloadFile(link: string, limits: DownloadLimits): Promise<DownloadOutcome> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = parseUrl(link);
  try {
    for (let hop = 0; hop <= MOST_REDIRECTS; hop += 1) {
      const problem = urlProblem(url, limits.hosts);
      if (problem) return { ok: false, reason: problem };
      const response = await fetch(url!, { redirect: "manual", signal });
      if (response.status >= 300 && response.status < 400 && response.headers.get("location")) {
        await response.body?.cancel();
        url = parseUrl(new URL(response.headers.get("location")!, url!).toString());
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return {
          ok: false,
          reason: `Teams did not hand over the file (it answered ${response.status}): send it to me again.`,
        };
      }
      const declared = Number(response.headers.get("content-length") ?? "NaN");
      if (declared > limits.maxBytes) {
        await response.body?.cancel();
        return tooLarge(limits);
      }
      return await readWithin(response, limits);
    }
    return { ok: false, reason: "The file's download link sent me round too many redirects: send it to me again." };
  } catch {
    if (signal.aborted)
      return {
        ok: false,
        reason: `Downloading the file took more than ${plural(limits.timeoutMs / 1000, "second")}, so I stopped (FILE_DOWNLOAD_TIMEOUT_SECONDS): send it to me again.`,
      };
    return { ok: false, reason: "I could not download the file from Teams: send it to me again." };
  }
}

/** The body, stopped as soon as it passes the limit. */
async function readWithin(response: Response, limits: DownloadLimits): Promise<DownloadOutcome> {
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  if (!reader) return { ok: true, bytes: new Uint8Array() };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limits.maxBytes) {
      await reader.cancel();
      return tooLarge(limits);
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
