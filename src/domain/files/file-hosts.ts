/**
 * Where the bot may send a file's bytes (and fetch one from): only the host Teams names for the tenant's
 * files, which is SharePoint or OneDrive for Business in production, and this machine in local mode (the
 * tests' stand-in and a local simulator). Anything else, including a plain-HTTP SharePoint address, is refused.
 */
import type { Outcome } from "../outcome.js";

/** The suffixes of SharePoint's and OneDrive for Business's hosts: the public cloud and the US government clouds. */
export const SHAREPOINT_HOST_SUFFIXES = [".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us"] as const;
/** This machine's names: local mode talks only to them (the Agents Playground and the tests' stand-ins). */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.some((loopback) => loopback === hostname);
}
/**
 * The longest file address accepted: an upload session's address carries its own short-lived token
 * (`tempauth=…`), often past the 2,048 characters allowed for links people type.
 */
export const FILE_URL_MAX_LENGTH = 8192;

function isSharePointHost(hostname: string): boolean {
  return SHAREPOINT_HOST_SUFFIXES.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);
}

/**
 * The address as a URL when the bot may use it: HTTPS to a SharePoint or OneDrive host, or, in local mode,
 * HTTP or HTTPS to loopback. `what` names the address in the refusal ("the upload address").
 */
export function allowedFileUrl(text: string, options: { localMode: boolean; what: string }): Outcome<URL> {
  if (text.length > FILE_URL_MAX_LENGTH)
    return { ok: false, reason: `${options.what} is longer than ${FILE_URL_MAX_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: `${options.what} is not a web address` };
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return { ok: false, reason: `${options.what} carries a user name or password` };
  if (url.protocol === "https:" && isSharePointHost(host)) return { ok: true, value: url };
  if (options.localMode && (url.protocol === "http:" || url.protocol === "https:") && isLoopbackHost(host))
    return { ok: true, value: url };
  return {
    ok: false,
    reason: `${options.what} is on ${host || "no host"}, not a SharePoint or OneDrive host${options.localMode ? " or this machine" : " over HTTPS"}`,
  };
}
