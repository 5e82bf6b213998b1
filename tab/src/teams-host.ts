/**
 * The page's host: inside Teams, TeamsJS gives the theme, the sign-on token and the channel tab's
 * settings; outside Teams the page runs on its own, takes its theme from `?theme=` and sends no token, so
 * the server's local mode answers for the local user. TeamsJS is loaded only where Teams could be the host
 * (the page is framed, or a Teams mobile web view): on load it asks a CDN for Teams' domains, which a page
 * in a plain browser has no need of (the page's Content-Security-Policy refuses it, and TeamsJS then uses
 * the list it carries).
 */
export type ThemeName = "default" | "dark" | "contrast";

export interface ChannelTabSettings {
  contentUrl: string;
  entityId: string;
  suggestedDisplayName: string;
}

export interface TabHost {
  inTeams: boolean;
  theme: ThemeName;
  /** Calls back with the new theme whenever Teams changes it. */
  onThemeChange: (handler: (theme: ThemeName) => void) => void;
  /** The Teams sign-on token, or null outside Teams. Rejects when Teams refuses sign-on. */
  token: () => Promise<string | null>;
  /** On the configuration page: saves the channel tab with these settings when Teams asks (Save). */
  offerChannelTab: (settings: ChannelTabSettings) => void;
}

/** How long TeamsJS may take to start before the page runs on its own. */
const TEAMS_START_TIMEOUT_MS = 1500;

export function themeName(value: string | null | undefined): ThemeName {
  return value === "dark" || value === "contrast" ? value : "default";
}

function standalone(search: string): TabHost {
  return {
    inTeams: false,
    theme: themeName(new URLSearchParams(search).get("theme")),
    onThemeChange: () => undefined,
    token: () => Promise.resolve(null),
    offerChannelTab: () => undefined,
  };
}

/** Teams hosts a tab in a frame on the web and desktop, and in a web view with a native interface on mobile. */
function mayBeInTeams(): boolean {
  return window.self !== window.top || "nativeInterface" in window;
}

/** Starts TeamsJS, giving up after a short wait so a page opened in a plain browser is not held up. */
export async function connectToHost(search: string): Promise<TabHost> {
  if (!mayBeInTeams()) return standalone(search);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), TEAMS_START_TIMEOUT_MS);
  });
  try {
    const { app, authentication, pages } = await import("@microsoft/teams-js");
    const started = await Promise.race([app.initialize().then(() => "started" as const), timedOut]);
    if (started === "timeout") return standalone(search);
    const context = await app.getContext();
    void app.notifySuccess();
    let settings: ChannelTabSettings | null = null;
    return {
      inTeams: true,
      theme: themeName(context.app.theme),
      onThemeChange: (handler) => app.registerOnThemeChangeHandler((theme) => handler(themeName(theme))),
      token: () => authentication.getAuthToken(),
      offerChannelTab: (next) => {
        if (settings === null) {
          pages.config.registerOnSaveHandler((saveEvent) => {
            if (!settings) return saveEvent.notifyFailure("Choose a directorate first.");
            pages.config.setConfig({ ...settings, websiteUrl: settings.contentUrl }).then(
              () => saveEvent.notifySuccess(),
              (error: unknown) => saveEvent.notifyFailure(error instanceof Error ? error.message : String(error)),
            );
          });
        }
        settings = next;
        pages.config.setValidityState(true);
      },
    };
  } catch {
    return standalone(search);
  } finally {
    clearTimeout(timer);
  }
}
