/**
 * The shapes of the pack's themes and scale chart, apart from the code that builds them, so the
 * pack's own types can name them without importing that code.
 */
import type { CalendarDate } from '../domain/calendarDate';
import type { ThemeCounts } from '../domain/themeCounts';
import type { Theme } from '../domain/themes';
import type { VisitReport } from '../domain/types';
import type { ReportThemesRecord } from '../data/themeMappers';

/** What the themes and the chart read beside the pack's own data. */
export interface ThemePackData {
  /** Absent when the site has no themes lists yet (provisioned before themes): the pack says so. */
  themes?: Theme[];
  /** Confirmed themes of the reports of this period and the previous one. */
  confirmed: ReportThemesRecord[];
  /** Reports of the three periods before the pack's: scale, status, check and the grid's text. */
  earlierReports: VisitReport[];
}

export interface ScaleHistoryPeriod {
  from: CalendarDate;
  to: CalendarDate;
  /** "Jun 2026 to Nov 2026" */
  label: string;
}

export interface ScaleHistoryPoint {
  /** Visits with a counted scale in the period. */
  count: number;
  average?: number;
  /** "6.5" or "No scale" */
  text: string;
}

export interface ScaleHistoryTeam {
  teamId: number;
  team: string;
  /** One point per period, oldest first. */
  points: ScaleHistoryPoint[];
}

export interface ScaleHistory {
  /** Oldest first; the last is the pack's own period. */
  periods: ScaleHistoryPeriod[];
  teams: ScaleHistoryTeam[];
}

/** The pack's themes section. */
export interface PackThemes {
  /** False when the site has no themes lists: the section says how to add them. */
  available: boolean;
  counts: ThemeCounts;
  /** "Jun 2026 to Nov 2026" */
  periodLabel: string;
  previousPeriodLabel: string;
}
