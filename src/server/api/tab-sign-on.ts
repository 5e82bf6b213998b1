/**
 * Who a tab request is from: the Teams sign-on token in `Authorization: Bearer`, checked (verify-sign-on.ts),
 * then the person and their roles from the register; or, in local mode without SSO_AUDIENCE, LOCAL_TAB_USER
 * for a request from this machine (loopback, not forwarded by a proxy). Anything else is a 401 saying why.
 */
import type restify from "restify";
import { isLoopbackHost } from "../../domain/files/file-hosts.js";
import type { Logger } from "../../logger.js";
import type { SignOnSettings } from "../../sign-on-settings.js";
import { signedInViewer, type SignedInViewer } from "../../services/sign-on/signed-in-viewer.js";
import type { TokenCheck } from "../../services/sign-on/verify-sign-on.js";
import type { Store } from "../../services/store.js";

export interface SignOnDependencies {
  store: Store;
  logger: Logger;
  signOn: SignOnSettings;
  /** Null in local mode without SSO_AUDIENCE. */
  checkToken: TokenCheck | null;
  admins: readonly string[];
}

export type SignOnResult = { ok: true; viewer: SignedInViewer } | { ok: false; error: string };

/** A request's own address is loopback, and no proxy says it came from elsewhere. */
function fromThisMachine(req: restify.Request): boolean {
  if (req.headers["x-forwarded-for"] || req.headers.forwarded) return false;
  const address = (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
  return address === "::1" || isLoopbackHost(address);
}

export async function signOnOf(req: restify.Request, deps: SignOnDependencies): Promise<SignOnResult> {
  const header = req.headers.authorization;
  const bearer = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (deps.signOn.unconfigured) return { ok: false, error: deps.signOn.unconfigured };
  if (!deps.checkToken) {
    if (!fromThisMachine(req))
      return { ok: false, error: "Without sign-on configured (SSO_AUDIENCE), the tab answers only this machine." };
    const email = deps.signOn.localUser;
    if (!email)
      return {
        ok: false,
        error: "Local mode: set LOCAL_TAB_USER (or IMPROVEMENT_TEAM_ADMINS) to the email the tab should act as.",
      };
    const viewer = await signedInViewer(deps.store, { aadObjectId: null, email, name: null, local: true }, deps.admins);
    return { ok: true, viewer };
  }
  if (!bearer) return { ok: false, error: "Sign in: send the Teams sign-on token as Authorization: Bearer <token>." };
  const checked = await deps.checkToken(bearer);
  if (!checked.ok) {
    deps.logger.info({ reason: checked.reason }, "tab sign-on refused");
    return { ok: false, error: `Sign-on refused: ${checked.reason}.` };
  }
  const { aadObjectId, email, name } = checked.value;
  return {
    ok: true,
    viewer: await signedInViewer(deps.store, { aadObjectId, email, name, local: false }, deps.admins),
  };
}

/** 401 with the reason and the challenge the contract names. */
export function answerUnauthorised(res: restify.Response, error: string): void {
  res.header("WWW-Authenticate", 'Bearer realm="recommendation-tracker"');
  res.json(401, { error });
}
