/**
 * The pack as a document outline: headings, paragraphs and tables of plain text. The Word
 * renderer and the on-screen preview both draw this one outline, so what the clerk previews is
 * what the document holds, heading for heading and cell for cell.
 */
import type { OutlineBlock, OutlineCell, OutlineParagraph } from './outlineTypes';
import type { PackModel, PackStatement } from './packTypes';
import { SAID_LABELS } from './packModel';
import { scaleHistoryOutline, themeOutline } from './themeTable';

export type { OutlineBlock, OutlineCell, OutlineParagraph, OutlineRun } from './outlineTypes';

const p = (text: string, bold?: boolean): OutlineBlock => ({ kind: 'paragraph', runs: [{ text, bold }] });
export const cell = (text: string): OutlineCell => [[{ text }]];

export function saidCell(s: PackStatement): OutlineCell {
  return (['worries', 'workingWell', 'nextSteps'] as const)
    .filter((column) => s[column])
    .map((column) => [{ text: `${SAID_LABELS[column]}: `, bold: true }, { text: s[column] }]);
}

export function responseCell(s: PackStatement): OutlineCell {
  if (s.response.state !== 'responded') {
    // The marker is the point of the cell: a missing or overdue response must stand out.
    return [[{ text: s.response.text, bold: true }]];
  }
  const paragraphs: OutlineCell = [[{ text: s.response.text }]];
  if (s.response.attribution) {
    paragraphs.push([{ text: `Response from ${s.response.attribution}${s.response.lateness ? `. ${s.response.lateness}` : ''}` }]);
  }
  return paragraphs;
}

export const VISITS_HEADING = 'Visits in the period';
export const SUMMARY_HEADING = 'What staff said and the Head of Service’s response';
export const SCALES_HEADING = 'Safety scale judgements';
export const APPENDIX_HEADING = 'Appendix: rota for the next period';

export function packOutline(model: PackModel): OutlineBlock[] {
  const t = model.title;
  const blocks: OutlineBlock[] = [
    p(t.committee, true),
    { kind: 'heading', level: 1, text: t.reportTitle },
    { kind: 'paragraph', runs: [{ text: 'Meeting date: ', bold: true }, { text: t.meetingDateText }] },
    { kind: 'paragraph', runs: [{ text: 'Period covered: ', bold: true }, { text: t.periodText }] },
    { kind: 'paragraph', runs: [{ text: 'Teams: ', bold: true }, { text: t.teamsText }] },
    { kind: 'paragraph', runs: [{ text: 'Copied to: ', bold: true }, { text: t.copiedTo }] },
    { kind: 'heading', level: 2, text: 'Summary' },
    p(t.summary),
    { kind: 'heading', level: 2, text: VISITS_HEADING },
  ];

  blocks.push(visitsTable(model));

  blocks.push(...themeOutline(model));

  blocks.push({ kind: 'heading', level: 2, text: SUMMARY_HEADING });
  if (model.teamSummaries.length === 0) {
    blocks.push(p('No team had a visit in this period.'));
  }
  for (const team of model.teamSummaries) {
    blocks.push({ kind: 'heading', level: 3, text: team.team });
    if (team.reportCount === 0) {
      // A team whose visits were all called off has nothing outstanding; say so rather than imply a missing report.
      blocks.push(
        p(team.heldVisitCount === 0 ? 'No visit to this team took place in the period.' : 'No reports have been submitted for this team in the period.'),
      );
      continue;
    }
    for (const theme of team.themes) {
      blocks.push({ kind: 'heading', level: 4, text: `${team.team}: ${theme.label}` });
      if (theme.statements.length === 0) {
        blocks.push(p(`Nothing was recorded under ${theme.label} at these visits.`));
        continue;
      }
      blocks.push({
        kind: 'table',
        caption: `${team.team}, ${theme.label}: what staff said and the Head of Service’s response`,
        headers: ['Visit', 'What staff said', 'Head of Service response'],
        widths: [18, 46, 36],
        rows: theme.statements.map((s) => [cell(s.visitText), saidCell(s), responseCell(s)]),
      });
    }
  }

  blocks.push({ kind: 'heading', level: 2, text: SCALES_HEADING }, ...scaleBlocks(model, 3), ...scaleHistoryOutline(model));

  blocks.push({ kind: 'heading', level: 2, text: APPENDIX_HEADING }, p(`Visits planned from ${model.nextPeriodText}.`), rotaTable(model));
  return blocks;
}

