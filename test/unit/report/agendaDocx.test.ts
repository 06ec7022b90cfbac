/**
 * The committee report as the council's agenda item, read back from the .docx XML: numbered
 * sections in the configured order, a header and a PAGE field in the footer, the contact block,
 * Appendix 2 with each area's response beside it, and the council template filled or refused.
 */
import * as fs from 'node:fs';
import JSZip from 'jszip';
import {
  agendaDocument,
  checkTemplate,
  fillCouncilTemplate,
  renderAgendaDocx,
  renderCommitteeReport,
  TemplateError,
  TEMPLATE_PLACEHOLDERS,
} from '../../../src/report/agendaDocx';
import { collectAgendaSlots } from '../../../src/report/agendaSlots';
import { rasteriseSvgInNode } from '../../../src/node/rasteriseSvg';
import { scaleChart } from '../../../src/report/scaleChart';
import { SCALE_HISTORY_HEADING, THEMES_HEADING } from '../../../src/report/themeTable';
import { draftTexts } from '../../../src/report/agendaDrafts';
import { agendaOutline } from '../../../src/report/agendaOutline';
import { AGENDA_SECTIONS } from '../../../src/report/agendaSections';
import { CommitteeReport, newCommitteeReport, withDraftTexts } from '../../../src/report/committeeReport';
import { buildPackModel } from '../../../src/report/packModel';
import { outlineText } from '../../../src/report/packOutline';
import { SAMPLE_TEMPLATE_PATH, sampleTemplateDocument } from '../../../scripts/committee-report-template';
import { Packer, Paragraph, TextRun, Document } from 'docx';
import { documentXml, readDocx } from './docxXml';
import { dataWithThemes, fixtureData, fixtureRequest, RESPONSE_TEXT } from './packFixture';

const model = buildPackModel(fixtureData(), fixtureRequest);

/** Each drawing's [title, alt text] as Word reads them (the attribute values, entities decoded). */
function drawings(xml: string): Array<[string, string]> {
  const decode = (value: string): string =>
    value.replace(/&(apos|quot|lt|gt|amp);/g, (_, name: string) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[name]!);
  const attribute = (element: string, name: string): string => decode((element.match(new RegExp(` ${name}="([^"]*)"`)) || ['', ''])[1]);
  return (xml.match(/<wp:docPr [^>]*>/g) || []).map((element) => [attribute(element, 'title'), attribute(element, 'descr')]);
}

function report(changes: Partial<CommitteeReport> = {}): CommitteeReport {
  const base = newCommitteeReport('2026-12-10', model.title.period);
  return withDraftTexts(
    {
      ...base,
      reference: 'CFOSC/2026/12',
      contact: { name: 'Sam Scrutiny (demo)', jobTitle: 'Scrutiny Officer', telephone: '01632 960 123', email: 'scrutiny@northshire.example' },
      ...changes,
    },
    draftTexts(model),
  );
}

async function part(bytes: Uint8Array, pattern: RegExp): Promise<string[]> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((name) => pattern.test(name));
  return Promise.all(names.map((name) => zip.file(name)!.async('string')));
}

/** The text of an XML part, runs joined. */
const textOf = (xml: string): string => (xml.match(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g) || []).map((t) => t.replace(/<[^>]+>/g, '')).join('');

/** [text, numbered] of every Heading2 paragraph, in order. */
function sectionHeadings(xml: string): Array<[string, boolean]> {
  const paragraphs = xml.match(/<w:p>[\s\S]*?<\/w:p>|<w:p\s[^>]*>[\s\S]*?<\/w:p>/g) || [];
  return paragraphs
    .filter((p) => p.includes('<w:pStyle w:val="Heading2"/>'))
    .map((p) => [(p.match(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g) || []).map((t) => t.replace(/<[^>]+>/g, '')).join(''), p.includes('<w:numPr>')]);
}

