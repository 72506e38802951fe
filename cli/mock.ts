import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { BannerInfo, MockServer, MockServerOptions, RunningServer } from '../mock/index.ts';
import { allDefects } from '../dialects/catalogue.ts';
import {
  collectDefect,
  ENGINES,
  parseDuration,
  parseLatency,
  parseAutoTenants,
  parseNonEmpty,
  parsePort,
  parseSeed,
  PRESETS,
  STATEFUL_ONLY,
  type MockCliOptions,
} from './mock-options.ts';

const TOKEN_TTL_S = 24 * 3600;

/**
 * Adds `ou-contract mock`: the stateful mock of the OU API on node:http.
 *
 * @example
 * ou-contract mock --port 0 --state ./ou-state.json
 */
export function register(program: Command): void {
  program
    .command('mock')
    .description(
      'Run the stateful mock of the OU API: seeded tenants, OUs and users, JWT auth, an admin API, ' +
        'and optional persistence of every change to a state file.',
    )
    .addOption(new Option('-p, --port <port>', 'TCP port to listen on; 0 picks a free one').default(4010).argParser(parsePort))
    .addOption(
      new Option('--host <host>', 'address to listen on; the default keeps the mock on this machine').default('127.0.0.1').argParser(parseNonEmpty),
    )
    .addOption(new Option('--seed <n>', 'seed of the generated tenants, OUs and users (same seed, same data)').default(42).argParser(parseSeed))
    .addOption(new Option('--preset <name>', 'size of the generated data').choices(PRESETS).default('small'))
    .addOption(
      new Option('--state <file>', 'keep the state in this JSON file: loaded at start when it exists (it wins over --seed/--preset), saved after changes and on exit').argParser(
        parseNonEmpty,
      ),
    )
    .option('--fsync', 'with --state: flush each logged write to disk before answering it (survives power loss; slower writes)')
    .option('--no-auth', 'accept every request without a token (development only)')
    .addOption(
      new Option('--jwt-secret <secret>', 'HS256 secret for tokens (prefer the environment variable: command lines are visible to other users)')
        .env('OU_MOCK_JWT_SECRET')
        .argParser(parseNonEmpty),
    )
    .addOption(new Option('--latency <ms>', 'add this many milliseconds to every response').argParser(parseLatency))
    .addOption(new Option('--cors-origin <origin>', 'Access-Control-Allow-Origin to send (default *)').argParser(parseNonEmpty).conflicts('cors'))
    .option('--no-cors', 'send no CORS headers')
    .addOption(
      new Option('--engine <engine>', "'stateful' is this mock; 'prism' serves the contract's examples statelessly (Prism)").choices(ENGINES).default('stateful'),
    )
    .addOption(
      new Option('--admin-key-file <file>', 'the admin API needs the key in this file (first line) in X-Admin-Key; env OU_MOCK_ADMIN_KEY gives the key itself')
        .argParser(parseNonEmpty)
        .conflicts('adminKey'),
    )
    .addOption(new Option('--admin-key <key>').env('OU_MOCK_ADMIN_KEY').argParser(parseNonEmpty).hideHelp())
    .addOption(
      new Option('--max-token-ttl <duration>', 'longest validity of a token the admin API mints, e.g. 3600, 30m, 24h').default(TOKEN_TTL_S, '24h').argParser(parseDuration),
    )
    .addOption(
      new Option('--auto-tenants [mode]', "create an unknown tenant on its first request: 'empty' (default) or 'seeded' (50 OUs, 500 users, from --seed)").argParser(
        parseAutoTenants,
      ),
    )
    .addOption(
      new Option('--ready-file <path>', 'once the mock listens, write its base URL (one line) to this file, for scripts to wait on').argParser(parseNonEmpty),
    )
    .addOption(
      new Option('--defect <name>', 'TEST ONLY: break one behaviour rule on purpose, to show the suites catch it (repeatable)').argParser(collectDefect).default([], 'none'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  ou-contract mock                              seeded small data on http://127.0.0.1:4010',
        '  ou-contract mock --port 0 --state state.json  any free port; changes survive restarts',
        '  ou-contract mock --auto-tenants seeded        any tenant id works: a seeded tenant is made on first use',
        '  OU_MOCK_JWT_SECRET=... ou-contract mock       tokens signed with your secret',
        '  OU_MOCK_JWT_SECRET=... ou-contract mock --host 0.0.0.0',
        '                                                for a team: the admin API then needs the key the banner prints',
        '',
        'The start banner prints a ready read-write token for the first tenant and a curl line to try.',
        'The home page (the banner\'s "home" line) shows the tenants, the live tree, the journal, faults and stubs, and links the API docs.',
        'Without --jwt-secret or OU_MOCK_JWT_SECRET, tokens are signed with a public development default secret.',
        'SIGINT/SIGTERM (Ctrl-C) stop the mock after saving the state; so does the exit of its parent process (e.g. a killed `npm start`).',
        'Scripts can wait for the --ready-file, or for the banner line "listening on http://…".',
      ].join('\n'),
    )
    .action(async (options: MockCliOptions & ReadyFileOption, command: Command) => {
      checkCombinations(options, command);
      await runMock(options);
    });
}

