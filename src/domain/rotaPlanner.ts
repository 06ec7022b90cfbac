/**
 * Proposes a municipal year's rota: every active team visited at least once a quarter, the visits
 * spread evenly through the months (one a month rotating round the teams when there are three),
 * two councillors a visit from the members' group, shared as evenly as the numbers allow, no
 * councillor twice within four weeks, on weekdays that are not bank holidays, committee days or
 * days a councillor cannot do.
 *
 * Deterministic: teams and councillors are taken in name order and every choice has a fixed
 * tie-break, so the same input always gives the same proposal. Nothing is written: the
 * improvement team reviews and edits the proposal before publishing it. What the proposal could
 * not meet is checked by the same rules the rota screen uses (`checkRota`) and returned in words.
 */
import { addDays, CalendarDate, daysBetween } from './calendarDate';
import { municipalYearRange, quartersOf, RotaQuarter } from './municipalYear';
import {
  checkRota,
  COUNCILLORS_PER_VISIT,
  countWord,
  isUnavailable,
  isWeekend,
  listNames,
  MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS,
  RotaCouncillor,
  RotaMember,
  RotaProblem,
  RotaRulesContext,
  RotaTeam,
  RotaVisitToCheck,
} from './rotaRules';

/** At least one visit a month: a quarter has three months. */
const MIN_VISITS_PER_QUARTER = 3;

/** What the planner needs is what the rules check against: the year, teams, members' group and days to avoid. */
export type RotaPlanInput = RotaRulesContext;

export interface ProposedVisit extends RotaVisitToCheck {
  /** "2027/28 visit 01": stable within a proposal, replaced by the item id on publishing. */
  key: string;
  /** The rota item's title: "2027-04 Child in Need Team". */
  title: string;
  quarter: number;
  teamTitle: string;
  members: RotaMember[];
}

export interface RotaProposal {
  municipalYear: string;
  visits: ProposedVisit[];
  /** Each rule the proposal could not meet, in plain words. Empty when it meets them all. */
  problems: RotaProblem[];
  /** How the numbers worked out, for the screen ("24 places for 9 councillors: …"). */
  notes: string[];
}

interface Slot {
  quarter: RotaQuarter;
  team: RotaTeam;
  target: CalendarDate;
  windowStart: CalendarDate;
  windowEnd: CalendarDate;
}

interface Tally {
  visits: number;
  dates: CalendarDate[];
  teams: Map<number, number>;
  partners: Map<number, number>;
}

function byTitle(a: RotaTeam, b: RotaTeam): number {
  return a.title.localeCompare(b.title, 'en-GB') || a.id - b.id;
}

function byName(a: RotaCouncillor, b: RotaCouncillor): number {
  return a.displayName.localeCompare(b.displayName, 'en-GB') || a.id - b.id;
}

function monthsOf(quarter: RotaQuarter): Array<{ start: CalendarDate; end: CalendarDate }> {
  const months: Array<{ start: CalendarDate; end: CalendarDate }> = [];
  let start = quarter.start;
  while (start <= quarter.end) {
    const [y, m] = start.split('-').map(Number);
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    months.push({ start, end: addDays(next, -1) });
    start = next;
  }
  return months;
}

/** Splits a span of days into `parts` equal windows, each with its middle day as the target. */
function windows(start: CalendarDate, end: CalendarDate, parts: number): Array<{ start: CalendarDate; end: CalendarDate; target: CalendarDate }> {
  const length = daysBetween(start, end) + 1;
  const result: Array<{ start: CalendarDate; end: CalendarDate; target: CalendarDate }> = [];
  for (let k = 0; k < parts; k++) {
    const from = Math.floor((k * length) / parts);
    const to = Math.floor(((k + 1) * length) / parts) - 1;
    result.push({ start: addDays(start, from), end: addDays(start, to), target: addDays(start, Math.floor((from + to) / 2)) });
  }
  return result;
}

/**
 * The year's visits before dates are fixed: each quarter holds one visit per active team (at
 * least one a month), rotating round the teams in the same order every quarter so each team is
 * seen about every three months. When the number per quarter divides by three the windows follow
 * the calendar months; otherwise the quarter is cut into equal spans.
 */
