import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderJson } from '../../reports/json.ts';
import { signReport } from '../../reports/sign.ts';
import { sampleReport } from '../../reports/test/sample-report.ts';
import { verifyReport } from '../verify-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'ou-verify-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keys(name: string): { priv: string; pub: string } {
  const pair = generateKeyPairSync('ed25519');
  const priv = join(dir, `${name}.pem`);
  const pub = join(dir, `${name}.pub.pem`);
  writeFileSync(priv, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

async function run(file: string, key?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await verifyReport(file, key !== undefined ? { key } : {}, { write: (t: string) => (out += t) }, { write: (t: string) => (err += t) });
  return { code, out, err };
}

/** A report folder with report.json signed by `priv`. */
async function signedFolder(name: string, priv: string): Promise<string> {
  const folder = join(dir, name);
  const json = join(folder, 'report.json');
  const report = { ...sampleReport({ failing: [], skipped: [], unchecked: [] }), waivers: 2 };
  const text = renderJson({ ...report, provenance: { tool: 'ou-contract', version: '0.1.0', contract_sha256: 'c'.repeat(64), behaviour_sha256: 'b'.repeat(64), seed: 42, options: {} } });
  mkdirSync(folder, { recursive: true });
  writeFileSync(json, text);
  writeFileSync(`${json}.jws`, await signReport(text, priv));
  return folder;
}

describe('ou-contract verify-report', () => {
  const signer = keys('signer');
  const stranger = keys('stranger');

  it('exits 0 for a valid signature and prints what the report certifies', async () => {
    const folder = await signedFolder('valid', signer.priv);
    const { code, out } = await run(join(folder, 'report.json'), signer.pub);
    expect(code).toBe(0);
    expect(out).toContain('Verdict:   core PASSED with 2 waivers · profile PASSED · hardening PASSED');
    expect(out).toContain(`Tool:      ou-contract 0.1.0 · contract sha256 ${'c'.repeat(64)}`);
    expect(out).toMatch(/^Signature: VALID — signed with the key given \(thumbprint [\w-]+\)$/m);
    expect((await run(folder, signer.pub)).code).toBe(0);
    expect((await run(join(folder, 'report.json.jws'), signer.pub)).code).toBe(0);
  });

  it('exits 1 when one byte of the report changed, or for another key, or when there is no signature', async () => {
    const folder = await signedFolder('tampered', signer.priv);
    const json = join(folder, 'report.json');
    writeFileSync(json, readFileSync(json, 'utf8').replace('"core": "passed"', '"core": "passex"'));
    const tampered = await run(json, signer.pub);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('Signature: INVALID — the signature does not match the report');
    const other = await signedFolder('other-key', signer.priv);
    expect((await run(other, stranger.pub)).code).toBe(1);
    rmSync(join(other, 'report.json.jws'));
    const unsigned = await run(other, signer.pub);
    expect(unsigned.code).toBe(1);
    expect(unsigned.out).toContain('Signature: MISSING');
  });

  it('exits 2 for an unreadable report or key file', async () => {
    const missing = await run(join(dir, 'nope', 'report.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read report .*nope\/report\.json: ENOENT/);
    const folder = await signedFolder('badkey', signer.priv);
    const badKey = await run(folder, join(dir, 'missing.pub.pem'));
    expect(badKey.code).toBe(2);
    expect(badKey.err).toMatch(/cannot read key file .*missing\.pub\.pem: ENOENT/);
  });
});
