/**
 * The page's calls to the server's /api/ routes (the tab's HTTP contract): each with the sign-on token
 * when there is one, a deadline, and its answer as a value: the data, or the status with the server's
 * message and, for a 400, the message of each field.
 */
export interface Me {
  email: string;
  name: string | null;
  improvementTeam: boolean;
  leads: string[];
  local: boolean;
}

export interface Directorate {
  id: string;
  name: string;
}

export interface ReportingPoint {
  id: number;
  name: string;
  meetingDate: string | null;
  cutOff: string;
}

export interface RegisterRow {
  id: number;
  review_title: string;
  item_ref: string;
  directorate: string;
  owner_email: string | null;
  owner_name: string | null;
  progress: string;
  original_target: string | null;
  revised_target: string | null;
  effective_target: string | null;
  status: string;
  reason: string;
  review_body: string | null;
  priority: string | null;
  at_risk: boolean;
  waiting: ("extension" | "verification")[];
  confidential: boolean;
  version: number;
  can: { update: boolean; extend: boolean; approve: boolean; verify: boolean };
}

export interface RegisterPage {
  items: RegisterRow[];
  page: number;
  pageSize: number;
  total: number;
  pages: number;
}

export interface Summary {
  total: number;
  byStatus: Record<string, number>;
  byDirectorate: { directorate: string; name: string; total: number; byStatus: Record<string, number> }[];
}

export interface ItemDetail extends RegisterRow {
  text: string;
  responsible_unit: string | null;
  latest_update: string | null;
  completed_on: string | null;
  evidence_url: string | null;
  verification: string | null;
  pending_extension: { id: number; requestedTarget: string; reason: string; requestedBy: string } | null;
}

export interface ItemAnswer {
  item: ItemDetail;
  milestones: { label: string; due: string; status: string }[];
  history: { at: string; actor: string; action: string; summary: string }[];
}

export interface ActionAnswer {
  ok: true;
  message: string;
  item: ItemDetail;
}

export type ApiResult<T> =
  { ok: true; data: T } | { ok: false; status: number; error: string; fields: Record<string, string> };

/** Long enough for a large register's export; short enough that a stuck server is reported, not waited on. */
const REQUEST_TIMEOUT_MS = 30_000;

export type TokenSource = () => Promise<string | null>;

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "" || value === false) continue;
    params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Teams refused the sign-on token (consent not given, the app's registration wrong): said as such. */
class SignOnRefused extends Error {}

async function send(token: TokenSource, path: string, init: RequestInit = {}): Promise<Response> {
  const bearer = await token().catch((error: unknown) => {
    throw new SignOnRefused(error instanceof Error ? error.message : String(error));
  });
  const headers = new Headers(init.headers);
  if (bearer) headers.set("authorization", `Bearer ${bearer}`);
  return fetch(path, { ...init, headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
}

async function failure(response: Response): Promise<ApiResult<never>> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown; fields?: unknown };
  const fields =
    body.fields && typeof body.fields === "object"
      ? (body.fields as Record<string, string>)
      : ({} as Record<string, string>);
  const error = typeof body.error === "string" ? body.error : `the server answered ${response.status}`;
  return { ok: false, status: response.status, error, fields };
}

function unreachable(error: unknown): ApiResult<never> {
  if (error instanceof SignOnRefused)
    return {
      ok: false,
      status: 401,
      error: `Teams did not sign you in (${error.message}); reload the tab`,
      fields: {},
    };
  const timedOut = error instanceof DOMException && error.name === "TimeoutError";
  return {
    ok: false,
    status: 0,
    error: timedOut ? "the server did not answer in time; try again" : "the server could not be reached; try again",
    fields: {},
  };
}

export async function getJson<T>(token: TokenSource, path: string, query: Query = {}): Promise<ApiResult<T>> {
  try {
    const response = await send(token, `${path}${queryString(query)}`);
    if (!response.ok) return failure(response);
    return { ok: true, data: (await response.json()) as T };
  } catch (error) {
    return unreachable(error);
  }
}

export async function postJson<T>(token: TokenSource, path: string, body: unknown): Promise<ApiResult<T>> {
  try {
    const response = await send(token, path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) return failure(response);
    return { ok: true, data: (await response.json()) as T };
  } catch (error) {
    return unreachable(error);
  }
}

/** The file name a Content-Disposition header gives, or the fallback. */
export function attachmentName(header: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(header ?? "");
  return match?.[1] ?? fallback;
}

/** Fetches a file with the token (a plain link could not carry it) and hands it to the browser to save. */
export async function download(
  token: TokenSource,
  path: string,
  query: Query,
  fallbackName: string,
): Promise<ApiResult<string>> {
  try {
    const response = await send(token, `${path}${queryString(query)}`);
    if (!response.ok) return failure(response);
    const name = attachmentName(response.headers.get("content-disposition"), fallbackName);
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { ok: true, data: name };
  } catch (error) {
    return unreachable(error);
  }
}
