import { parse } from 'csv-parse/sync';

/** The rows and cells of a CSV file as a spreadsheet reads them (RFC 4180, a leading BOM ignored). */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true }) as string[][];
}
