/**
 * A bash script that replays a (shrunk) sequence against any target: ids are captured into
 * shell variables as the replay creates its own OUs, the sequence's tag is a variable, and
 * credentials come from the environment ($OU_TOKEN, …): a token value never appears.
 */
import type { Exchange } from '../exchange.ts';
import type { Divergence, TraceStep } from './world.ts';

export interface ReplayInput {
  tenantId: string;
  otherTenantId?: string;
  otherOuId?: string;
  tag: string;
  containerId: string;
  trace: readonly TraceStep[];
  divergence: Divergence;
}

type Part = { text: string } | { variable: string };

/** Text with every known id, tenant id and tag form turned into a variable reference. */
function parts(text: string, vars: ReadonlyArray<[string, string]>): Part[] {
  let out: Part[] = [{ text }];
  for (const [value, variable] of vars) {
    if (value === '') continue;
    out = out.flatMap((p): Part[] => {
      if (!('text' in p)) return [p];
      return p.text.split(value).flatMap((piece, i): Part[] => (i === 0 ? [{ text: piece }] : [{ variable }, { text: piece }]));
    });
  }
  return out.filter((p) => !('text' in p) || p.text !== '');
}

/** In double quotes: literal text escaped, variables live. */
function dq(ps: Part[]): string {
  return `"${ps.map((p) => ('text' in p ? p.text.replace(/["\\`$]/g, (c) => `\\${c}`) : `\${${p.variable}}`)).join('')}"`;
}

/** In single quotes: literal text verbatim, variables spliced in double quotes. */
function sq(ps: Part[]): string {
  return `'${ps.map((p) => ('text' in p ? p.text.replaceAll("'", `'\\''`) : `'"\${${p.variable}}"'`)).join('')}'`;
}

/**
 * The replay script of a sequence that ended in `divergence` (its last exchange).
 *
 * @example
 * const script = replayScript({ tenantId: 'acme', tag: 'Dqk3j9001', containerId, trace, divergence });
 * // bash script.sh (with OU_BASE_URL, OU_TENANT_ID, OU_TOKEN set)
 */
export function replayScript(input: ReplayInput): string {
  const { trace, tag } = input;
  const ouVars = new Map<string, string>([[input.containerId, 'C']]);
  if (input.otherOuId !== undefined) ouVars.set(input.otherOuId, 'OTHER');
  const lines = [
    '#!/usr/bin/env bash',
    `# Replays a divergence found by ou-contract's model.differential phase (${input.divergence.rule}):`,
    ...wrapComment(input.divergence.message),
    '# Needs OU_BASE_URL, OU_TENANT_ID and OU_TOKEN (OU_OTHER_TENANT_ID / OU_OTHER_TOKEN,',
    '# OU_READONLY_TOKEN, OU_EXPIRED_TOKEN where a step uses them). Each curl prints its body and status.',
    'set -u',
    ': "${OU_BASE_URL:?}" "${OU_TENANT_ID:?}" "${OU_TOKEN:?}"',
    `T="\${OU_REPLAY_TAG:-${tag}}"`,
    `TL=$(printf %s "$T" | tr '[:upper:]' '[:lower:]')`,
    `TU=$(printf %s "$T" | tr '[:lower:]' '[:upper:]')`,
    `idof() { sed -n 's/.*"id"[[:space:]]*:[[:space:]]*"\\([^"]*\\)".*/\\1/p' | head -n 1; }`,
    'API="$OU_BASE_URL/api/v1/tenants/$OU_TENANT_ID/ous"',
    '# The replay works in a top-level container of its own.',
    `C=$(curl -sS -X POST "$API" -H "Authorization: Bearer $OU_TOKEN" -H 'Content-Type: application/json' --data-binary '{"name": "'"$T"' replay"}' | idof)`,
  ];
  if (input.otherOuId !== undefined) {
    lines.push(
      "# An OU of the other tenant, named in the steps where another tenant's id is used.",
      `OTHER=$(curl -sS -X POST "$OU_BASE_URL/api/v1/tenants/$OU_OTHER_TENANT_ID/ous" -H "Authorization: Bearer $OU_OTHER_TOKEN" -H 'Content-Type: application/json' --data-binary '{"name": "'"$T"' other"}' | idof)`,
    );
  }
  const vars = (): Array<[string, string]> => {
    const list: Array<[string, string]> = [...ouVars].map(([id, v]) => [encodeURIComponent(id), v]);
    list.push(...[...ouVars].filter(([id]) => encodeURIComponent(id) !== id).map(([id, v]): [string, string] => [id, v]));
    list.push([`/tenants/${encodeURIComponent(input.tenantId)}/`, 'TENANT_PATH']);
    if (input.otherTenantId !== undefined) list.push([`/tenants/${encodeURIComponent(input.otherTenantId)}/`, 'OTHER_TENANT_PATH']);
    list.push([tag, 'T']);
    if (tag.toLowerCase() !== tag) list.push([tag.toLowerCase(), 'TL']);
    if (tag.toUpperCase() !== tag) list.push([tag.toUpperCase(), 'TU']);
    return list.sort((a, b) => b[0].length - a[0].length);
  };
  lines.push('TENANT_PATH="/tenants/$OU_TENANT_ID/"', 'OTHER_TENANT_PATH="/tenants/${OU_OTHER_TENANT_ID:-}/"');
  let users = 0;
  const last = trace.flatMap((s) => s.exchanges).at(-1);
  trace.forEach((step, i) => {
    lines.push(`# step ${i + 1}: ${step.label.replace(/\n/g, ' ')}`);
    for (const ex of step.exchanges) {
      if (ex === last) lines.push(`# the diverging request (${input.divergence.rule}): ${input.divergence.message.replace(/\n/g, ' ').slice(0, 300)}`);
      lines.push(curlLine(ex, vars(), ouVars));
    }
    for (const user of step.users) {
      users++;
      const ou = ouVars.get(user.ouId) ?? 'C';
      lines.push(
        "# a user in that OU, through the mock's admin route (elsewhere: create it with your Users API)",
        `curl -sS -o /dev/null -X POST "$OU_BASE_URL/__mock/tenants/$OU_TENANT_ID/users" -H "Authorization: Bearer $OU_TOKEN" -H 'Content-Type: application/json' --data-binary '{"email": "replay-${users}-'"$TL"'@example.invalid", "display_name": "Replay ${users}", "ou_id": "'"\${${ou}}"'"}'`,
      );
    }
  });
  lines.push('# Clean up afterwards (top-level OUs the steps created are listed by the tag):', '# curl -sS -X DELETE "$API/$C?strategy=CASCADE" -H "Authorization: Bearer $OU_TOKEN"');
  return `${lines.join('\n')}\n`;
}

