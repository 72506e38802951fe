/** What the start banner shows; everything is already computed, so formatting stays pure and testable. */
export interface BannerInfo {
  url: string;
  engine: 'stateful' | 'prism';
  /** Where the data came from, e.g. `preset small, seed 42` or `state file /x/state.json`. */
  data?: string;
  /** Saved here after changes, when persisting. */
  stateFile?: string;
  tenants: ReadonlyArray<{ id: string; ous: number; users: number }>;
  /**
   * 'dev' = the development default secret, 'custom' = a secret the user gave (never shown), 'off' = --no-auth,
   * 'any' = Prism, which only checks that a bearer token is present.
   */
  auth: 'dev' | 'custom' | 'off' | 'any';
  /** A read-write token for the first tenant (tokens are meant to be copied; the secret never is). */
  token?: { tenantId: string; value: string; validFor: string };
  /** Path of the list endpoint to try, e.g. `/api/v1/tenants/acme/ous`. */
  tryPath?: string;
  adminUrl?: string;
  /** The home page (tenants, live tree, journal, faults, stubs) and the API docs page. */
  homeUrl?: string;
  docsUrl?: string;
  /** The admin API needs this key in X-Admin-Key: shown when generated for this start, else only where it came from. */
  adminKey?: { value: string } | { from: string };
  latencyMs?: number;
  cors?: string | false;
}

const MAX_TENANTS_SHOWN = 10;

/**
 * The lines printed when the mock is ready.
 *
 * @example
 * process.stdout.write(formatBanner({ url, engine: 'stateful', tenants, auth: 'dev', token }));
 */
export function formatBanner(info: BannerInfo): string {
  const lines = [`OU API mock (${info.engine}) listening on ${info.url}`];
  const row = (label: string, text: string): void => {
    lines.push(`  ${label.padEnd(9)} ${text}`);
  };
  if (info.data) row('data', info.data);
  if (info.stateFile) row('state', `saved to ${info.stateFile} after each change`);
  if (info.engine === 'stateful') row('tenants', tenantsText(info.tenants));
  row('auth', authText(info.auth));
  if (info.token) row('token', `read-write for ${info.token.tenantId}, valid ${info.token.validFor}:\n            ${info.token.value}`);
  if (info.tryPath) {
    const header = info.auth === 'off' ? '' : `-H "Authorization: Bearer ${info.token?.value ?? 'any'}" `;
    row('try', `curl ${header}${info.url}${info.tryPath}`);
  }
  if (info.homeUrl) row('home', `${info.homeUrl}  (tenants, live tree, journal, faults and stubs)`);
  if (info.docsUrl) row('docs', `${info.docsUrl}  (every contract, "try it" against this mock)`);
  if (info.adminUrl) row('admin', `${info.adminUrl}  (tokens, users, reset, import/export)${adminKeyText(info.adminKey)}`);
  if (info.latencyMs) row('latency', `${info.latencyMs} ms added to every response`);
  if (info.cors !== undefined) row('cors', info.cors === false ? 'off' : `Access-Control-Allow-Origin: ${info.cors}`);
  lines.push('Ctrl-C to stop');
  return `${lines.join('\n')}\n`;
}

function adminKeyText(key: BannerInfo['adminKey']): string {
  if (key === undefined) return ', this machine only';
  if ('value' in key) return `, needs header X-Admin-Key: ${key.value}`;
  return `, needs header X-Admin-Key (the key from ${key.from})`;
}

function tenantsText(tenants: BannerInfo['tenants']): string {
  if (tenants.length === 0) return 'none yet (create one through the admin API)';
  const shown = tenants.slice(0, MAX_TENANTS_SHOWN).map((t) => `${t.id} (${t.ous} OUs, ${t.users} users)`);
  const more = tenants.length > MAX_TENANTS_SHOWN ? `, and ${tenants.length - MAX_TENANTS_SHOWN} more` : '';
  return shown.join(', ') + more;
}

function authText(auth: BannerInfo['auth']): string {
  switch (auth) {
    case 'off':
      return 'OFF (--no-auth): every request is accepted without a token';
    case 'any':
      return 'any bearer token is accepted (Prism checks only that one is present)';
    case 'custom':
      return 'JWT HS256 with your secret (not shown)';
    case 'dev':
      return 'JWT HS256 with the DEVELOPMENT DEFAULT secret: for local testing only (set OU_MOCK_JWT_SECRET or --jwt-secret for your own)';
  }
}