/** The visits held and not held in the period, and why. */
export function visitsTable(model: PackModel): OutlineBlock {
  if (model.visits.length === 0) {
    return p('No visits were planned or made in this period.');
  }
  return {
    kind: 'table',
    caption: `Visits from ${model.title.periodText}`,
    headers: ['Month', 'Date', 'Team', 'Members', 'Visit', 'Notes'],
    widths: [13, 12, 20, 20, 10, 25],
    rows: model.visits.map((v) => [cell(v.month), cell(v.dateText), cell(v.team), cell(v.members), cell(v.outcomeText), cell(v.notes)]),
  };
}

/** The safety scale at each visit and each team's average against the previous period, under headings of `level`. */
export function scaleBlocks(model: PackModel, level: 3 | 4): OutlineBlock[] {
  const blocks: OutlineBlock[] = [
    p(
      'At each visit the councillors judge how effective the service is at keeping children and young people safe, ' +
        'from 0 (ineffective) to 10 (very effective).',
    ),
    { kind: 'heading', level, text: 'Each visit' },
  ];
  if (model.scales.length === 0) {
    blocks.push(p('No reports have been submitted for this period.'));
  } else {
    blocks.push({
      kind: 'table',
      caption: 'Safety scale at each visit',
      headers: ['Date', 'Team', 'Members', 'Safety scale (0 to 10)'],
      widths: [16, 30, 34, 20],
      rows: model.scales.map((s) => [cell(s.dateText), cell(s.team), cell(s.members), cell(s.scaleText)]),
    });
  }
  blocks.push({ kind: 'heading', level, text: 'Average for each team' });
  if (model.teamAverages.length === 0) {
    blocks.push(p('No team had a visit in this period.'));
  } else {
    blocks.push(p(`The previous period is ${model.previousPeriodText}.`), {
      kind: 'table',
      caption: 'Average safety scale for each team, this period against the previous period',
      headers: ['Team', 'Visits with a scale', 'Average this period', 'Average previous period', 'Change'],
      widths: [30, 15, 18, 19, 18],
      rows: model.teamAverages.map((a) => [
        cell(a.team),
        cell(String(a.count)),
        cell(a.averageText),
        cell(a.previousCount ? `${a.previousAverageText} (${a.previousCount} ${a.previousCount === 1 ? 'visit' : 'visits'})` : a.previousAverageText),
        cell(a.changeText),
      ]),
    });
  }
  return blocks;
}

/** The rota for the next period. */
export function rotaTable(model: PackModel): OutlineBlock {
  if (model.nextRota.length === 0) {
    return p('No visits are on the rota for the next period yet.');
  }
  return {
    kind: 'table',
    caption: `Rota from ${model.nextPeriodText}`,
    headers: ['Month', 'Date', 'Team', 'Members', 'Status'],
    widths: [15, 15, 28, 28, 14],
    rows: model.nextRota.map((r) => [cell(r.month), cell(r.dateText), cell(r.team), cell(r.members), cell(r.status)]),
  };
}

/** The outline as plain text, one line per paragraph or row: what tests and the CLI compare. */
export function outlineText(blocks: ReadonlyArray<OutlineBlock>): string {
  const paragraphText = (runs: OutlineParagraph): string => runs.map((r) => r.text).join('');
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'heading') {
      lines.push(`${'#'.repeat(block.level)} ${block.number ? `${block.number} ` : ''}${block.text}`);
    } else if (block.kind === 'paragraph') {
      lines.push(`${block.number ? `${block.number} ` : ''}${paragraphText(block.runs)}`);
    } else if (block.kind === 'figure') {
      lines.push(`[Chart: ${block.chart.title}. ${block.chart.altText}]`);
    } else {
      lines.push(`| ${block.headers.join(' | ')} |`);
      for (const row of block.rows) {
        lines.push(`| ${row.map((c) => c.map(paragraphText).join(' / ')).join(' | ')} |`);
      }
    }
  }
  return lines.join('\n');
}
