/** How long the reachability probe waits: long enough for a cold server, short enough to fail fast in CI. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * Sends one GET to the base URL. Any HTTP answer, even 404 or 500, means the target
 * is reachable; the checks judge the rest. Returns why it is not reachable, or undefined.
 *
 * @example
 * const problem = await probeTarget('http://127.0.0.1:4010');
 * if (problem) console.error(`cannot reach http://127.0.0.1:4010: ${problem}`);
 */
export async function probeTarget(baseUrl: string, timeoutMs: number = PROBE_TIMEOUT_MS): Promise<string | undefined> {
  try {
    const res = await fetch(baseUrl, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return undefined;
  } catch (error) {
    return reasonOf(error, timeoutMs);
  }
}

/** fetch wraps the socket error (ECONNREFUSED, ENOTFOUND, …) in `cause`; show that, not "fetch failed". */
function reasonOf(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code !== undefined && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return error instanceof Error ? error.message : String(error);
}
