import { generateKeyPairSync } from 'node:crypto';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { ruleCatalogue } from '../../suites/rules.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/ou-contract.js');
/** A whole run against the mock, on a shared 2-core machine. */
const RUN_TIMEOUT_MS = 180_000;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/ou-contract.js verify …` with only the OU_* variables given (none inherited). */
function verify(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT, onSpawn?: (child: ChildProcess) => void): Promise<CliRun> {
  return cli(['verify', ...args], env, cwd, onSpawn);
}

/** Runs `node bin/ou-contract.js <args>` with only the OU_* variables given (none inherited). */
function cli(args: readonly string[], env: Record<string, string> = {}, cwd = ROOT, onSpawn?: (child: ChildProcess) => void): Promise<CliRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OU_')));
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...inherited, ...env, NO_COLOR: '1' } });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS - 5000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((ok) => server.once('listening', ok));
  const { port } = server.address() as { port: number };
  await new Promise((ok) => server.close(ok));
  return port;
}

function readReports(dir: string): { json: Record<string, unknown> & { results: { rule: string; status: string }[] }; junit: string; html: string; all: string } {
  const json = readFileSync(join(dir, 'report.json'), 'utf8');
  const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  return { json: JSON.parse(json), junit, html, all: json + junit + html };
}

describe('ou-contract verify (end to end, spawned CLI against the mock)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'ou-verify-'));
  let clean: MockServer;
  let broken: MockServer;
  let tokens: Record<string, string>;
  const envFor = (server: MockServer): Record<string, string> => ({
    OU_BASE_URL: server.url,
    OU_TENANT_ID: 'acme',
    OU_TOKEN: tokens.main as string,
    OU_OTHER_TENANT_ID: 'globex',
    OU_OTHER_TOKEN: tokens.other as string,
    OU_READONLY_TOKEN: tokens.readonly as string,
    OU_EXPIRED_TOKEN: tokens.expired as string,
  });
  const secrets = (): string[] => Object.values(tokens);

  beforeAll(async () => {
    clean = await startMockServer({ port: 0 });
    broken = await startMockServer({ port: 0, defects: new Set(['total-pages-floor']) });
    // Same default signing secret on both mocks: the tokens work on either.
    tokens = {
      main: await clean.app.issueToken({ tenant_id: 'acme' }),
      other: await clean.app.issueToken({ tenant_id: 'globex' }),
      readonly: await clean.app.issueToken({ tenant_id: 'acme', scopes: ['ous:read'] }),
      expired: await clean.app.issueToken({ tenant_id: 'acme', expires_in: -60 }),
    };
  });
  afterAll(async () => {
    await Promise.all([clean?.close(), broken?.close()]);
    rmSync(tmp, { recursive: true, force: true });
  });

  /** The clean mock behind `wrap`, on its own port, for the duration of `body`. */
  async function wrapped<T>(wrap: (handle: RequestListener) => RequestListener, body: (url: string) => Promise<T>): Promise<T> {
    const server: Server = createHttpServer(wrap(clean.app.handle));
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      return await body(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  }

  it('exits 2 naming the flag when --base-url is missing', async () => {
    const run = await verify(['--tenant', 'acme'], { OU_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing --base-url (or OU_BASE_URL)');
  });

  it('exits 2 with "cannot reach" when nothing answers at the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await verify(['--base-url', url, '--tenant', 'acme'], { OU_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`cannot reach ${url}: .*ECONNREFUSED`));
  });

  it('exits 2 for an invalid baseline file, naming the entry and field', async () => {
    const file = join(tmp, 'bad-baseline.json');
    writeFileSync(file, JSON.stringify({ entries: [{ rule: 'OU-L2', reason: 'x', expires: '2030-02-30' }] }));
    const run = await verify(['--baseline', file], envFor(clean));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('entries[0].expires must be a real date YYYY-MM-DD, got "2030-02-30"');
  });

  it('exits 2 before any check when --report-dir cannot be written', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, '');
    const run = await verify(['--report-dir', join(file, 'sub')], envFor(clean));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--report-dir .*a-file\/sub is not a writable folder: ENOTDIR/);
  });

  it('exits 2 when the --lint file cannot be read', async () => {
    const run = await verify(['--lint', join(tmp, 'missing.yaml')], envFor(clean));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot read contract .*missing\.yaml: ENOENT/);
  });

  it('exits 2 for a --check no suite has, instead of passing with nothing run', async () => {
    const run = await verify(['--check', 'pagination.maths'], envFor(clean));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown --check "pagination.maths"; known: .*pagination.math/);
  });

  it('exits 2 for an unknown --level', async () => {
    const run = await verify(['--level', 'gold'], envFor(clean));
    expect(run.code).toBe(2);
  });

  it(
    'exits 0 against the mock, prints progress and the summary, writes the three reports without a token',
    async () => {
      const dir = join(tmp, 'clean');
      const run = await verify(['--users', 'admin-http', '--seed', '7', '--report-dir', dir], envFor(clean));
      expect(run.stderr).toBe('');
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/^✓ \S+ \[OU-[A-Z]\d+( OU-[A-Z]\d+)*\] \d+ ms$/m);
      expect(run.stdout).toContain('Verdict: core PASSED');
      expect(run.stdout).toContain(`Reports: ${join(dir, 'report.html')}`);

      const { json, junit, html, all } = readReports(dir);
      expect(Object.keys(json).slice(0, 5)).toEqual(['target', 'started_at', 'duration_ms', 'summary', 'results']);
      expect(json).toMatchObject({ target: clean.url, seed: 7, verdict: { core: 'passed', profile: 'passed' } });
      expect(json).not.toHaveProperty('lint');
      expect(json.results.filter((r) => r.status === 'failed').map((r) => r.rule)).toEqual([]);
      expect(XMLValidator.validate(junit)).toBe(true);
      for (const rule of ruleCatalogue()) expect(html).toContain(`<tr id="${rule.id}">`);
      for (const secret of secrets()) {
        expect(all).not.toContain(secret);
        expect(run.stdout).not.toContain(secret);
      }
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'with only --token: core INCOMPLETE naming the rules not checked and what they need, exit 3; exit 0 with --allow-incomplete',
    async () => {
      const only = { OU_BASE_URL: clean.url, OU_TENANT_ID: 'acme', OU_TOKEN: tokens.main as string };
      const run = await verify(['--no-progress', '--report-dir', join(tmp, 'incomplete')], only);
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stdout).toMatch(/Verdict: core INCOMPLETE \(\d+ rules not checked\)/);
      expect(run.stdout).toMatch(/^ {2}unchecked: .*OU-T1.*\n {4}— needs a second tenant: --other-tenant and --other-token/m);
      expect(run.stdout).toMatch(/^ {2}unchecked: .*OU-S2.*\n {4}— needs users: no users adapter given/m);
      const { json } = readReports(join(tmp, 'incomplete'));
      const notChecked = (json.not_checked as { rule: string; level: string }[]).filter((n) => n.level === 'core').map((n) => n.rule);
      expect(notChecked).toEqual(expect.arrayContaining(['OU-T1', 'OU-A2', 'OU-S1', 'OU-S2']));
      expect(json).toMatchObject({ verdict: { core: 'incomplete' } });

      const allowed = await verify(['--no-progress', '--allow-incomplete', '--report-dir', join(tmp, 'incomplete-allowed')], only);
      expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
      expect(allowed.stdout).toContain('Verdict: core INCOMPLETE');
    },
    RUN_TIMEOUT_MS,
  );

  it('exits 2 before any check when --readonly-token and --expired-token are swapped, naming both flags', async () => {
    const dir = join(tmp, 'swapped');
    const run = await verify(['--no-progress', '--report-dir', dir], { ...envFor(clean), OU_READONLY_TOKEN: tokens.expired as string, OU_EXPIRED_TOKEN: tokens.readonly as string });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toContain('--readonly-token (OU_READONLY_TOKEN) is not accepted');
    expect(run.stderr).toContain('--expired-token (OU_EXPIRED_TOKEN) is accepted');
    expect(readdirSync(dir)).toEqual([]);
    for (const secret of secrets()) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it(
    'exits 1 when the mock rounds total_pages down (OU-L2), an expired baseline entry no longer covering it; --level core runs core checks only',
    async () => {
      const dir = join(tmp, 'broken');
      const baseline = join(tmp, 'expired-baseline.json');
      writeFileSync(baseline, JSON.stringify({ entries: [{ rule: 'OU-L2', reason: 'was accepted', expires: '2020-01-31' }] }));
      const run = await verify(['--users', 'admin-http', '--level', 'core', '--no-progress', '--report-dir', dir, '--baseline', baseline], envFor(broken));
      expect(run.code, run.stdout + run.stderr).toBe(1);
      expect(run.stdout).not.toMatch(/^[✓✗-] /m);
      expect(run.stdout).toMatch(/^ {2}OU-L2 +MUST +failed/m);
      expect(run.stdout).toContain('Verdict: core FAILED');
      expect(run.stdout).toContain('expired on 2020-01-31');
      const { json } = readReports(dir);
      expect(json.results.filter((r) => r.rule === 'OU-L2').map((r) => r.status)).toContain('failed');
      expect((json.checks as { level: string }[]).every((c) => c.level === 'core')).toBe(true);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits 0 with "core PASSED with 1 waiver" when the OU-L2 failure is baselined until a future date, writing to reports/<timestamp>/ by default',
    async () => {
      const cwd = join(tmp, 'cwd');
      const baseline = join(tmp, 'baseline.json');
      writeFileSync(baseline, JSON.stringify({ entries: [{ rule: 'OU-L2', reason: 'JIRA-42 total_pages fix', expires: '2999-12-31' }] }));
      mkdirSync(cwd);
      const run = await verify(['--users', 'admin-http', '--no-progress', '--baseline', baseline], envFor(broken), cwd);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ {2}OU-L2 +MUST +baselined/m);
      expect(run.stdout).toContain('Verdict: core PASSED with 1 waiver ·');
      const [stamp, ...more] = readdirSync(join(cwd, 'reports'));
      expect(more).toEqual([]);
      expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/);
      const { json, html } = readReports(join(cwd, 'reports', stamp as string));
      expect(json).toMatchObject({ verdict: { core: 'passed' }, waivers: 1, not_checked: [] });
      expect(json.baselined).toBeGreaterThanOrEqual(1);
      expect(json.results.filter((r) => r.rule === 'OU-L2').map((r) => r.status)).toContain('failed');
      expect(html).toContain('Baselined until 2999-12-31: JIRA-42 total_pages fix');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'exits 1 when --lint finds errors in the vendor spec although every check passed, and puts the lint into the reports',
    async () => {
      const dir = join(tmp, 'lint');
      const spec = join(tmp, 'vendor.yaml');
      // Valid OpenAPI 3.1 that breaks the contract ruleset: no 401/422 responses documented.
      writeFileSync(spec, ['openapi: 3.1.0', 'info: {title: vendor, version: "1"}', 'paths:', '  /a:', '    get:', '      responses:', '        "200": {description: ok}', ''].join('\n'));
      const run = await verify(['--users', 'admin-http', '--rule', 'OU-L2', '--no-progress', '--report-dir', dir, '--lint', spec], envFor(clean));
      expect(run.code, run.stdout + run.stderr).toBe(1);
      // Only OU-L2's checks ran: nothing failed, the other rules were not checked.
      expect(run.stdout).toContain('Verdict: core INCOMPLETE');
      expect(run.stdout).toMatch(/Lint: +\d+ error\(s\), \d+ warning\(s\) in .*vendor\.yaml — lint errors fail the run/);
      const { json, html } = readReports(dir);
      const lint = json.lint as { file: string; errors: number; messages: string[] };
      expect(lint.file).toBe(spec);
      expect(lint.errors).toBeGreaterThan(0);
      expect(lint.messages.some((m) => m.includes('ou-error-responses'))).toBe(true);
      expect(html).toContain('Contract lint');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'with --sign-key writes report.json.jws (and a junit.xml valid against junit-10.xsd); verify-report exits 0 with the key, 1 for a changed byte or another key',
    async () => {
      const dir = join(tmp, 'signed');
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const [key, pub, otherPub] = [join(tmp, 'sign.pem'), join(tmp, 'sign.pub.pem'), join(tmp, 'other.pub.pem')];
      writeFileSync(key, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(pub, pair.publicKey.export({ type: 'spki', format: 'pem' }));
      writeFileSync(otherPub, other.publicKey.export({ type: 'spki', format: 'pem' }));
      const run = await verify(['--users', 'admin-http', '--rule', 'OU-L2', '--no-progress', '--report-dir', dir, '--sign-key', key], envFor(clean));
      expect(run.stdout).toContain(`Signed:  ${join(dir, 'report.json.jws')}`);
      const { json, junit } = readReports(dir);
      const xsd = readFileSync(join(ROOT, 'reports/test/junit-10.xsd'), 'utf8');
      const schema = await validateXML({ xml: { fileName: 'junit.xml', contents: junit }, schema: { fileName: 'junit-10.xsd', contents: xsd } });
      expect(schema.errors).toEqual([]);
      const provenance = json.provenance as { tool: string; contract_sha256: string; options: Record<string, unknown> };
      expect(provenance).toMatchObject({ tool: 'ou-contract', contract_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), options: { tenant: 'acme', rules: ['OU-L2'], signed: true } });
      expect(JSON.stringify(provenance)).not.toContain(tokens.main as string);
      const ok = await cli(['verify-report', join(dir, 'report.json'), '--key', pub]);
      expect(ok.code, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/^Signature: VALID/m);
      expect((await cli(['verify-report', dir, '--key', otherPub])).code).toBe(1);
      const text = readFileSync(join(dir, 'report.json'), 'utf8');
      writeFileSync(join(dir, 'report.json'), text.replace('"seed": ', '"seed": 1'));
      const tampered = await cli(['verify-report', dir, '--key', pub]);
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toMatch(/^Signature: INVALID/m);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'keeps a report small when the target accepts (and fails on) 1 MiB bodies: each body once in bodies/, curls that replay',
    async () => {
      const dir = join(tmp, 'big-bodies');
      // A target that answers 500 to any body over 1 MiB: the checks' 1.1 MB bodies become evidence.
      const run = await wrapped(
        (handle) => (req, res) => {
          if (Number(req.headers['content-length'] ?? 0) > 1024 * 1024) {
            req.resume();
            res.writeHead(500, { 'content-type': 'application/json' }).end('{"detail":"boom"}');
            return;
          }
          handle(req, res);
        },
        (url) => verify(['--users', 'admin-http', '--check', 'hardening.limits', '--check', 'not_a_server_error', '--no-progress', '--report-dir', dir], { ...envFor(clean), OU_BASE_URL: url }),
      );
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const bodies = readdirSync(join(dir, 'bodies'));
      expect(bodies).toHaveLength(2);
      for (const name of bodies) expect(statSync(join(dir, 'bodies', name)).size).toBeGreaterThan(1024 * 1024);
      const sizes = ['report.json', 'junit.xml', 'report.html'].map((f) => statSync(join(dir, f)).size);
      expect(Math.max(...sizes)).toBeLessThan(300_000);
      expect(run.stdout).toMatch(/^ {4}.*curl -sS -i -X POST .* --data-binary '@bodies\/[0-9a-f]{32}\.bin'$/m);
      expect(run.stdout).toContain(`Curls with @bodies/… read the body from a file: run them from ${dir}.`);
      console.log(`report sizes with two 1.1 MB request bodies as evidence: report.json ${sizes[0]} B, junit.xml ${sizes[1]} B, report.html ${sizes[2]} B`);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'stops at --timeout against a target that stalls: exit 3, cleanup, a partial report in all three formats',
    async () => {
      const dir = join(tmp, 'timeout');
      const before = clean.app.directory.tenant('acme').counts();
      const run = await wrapped(
        (handle) => (req, res) => {
          if (req.method === 'GET' && req.url?.includes('/ous/tree') === true) return;
          handle(req, res);
        },
        (url) => verify(['--users', 'admin-http', '--no-progress', '--timeout', '3s', '--report-dir', dir], { ...envFor(clean), OU_BASE_URL: url }),
      );
      expect(run.code, run.stdout + run.stderr).toBe(3);
      expect(run.stderr).toContain('the overall timeout of 3 s passed: stopping, cleaning up');
      expect(run.stdout).toContain('Interrupted: the overall timeout of 3 s passed — a partial report');
      const { json, junit, html } = readReports(dir);
      expect(json.interrupted).toEqual({ reason: 'the overall timeout of 3 s passed' });
      expect(json.verdict).toMatchObject({ core: 'incomplete' });
      expect(junit).toContain('(interrupted: the overall timeout of 3 s passed)');
      expect(html).toContain('<h2>Partial report</h2>');
      expect(clean.app.directory.tenant('acme').counts()).toEqual(before);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'on SIGINT cleans up, writes a partial report and exits 130; with --keep-fixtures says what it left and how to remove it',
    async () => {
      const dir = join(tmp, 'sigint');
      const before = clean.app.directory.tenant('acme').counts();
      const interruptAfterFirstCheck = (child: ChildProcess): void => {
        let seen = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          seen += chunk.toString();
          if (/^[✓✗-] /m.test(seen) && !child.killed) child.kill('SIGINT');
        });
      };
      const run = await verify(['--users', 'admin-http', '--report-dir', dir], envFor(clean), ROOT, interruptAfterFirstCheck);
      expect(run.code, run.stdout + run.stderr).toBe(130);
      expect(readReports(dir).json.interrupted).toEqual({ reason: 'SIGINT received' });
      expect(clean.app.directory.tenant('acme').counts()).toEqual(before);

      const kept = await verify(['--users', 'admin-http', '--rule', 'OU-D3', '--no-progress', '--keep-fixtures', '--report-dir', join(tmp, 'kept')], envFor(clean));
      expect(kept.stdout).toMatch(/^Kept for replay \(--keep-fixtures\): tenant acme: OUs .*\(run root "ouc-\d+-[0-9a-f]{6}"\)/m);
      expect(kept.stdout).toMatch(/^ {2}curl -sS -i -X DELETE '.*\/ous\/[^']+\?strategy=CASCADE' -H "Authorization: Bearer \$OU_TOKEN"$/m);
      expect(clean.app.directory.tenant('acme').counts().ous).toBeGreaterThan(before.ous);
    },
    RUN_TIMEOUT_MS,
  );
});
