/**
 * The API documents the mock serves: every contract under contracts/ (the OU API's and each
 * dialect's, found by their files, `info.x-ou-dialect` naming the dialect) and the admin API's.
 * Served under `/__mock/openapi/<id>.yaml` with `servers` set to the mock's own origin, so the
 * docs page's "try it" calls reach this mock whatever its port; `/openapi.yaml` is the OU API's
 * contract as shipped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { ADMIN_API_PATH } from './admin-api.ts';

/** How a document's operations carry the mock's tokens (for the docs page's "try it"). */
export type CredentialStyle = 'bearer' | 'bare' | 'none';

export interface ApiDocument {
  /** `ou-api`, `orgunit-v2`, ..., `admin`. */
  id: string;
  title: string;
  /** Served at this path. */
  url: string;
  credential: CredentialStyle;
  file: string;
}

const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));

interface DocView {
  info?: { title?: string; 'x-ou-dialect'?: string };
  components?: { securitySchemes?: Record<string, { type?: string; in?: string; name?: string; scheme?: string }> };
}

/** `Authorization: <token>` (an apiKey scheme on that header) is bare; OAuth2 and HTTP bearer schemes send `Bearer <token>`. */
function credentialOf(doc: DocView): CredentialStyle {
  const schemes = Object.values(doc.components?.securitySchemes ?? {});
  if (schemes.some((s) => s.type === 'apiKey' && s.in === 'header' && s.name?.toLowerCase() === 'authorization')) return 'bare';
  if (schemes.some((s) => s.type === 'oauth2' || (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer'))) return 'bearer';
  return 'none';
}

let documents: ApiDocument[] | undefined;

/** The contracts, OU API first, then the other dialects by id, then the admin API. */
export function apiDocuments(): readonly ApiDocument[] {
  documents ??= [
    ...readdirSync(CONTRACTS_DIR)
      .filter((name) => name.endsWith('.yaml'))
      .map((name) => {
        const file = `${CONTRACTS_DIR}${name}`;
        const doc = parse(readFileSync(file, 'utf8')) as DocView;
        const id = doc.info?.['x-ou-dialect'] ?? 'ou-api';
        return { id, title: doc.info?.title ?? id, url: `/__mock/openapi/${id}.yaml`, credential: credentialOf(doc), file };
      })
      .sort((a, b) => Number(b.id === 'ou-api') - Number(a.id === 'ou-api') || a.id.localeCompare(b.id)),
    { id: 'admin', title: 'OU mock admin API', url: '/__mock/openapi/admin.yaml', credential: 'none', file: ADMIN_API_PATH },
  ];
  return documents;
}

/** The document as YAML with one server, `origin`; undefined for an unknown id. */
export function documentFor(id: string, origin: string): string | undefined {
  const found = apiDocuments().find((d) => d.id === id);
  if (!found) return undefined;
  const doc = parseDocument(readFileSync(found.file, 'utf8'));
  doc.set('servers', [{ url: origin, description: 'This mock' }]);
  return doc.toString();
}
