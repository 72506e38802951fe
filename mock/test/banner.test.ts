import { describe, expect, it } from 'vitest';
import { formatBanner, type BannerInfo } from '../banner.ts';

const base: BannerInfo = {
  url: 'http://127.0.0.1:4010',
  engine: 'stateful',
  tenants: [{ id: 'acme', ous: 50, users: 500 }],
  auth: 'dev',
  token: { tenantId: 'acme', value: 'h.p.s', validFor: '24 h' },
  tryPath: '/api/v1/tenants/acme/ous',
  adminUrl: 'http://127.0.0.1:4010/__mock',
};

describe('formatBanner', () => {
  it('shows the URL, tenants with counts, the token, a ready curl line, the admin base and how to stop', () => {
    const text = formatBanner(base);
    expect(text).toContain('listening on http://127.0.0.1:4010');
    expect(text).toContain('acme (50 OUs, 500 users)');
    expect(text).toContain('read-write for acme, valid 24 h');
    expect(text).toContain('curl -H "Authorization: Bearer h.p.s" http://127.0.0.1:4010/api/v1/tenants/acme/ous');
    expect(text).toContain('admin     http://127.0.0.1:4010/__mock');
    expect(text.trimEnd().endsWith('Ctrl-C to stop')).toBe(true);
  });

  it('with --no-auth the curl line carries no header and auth says OFF', () => {
    const { token: _token, ...noToken } = base;
    const text = formatBanner({ ...noToken, auth: 'off' });
    expect(text).toContain('curl http://127.0.0.1:4010/api/v1/tenants/acme/ous');
    expect(text).toContain('OFF (--no-auth)');
    expect(text).not.toContain('Bearer');
  });

  it('lists at most 10 tenants and says how many more; an empty directory says how to add one', () => {
    const tenants = Array.from({ length: 13 }, (_, i) => ({ id: `t${i}`, ous: i, users: 0 }));
    expect(formatBanner({ ...base, tenants })).toContain('t9 (9 OUs, 0 users), and 3 more');
    expect(formatBanner({ ...base, tenants: [] })).toContain('none yet (create one through the admin API)');
  });

  it('the admin row says whether the admin API needs a key: a generated one is shown, a configured one only named', () => {
    expect(formatBanner(base)).toContain('(tokens, users, reset, import/export), this machine only');
    expect(formatBanner({ ...base, adminKey: { value: 'k-1' } })).toContain('needs header X-Admin-Key: k-1');
    const named = formatBanner({ ...base, adminKey: { from: 'OU_MOCK_ADMIN_KEY' } });
    expect(named).toContain('X-Admin-Key (the key from OU_MOCK_ADMIN_KEY)');
  });

  it('names the home page and the API docs page when given', () => {
    const text = formatBanner({ ...base, homeUrl: 'http://127.0.0.1:4010/', docsUrl: 'http://127.0.0.1:4010/__mock/docs' });
    expect(text).toContain('home      http://127.0.0.1:4010/  (tenants, live tree, journal, faults and stubs)');
    expect(text).toContain('docs      http://127.0.0.1:4010/__mock/docs');
    expect(formatBanner(base)).not.toContain('home ');
  });

  it('a user-given secret is announced as not shown', () => {
    expect(formatBanner({ ...base, auth: 'custom' })).toContain('with your secret (not shown)');
  });
});
