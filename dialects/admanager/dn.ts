/**
 * Distinguished names (RFC 4514) and canonical names of AD objects: how an OU's lineage and
 * its domain read as `OU=Team,OU=Dept,DC=acme,DC=example,DC=com` and
 * `acme.example.com/Dept/Team`, and how a container DN given by a client reads back.
 */

/** Characters RFC 4514 §2.4 escapes anywhere in a value. */
const SPECIAL = new Set([',', '+', '"', '\\', '<', '>', ';']);

const NEEDS_ESCAPE = /[,+"\\<>;\0]|^[ #]| $/;

/**
 * One attribute value escaped per RFC 4514 §2.4: the special characters, a leading `#` or
 * space, a trailing space, and NUL.
 *
 * @example
 * escapeDnValue('R&D, EMEA'); // 'R&D\\, EMEA'
 */
export function escapeDnValue(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\0') out += '\\00';
    else if (SPECIAL.has(ch) || (i === 0 && (ch === '#' || ch === ' ')) || (i === value.length - 1 && ch === ' ')) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/** `DC=acme,DC=example,DC=com` for `acme.example.com`. */
export function domainRootDn(dnsName: string): string {
  return dnsName
    .split('.')
    .map((label) => `DC=${escapeDnValue(label)}`)
    .join(',');
}

/** The DN of an OU from its names, top-level first. */
export function ouDn(lineage: readonly string[], dnsName: string): string {
  return lineage.reduce(dnChild, domainRootDn(dnsName));
}

/** The DN of the OU `name` inside the container whose DN is `parent`. */
export function dnChild(parent: string, name: string): string {
  return `OU=${escapeDnValue(name)},${parent}`;
}

/** The canonical name `<dns>/<top>/…/<name>`, a `/` inside a name written `\/`. */
export function canonicalName(lineage: readonly string[], dnsName: string): string {
  return lineage.reduce(canonicalChild, dnsName);
}

/** The canonical name of the OU `name` inside the container whose canonical name is `parent`. */
export function canonicalChild(parent: string, name: string): string {
  return `${parent}/${name.replaceAll('/', '\\/')}`;
}

export interface Rdn {
  /** Attribute type as written, upper-cased (`OU`, `DC`, `CN`). */
  type: string;
  value: string;
}

/** A DN that cannot be read; `position` is 1-based. */
export class DnSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
  }
}

/**
 * Reads a DN into its RDNs, leftmost first, unescaping values (`\,`, `\\`, `\2C`). Multi-valued
 * RDNs (`+`), `#` hex values and unescaped `"`, `;`, `<`, `>` are refused: no OU container has
 * them, and the checks rely on it to tell a correctly escaped DN from one that is not.
 *
 * @example
 * parseDn('OU=a\\,b,DC=x'); // [{ type: 'OU', value: 'a,b' }, { type: 'DC', value: 'x' }]
 */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  let i = 0;
  while (i <= dn.length) {
    const eq = dn.indexOf('=', i);
    if (eq === -1) throw new DnSyntaxError("expected '<type>=<value>'", i + 1);
    const type = dn.slice(i, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(type)) throw new DnSyntaxError(`bad attribute type ${JSON.stringify(type)}`, i + 1);
    const { value, end } = readValue(dn, eq + 1);
    rdns.push({ type: type.toUpperCase(), value });
    if (end >= dn.length) break;
    i = end + 1;
  }
  return rdns;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A value from `start` up to an unescaped `,` (its index) or the end. */
function readValue(dn: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start;
  while (dn[i] === ' ') i++;
  // Spaces around a value are not part of it unless escaped (`\ `): trim down to the last escape.
  let escapedUpTo = 0;
  // An unescaped leading `#` starts a hex-encoded BER value (RFC 4514 §2.4), which no OU name is.
  if (dn[i] === '#') throw new DnSyntaxError('hex-encoded (#…) values are not supported', i + 1);
  // `\XX` escapes are UTF-8 bytes: a run of them decodes together.
  let bytes: number[] = [];
  let bytesAt = 0;
  const flush = (): void => {
    if (bytes.length === 0) return;
    try {
      value += UTF8.decode(new Uint8Array(bytes));
    } catch {
      throw new DnSyntaxError('hex escapes that are not UTF-8', bytesAt + 1);
    }
    bytes = [];
    escapedUpTo = value.length;
  };
  while (i < dn.length && dn[i] !== ',') {
    const ch = dn[i] as string;
    const next = dn.slice(i + 1, i + 3);
    if (ch === '\\' && /^[0-9A-Fa-f]{2}$/.test(next)) {
      if (bytes.length === 0) bytesAt = i;
      bytes.push(parseInt(next, 16));
      i += 3;
      continue;
    }
    flush();
    if (ch === '\\') {
      if (i + 1 < dn.length) {
        value += dn[i + 1];
        i += 2;
      } else {
        throw new DnSyntaxError('a DN ends in a lone backslash', i + 1);
      }
      escapedUpTo = value.length;
      continue;
    }
    if (ch === '+') throw new DnSyntaxError('multi-valued RDNs are not supported', i + 1);
    if (ch === '"' || ch === ';' || ch === '<' || ch === '>') throw new DnSyntaxError(`unescaped ${JSON.stringify(ch)}`, i + 1);
    value += ch;
    i++;
  }
  flush();
  const trailing = value.slice(escapedUpTo).trimEnd();
  return { value: value.slice(0, escapedUpTo) + trailing, end: i };
}

/**
 * The OU names (top-level first) of a container DN in the domain `dnsName`: [] for the
 * domain root; undefined when the DN is not an OU container of that domain.
 */
export function containerLineage(rdns: readonly Rdn[], dnsName: string): string[] | undefined {
  const labels = dnsName.toLowerCase().split('.');
  const dcs = rdns.slice(rdns.length - labels.length);
  const ous = rdns.slice(0, rdns.length - labels.length);
  if (dcs.length !== labels.length || dcs.some((rdn, k) => rdn.type !== 'DC' || rdn.value.toLowerCase() !== labels[k])) return undefined;
  if (ous.some((rdn) => rdn.type !== 'OU')) return undefined;
  return ous.map((rdn) => rdn.value).reverse();
}