function checkCombinations(options: MockCliOptions, command: Command): void {
  const given = (key: keyof MockCliOptions): boolean => command.getOptionValueSource(key) === 'cli';
  if (!options.auth && given('jwtSecret')) command.error('error: --jwt-secret cannot be used with --no-auth', { exitCode: 2 });
  if (options.fsync && options.state === undefined) command.error('error: --fsync needs --state (there is no file to flush without it)', { exitCode: 2 });
  if (options.engine === 'prism') {
    const unsupported = STATEFUL_ONLY.filter(([key]) => given(key)).map(([, flag]) => flag);
    if (unsupported.length > 0) {
      command.error(`error: ${unsupported.join(', ')} only work with --engine stateful (Prism's mock keeps no state and has no such settings)`, {
        exitCode: 2,
      });
    }
  }
}

interface ReadyFileOption {
  readyFile?: string;
}

async function runMock(options: MockCliOptions & ReadyFileOption): Promise<void> {
  if (options.defect.length > 0) warnDefects(options.defect);
  // Loaded here, not at the top: every verb registers at each CLI start and must stay cheap.
  const { startMockServer, closeOnSignals, formatBanner, ADMIN_PREFIX, ListenError, StateFileError, isLoopback } = await import('../mock/index.ts');
  const secretGiven = options.jwtSecret !== undefined;
  const adminKey = options.engine === 'stateful' ? chooseAdminKey(options, isLoopback(options.host)) : undefined;
  let server: RunningServer | MockServer;
  try {
    server = await startMockServer(serverOptions(options, adminKey?.key));
  } catch (err) {
    if (options.engine === 'prism') await exitIfPrismMissing(err);
    // Expected failures get one clear line; anything else is a bug, so keep its stack.
    const known = err instanceof StateFileError || err instanceof ListenError;
    process.stderr.write(`ou-contract mock: could not start: ${known ? err.message : ((err as Error).stack ?? String(err))}\n`);
    process.exit(1);
  }
  closeOnSignals(server, {
    log: (line) => process.stderr.write(`ou-contract mock: ${line}\n`),
    // Saving a large state takes seconds (about 5 s at 1M users): give the final save the time it needs.
    timeoutMs: options.state !== undefined ? 30_000 : 5_000,
  });
  const info = 'app' in server ? await statefulBanner(server, options, secretGiven, ADMIN_PREFIX, adminKey) : prismBanner(server);
  process.stdout.write(formatBanner(info));
  if (options.readyFile === undefined) return;
  try {
    writeReadyFile(options.readyFile, server.url);
  } catch (err) {
    process.stderr.write(`ou-contract mock: could not write --ready-file: ${(err as Error).message}\n`);
    await server.close();
    process.exit(1);
  }
}

/** Written to a temporary name and renamed, so a script polling for the file never reads half a URL. */
function writeReadyFile(file: string, url: string): void {
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, `${url}\n`);
  renameSync(partial, file);
}

/** A missing optional Prism is a usage problem (exit 2) with the install command, not a crash. */
async function exitIfPrismMissing(err: unknown): Promise<void> {
  const { PrismNotInstalledError } = await import('../mock/prism-process.ts');
  if (!(err instanceof PrismNotInstalledError)) return;
  process.stderr.write(`ou-contract mock: ${err.message}\n`);
  process.exit(2);
}

/** Where the admin key came from; `generated` ones are printed in the banner (the user has no other copy). */
interface AdminKey {
  key: string;
  source: 'generated' | 'OU_MOCK_ADMIN_KEY' | '--admin-key-file';
}

