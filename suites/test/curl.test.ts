import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { buildCurl } from '../curl.ts';
import { evidenceOf } from '../evidence.ts';
import type { Exchange } from '../exchange.ts';
import { bearer } from '../tokens.ts';
import { sampleExchange } from './sample-exchange.ts';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJ0ZW5hbnRfaWQiOiJhY21lIn0.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ';

/** The argv bash would give curl: proves the quoting, without running curl. */
function argvOf(command: string, env: Record<string, string> = {}): string[] {
  const script = `${command.replace(/^curl /, 'printf "%s\\0" ')}`;
  const out = execFileSync('bash', ['-c', script], { env: { PATH: process.env['PATH'] ?? '', ...env }, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

function exchange(over: Partial<Exchange> = {}): Exchange {
  return sampleExchange({ authShell: bearer(TOKEN, 'OU_TOKEN').shell, ...over });
}

describe('curl builder', () => {
  it('writes the token as $OU_TOKEN, never its value', () => {
    const curl = buildCurl({ method: 'get', url: 'http://127.0.0.1:4010/api/v1/tenants/acme/ous?page=2', authShell: 'Bearer $OU_TOKEN' });
    expect(curl).toBe(`curl -sS -i -X GET 'http://127.0.0.1:4010/api/v1/tenants/acme/ous?page=2' -H "Authorization: Bearer $OU_TOKEN"`);
    expect(curl).not.toContain(TOKEN);
  });

  it('quotes bodies and URLs so the shell passes them byte for byte; $OU_TOKEN expands', () => {
    const body = `{"name":"it's \\"quoted\\" $HOME \`x\` \\\\ /"}`;
    const curl = buildCurl({ method: 'POST', url: "http://h/x?q=a'b&r=$PATH", headers: { 'Content-Type': 'application/json' }, authShell: 'Bearer $OU_TOKEN', body });
    expect(argvOf(curl, { OU_TOKEN: 'tok' })).toEqual(['-sS', '-i', '-X', 'POST', "http://h/x?q=a'b&r=$PATH", '-H', 'Authorization: Bearer tok', '-H', 'Content-Type: application/json', '--data-raw', body]);
  });

  it('leaves out the Authorization header when none was sent, and never copies one from headers', () => {
    const curl = buildCurl({ method: 'GET', url: 'http://h/', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(curl).not.toContain('Authorization');
    expect(curl).not.toContain(TOKEN);
  });

  it('replaces a secret that leaked into the URL or body with a placeholder', () => {
    const curl = buildCurl({ method: 'POST', url: `http://h/?t=${TOKEN}`, body: `{"t":"${TOKEN}"}` }, [{ value: TOKEN, envVar: 'OU_TOKEN' }]);
    expect(curl).not.toContain(TOKEN);
    expect(curl).toContain('<OU_TOKEN>');
  });
});

describe('evidence', () => {
  it('carries request, expectation, response and a curl, with no token value anywhere', () => {
    const evidence = evidenceOf(exchange(), '201 with the new OU', [{ value: TOKEN, envVar: 'OU_TOKEN' }]);
    expect(evidence.request).toMatchObject({ method: 'POST', url: 'http://127.0.0.1:4010/api/v1/tenants/acme/ous', body: { name: "it's" } });
    expect(evidence.request.headers?.['Authorization']).toBe('Bearer $OU_TOKEN');
    expect(evidence.received).toMatchObject({ status: 422, body: { detail: [] } });
    expect(evidence.expected).toBe('201 with the new OU');
    expect(JSON.stringify(evidence)).not.toContain(TOKEN);
    expect(argvOf(evidence.curl, { OU_TOKEN: 'tok' })).toContain('Authorization: Bearer tok');
  });

  it('says when no response came', () => {
    const evidence = evidenceOf(exchange({ status: 0, text: '', body: undefined, error: 'ECONNREFUSED' }), '200', []);
    expect(evidence.received).toEqual({ status: 0, headers: { 'content-type': 'application/json' }, body: 'no response: ECONNREFUSED' });
  });
});
