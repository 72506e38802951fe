/**
 * `verify --dialect admanager` against a correct implementation it has never seen: the mock's
 * admanager layer wrapped so its answers differ wherever the page leaves the choice free.
 * verify must still pass it; and it must still fail the same wrapper with a defect on, so the
 * tolerance did not blind a check.
 */
import { describe, expect, it } from 'vitest';
import type { TargetConfig } from '../../../suites/config.ts';
import { runSuite } from '../../../suites/runner.ts';
import { mockTarget } from '../../../suites/test/target.ts';
import { DIALECTS } from '../../index.ts';
import type { Dialect, DialectHandler, DialectResponse } from '../../types.ts';
import { AD_DEFECTS } from '../defects.ts';
import { parseDn } from '../dn.ts';
import { admanagerDialect } from '../index.ts';

/** RFC 4514 lets a value escape a character as `\XX` (hex) instead of `\<char>`: the variant does so for every special one. */
const HEX_OF: Readonly<Record<string, string>> = { ',': '2C', '+': '2B', '"': '22', '\\': '5C', '<': '3C', '>': '3E', ';': '3B', '#': '23' };

function hexEscaped(dn: string): string {
  const escape = (value: string): string => Array.from(value, (ch) => (HEX_OF[ch] !== undefined ? `\\${HEX_OF[ch]}` : ch)).join('');
  return parseDn(dn).map((rdn) => `${rdn.type}=${escape(rdn.value)}`).join(',');
}

/**
 * The variant's filters compare DNs as DNs (as a directory does): a value written with its hex
 * escapes matches the same DN written with `\<char>` escapes. The mock compares text, so the
 * variant turns the escapes back before the mock reads the filter.
 */
function filterOfVariant(filter: unknown): unknown {
  if (typeof filter !== 'string') return filter;
  return Object.entries(HEX_OF).reduce((text, [ch, hex]) => text.replaceAll(`\\\\${hex}`, `\\\\${ch === '\\' || ch === '"' ? `\\${ch}` : ch}`), filter);
}

const DN_KEYS = new Set(['DISTINGUISHED_NAME', 'Distinguished Name', 'Container Name']);

/** Keys in reverse order, DNs hex-escaped, free texts reworded, an extra meta key: all free on the page. */
function reworded(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => reworded(v));
  if (typeof value === 'string') {
    if (key !== undefined && DN_KEYS.has(key) && value.includes('=')) return hexEscaped(value);
    if (key === 'status_message' || key === 'detail') return `[variant] ${value.toUpperCase()}`;
    return value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reworded(v, k)] as const);
  if (key === 'meta') entries.unshift(['page_generated_by', 'variant']);
  return Object.fromEntries(entries);
}

function variantOf(res: DialectResponse): DialectResponse {
  // The 401 body is fixed by the page (AD-A1); every other text is free.
  if (res.status === 401) return res;
  return { ...res, body: reworded(res.body) };
}

const wrap = (handler: DialectHandler): DialectHandler => (api, req, env) => variantOf(handler(api, { ...req, query: { ...req.query, filter: filterOfVariant(req.query['filter']) } }, env));

const variant: Dialect = {
  ...admanagerDialect,
  mock: {
    ...admanagerDialect.mock,
    handlers: Object.fromEntries(Object.entries(admanagerDialect.mock.handlers).map(([id, h]) => [id, wrap(h)])),
    renderError: (err, req, env) => variantOf(admanagerDialect.mock.renderError(err, req, env)),
  },
};

function variantTarget(defects?: ReadonlySet<string>): Promise<TargetConfig> {
  return mockTarget(defects, { dialect: admanagerDialect, seed: 11 }, { dialects: DIALECTS.map((d) => (d.id === variant.id ? variant : d)) });
}

describe('verify --dialect admanager against a conformant variant', () => {
  it('passes: reversed key order, hex-escaped DNs, reworded details and status messages, an extra meta key', async () => {
    const report = await runSuite(await variantTarget());
    const failing = report.checks.filter((c) => c.status !== 'passed').map((c) => `${c.check} ${c.status}: ${c.message ?? ''}`);
    expect(failing).toEqual([]);
    expect(report.verdict).toMatchObject({ core: 'passed', profile: 'passed' });
  });

  it.each(['ad-from-at-last-empty', 'ad-filter-flat-precedence', 'ad-sort-ties-by-creation', 'ad-patch-ambiguous-first', 'ad-bulk-all-or-nothing'] as const)('still fails it with %s on, on that rule', async (name) => {
    const report = await runSuite(await variantTarget(new Set([name])));
    expect(report.verdict.core).toBe('failed');
    expect(report.checks.flatMap((c) => c.failed_rules ?? [])).toContain(AD_DEFECTS[name].rule);
  });
});