/** A key given by file or environment, else a fresh one when listening beyond loopback, else none. */
function chooseAdminKey(o: MockCliOptions, loopback: boolean): AdminKey | undefined {
  if (o.adminKeyFile !== undefined) {
    let key: string;
    try {
      key = (readFileSync(o.adminKeyFile, 'utf8').split(/\r?\n/)[0] ?? '').trim();
    } catch (err) {
      process.stderr.write(`ou-contract mock: could not start: cannot read --admin-key-file: ${(err as Error).message}\n`);
      process.exit(2);
    }
    if (key === '') {
      process.stderr.write(`ou-contract mock: could not start: --admin-key-file ${o.adminKeyFile} is empty\n`);
      process.exit(2);
    }
    return { key, source: '--admin-key-file' };
  }
  if (o.adminKey !== undefined) return { key: o.adminKey, source: 'OU_MOCK_ADMIN_KEY' };
  return loopback ? undefined : { key: randomBytes(24).toString('base64url'), source: 'generated' };
}

function serverOptions(o: MockCliOptions, adminKey: string | undefined): MockServerOptions {
  if (o.engine === 'prism') return { engine: 'prism', port: o.port, host: o.host };
  return {
    engine: 'stateful',
    port: o.port,
    host: o.host,
    seed: o.seed,
    preset: o.preset,
    ...(o.state !== undefined ? { stateFile: o.state, fsync: o.fsync === true } : {}),
    ...(o.auth ? (o.jwtSecret !== undefined ? { auth: { secret: o.jwtSecret } } : {}) : { auth: false }),
    ...(o.latency !== undefined ? { latencyMs: o.latency } : {}),
    ...(o.cors ? (o.corsOrigin !== undefined ? { cors: { origin: o.corsOrigin } } : {}) : { cors: false }),
    ...(o.defect.length > 0 ? { defects: new Set(o.defect) } : {}),
    ...(adminKey !== undefined ? { admin: { key: adminKey } } : {}),
    maxTokenTtlS: o.maxTokenTtl,
    ...(o.autoTenants !== undefined ? { autoTenants: o.autoTenants } : {}),
  };
}

async function statefulBanner(server: MockServer, o: MockCliOptions, secretGiven: boolean, adminPrefix: string, adminKey: AdminKey | undefined): Promise<BannerInfo> {
  const { app } = server;
  const ttl = Math.min(TOKEN_TTL_S, o.maxTokenTtl);
  const tenants = app.directory.tenantIds().map((id) => ({ id, ...app.directory.tenant(id).counts() }));
  const first = tenants[0];
  const token =
    o.auth && first
      ? {
          tenantId: first.id,
          value: await app.issueToken({ tenant_id: first.id, scopes: ['ous:read', 'ous:write'], expires_in: ttl }),
          validFor: ttl % 3600 === 0 ? `${ttl / 3600} h` : `${Math.round(ttl / 60)} min`,
        }
      : undefined;
  return {
    url: server.url,
    engine: 'stateful',
    data: server.restored ? `restored from ${server.stateFile}` : o.preset === 'empty' ? 'empty (preset empty)' : `preset ${o.preset}, seed ${o.seed}`,
    ...(server.stateFile !== undefined ? { stateFile: server.stateFile } : {}),
    tenants,
    auth: !o.auth ? 'off' : secretGiven ? 'custom' : 'dev',
    ...(token ? { token } : {}),
    ...(first ? { tryPath: `/api/v1/tenants/${encodeURIComponent(first.id)}/ous` } : {}),
    homeUrl: `${server.url}/`,
    docsUrl: `${server.url}${adminPrefix}/docs`,
    adminUrl: server.url + adminPrefix,
    ...(adminKey ? { adminKey: adminKey.source === 'generated' ? { value: adminKey.key } : { from: adminKey.source } } : {}),
    ...(o.latency ? { latencyMs: o.latency } : {}),
    cors: o.cors ? (o.corsOrigin ?? '*') : false,
  };
}

function prismBanner(server: RunningServer): BannerInfo {
  return { url: server.url, engine: 'prism', tenants: [], auth: 'any', tryPath: '/api/v1/tenants/acme/ous' };
}

function warnDefects(defects: readonly string[]): void {
  const known = allDefects();
  const lines = [
    '',
    '!!! WARNING: TEST-ONLY DEFECTS ARE ON: this mock deliberately BREAKS the OU API contract !!!',
    ...defects.map((d) => `!!!   ${d} (${known.get(d)?.rule ?? '?'}): ${known.get(d)?.what ?? ''}`),
    '!!! Use it only to show that a conformance suite catches these; never as a reference.',
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}
