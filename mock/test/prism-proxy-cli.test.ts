import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../server.ts';

const BIN = fileURLToPath(new URL('../../bin/ou-contract.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ou-proxy-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ou-contract proxy (CLI)', () => {
  it('on SIGINT prints the summary with the report path and exits 1 when the upstream broke the contract', async () => {
    const mock = await startMockServer({ port: 0, preset: 'small', seed: 42, defects: new Set(['response-schema-break'] as const) });
    const out = join(dir, 'run.jsonl');
    const child = spawn(process.execPath, [BIN, 'proxy', '--upstream', mock.url, '--port', '0', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      child.stdout.setEncoding('utf8');
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${stdout}`)), 20_000);
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk;
          const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const token = await mock.app.issueToken({ tenant_id: 'acme' });
      const list = (await (await fetch(`${url}/api/v1/tenants/acme/ous?per_page=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        data: Array<{ id: string }>;
      };
      expect((await fetch(`${url}/api/v1/tenants/acme/ous/${list.data[0]?.id ?? ''}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(1);
      expect(stdout).toContain('response: 1 error');
      expect(stdout).toContain(`report: ${out}`);
      const recorded = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { location: string[] });
      expect(recorded.map((r) => r.location.join('.'))).toEqual(['response.body.data.user_count']);
    } finally {
      child.kill('SIGKILL');
      await mock.close();
    }
  });
});
