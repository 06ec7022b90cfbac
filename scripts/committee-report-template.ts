/**
 * Writes the sample council template for the committee report (docs/templates/): a fictional
 * council's layout with its own styles, a logo in the header, a footer with page numbers, and every
 * placeholder the pack fills. Run: npx tsx scripts/committee-report-template.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { AlignmentType, Document, Footer, HeadingLevel, Header, ImageRun, Packer, PageNumber, Paragraph, TextRun } from 'docx';

export const SAMPLE_TEMPLATE_PATH = join(__dirname, '..', 'docs', 'templates', 'committee-report-template.docx');

/** A PNG of one colour with a lighter band: the fictional council's logo. */
export function logoPng(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });
  const crc = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const b of bytes) {
      c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.6 && y < height * 0.8;
      const colour = band ? [0x9c, 0xd3, 0xb0] : [0x0b, 0x5d, 0x3b];
      row.set(colour, 1 + x * 3);
    }
    rows.push(row);
  }
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(Buffer.concat(rows))),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

const GREEN = '0B5D3B';
const line = (label: string, placeholder: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(`{{${placeholder}}}`)] });

export function sampleTemplateDocument(): Document {
  return new Document({
    creator: 'Northshire Council (fictional)',
    title: 'Committee report template',
    styles: {
      default: {
        document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: 'Arial', size: 36, bold: true, color: GREEN }, paragraph: { spacing: { before: 240, after: 120 }, outlineLevel: 0 } },
        heading2: {
          run: { font: 'Arial', size: 28, bold: true, color: GREEN },
          paragraph: { spacing: { before: 240, after: 80 }, outlineLevel: 1, keepNext: true },
        },
        heading3: {
          run: { font: 'Arial', size: 24, bold: true, color: GREEN },
          paragraph: { spacing: { before: 180, after: 60 }, outlineLevel: 2, keepNext: true },
        },
        heading4: {
          run: { font: 'Arial', size: 22, bold: true, italics: true },
          paragraph: { spacing: { before: 120, after: 60 }, outlineLevel: 3, keepNext: true },
        },
      },
    },
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [
                  new ImageRun({
                    type: 'png',
                    data: logoPng(120, 40),
                    transformation: { width: 90, height: 30 },
                    altText: { name: 'Northshire Council logo', title: 'Northshire Council logo', description: 'Northshire Council logo' },
                  }),
                  new TextRun({ text: '   Northshire Council · {{committee}} · {{meeting_date}}', size: 16, color: GREEN }),
                ],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Northshire Council · OFFICIAL · Page ', PageNumber.CURRENT], size: 16 })],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({ children: [new TextRun({ text: 'NORTHSHIRE COUNCIL', bold: true, size: 28, color: GREEN })] }),
          new Paragraph({ children: [new TextRun({ text: '{{committee}}', bold: true })] }),
          line('Date of meeting', 'meeting_date'),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('{{report_title}}')] }),
          line('Reference', 'report_reference'),
          line('Period covered', 'period'),
          line('Report author', 'contact_name'),
          line('Job title', 'contact_job_title'),
          line('Telephone', 'contact_telephone'),
          line('Email', 'contact_email'),
          new Paragraph({ children: [new TextRun('{{report_body}}')] }),
        ],
      },
    ],
  });
}

export async function writeSampleTemplate(path: string = SAMPLE_TEMPLATE_PATH): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, new Uint8Array(await Packer.toArrayBuffer(sampleTemplateDocument())));
}

if (require.main === module) {
  writeSampleTemplate().then(() => console.log(`Wrote ${SAMPLE_TEMPLATE_PATH}`));
}
