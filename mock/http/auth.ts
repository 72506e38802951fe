/**
 * Bearer-JWT (HS256) issuing and checking (OU-A1): the token authority every dialect's credential goes to. Tokens and the secret never
 * leave this module: no error message or log line carries them.
 */
import { SignJWT, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { UnauthorizedError } from './typed-errors.ts';
import type { Defects } from '../defects.ts';
import { INVALID_TOKEN } from './errors.ts';

export const READ_SCOPE = 'ous:read';
export const WRITE_SCOPE = 'ous:write';
export const ALL_SCOPES: readonly string[] = [READ_SCOPE, WRITE_SCOPE];

/** The claims the mock acts on. */
export interface Claims {
  readonly tenant_id: string;
  readonly scopes: ReadonlySet<string>;
  /** Seconds since the epoch. */
  readonly exp: number;
}

export interface TokenRequest {
  tenant_id: string;
  /** Default: ous:read and ous:write. */
  scopes?: readonly string[];
  /** Seconds from now; negative gives an already expired token. Default 3600. */
  expires_in?: number;
}

export interface TokenAuthority {
  issue(input: TokenRequest): Promise<string>;
  /**
   * Claims of a valid `Authorization` header, else `UnauthorizedError` (OU-A1). Takes every value the
   * request carried (`req.headersDistinct.authorization`): node keeps only the first of duplicates, so a
   * second, different credential would otherwise be ignored silently.
   */
  authenticate(authorization: string | readonly string[] | undefined): Promise<Claims>;
  /** Claims of a bare token, as a dialect carries it (`credential(headers)`); undefined = none sent. Else `UnauthorizedError`. */
  authenticateToken(token: string | undefined): Promise<Claims>;
  /**
   * The claims of a token verified before and still valid, at once; undefined otherwise (then
   * `authenticateToken` decides). Requests with a known token then need not wait for anything.
   */
  cachedClaims(token: string | undefined): Claims | undefined;
}

export interface AuthorityOptions {
  secret: string;
  clock: () => Date;
  defects: Defects;
}

/** Verified tokens, so a client repeating its token pays the HMAC once; expiry is still checked per request. */
const CACHE_LIMIT = 1000;

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * True when every dot-separated part is base64url exactly as an encoder writes it: no `=` padding,
 * no other alphabet, and unused final bits zero. Decoders (jose included) accept such variants, so
 * one token would have many spellings; a strict server accepts only the one.
 */
export function isCanonicalJws(token: string): boolean {
  return token.split('.').every((part) => /^[A-Za-z0-9_-]*$/.test(part) && Buffer.from(part, 'base64url').toString('base64url') === part);
}

function invalid(message: string): UnauthorizedError {
  return new UnauthorizedError(message, { cause: INVALID_TOKEN });
}

function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'Token has expired';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'Token algorithm is not allowed';
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'Token signature is invalid';
  if (err instanceof errors.JWTClaimValidationFailed) return 'Token claims are invalid';
  return 'Token is malformed';
}

function toClaims(payload: Record<string, unknown>): Claims {
  const { tenant_id, scope, exp } = payload;
  if (typeof tenant_id !== 'string' || tenant_id === '' || typeof exp !== 'number') {
    throw invalid('Token claims are invalid');
  }
  if (scope !== undefined && typeof scope !== 'string') throw invalid('Token claims are invalid');
  return { tenant_id, exp, scopes: new Set((scope ?? '').split(' ').filter(Boolean)) };
}

/**
 * Issues and checks the mock's tokens.
 *
 * @example
 * const auth = createTokenAuthority({ secret: 's', clock: () => new Date(), defects: new Set() });
 * const claims = await auth.authenticate(`Bearer ${await auth.issue({ tenant_id: 'acme' })}`);
 */
export function createTokenAuthority(opts: AuthorityOptions): TokenAuthority {
  const key = new TextEncoder().encode(opts.secret);
  const verified = new Map<string, Claims>();

  async function verify(token: string): Promise<Claims> {
    const cached = verified.get(token);
    if (cached) return cached;
    let claims: Claims;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
        currentDate: opts.clock(),
      });
      claims = toClaims(payload);
    } catch (err) {
      claims = acceptDefective(token, err);
    }
    if (verified.size >= CACHE_LIMIT) verified.clear();
    verified.set(token, claims);
    return claims;
  }

  /** The defect switches that let bad tokens through (OU-A1); otherwise rethrows as 401. */
  function acceptDefective(token: string, err: unknown): Claims {
    if (err instanceof errors.JWTExpired && opts.defects.has('accept-expired')) {
      return toClaims(err.payload);
    }
    if (opts.defects.has('accept-alg-none')) {
      try {
        if (decodeProtectedHeader(token).alg === 'none') return toClaims(decodeJwt(token));
      } catch {
        // not even decodable: fall through to the 401
      }
    }
    if (err instanceof UnauthorizedError) throw err;
    throw invalid(describe(err));
  }

  return {
    async issue(input) {
      const now = Math.floor(opts.clock().getTime() / 1000);
      return new SignJWT({ tenant_id: input.tenant_id, scope: (input.scopes ?? ALL_SCOPES).join(' ') })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuedAt(now)
        .setExpirationTime(now + (input.expires_in ?? 3600))
        .sign(key);
    },
    async authenticate(values) {
      if (Array.isArray(values) && values.length > 1) throw invalid('Authorization header must be given once');
      const authorization = typeof values === 'string' ? values : values?.[0];
      if (authorization === undefined || authorization === '') return authenticateToken(undefined);
      const match = BEARER.exec(authorization);
      if (!match?.[1]) throw invalid('Authorization header must be "Bearer <token>"');
      return authenticateToken(match[1]);
    },
    authenticateToken,
    cachedClaims,
  };

  function cachedClaims(token: string | undefined): Claims | undefined {
    const claims = token === undefined ? undefined : verified.get(token);
    return claims !== undefined && !expired(claims) ? claims : undefined;
  }

  function expired(claims: Claims): boolean {
    // Checked on every use: a cached token expires like any other (jose uses the same `exp <= now` rule).
    return claims.exp <= opts.clock().getTime() / 1000 && !opts.defects.has('accept-expired');
  }

  async function authenticateToken(token: string | undefined): Promise<Claims> {
    if (token === undefined || token === '') throw new UnauthorizedError('Missing bearer token');
    if (!isCanonicalJws(token)) throw invalid('Token is malformed');
    const claims = await verify(token);
    if (expired(claims)) throw invalid('Token has expired');
    return claims;
  }
}

/**
 * The `tenant_id` a token claims, unverified: only for naming the tenant when auth is off
 * (`--no-auth`) and the dialect names it by the token alone. Undefined when unreadable.
 */
export function unverifiedTenant(token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  try {
    const tenant = decodeJwt(token)['tenant_id'];
    return typeof tenant === 'string' && tenant !== '' ? tenant : undefined;
  } catch {
    // Not a JWT: it names no tenant.
    return undefined;
  }
}
