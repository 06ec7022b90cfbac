/**
 * What a report claims, checked on the server when the bot picks it up (docs/architecture.md §4: enforced
 * where the data lives). The form makes the same choices in the browser, but a report can reach
 * the list by any SharePoint client, so the bot checks them against the lists themselves:
 *
 * - its elected members are councillors (members of the councillors' group);
 * - for a rota visit: the rota entry exists, its author was booked on it, its team is the rota's,
 *   and its members and date are the rota's (or it is flagged as changed);
 * - its team exists;
 * - its visit date is not more than a year before it was submitted.
 *
 * The form's own checks (a whole-number scale from 0 to 10, text within the limits, a visit date
 * not after submission, nothing required missing) are run again on every view of the card
 * ("Incomplete: …") and by the committee pack, so they need no record here.
 *
 * A problem means the report is not used as it stands: it is flagged on its card and left out of
 * the averages in the committee pack. A note (members or date changed from the rota, as happens
 * when a councillor stands in) is shown, not held against it.
 */
import { addDays, calendarDateFromSharePoint, CalendarDate, compareDates, formatLongDate, londonDateOf } from '../domain/calendarDate';
import { ServerCheck, VisitReport } from '../domain/types';
import { GraphError } from '@microsoft/microsoft-graph-client';
import { odataStringLiteral } from '../data/odata';
import { ROLE_GROUPS } from '../domain/roles';
import { groupMembers, membership } from './headOfService';
import { FrontlineLists, GraphListItem, objectIdOf, RotaRecord, rotaFromGraph, SiteUser } from './lists';

/** A visit this long before its submission is a mistyped date, not a late report. */
export const MAX_VISIT_AGE_DAYS = 366;

export interface ClaimFacts {
  /** Site user ids of the councillors (the members' group). */
  councillorIds: ReadonlyArray<number>;
  /** The report's author (site user id), when known. */
  authorId?: number;
  /** The rota entry the report names, when it names one and it exists. */
  rota?: RotaRecord;
  /** Whether the team the report names exists. */
  teamExists: boolean;
  /** Display names for site user ids (for messages). */
  names?: { [id: number]: string };
}

export function checkClaims(report: VisitReport, facts: ClaimFacts, submittedOn: string, checkedOn: string): ServerCheck {
  const problems: string[] = [];
  const notes: string[] = [];
  const name = (id: number): string =>
    (facts.names && facts.names[id]) || report.members.filter((m) => m.id === id).map((m) => m.displayName)[0] || `user ${id}`;

  const notCouncillors = report.members.filter((m) => facts.councillorIds.indexOf(m.id) === -1);
  if (notCouncillors.length) {
    problems.push(`Its elected members include people who are not councillors: ${notCouncillors.map((m) => m.displayName || `user ${m.id}`).join(', ')}.`);
  }
  if (report.teamId !== undefined && !facts.teamExists) {
    problems.push('It names a team that is not on the list of Frontline Teams.');
  }
  const submittedDay = calendarDateFromSharePoint(submittedOn) || londonDateOf(new Date(checkedOn));
  if (report.visitDate && compareDates(report.visitDate, addDays(submittedDay, -MAX_VISIT_AGE_DAYS)) < 0) {
    problems.push(`Its visit date (${formatLongDate(report.visitDate)}) is more than a year before it was submitted.`);
  }
  if (report.rotaEntryId !== undefined) {
    const rota = facts.rota;
    if (!rota) {
      problems.push('It names a rota visit that does not exist.');
    } else {
      if (facts.authorId !== undefined && rota.memberIds.indexOf(facts.authorId) === -1) {
        problems.push(`It names a rota visit its author (${name(facts.authorId)}) was not booked on.`);
      }
      if (report.teamId !== undefined && rota.teamId !== report.teamId) {
        problems.push('Its team is not the team of the rota visit it names.');
      }
      const claimed = report.members.map((m) => m.id).sort((a, b) => a - b);
      const booked = rota.memberIds.slice().sort((a, b) => a - b);
      if (claimed.join(',') !== booked.join(',')) {
        notes.push(`Changed from the rota: the rota booked ${rota.members.join(', ') || 'no one'}.`);
      }
      if (report.visitDate && rota.visitDate && report.visitDate !== rota.visitDate) {
        notes.push(`Changed from the rota: the rota dated the visit ${formatLongDate(rota.visitDate as CalendarDate)}.`);
      }
    }
  }
  return { problems, notes, checkedOn };
}

/** The card's line for what the checks found, or undefined. */
export function serverCheckNotice(check: ServerCheck | undefined): string | undefined {
  if (!check) {
    return undefined;
  }
  const lines: string[] = [];
  if (check.problems.length) {
    lines.push(`Checked on the server: ${check.problems.join(' ')} It is left out of the committee pack's averages; the improvement team should check it.`);
  }
  if (check.notes.length) {
    lines.push(check.notes.join(' '));
  }
  return lines.length ? lines.join('\n\n') : undefined;
}

/** Reads what the checks need from the lists: the councillors' group, the rota entry, the team. */
export async function gatherClaimFacts(lists: FrontlineLists, report: VisitReport & { authorId?: number }): Promise<ClaimFacts> {
  const councillors = await lists.spRest<{ value: SiteUser[] }>('GET', `/_api/web/sitegroups/getbyname(${odataStringLiteral(ROLE_GROUPS.Councillor)})/users`);
  // A councillor may belong through an Entra security group in the members' group.
  const group = groupMembers(councillors.value || []);
  const councillorIds = group.people.map((u) => u.Id);
  for (const member of report.members) {
    if (councillorIds.indexOf(member.id) === -1 && group.entraGroupIds.length) {
      const objectId = objectIdOf(await lists.siteUser(member.id));
      if (objectId && (await membership(lists, group, objectId))) {
        councillorIds.push(member.id);
      }
    }
  }
  let rota: RotaRecord | undefined;
  if (report.rotaEntryId !== undefined) {
    const ids = await lists.listIds();
    try {
      const item = (await lists.graph.api(`/sites/${ids.siteId}/lists/${ids.visitRota}/items/${report.rotaEntryId}`).expand('fields').get()) as GraphListItem;
      rota = rotaFromGraph(item);
    } catch (error) {
      if (!(error instanceof GraphError && error.statusCode === 404)) {
        throw error;
      }
    }
  }
  const team = report.teamId !== undefined ? await lists.team(report.teamId) : undefined;
  return { councillorIds, authorId: report.authorId, rota, teamExists: !!team };
}
