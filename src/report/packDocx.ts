/**
 * The committee pack as a Word document, built with `docx` in the browser or in Node. The web
 * part loads this module only when the clerk asks for the document (webpack chunk
 * 'committee-pack'), so `docx` never weighs on the councillor's first load.
 *
 * Paste-safe on purpose: real heading styles (Heading 1–4) and tables whose first row repeats as a
 * header row, left-aligned paragraphs, no fonts, colours, numbering, merged cells, text boxes or
 * fields, so the text takes on the council template's own styles when the clerk pastes it in.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Tab, Table, TableCell, TableRow, TextRun, WidthType, XmlComponent } from 'docx';
import type { PackModel } from './packTypes';
import { OutlineBlock, OutlineCell, OutlineParagraph, packOutline } from './packOutline';
import type { RasteriseSvg } from './scaleChart';
import { chartParagraph, rasteriseCharts } from './scaleChartDocx';

export const DOCX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 with Word's default 2.54 cm margins: the width tables share, in twips. */
const TEXT_WIDTH_TWIPS = 9026;

const HEADING_LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
} as const;

/** A line break inside a run (`<w:br/>`), as Word writes Shift+Enter. */
class LineBreak extends XmlComponent {
  public constructor() {
    super('w:br');
  }
}

/**
 * Runs of one paragraph, with `\n` in the text kept as line breaks inside the run and tabs as
 * Word's tab element (WordprocessingML has no tab character in text): one run per piece of text
 * rather than one per line keeps a 1,000-report pack quick to build.
 */
function textRuns(runs: OutlineParagraph): TextRun[] {
  return runs.map((run) => {
    const children: Array<string | LineBreak | Tab> = [];
    run.text.split('\n').forEach((line, index) => {
      if (index > 0) {
        children.push(new LineBreak());
      }
      line.split('\t').forEach((piece, tabIndex) => {
        if (tabIndex > 0) {
          children.push(new Tab());
        }
        if (piece) {
          children.push(piece);
        }
      });
    });
    return new TextRun({ children, bold: run.bold || undefined });
  });
}

function paragraph(runs: OutlineParagraph): Paragraph {
  return new Paragraph({ children: textRuns(runs) });
}

/** Characters of text up to which a row is short enough to keep whole on one page. */
const KEEP_WHOLE_ROW_CHARS = 400;

/**
 * Whether a table row is short enough to keep on one page: a visit's date, team and members
 * split across a page break is hard to read, but a long row of what staff said must be free to
 * break, or it would leave most of a page blank.
 */
function fitsWhole(row: OutlineCell[]): boolean {
  let length = 0;
  for (const cellParagraphs of row) {
    for (const runs of cellParagraphs) {
      for (const run of runs) {
        length += run.text.length;
      }
    }
  }
  return length <= KEEP_WHOLE_ROW_CHARS;
}

/**
 * Where numbered headings and paragraphs take their numbers from: a list of the document's
 * numbering (level 0 for a section, "1"; level 1 for its paragraphs, "1.1"). Without it, the
 * outline's numbers are left out and the plain pack has none.
 */
export interface OutlineNumbering {
  reference: string;
}

export interface DocxOptions {
  numbering?: OutlineNumbering;
  /** Each chart's PNG copy, keyed by its SVG (see rasteriseCharts). */
  chartPngs?: ReadonlyMap<string, Uint8Array>;
}

/** An outline block as Word paragraphs or a table; a chart as a picture with its alt text. */
export function toDocx(block: OutlineBlock, options: DocxOptions = {}): Paragraph | Table {
  const numbering = options.numbering;
  if (block.kind === 'figure') {
    return chartParagraph(block.chart, options.chartPngs && options.chartPngs.get(block.chart.svg));
  }
  if (block.kind === 'heading') {
    return new Paragraph({
      heading: HEADING_LEVELS[block.level],
      pageBreakBefore: block.pageBreakBefore || undefined,
      numbering: numbering && block.number ? { reference: numbering.reference, level: 0 } : undefined,
      children: [new TextRun(block.text)],
    });
  }
  if (block.kind === 'paragraph') {
    return numbering && block.number
      ? new Paragraph({ numbering: { reference: numbering.reference, level: 1 }, children: textRuns(block.runs) })
      : paragraph(block.runs);
  }
  const widths = block.widths.map((w) => Math.round((w / 100) * TEXT_WIDTH_TWIPS));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    rows: [
      new TableRow({
        // Marks the row as the header: screen readers announce it and Word repeats it on each page.
        tableHeader: true,
        cantSplit: true,
        // Never a header row alone at the foot of a page, parted from the rows it names.
        keepNext: true,
        children: block.headers.map((header) => new TableCell({ children: [paragraph([{ text: header, bold: true }])] })),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: fitsWhole(row) || undefined,
            children: row.map(
              (cellParagraphs) =>
                new TableCell({
                  // A cell must hold at least one paragraph, even when it has no text.
                  children: cellParagraphs.length ? cellParagraphs.map(paragraph) : [paragraph([{ text: '' }])],
                }),
            ),
          }),
      ),
    ],
  });
}

/**
 * The heading styles as Word's own built-in ones: named `heading N` (the name Word keys its
 * built-in headings by, so a council template's own heading styles take over on paste), with the
 * outline level that makes them headings for the navigation pane, LibreOffice, PDF bookmarks and
 * screen readers, kept with the table or text they introduce and a little space above.
 */
export function headingStyle(level: 1 | 2 | 3 | 4): {
  name: string;
  paragraph: { outlineLevel: number; keepNext: boolean; keepLines: boolean; spacing: { before: number; after: number } };
} {
  return {
    name: `heading ${level}`,
    paragraph: { outlineLevel: level - 1, keepNext: true, keepLines: true, spacing: { before: level <= 2 ? 240 : 180, after: 60 } },
  };
}

export function packDocument(model: PackModel, chartPngs: Map<string, Uint8Array> = new Map(), outline: OutlineBlock[] = packOutline(model)): Document {
  return new Document({
    title: `${model.title.reportTitle}: ${model.title.periodText}`,
    subject: model.title.committee,
    creator: 'Frontline Visits',
    // docx would otherwise sign the file as last saved by "Un-named".
    lastModifiedBy: 'Frontline Visits',
    description: `Committee pack for ${model.title.committee}, ${model.title.periodText}`,
    // Left alignment lives in the default paragraph style rather than on every paragraph: the
    // document reads left-aligned, and pasted into a council template it takes the template's styles.
    // British English for spelling checks and screen readers, in the defaults for the same reason.
    styles: {
      default: {
        document: { paragraph: { alignment: AlignmentType.LEFT }, run: { language: { value: 'en-GB' } } },
        heading1: headingStyle(1),
        heading2: headingStyle(2),
        heading3: headingStyle(3),
        heading4: headingStyle(4),
      },
    },
    sections: [{ children: outline.map((block) => toDocx(block, { chartPngs })) }],
  });
}

/**
 * The .docx file's bytes (an ArrayBuffer works the same in the browser and in Node). Charts need
 * `rasterise` for their PNG copy (the browser's canvas, or resvg in Node); without it a chart's
 * alt text stands in its place.
 */
export async function renderPackDocx(model: PackModel, rasterise?: RasteriseSvg): Promise<Uint8Array> {
  const outline = packOutline(model);
  const chartPngs = await rasteriseCharts(outline, rasterise);
  return new Uint8Array(await Packer.toArrayBuffer(packDocument(model, chartPngs, outline)));
}
