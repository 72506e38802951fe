/** How long the reachability probe waits: long enough for a cold server, short enough to fail fast in CI. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * Sends one GET to the base URL through the checks' own HTTP client. Any HTTP answer, even
 * 404, 500 or an oversized body, means the target is reachable; the checks judge the rest.
 * Returns why it is not reachable, or undefined.
 *
 * @example
 * const problem = await probeTarget('http://127.0.0.1:4010');
 * if (problem) console.error(`cannot reach http://127.0.0.1:4010: ${problem}`);
 */
export async function probeTarget(baseUrl: string, timeoutMs: number = PROBE_TIMEOUT_MS): Promise<string | undefined> {
  // Loaded here: cli/verify.ts imports this module at every CLI start (help too), and undici is not small.
  const { describeTransportError, HttpTransport, ResponseTooLargeError } = await import('../suites/http-transport.ts');
  // The whole-exchange bound is twice the per-step timeout: halve it so the probe keeps its promise.
  const transport = new HttpTransport(baseUrl, { timeoutMs: Math.ceil(timeoutMs / 2) });
  try {
    await transport.send({ method: 'GET', path: '', headers: {} });
    return undefined;
  } catch (error) {
    return error instanceof ResponseTooLargeError ? undefined : describeTransportError(error, Math.ceil(timeoutMs / 2));
  } finally {
    await transport.close();
  }
}
