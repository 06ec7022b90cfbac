/**
 * Coverage: every active team is to be visited at least once a quarter. A quarter that has passed
 * with no visit held, or lies ahead with none scheduled, is flagged on the rota screen and in the
 * committee pack, so a gap is seen while it can still be filled.
 */
import { CalendarDate } from './calendarDate';
import { DateRange, quartersOverlapping, RotaQuarter } from './municipalYear';
import { RotaStatus } from './types';

export interface CoverageTeam {
  id: number;
  title: string;
  isActive: boolean;
}

export interface CoverageVisit {
  teamId: number;
  visitDate: CalendarDate;
  status: RotaStatus;
}

export interface TeamQuarterCoverage {
  teamId: number;
  teamTitle: string;
  quarter: RotaQuarter;
  /** Visits before today not recorded as not held or moved: held, as far as the rota knows. */
  held: number;
  /** Visits from today on. */
  scheduled: number;
  flagged: boolean;
  /** Plain words when flagged. */
  message?: string;
}

export interface CoverageInput {
  teams: ReadonlyArray<CoverageTeam>;
  visits: ReadonlyArray<CoverageVisit>;
  /** The period to look at: a municipal year, or a committee pack's six months. */
  period: DateRange;
  today: CalendarDate;
}

/**
 * A visit recorded as not held, or moved to another date, does not count. A past visit still
 * marked scheduled counts as held: the improvement team records a visit that did not happen as
 * not held, and until then its form is chased as due.
 */
function counts(visit: CoverageVisit): boolean {
  return visit.status !== 'NotHeld' && visit.status !== 'Rescheduled';
}

/** Each active team in each quarter the period touches, in quarter then team-name order. */
export function quarterlyCoverage(input: CoverageInput): TeamQuarterCoverage[] {
  const teams = input.teams.filter((t) => t.isActive).sort((a, b) => a.title.localeCompare(b.title, 'en-GB') || a.id - b.id);
  const rows: TeamQuarterCoverage[] = [];
  for (const quarter of quartersOverlapping(input.period)) {
    for (const team of teams) {
      const inQuarter = input.visits.filter((v) => v.teamId === team.id && counts(v) && v.visitDate >= quarter.start && v.visitDate <= quarter.end);
      const held = inQuarter.filter((v) => v.visitDate < input.today).length;
      const scheduled = inQuarter.length - held;
      const row: TeamQuarterCoverage = { teamId: team.id, teamTitle: team.title, quarter, held, scheduled, flagged: false };
      if (quarter.end < input.today) {
        if (held === 0) {
          row.flagged = true;
          row.message = `No visit to ${team.title} was held in ${quarter.label}.`;
        }
      } else if (quarter.start > input.today) {
        if (scheduled === 0) {
          row.flagged = true;
          row.message = `No visit to ${team.title} is scheduled in ${quarter.label}.`;
        }
      } else if (held === 0 && scheduled === 0) {
        row.flagged = true;
        row.message = `No visit to ${team.title} has been held or is scheduled in ${quarter.label}.`;
      }
      rows.push(row);
    }
  }
  return rows;
}

/** Only the flagged quarters: what the committee pack and the rota screen call out. */
export function coverageGaps(input: CoverageInput): TeamQuarterCoverage[] {
  return quarterlyCoverage(input).filter((row) => row.flagged);
}
