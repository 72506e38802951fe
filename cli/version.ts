import { readFileSync } from 'node:fs';

/** package.json is one folder up from cli/ in the sources and two up from dist/cli/ in the package. */
const CANDIDATES = ['../package.json', '../../package.json'];

/** The version in ou-contract's own package.json, for `--version`. */
export function packageVersion(): string {
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = readFileSync(new URL(candidate, import.meta.url), 'utf8');
    } catch {
      continue;
    }
    const pkg = JSON.parse(text) as { name?: string; version?: string };
    if (pkg.name === 'ou-contract' && pkg.version !== undefined) return pkg.version;
  }
  throw new Error(`ou-contract's package.json not found next to ${import.meta.url}`);
}
