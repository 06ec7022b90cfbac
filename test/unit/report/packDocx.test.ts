import { buildPackModel } from '../../../src/report/packModel';
import { renderPackDocx } from '../../../src/report/packDocx';
import { outlineText, packOutline } from '../../../src/report/packOutline';
import { packCsvRows } from '../../../src/report/packCsv';
import { documentXml, readDocx } from './docxXml';
import { fixtureData, fixtureRequest, NEXT_STEPS_TEXT, RESPONSE_TEXT, WORRY_TEXT } from './packFixture';

describe('the committee pack as a Word document', () => {
  const model = buildPackModel(fixtureData(), fixtureRequest);
  let xml: string;
  let doc: ReturnType<typeof readDocx>;

  beforeAll(async () => {
    xml = await documentXml(await renderPackDocx(model));
    doc = readDocx(xml);
  });

  it('uses real Word headings for the title, sections, teams and themes', () => {
    expect(doc.headings.slice(0, 3)).toEqual([
      ['Heading1', 'Councillors’ visits to frontline children’s social care teams'],
      ['Heading2', 'Summary'],
      ['Heading2', 'Visits in the period'],
    ]);
    const h = doc.headings.map(([style, text]) => `${style} ${text}`);
    expect(h).toContain('Heading2 What staff said and the Head of Service’s response');
    expect(h).toContain('Heading3 Consultation Team (front door)');
    expect(h).toContain('Heading4 Consultation Team (front door): Staffing');
    expect(h).toContain('Heading2 Safety scale judgements');
    expect(h).toContain('Heading2 Appendix: rota for the next period');
    expect(doc.paragraphs).toContain('Children and Families Overview and Scrutiny Committee');
    expect(doc.paragraphs).toContain('Meeting date: Thursday 10 December 2026');
    expect(doc.paragraphs).toContain('Period covered: 1 April 2026 to 30 September 2026');
  });

  it('gives every table a header row', () => {
    expect(doc.tables.length).toBeGreaterThan(5);
    for (const table of doc.tables) {
      expect(table.headerRows).toHaveLength(1);
      expect(table.rows.length).toBeGreaterThan(0);
    }
  });

  it('lists the visits, with the visit not held and its reason', () => {
    const visits = doc.tables[0];
    expect(visits.headerRows[0]).toEqual(['Month', 'Date', 'Team', 'Members', 'Visit', 'Notes']);
    expect(visits.rows).toContainEqual([
      'May 2026',
      '13 May 2026',
      'Child in Need North',
      'Cllr Hale (demo), Cllr Osei (demo)',
      'Not held',
      'No replacement available at short notice',
    ]);
    expect(visits.rows).toHaveLength(6);
  });

  it('puts what staff said beside the response, keeping apostrophes, ampersands, emoji and line breaks', () => {
    const staffing = doc.tables.find((t) => t.rows.some((r) => r[1].includes('vacancies')))!;
    expect(staffing.headerRows[0]).toEqual(['Visit', 'What staff said', 'Head of Service response']);
    const [first, second] = staffing.rows;
    expect(first[0]).toBe('15 Apr 2026 (Cllr Hale (demo), Cllr Osei (demo))');
    expect(first[1]).toBe(`Worried about: ${WORRY_TEXT}\nWorking well: Morale is good.\nManagers are visible 😊\nSupervision happens monthly`);
    expect(first[2]).toBe(`${RESPONSE_TEXT}\nResponse from Head of Service (demo), 20 May 2026. Answered on time`);
    expect(second[2]).toBe('Response overdue: it was due by 17 Aug 2026.');
    // Escaped, not markup: the ampersand and angle brackets are text in the XML.
    expect(xml).toMatch(/vacancies &amp; agency cover isn(&apos;|')t stable; caseloads &gt; 20 &lt;sometimes&gt;/);
    expect(xml).toContain('😊');
    expect(xml).not.toContain('<sometimes>');
  });

  it('writes a tab as Word’s tab element, never as a tab character inside text', () => {
    const performance = doc.tables.find((t) => t.rows.some((r) => r[1].includes('Faster strategy meetings')))!;
    expect(performance.rows[0][1]).toContain(`Needs to happen: ${NEXT_STEPS_TEXT}`);
    expect(xml).toContain('<w:tab/>');
    expect(xml).not.toMatch(/<w:t(?:\s[^>]*)?>[^<]*\t[^<]*<\/w:t>/);
  });

  it('is signed as made by Frontline Visits, not by "Un-named"', async () => {
    const JSZip = (await import('jszip')).default;
    const core = await (await JSZip.loadAsync(await renderPackDocx(model))).file('docProps/core.xml')!.async('string');
    expect(core).toContain('<cp:lastModifiedBy>Frontline Visits</cp:lastModifiedBy>');
    expect(core).not.toContain('Un-named');
  });

  it('marks a response not yet received', () => {
    const rows = doc.tables.flatMap((t) => t.rows);
    expect(rows.some((r) => r[2] === 'No response yet: due by 29 Nov 2026.')).toBe(true);
  });

  it('gives the scales per visit and per team against the previous period', () => {
    const averages = doc.tables.find((t) => t.headerRows[0][0] === 'Team' && t.headerRows[0].includes('Change'))!;
    expect(averages.rows).toContainEqual(['Consultation Team (front door)', '2', '5.5', '7.0 (1 visit)', 'Down 1.5']);
    const perVisit = doc.tables.find((t) => t.headerRows[0][3] === 'Safety scale (0 to 10)')!;
    expect(perVisit.rows.map((r) => r[3])).toEqual(['6', '8', '5', '9']);
  });

  it('ends with the rota for the next period', () => {
    const appendix = doc.tables[doc.tables.length - 1];
    expect(appendix.headerRows[0]).toEqual(['Month', 'Date', 'Team', 'Members', 'Status']);
    expect(appendix.rows[0]).toEqual(['October 2026', '14 Oct 2026', 'Consultation Team (front door)', 'Cllr Hale (demo), Cllr Osei (demo)', 'Scheduled']);
  });

  it('is left-aligned and British English by default, in its styles rather than on every paragraph', async () => {
    const JSZip = (await import('jszip')).default;
    const styles = await (await JSZip.loadAsync(await renderPackDocx(model))).file('word/styles.xml')!.async('string');
    const defaults = styles.slice(styles.indexOf('<w:docDefaults>'), styles.indexOf('</w:docDefaults>'));
    expect(defaults).toContain('<w:jc w:val="left"/>');
    expect(defaults).toMatch(/<w:lang w:val="en-GB"/);
  });

  it('defines its headings as Word’s built-in headings, with outline levels, kept with what follows', async () => {
    // Without an outline level LibreOffice (and PDF bookmarks) read "Heading 1" as body text,
    // and a heading could end a page apart from the table it introduces.
    const JSZip = (await import('jszip')).default;
    const styles = await (await JSZip.loadAsync(await renderPackDocx(model))).file('word/styles.xml')!.async('string');
    for (const level of [1, 2, 3, 4]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[^>]*>([\\s\\S]*?)</w:style>`).exec(styles);
      expect(style).not.toBeNull();
      const definition = style![1];
      expect(definition).toContain(`<w:name w:val="heading ${level}"/>`);
      expect(definition).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
      expect(definition).toContain('<w:keepNext/>');
    }
  });

  it('keeps each table’s header row with its first row', () => {
    const headerRows = xml.match(/<w:tr>(?:(?!<\/w:tr>)[\s\S])*?<w:tblHeader\/>[\s\S]*?<\/w:tr>/g) || [];
    expect(headerRows).toHaveLength(doc.tables.length);
    for (const row of headerRows) {
      const paragraphs = row.match(/<w:p>[\s\S]*?<\/w:p>/g) || [];
      expect(paragraphs.length).toBeGreaterThan(0);
      paragraphs.forEach((p) => expect(p).toContain('<w:keepNext/>'));
    }
  });

  it('holds nothing that breaks a council template: left-aligned, no fonts, colours, merges or fields', () => {
    expect(xml).not.toMatch(/<w:rFonts|<w:color |<w:shd |<w:vMerge|<w:gridSpan|<w:fldChar|<w:instrText|<w:numPr|<w:hyperlink/);
    expect(xml).not.toMatch(/<w:jc w:val="(both|center|right|end)"/);
  });

  it('holds the same text as the outline the preview shows', () => {
    const fromDocx = [...doc.headings.map(([, t]) => t), ...doc.paragraphs, ...doc.tables.flatMap((t) => [...t.headerRows, ...t.rows].flat())];
    const outline = outlineText(packOutline(model));
    for (const text of fromDocx) {
      for (const line of text.split('\n')) {
        expect(outline).toContain(line);
      }
    }
  });
});

describe('a team whose only visit in the period was not held', () => {
  it('says no visit took place, rather than that its report is missing', async () => {
    const data = fixtureData();
    // Child in Need North without its held visit of 16 September: only the visit not held is left.
    data.rota = data.rota.filter((e) => e.id !== 105);
    data.reports = data.reports.filter((r) => r.rotaEntryId !== 105);
    const doc = readDocx(await documentXml(await renderPackDocx(buildPackModel(data, fixtureRequest))));
    const heading = doc.headings.findIndex(([style, text]) => style === 'Heading3' && text === 'Child in Need North');
    expect(heading).toBeGreaterThan(-1);
    expect(doc.paragraphs).toContain('No visit to this team took place in the period.');
    expect(doc.paragraphs).not.toContain('No reports have been submitted for this team in the period.');
  });

  it('still says a report is missing for a team whose visit was held', async () => {
    const doc = readDocx(await documentXml(await renderPackDocx(buildPackModel(fixtureData(), fixtureRequest))));
    expect(doc.paragraphs).toContain('No reports have been submitted for this team in the period.');
  });
});

describe('rows across a page break', () => {
  const rowsOf = (xml: string): string[] => xml.match(/<w:tr>[\s\S]*?<\/w:tr>/g) || [];

  it('keeps a short row whole on one page and lets a long one break', async () => {
    const data = fixtureData();
    const long = 'The team described in detail how caseloads have grown over the year. '.repeat(10);
    data.reports = data.reports.map((r) => (r.id === 201 ? { ...r, grid: { ...r.grid, staffingWorries: long } } : r));
    const xml = await documentXml(await renderPackDocx(buildPackModel(data, fixtureRequest)));
    const bodyRows = rowsOf(xml).filter((row) => !row.includes('<w:tblHeader/>'));
    const visitRow = bodyRows.find((row) => row.includes('No replacement available at short notice'))!;
    expect(visitRow).toContain('<w:cantSplit/>');
    const longRow = bodyRows.find((row) => row.includes('caseloads have grown'))!;
    expect(longRow).not.toContain('<w:cantSplit/>');
  });
});

describe("the committee pack puts each area's response beside its area", () => {
  const data = fixtureData();
  // Report 201 (Consultation Team, 15 Apr): the members wrote on Staffing and Performance.
  data.reports = data.reports.map((r) =>
    r.id === 201 && r.feedback
      ? {
          ...r,
          feedback: {
            ...r.feedback,
            text: 'Overall: thank you.',
            staffing: 'Staffing: two posts advertised.',
            performance: 'Performance: triage stays daily.',
          },
        }
      : r,
  );
  const model = buildPackModel(data, fixtureRequest);

  it('in Word: the Staffing table has the Staffing answer, the Performance table the Performance answer', async () => {
    const doc = readDocx(await documentXml(await renderPackDocx(model)));
    const themeTable = (said: string) => doc.tables.find((t) => t.rows.some((r) => r[0].startsWith('15 Apr 2026') && r[1].includes(said)))!;
    const staffing = themeTable('vacancies').rows.find((r) => r[0].startsWith('15 Apr 2026'))!;
    const performance = themeTable('Needs to happen').rows.find((r) => r[0].startsWith('15 Apr 2026'))!;
    // The overall response once, in the report's first area; each area's own answer beside it.
    expect(staffing[2]).toBe(
      'Staffing: two posts advertised.\nOverall response: Overall: thank you.\nResponse from Head of Service (demo), 20 May 2026. Answered on time',
    );
    expect(performance[2]).toBe('Performance: triage stays daily.\nResponse from Head of Service (demo), 20 May 2026. Answered on time');
    expect(staffing[2]).not.toContain('triage');
    expect(performance[2]).not.toContain('posts advertised');
  });

  it('in CSV: each area row carries its own answer, the overall response once; an area left unanswered says so', () => {
    const rows = packCsvRows(model).filter((r) => r.Section === 'What staff said' && r.Date === '2026-04-15');
    expect(rows.map((r) => [r.Theme, r['Head of Service response']])).toEqual([
      ['Staffing', 'Staffing: two posts advertised.\nOverall response: Overall: thank you.'],
      ['Performance', 'Performance: triage stays daily.'],
    ]);
    const partial = fixtureData();
    partial.reports = partial.reports.map((r) =>
      r.id === 201 && r.feedback ? { ...r, feedback: { ...r.feedback, text: 'Overall: thank you.', staffing: 'Posts advertised.' } } : r,
    );
    const other = packCsvRows(buildPackModel(partial, fixtureRequest)).filter((r) => r.Section === 'What staff said' && r.Date === '2026-04-15');
    expect(other.map((r) => r['Head of Service response'])).toEqual(['Posts advertised.\nOverall response: Overall: thank you.', 'No response on this area.']);
  });
});
