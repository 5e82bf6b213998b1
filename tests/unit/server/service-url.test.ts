/** Which serviceUrls the bot will send to, by the allow-list it runs with; tricks that name one host and reach another fail. */
import { describe, expect, it } from "vitest";
import { allowedServiceUrlHosts, loadConfig } from "../../../src/config.js";
import { checkServiceUrl } from "../../../src/server/activity-envelope.js";

const withCredentials = allowedServiceUrlHosts(loadConfig({ MicrosoftAppId: "00000000-0000-4000-8000-00000000b0b0" }));
const localMode = allowedServiceUrlHosts(loadConfig({}));

describe("checkServiceUrl", () => {
  it.each([
    ["https://smba.trafficmanager.net/uk/", true],
    ["https://smba.trafficmanager.net/emea/", true],
    ["https://SMBA.TrafficManager.net/amer/", true],
    ["https://smba.infra.gov.teams.microsoft.us/teams", true],
    ["http://smba.trafficmanager.net/uk/", false],
    ["https://smba.trafficmanager.net.evil.example/uk/", false],
    ["https://smba.trafficmanager.net@evil.example/uk/", false],
    ["https://evil.example/?smba.trafficmanager.net", false],
    ["http://127.0.0.1:3979/", false],
    ["file:///etc/passwd", false],
  ])("with credentials, %s allowed: %s", (url, allowed) => {
    expect(checkServiceUrl(url, withCredentials).ok).toBe(allowed);
  });

  it.each([
    ["http://127.0.0.1:56150/_connector", true],
    ["http://localhost:56150/", true],
    ["http://[::1]:56150/", true],
    ["https://smba.trafficmanager.net/uk/", false],
    ["http://192.0.2.1/", false],
    ["http://127.0.0.1.nip.io/", false],
    ["ftp://localhost/", false],
    ["not a url", false],
  ])("in local mode, %s allowed: %s", (url, allowed) => {
    expect(checkServiceUrl(url, localMode).ok).toBe(allowed);
  });

  it("takes an empty ALLOWED_SERVICE_URL_HOSTS as the default, not as sending nowhere", () => {
    expect(allowedServiceUrlHosts(loadConfig({ ALLOWED_SERVICE_URL_HOSTS: " " }))).toEqual(localMode);
  });

  it("lets an administrator name a sovereign cloud's host instead", () => {
    const hosts = allowedServiceUrlHosts(
      loadConfig({ MicrosoftAppId: "x", ALLOWED_SERVICE_URL_HOSTS: "Connector.Sovereign.Example" }),
    );
    expect(checkServiceUrl("https://connector.sovereign.example/teams/", hosts).ok).toBe(true);
    expect(checkServiceUrl("https://smba.trafficmanager.net/uk/", hosts).ok).toBe(false);
  });
});
