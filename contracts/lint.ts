import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Document, Ruleset, Spectral } from '@stoplight/spectral-core';
import type { ISpectralDiagnostic, RulesetDefinition } from '@stoplight/spectral-core';
import { oas3_1 } from '@stoplight/spectral-formats';
import parsers from '@stoplight/spectral-parsers';
import { CONTRACT_PATH } from './index.ts';
import { ContractParseError, ContractReadError } from './lint/errors.ts';
import { createOfflineResolver } from './lint/offline-resolver.ts';
import type { LintFinding, LintResult, LintSeverity } from './lint/types.ts';
import { ouRuleset } from './ruleset.ts';

export { ContractLoadError, ContractParseError, ContractReadError } from './lint/errors.ts';
export { formatLintReport, formatLintSummary } from './lint/format.ts';
export type { LintFinding, LintResult, LintSeverity } from './lint/types.ts';

/** Spectral's DiagnosticSeverity, in order Error, Warning, Information, Hint. */
const SEVERITIES: readonly LintSeverity[] = ['error', 'warn', 'info', 'hint'];

const rulesets = new WeakMap<RulesetDefinition, Ruleset>();

/**
 * Lints an OpenAPI 3.1 file with the contract ruleset (`spectral:oas` + OWASP + our rules).
 * Never touches the network: remote `$ref`s are reported, not fetched.
 *
 * @param file path of the contract, relative to the working directory (default: contracts/ou-api.yaml)
 * @param ruleset the ruleset to apply (tests pass a one-rule ruleset)
 * @throws ContractReadError when the file cannot be read
 * @throws ContractParseError when it is not YAML/JSON, not a mapping, or not OpenAPI 3.1.x
 * @example
 * const { errors, results } = await lintContract();
 */
export async function lintContract(file: string = CONTRACT_PATH, ruleset: RulesetDefinition = ouRuleset): Promise<LintResult> {
  const started = performance.now();
  const absolute = resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new ContractReadError(`Cannot read contract ${absolute}: ${reason}`, absolute);
  }

  const document = new Document(text, parsers.Yaml, absolute);
  const syntax = document.diagnostics.find((d) => d.severity === 0);
  if (syntax) {
    throw new ContractParseError(`Cannot parse contract ${absolute} (line ${syntax.range.start.line + 1}): ${syntax.message}`, absolute);
  }
  const { data } = document;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ContractParseError(`Cannot parse contract ${absolute}: the top level is not a mapping`, absolute);
  }

  if (!oas3_1(data, null)) {
    // Rules of other formats would still run and could pass a file our own rules never saw.
    const version = (data as { openapi?: unknown }).openapi;
    throw new ContractParseError(`Cannot lint ${absolute}: not an OpenAPI 3.1 document (openapi: ${JSON.stringify(version ?? null)})`, absolute);
  }

  const spectral = new Spectral({ resolver: createOfflineResolver() });
  spectral.setRuleset(rulesetFor(ruleset));
  const diagnostics = await spectral.run(document);

  const results = diagnostics.map((d) => toFinding(d, absolute)).sort(byLocation);
  return {
    file: absolute,
    errors: results.filter((f) => f.severity === 'error').length,
    warnings: results.filter((f) => f.severity === 'warn').length,
    results,
    durationMs: performance.now() - started,
  };
}

/** Building a Ruleset validates every rule and option; do it once per definition. */
function rulesetFor(definition: RulesetDefinition): Ruleset {
  let ruleset = rulesets.get(definition);
  if (!ruleset) {
    ruleset = new Ruleset(definition, { severity: 'recommended' });
    rulesets.set(definition, ruleset);
  }
  return ruleset;
}

function toFinding(d: ISpectralDiagnostic, file: string): LintFinding {
  return {
    rule: String(d.code),
    severity: SEVERITIES[d.severity] ?? 'error',
    message: d.message,
    path: d.path.join('.'),
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    source: d.source ?? file,
  };
}

function byLocation(a: LintFinding, b: LintFinding): number {
  return a.source.localeCompare(b.source) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule);
}