function curlLine(ex: Exchange, vars: ReadonlyArray<[string, string]>, ouVars: Map<string, string>): string {
  const args = ['curl', '-sS', '-X', ex.method, dq(parts(ex.path, vars)).replace(/^"/, '"$OU_BASE_URL')];
  // Shell forms of credentials only use quotes inside $(…), which nest in double quotes.
  if (ex.authShell !== undefined) args.push('-H', `"Authorization: ${ex.authShell}"`);
  for (const [name, value] of Object.entries(ex.requestHeaders)) args.push('-H', sq([{ text: `${name}: ${value}` }]));
  if (ex.requestBody !== undefined) args.push('--data-binary', sq(parts(ex.requestBody, vars)));
  const created = ex.operationId === 'createOu' && ex.status === 201 ? idIn(ex) : undefined;
  if (created !== undefined && !ouVars.has(created)) {
    const name = `OU${ouVars.size}`;
    ouVars.set(created, name);
    return `${name}=$(${args.join(' ')} | idof); echo "${name}=$${name}"`;
  }
  return `${args.join(' ')} -w ' -> %{http_code}\\n'`;
}

function idIn(ex: Exchange): string | undefined {
  const data = typeof ex.body === 'object' && ex.body !== null ? (ex.body as Record<string, unknown>)['data'] : undefined;
  const id = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['id'] : undefined;
  return typeof id === 'string' ? id : undefined;
}

function wrapComment(text: string): string[] {
  return text
    .replace(/\n/g, ' ')
    .slice(0, 600)
    .match(/.{1,100}/g)
    ?.map((l) => `#   ${l}`) ?? [];
}
