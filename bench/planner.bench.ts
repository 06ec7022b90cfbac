/**
 * The rota planner and the calendar file: how long a year's proposal takes at a few council
 * sizes, and what the planner and calendar code weigh when the web part loads them on demand
 * (esbuild, minified, gzip -9; `npm run bench -- bundle` gives the web part's own webpack figures
 * once a screen loads these modules).
 */
import { buildSync } from 'esbuild';
import * as path from 'path';
import { gzipSync } from 'zlib';
import { englandBankHolidays } from '../src/domain/bankHolidays';
import { municipalYearRange } from '../src/domain/municipalYear';
import { proposeRota } from '../src/domain/rotaPlanner';

const root = path.join(__dirname, '..');

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timePlanner(teams: number, councillors: number, runs: number): { ms: number; visits: number; problems: number } {
  const year = '2027/28';
  const range = municipalYearRange(year);
  const input = {
    municipalYear: year,
    teams: Array.from({ length: teams }, (_, i) => ({ id: i + 1, title: `Team ${String(i + 1).padStart(2, '0')}`, isActive: true })),
    councillors: Array.from({ length: councillors }, (_, i) => ({
      id: 100 + i,
      displayName: `Cllr ${String(i + 1).padStart(2, '0')}`,
      unavailable: i % 3 === 0 ? [{ from: '2027-08-01', to: '2027-08-31' }] : [],
    })),
    bankHolidays: englandBankHolidays(range.start, range.end),
    committeeDates: ['2027-07-14', '2027-11-17', '2028-03-15'],
  };
  const times: number[] = [];
  let last = proposeRota(input);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    last = proposeRota(input);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: median(times), visits: last.visits.length, problems: last.problems.length };
}

function chunkSize(label: string, source: string): void {
  const result = buildSync({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  console.log(
    `  ${label.padEnd(44)} ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1).padStart(7)} KB gzip ${(code.length / 1024).toFixed(1).padStart(8)} KB raw`,
  );
}

console.log('Rota planner, one municipal year (median of 5 runs)');
for (const [teams, councillors] of [
  [3, 9],
  [5, 4],
  [5, 12],
  [10, 30],
]) {
  const r = timePlanner(teams, councillors, 5);
  console.log(
    `  ${String(teams).padStart(2)} teams, ${String(councillors).padStart(2)} councillors: ${r.ms.toFixed(1).padStart(7)} ms  (${r.visits} visits, ${r.problems} ${r.problems === 1 ? 'problem' : 'problems'} reported)`,
  );
}

console.log('On-demand code (esbuild, minified)');
chunkSize(
  'planner + rules + England bank holidays',
  "export { proposeRota } from './src/domain/rotaPlanner'; export { englandBankHolidays } from './src/domain/bankHolidays';",
);
chunkSize('calendar file (.ics)', "export { visitCalendar } from './src/domain/visitCalendar';");
chunkSize(
  'visit states and coverage',
  "export { visitState, countVisitStates } from './src/domain/visitState'; export { quarterlyCoverage } from './src/domain/coverage';",
);
