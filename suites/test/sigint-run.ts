// Child process of runner.test.ts: starts a run, interrupts itself with SIGINT after the
// first check, and prints the tenant's counts before and after, and what the report says.
import { runSuite } from '../index.ts';
import { mockSetup, TENANT } from './target.ts';

const { app, config } = await mockSetup(undefined, { checks: ['delete.move_up_top_level', 'pagination.walk', 'list.search'], concurrency: 1 });
const counts = (): { ous: number; users: number } => app.directory.tenant(TENANT).counts();
const before = counts();
let signalled = false;
const report = await runSuite(config, {
  onCheckEnd: () => {
    if (!signalled) {
      signalled = true;
      process.kill(process.pid, 'SIGINT');
    }
  },
});
process.stdout.write(`${JSON.stringify({ before, after: counts(), interrupted: report.interrupted, verdict: report.verdict, checks: report.checks.map((c) => [c.check, c.status, c.message]) })}\n`);