describe('the committee report in the built-in layout', () => {
  let bytes: Uint8Array;
  let xml: string;
  beforeAll(async () => {
    bytes = await renderAgendaDocx(model, report());
    xml = await documentXml(bytes);
  });

  it('has the council’s sections as Word headings, 1 to 6 numbered by Word’s numbering, then the appendices', () => {
    expect(sectionHeadings(xml)).toEqual([
      ['Report Summary', true],
      ['Recommendations', true],
      ['Reasons for Recommendations', true],
      ['Other Options Considered', true],
      ['Background', true],
      ['Issues and Head of Service Response', true],
      ['Implications', false],
      ['Ward Members Affected', false],
      ['Consultation', false],
      ['Access to Information', false],
      ['Contact Information', false],
      ['Appendix 1: Rota for future visits', false],
      ['Appendix 2: Summary of issues by team', false],
    ]);
    // Sections are level 0 of one list ("1"), their paragraphs level 1 ("1.1").
    expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/><w:numPr><w:ilvl w:val="0"\/>/);
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="1"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
  });

  it('defines the numbering as 1 and 1.1', async () => {
    const [numbering] = await part(bytes, /^word\/numbering\.xml$/);
    expect(numbering).toContain('<w:lvlText w:val="%1"/>');
    expect(numbering).toContain('<w:lvlText w:val="%1.%2"/>');
  });

  it('follows the configured order: a council that moves and renames sections gets its order', async () => {
    const sections = [
      AGENDA_SECTIONS[1],
      { ...AGENDA_SECTIONS[0], heading: 'Purpose of the Report' },
      ...AGENDA_SECTIONS.slice(2, 6),
      { id: 'proposals', heading: 'Proposals', numbered: true },
    ];
    const custom = await documentXml(await renderAgendaDocx(model, report({ sections, texts: { proposals: 'That visits continue quarterly.' } })));
    expect(sectionHeadings(custom).slice(0, 7)).toEqual([
      ['Recommendations', true],
      ['Purpose of the Report', true],
      ['Reasons for Recommendations', true],
      ['Other Options Considered', true],
      ['Background', true],
      ['Issues and Head of Service Response', true],
      ['Proposals', true],
    ]);
    expect(outlineText(agendaOutline(model, report({ sections, texts: { proposals: 'That visits continue quarterly.' } })))).toContain(
      '7.1 That visits continue quarterly.',
    );
  });

  it('has a header with the committee, meeting date and title, and a footer with PAGE and NUMPAGES fields', async () => {
    const headers = await part(bytes, /^word\/header\d*\.xml$/);
    const header = headers.join('');
    expect(header).toContain(
      'Children and Families Overview and Scrutiny Committee · Thursday 10 December 2026 · Councillors’ visits to frontline children’s social care teams',
    );
    const footer = (await part(bytes, /^word\/footer\d*\.xml$/)).join('');
    expect(footer).toMatch(/<w:fldChar w:fldCharType="begin"\/>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
  });

  it('opens with the title block and ends Contact Information with the contact block', () => {
    const doc = readDocx(xml);
    expect(doc.headings[0]).toEqual(['Heading1', 'Councillors’ visits to frontline children’s social care teams']);
    expect(doc.paragraphs).toContain('Report reference: CFOSC/2026/12');
    expect(doc.paragraphs).toContain('Report author: Sam Scrutiny (demo), Scrutiny Officer');
    const contactAt = doc.paragraphs.indexOf('For more information on this report, contact:');
    expect(doc.paragraphs.slice(contactAt + 1, contactAt + 5)).toEqual([
      'Sam Scrutiny (demo)',
      'Scrutiny Officer',
      'Telephone: 01632 960 123',
      'Email: scrutiny@northshire.example',
    ]);
  });

  it('starts the written sections from the data', () => {
    const doc = readDocx(xml);
    expect(doc.paragraphs).toContain(
      'Members made 5 visits to frontline teams from 1 April 2026 to 30 September 2026; 1 of the 6 visits on the rota did not take place. Members submitted 4 reports; the Head of Service has responded to 2 and 2 responses are still to come (1 overdue).',
    );
  });

  it('shows the visits held and not held with the reason, and the quarters with no visit held', () => {
    const doc = readDocx(xml);
    expect(doc.tables[0].headerRows[0]).toEqual(['Month', 'Date', 'Team', 'Members', 'Visit', 'Notes']);
    expect(doc.tables[0].rows.some((r) => r[4] === 'Not held' && r[5] === 'No replacement available at short notice')).toBe(true);
    expect(doc.paragraphs).toContain('No visit to Child in Need North was held in April–June 2026.');
  });

  it('has Appendix 2: per team, each area with what staff said beside that area’s response', () => {
    const doc = readDocx(xml);
    const appendix = doc.tables.filter((t) => t.headerRows[0].join('|') === 'Area|Visit|What staff said|Head of Service response');
    // Two teams have submitted reports; the third says none has been submitted yet.
    expect(appendix.length).toBe(2);
    expect(doc.paragraphs).toContain('No reports have been submitted for this team in the period.');
    const consultation = appendix.find((t) => t.rows.some((r) => r[1].startsWith('15 Apr 2026')))!.rows;
    const staffing = consultation.find((r) => r[0] === 'Staffing' && r[1].startsWith('15 Apr 2026'))!;
    expect(staffing[2]).toContain('Worried about: Two social worker vacancies');
    expect(staffing[3]).toContain(RESPONSE_TEXT.split('\n')[0]);
    expect(consultation.map((r) => r[0])).toEqual(expect.arrayContaining(['Staffing', 'Performance', 'Other']));
    // The appendix follows its heading, on a new page.
    const appendixHeading = xml.indexOf('Appendix 2: Summary of issues by team');
    expect(xml.lastIndexOf('<w:pageBreakBefore/>', appendixHeading)).toBeGreaterThan(xml.lastIndexOf('Appendix 1: Rota for future visits', appendixHeading));
  });

  it('holds the theme table in section 6 and the scale chart with its alt text and numbers in Background', async () => {
    const themed = buildPackModel(dataWithThemes(), fixtureRequest);
    const bytes = await renderCommitteeReport(themed, report(), { slots: collectAgendaSlots(themed), rasterise: rasteriseSvgInNode });
    const xml = await documentXml(bytes);
    const at = (text: string): number => xml.indexOf(`>${text}<`);
    const background = at('Background');
    const issues = at('Issues and Head of Service Response');
    const implications = at('Implications');
    expect(background).toBeGreaterThan(0);
    expect(issues).toBeGreaterThan(background);
    expect(implications).toBeGreaterThan(issues);

    // The themes: counts this period for each team and in all, the previous period, recurring flagged.
    const doc = readDocx(xml);
    const themeTable = doc.tables.find((t) => t.headerRows[0][0] === 'Theme')!;
    expect(themeTable.headerRows[0]).toEqual([
      'Theme',
      'Child in Need North',
      'Child Protection South',
      'Consultation Team (front door)',
      'All teams',
      'Previous period',
      'Recurring',
    ]);
    expect(themeTable.rows).toContainEqual(['Recruitment and retention', '0', '0', '1 (recurring)', '1', '1', 'Yes']);
    expect(themeTable.rows).toContainEqual(['Caseloads and complexity', '0', '0', '2', '2', '0', 'No']);
    const themeHeading = at(THEMES_HEADING);
    expect(themeHeading).toBeGreaterThan(issues);
    expect(themeHeading).toBeLessThan(implications);

    // The chart: a picture whose alt text says what it shows, then its numbers in a table, under Background.
    const chart = scaleChart(themed.scaleHistory!);
    const drawing = xml.search(/<wp:docPr [^>]*descr="/);
    expect(drawing).toBeGreaterThan(background);
    expect(drawing).toBeLessThan(issues);
    expect(drawings(xml)).toEqual([[chart.title, chart.altText]]);
    expect(chart.altText).toMatch(/^Line chart of the average safety scale .* The table beside the chart gives every value\.$/);
    expect(doc.tables.some((t) => t.headerRows[0][0] === 'Team' && t.headerRows[0].length === 5)).toBe(true);
    expect(at(SCALE_HISTORY_HEADING)).toBeGreaterThan(background);
    expect(at(SCALE_HISTORY_HEADING)).toBeLessThan(issues);
    const media = Object.keys((await JSZip.loadAsync(bytes)).files).filter((name) => name.startsWith('word/media/'));
    expect(media.some((name) => name.endsWith('.png'))).toBe(true);
    expect(media.some((name) => name.endsWith('.svg'))).toBe(true);
  });

  it('fills the council template with the same theme table and chart', async () => {
    const themed = buildPackModel(dataWithThemes(), fixtureRequest);
    const template = new Uint8Array(fs.readFileSync(SAMPLE_TEMPLATE_PATH));
    const filled = await renderCommitteeReport(themed, report(), { template, slots: collectAgendaSlots(themed), rasterise: rasteriseSvgInNode });
    const xml = await documentXml(filled);
    expect(readDocx(xml).tables.some((t) => t.headerRows[0][0] === 'Theme' && t.headerRows[0].includes('Recurring'))).toBe(true);
    const chart = scaleChart(themed.scaleHistory!);
    expect(drawings(xml)).toEqual([[chart.title, chart.altText]]);
    const media = Object.keys((await JSZip.loadAsync(filled)).files).filter((name) => name.startsWith('word/media/'));
    expect(media.some((name) => name.endsWith('.png'))).toBe(true);
  });

  it('leaves the slots empty, and says nothing of themes, when the site has no themes data or scales', () => {
    expect(collectAgendaSlots(model).themes).toBeUndefined();
    const text = outlineText(agendaOutline(model, report(), collectAgendaSlots(model)));
    expect(text).not.toContain(THEMES_HEADING);
  });

  it('says a period reaching past today shows later visits as planned, never missing', () => {
    const data = fixtureData();
    data.rota.push({ ...data.rota[0], id: 199, visitDate: '2026-09-29', status: 'Scheduled' });
    const future = buildPackModel(data, { ...fixtureRequest, today: '2026-09-20' });
    const text = outlineText(agendaOutline(future, report()));
    expect(text).toContain(
      'This report was prepared on 20 September 2026. Visits from that day to the end of the period are shown as planned: they are not missing.',
    );
    expect(text).toMatch(/\| September 2026 \| 29 Sep 2026 \| Consultation Team \(front door\) \| [^|]+ \| Planned \|/);
    expect(future.counts.visitsPlanned).toBe(1);
  });

  it('marks a draft in the header and not a final report', async () => {
    const finalBytes = await Packer.toArrayBuffer(agendaDocument(model, report({ state: 'Final' })));
    expect((await part(new Uint8Array(finalBytes), /^word\/header\d*\.xml$/)).join('')).not.toContain('DRAFT');
    expect((await part(bytes, /^word\/header\d*\.xml$/)).join('')).toContain('DRAFT');
  });
});

describe('the council’s own template', () => {
  it('is shipped as the sample the script makes', async () => {
    const shipped = await documentXml(new Uint8Array(fs.readFileSync(SAMPLE_TEMPLATE_PATH)));
    const made = await documentXml(new Uint8Array(await Packer.toArrayBuffer(sampleTemplateDocument())));
    expect(shipped).toBe(made);
  });

  it('fills every placeholder of the sample, keeping its logo, header and footer', async () => {
    const template = new Uint8Array(fs.readFileSync(SAMPLE_TEMPLATE_PATH));
    const templateXml = [await documentXml(template), ...(await part(template, /^word\/(header|footer)\d*\.xml$/))].join('');
    for (const name of Object.keys(TEMPLATE_PLACEHOLDERS)) {
      expect(templateXml).toContain(`{{${name}}}`);
    }
    const filled = await fillCouncilTemplate(template, model, report());
    const all = [await documentXml(filled), ...(await part(filled, /^word\/(header|footer)\d*\.xml$/))].join('');
    expect(all).not.toContain('{{');
    const doc = readDocx(await documentXml(filled));
    expect(doc.paragraphs).toContain('NORTHSHIRE COUNCIL');
    expect(doc.paragraphs).toContain('Reference: CFOSC/2026/12');
    expect(doc.paragraphs).toContain('Email: scrutiny@northshire.example');
    expect(doc.headings).toContainEqual(['Heading1', 'Councillors’ visits to frontline children’s social care teams']);
    expect(sectionHeadings(await documentXml(filled)).slice(0, 2)).toEqual([
      ['Report Summary', true],
      ['Recommendations', true],
    ]);
    const header = (await part(filled, /^word\/header\d*\.xml$/)).join('');
    expect(textOf(header)).toContain('Northshire Council · Children and Families Overview and Scrutiny Committee · Thursday 10 December 2026');
    expect(header).toContain('descr="Northshire Council logo"');
    expect((await part(filled, /^word\/media\//)).length).toBeGreaterThan(0);
    expect((await part(filled, /^word\/footer\d*\.xml$/)).join('')).toContain('OFFICIAL');
    const [numbering] = await part(filled, /^word\/numbering\.xml$/);
    expect(numbering).toContain('<w:lvlText w:val="%1.%2"/>');
    const [styles] = await part(filled, /^word\/styles\.xml$/);
    expect(styles).toContain('0B5D3B');
  });

  it('refuses a template with a placeholder missing and one it does not know, naming both', async () => {
    const bad = new Uint8Array(
      await Packer.toArrayBuffer(
        new Document({
          sections: [
            {
              children: ['{{committee}}', '{{meeting_date}}', '{{report_body}}', 'Ward: {{ward_name}}'].map(
                (text) => new Paragraph({ children: [new TextRun(text)] }),
              ),
            },
          ],
        }),
      ),
    );
    const refusal = await checkTemplate(bad).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(TemplateError);
    expect((refusal as TemplateError).missing).toEqual(['report_title']);
    expect((refusal as TemplateError).unknown).toEqual(['ward_name']);
    expect((refusal as TemplateError).message).toContain('it has no {{report_title}}');
    expect((refusal as TemplateError).message).toContain('it has {{ward_name}}, which the pack does not know');
    await expect(fillCouncilTemplate(bad, model, report())).rejects.toThrow(TemplateError);
  });

  it('refuses a file that is not a Word document with a message saying what to do', async () => {
    await expect(checkTemplate(new TextEncoder().encode('not a docx'))).rejects.toThrow('Save it from Word as a .docx file');
  });
});
