/** The segment matcher agrees with a plain RegExp reading of the same glob, on random globs and paths. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRouteGlob, matchesPath, matchesTemplate } from '../route-glob.ts';

/** Reference: `**` segments become `(?:/[^/]*)*`, `*` becomes `[^/]*`. Backtracks, so only for short inputs. */
function reference(glob: string, path: string): boolean {
  const [first, ...rest] = glob.split('/');
  const literal = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const segment = (seg: string): string => seg.split('*').map(literal).join('[^/]*');
  const source = segment(first ?? '') + rest.map((seg) => (seg === '**' ? '(?:/[^/]*)*' : `/${segment(seg)}`)).join('');
  return new RegExp(`^${source}$`).test(path);
}

const globSegment = fc.oneof(fc.constant('**'), fc.stringMatching(/^[ab*]{0,4}$/));
const glob = fc.array(globSegment, { maxLength: 5 }).map((segs) => `/${segs.join('/')}`);
const path = fc.array(fc.stringMatching(/^[ab]{0,3}$/), { maxLength: 6 }).map((segs) => `/${segs.join('/')}`);

describe('route globs', () => {
  it('match exactly what the RegExp reading matches', () => {
    fc.assert(
      fc.property(glob, path, (g, p) => {
        expect(matchesPath(compileRouteGlob(g), p)).toBe(reference(g, p));
      }),
      { numRuns: 5_000 },
    );
  });

  it('a template matches when some path routed to it matches', () => {
    fc.assert(
      fc.property(glob, fc.stringMatching(/^[ab]{1,3}$/), (g, value) => {
        const template = '/t/{id}/x';
        // Any concrete path of the template that the glob matches makes the template match.
        if (matchesPath(compileRouteGlob(g), `/t/${value}/x`)) expect(matchesTemplate(compileRouteGlob(g), template)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads ** as whole segments only and collapses runs of stars', () => {
    expect(matchesPath(compileRouteGlob('/api/**'), '/api')).toBe(true);
    expect(matchesPath(compileRouteGlob('/api/**/users'), '/api/users')).toBe(true);
    expect(matchesPath(compileRouteGlob('/a**b'), '/a/b')).toBe(false);
    expect(matchesPath(compileRouteGlob('/a**b'), '/axxb')).toBe(true);
    expect(matchesPath(compileRouteGlob('/a.b/(x)'), '/aXb/(x)')).toBe(false);
    expect(matchesTemplate(compileRouteGlob('/api/v1/tenants/acme/ous/*'), '/api/v1/tenants/{tenant_id}/ous/{ou_id}')).toBe(true);
    expect(matchesTemplate(compileRouteGlob('/api/v1/tenants/acme/ous/'), '/api/v1/tenants/{tenant_id}/ous/{ou_id}')).toBe(false);
  });
});