function slotsFor(municipalYear: string, teams: ReadonlyArray<RotaTeam>): Slot[] {
  if (teams.length === 0) {
    return [];
  }
  const perQuarter = Math.max(teams.length, MIN_VISITS_PER_QUARTER);
  const slots: Slot[] = [];
  quartersOf(municipalYear).forEach((quarter, q) => {
    const spans =
      perQuarter % 3 === 0
        ? monthsOf(quarter).reduce(
            (all, month) => all.concat(windows(month.start, month.end, perQuarter / 3)),
            [] as Array<{ start: string; end: string; target: string }>,
          )
        : windows(quarter.start, quarter.end, perQuarter);
    spans.forEach((span, k) => {
      slots.push({ quarter, team: teams[(q * perQuarter + k) % teams.length], target: span.target, windowStart: span.start, windowEnd: span.end });
    });
  });
  return slots;
}

function daysFrom(start: CalendarDate, end: CalendarDate): CalendarDate[] {
  const days: CalendarDate[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) {
    days.push(d);
  }
  return days;
}

/** Candidate days nearest the target first (the earlier of two equally near). */
function byNearness(days: ReadonlyArray<CalendarDate>, target: CalendarDate): CalendarDate[] {
  return days.slice().sort((a, b) => Math.abs(daysBetween(target, a)) - Math.abs(daysBetween(target, b)) || (a < b ? -1 : 1));
}

export function proposeRota(input: RotaPlanInput): RotaProposal {
  const range = municipalYearRange(input.municipalYear);
  const teams = input.teams.filter((t) => t.isActive).sort(byTitle);
  const councillors = input.councillors.slice().sort(byName);
  const holidays = new Set(input.bankHolidays.map((h) => h.date));
  const committee = new Set(input.committeeDates || []);
  const booked = input.bookedVisits || [];

  const tallies = new Map<number, Tally>(
    councillors.map(
      (c) =>
        [c.id, { visits: 0, dates: booked.filter((b) => b.memberIds.indexOf(c.id) !== -1).map((b) => b.visitDate), teams: new Map(), partners: new Map() }] as [
          number,
          Tally,
        ],
    ),
  );
  const usedDays = new Set<CalendarDate>();
  const isOpenDay = (d: CalendarDate): boolean => !isWeekend(d) && !holidays.has(d) && !committee.has(d) && !usedDays.has(d);
  const isFree = (c: RotaCouncillor, d: CalendarDate): boolean =>
    !isUnavailable(c, d) && (tallies.get(c.id) as Tally).dates.every((other) => Math.abs(daysBetween(other, d)) >= MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS);
  const freeOn = (d: CalendarDate): RotaCouncillor[] => councillors.filter((c) => isFree(c, d));

  const visits: ProposedVisit[] = [];
  for (const slot of slotsFor(input.municipalYear, teams)) {
    const inWindow = byNearness(daysFrom(slot.windowStart, slot.windowEnd).filter(isOpenDay), slot.target);
    const inQuarter = byNearness(
      daysFrom(slot.quarter.start, slot.quarter.end).filter((d) => isOpenDay(d) && (d < slot.windowStart || d > slot.windowEnd)),
      slot.target,
    );
    // The nearest open day on which two councillors are free; failing that anywhere in the
    // quarter; failing that the day in the window with most councillors free.
    const enough = (d: CalendarDate): boolean => freeOn(d).length >= COUNCILLORS_PER_VISIT;
    let day = inWindow.find(enough) || inQuarter.find(enough);
    if (!day) {
      const fallback = inWindow.length > 0 ? inWindow : inQuarter;
      day = fallback.reduce<CalendarDate | undefined>((best, d) => (best === undefined || freeOn(d).length > freeOn(best).length ? d : best), undefined);
    }
    if (!day) {
      // Not one open weekday left in the quarter: the coverage rule reports the team.
      continue;
    }
    const chosen = chooseCouncillors(freeOn(day), slot.team.id, tallies);
    usedDays.add(day);
    for (const c of chosen) {
      const tally = tallies.get(c.id) as Tally;
      tally.visits++;
      tally.dates.push(day);
      tally.teams.set(slot.team.id, (tally.teams.get(slot.team.id) || 0) + 1);
      for (const other of chosen) {
        if (other.id !== c.id) {
          tally.partners.set(other.id, (tally.partners.get(other.id) || 0) + 1);
        }
      }
    }
    visits.push({
      key: '',
      title: `${day.slice(0, 7)} ${slot.team.title}`,
      visitDate: day,
      quarter: slot.quarter.number,
      teamId: slot.team.id,
      teamTitle: slot.team.title,
      members: chosen.map((c) => (c.email ? { id: c.id, displayName: c.displayName, email: c.email } : { id: c.id, displayName: c.displayName })),
      status: 'Scheduled',
    });
  }
  visits.sort((a, b) => (a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : 0));
  visits.forEach((v, i) => {
    v.key = `${input.municipalYear} visit ${String(i + 1).padStart(2, '0')}`;
  });

  const problems = checkRota(visits, { ...input, councillors });
  return { municipalYear: input.municipalYear, visits, problems, notes: notesFor(range.start, teams, councillors, visits) };
}

