import { csvCell, CSV_HEADERS, packCsvRows, renderPackCsv } from '../../../src/report/packCsv';
import { buildPackModel } from '../../../src/report/packModel';
import { fixtureData, fixtureRequest } from './packFixture';
import { parseCsv } from '../../helpers/csv';

describe('the committee pack as CSV', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝']) {
      expect(csvCell(`${start}SUM(A1:A9)`)).toBe(`"'${start}SUM(A1:A9)"`);
    }
    expect(csvCell('Plain, "quoted" text')).toBe('"Plain, ""quoted"" text"');
    expect(csvCell('a = b')).toBe('"a = b"');
    expect(csvCell(7)).toBe('"7"');
  });

  it('holds the same rows as the pack, with typed text intact and formulas neutralised', () => {
    const model = buildPackModel(fixtureData(), fixtureRequest);
    const text = renderPackCsv(model);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...CSV_HEADERS]);
    expect(rows).toHaveLength(packCsvRows(model).length + 1);
    const col = (name: (typeof CSV_HEADERS)[number]): number => CSV_HEADERS.indexOf(name);
    const notHeld = rows.find((r) => r[col('Visit or status')] === 'Not held')!;
    expect(notHeld[col('Notes')]).toBe('No replacement available at short notice');
    const said = rows.filter((r) => r[col('Section')] === 'What staff said');
    expect(said.map((r) => r[col('Response state')])).toContain('Overdue');
    expect(said.every((r) => r[col('Members')] === 'Cllr Hale (demo), Cllr Osei (demo)')).toBe(true);
    expect(said.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[col('Date')]))).toBe(true);
    const injected = said.find((r) => r[col('Working well')].includes('HYPERLINK'))!;
    expect(injected[col('Working well')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(said.some((r) => r[col('Working well')] === 'Morale is good.\nManagers are visible 😊\nSupervision happens monthly')).toBe(true);
    expect(rows.every((r) => r.length === CSV_HEADERS.length)).toBe(true);
  });
});
