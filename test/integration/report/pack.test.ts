/**
 * The committee pack against the sandbox: the command line and the web part's export path make
 * the same pack; the reads stay correct on a list holding 20,000 reports (under the list view
 * threshold the sandbox enforces) and through throttling.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spForUser, withSandbox } from '../../helpers/sandbox';
import { londonMidnightUtc, addDays } from '../../../src/domain/calendarDate';
import { VISIT_REPORTS } from '../../../src/data/listContract';
import { loadPackData, loadTeams, visitDateFilter } from '../../../src/report/packData';
import { newCommitteeReport } from '../../../src/report/committeeReport';
import { renderWordReport } from '../../../src/features/clerk/usePack';
import { rasteriseSvgInNode } from '../../../src/node/rasteriseSvg';
import { renderPackCsv } from '../../../src/report/packCsv';
import { outlineText, packOutline } from '../../../src/report/packOutline';
import { preparePack } from '../../../src/report/preparePack';
import type { PackRequest } from '../../../src/report/packTypes';
import { documentXml, readDocx } from '../../unit/report/docxXml';

jest.setTimeout(240000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const CLERK = 'clerk@northshire.example';
const TODAY = '2026-11-20';
const V = VISIT_REPORTS.fields;

describe('the committee pack from the sandbox', () => {
  const fixture = withSandbox({ today: TODAY, workbench: false });
  let work: string;
  const request: PackRequest = { from: '2025-12-01', to: '2026-09-30', committeeDate: '2026-12-10', today: TODAY };

  beforeAll(async () => {
    const { sandbox } = fixture;
    work = mkdtempSync(join(tmpdir(), 'pack-test-'));
    const teams = await loadTeams(spForUser(sandbox.siteUrl, CLERK));
    const clerkId = sandbox.store.userByEmail(CLERK)!.id;
    // A visit not on the rota, typed with the characters that break naive exports.
    sandbox.bulkAddItems(
      VISIT_REPORTS.title,
      [
        {
          [V.Title]: 'Unscheduled visit',
          [V.Team]: teams[0].id,
          [V.VisitDate]: londonMidnightUtc('2026-07-21'),
          [V.Members]: [clerkId],
          [V.StaffingWorries]: "Staff & managers said they're stretched 😟\nTwo posts vacant <since May>",
          [V.OtherNextSteps]: '=HYPERLINK("http://evil.example","x")',
          [V.SafetyScale]: 4,
          [V.ReportStatus]: 'Submitted',
          [V.SubmittedOn]: '2026-07-25T10:00:00Z',
        },
      ],
      CLERK,
    );
  });

  afterAll(() => {
    if (work) {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('makes the same pack from the command line as from the web part’s export path', async () => {
    const { sandbox } = fixture;
    // The web part's path: the clerk screen's preparePack, then its Word (a new report for the meeting) and CSV renderers.
    const model = await preparePack(spForUser(sandbox.siteUrl, CLERK), request);
    const webXml = await documentXml(await renderWordReport(model, newCommitteeReport('2026-12-10', request), undefined, rasteriseSvgInNode));
    const webCsv = renderPackCsv(model);

    const out = join(work, 'pack.docx');
    const csv = join(work, 'pack.csv');
    const cli = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      [
        'src/cli/report.ts',
        '--site',
        sandbox.siteUrl,
        '--from',
        request.from,
        '--to',
        request.to,
        '--out',
        out,
        '--csv',
        csv,
        '--user',
        CLERK,
        '--committee-date',
        '2026-12-10',
        '--today',
        TODAY,
      ],
      { cwd: ROOT, env: { ...process.env, PATH: `${join(ROOT, 'node_modules', 'node', 'bin')}:${process.env.PATH}` } },
    );
    expect(cli.stdout).toMatch(/^Wrote .*pack\.docx and .*pack\.csv: 1 December 2025 to 30 September 2026/);
    const cliXml = await documentXml(readFileSync(out));
    expect(cliXml).toBe(webXml);
    expect(readFileSync(csv, 'utf8')).toBe(webCsv);

    // And the pack holds what the lists hold.
    const doc = readDocx(cliXml);
    const text = outlineText(packOutline(model));
    expect(doc.headings[0]).toEqual(['Heading1', 'Councillors’ visits to frontline children’s social care teams']);
    expect(doc.headings.map(([, t]) => t)).toContain('Issues and Head of Service Response');
    expect(doc.tables.every((t) => t.headerRows.length === 1)).toBe(true);
    // The themes table in section 6 and the scale chart with its alt text, the same from both paths.
    expect(model.themes && model.themes.available).toBe(true);
    expect(doc.tables.some((t) => t.headerRows[0][0] === 'Theme' && t.headerRows[0].includes('Recurring'))).toBe(true);
    expect(cliXml).toMatch(/<wp:docPr [^>]*descr="Line chart of the average safety scale/);
    expect(text).toContain('Not held');
    expect(text).toMatch(/Cancelled: special Cabinet meeting/);
    expect(text).toContain('Response overdue');
    expect(text).toContain('Thank you for the visit.');
    expect(text).toContain("Staff & managers said they're stretched 😟");
    expect(cliXml).toContain('Staff &amp; managers said they');
    expect(cliXml).toContain('&lt;since May&gt;');
    expect(webCsv).toContain('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    // Drafts stay with their authors.
    expect(model.counts.reportsSubmitted).toBeGreaterThan(0);
    expect(model.teamSummaries.flatMap((t) => t.themes.flatMap((th) => th.statements)).length).toBeGreaterThan(0);
  });

  it('tells the person at the command line what went wrong', async () => {
    const { sandbox } = fixture;
    const out = join(work, 'refused.docx');
    const env = { ...process.env, PATH: `${join(ROOT, 'node_modules', 'node', 'bin')}:${process.env.PATH}` };
    const refused = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['src/cli/report.ts', '--site', sandbox.siteUrl, '--from', '2026-04-01', '--to', '2026-09-30', '--out', out, '--user', 'nobody@northshire.example'],
      { cwd: ROOT, env },
    ).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The sandbox does not know nobody@northshire.example');
    const bad = await run(
      join(ROOT, 'node_modules', '.bin', 'tsx'),
      ['src/cli/report.ts', '--site', sandbox.siteUrl, '--from', '2026-09-30', '--to', '2026-04-01', '--out', out, '--user', CLERK],
      { cwd: ROOT, env },
    ).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('must be on or before the last day');
  });

  it('reads through throttling, honouring Retry-After', async () => {
    const { sandbox } = fixture;
    const before = await preparePack(spForUser(sandbox.siteUrl, CLERK), request);
    await fetch(`${sandbox.url}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 2, status: 429, retryAfter: 1, pathContains: 'Visit%20Reports' }),
    });
    try {
      const after = await preparePack(spForUser(sandbox.siteUrl, CLERK), request);
      expect(outlineText(packOutline(after))).toBe(outlineText(packOutline(before)));
      // Both throttled answers were served (and waited out), none is left over.
      expect(sandbox.faults.take(`/_api/web/lists/getByTitle('Visit Reports')/items`)).toBeUndefined();
    } finally {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });
});

describe('the committee pack on a list of 20,000 reports', () => {
  const fixture = withSandbox({ today: TODAY, workbench: false, seed: 'demo' });

  function reports(count: number, firstDay: string, spreadDays: number, teamId: number, authorId: number): Array<{ [field: string]: unknown }> {
    return Array.from({ length: count }, (_, i) => ({
      [V.Title]: `Load ${firstDay} ${i}`,
      [V.Team]: teamId,
      [V.VisitDate]: londonMidnightUtc(addDays(firstDay, i % spreadDays)),
      [V.Members]: [authorId],
      [V.StaffingWorries]: `Load test report ${i}`,
      [V.SafetyScale]: i % 11,
      [V.ReportStatus]: 'Submitted',
      [V.SubmittedOn]: `${addDays(firstDay, (i % spreadDays) + 3)}T10:00:00Z`,
    }));
  }

  it('reads every report of the period, paged, whichever side of the threshold the period falls', async () => {
    const { sandbox } = fixture;
    const sp = spForUser(sandbox.siteUrl, CLERK);
    const teams = await loadTeams(sp);
    const clerkId = sandbox.store.userByEmail(CLERK)!.id;
    // 13,000 old reports (2019–2023) and 7,000 in April–September 2025: the list holds 20,000+.
    sandbox.bulkAddItems(VISIT_REPORTS.title, reports(13000, '2019-01-01', 1800, teams[0].id, clerkId), CLERK);
    sandbox.bulkAddItems(VISIT_REPORTS.title, reports(7000, '2025-04-01', 183, teams[1].id, clerkId), CLERK);

    // The sandbox refuses a scan of this list, as SharePoint does: the threshold is real here.
    const scan = await fetch(
      `${sandbox.siteUrl}/_api/web/lists/getByTitle('${VISIT_REPORTS.title}')/items?$filter=${encodeURIComponent(`${V.Title} eq 'x'`)}`,
      {
        headers: { 'X-Sandbox-User': CLERK, Accept: 'application/json;odata=nometadata' },
      },
    );
    expect(scan.status).toBe(500);
    expect(await scan.text()).toContain('SPQueryThrottledException');
    // The range for April–September 2025 alone holds 7,000: over the threshold on any index side.
    const range = await fetch(
      `${sandbox.siteUrl}/_api/web/lists/getByTitle('${VISIT_REPORTS.title}')/items?$top=10&$filter=${encodeURIComponent(visitDateFilter({ from: '2025-04-01', to: '2025-09-30' }))}`,
      {
        headers: { 'X-Sandbox-User': CLERK, Accept: 'application/json;odata=nometadata' },
      },
    );
    expect(range.status).toBe(500);

    // A period whose range the index serves directly (the demo's visits since October 2025)...
    const recent = await loadPackData(sp, { from: '2025-10-01', to: '2026-03-31' });
    expect(recent.reports.length).toBeGreaterThan(0);
    expect(recent.reports.every((r) => r.visitDate! >= '2025-10-01' && r.visitDate! <= '2026-03-31')).toBe(true);
    // ...whose previous period is the busy one, read newest first past the refusal: every item, once.
    const previousIds = recent.previousReports.map((r) => r.id);
    expect(new Set(previousIds).size).toBe(previousIds.length);
    expect(recent.previousReports.filter((r) => r.teamId === teams[1].id && r.safetyScale !== undefined).length).toBeGreaterThanOrEqual(7000);
    expect(recent.previousReports.every((r) => r.visitDate! >= '2025-04-01' && r.visitDate! <= '2025-09-30')).toBe(true);

    const busy = await loadPackData(sp, { from: '2025-04-01', to: '2025-09-30' });
    const loadReports = busy.reports.filter((r) => r.title.startsWith('Load 2025-04-01'));
    expect(loadReports).toHaveLength(7000);
    expect(new Set(busy.reports.map((r) => r.id)).size).toBe(busy.reports.length);
    expect(busy.reports.every((r) => r.visitDate! >= '2025-04-01' && r.visitDate! <= '2025-09-30')).toBe(true);
  });
});
