/**
 * Who may answer a report: the team's Head of Service (Frontline Teams → HeadOfService) or a member
 * of the Heads of Service group (docs/architecture.md §4). Decided on the server, by the Entra object id Teams
 * puts on the action (`activity.from.aadObjectId`), against the site users' `AadObjectId.NameId`.
 * Nothing is cached: a person removed from the group loses the right at once.
 */
import { FrontlineLists, objectIdOf, SiteUser } from './lists';

export type AnswerRight =
  | { allowed: true; siteUserId: number; displayName: string; email?: string; via: 'team' | 'group' }
  | { allowed: false; teamTitle?: string };

export async function answerRight(lists: FrontlineLists, actorObjectId: string | undefined, teamId: number | undefined): Promise<AnswerRight> {
  const actor = (actorObjectId || '').toLowerCase();
  const team = teamId !== undefined ? await lists.team(teamId) : undefined;
  if (!actor) {
    return { allowed: false, teamTitle: team && team.title };
  }
  if (team && team.headOfServiceId !== undefined) {
    const hos = await lists.siteUser(team.headOfServiceId);
    if (hos && objectIdOf(hos) === actor) {
      return { allowed: true, siteUserId: hos.Id, displayName: hos.Title, email: hos.Email, via: 'team' };
    }
  }
  const member = (await lists.headsOfServiceGroup()).filter((u) => objectIdOf(u) === actor)[0];
  if (member) {
    return { allowed: true, siteUserId: member.Id, displayName: member.Title, email: member.Email, via: 'group' };
  }
  return { allowed: false, teamTitle: team && team.title };
}

/** The Entra object ids of everyone who may answer for a team: the card refreshes for them. */
export async function answererObjectIds(lists: FrontlineLists, teamId: number | undefined): Promise<string[]> {
  const people: SiteUser[] = await lists.headsOfServiceGroup();
  const team = teamId !== undefined ? await lists.team(teamId) : undefined;
  if (team && team.headOfServiceId !== undefined) {
    const hos = await lists.siteUser(team.headOfServiceId);
    if (hos) {
      people.unshift(hos);
    }
  }
  const ids = people.map(objectIdOf).filter((id): id is string => !!id);
  return ids.filter((id, i) => ids.indexOf(id) === i);
}
