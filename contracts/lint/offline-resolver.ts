import { readFile } from 'node:fs/promises';
import { Resolver } from '@stoplight/spectral-ref-resolver';

/**
 * A `$ref` resolver that reads local files only. Spectral's default resolver fetches
 * `http(s)` refs; linting must never touch the network, so remote refs fail as
 * `invalid-ref` findings naming the URL instead.
 */
export function createOfflineResolver(): Resolver {
  const refuse = {
    resolve: (uri: { toString(): string }) => Promise.reject(new Error(`remote $ref not followed (lint is offline): ${uri.toString()}`)),
  };
  return new Resolver({
    resolvers: {
      file: { resolve: (uri: { href(): string }) => readFile(uri.href(), 'utf8') },
      http: refuse,
      https: refuse,
    },
  });
}
