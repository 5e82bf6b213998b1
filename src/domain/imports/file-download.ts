/**
 * Where a tracker file sent in Teams may be downloaded from, and how long a preview of it lives. Teams
 * gives a short-lived, pre-authorised `downloadUrl` on the tenant's SharePoint or OneDrive; nothing else
 * is fetched, so a forged attachment cannot make the bot reach into the network it runs in.
 */

/** With credentials (FILE_DOWNLOAD_HOSTS unset): SharePoint and OneDrive, commercial and dogfood clouds. */
export const DEFAULT_FILE_DOWNLOAD_HOSTS = [
  "*.sharepoint.com",
  "*.sharepoint-df.com",
  "*.files.1drv.com",
  "*.sharepoint.us",
  "*.sharepoint-mil.us",
] as const;

/** How long a download may take, and a preview (with its file) wait for Import or Cancel. */
export const DEFAULT_FILE_DOWNLOAD_SECONDS = 30;
export const DEFAULT_IMPORT_PREVIEW_MINUTES = 30;

/** A preview's row (without its file) is kept this much longer, so a late press is told it expired. */
export const EXPIRED_PREVIEW_KEPT_DAYS = 7;

/**
 * Whether `host` (lower case, as URL.hostname gives it) is one the patterns allow: "*.example.com" allows
 * any name under example.com (not example.com itself); any other pattern allows exactly that name.
 */
export function isAllowedDownloadHost(host: string, patterns: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return patterns.some((pattern) => {
    const wanted = pattern.toLowerCase();
    if (wanted.startsWith("*.")) return name.endsWith(wanted.slice(1)) && name.length > wanted.length - 1;
    return name === wanted;
  });
}
