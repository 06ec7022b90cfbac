/**
 * The committee report as a Word document: the built-in layout (Word numbering for the sections
 * and their paragraphs, a header with the committee, meeting date and title, "Page n of m" in the
 * footer), or the council's own template filled through its named placeholders. Loaded only
 * when the clerk asks for the document (webpack chunk 'committee-pack').
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  INumberingOptions,
  LevelFormat,
  Packer,
  Paragraph,
  PageNumber,
  patchDetector,
  patchDocument,
  PatchType,
  TextRun,
} from 'docx';
import { agendaBody, agendaHeaderText, agendaOutline } from './agendaOutline';
import type { AgendaSlots } from './agendaSlots';
import type { CommitteeReport } from './committeeReport';
import type { RasteriseSvg } from './scaleChart';
import { rasteriseCharts } from './scaleChartDocx';
import { headingStyle, OutlineNumbering, toDocx } from './packDocx';
import { cleanText } from './packText';
import type { PackModel } from './packTypes';

/** The numbering list the sections (level 0: "1") and their paragraphs (level 1: "1.1") share. */
export const AGENDA_NUMBERING: OutlineNumbering = { reference: 'committee-report-sections' };

const NUMBERING: INumberingOptions = {
  config: [
    {
      reference: AGENDA_NUMBERING.reference,
      levels: [
        {
          level: 0,
          format: LevelFormat.DECIMAL,
          text: '%1',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 720, hanging: 720 } } },
        },
        {
          level: 1,
          format: LevelFormat.DECIMAL,
          text: '%1.%2',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 720, hanging: 720 } } },
        },
      ],
    },
  ],
};

function properties(model: PackModel, report: CommitteeReport) {
  const title = cleanText(report.reportTitle) || model.title.reportTitle;
  return {
    title: `${title}: ${model.title.meetingDateText}`,
    subject: cleanText(report.committee) || model.title.committee,
    creator: 'Frontline Visits',
    lastModifiedBy: 'Frontline Visits',
    description: `Committee report for ${cleanText(report.committee) || model.title.committee}, ${model.title.periodText}`,
  };
}

/** The agenda item in the built-in layout. */
export function agendaDocument(
  model: PackModel,
  report: CommitteeReport,
  slots: AgendaSlots = {},
  chartPngs: ReadonlyMap<string, Uint8Array> = new Map(),
): Document {
  const headerText = agendaHeaderText(model, report) + (report.state === 'Draft' ? ' · DRAFT' : '');
  return new Document({
    ...properties(model, report),
    numbering: NUMBERING,
    styles: {
      default: {
        document: { paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 120 } }, run: { language: { value: 'en-GB' } } },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
        heading3: headingStyle(3),
        heading4: headingStyle(4),
      },
    },
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph({ children: [new TextRun({ text: headerText, size: 18 })] })] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
              }),
            ],
          }),
        },
        children: agendaOutline(model, report, slots).map((block) => toDocx(block, { numbering: AGENDA_NUMBERING, chartPngs })),
      },
    ],
  });
}

/**
 * The committee report's .docx: the council's template filled when one is given, the built-in
 * layout otherwise. The one call the clerk's screen and the command line both make.
 */
export async function renderCommitteeReport(
  model: PackModel,
  report: CommitteeReport,
  options: { template?: Uint8Array; slots?: AgendaSlots; rasterise?: RasteriseSvg } = {},
): Promise<Uint8Array> {
  return options.template
    ? fillCouncilTemplate(options.template, model, report, options.slots, options.rasterise)
    : renderAgendaDocx(model, report, options.slots, options.rasterise);
}

/**
 * The .docx bytes of the built-in layout (the same in the browser and in Node). Charts need
 * `rasterise` for their PNG copy (the browser's canvas, or resvg in Node); without it a chart's
 * alt text stands in its place and the table beside it still gives the numbers.
 */
export async function renderAgendaDocx(model: PackModel, report: CommitteeReport, slots: AgendaSlots = {}, rasterise?: RasteriseSvg): Promise<Uint8Array> {
  const chartPngs = await rasteriseCharts(agendaOutline(model, report, slots), rasterise);
  return new Uint8Array(await Packer.toArrayBuffer(agendaDocument(model, report, slots, chartPngs)));
}

