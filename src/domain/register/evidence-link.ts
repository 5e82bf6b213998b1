/**
 * A word about an evidence link others may not be able to open. Council evidence often lives on the
 * intranet, which the owner and the improvement team can open, so such a link is accepted (refusing it
 * would push people to paste nothing, or to move documents they may not share); but the owner and the
 * verifier are told when it is plain http or names an internal host, since the committee and the
 * auditors, reading the report from outside, may not be able to follow it.
 */

/** Endings of host names that only resolve inside an organisation. */
const INTERNAL_SUFFIXES = [".local", ".localhost", ".internal", ".intranet", ".lan", ".corp", ".home.arpa"];

function isPrivateIpv4(host: string): boolean {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  return (
    a === 10 ||
    a === 127 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

function isPrivateIpv6(host: string): boolean {
  if (!host.startsWith("[")) return false;
  const address = host.slice(1, -1).toLowerCase();
  return address === "::1" || /^f[cd][0-9a-f]{2}:/.test(address) || /^fe[89ab][0-9a-f]:/.test(address);
}

/** Why the host looks internal, or null: a single-label name, an internal suffix, or a private address. */
function internalHost(host: string): string | null {
  if (isPrivateIpv4(host) || isPrivateIpv6(host)) return `points at a private network address (${host})`;
  if (!host.includes(".") && !host.startsWith("[")) return `names an intranet host (${host})`;
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return `names an internal host (${host})`;
  return null;
}

/**
 * The caution to show beside an accepted evidence link, or null when it is an ordinary HTTPS link to a
 * public host name. The link must already have passed the update's check (it starts http:// or https://).
 */
export function evidenceLinkCaution(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const problems: string[] = [];
  if (url.protocol === "http:") problems.push("is not HTTPS");
  const internal = internalHost(url.hostname.toLowerCase());
  if (internal) problems.push(internal);
  if (problems.length === 0) return null;
  return `The evidence link ${problems.join(" and ")}: the committee may not be able to open it. A https:// link to the document on SharePoint or Teams is safest.`;
}
