import { countThemes } from '../../../src/domain/themeCounts';
import type { Theme } from '../../../src/domain/themes';

const theme = (id: number, title: string): Theme => ({ id, title, words: [], isActive: true });
const themes = [theme(1, 'Recruitment and retention'), theme(2, 'Agency staff'), theme(5, 'IT systems'), theme(8, 'Courts')];
const teams = [
  { teamId: 10, team: 'Child in Need North' },
  { teamId: 11, team: 'Child Protection South' },
];

describe('theme counts across visits', () => {
  const counts = countThemes(
    themes,
    teams,
    [
      { teamId: 10, themeIds: [1, 2], confirmed: true },
      { teamId: 10, themeIds: [1, 1], confirmed: false },
      { teamId: 11, themeIds: [5], confirmed: true },
      // A team left out of the pack is not counted.
      { teamId: 99, themeIds: [8], confirmed: true },
    ],
    [
      { teamId: 10, themeIds: [1], confirmed: true },
      { teamId: 11, themeIds: [2, 8], confirmed: true },
    ],
  );

  it('counts each theme once per report, per team and in all, most raised first', () => {
    expect(counts.rows.map((r) => [r.theme, r.count, r.previous])).toEqual([
      ['Recruitment and retention', 2, 1],
      ['Agency staff', 1, 1],
      ['IT systems', 1, 0],
      ['Courts', 0, 1],
    ]);
    expect(counts.rows[0].perTeam).toEqual([
      { teamId: 10, count: 2, previous: 1, recurring: true },
      { teamId: 11, count: 0, previous: 0, recurring: false },
    ]);
  });

  it('flags a theme raised in both periods as recurring, in all and per team', () => {
    expect(counts.rows.filter((r) => r.recurring).map((r) => r.theme)).toEqual(['Recruitment and retention', 'Agency staff']);
    // Agency staff recurs across the service, but for neither team on its own.
    const agency = counts.rows[1];
    expect(agency.perTeam.map((t) => t.recurring)).toEqual([false, false]);
  });

  it('says how many reports are counted by suggestion because no one has confirmed them', () => {
    expect(counts).toMatchObject({ reportCount: 3, unconfirmedCount: 1, previousReportCount: 2, previousUnconfirmedCount: 0 });
  });

  it('shows no rows when no theme was raised in either period', () => {
    expect(countThemes(themes, teams, [{ teamId: 10, themeIds: [], confirmed: true }], []).rows).toEqual([]);
  });
});
