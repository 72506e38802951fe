/** `node:timers/promises` in the browser bundle: the mock only sleeps (latency, faults, stub delays). */
export function setTimeout<T = void>(ms: number, value?: T): Promise<T> {
  return new Promise((resolve) => globalThis.setTimeout(() => resolve(value as T), ms));
}
