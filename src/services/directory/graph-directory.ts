/**
 * The directory port on Microsoft Graph (v1.0), as Company Communicator's AppManagerService uses it: users by
 * UPN then by a `mail eq` filter, the app in the organisation's catalogue by `externalId`, an install for a
 * user (409: already installed) and the chat of an installation. Plain fetch with MSAL's tokens rather than
 * @microsoft/microsoft-graph-client: that client's own retry handler would retry 429s on its own schedule,
 * blocking, outside the pacing and the outbox's backoff that every other outbound call here shares.
 */
import type { DirectoryUser } from "../../domain/directory/directory-account.js";
import type { DirectoryAnswer, DirectoryFailure, DirectoryPort, InstallOutcome } from "./directory-port.js";
import { GraphRequests, type GraphAnswer, type GraphRequestOptions } from "./graph-requests.js";
import { msalTokenSource, type GraphCredentials } from "./graph-token.js";

const USER_FIELDS = "$select=id,displayName,jobTitle,accountEnabled,userType,mail,userPrincipalName";

/** OData string literal: single quotes doubled. */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
const segment = encodeURIComponent;

function failure(answer: Extract<GraphAnswer, { ok: false }>): DirectoryFailure {
  return {
    ok: false,
    status: answer.status,
    retryable: answer.retryable,
    retryAfter: answer.retryAfter,
    reason: answer.reason,
  };
}

function userOf(body: Record<string, unknown>): DirectoryUser | null {
  if (typeof body.id !== "string") return null;
  const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 200) : null);
  return {
    id: body.id,
    displayName: text(body.displayName),
    jobTitle: text(body.jobTitle),
    accountEnabled: typeof body.accountEnabled === "boolean" ? body.accountEnabled : null,
    userType: text(body.userType),
  };
}

const firstOf = (body: Record<string, unknown>): Record<string, unknown> | null =>
  Array.isArray(body.value) && body.value.length > 0 ? (body.value[0] as Record<string, unknown>) : null;

export class GraphDirectory implements DirectoryPort {
  /** The catalogue id, once found: it does not change while the app stays in the catalogue. */
  private catalogueIds = new Map<string, string>();
  /** Catalogue look-ups under way, by manifest id. */
  private readonly cataloguesAsked = new Map<string, Promise<DirectoryAnswer<string | null>>>();

  constructor(
    private readonly requests: GraphRequests,
    private readonly baseUrl: string,
  ) {}

  get counters() {
    return this.requests.counters;
  }

  async findUser(email: string): Promise<DirectoryAnswer<DirectoryUser | null>> {
    const byUpn = await this.requests.call("GET", `/users/${segment(email)}?${USER_FIELDS}`);
    if (byUpn.ok) return { ok: true, value: userOf(byUpn.body) };
    if (byUpn.status !== 404) return failure(byUpn);
    const byMail = await this.requests.call("GET", `/users?$filter=mail eq ${segment(quoted(email))}&${USER_FIELDS}`);
    if (!byMail.ok) return failure(byMail);
    const first = firstOf(byMail.body);
    return { ok: true, value: first ? userOf(first) : null };
  }

  async userById(id: string): Promise<DirectoryAnswer<DirectoryUser | null>> {
    const answer = await this.requests.call("GET", `/users/${segment(id)}?${USER_FIELDS}`);
    if (answer.ok) return { ok: true, value: userOf(answer.body) };
    return answer.status === 404 ? { ok: true, value: null } : failure(answer);
  }

  async catalogueAppId(manifestId: string): Promise<DirectoryAnswer<string | null>> {
    const known = this.catalogueIds.get(manifestId);
    if (known) return { ok: true, value: known };
    // The first sends of a drain all ask at once: one request answers them all.
    const asking = this.cataloguesAsked.get(manifestId) ?? this.askCatalogue(manifestId);
    this.cataloguesAsked.set(manifestId, asking);
    try {
      return await asking;
    } finally {
      this.cataloguesAsked.delete(manifestId);
    }
  }

  private async askCatalogue(manifestId: string): Promise<DirectoryAnswer<string | null>> {
    const answer = await this.requests.call(
      "GET",
      `/appCatalogs/teamsApps?$filter=externalId eq ${segment(quoted(manifestId))}`,
    );
    if (!answer.ok) return failure(answer);
    const id = firstOf(answer.body)?.id;
    if (typeof id !== "string") return { ok: true, value: null };
    this.catalogueIds.set(manifestId, id);
    return { ok: true, value: id };
  }

  async install(userId: string, catalogueAppId: string): Promise<DirectoryAnswer<InstallOutcome>> {
    const answer = await this.requests.call("POST", `/users/${segment(userId)}/teamwork/installedApps`, {
      "teamsApp@odata.bind": `${this.baseUrl}/appCatalogs/teamsApps/${segment(catalogueAppId)}`,
    });
    if (answer.ok) return { ok: true, value: "installed" };
    if (answer.status === 409) return { ok: true, value: "already-installed" };
    if (answer.status === 403) return { ok: true, value: "refused" };
    if (answer.status === 404) {
      // The catalogue entry went away: look it up again next time.
      this.catalogueIds.clear();
      return { ok: true, value: "app-not-found" };
    }
    return failure(answer);
  }

  async installationOf(userId: string, catalogueAppId: string): Promise<DirectoryAnswer<string | null>> {
    const answer = await this.requests.call(
      "GET",
      `/users/${segment(userId)}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq ${segment(quoted(catalogueAppId))}`,
    );
    if (!answer.ok) return failure(answer);
    const id = firstOf(answer.body)?.id;
    return { ok: true, value: typeof id === "string" ? id : null };
  }

  async chatOf(userId: string, installationId: string): Promise<DirectoryAnswer<string>> {
    const answer = await this.requests.call(
      "GET",
      `/users/${segment(userId)}/teamwork/installedApps/${segment(installationId)}/chat`,
    );
    if (!answer.ok) return failure(answer);
    if (typeof answer.body.id !== "string")
      return { ok: false, status: answer.status, retryable: true, retryAfter: null, reason: "Graph gave no chat id" };
    return { ok: true, value: answer.body.id };
  }
}

/** The Graph client from the settings: MSAL tokens, paced and bounded requests. */
export function graphDirectory(
  settings: GraphCredentials & { graphBaseUrl: string; ratePerSecond: number },
  options: Partial<Pick<GraphRequestOptions, "retry" | "longestWaitMs" | "clock" | "jitter">> = {},
): GraphDirectory {
  const requests = new GraphRequests({
    baseUrl: settings.graphBaseUrl,
    tokens: msalTokenSource(settings),
    timeoutMs: settings.timeoutMs,
    ratePerSecond: settings.ratePerSecond,
    ...options,
  });
  return new GraphDirectory(requests, settings.graphBaseUrl);
}
