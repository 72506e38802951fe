/**
 * Signing report.json: a JWS (RFC 7515) with a detached payload (Appendix F), written as
 * `report.json.jws` beside the report: `<protected header>..<signature>`. The payload is
 * report.json's exact bytes, so changing any byte of the report breaks the signature, and
 * the report itself stays plain JSON that CI scripts read as before.
 *
 * Keys: a PKCS#8 PEM private key (Ed25519 → EdDSA, P-256 → ES256), or a file holding a
 * shared secret of at least 32 bytes (HS256). Asymmetric signatures carry the public key
 * in the header (`jwk`, `kid` = its RFC 7638 thumbprint) so a report can be checked
 * without a key file; only `--key` proves *who* signed it.
 */
import { createPrivateKey, createPublicKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, flattenedVerify, FlattenedSign, importJWK } from 'jose';
import type { CryptoKey, JWK } from 'jose';

/** The `typ` of our signatures, so a JWS minted for something else is not taken for one. */
export const REPORT_JWS_TYP = 'ou-contract-report+jws';
const MIN_SECRET_BYTES = 32;

export type ReportAlg = 'EdDSA' | 'ES256' | 'HS256';

/** A key file that cannot be used (unreadable, unsupported type, secret too short). */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

interface LoadedKey {
  alg: ReportAlg;
  key: KeyObject | Uint8Array;
}

/**
 * The signing key in `file`: a PKCS#8 PEM private key or an HS256 secret.
 *
 * @throws KeyFileError naming the file and what is wrong with it
 */
export function loadSigningKey(file: string): LoadedKey {
  const bytes = readKeyFile(file);
  if (!isPem(bytes)) return { alg: 'HS256', key: secretOf(bytes, file) };
  let key: KeyObject;
  try {
    key = createPrivateKey(bytes);
  } catch (error) {
    throw new KeyFileError(`${file} is not a PKCS#8 PEM private key: ${(error as Error).message}`);
  }
  return { alg: asymmetricAlg(key, file), key };
}

/**
 * Signs `reportJson` (report.json's exact text) and answers the detached compact JWS.
 *
 * @example
 * writeFileSync(`${paths.json}.jws`, await signReport(readFileSync(paths.json), 'vendor-ed25519.pem'));
 */
export async function signReport(reportJson: string | Uint8Array, keyFile: string): Promise<string> {
  const { alg, key } = loadSigningKey(keyFile);
  const header: { alg: ReportAlg; typ: string; jwk?: JWK; kid?: string } = { alg, typ: REPORT_JWS_TYP };
  if (key instanceof KeyObject) {
    const jwk = await exportJWK(createPublicKey(key));
    header.jwk = jwk;
    header.kid = await calculateJwkThumbprint(jwk);
  }
  const jws = await new FlattenedSign(toBytes(reportJson)).setProtectedHeader(header).sign(key);
  return `${jws.protected}..${jws.signature}\n`;
}

export interface SignatureCheck {
  valid: boolean;
  /** Why it is not valid; or, when valid, what was proven (which key). */
  detail: string;
  alg?: string;
  /** RFC 7638 thumbprint of the key that verified it (asymmetric keys). */
  thumbprint?: string;
}

/**
 * Checks a detached JWS from `signReport` against `reportJson`. With `keyFile` (a SPKI
 * public key, the PKCS#8 private key, or the HS256 secret) it proves the signer; without
 * one it checks against the public key the signature carries (integrity only).
 *
 * @throws KeyFileError for an unusable key file, or when an HS256 signature is checked without one
 */
