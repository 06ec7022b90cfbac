/**
 * The rules a year's rota keeps, checked in one place: by the planner on its own proposal (so a
 * rule it could not meet is reported, never broken silently) and by the rota screen on a rota the
 * improvement team has edited. Each problem is told in plain words a councillor or officer reads
 * without help.
 */
import type { BankHoliday } from './bankHolidays';
import { CalendarDate, daysBetween, formatLongDate, formatShortDate } from './calendarDate';
import { municipalYearRange, quartersOf } from './municipalYear';
import { RotaStatus } from './types';

/** No councillor visits twice within four weeks. */
export const MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS = 28;
/** Two councillors a visit. */
export const COUNCILLORS_PER_VISIT = 2;

export interface RotaTeam {
  id: number;
  title: string;
  isActive: boolean;
}

/** Days a councillor has said they cannot do: single days or ranges (both ends included). */
export type UnavailableDay = CalendarDate | { from: CalendarDate; to: CalendarDate };

export interface RotaCouncillor {
  id: number;
  displayName: string;
  email?: string;
  unavailable?: ReadonlyArray<UnavailableDay>;
}

export interface RotaMember {
  id: number;
  displayName: string;
  email?: string;
}

/** A visit as the rules see it. */
export interface RotaVisitToCheck {
  /** Stable key: the rota item id, or the proposal's own key before publishing. */
  key: string;
  visitDate: CalendarDate;
  teamId: number;
  members: ReadonlyArray<RotaMember>;
  /** Visits recorded as not held or moved are not counted. Omitted means scheduled. */
  status?: RotaStatus;
}

/** A visit outside the year being checked that still counts for the four-week gap (e.g. last March). */
export interface BookedVisit {
  visitDate: CalendarDate;
  memberIds: ReadonlyArray<number>;
}

export interface RotaRulesContext {
  /** The year, e.g. "2027/28" (April 2027 to March 2028). */
  municipalYear: string;
  /** Inactive teams need no visit. */
  teams: ReadonlyArray<RotaTeam>;
  /** The members' group: everyone who may be booked. */
  councillors: ReadonlyArray<RotaCouncillor>;
  /** England's bank holidays over the year (see `englandBankHolidays`). */
  bankHolidays: ReadonlyArray<BankHoliday>;
  /** Days the scrutiny committee meets. */
  committeeDates?: ReadonlyArray<CalendarDate>;
  /** Visits already booked near the year (last March's, say): they count for the four-week gap. */
  bookedVisits?: ReadonlyArray<BookedVisit>;
}

export type RotaRule =
  'quarterlyCoverage' | 'twoCouncillors' | 'fourWeekGap' | 'weekday' | 'bankHoliday' | 'committeeDate' | 'unavailable' | 'evenShare' | 'withinYear';

export interface RotaProblem {
  rule: RotaRule;
  /** Plain words for the screen. */
  message: string;
  visitKeys: string[];
  councillorIds: number[];
  teamId?: number;
}

export function isUnavailable(councillor: RotaCouncillor, date: CalendarDate): boolean {
  return (councillor.unavailable || []).some((u) => (typeof u === 'string' ? u === date : date >= u.from && date <= u.to));
}