/**
 * The placeholders a council template may hold, written `{{name}}` anywhere in the document,
 * its header or its footer. `report_body` must stand alone in its paragraph: it becomes the
 * sections and appendices. The others are replaced by text in the template's own formatting.
 */
export const TEMPLATE_PLACEHOLDERS = {
  committee: 'The committee’s name',
  meeting_date: 'The meeting date, e.g. Thursday 14 January 2027',
  report_title: 'The report’s title',
  report_reference: 'The council’s reference for the agenda item',
  period: 'The period the report covers, e.g. 1 July 2026 to 31 December 2026',
  contact_name: 'The report author’s name',
  contact_job_title: 'The report author’s job title',
  contact_telephone: 'The report author’s telephone number',
  contact_email: 'The report author’s email address',
  report_body: 'The numbered sections and both appendices (a paragraph of its own)',
} as const;

export type TemplatePlaceholder = keyof typeof TEMPLATE_PLACEHOLDERS;

/** Without these a filled template would not be a committee report. */
export const REQUIRED_PLACEHOLDERS: ReadonlyArray<TemplatePlaceholder> = ['committee', 'meeting_date', 'report_title', 'report_body'];

export class TemplateError extends Error {
  public constructor(
    message: string,
    public readonly missing: string[],
    public readonly unknown: string[],
  ) {
    super(message);
    // Named, so code that loads this module lazily can tell a refused template apart.
    this.name = 'TemplateError';
  }
}

/** The template's placeholders checked: every required one present, none the pack does not know. */
export async function checkTemplate(template: Uint8Array): Promise<void> {
  let found: readonly string[];
  try {
    found = await patchDetector({ data: template });
  } catch {
    throw new TemplateError('The template could not be read as a Word document (.docx). Save it from Word as a .docx file and try again.', [], []);
  }
  const known = Object.keys(TEMPLATE_PLACEHOLDERS);
  const unknown = Array.from(new Set(found.filter((name) => known.indexOf(name) === -1))).sort();
  const missing = REQUIRED_PLACEHOLDERS.filter((name) => found.indexOf(name) === -1);
  if (unknown.length || missing.length) {
    const parts = [
      missing.length ? `it has no ${missing.map((n) => `{{${n}}}`).join(', ')}` : '',
      unknown.length ? `it has ${unknown.map((n) => `{{${n}}}`).join(', ')}, which the pack does not know` : '',
    ].filter((t) => t);
    throw new TemplateError(
      `The council template cannot be used: ${parts.join(', and ')}. The placeholders are ${known.map((n) => `{{${n}}}`).join(', ')} (see docs/committee-report-template.md).`,
      missing.slice(),
      unknown,
    );
  }
}

function textPatch(text: string) {
  return { type: PatchType.PARAGRAPH, children: [new TextRun(text)] } as const;
}

/**
 * The council's template filled: its styles, logo, header and footer kept; `report_body` replaced
 * by the numbered sections and appendices, numbered by a list added to the template's numbering.
 */
export async function fillCouncilTemplate(
  template: Uint8Array,
  model: PackModel,
  report: CommitteeReport,
  slots: AgendaSlots = {},
  rasterise?: RasteriseSvg,
): Promise<Uint8Array> {
  await checkTemplate(template);
  const body = agendaBody(model, report, slots);
  const chartPngs = await rasteriseCharts(body, rasterise);
  const contact = report.contact;
  const values: { [name in Exclude<TemplatePlaceholder, 'report_body'>]: string } = {
    committee: cleanText(report.committee) || model.title.committee,
    meeting_date: model.title.meetingDateText,
    report_title: cleanText(report.reportTitle) || model.title.reportTitle,
    report_reference: cleanText(report.reference),
    period: model.title.periodText,
    contact_name: cleanText(contact.name),
    contact_job_title: cleanText(contact.jobTitle),
    contact_telephone: cleanText(contact.telephone),
    contact_email: cleanText(contact.email),
  };
  const patches = {
    ...Object.fromEntries(Object.entries(values).map(([name, text]) => [name, textPatch(text)])),
    report_body: { type: PatchType.DOCUMENT, children: body.map((block) => toDocx(block, { numbering: AGENDA_NUMBERING, chartPngs })) },
  };
  const filled = await patchDocument({
    outputType: 'uint8array',
    data: template,
    patches,
    keepOriginalStyles: true,
    numbering: NUMBERING,
    properties: properties(model, report),
  });
  return filled;
}