export async function verifyReportSignature(reportJson: string | Uint8Array, jws: string, keyFile?: string): Promise<SignatureCheck> {
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts[1] !== '') return { valid: false, detail: 'not a detached compact JWS (<header>..<signature>)' };
  const [protectedHeader, , signature] = parts as [string, string, string];
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(`${protectedHeader}.e30.${signature}`);
  } catch (error) {
    return { valid: false, detail: `unreadable JWS header: ${(error as Error).message}` };
  }
  if (header.typ !== REPORT_JWS_TYP) return { valid: false, detail: `not an ou-contract report signature (typ ${JSON.stringify(header.typ)})` };

  let key: KeyObject | Uint8Array | CryptoKey;
  let alg: string;
  let pinned = keyFile !== undefined;
  if (keyFile !== undefined) {
    ({ key, alg } = verifyingKey(keyFile));
  } else {
    if (header.alg === 'HS256') throw new KeyFileError('the report is signed with a shared secret (HS256): give it with --key');
    if (header.jwk === undefined || typeof header.alg !== 'string') return { valid: false, detail: 'the signature carries no public key; give one with --key' };
    alg = header.alg;
    try {
      key = (await importJWK(header.jwk, alg)) as CryptoKey;
    } catch (error) {
      return { valid: false, detail: `the public key in the signature is unusable: ${(error as Error).message}` };
    }
    pinned = false;
  }
  if (header.alg !== alg) return { valid: false, detail: `signed with ${String(header.alg)}, but the key given is for ${alg}` };
  try {
    await flattenedVerify({ protected: protectedHeader, payload: Buffer.from(toBytes(reportJson)).toString('base64url'), signature }, key, { algorithms: [alg] });
  } catch {
    return { valid: false, detail: 'the signature does not match the report: it was changed after signing, or signed with another key', alg };
  }
  const thumbprint = key instanceof Uint8Array ? undefined : await calculateJwkThumbprint(await exportJWK(key));
  const who = thumbprint === undefined ? 'the shared secret given' : pinned ? `the key given (thumbprint ${thumbprint})` : `the public key it carries (thumbprint ${thumbprint}); give --key to check who signed it`;
  return { valid: true, detail: `signed with ${who}`, alg, ...(thumbprint !== undefined ? { thumbprint } : {}) };
}

/** A verifying key: public PEM, private PEM (its public half), or an HS256 secret. */
function verifyingKey(file: string): LoadedKey {
  const bytes = readKeyFile(file);
  if (!isPem(bytes)) return { alg: 'HS256', key: secretOf(bytes, file) };
  let key: KeyObject;
  try {
    key = bytes.toString('utf8').includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(bytes)) : createPublicKey(bytes);
  } catch (error) {
    throw new KeyFileError(`${file} is not a PEM public or private key: ${(error as Error).message}`);
  }
  return { alg: asymmetricAlg(key, file), key };
}

function asymmetricAlg(key: KeyObject, file: string): ReportAlg {
  if (key.asymmetricKeyType === 'ed25519') return 'EdDSA';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  const type = key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve ?? ''}` : (key.asymmetricKeyType ?? 'unknown');
  throw new KeyFileError(`${file}: ${type} keys are not supported; use Ed25519 or EC P-256 (PKCS#8 PEM), or an HS256 secret file`);
}

function readKeyFile(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new KeyFileError(`cannot read key file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function isPem(bytes: Buffer): boolean {
  return bytes.toString('utf8', 0, Math.min(bytes.length, 4096)).includes('-----BEGIN ');
}

/** A secret file's bytes, without the line break editors add at the end. */
function secretOf(bytes: Buffer, file: string): Uint8Array {
  const secret = new Uint8Array(bytes.subarray(0, bytes.length - trailingNewline(bytes)));
  if (secret.length < MIN_SECRET_BYTES) {
    throw new KeyFileError(`${file} holds ${secret.length} bytes: an HS256 secret needs at least ${MIN_SECRET_BYTES} (or give a PKCS#8 PEM private key)`);
  }
  return secret;
}

function trailingNewline(bytes: Buffer): number {
  if (bytes.at(-1) !== 0x0a) return 0;
  return bytes.at(-2) === 0x0d ? 2 : 1;
}

function toBytes(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? new TextEncoder().encode(text) : text;
}
