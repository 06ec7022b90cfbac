/**
 * The pack's themes and scale chart: counted from confirmed and suggested themes, and opened in
 * the Word document's XML as Word reads it (the theme table, the chart with its alt text and
 * its SVG and PNG parts).
 */
import JSZip from 'jszip';
import { rasteriseSvgInNode } from '../../../src/node/rasteriseSvg';
import { buildPackModel } from '../../../src/report/packModel';
import { packOutline } from '../../../src/report/packOutline';
import { renderPackDocx } from '../../../src/report/packDocx';
import { scaleChart } from '../../../src/report/scaleChart';
import { buildScaleHistory, scaleHistoryPeriods } from '../../../src/report/scaleHistory';
import { SCALE_HISTORY_HEADING, THEMES_HEADING } from '../../../src/report/themeTable';
import { documentXml, readDocx } from './docxXml';
import { dataWithThemes, fixtureRequest } from './packFixture';

describe('the pack’s themes across visits', () => {
  const model = buildPackModel(dataWithThemes(), fixtureRequest);

  it('counts confirmed themes, and suggested ones until confirmed, per team and against the previous period', () => {
    const rows = model.themes!.counts.rows.map((r) => [r.theme, r.count, r.previous, r.recurring]);
    expect(rows).toEqual([
      // Report 201 (front door) says "caseloads > 20"; report 204's suggestion was changed to caseloads.
      ['Caseloads and complexity', 2, 0, false],
      // "police" (201) and "schools" (203).
      ['Partner agencies', 2, 0, false],
      // "vacancies & agency cover" this period (201), "vacancies covered by agency staff" before it (301).
      ['Recruitment and retention', 1, 1, true],
      ['Agency staff', 1, 1, true],
      ['Management and supervision', 1, 0, false],
      ['Multi-agency working', 1, 0, false],
      ['Courts', 0, 1, false],
    ]);
    const recruitment = model.themes!.counts.rows[2];
    // Teams in the pack's order: Child in Need North (a visit not held), Child Protection South, the front door.
    expect(recruitment.perTeam.map((t) => [t.teamId, t.count, t.previous, t.recurring])).toEqual([
      [2, 0, 0, false],
      [3, 0, 0, false],
      [1, 1, 1, true],
    ]);
    // 201, 203 and 206 this period and 301, 302 before it have no confirmed themes yet.
    expect(model.themes!.counts).toMatchObject({ reportCount: 4, unconfirmedCount: 3, previousReportCount: 2, previousUnconfirmedCount: 2 });
  });

  it('averages each team’s scale over the four periods, leaving drafts out', () => {
    expect(model.scaleHistory!.periods.map((p) => p.label)).toEqual([
      'Oct 2024 to Mar 2025',
      'Apr 2025 to Sep 2025',
      'Oct 2025 to Mar 2026',
      'Apr 2026 to Sep 2026',
    ]);
    expect(model.scaleHistory!.teams.map((t) => [t.team, t.points.map((p) => p.text)])).toEqual([
      ['Child in Need North', ['No scale', 'No scale', 'No scale', 'No scale']],
      ['Child Protection South', ['6.0', 'No scale', '8.0', '8.5']],
      ['Consultation Team (front door)', ['5.0', '4.0', '7.0', '5.5']],
    ]);
  });

  describe('in the Word document', () => {
    let xml: string;
    let zip: JSZip;
    beforeAll(async () => {
      const bytes = await renderPackDocx(model, rasteriseSvgInNode);
      xml = await documentXml(bytes);
      zip = await JSZip.loadAsync(bytes);
    });

    it('has the theme table under its heading, with a column per team, the previous period and recurring themes flagged', () => {
      const doc = readDocx(xml);
      expect(doc.headings.map((h) => h[1])).toContain(THEMES_HEADING);
      const table = doc.tables.find((t) => t.headerRows[0] && t.headerRows[0][0] === 'Theme')!;
      expect(table.headerRows[0]).toEqual([
        'Theme',
        'Child in Need North',
        'Child Protection South',
        'Consultation Team (front door)',
        'All teams',
        'Previous period',
        'Recurring',
      ]);
      expect(table.rows).toContainEqual(['Recruitment and retention', '0', '0', '1 (recurring)', '1', '1', 'Yes']);
      expect(table.rows).toContainEqual(['Courts', '0', '0', '0', '0', '1', 'No']);
      expect(doc.paragraphs.some((p) => /5 reports are counted under the themes suggested by their words/.test(p))).toBe(true);
    });

    it('holds the chart as an SVG picture with a PNG copy, its title and alt text, and the numbers in a table after it', async () => {
      const drawing = /<w:drawing>[\s\S]*?<\/w:drawing>/.exec(xml)![0];
      const docPr = /<wp:docPr ([^>]*)\/?>/.exec(drawing)![1];
      expect(docPr).toContain('title="Average safety scale for each team, Oct 2024 to Mar 2025 to Apr 2026 to Sep 2026"');
      expect(docPr).toMatch(
        /descr="Line chart of the average safety scale \(0 ineffective, 10 very effective\)[^"]*Consultation Team \(front door\): 5\.0 in Oct 2024 to Mar 2025, 5\.5 in Apr 2026 to Sep 2026\./,
      );
      // Word 2016 and later draw the SVG (asvg:svgBlip); older readers the PNG (a:blip).
      expect(drawing).toMatch(/<a:blip r:embed="[^"]+"/);
      expect(drawing).toMatch(/<asvg:svgBlip [^>]*r:embed="[^"]+"/);
      const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
      const png = await zip.file(media.find((m) => m.endsWith('.png'))!)!.async('uint8array');
      expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const svg = await zip.file(media.find((m) => m.endsWith('.svg'))!)!.async('string');
      expect(svg).toContain('Child Protection South');
      const doc = readDocx(xml);
      expect(doc.headings.map((h) => h[1])).toContain(SCALE_HISTORY_HEADING);
      const numbers = doc.tables.find((t) => t.headerRows[0] && t.headerRows[0][1] === 'Oct 2024 to Mar 2025')!;
      expect(numbers.rows).toEqual([
        ['Child in Need North', 'No scale', 'No scale', 'No scale', 'No scale'],
        ['Child Protection South', '6.0 (1 visit)', 'No scale', '8.0 (1 visit)', '8.5 (2 visits)'],
        ['Consultation Team (front door)', '5.0 (1 visit)', '4.0 (1 visit)', '7.0 (1 visit)', '5.5 (2 visits)'],
      ]);
    });

    it('puts the chart’s alt text in its place when no PNG copy can be made', async () => {
      const plain = await documentXml(await renderPackDocx(model));
      expect(plain).not.toContain('<w:drawing>');
      expect(readDocx(plain).paragraphs.some((p) => p.startsWith('Chart: Average safety scale for each team'))).toBe(true);
    });
  });

  it('shows the same outline on screen, chart included', () => {
    const figures = packOutline(model).filter((b) => b.kind === 'figure');
    expect(figures).toHaveLength(1);
  });

  it('says how to add themes on a site provisioned before them', () => {
    const data = dataWithThemes();
    const old = buildPackModel({ ...data, themes: { ...data.themes!, themes: undefined } }, fixtureRequest);
    const text = packOutline(old)
      .filter((b) => b.kind === 'paragraph')
      .map((b) => (b.kind === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));
    expect(text).toContain('Themes are not set up on this site yet. Ask IT to run the provisioning command, which adds the themes lists.');
  });
});

describe('the scale chart', () => {
  const history = buildScaleHistory({ from: '2026-04-01', to: '2026-09-30' }, [{ teamId: 1, team: 'Children & Families <North> "A"' }], [], []);

  it('writes a team’s name as text, never as markup', () => {
    const chart = scaleChart(history);
    expect(chart.svg).toContain('Children &amp; Families &lt;North&gt; &quot;A&quot;');
    expect(chart.svg).not.toContain('<North>');
    expect(chart.altText).toContain('Children & Families <North> "A": no scale given in any of these periods.');
  });

  it('goes back three periods of the same length, by months or by days', () => {
    expect(scaleHistoryPeriods({ from: '2026-04-01', to: '2026-09-30' }).map((p) => p.from)).toEqual(['2024-10-01', '2025-04-01', '2025-10-01', '2026-04-01']);
    expect(scaleHistoryPeriods({ from: '2026-04-15', to: '2026-04-24' }).map((p) => p.label)).toEqual([
      '16 Mar 2026 to 25 Mar 2026',
      '26 Mar 2026 to 4 Apr 2026',
      '5 Apr 2026 to 14 Apr 2026',
      '15 Apr 2026 to 24 Apr 2026',
    ]);
  });
});