/**
 * Among the councillors free that day: fewest visits so far, then the longest since their last
 * visit, then fewest visits to this team, then (for the second) the partner they have been paired
 * with least, then name order.
 */
function chooseCouncillors(free: ReadonlyArray<RotaCouncillor>, teamId: number, tallies: Map<number, Tally>): RotaCouncillor[] {
  const chosen: RotaCouncillor[] = [];
  const last = (c: RotaCouncillor): string => (tallies.get(c.id) as Tally).dates.reduce((latest, d) => (d > latest ? d : latest), '');
  while (chosen.length < COUNCILLORS_PER_VISIT) {
    const candidates = free.filter((c) => chosen.indexOf(c) === -1);
    if (candidates.length === 0) {
      break;
    }
    const partnerCount = (c: RotaCouncillor): number => chosen.reduce((sum, other) => sum + ((tallies.get(c.id) as Tally).partners.get(other.id) || 0), 0);
    const ranked = candidates.slice().sort((a, b) => {
      const ta = tallies.get(a.id) as Tally;
      const tb = tallies.get(b.id) as Tally;
      return (
        ta.visits - tb.visits ||
        (last(a) < last(b) ? -1 : last(a) > last(b) ? 1 : 0) ||
        (ta.teams.get(teamId) || 0) - (tb.teams.get(teamId) || 0) ||
        partnerCount(a) - partnerCount(b) ||
        free.indexOf(a) - free.indexOf(b)
      );
    });
    chosen.push(ranked[0]);
  }
  return chosen;
}

function notesFor(
  yearStart: CalendarDate,
  teams: ReadonlyArray<RotaTeam>,
  councillors: ReadonlyArray<RotaCouncillor>,
  visits: ReadonlyArray<ProposedVisit>,
): string[] {
  const notes: string[] = [];
  if (teams.length === 0) {
    notes.push('There is no active team to visit.');
    return notes;
  }
  if (teams.length > MIN_VISITS_PER_QUARTER) {
    notes.push(`${teams.length} active teams need ${teams.length} visits a quarter, so some months have two visits.`);
  } else if (teams.length < MIN_VISITS_PER_QUARTER) {
    notes.push(
      `With ${countWord(teams.length)} active team${teams.length === 1 ? '' : 's'}, one visit a month means some teams are visited more than once a quarter.`,
    );
  }
  const tally = new Map(councillors.map((c) => [c.id, 0] as [number, number]));
  let places = 0;
  for (const visit of visits) {
    places += COUNCILLORS_PER_VISIT;
    visit.members.forEach((m) => tally.set(m.id, (tally.get(m.id) || 0) + 1));
  }
  if (councillors.length > 0 && places > 0) {
    const groups = new Map<number, number>();
    tally.forEach((n) => groups.set(n, (groups.get(n) || 0) + 1));
    const parts = Array.from(groups.entries())
      .sort((a, b) => b[0] - a[0])
      .map(([n, people], i) => `${people} ${people === 1 ? 'has' : 'have'} ${n}${i === 0 ? ` visit${n === 1 ? '' : 's'}` : ''}`);
    const who = councillors.length === 1 ? 'councillor' : 'councillors';
    const filled = visits.reduce((sum, v) => sum + v.members.length, 0);
    const empty = places - filled;
    const emptyText = empty > 0 ? ` (${empty} ${empty === 1 ? 'place' : 'places'} left empty)` : '';
    notes.push(
      `${visits.length} visits from April ${yearStart.slice(0, 4)} to March ${Number(yearStart.slice(0, 4)) + 1}: ${places} places for ${councillors.length} ${who}; ${listNames(parts)}${emptyText}.`,
    );
  }
  return notes;
}
