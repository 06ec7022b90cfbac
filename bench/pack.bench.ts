/**
 * Committee pack benchmark (prints figures; not a test). Run: npx tsx bench/pack.bench.ts
 *
 * 1. Build the pack (model + Word document) for 1,000 submitted reports: target ≤ 2 s.
 * 2. With the sandbox available (src/sandbox/server.ts), read from a list of 20,000 reports through
 *    PnPjs the way the clerk's screen does (threshold-safe, paged) and build the pack: once with
 *    the reports spread over ten years, once with all of them in the period.
 *    Set PACK_BENCH_READ=0 to skip; PACK_BENCH_READ_COUNT to change 20,000.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';

import { spfi, SPBrowser } from '@pnp/sp';
import { InjectHeaders } from '@pnp/queryable';
import { addDays, londonMidnightUtc } from '../src/domain/calendarDate';
import { VISIT_REPORTS } from '../src/data/listContract';
import { loadTeams } from '../src/report/packData';
import { emptyGrid, GRID_CELL_KEYS } from '../src/domain/grid';
import { emptyFormTexts } from '../src/domain/reportFields';
import type { FrontlineTeam, Person, RotaEntry, VisitReport } from '../src/domain/types';
import { buildPackModel } from '../src/report/packModel';
import { readFileSync } from 'node:fs';
import { renderCommitteeReport } from '../src/report/agendaDocx';
import { reportWithDrafts } from '../src/report/agendaDrafts';
import { newCommitteeReport } from '../src/report/committeeReport';
import type { PackModel } from '../src/report/packTypes';
import { collectAgendaSlots } from '../src/report/agendaSlots';
import { loadPackDataWithThemes } from '../src/report/themeData';
import { rasteriseSvgInNode } from '../src/node/rasteriseSvg';
import { DEFAULT_THEMES } from '../src/domain/themes';
import { renderPackCsv } from '../src/report/packCsv';
import type { PackData, PackRequest } from '../src/report/packTypes';

const PERIOD = { from: '2026-04-01', to: '2026-09-30' };
const SENTENCE = 'Staff said caseloads are high & agency cover isn’t stable; supervision is regular and managers are visible. ';

function person(id: number): Person {
  return { id, displayName: `Demo Councillor ${id}`, email: `cllr.${id}@northshire.example` };
}

export function syntheticPackData(reportCount: number): PackData {
  const teams: FrontlineTeam[] = Array.from({ length: 6 }, (_, i) => ({ id: i + 1, title: `Demo Team ${i + 1}`, isActive: true }));
  const rota: RotaEntry[] = [];
  const reports: VisitReport[] = [];
  for (let i = 0; i < reportCount; i++) {
    const visitDate = addDays(PERIOD.from, i % 183);
    const teamId = (i % teams.length) + 1;
    rota.push({
      id: i + 1,
      title: `Visit ${i + 1}`,
      visitDate,
      teamId,
      teamTitle: teams[teamId - 1].title,
      members: [person(i % 40), person((i + 7) % 40)],
      municipalYear: '2026/27',
      status: 'Held',
    });
    const grid = emptyGrid();
    GRID_CELL_KEYS.forEach((key, k) => {
      grid[key] = (i + k) % 3 === 0 ? '' : SENTENCE.repeat(1 + ((i + k) % 3)) + `\nPoint ${k} 😊`;
    });
    const responded = i % 3 !== 0;
    reports.push({
      ...emptyFormTexts(),
      id: 10000 + i,
      title: `Report ${i}`,
      rotaEntryId: i + 1,
      teamId,
      teamTitle: teams[teamId - 1].title,
      visitDate,
      members: [person(i % 40), person((i + 7) % 40)],
      staffInvolved: 'Team manager, two social workers',
      grid,
      safetyScale: i % 11,
      status: responded ? 'Responded' : 'Submitted',
      submittedOn: `${addDays(visitDate, 10)}T10:00:00Z`,
      feedback: responded
        ? {
            text: 'Thank you. We have two permanent recruits starting & a caseload review under way.',
            by: person(99),
            on: `${addDays(visitDate, 20)}T10:00:00Z`,
          }
        : undefined,
    });
  }
  return {
    period: PERIOD,
    previousPeriod: { from: '2025-10-01', to: '2026-03-31' },
    nextPeriod: { from: '2026-10-01', to: '2027-03-31' },
    teams,
    rota,
    reports,
    previousReports: reports.map((r) => ({ ...r, id: r.id + 100000, visitDate: addDays(r.visitDate!, -183) })),
    nextRota: rota.slice(0, 30).map((e) => ({ ...e, id: e.id + 100000, visitDate: addDays(e.visitDate, 183), status: 'Scheduled' as const })),
  };
}

const REQUEST: PackRequest = { ...PERIOD, committeeDate: '2026-12-10', today: '2026-11-20' };

/** The committee report's Word file, as the clerk's download and the command line make it: themes and the scale chart in place. */
function renderPackDocx(model: PackModel, template?: Uint8Array): Promise<Uint8Array> {
  const report = reportWithDrafts(newCommitteeReport(model.title.meetingDate || '', model.title.period), model);
  return renderCommitteeReport(model, report, { template, slots: collectAgendaSlots(model), rasterise: rasteriseSvgInNode });
}

const SAMPLE_TEMPLATE = join(__dirname, '..', 'docs', 'templates', 'committee-report-template.docx');

