// Child process of runner.test.ts: starts a run, interrupts itself with SIGINT after the
// first check, and prints the tenant's counts before and at exit.
import { runSuite } from '../index.ts';
import { mockSetup, TENANT } from './target.ts';

const { app, config } = await mockSetup(undefined, { checks: ['delete.move_up_top_level', 'pagination.walk', 'list.search'], concurrency: 1 });
const counts = (): { ous: number; users: number } => app.directory.tenant(TENANT).counts();
const before = counts();
let interrupted = false;
process.on('exit', () => {
  process.stdout.write(`${JSON.stringify({ before, after: counts(), interrupted })}\n`);
});
await runSuite(config, {
  onCheckEnd: () => {
    if (!interrupted) {
      interrupted = true;
      process.kill(process.pid, 'SIGINT');
    }
  },
});
process.stdout.write('the run was not interrupted\n');
