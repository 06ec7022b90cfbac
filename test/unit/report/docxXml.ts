/** Opens a generated .docx and reads its main part, as Word would. */
import JSZip from 'jszip';

export async function documentXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const part = zip.file('word/document.xml');
  if (!part) {
    throw new Error('The file has no word/document.xml: it is not a Word document');
  }
  return part.async('string');
}

const decode = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of one paragraph's XML, line breaks as \n and tabs as \t. */
function paragraphText(xml: string): string {
  let text = '';
  const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>|<w:tab\/>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    text += m[1] !== undefined ? decode(m[1]) : m[0] === '<w:br/>' ? '\n' : '\t';
  }
  return text;
}

export interface DocxTable {
  /** Rows marked as the table's header row (`w:tblHeader`). */
  headerRows: string[][];
  rows: string[][];
}

export interface DocxContent {
  /** [style id, text] of every heading, in order: ['Heading1', 'Councillors’ visits…'] */
  headings: Array<[string, string]>;
  tables: DocxTable[];
  paragraphs: string[];
}

/** Headings, tables and paragraphs of the document body (tables are not nested in this pack). */
export function readDocx(xml: string): DocxContent {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const content: DocxContent = { headings: [], tables: [], paragraphs: [] };
  const blocks = /<w:tbl>([\s\S]*?)<\/w:tbl>|<w:p>([\s\S]*?)<\/w:p>|<w:p\s[^>]*>([\s\S]*?)<\/w:p>/g;
  let m: RegExpExecArray | null;
  while ((m = blocks.exec(body))) {
    if (m[1] !== undefined) {
      const table: DocxTable = { headerRows: [], rows: [] };
      for (const row of m[1].match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr\s[^>]*>[\s\S]*?<\/w:tr>/g) || []) {
        const cells = (row.match(/<w:tc>[\s\S]*?<\/w:tc>/g) || []).map((cell) =>
          (cell.match(/<w:p>[\s\S]*?<\/w:p>|<w:p\s[^>]*>[\s\S]*?<\/w:p>/g) || []).map(paragraphText).join('\n'),
        );
        (/<w:tblHeader\/>/.test(row) ? table.headerRows : table.rows).push(cells);
      }
      content.tables.push(table);
    } else {
      const p = m[2] !== undefined ? m[2] : m[3];
      const style = /<w:pStyle w:val="([^"]+)"\/>/.exec(p);
      const text = paragraphText(p);
      if (style && /^Heading/.test(style[1])) {
        content.headings.push([style[1], text]);
      } else {
        content.paragraphs.push(text);
      }
    }
  }
  return content;
}
