/**
 * The tab's sign-on settings: the audience defaults to `api://<PUBLIC_BASE_URL host>/<app id>` and the bare app
 * id is accepted beside it; the tenants default to the bot's own; with credentials and no tenant at all the bot
 * does not start; without an audience the tab says what to set; and local mode without SSO_AUDIENCE acts as
 * LOCAL_TAB_USER, else the first improvement-team administrator.
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { signOnSettingsOf } from "../../../src/sign-on-settings.js";

const BOT = {
  DATABASE_URL: "file:./unused.db",
  MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0",
  MicrosoftAppPassword: "bot-secret",
  PUBLIC_BASE_URL: "https://tracker.example.org",
};

describe("the tab's sign-on settings", () => {
  it("default the audience from PUBLIC_BASE_URL and the app id, and the tenant to the bot's own", () => {
    const settings = signOnSettingsOf(loadConfig({ ...BOT, MicrosoftAppTenantId: "Tenant-1" }));
    expect(settings).toEqual({
      ok: true,
      value: {
        token: {
          audiences: [`api://tracker.example.org/${BOT.MicrosoftAppId}`, BOT.MicrosoftAppId],
          tenants: ["tenant-1"],
          authorityHost: "https://login.microsoftonline.com",
          keysUrl: "https://login.microsoftonline.com/tenant-1/discovery/v2.0/keys",
          requireHttps: true,
        },
        localUser: null,
        unconfigured: null,
      },
    });
  });

  it("take SSO_AUDIENCE and ALLOWED_TENANT_IDS as given; several tenants read the common keys", () => {
    const settings = signOnSettingsOf(
      loadConfig({
        ...BOT,
        SSO_AUDIENCE: "api://tab.example.org/x",
        ALLOWED_TENANT_IDS: "t-1, T-2",
        GRAPH_TENANT_ID: "g",
      }),
    );
    if (!settings.ok || !settings.value.token) throw new Error("expected token checks");
    expect(settings.value.token.audiences).toEqual(["api://tab.example.org/x", BOT.MicrosoftAppId]);
    expect(settings.value.token.tenants).toEqual(["t-1", "t-2"]);
    expect(settings.value.token.keysUrl).toBe("https://login.microsoftonline.com/common/discovery/v2.0/keys");
  });

  it("stop the bot with credentials and no tenant at all, saying which setting to add", () => {
    const settings = signOnSettingsOf(loadConfig(BOT));
    expect(settings).toEqual({
      ok: false,
      reason: expect.stringMatching(/^ALLOWED_TENANT_IDS: set the Entra tenant ids/),
    });
  });

  it("leave the tab off, saying what to set, with credentials but no audience", () => {
    const { PUBLIC_BASE_URL: _unused, ...withoutHost } = BOT;
    const settings = signOnSettingsOf(loadConfig({ ...withoutHost, MicrosoftAppTenantId: "tenant-1" }));
    expect(settings).toMatchObject({
      ok: true,
      value: { token: null, unconfigured: expect.stringMatching(/SSO_AUDIENCE/) },
    });
  });

  it("in local mode without SSO_AUDIENCE act as LOCAL_TAB_USER, else the first administrator, with no token check", () => {
    const local = { DATABASE_URL: "file:./unused.db", IMPROVEMENT_TEAM_ADMINS: "First@Example.org,second@example.org" };
    expect(signOnSettingsOf(loadConfig(local))).toEqual({
      ok: true,
      value: { token: null, localUser: "first@example.org", unconfigured: null },
    });
    expect(signOnSettingsOf(loadConfig({ ...local, LOCAL_TAB_USER: " Tab.User@example.org " }))).toMatchObject({
      ok: true,
      value: { localUser: "tab.user@example.org" },
    });
  });
});
