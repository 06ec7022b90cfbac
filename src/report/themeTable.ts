/**
 * The pack's themes across visits and its scale chart, as outline blocks (headings, paragraphs,
 * tables and the chart as a figure): the Word document and the on-screen preview both draw
 * them, so the clerk sees the counts and the picture the committee will read.
 */
import type { OutlineBlock, OutlineCell } from './outlineTypes';
import type { PackModel } from './packTypes';
import { plural } from './packText';
import { scaleChart } from './scaleChart';

export const THEMES_HEADING = 'Themes across the visits';
export const SCALE_HISTORY_HEADING = 'The safety scale over the last four periods';

const cell = (text: string): OutlineCell => [[{ text }]];
const p = (text: string): OutlineBlock => ({ kind: 'paragraph', runs: [{ text }] });

/**
 * Relative widths summing to 100: the theme's name wide, the counts narrow, each team's column
 * wide enough for "2 (recurring)" on one line in a council template's larger type.
 */
function themeWidths(teamCount: number): number[] {
  const fixed = [22, 9, 12, 11];
  const each = Math.floor((100 - fixed.reduce((a, b) => a + b, 0)) / Math.max(1, teamCount));
  const teams = Array.from({ length: teamCount }, () => each);
  const widths = [fixed[0], ...teams, fixed[1], fixed[2], fixed[3]];
  widths[0] += 100 - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** Each theme's count this period, per team and in all, against the previous period, recurring ones flagged. */
export function themeOutline(model: PackModel, level: 2 | 3 = 2): OutlineBlock[] {
  const themes = model.themes;
  if (!themes) {
    return [];
  }
  const blocks: OutlineBlock[] = [{ kind: 'heading', level, text: THEMES_HEADING }];
  if (!themes.available) {
    blocks.push(p('Themes are not set up on this site yet. Ask IT to run the provisioning command, which adds the themes lists.'));
    return blocks;
  }
  const c = themes.counts;
  blocks.push(
    p(
      `How many visit reports raised each theme in ${themes.periodLabel} (${plural(c.reportCount, 'report', 'reports')}), for each team and in all, ` +
        `against ${themes.previousPeriodLabel} (${plural(c.previousReportCount, 'report', 'reports')}). ` +
        'A theme raised in both periods is marked as recurring.',
    ),
  );
  if (c.unconfirmedCount || c.previousUnconfirmedCount) {
    const unconfirmed = c.unconfirmedCount + c.previousUnconfirmedCount;
    blocks.push(
      p(
        `${plural(unconfirmed, 'report is', 'reports are')} counted under the themes suggested by their words, ` +
          'because the Children’s Improvement Team has not yet confirmed them.',
      ),
    );
  }
  if (!c.rows.length) {
    blocks.push(p('No theme was raised in the reports of either period.'));
    return blocks;
  }
  blocks.push({
    kind: 'table',
    caption: `Themes raised, ${themes.periodLabel}, for each team and in all, against ${themes.previousPeriodLabel}`,
    headers: ['Theme', ...c.teams.map((t) => t.team), 'All teams', 'Previous period', 'Recurring'],
    widths: themeWidths(c.teams.length),
    rows: c.rows.map((row) => [
      cell(row.theme),
      ...row.perTeam.map((t) => cell(t.recurring ? `${t.count} (recurring)` : String(t.count))),
      cell(String(row.count)),
      cell(String(row.previous)),
      cell(row.recurring ? 'Yes' : 'No'),
    ]),
  });
  return blocks;
}

/** The chart of each team's safety scale over four periods, with the numbers in a table beside it. */
export function scaleHistoryOutline(model: PackModel, level: 2 | 3 | 4 = 3): OutlineBlock[] {
  const history = model.scaleHistory;
  if (!history || !history.teams.length) {
    return [];
  }
  const chart = scaleChart(history);
  return [
    { kind: 'heading', level, text: SCALE_HISTORY_HEADING },
    { kind: 'figure', chart },
    {
      kind: 'table',
      caption: `Average safety scale for each team, ${history.periods[0].label} to ${history.periods[history.periods.length - 1].label}`,
      headers: ['Team', ...history.periods.map((period) => period.label)],
      widths: [28, 18, 18, 18, 18],
      rows: history.teams.map((team) => [
        cell(team.team),
        ...team.points.map((point) => cell(point.count ? `${point.text} (${plural(point.count, 'visit', 'visits')})` : point.text)),
      ]),
    },
  ];
}
