import type { RunReport } from '../suites/model.ts';

/** What a secret is replaced with in reports. */
export const REDACTED = '[redacted]';

/**
 * Shorter secrets get only their literal form redacted: the encoded forms of a few bytes
 * are short enough to occur by chance in ordinary text and would blank it out.
 */
const MIN_ENCODED_LENGTH = 8;

/**
 * Replaces every occurrence of the given secrets (tokens) anywhere in the report with
 * `[redacted]`: their literal form and the forms a target might echo them in — base64
 * and base64url (also inside a longer encoded string, e.g. `base64("Bearer " + token)`,
 * at any byte alignment) and URL encoding (percent-encoded with upper- or lower-case hex,
 * or form-encoded). The suites already show tokens as `$OU_TOKEN`; this is the last guard
 * before reports, which get attached to tickets and CI artefacts, reach the disk.
 *
 * @example
 * writeReports(redactSecrets(report, [config.token]), dir);
 */
export function redactSecrets(report: RunReport, secrets: readonly (string | undefined)[]): RunReport {
  const forms = secretForms(secrets);
  if (forms.length === 0) return report;
  return JSON.parse(redactText(JSON.stringify(report), forms)) as RunReport;
}

/**
 * Every text form of `secrets` that must not appear in a report, longest first (so a
 * form that contains another is replaced whole), each as it appears inside a JSON string.
 */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue;
    forms.add(secret);
    if (secret.length < MIN_ENCODED_LENGTH) continue;
    for (const form of encodedForms(secret)) forms.add(form);
  }
  return [...forms]
    .filter((f) => f !== '')
    .map((f) => JSON.stringify(f).slice(1, -1))
    .sort((a, b) => b.length - a.length);
}

/** `text` with every one of `forms` (from `secretForms`) replaced by `[redacted]`. */
export function redactText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = out.split(form).join(REDACTED);
  return out;
}

function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const base64 = [0, 1, 2].map((offset) => alignedBase64(bytes, offset));
  const percent = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return [
    ...base64,
    ...base64.map((b) => b.replaceAll('+', '-').replaceAll('/', '_')),
    percent,
    percent.replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase()),
    form,
    form.replace(/%[0-9A-F]{2}/g, (c) => c.toLowerCase()),
  ];
}

/**
 * The base64 characters that depend only on `bytes` when they start `offset` bytes into
 * a longer encoded string: every character whose 6 bits lie wholly within the secret.
 * (Characters at the edges mix in neighbouring bytes and differ from echo to echo.)
 */
function alignedBase64(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return encoded.slice(first, end);
}
