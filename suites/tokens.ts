import { createHmac } from 'node:crypto';

/**
 * How a request authenticates: the header value sent, and how a shell reproduces it
 * from environment variables, so evidence never carries a token's value.
 */
export interface Auth {
  /** The `Authorization` header value sent; undefined sends none. */
  readonly header: string | undefined;
  /** The same header for a shell, e.g. `Bearer $OU_TOKEN`. */
  readonly shell: string | undefined;
  /** Short description for messages: "the token", "an alg:none token", … */
  readonly label: string;
}

export const NO_AUTH: Auth = { header: undefined, shell: undefined, label: 'no Authorization header' };

/** A token given in the configuration, replayed in curl from `envVar`. */
export function bearer(token: string, envVar: string, label = `the ${envVar} token`): Auth {
  return { header: `Bearer ${token}`, shell: `Bearer $${envVar}`, label };
}

/** A header value that holds no secret (garbage tokens, other schemes): shown as sent. */
export function literalAuth(header: string, label: string): Auth {
  return { header, shell: header, label };
}

/** A JWT has three base64url segments, the first two JSON. */
export function isJwt(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  try {
    return isObject(decodeSegment(parts[0] ?? '')) && isObject(decodeSegment(parts[1] ?? ''));
  } catch {
    return false;
  }
}

const ALG_NONE_HEADER = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }));

/**
 * An unsigned token with the same claims as `token`: header `{"alg":"none","typ":"JWT"}`,
 * the token's payload decoded and re-encoded, an empty signature (OU-A1).
 *
 * @example
 * algNoneToken(token); // 'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.<payload>.'
 */
export function algNoneToken(token: string): string {
  const claims = claimsOf(token);
  return `${ALG_NONE_HEADER}.${base64url(JSON.stringify(claims))}.`;
}

/** The claims of a JWT (not verified). Throws when `token` is not a JWT. */
export function claimsOf(token: string): Record<string, unknown> {
  if (!isJwt(token)) throw new TypeError('the token is not a JWT (three base64url segments, JSON header and payload)');
  return decodeSegment(token.split('.')[1] ?? '') as Record<string, unknown>;
}

/** `token` unsigned (alg: none), replayed in curl from `envVar`. */
export function algNoneAuth(token: string, envVar: string): Auth {
  return {
    header: `Bearer ${algNoneToken(token)}`,
    shell: `Bearer ${ALG_NONE_HEADER}.$(printf %s "$${envVar}" | cut -d. -f2).`,
    label: 'an alg:none token with the same claims',
  };
}

/** `token`'s header and payload signed with a key the server cannot know (a bad signature). */
export function wrongKeyAuth(token: string, envVar: string): Auth {
  claimsOf(token);
  const signed = token.split('.').slice(0, 2).join('.');
  const signature = createHmac('sha256', 'ou-contract-not-the-key').update(signed).digest('base64url');
  return {
    header: `Bearer ${signed}.${signature}`,
    shell: `Bearer $(printf %s "$${envVar}" | cut -d. -f1,2).${signature}`,
    label: 'a token signed with the wrong key',
  };
}

/** `token` with a changed payload and its original signature (the signature no longer matches). */
export function tamperedPayloadAuth(token: string, envVar: string): Auth {
  const claims = { ...claimsOf(token), ouc_tampered: true };
  const payload = base64url(JSON.stringify(claims));
  return {
    header: `Bearer ${token.split('.')[0]}.${payload}.${token.split('.')[2]}`,
    shell: `Bearer $(printf %s "$${envVar}" | cut -d. -f1).${payload}.$(printf %s "$${envVar}" | cut -d. -f3)`,
    label: 'a token whose payload was changed after signing',
  };
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function decodeSegment(segment: string): unknown {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new TypeError('not base64url');
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
