/** DNs (RFC 4514) and canonical names of AD objects. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalName, containerLineage, DnSyntaxError, domainRootDn, escapeDnValue, ouDn, parseDn } from '../dn.ts';

describe('writing DNs', () => {
  it('escapes what RFC 4514 §2.4 escapes, and nothing else', () => {
    expect(escapeDnValue('R&D, EMEA')).toBe('R&D\\, EMEA');
    expect(escapeDnValue('a+b"c\\d<e>f;g')).toBe('a\\+b\\"c\\\\d\\<e\\>f\\;g');
    expect(escapeDnValue('#1 ')).toBe('\\#1\\ ');
    expect(escapeDnValue(' x#')).toBe('\\ x#');
    expect(escapeDnValue('nul\0')).toBe('nul\\00');
    expect(escapeDnValue('Zürich = 1/2')).toBe('Zürich = 1/2');
  });

  it('builds the DN leaf first and the canonical name top first', () => {
    expect(domainRootDn('acme.example.com')).toBe('DC=acme,DC=example,DC=com');
    expect(ouDn(['OUS', 'OUAPI1'], 'domain.com')).toBe('OU=OUAPI1,OU=OUS,DC=domain,DC=com');
    expect(canonicalName(['OUS', 'OUAPI1'], 'domain.com')).toBe('domain.com/OUS/OUAPI1');
    expect(canonicalName(['a/b'], 'domain.com')).toBe('domain.com/a\\/b');
  });
});

describe('reading DNs', () => {
  it('unescapes values, hex escapes as UTF-8, and ignores spaces around values', () => {
    expect(parseDn('OU=a\\,b, ou = Z\\C3\\BCrich ,DC=x')).toEqual([
      { type: 'OU', value: 'a,b' },
      { type: 'OU', value: 'Zürich' },
      { type: 'DC', value: 'x' },
    ]);
    expect(parseDn('OU=\\ padded\\ ,DC=x')[0]).toEqual({ type: 'OU', value: ' padded ' });
  });

  it.each([
    ['', 1],
    ['OU=a,', 6],
    ['OU=a\\', 5],
    ['OU=a+CN=b,DC=x', 5],
    ['1U=a', 1],
    ['OU=\\FF,DC=x', 4],
    ['OU=#hash,DC=x', 4],
    ['OU=a,OU= #b,DC=x', 10],
    ['OU=say "hi",DC=x', 8],
  ])('refuses %j, saying where (%i)', (dn, position) => {
    expect(() => parseDn(dn)).toThrow(DnSyntaxError);
    try {
      parseDn(dn);
    } catch (error) {
      expect((error as DnSyntaxError).position).toBe(position);
    }
  });

  it('reads an escaped leading # and inner # as text', () => {
    expect(parseDn('OU=\\#hash,OU=a#b,OU=\\23x,DC=x').map((r) => r.value)).toEqual(['#hash', 'a#b', '#x', 'x']);
  });

  it('reads back every DN it writes', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }), (lineage) => {
        const names = lineage.map((n) => n.trim()).filter((n) => n !== '');
        expect(containerLineage(parseDn(ouDn(names, 'acme.example.com')), 'acme.example.com')).toEqual(names);
      }),
      { numRuns: 1_000 },
    );
  });

  it('finds containers of the domain only', () => {
    expect(containerLineage(parseDn('DC=ACME,DC=example,DC=com'), 'acme.example.com')).toEqual([]);
    expect(containerLineage(parseDn('OU=b,OU=a,DC=acme,DC=example,DC=com'), 'acme.example.com')).toEqual(['a', 'b']);
    expect(containerLineage(parseDn('OU=a,DC=globex,DC=example,DC=com'), 'acme.example.com')).toBeUndefined();
    expect(containerLineage(parseDn('CN=Users,DC=acme,DC=example,DC=com'), 'acme.example.com')).toBeUndefined();
    expect(containerLineage(parseDn('DC=example,DC=com'), 'acme.example.com')).toBeUndefined();
  });
});
