/**
 * How often each theme was raised: per team and in all, this period against the previous one,
 * with themes raised in both periods flagged as recurring. A theme counts once per report (a
 * visit), however many of the report's areas raise it.
 */
import type { Theme } from './themes';

/** One submitted report's themes, confirmed by the improvement team or, until then, as suggested. */
export interface ReportThemeTally {
  teamId: number;
  themeIds: ReadonlyArray<number>;
  confirmed: boolean;
}

export interface ThemeTeamCount {
  teamId: number;
  count: number;
  previous: number;
  /** Raised for this team in this period and in the previous one. */
  recurring: boolean;
}

export interface ThemeCountRow {
  themeId: number;
  theme: string;
  perTeam: ThemeTeamCount[];
  count: number;
  previous: number;
  recurring: boolean;
}

export interface ThemeCounts {
  teams: ReadonlyArray<{ teamId: number; team: string }>;
  /** Themes raised this period or the previous one, most raised first. */
  rows: ThemeCountRow[];
  reportCount: number;
  /** Reports counted by their suggested themes because no one has confirmed them yet. */
  unconfirmedCount: number;
  previousReportCount: number;
  previousUnconfirmedCount: number;
}

function tally(reports: ReadonlyArray<ReportThemeTally>): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) || 0) + 1);
  };
  for (const report of reports) {
    const seen: number[] = [];
    for (const themeId of report.themeIds) {
      if (seen.indexOf(themeId) === -1) {
        seen.push(themeId);
        add(`${themeId}`);
        add(`${themeId}/${report.teamId}`);
      }
    }
  }
  return counts;
}

export function countThemes(
  themes: ReadonlyArray<Theme>,
  teams: ReadonlyArray<{ teamId: number; team: string }>,
  current: ReadonlyArray<ReportThemeTally>,
  previous: ReadonlyArray<ReportThemeTally>,
): ThemeCounts {
  const teamIds = teams.map((t) => t.teamId);
  const inTeams = (r: ReportThemeTally): boolean => teamIds.indexOf(r.teamId) !== -1;
  const now = current.filter(inTeams);
  const before = previous.filter(inTeams);
  const nowCounts = tally(now);
  const beforeCounts = tally(before);
  const rows: ThemeCountRow[] = [];
  for (const theme of themes) {
    const count = nowCounts.get(`${theme.id}`) || 0;
    const earlier = beforeCounts.get(`${theme.id}`) || 0;
    if (!count && !earlier) {
      continue;
    }
    rows.push({
      themeId: theme.id,
      theme: theme.title,
      count,
      previous: earlier,
      recurring: count > 0 && earlier > 0,
      perTeam: teams.map(({ teamId }) => {
        const teamCount = nowCounts.get(`${theme.id}/${teamId}`) || 0;
        const teamPrevious = beforeCounts.get(`${theme.id}/${teamId}`) || 0;
        return { teamId, count: teamCount, previous: teamPrevious, recurring: teamCount > 0 && teamPrevious > 0 };
      }),
    });
  }
  rows.sort(
    (a, b) => b.count - a.count || b.previous - a.previous || themes.findIndex((t) => t.id === a.themeId) - themes.findIndex((t) => t.id === b.themeId),
  );
  return {
    teams,
    rows,
    reportCount: now.length,
    unconfirmedCount: now.filter((r) => !r.confirmed).length,
    previousReportCount: before.length,
    previousUnconfirmedCount: before.filter((r) => !r.confirmed).length,
  };
}
