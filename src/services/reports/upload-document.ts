/**
 * Puts a document's bytes at the upload address Teams gave when the person accepted the file: one PUT of
 * the whole file with its Content-Range, to that address only (a redirect elsewhere is not followed),
 * within a deadline. The outcome is a value: uploaded, refused by the host, or no answer in time.
 */
export type UploadOutcome =
  | { ok: true; status: number }
  | { ok: false; reason: "timeout"; seconds: number }
  | { ok: false; reason: "refused"; status: number }
  | { ok: false; reason: "unreachable"; detail: string };

export async function uploadDocument(
  uploadUrl: URL,
  body: Buffer,
  options: { timeoutSeconds: number },
): Promise<UploadOutcome> {
  const signal = AbortSignal.timeout(options.timeoutSeconds * 1000);
  try {
    const response = await fetch(uploadUrl, {
      method: "PUT",
      headers: {
        "content-type": "application/octet-stream",
        "content-range": `bytes 0-${body.length - 1}/${body.length}`,
      },
      // Content-Length follows from the body.
      body: new Uint8Array(body),
      // The bytes go to the address Teams named and nowhere else.
      redirect: "manual",
      signal,
    });
    // The body is not needed, but reading it ends the request cleanly (and is bounded by the same deadline).
    await response.arrayBuffer().catch(() => undefined);
    if (response.status === 200 || response.status === 201) return { ok: true, status: response.status };
    return { ok: false, reason: "refused", status: response.status };
  } catch (error) {
    if (signal.aborted) return { ok: false, reason: "timeout", seconds: options.timeoutSeconds };
    return { ok: false, reason: "unreachable", detail: error instanceof Error ? error.message : String(error) };
  }
}
