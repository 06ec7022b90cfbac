/**
 * Sandbox benchmark (prints figures; not a test). Run: npx tsx bench/sandbox.bench.ts
 *
 * 1. 5,001 single item adds through PnPjs, one after another (each acknowledged only after its
 *    SQLite commit with synchronous=FULL) — target well under 30 s.
 * 2. One PnPjs `$batch` of 100 adds.
 * 3. A threshold-safe query (indexed first clause) on the list now over 5,000 items.
 * 4. The floor under (1): 500 store-level adds, each its own committed, fsynced transaction.
 */
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/batching';
import { VISIT_REPORTS } from '../src/data/listContract';
import { startSandbox } from '../src/sandbox/server';
import { PERSONAS, spForUser } from '../test/helpers/sandbox';

const F = VISIT_REPORTS.fields;
const SINGLE_ADDS = Number(process.env.SANDBOX_BENCH_ADDS || 5001);
const BATCH_SIZE = 100;

async function main(): Promise<void> {
  const sandbox = await startSandbox({ seed: 'empty' });
  try {
    const sp = spForUser(sandbox.siteUrl, PERSONAS.hale);
    const reports = sp.web.lists.getByTitle(VISIT_REPORTS.title);
    await reports.items.add({ [F.Title]: 'warm-up', [F.ReportStatus]: 'Draft' }); // digest, connections

    let started = performance.now();
    for (let i = 0; i < SINGLE_ADDS; i++) {
      await reports.items.add({ [F.Title]: `Bench ${i}`, [F.ReportStatus]: i % 10 === 0 ? 'Submitted' : 'Draft', [F.SafetyScale]: i % 11 });
    }
    const singleMs = performance.now() - started;

    const [batched, execute] = sp.batched({ maxRequests: BATCH_SIZE });
    const list = batched.web.lists.getByTitle(VISIT_REPORTS.title);
    started = performance.now();
    const adds = Array.from({ length: BATCH_SIZE }, (_, i) => list.items.add({ [F.Title]: `Batched ${i}`, [F.ReportStatus]: 'Draft' }));
    await execute();
    await Promise.all(adds);
    const batchMs = performance.now() - started;

    started = performance.now();
    const submitted = await spForUser(sandbox.siteUrl, PERSONAS.clerk)
      .web.lists.getByTitle(VISIT_REPORTS.title)
      .items.filter(`${F.ReportStatus} eq 'Submitted'`)
      .select('Id')
      .top(5000)();
    const queryMs = performance.now() - started;

    const store = sandbox.store;
    const reportsList = store.listByTitle(VISIT_REPORTS.title);
    const author = store.userByEmail(PERSONAS.hale);
    started = performance.now();
    for (let i = 0; i < 500; i++) {
      store.addItem(
        reportsList as NonNullable<typeof reportsList>,
        { [F.Title]: `Commit ${i}`, [F.ReportStatus]: 'Draft' },
        (author as NonNullable<typeof author>).id,
      );
    }
    const commitMs = (performance.now() - started) / 500;

    console.log(`sandbox bench (${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}, Node ${process.version})`);
    console.log(
      `  ${SINGLE_ADDS} single adds through PnPjs: ${(singleMs / 1000).toFixed(2)} s (${(singleMs / SINGLE_ADDS).toFixed(2)} ms each; target well under 30 s)`,
    );
    console.log(`  one $batch of ${BATCH_SIZE} adds: ${batchMs.toFixed(0)} ms`);
    console.log(`  store-level add (one SQLite commit, WAL + synchronous=FULL): ${commitMs.toFixed(2)} ms each — the disk's share of each add above`);
    console.log(`  indexed query on ${SINGLE_ADDS + BATCH_SIZE + 1} items (${submitted.length} matches): ${queryMs.toFixed(0)} ms`);
  } finally {
    await sandbox.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