export function isWeekend(date: CalendarDate): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/** "Cllr Hale", "Cllr Hale and Cllr Osei", "Cllr Ashby, Cllr Hale and Cllr Osei". */
export function listNames(names: ReadonlyArray<string>): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function countWord(n: number): string {
  const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  return n >= 0 && n < words.length ? words[n] : String(n);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function counts(visit: RotaVisitToCheck): boolean {
  return visit.status !== 'NotHeld' && visit.status !== 'Rescheduled';
}

function sortedCopy<T>(items: ReadonlyArray<T>, compare: (a: T, b: T) => number): T[] {
  return items.slice().sort(compare);
}

/** Every rule the visits break, in a stable order: by rule, then by date. */
export function checkRota(visits: ReadonlyArray<RotaVisitToCheck>, context: RotaRulesContext): RotaProblem[] {
  const live = sortedCopy(visits.filter(counts), (a, b) =>
    a.visitDate < b.visitDate ? -1 : a.visitDate > b.visitDate ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  const teamTitle = new Map(context.teams.map((t) => [t.id, t.title] as [number, string]));
  const councillorById = new Map(context.councillors.map((c) => [c.id, c] as [number, RotaCouncillor]));
  const holidays = new Map(context.bankHolidays.map((h) => [h.date, h.name] as [string, string]));
  const committee = new Set(context.committeeDates || []);
  const problems: RotaProblem[] = [];
  const visitLabel = (v: RotaVisitToCheck): string => `${teamTitle.get(v.teamId) || 'the team'} on ${formatLongDate(v.visitDate)}`;

  // Each active team at least once a quarter.
  const range = municipalYearRange(context.municipalYear);
  for (const quarter of quartersOf(context.municipalYear)) {
    for (const team of sortedCopy(
      context.teams.filter((t) => t.isActive),
      (a, b) => a.title.localeCompare(b.title) || a.id - b.id,
    )) {
      if (!live.some((v) => v.teamId === team.id && v.visitDate >= quarter.start && v.visitDate <= quarter.end)) {
        problems.push({
          rule: 'quarterlyCoverage',
          message: `${team.title} has no visit in ${quarter.label}.`,
          visitKeys: [],
          councillorIds: [],
          teamId: team.id,
        });
      }
    }
  }

  for (const visit of live) {
    const label = visitLabel(visit);
    if (visit.visitDate < range.start || visit.visitDate > range.end) {
      problems.push({
        rule: 'withinYear',
        message: `The visit to ${label} is outside ${context.municipalYear}.`,
        visitKeys: [visit.key],
        councillorIds: [],
        teamId: visit.teamId,
      });
    }
    // The same councillor named twice is still one councillor.
    const people = new Set(visit.members.map((m) => m.id)).size;
    if (people < COUNCILLORS_PER_VISIT) {
      problems.push({
        rule: 'twoCouncillors',
        message: `The visit to ${label} has ${countWord(people)} councillor${people === 1 ? '' : 's'}; it needs ${countWord(COUNCILLORS_PER_VISIT)}. ${whyNoneFree(visit, live, context)}`,
        visitKeys: [visit.key],
        councillorIds: visit.members.map((m) => m.id),
        teamId: visit.teamId,
      });
    }
    if (isWeekend(visit.visitDate)) {
      problems.push({ rule: 'weekday', message: `The visit to ${label} falls at a weekend.`, visitKeys: [visit.key], councillorIds: [], teamId: visit.teamId });
    }
    const holiday = holidays.get(visit.visitDate);
    if (holiday) {
      problems.push({
        rule: 'bankHoliday',
        message: `The visit to ${label} falls on a bank holiday (${holiday}).`,
        visitKeys: [visit.key],
        councillorIds: [],
        teamId: visit.teamId,
      });
    }
    if (committee.has(visit.visitDate)) {
      problems.push({
        rule: 'committeeDate',
        message: `The visit to ${label} clashes with a committee meeting.`,
        visitKeys: [visit.key],
        councillorIds: [],
        teamId: visit.teamId,
      });
    }
    for (const member of visit.members) {
      const councillor = councillorById.get(member.id);
      if (councillor && isUnavailable(councillor, visit.visitDate)) {
        problems.push({
          rule: 'unavailable',
          message: `${member.displayName} is booked for ${label} but has said they cannot do that day.`,
          visitKeys: [visit.key],
          councillorIds: [member.id],
          teamId: visit.teamId,
        });
      }
    }
  }

  problems.push(...fourWeekGapProblems(live, context));
  const share = evenShareProblem(live, context);
  if (share) {
    problems.push(share);
  }
  const order: RotaRule[] = [
    'quarterlyCoverage',
    'twoCouncillors',
    'fourWeekGap',
    'unavailable',
    'bankHoliday',
    'committeeDate',
    'weekday',
    'withinYear',
    'evenShare',
  ];
  return problems
    .map((p, index) => ({ p, index }))
    .sort((a, b) => order.indexOf(a.p.rule) - order.indexOf(b.p.rule) || a.index - b.index)
    .map((x) => x.p);
}

/** Why no second councillor is on a visit: who cannot do the day, who has a visit too close to it. */
function whyNoneFree(visit: RotaVisitToCheck, live: ReadonlyArray<RotaVisitToCheck>, context: RotaRulesContext): string {
  const booked = new Set(visit.members.map((m) => m.id));
  let cannot = 0;
  let tooClose = 0;
  let free = 0;
  for (const councillor of context.councillors) {
    if (booked.has(councillor.id)) {
      continue;
    }
    if (isUnavailable(councillor, visit.visitDate)) {
      cannot++;
    } else if (hasVisitWithinGap(councillor.id, visit.visitDate, live, context.bookedVisits || [], visit.key)) {
      tooClose++;
    } else {
      free++;
    }
  }
  if (context.councillors.length < COUNCILLORS_PER_VISIT) {
    return `The members' group has ${countWord(context.councillors.length)} councillor${context.councillors.length === 1 ? '' : 's'}.`;
  }
  if (free > 0) {
    return `${capitalise(countWord(free))} other councillor${free === 1 ? ' is' : 's are'} free that day.`;
  }
  const reasons: string[] = [];
  if (cannot > 0) {
    reasons.push(`${countWord(cannot)} ${cannot === 1 ? 'has' : 'have'} said they cannot do that day`);
  }
  if (tooClose > 0) {
    reasons.push(`${countWord(tooClose)} ${tooClose === 1 ? 'has' : 'have'} another visit within four weeks of it`);
  }
  return `No other councillor is free: ${reasons.join(' and ')}.`;
}

export function hasVisitWithinGap(
  councillorId: number,
  date: CalendarDate,
  visits: ReadonlyArray<RotaVisitToCheck>,
  booked: ReadonlyArray<BookedVisit>,
  exceptKey?: string,
): boolean {
  const close = (other: CalendarDate): boolean => Math.abs(daysBetween(other, date)) < MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS;
  return (
    visits.some((v) => v.key !== exceptKey && counts(v) && v.members.some((m) => m.id === councillorId) && close(v.visitDate)) ||
    booked.some((b) => b.memberIds.indexOf(councillorId) !== -1 && close(b.visitDate))
  );
}

function fourWeekGapProblems(live: ReadonlyArray<RotaVisitToCheck>, context: RotaRulesContext): RotaProblem[] {
  const problems: RotaProblem[] = [];
  const names = new Map<number, string>();
  const dates = new Map<number, Array<{ date: CalendarDate; key?: string }>>();
  const add = (id: number, date: CalendarDate, key?: string): void => {
    dates.set(id, (dates.get(id) || []).concat([{ date, key }]));
  };
  for (const visit of live) {
    for (const member of visit.members) {
      names.set(member.id, member.displayName);
      add(member.id, visit.visitDate, visit.key);
    }
  }
  for (const booked of context.bookedVisits || []) {
    for (const id of booked.memberIds) {
      if (dates.has(id)) {
        add(id, booked.visitDate);
      }
    }
  }
  const ids = Array.from(dates.keys()).sort((a, b) => (names.get(a) || '').localeCompare(names.get(b) || '') || a - b);
  for (const id of ids) {
    const own = (dates.get(id) || []).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    for (let i = 1; i < own.length; i++) {
      const gap = daysBetween(own[i - 1].date, own[i].date);
      if (gap < MIN_DAYS_BETWEEN_A_COUNCILLORS_VISITS && (own[i - 1].key || own[i].key)) {
        const apart = gap === 0 ? 'on the same day' : `${plural(gap, 'day', 'days')} apart`;
        problems.push({
          rule: 'fourWeekGap',
          message: `${names.get(id)} has visits on ${formatShortDate(own[i - 1].date)} and ${formatShortDate(own[i].date)}, ${apart}; no councillor should visit twice within four weeks.`,
          visitKeys: [own[i - 1].key, own[i].key].filter((k): k is string => !!k),
          councillorIds: [id],
        });
      }
    }
  }
  return problems;
}

/** A visit of a councillor with most visits that one with fewest could take without breaking a rule. */
function swappableVisit(
  live: ReadonlyArray<RotaVisitToCheck>,
  top: ReadonlyArray<RotaCouncillor>,
  bottom: ReadonlyArray<RotaCouncillor>,
  context: RotaRulesContext,
): { visit: RotaVisitToCheck; from: RotaCouncillor; to: RotaCouncillor } | undefined {
  for (const visit of live) {
    for (const from of top) {
      if (!visit.members.some((m) => m.id === from.id)) {
        continue;
      }
      for (const to of bottom) {
        const free =
          !visit.members.some((m) => m.id === to.id) &&
          !isUnavailable(to, visit.visitDate) &&
          !hasVisitWithinGap(to.id, visit.visitDate, live, context.bookedVisits || [], visit.key);
        if (free) {
          return { visit, from, to };
        }
      }
    }
  }
  return undefined;
}

/**
 * Places shared as evenly as the numbers allow means no councillor has two more visits than
 * another. When the share is wider, say who has most and least, and why if the data shows it.
 */
function evenShareProblem(live: ReadonlyArray<RotaVisitToCheck>, context: RotaRulesContext): RotaProblem | undefined {
  if (context.councillors.length < 2 || live.length === 0) {
    return undefined;
  }
  const tally = new Map(context.councillors.map((c) => [c.id, 0] as [number, number]));
  let places = 0;
  for (const visit of live) {
    for (const member of visit.members) {
      if (tally.has(member.id)) {
        tally.set(member.id, (tally.get(member.id) || 0) + 1);
        places++;
      }
    }
  }
  const values = Array.from(tally.values());
  const most = Math.max(...values);
  const least = Math.min(...values);
  if (most - least <= 1) {
    return undefined;
  }
  const byName = sortedCopy(context.councillors, (a, b) => a.displayName.localeCompare(b.displayName) || a.id - b.id);
  const top = byName.filter((c) => tally.get(c.id) === most);
  const bottom = byName.filter((c) => tally.get(c.id) === least);
  const middle = byName.length - top.length - bottom.length;
  const visitWord = (n: number): string => plural(n, 'visit', 'visits');
  const topText = `${listNames(top.map((c) => c.displayName))} ${top.length === 1 ? 'has' : 'each have'} ${visitWord(most)}`;
  const bottomText = middle === 0 && top.length === 1 && bottom.length > 1 ? `others ${least}` : `${listNames(bottom.map((c) => c.displayName))} ${least}`;
  const visitDates = live.map((v) => v.visitDate);
  const reasons: string[] = [];
  for (const c of bottom) {
    const cannot = visitDates.filter((d) => isUnavailable(c, d)).length;
    if (cannot > 0) {
      reasons.push(`${c.displayName} cannot do ${cannot} of the ${visitDates.length} visit dates`);
    }
  }
  if (reasons.length === 0) {
    const swap = swappableVisit(live, top, bottom, context);
    reasons.push(
      swap
        ? `${swap.to.displayName} is free to take ${swap.from.displayName}'s place on ${formatShortDate(swap.visit.visitDate)}`
        : `only ${context.councillors.length} councillors for ${places} places, and no one may visit twice within four weeks`,
    );
  }
  return {
    rule: 'evenShare',
    message: `Visits are not shared evenly: ${topText}, ${bottomText}: ${reasons.join('; ')}.`,
    visitKeys: [],
    councillorIds: top.concat(bottom).map((c) => c.id),
  };
}
