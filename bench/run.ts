/**
 * `npm run bench`: runs every `bench/*.bench.ts` in turn, each in its own process (so one's
 * memory and timers do not colour the next), and exits non-zero if any failed.
 * `npm run bench -- sandbox` runs only the benches whose file name contains "sandbox".
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = __dirname;
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => !only.length || only.some((word) => f.indexOf(word) !== -1))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${result.status === null ? result.signal : result.status})`);
  }
}
console.log(`\n${benches.length - failed} of ${benches.length} benches ran`);
process.exit(failed ? 1 : 0);
