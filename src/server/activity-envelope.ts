/**
 * Checks the parts of a Bot Framework activity the bot reads, before anything else runs: each field
 * has the type Teams sends (text where text is expected), and its serviceUrl names a host the bot may
 * send to. A request that fails gets a 4xx saying which field to fix, and nothing is sent anywhere.
 */
import { z } from "zod";

const text = z.string();
const optionalText = text.nullish();
const account = z.object({ id: text, name: optionalText, aadObjectId: optionalText }).passthrough();
const idAndName = z.object({ id: optionalText, name: optionalText }).passthrough();

const activityEnvelope = z
  .object({
    type: text,
    id: optionalText,
    name: optionalText,
    action: optionalText,
    text: optionalText,
    locale: optionalText,
    replyToId: optionalText,
    channelId: optionalText,
    serviceUrl: text,
    from: account,
    recipient: account,
    conversation: z
      .object({ id: text, conversationType: optionalText, tenantId: optionalText, name: optionalText })
      .passthrough(),
    channelData: z
      .object({ tenant: idAndName.nullish(), team: idAndName.nullish(), channel: idAndName.nullish() })
      .passthrough()
      .nullish(),
    entities: z.array(z.object({ type: optionalText }).passthrough()).nullish(),
    membersAdded: z.array(account).nullish(),
    membersRemoved: z.array(account).nullish(),
    value: z.unknown(),
  })
  .passthrough();

/** A card's Action.Execute: Teams always sends the verb as text and the card's data as an object. */
const cardActionValue = z
  .object({
    action: z.object({ type: optionalText, verb: text, data: z.record(z.unknown()).nullish() }).passthrough(),
  })
  .passthrough();

/** A compose box search as Teams sends it: the command, its parameters by name, and the page asked for. */
const searchValue = z
  .object({
    commandId: text,
    parameters: z.array(z.object({ name: text, value: z.unknown() }).passthrough()),
    queryOptions: z
      .object({ skip: z.number().int().min(0).nullish(), count: z.number().int().min(0).nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

/** A search result selected: the value the bot put on the result's tap, an object. */
const selectedValue = z.record(z.unknown());

const INVOKE_VALUES: Record<string, { schema: z.ZodTypeAny; what: string }> = {
  "adaptiveCard/action": { schema: cardActionValue, what: "card action" },
  "composeExtension/query": { schema: searchValue, what: "search" },
  "composeExtension/selectItem": { schema: selectedValue, what: "selected search result" },
};

export type EnvelopeCheck = { ok: true } | { ok: false; status: 400 | 403; message: string };

function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.join(".") || "the activity";
  if (issue.code === "invalid_type") {
    if (issue.received === "undefined") return `${field} is missing`;
    const expected = issue.expected === "string" ? "text" : issue.expected;
    return `${field} must be ${expected}, not ${issue.received}`;
  }
  return `${field}: ${issue.message}`;
}

/**
 * Only a Bot Connector host on the allow-list: https, or plain http to this machine. Anything else
 * (file:, an arbitrary host) would have the bot make requests for whoever wrote the activity.
 */
export function checkServiceUrl(serviceUrl: string, allowedHosts: readonly string[]): EnvelopeCheck {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return {
      ok: false,
      status: 400,
      message: "serviceUrl is not a URL: it must be the Bot Connector address Teams sends",
    };
  }
  const host = url.hostname.toLowerCase();
  const loopback = host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  const schemeAllowed = url.protocol === "https:" || (url.protocol === "http:" && loopback);
  if (!schemeAllowed || !allowedHosts.includes(host)) {
    return {
      ok: false,
      status: 403,
      // The allow-list itself stays out of the answer: a caller learns only that this host is not on it.
      message: `this bot does not send to ${url.protocol}//${host}: it answers only through the Bot Connector hosts it is configured for (its administrator sets them with ALLOWED_SERVICE_URL_HOSTS)`,
    };
  }
  return { ok: true };
}

export function checkActivityEnvelope(body: unknown, allowedServiceUrlHosts: readonly string[]): EnvelopeCheck {
  const parsed = activityEnvelope.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map(describeIssue).join("; ");
    return { ok: false, status: 400, message: `this is not an activity the bot can read: ${problems}` };
  }
  const activity = parsed.data;
  const invoke = activity.type === "invoke" && activity.name ? INVOKE_VALUES[activity.name] : undefined;
  if (invoke) {
    const value = invoke.schema.safeParse(activity.value);
    if (!value.success) {
      const problems = value.error.issues
        .slice(0, 5)
        .map((issue) => describeIssue({ ...issue, path: ["value", ...issue.path] }))
        .join("; ");
      return { ok: false, status: 400, message: `this ${invoke.what} cannot be read: ${problems}` };
    }
  }
  return checkServiceUrl(activity.serviceUrl, allowedServiceUrlHosts);
}
