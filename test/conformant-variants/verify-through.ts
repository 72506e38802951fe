/** Running `verify` against the seeded mock behind the wire proxy, and what the variant tests select. */
import type { DialectId } from '../../dialects/types.ts';
import type { TargetConfig } from '../../suites/config.ts';
import type { RunReport } from '../../suites/model.ts';
import { runSuite } from '../../suites/runner.ts';
import { mockSetup } from '../../suites/test/target.ts';
import { startWireProxy, type WireVariation } from './wire-proxy.ts';

export const DIALECTS: readonly DialectId[] = ['ou-api', 'orgunit-v2', 'admanager', 'idaas'];

/**
 * Each single variation runs a subset of checks, for time (a full run of every dialect per
 * variation took minutes): the checks that reach every operation through the dialect's
 * driver, its error shapes and its list, and the post-pass checks that judge every answer
 * of the run against the contract. The full suite of each dialect runs once, in
 * conformant-full.test.ts, with all the variations at once: a check that leans on any of them fails there.
 */
export const SUBSET: Record<DialectId, readonly string[]> = {
  'ou-api': [
    'envelope.shape', 'envelope.request_id', 'errors.detail_shape', 'create.response', 'get.unknown_id', 'ignored_auth', 'tree.matches_list', 'validation.create_body',
    'not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance', 'validation_error_conformance', 'response_headers_conformance',
  ],
  'orgunit-v2': ['v2.errors.shape', 'v2.index.pagination', 'v2.index.link', 'v2.create', 'v2.delete.preview', ...sharedIds()],
  admanager: ['ad.auth.token', 'ad.errors.shape', 'ad.list.meta', 'ad.update.items', ...sharedIds()],
  idaas: ['idaas.errors.shape', 'idaas.list', 'idaas.create.answer', 'idaas.lookup', ...sharedIds()],
};

function sharedIds(): string[] {
  return ['shared.hierarchy', 'shared.use_after_free', 'shared.auth', 'shared.negative_data', 'shared.schema'];
}

/** `verify --dialect <dialect>` against the seeded mock behind `variation`. */
export async function verifyThrough(dialect: DialectId, variation: WireVariation, overrides: Partial<TargetConfig> = {}): Promise<{ report: RunReport; answered: number }> {
  const { app, config } = await mockSetup(undefined, { dialect, ...overrides });
  const { app: _inProcess, ...target } = config;
  const proxy = await startWireProxy(app.handle, variation);
  try {
    return { report: await runSuite({ ...target, baseUrl: proxy.baseUrl }), answered: proxy.answered };
  } finally {
    await proxy.close();
  }
}

/** Checks that failed, or were skipped for another reason than the dialect naming no rule for them. */
export function problems(report: RunReport): string[] {
  return report.checks.filter((c) => c.status === 'failed' || (c.status === 'skipped' && !/names no rule/.test(c.message ?? ''))).map((c) => `${c.check} ${c.status}: ${c.message}`);
}

