import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyFileError, signReport, verifyReportSignature } from '../sign.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-sign-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a fresh key pair of `type` as PKCS#8 / SPKI PEM files; answers their paths. */
function keyPair(name: string, type: 'ed25519' | 'ec' | 'rsa'): { priv: string; pub: string } {
  const pair =
    type === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : type === 'rsa'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ed25519');
  const priv = join(dir, `${name}.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  writeFileSync(priv, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

const REPORT = `${JSON.stringify({ target: 'http://127.0.0.1:4010', verdict: { core: 'passed' } }, null, 2)}\n`;
/** The report with one byte changed. */
const TAMPERED = REPORT.replace('passed', 'passes');

describe('report signatures (detached JWS)', () => {
  for (const [type, alg] of [['ed25519', 'EdDSA'], ['ec', 'ES256']] as const) {
    it(`${alg}: sign → verify with the public key is valid; a changed byte or another key is not`, async () => {
      const { priv, pub } = keyPair(`k-${type}`, type);
      const other = keyPair(`other-${type}`, type);
      const jws = await signReport(REPORT, priv);
      expect(jws).toMatch(/^[\w-]+\.\.[\w-]+\n$/);
      await expect(verifyReportSignature(REPORT, jws, pub)).resolves.toMatchObject({ valid: true, alg, detail: expect.stringContaining('the key given') });
      await expect(verifyReportSignature(REPORT, jws, priv)).resolves.toMatchObject({ valid: true });
      await expect(verifyReportSignature(TAMPERED, jws, pub)).resolves.toMatchObject({ valid: false, detail: expect.stringContaining('changed after signing') });
      await expect(verifyReportSignature(REPORT, jws, other.pub)).resolves.toMatchObject({ valid: false });
    });
  }

  it('without --key checks integrity against the key the signature carries, and says it does not prove the signer', async () => {
    const { priv } = keyPair('embedded', 'ed25519');
    const jws = await signReport(REPORT, priv);
    await expect(verifyReportSignature(REPORT, jws)).resolves.toMatchObject({ valid: true, detail: expect.stringContaining('give --key to check who signed it') });
    await expect(verifyReportSignature(TAMPERED, jws)).resolves.toMatchObject({ valid: false });
  });

  it('HS256 with a secret file: valid with the secret, invalid with another or for a changed report; needs --key', async () => {
    const secret = join(dir, 'secret');
    const wrong = join(dir, 'wrong-secret');
    writeFileSync(secret, `${randomBytes(32).toString('hex')}\n`);
    writeFileSync(wrong, randomBytes(48).toString('hex'));
    const jws = await signReport(REPORT, secret);
    await expect(verifyReportSignature(REPORT, jws, secret)).resolves.toMatchObject({ valid: true, alg: 'HS256' });
    await expect(verifyReportSignature(REPORT, jws, wrong)).resolves.toMatchObject({ valid: false });
    await expect(verifyReportSignature(TAMPERED, jws, secret)).resolves.toMatchObject({ valid: false });
    await expect(verifyReportSignature(REPORT, jws)).rejects.toThrow(/HS256.*--key/);
  });

  it('refuses a key of another kind for the algorithm signed with (no algorithm confusion)', async () => {
    const { priv } = keyPair('alg', 'ed25519');
    const ec = keyPair('alg-ec', 'ec');
    const jws = await signReport(REPORT, priv);
    await expect(verifyReportSignature(REPORT, jws, ec.pub)).resolves.toMatchObject({ valid: false, detail: 'signed with EdDSA, but the key given is for ES256' });
  });

  it('says what is wrong with an unusable key file or signature', async () => {
    const short = join(dir, 'short');
    writeFileSync(short, 'tiny\n');
    await expect(signReport(REPORT, short)).rejects.toThrow(new KeyFileError(`${short} holds 4 bytes: an HS256 secret needs at least 32 (or give a PKCS#8 PEM private key)`));
    await expect(signReport(REPORT, join(dir, 'missing.pem'))).rejects.toThrow(/cannot read key file .*missing\.pem: ENOENT/);
    await expect(signReport(REPORT, keyPair('rsa', 'rsa').priv)).rejects.toThrow(/rsa keys are not supported/);
    await expect(verifyReportSignature(REPORT, 'garbage')).resolves.toMatchObject({ valid: false, detail: expect.stringContaining('not a detached compact JWS') });
  });
});
