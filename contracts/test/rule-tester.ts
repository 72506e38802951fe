import { Document, Spectral } from '@stoplight/spectral-core';
import type { ISpectralDiagnostic, RulesetDefinition } from '@stoplight/spectral-core';
import { oas3_1 } from '@stoplight/spectral-formats';
import parsers from '@stoplight/spectral-parsers';
import { stringify } from 'yaml';
import { CONTRACT_PATH } from '../index.ts';
import { lintContract } from '../lint.ts';
import type { LintFinding } from '../lint.ts';
import { ouCustomRules } from '../ruleset.ts';
import type { OuRuleName } from '../ruleset.ts';

/** A ruleset holding one of our rules and nothing else, as Spectral's own rule tests do. */
export function onlyRule(name: OuRuleName): RulesetDefinition {
  return { formats: [oas3_1], rules: { [name]: ouCustomRules[name] } };
}

/** A minimal valid OpenAPI 3.1 document around the given paths and components. */
export function openapi(paths: Record<string, unknown>, components: Record<string, unknown> = {}): Record<string, unknown> {
  return { openapi: '3.1.0', info: { title: 'test', version: '1' }, paths, components };
}

export interface Hit {
  code: string;
  message: string;
  path: string;
}

/**
 * Runs one rule on an in-memory document (serialised as YAML so locations are real).
 * Every diagnostic is returned, so an unexpected one (format, parser) fails a "quiet" test.
 */
export async function runRule(name: OuRuleName, doc: Record<string, unknown>): Promise<Hit[]> {
  const spectral = new Spectral();
  spectral.setRuleset(onlyRule(name));
  const results = await spectral.run(new Document(stringify(doc), parsers.Yaml, 'test.yaml'));
  return results.map(toHit);
}

/** Runs one rule on the real contract (contracts/ou-api.yaml). */
export async function runRuleOnContract(name: OuRuleName): Promise<LintFinding[]> {
  const { results } = await lintContract(CONTRACT_PATH, onlyRule(name));
  return results;
}

function toHit(r: ISpectralDiagnostic): Hit {
  return { code: String(r.code), message: r.message, path: r.path.join('.') };
}
