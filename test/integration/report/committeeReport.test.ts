/**
 * Committee reports kept per meeting, against the sandbox: the clerk saves and reopens a report
 * (ETag on every save, never a wildcard; a stale one is refused), other roles may read but not
 * write, and the command line builds the saved report (`--meeting`) into the council's template
 * (`--template`) exactly as the clerk's screen does.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { failureOf, spForUser, withSandbox } from '../../helpers/sandbox';
import { renderWordReport } from '../../../src/features/clerk/usePack';
import { rasteriseSvgInNode } from '../../../src/node/rasteriseSvg';
import { newCommitteeReport } from '../../../src/report/committeeReport';
import { getCommitteeReport, listCommitteeReports, saveCommitteeReport } from '../../../src/report/committeeReportList';
import { preparePack } from '../../../src/report/preparePack';
import { SAMPLE_TEMPLATE_PATH } from '../../../scripts/committee-report-template';
import { documentXml, readDocx } from '../../unit/report/docxXml';

jest.setTimeout(240000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const CLERK = 'clerk@northshire.example';
const COUNCILLOR = 'cllr.hale@northshire.example';
const TODAY = '2026-11-20';
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const ENV = { ...process.env, PATH: `${join(ROOT, 'node_modules', 'node', 'bin')}:${process.env.PATH}` };

describe('committee reports kept per meeting', () => {
  const fixture = withSandbox({ today: TODAY, workbench: false });
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'committee-report-test-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('saves, reopens and saves again with the ETag it read; a stale ETag is refused and the words are not lost', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, CLERK);
    const draft = { ...newCommitteeReport('2025-12-11', { from: '2025-06-01', to: '2025-11-30' }), texts: { summary: 'Last year’s summary.' } };
    const saved = await saveCommitteeReport(sp, draft);
    expect(saved.id).toBeGreaterThan(0);
    expect(saved.etag).toMatch(/^"/);
    const opened = await getCommitteeReport(sp, saved.id!);
    expect(opened).toMatchObject({ meetingDate: '2025-12-11', period: { from: '2025-06-01', to: '2025-11-30' }, texts: { summary: 'Last year’s summary.' } });
    expect(opened.sections.map((s) => s.id)).toEqual(draft.sections.map((s) => s.id));

    const again = await saveCommitteeReport(sp, { ...opened, state: 'Final' });
    expect(again.etag).not.toBe(opened.etag);
    // The first copy's ETag is now stale: SharePoint answers 412, never overwrites.
    const stale = await failureOf(saveCommitteeReport(sp, { ...opened, texts: { summary: 'Overwritten?' } }));
    expect(stale.status).toBe(412);
    await expect(saveCommitteeReport(sp, { ...opened, etag: '*' })).rejects.toThrow(/no ETag/);
    expect((await getCommitteeReport(sp, saved.id!)).texts.summary).toBe('Last year’s summary.');
    expect((await listCommitteeReports(sp)).map((r) => [r.id, r.state])).toContainEqual([saved.id, 'Final']);
  });

  it('lets a councillor read the reports but not write one', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, COUNCILLOR);
    expect((await listCommitteeReports(sp)).length).toBeGreaterThan(0);
    const refused = await failureOf(saveCommitteeReport(sp, newCommitteeReport('2026-12-10', { from: '2026-06-01', to: '2026-11-20' })));
    expect(refused.status).toBe(403);
  });

  it('builds a saved report from the command line into the council template, as the clerk’s screen does', async () => {
    const sp = spForUser(fixture.sandbox.siteUrl, CLERK);
    const report = await saveCommitteeReport(sp, {
      ...newCommitteeReport('2026-12-10', { from: '2026-06-01', to: '2026-11-20' }),
      reference: 'CFOSC/2026/12',
      texts: { recommendations: 'That the Committee notes the visits.' },
      contact: { name: 'Sam Scrutiny (demo)', jobTitle: 'Scrutiny Officer', telephone: '01632 960 123', email: 'scrutiny@northshire.example' },
    });
    const template = new Uint8Array(readFileSync(SAMPLE_TEMPLATE_PATH));
    const model = await preparePack(sp, { ...report.period, committeeDate: report.meetingDate, today: TODAY });
    const webXml = await documentXml(await renderWordReport(model, report, template, rasteriseSvgInNode));

    const out = join(work, 'report.docx');
    const cli = await run(
      TSX,
      [
        'src/cli/report.ts',
        '--site',
        fixture.sandbox.siteUrl,
        '--meeting',
        String(report.id),
        '--template',
        SAMPLE_TEMPLATE_PATH,
        '--out',
        out,
        '--user',
        CLERK,
        '--today',
        TODAY,
      ],
      { cwd: ROOT, env: ENV },
    );
    expect(cli.stdout).toMatch(/^Wrote .*report\.docx: 1 June 2026 to 20 November 2026/);
    const cliBytes = readFileSync(out);
    const cliXml = await documentXml(cliBytes);
    expect(cliXml).toBe(webXml);
    const doc = readDocx(cliXml);
    expect(doc.paragraphs).toContain('NORTHSHIRE COUNCIL');
    expect(doc.paragraphs).toContain('Reference: CFOSC/2026/12');
    expect(doc.paragraphs).toContain('That the Committee notes the visits.');
    const zip = await JSZip.loadAsync(cliBytes);
    expect(Object.keys(zip.files).some((name) => name.startsWith('word/media/'))).toBe(true);
  });

  it('refuses a template with wrong placeholders at the command line, naming them', async () => {
    const bad = join(work, 'bad.docx');
    const document = new Document({
      sections: [
        { children: ['{{committee}}', '{{report_body}}', '{{meeting_date}}', '{{agenda_item}}'].map((t) => new Paragraph({ children: [new TextRun(t)] })) },
      ],
    });
    writeFileSync(bad, new Uint8Array(await Packer.toArrayBuffer(document)));
    const refused = await run(
      TSX,
      [
        'src/cli/report.ts',
        '--site',
        fixture.sandbox.siteUrl,
        '--from',
        '2026-06-01',
        '--to',
        '2026-11-20',
        '--template',
        bad,
        '--out',
        join(work, 'x.docx'),
        '--user',
        CLERK,
      ],
      { cwd: ROOT, env: ENV },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('{{report_title}}');
    expect(refused?.stderr).toContain('{{agenda_item}}');
  });
});
