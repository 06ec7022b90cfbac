/**
 * The pack's rows as CSV, for the clerk's own spreadsheet. One sheet holds every row of the pack,
 * the `Section` column telling them apart so the clerk can filter.
 *
 * Nothing a person typed may run as a formula when the file is opened (CSV injection, OWASP):
 * a cell that starts with = + - @ tab or carriage return (or their full-width forms, which some
 * spreadsheets also read as operators) gets a leading apostrophe, and every cell is quoted.
 */
import type { PackModel } from './packTypes';

export const CSV_MIME_TYPE = 'text/csv;charset=utf-8';

export const CSV_HEADERS = [
  'Section',
  'Month',
  'Date',
  'Team',
  'Members',
  'Visit or status',
  'Notes',
  'Theme',
  'Worried about',
  'Working well',
  'Needs to happen',
  'Head of Service response',
  'Response state',
  'Response from',
  'Safety scale',
] as const;

type CsvRow = { [header in (typeof CSV_HEADERS)[number]]?: string };

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** One cell, neutralised and quoted. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return `"${text.replace(/"/g, '""')}"`;
}

const RESPONSE_STATE_TEXT = { responded: 'Responded', awaiting: 'Not yet due', overdue: 'Overdue' } as const;

export function packCsvRows(model: PackModel): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const v of model.visits) {
    rows.push({
      Section: 'Visits in the period',
      Month: v.month,
      Date: v.date,
      Team: v.team,
      Members: v.members,
      'Visit or status': v.outcomeText,
      Notes: v.notes,
    });
  }
  for (const team of model.teamSummaries) {
    for (const theme of team.themes) {
      for (const s of theme.statements) {
        rows.push({
          Section: 'What staff said',
          Date: s.visitDate,
          Team: team.team,
          Members: s.members,
          Theme: theme.label,
          'Worried about': s.worries,
          'Working well': s.workingWell,
          'Needs to happen': s.nextSteps,
          'Head of Service response': s.response.text,
          'Response state': s.response.lateness
            ? `${RESPONSE_STATE_TEXT[s.response.state]} (${s.response.lateness.toLowerCase()})`
            : RESPONSE_STATE_TEXT[s.response.state],
          'Response from': s.response.attribution,
        });
      }
    }
  }
  for (const s of model.scales) {
    rows.push({ Section: 'Safety scale', Date: s.date, Team: s.team, Members: s.members, 'Safety scale': s.scaleText });
  }
  for (const a of model.teamAverages) {
    rows.push({
      Section: 'Team average safety scale',
      Team: a.team,
      Notes: `${a.count} with a scale this period; previous period ${a.previousAverageText} (${a.previousCount}); ${a.changeText}`,
      'Safety scale': a.averageText,
    });
  }
  for (const r of model.nextRota) {
    rows.push({ Section: 'Rota for the next period', Month: r.month, Date: r.date, Team: r.team, Members: r.members, 'Visit or status': r.status });
  }
  return rows;
}

/**
 * The CSV text: a byte order mark so Excel reads UTF-8 (names, emoji), CRLF line ends as RFC 4180
 * has them; line breaks inside a cell stay inside its quotes.
 */
export function renderPackCsv(model: PackModel): string {
  const lines = [CSV_HEADERS.map(csvCell).join(',')];
  for (const row of packCsvRows(model)) {
    lines.push(CSV_HEADERS.map((h) => csvCell(row[h])).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
