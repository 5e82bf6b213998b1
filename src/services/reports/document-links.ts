/**
 * Short-lived signed links to a reporting point's documents. A token names the point, the document
 * and when it expires, signed with HMAC-SHA256 under a key kept in the Setting table: made once,
 * on first use, and shared by every instance, so a link made by one instance opens on another.
 * Nothing is stored per link; a forged or altered token fails the signature.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Store } from "../../data/database.js";
import { createSettingOnce, readSetting } from "../../data/setting-store.js";
import { StatusKey } from "../../domain/status/status.js";

export const SIGNING_KEY_SETTING = "document_link_signing_key";

export const DocumentKind = { word: "docx", workbook: "xlsx" } as const;
export type DocumentKind = (typeof DocumentKind)[keyof typeof DocumentKind];

export interface DocumentToken {
  pointId: number;
  kind: DocumentKind;
  /** Seconds since the epoch. */
  expiresAt: number;
  /** The status key the link was made under, so the document matches the card it came from. */
  statusKey: StatusKey;
}

export type TokenCheck =
  | { ok: true; token: DocumentToken }
  | { ok: false; reason: "forged" }
  | { ok: false; reason: "expired"; expiredAt: Date };

const keys = new WeakMap<Store, Promise<Buffer>>();

async function loadOrCreateKey(store: Store): Promise<Buffer> {
  const existing = await readSetting(store, SIGNING_KEY_SETTING);
  if (existing !== null) return Buffer.from(existing, "base64");
  // Two instances starting together may both get here: whichever key was written first is the one kept.
  const stored = await createSettingOnce(store, SIGNING_KEY_SETTING, randomBytes(32).toString("base64"));
  return Buffer.from(stored, "base64");
}

/** The signing key, read (or made) once per process. */
export function documentSigningKey(store: Store): Promise<Buffer> {
  let key = keys.get(store);
  if (!key) {
    key = loadOrCreateKey(store);
    key.catch(() => keys.delete(store));
    keys.set(store, key);
  }
  return key;
}

function sign(key: Buffer, payload: string): string {
  return createHmac("sha256", key).update(payload).digest("base64url");
}

/**
 * "<pointId>.<kind>.<expires>.<statusKey>.<signature>": plain and short, because restify's router
 * refuses a path parameter longer than 100 characters (a base64 JSON payload would not fit).
 */
export function signDocumentToken(key: Buffer, token: DocumentToken): string {
  const payload = [token.pointId, token.kind, token.expiresAt, token.statusKey].join(".");
  return `${payload}.${sign(key, payload)}`;
}

export function verifyDocumentToken(key: Buffer, token: string, now: Date): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 5) return { ok: false, reason: "forged" };
  const payload = parts.slice(0, 4).join(".");
  const expected = Buffer.from(sign(key, payload));
  const given = Buffer.from(parts[4]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "forged" };
  const [pointId, kind, expiresAt, statusKey] = parts as [string, string, string, string, string];
  const kinds: string[] = Object.values(DocumentKind);
  const statusKeys: string[] = Object.values(StatusKey);
  // A valid signature over a malformed payload means a bug on our side, not a forgery: still refuse it.
  if (!/^\d+$/.test(pointId) || !kinds.includes(kind) || !/^\d+$/.test(expiresAt) || !statusKeys.includes(statusKey)) {
    return { ok: false, reason: "forged" };
  }
  const expires = Number(expiresAt);
  if (now.getTime() >= expires * 1000) return { ok: false, reason: "expired", expiredAt: new Date(expires * 1000) };
  return {
    ok: true,
    token: {
      pointId: Number(pointId),
      kind: kind as DocumentKind,
      expiresAt: expires,
      statusKey: statusKey as StatusKey,
    },
  };
}

export interface DocumentLinks {
  word: string;
  workbook: string;
  expiresAt: Date;
}

/** Fresh links to a point's Word report and Excel workbook, valid for `minutes` from `now`. */
export async function documentLinks(
  store: Store,
  options: { pointId: number; statusKey: StatusKey; baseUrl: string; minutes: number; now: Date },
): Promise<DocumentLinks> {
  const key = await documentSigningKey(store);
  const expiresAt = Math.floor(options.now.getTime() / 1000) + options.minutes * 60;
  const base = options.baseUrl.replace(/\/+$/, "");
  const link = (kind: DocumentKind) =>
    `${base}/documents/${signDocumentToken(key, { pointId: options.pointId, kind, expiresAt, statusKey: options.statusKey })}`;
  return {
    word: link(DocumentKind.word),
    workbook: link(DocumentKind.workbook),
    expiresAt: new Date(expiresAt * 1000),
  };
}