/** The council's starting themes, none confirmed (every report's themes suggested from its words), and three earlier periods for the chart. */
function withThemes(data: PackData): PackData {
  const earlier = [0, 1, 2].flatMap((back) =>
    data.previousReports.map((r) => ({ ...r, id: r.id + back * 1000000, visitDate: addDays(r.visitDate!, -183 * back) })),
  );
  return {
    ...data,
    themes: { themes: DEFAULT_THEMES.map((t, i) => ({ id: i + 1, title: t.title, words: t.words, isActive: true })), confirmed: [], earlierReports: earlier },
  };
}

async function benchBuild(reportCount: number): Promise<void> {
  const data = withThemes(syntheticPackData(reportCount));
  // One warm-up run so the figure is not the JIT's first pass.
  await renderPackDocx(buildPackModel(data, REQUEST));
  const runs: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  let modelMs = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const model = buildPackModel(data, REQUEST);
    modelMs = performance.now() - start;
    const docx = await renderPackDocx(model);
    runs.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    bytes = docx.byteLength;
  }
  cpu.sort((a, b) => a - b);
  const template = new Uint8Array(readFileSync(SAMPLE_TEMPLATE));
  const templateStart = performance.now();
  const filled = await renderPackDocx(buildPackModel(data, REQUEST), template);
  const templateMs = performance.now() - templateStart;
  const csvStart = performance.now();
  const csv = renderPackCsv(buildPackModel(data, REQUEST));
  const csvMs = performance.now() - csvStart;
  runs.sort((a, b) => a - b);
  console.log(
    `pack build, ${reportCount} reports: model ${modelMs.toFixed(0)} ms; model + Word median ${runs[1].toFixed(0)} ms ` +
      `(min ${runs[0].toFixed(0)}, max ${runs[2].toFixed(0)}; target ≤ 2000 ms), CPU time median ${cpu[1].toFixed(0)} ms, ` +
      `load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores → .docx ${(bytes / 1024).toFixed(0)} KB; ` +
      `CSV ${csvMs.toFixed(0)} ms, ${(csv.length / 1024).toFixed(0)} KB; ` +
      `into the sample council template ${templateMs.toFixed(0)} ms → ${(filled.byteLength / 1024).toFixed(0)} KB`,
  );
}

/** Reports for the sandbox store (ids for people and lookups), `count` of them from `firstDay`. */
function storedReports(count: number, firstDay: string, spreadDays: number, teamIds: number[], memberId: number): Array<{ [field: string]: unknown }> {
  const F = VISIT_REPORTS.fields;
  return Array.from({ length: count }, (_, i) => {
    const day = addDays(firstDay, i % spreadDays);
    return {
      [F.Title]: `Bench ${i}`,
      [F.Team]: teamIds[i % teamIds.length],
      [F.VisitDate]: londonMidnightUtc(day),
      [F.Members]: [memberId],
      [F.StaffingWorries]: SENTENCE,
      [F.PerformanceWorkingWell]: SENTENCE,
      [F.SafetyScale]: i % 11,
      [F.ReportStatus]: 'Submitted',
      [F.SubmittedOn]: `${addDays(day, 7)}T10:00:00Z`,
    };
  });
}

async function benchRead(reportCount: number): Promise<void> {
  const serverPath = join(__dirname, '..', 'src', 'sandbox', 'server.ts');
  if (process.env.PACK_BENCH_READ === '0' || !existsSync(serverPath)) {
    console.log('pack read from the sandbox: skipped (no sandbox server, or PACK_BENCH_READ=0)');
    return;
  }
  const { startSandbox } = await import('../src/sandbox/server');
  const clerk = 'clerk@northshire.example';
  for (const layout of ['spread', 'packed'] as const) {
    const sandbox = await startSandbox({ today: REQUEST.today, workbench: false, seed: 'demo' });
    try {
      const sp = spfi(sandbox.siteUrl).using(SPBrowser({ baseUrl: sandbox.siteUrl }), InjectHeaders({ 'X-Sandbox-User': clerk }));
      const teamIds = (await loadTeams(sp)).map((t) => t.id);
      const memberId = sandbox.store.userByEmail(clerk)!.id;
      // spread: ten years of reports, ~1/20 of them in the period (the index serves the range);
      // packed: every report in the period, past the threshold (read newest first instead).
      const rows =
        layout === 'spread'
          ? storedReports(reportCount, '2017-01-01', 3650, teamIds, memberId)
          : storedReports(reportCount, PERIOD.from, 183, teamIds, memberId);
      sandbox.bulkAddItems(VISIT_REPORTS.title, rows, clerk);
      const start = performance.now();
      const data = await loadPackDataWithThemes(sp, REQUEST);
      const readMs = performance.now() - start;
      const model = buildPackModel(data, REQUEST);
      const modelMs = performance.now() - start - readMs;
      // A Word document of 20,000 visits is no committee's pack: past 2,000 reports only the read and model are timed.
      const word = data.reports.length <= 2000 ? await renderPackDocx(model) : undefined;
      const totalMs = performance.now() - start;
      console.log(
        `pack read, ${reportCount} reports in the list (${layout}): ${data.reports.length} in the period + ${data.previousReports.length} in the previous one ` +
          `read in ${readMs.toFixed(0)} ms, model ${modelMs.toFixed(0)} ms` +
          (word ? `, with Word ${totalMs.toFixed(0)} ms in all (.docx ${(word.byteLength / 1024).toFixed(0)} KB)` : ''),
      );
    } finally {
      await sandbox.close();
    }
  }
}

async function main(): Promise<void> {
  await benchBuild(1000);
  await benchRead(Number(process.env.PACK_BENCH_READ_COUNT || 20000));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
