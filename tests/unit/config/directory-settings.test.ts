/**
 * The Microsoft Graph settings: they default to the bot's own credentials; owners are reached through Graph
 * only with credentials and the manifest id, and never with PROACTIVE_INSTALL=false; and Graph and its token
 * endpoint are reached only at Microsoft's hosts over https (loopback only in local mode, for tests).
 */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { directorySettingsOf } from "../../../src/directory-settings.js";

const BOT = {
  DATABASE_URL: "file:./unused.db",
  MicrosoftAppId: "bot-app-id",
  MicrosoftAppPassword: "bot-secret",
  MicrosoftAppTenantId: "tenant-1",
  MicrosoftAppType: "SingleTenant",
};

describe("Graph settings", () => {
  it("default to the bot's credentials and Microsoft's hosts, and reach owners once the manifest id is given", () => {
    const use = directorySettingsOf(loadConfig({ ...BOT, TEAMS_APP_ID: "manifest-id" }));
    expect(use).toEqual({
      enabled: true,
      settings: {
        tenantId: "tenant-1",
        clientId: "bot-app-id",
        clientSecret: "bot-secret",
        graphBaseUrl: "https://graph.microsoft.com/v1.0",
        authorityHost: "https://login.microsoftonline.com",
        timeoutMs: 20_000,
        ratePerSecond: 10,
        teamsAppId: "manifest-id",
        serviceUrl: "https://smba.trafficmanager.net/teams/",
        botId: "28:bot-app-id",
      },
    });
  });

  it("GRAPH_* settings take over from the bot's credentials", () => {
    const use = directorySettingsOf(
      loadConfig({
        ...BOT,
        TEAMS_APP_ID: "manifest-id",
        GRAPH_TENANT_ID: "tenant-2",
        GRAPH_CLIENT_ID: "graph-app",
        GRAPH_CLIENT_SECRET: "graph-secret",
      }),
    );
    expect(use.enabled && [use.settings.tenantId, use.settings.clientId, use.settings.clientSecret]).toEqual([
      "tenant-2",
      "graph-app",
      "graph-secret",
    ]);
  });

  it("is off, saying why, without credentials, without the manifest id, or with PROACTIVE_INSTALL=false", () => {
    expect(directorySettingsOf(loadConfig({ DATABASE_URL: "file:./unused.db", TEAMS_APP_ID: "m" }))).toEqual({
      enabled: false,
      reason: "no Graph credentials (GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET)",
    });
    expect(directorySettingsOf(loadConfig(BOT))).toEqual({
      enabled: false,
      reason: "no TEAMS_APP_ID (the manifest's id)",
    });
    expect(directorySettingsOf(loadConfig({ ...BOT, TEAMS_APP_ID: "m", PROACTIVE_INSTALL: "false" }))).toEqual({
      enabled: false,
      reason: "PROACTIVE_INSTALL=false",
    });
  });

  it("refuses PROACTIVE_INSTALL=true without the manifest id, and a PROACTIVE_INSTALL that is not true or false", () => {
    expect(() => loadConfig({ ...BOT, PROACTIVE_INSTALL: "true" })).toThrow(
      "TEAMS_APP_ID: PROACTIVE_INSTALL=true needs the manifest's id to find the app in the catalogue",
    );
    expect(() => loadConfig({ ...BOT, PROACTIVE_INSTALL: "yes" })).toThrow("PROACTIVE_INSTALL: must be true or false");
  });

  it("refuses a Graph or token host that is not Microsoft's, or not https", () => {
    expect(() => loadConfig({ ...BOT, GRAPH_BASE_URL: "https://graph.example.org/v1.0" })).toThrow(
      "GRAPH_BASE_URL: must be https://graph.microsoft.com",
    );
    expect(() => loadConfig({ ...BOT, GRAPH_AUTHORITY_HOST: "https://127.0.0.1:8443" })).toThrow(
      "GRAPH_AUTHORITY_HOST: must be https://login.microsoftonline.com",
    );
    expect(() => loadConfig({ ...BOT, GRAPH_BASE_URL: "http://graph.microsoft.com/v1.0" })).toThrow(
      "GRAPH_BASE_URL: must be an https:// address",
    );
  });

  it("allows loopback hosts in local mode only (the tests' stand-ins)", () => {
    const local = loadConfig({
      DATABASE_URL: "file:./unused.db",
      GRAPH_BASE_URL: "https://127.0.0.1:8443/v1.0",
      GRAPH_AUTHORITY_HOST: "https://localhost:8443",
    });
    expect([local.GRAPH_BASE_URL, local.GRAPH_AUTHORITY_HOST]).toEqual([
      "https://127.0.0.1:8443/v1.0",
      "https://localhost:8443",
    ]);
  });
});
