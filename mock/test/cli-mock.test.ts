import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { register } from '../../cli/mock.ts';
import { runCli, runCliToEnd, waitForBanner } from './child.ts';

/** Parses `mock ...args` with the real register() in-process (fast); returns the usage error printed. */
async function usageError(args: string[]): Promise<string> {
  let printed = '';
  const program = new Command('ou-contract')
    .exitOverride()
    .configureOutput({ writeErr: (text) => (printed += text), writeOut: (text) => (printed += text) });
  register(program);
  const err = await program.parseAsync(['node', 'ou-contract', 'mock', ...args]).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CommanderError);
  return printed;
}

describe('ou-contract mock: option validation (usage errors exit 2 and name the option)', () => {
  it('the real binary: `mock --port abc` exits 2 naming the option and the rule', async () => {
    const result = await runCliToEnd(['mock', '--port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port <port>' argument 'abc' is invalid\. a port must be an integer from 0 to 65535/);
    expect(result.stdout).not.toContain('listening on');
  });

  const cases: Array<[string[], RegExp]> = [
    [['--port', '70000'], /--port.*'70000'.*integer from 0 to 65535/s],
    [['--preset', 'huge'], /--preset.*'huge'.*small, large, empty/s],
    [['--seed', '-1'], /--seed.*'-1'.*non-negative integer/s],
    [['--seed', '1.5'], /--seed.*'1.5'/s],
    [['--latency', 'slow'], /--latency.*'slow'/s],
    [['--host', ' '], /--host.*must not be empty/s],
    [['--engine', 'wiremock'], /--engine.*'wiremock'.*stateful, prism/s],
    [['--defect', 'no-such-defect'], /--defect.*'no-such-defect'.*unknown defect/s],
    [['--no-auth', '--jwt-secret', 's3cr3t-value'], /--jwt-secret cannot be used with --no-auth/],
    [['--no-cors', '--cors-origin', 'https://a.test'], /--cors-origin.*--no-cors/s],
    [['--engine', 'prism', '--state', 'x.json', '--seed', '7'], /--seed, --state only work with --engine stateful/],
  ];
  it.each(cases)('mock %j', async (args, message) => {
    const printed = await usageError(args);
    expect(printed).toMatch(message);
    // A secret given on a rejected command line is still never echoed.
    expect(printed).not.toContain('s3cr3t-value');
  });

  it('--help lists every option with its default and exits 0', async () => {
    const result = await runCliToEnd(['mock', '--help']);
    expect(result.code).toBe(0);
    // Commander wraps help to the terminal width: compare with white space collapsed.
    const help = result.stdout.replace(/\s+/g, ' ');
    for (const option of [
      '--port <port>',
      '--host <host>',
      '--seed <n>',
      '--preset <name>',
      '--state <file>',
      '--no-auth',
      '--jwt-secret <secret>',
      'OU_MOCK_JWT_SECRET',
      '--latency <ms>',
      '--cors-origin <origin>',
      '--no-cors',
      '--engine <engine>',
      '--defect <name>',
      '--auto-tenants [mode]',
      "'empty' (default) or 'seeded'",
      'default: 4010',
      'default: "127.0.0.1"',
      'default: 42',
      'default: "small"',
    ]) {
      expect(help).toContain(option);
    }
  });
});

describe('ou-contract mock --auto-tenants', () => {
  it('refuses a mode other than empty or seeded (exit 2), and prism with it', async () => {
    const bad = await runCliToEnd(['mock', '--port', '0', '--auto-tenants', 'full']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('it must be one of empty, seeded');
    const prism = await runCliToEnd(['mock', '--engine', 'prism', '--auto-tenants']);
    expect(prism.code).toBe(2);
    expect(prism.stderr).toContain('--auto-tenants only work with --engine stateful');
  });
});

describe('ou-contract mock: start failures (exit 1, one clear line)', () => {
  it('refuses a corrupt state file, naming it, and leaves it as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ou-cli-state-'));
    try {
      const file = join(dir, 'state.json');
      writeFileSync(file, '{"version":1,"tenants":[{"tenant_id":"acme"');
      const result = await runCliToEnd(['mock', '--port', '0', '--state', file]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`could not start: state file ${file} is not valid JSON`);
      expect(result.stderr).not.toMatch(/\n\s+at /); // an expected failure, not a stack trace
      expect(readFileSync(file, 'utf8')).toBe('{"version":1,"tenants":[{"tenant_id":"acme"');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a port in use names the port', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const result = await runCliToEnd(['mock', '--port', String(port), '--preset', 'empty']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('ou-contract mock: start banner', () => {
  it('prints URL, tenants with counts, a working read-write token, a curl line, the admin base; the dev secret is announced', async () => {
    const child = runCli(['mock', '--port', '0']);
    try {
      const ready = await waitForBanner(child);
      expect(ready.banner).toMatch(/acme \(\d+ OUs, \d+ users\)/);
      expect(ready.banner).toContain('DEVELOPMENT DEFAULT secret');
      expect(ready.banner).toContain(`curl -H "Authorization: Bearer ${ready.token}" ${ready.url}/api/v1/tenants/acme/ous`);
      expect(ready.banner).toMatch(/admin\s+http:\/\/127\.0\.0\.1:\d+\//);
      expect(ready.banner).toContain('Ctrl-C to stop');
      const res = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, { headers: { authorization: `Bearer ${ready.token}` } });
      expect(res.status).toBe(200);
      const created = await fetch(`${ready.url}/api/v1/tenants/acme/ous`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ready.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Banner token can write' }),
      });
      expect(created.status).toBe(201);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });

  it('with a secret from OU_MOCK_JWT_SECRET prints a token signed with it, never the secret', async () => {
    const secret = 'a-user-secret-that-must-not-be-printed';
    const child = runCli(['mock', '--port', '0', '--preset', 'small'], { OU_MOCK_JWT_SECRET: secret });
    try {
      const ready = await waitForBanner(child);
      expect(ready.banner).toContain('your secret (not shown)');
      const { payload } = await jwtVerify(ready.token ?? '', new TextEncoder().encode(secret));
      expect(payload['tenant_id']).toBe('acme');
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
    expect(child.stdout() + child.stderr()).not.toContain(secret);
  });

  it('--defect prints a loud test-only warning naming the rule it breaks', async () => {
    const child = runCli(['mock', '--port', '0', '--preset', 'empty', '--defect', 'tenant-leak', '--defect', 'ignore-scopes']);
    try {
      await waitForBanner(child);
      expect(child.stderr()).toMatch(/WARNING: TEST-ONLY DEFECTS ARE ON/);
      expect(child.stderr()).toContain('tenant-leak (OU-T1)');
      expect(child.stderr()).toContain('ignore-scopes (OU-A3)');
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });
});
