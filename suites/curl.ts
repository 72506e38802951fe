/** A request to replay from a shell. */
export interface CurlRequest {
  method: string;
  /** Absolute URL, query string included. */
  url: string;
  /** Headers other than Authorization. */
  headers?: Readonly<Record<string, string>>;
  /** The Authorization header as a shell expression (e.g. `Bearer $OU_TOKEN`); omitted sends none. */
  authShell?: string;
  /** The raw body sent. */
  body?: string;
  /**
   * A file holding the body (a path relative to where the curl runs): sent with
   * `--data-binary @file` instead of inline, for bodies too big for one shell argument.
   */
  bodyFile?: string;
}

/**
 * A ready curl command that replays `req`. The Authorization header is written from its
 * shell form (double-quoted so `$OU_TOKEN` expands); every other part is single-quoted.
 * Any value of `secrets` that still appears is replaced, as a last guard against leaks.
 *
 * @example
 * buildCurl({ method: 'GET', url: 'http://127.0.0.1:4010/api/v1/tenants/t/ous', authShell: 'Bearer $OU_TOKEN' });
 * // curl -sS -i -X GET 'http://127.0.0.1:4010/api/v1/tenants/t/ous' -H "Authorization: Bearer $OU_TOKEN"
 */
export function buildCurl(req: CurlRequest, secrets: ReadonlyArray<{ value: string; envVar: string }> = []): string {
  const parts = ['curl', '-sS', '-i', '-X', req.method.toUpperCase(), singleQuote(req.url)];
  if (req.authShell !== undefined) parts.push('-H', doubleQuote(`Authorization: ${req.authShell}`));
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (name.toLowerCase() === 'authorization') continue;
    parts.push('-H', singleQuote(`${name}: ${value}`));
  }
  if (req.bodyFile !== undefined) parts.push('--data-binary', singleQuote(`@${req.bodyFile}`));
  else if (req.body !== undefined) parts.push('--data-raw', singleQuote(req.body));
  let command = parts.join(' ');
  for (const { value, envVar } of secrets) {
    if (value.length > 0) command = command.split(value).join(`<${envVar}>`);
  }
  return command;
}

function singleQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** Double quotes keep `$VAR` and `$(…)` live; only `"`, `\` and backquotes outside them need escaping. */
function doubleQuote(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '$' && text[i + 1] === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    if (depth === 0 && (c === '"' || c === '\\' || c === '`')) out += '\\';
    out += c;
  }
  return `"${out}"`;
}
