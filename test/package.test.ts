/**
 * The package as a user gets it: `npm pack`, the tarball installed with `--omit=dev` into an
 * empty project, then the CLI run from there (`npx ou-contract …`). Proves the published
 * JavaScript runs without the repository, its devDependencies or Prism.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const OWN = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
/** Pack (with its tsc build) and install from the npm cache, on a shared 2-core machine. */
const SETUP_TIMEOUT_MS = 240_000;
const RUN_TIMEOUT_MS = 120_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: none of this repository's OU_* settings. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OU_'))), NO_COLOR: '1', ...extra };
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = userEnv()): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

const shown = (r: Run): string => `exit ${r.code}\n--- stdout\n${r.stdout.slice(-3000)}\n--- stderr\n${r.stderr.slice(-3000)}`;

let tmp: string;
let project: string;
const ouContract = (args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Run> => run('npx', ['--no-install', 'ou-contract', ...args], project, env);

/**
 * A tarball `npm pack` made of this tree in this CI run (`.ci/run` packs once for both Node
 * versions: the build's tsc and esbuild output does not depend on the Node running them).
 * Unset, the test packs the tree itself.
 */
const PACKED_TARBALL_ENV = 'OU_PACKED_TARBALL';

/** The tarball to install: the one CI packed, or a fresh `npm pack` of the tree into `tmp`. */
async function tarballOf(tmp: string): Promise<string> {
  const given = process.env[PACKED_TARBALL_ENV];
  if (given !== undefined && given !== '') {
    expect(existsSync(given), `$${PACKED_TARBALL_ENV} names no file: ${given}`).toBe(true);
    return given;
  }
  const packed = await run('npm', ['pack', '--pack-destination', tmp, '--silent'], ROOT, process.env);
  expect(packed.code, shown(packed)).toBe(0);
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  expect(tarball, `no tarball in ${tmp}`).toBeDefined();
  return join(tmp, tarball as string);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ou-package-'));
  const tarball = await tarballOf(tmp);
  project = join(tmp, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'ou-contract-user', private: true, type: 'module' }));
  const installed = await run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, process.env);
  expect(installed.code, shown(installed)).toBe(0);
}, SETUP_TIMEOUT_MS);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the installed package (npm pack, npm install --omit=dev)', () => {
  it('answers --version with the version of package.json', async () => {
    const r = await ouContract(['--version']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout.trim()).toBe(OWN.version);
  });

  it('lints its packaged contract clean (exit 0)', async () => {
    const r = await ouContract(['lint']);
    expect(r.code, shown(r)).toBe(0);
    expect(r.stdout).toMatch(/^0 errors, \d+ warnings? in \d+\.\d+s$/m);
  });

  it(
    'runs the mock (--ready-file) and verify against it: exit 0, report.json says core passed',
    async () => {
      const readyFile = join(tmp, 'ready');
      const mock = spawn('npx', ['--no-install', 'ou-contract', 'mock', '--port', '0', '--ready-file', readyFile], { cwd: project, env: userEnv() });
      let mockErr = '';
      mock.stderr.setEncoding('utf8').on('data', (d: string) => (mockErr += d));
      const mockExit = new Promise<number | null>((done) => mock.once('exit', (code) => done(code)));
      try {
        const deadline = Date.now() + 30_000;
        while (!existsSync(readyFile)) {
          if (Date.now() > deadline || mock.exitCode !== null) throw new Error(`the mock wrote no ready file:\n${mockErr}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        const base = readFileSync(readyFile, 'utf8').trim();
        // The home page, Swagger UI (a runtime dependency) and every contract are served from the install.
        for (const path of ['/', '/__mock/ui/home.js', '/__mock/docs/swagger-ui-bundle.js', '/__mock/openapi/ou-api.yaml', '/__mock/openapi/idaas.yaml', '/__mock/openapi/admin.yaml']) {
          expect((await fetch(`${base}${path}`)).status, path).toBe(200);
        }
        const token = async (body: object): Promise<string> => {
          const res = await fetch(`${base}/__mock/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          expect(res.status).toBe(200);
          return ((await res.json()) as { access_token: string }).access_token;
        };
        const readWrite = ['ous:read', 'ous:write'];
        const env = userEnv({
          OU_TOKEN: await token({ tenant_id: 'acme', scopes: readWrite }),
          OU_OTHER_TOKEN: await token({ tenant_id: 'globex', scopes: readWrite }),
          OU_READONLY_TOKEN: await token({ tenant_id: 'acme', scopes: ['ous:read'] }),
          OU_EXPIRED_TOKEN: await token({ tenant_id: 'acme', scopes: readWrite, expires_in: -60 }),
        });
        const reportDir = join(tmp, 'report');
        const args = ['verify', '--base-url', base, '--tenant', 'acme', '--other-tenant', 'globex', '--users', 'admin-http', '--report-dir', reportDir];
        const r = await ouContract(args, env);
        expect(r.code, shown(r)).toBe(0);
        const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as { verdict: { core: string } };
        expect(report.verdict.core).toBe('passed');
      } finally {
        // npx runs the CLI as its child: the mock stops on SIGTERM, or when npx is gone.
        mock.kill('SIGTERM');
        await mockExit;
      }
    },
    RUN_TIMEOUT_MS,
  );

  it('without Prism installed, mock --engine prism and proxy exit 2 with the install command', async () => {
    for (const args of [['mock', '--engine', 'prism', '--port', '0'], ['proxy', '--upstream', 'http://127.0.0.1:9', '--port', '0']]) {
      const r = await ouContract(args);
      expect(r.code, shown(r)).toBe(2);
      expect(r.stderr).toContain('npm install --save-dev @stoplight/prism-cli@');
    }
  });

  /** Entry points that load an optional peer dependency (the user installs it): entry -> peer. */
  const OPTIONAL_PEER_ENTRIES = new Map([
    ['./vitest', 'vitest'],
    ['./msw', 'msw'],
    ['./msw/browser', 'msw'],
  ]);

  it('every module reachable from the entry points imports only node built-ins and runtime dependencies', () => {
    const pkgDir = join(project, 'node_modules', 'ou-contract');
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      exports: Record<string, string | { default: string }>;
      dependencies: Record<string, string>;
    };
    const entries = [
      ...Object.entries(manifest.exports)
        .filter(([name, target]) => !OPTIONAL_PEER_ENTRIES.has(name) && typeof target === 'object')
        .map(([, target]) => (target as { default: string }).default),
      ...Object.values(manifest.bin),
      // main.js imports its verbs through a computed name.
      ...['mock', 'verify', 'lint', 'proxy'].map((verb) => `dist/cli/${verb}.js`),
    ].map((file) => join(pkgDir, file));
    const runtime = (specifier: string): boolean => {
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return true;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] as string);
      return name in manifest.dependencies;
    };
    const reached = importGraph(entries);
    expect(reached.files.size).toBeGreaterThan(50);
    expect([...reached.bare].filter(([specifier]) => !runtime(specifier))).toEqual([]);
    // The walk sees imports: the entries left out above are the ones that load their optional peer.
    for (const [entry, peer] of OPTIONAL_PEER_ENTRIES) {
      const target = manifest.exports[entry] as { default: string };
      const bare = [...importGraph([join(pkgDir, target.default)]).bare.keys()];
      expect(bare, entry).toContain(peer);
      expect(bare.filter((specifier) => specifier !== peer && !specifier.startsWith(`${peer}/`) && !runtime(specifier)), entry).toEqual([]);
    }
    // What a dev install pulls in is absent here.
    for (const dev of ['vitest', 'supertest', 'tsx', '@stoplight/prism-cli', 'msw']) expect(existsSync(join(project, 'node_modules', dev)), dev).toBe(false);
  });
});

/**
 * Static and literal dynamic imports of the compiled modules, followed through relative
 * paths. TypeScript's scanner reads them, so text that merely looks like an import (in a
 * string or a comment) is not one.
 */
function importGraph(entries: readonly string[]): { files: Set<string>; bare: Map<string, string> } {
  const files = new Set<string>();
  const bare = new Map<string, string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const { fileName: specifier } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier));
      else if (!bare.has(specifier)) bare.set(specifier, file);
    }
  }
  return { files, bare };
}
