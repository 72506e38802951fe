import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Check } from './check.ts';
import type { TargetConfig } from './config.ts';
import { formatFailure } from './failure-text.ts';
import { checksForDialect } from './runner.ts';
import { missingNeed, selectChecks } from './selection.ts';
import { Session } from './session.ts';

/**
 * Registers every selected check (by default those `runSuite` runs for `config.dialect`) as a
 * vitest test against `config`: one run root for the file, removed in `afterAll`. Checks whose needs are not met are skipped with the
 * reason in their title; post-pass checks come last. Imported from `ou-contract/vitest`
 * (vitest is an optional peer dependency: nothing else in the package loads it).
 *
 * @example
 * import { defineConformanceSuite } from 'ou-contract/vitest';
 * import { createMockApp } from 'ou-contract/mock';
 * const app = createMockApp();
 * defineConformanceSuite({ app: app.handle, tenantId: 'acme', token: await app.issueToken({ tenant_id: 'acme' }) });
 */
export function defineConformanceSuite(config: TargetConfig, checks: readonly Check[] = checksForDialect(config.dialect)): void {
  const selected = selectChecks(checks, config);
  const dialect = typeof config.dialect === 'object' ? config.dialect.id : (config.dialect ?? 'ou-api');
  describe(`${dialect === 'ou-api' ? 'OU API' : dialect} conformance (${config.baseUrl ?? 'in-process app'})`, () => {
    let session: Session | undefined;
    beforeAll(async () => {
      session = await Session.open(config);
      await session.setup();
    });
    afterAll(async () => {
      const problems = (await session?.cleanup()) ?? [];
      if (problems.length > 0) throw new Error(`cleanup left things behind: ${problems.join('; ')}`);
    });
    for (const check of [...selected.filter((c) => c.post !== true), ...selected.filter((c) => c.post === true)]) {
      const title = `${check.id} [${check.rules.join(' ')}] ${check.level}: ${check.title}`;
      const reason = (check.needs ?? []).map((n) => missingNeed(n, config)).find((r) => r !== undefined);
      if (reason !== undefined) {
        it.skip(`${title} (skipped: ${reason})`, () => undefined);
        continue;
      }
      it(title, async (t) => {
        if (session === undefined) throw new Error('the conformance session did not open');
        const result = await session.runCheck(check);
        if (result.status === 'skipped') t.skip(result.message);
        if (result.status === 'failed') throw new Error(formatFailure(result));
      });
    }
  });
}
