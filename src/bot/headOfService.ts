/**
 * Who may answer a report (DESIGN.md §4): a member of the Heads of Service group — a group only
 * the site owners can change — directly or through an Entra security group the site owners put
 * in it. A team's named Head of Service (Frontline Teams → HeadOfService, which the improvement
 * team can edit) narrows who may answer for that team to that one person, and never widens it:
 * naming someone outside the group gives them nothing.
 *
 * Decided on the server, by the Entra object id Teams puts on the action
 * (`activity.from.aadObjectId`): against the group's people by their `AadObjectId.NameId`, and
 * against its Entra groups through Microsoft Graph `checkMemberGroups` (transitive). Nothing is
 * cached: a person removed from a group loses the right at once.
 */
import { FrontlineLists, objectIdOf, SiteUser } from './lists';

/** SharePoint's PrincipalType for an Entra security group held in a SharePoint group. */
const SECURITY_GROUP = 4;

export type AnswerRight =
  | { allowed: true; siteUserId: number; displayName: string; email?: string; via: 'group' | 'entraGroup' }
  | { allowed: false; teamTitle?: string; reason: 'unidentified' | 'notInGroup' | 'notNamedForTeam' };

interface GroupMembers {
  people: SiteUser[];
  /** Entra object ids of the security groups held in the group. */
  entraGroupIds: string[];
}

/** The Entra group id of a SecurityGroup principal: its AadObjectId, or the id in its claim. */
function entraGroupIdOf(principal: SiteUser): string | undefined {
  const fromClaim = /^c:0t\.c\|tenant\|([0-9a-f-]{36})$/i.exec(principal.LoginName || '');
  return objectIdOf(principal) || (fromClaim ? fromClaim[1].toLowerCase() : undefined);
}

async function headsOfService(lists: FrontlineLists): Promise<GroupMembers> {
  const principals = await lists.headsOfServiceGroup();
  const people = principals.filter((p) => p.PrincipalType === undefined || p.PrincipalType === 1);
  const entraGroupIds = principals
    .filter((p) => p.PrincipalType === SECURITY_GROUP)
    .map(entraGroupIdOf)
    .filter((id): id is string => !!id);
  return { people, entraGroupIds };
}

/** The person's membership of the group: 'group' directly, 'entraGroup' through an Entra group. */
async function membership(lists: FrontlineLists, members: GroupMembers, objectId: string): Promise<{ via: 'group' | 'entraGroup'; person?: SiteUser } | undefined> {
  const direct = members.people.filter((u) => objectIdOf(u) === objectId)[0];
  if (direct) {
    return { via: 'group', person: direct };
  }
  if (members.entraGroupIds.length && (await lists.checkMemberGroups(objectId, members.entraGroupIds)).length) {
    return { via: 'entraGroup' };
  }
  return undefined;
}

/** The site user to record as the answer's author: a person in only through an Entra group may never have visited the site. */
async function siteUserFor(lists: FrontlineLists, objectId: string): Promise<SiteUser | undefined> {
  const person = await lists.directoryUser(objectId);
  if (!person || !person.userPrincipalName) {
    return undefined;
  }
  return lists.ensureSiteUser(`i:0#.f|membership|${person.userPrincipalName}`);
}

export async function answerRight(lists: FrontlineLists, actorObjectId: string | undefined, teamId: number | undefined): Promise<AnswerRight> {
  const actor = (actorObjectId || '').toLowerCase();
  const team = teamId !== undefined ? await lists.team(teamId) : undefined;
  const teamTitle = team && team.title;
  if (!actor) {
    return { allowed: false, teamTitle, reason: 'unidentified' };
  }
  if (team && team.headOfServiceId !== undefined) {
    const named = await lists.siteUser(team.headOfServiceId);
    if (!named || objectIdOf(named) !== actor) {
      return { allowed: false, teamTitle, reason: 'notNamedForTeam' };
    }
  }
  const member = await membership(lists, await headsOfService(lists), actor);
  if (!member) {
    return { allowed: false, teamTitle, reason: 'notInGroup' };
  }
  const person = member.person || (await siteUserFor(lists, actor));
  if (!person) {
    return { allowed: false, teamTitle, reason: 'notInGroup' };
  }
  return { allowed: true, siteUserId: person.Id, displayName: person.Title, email: person.Email, via: member.via };
}

/** The Entra object ids of everyone who may answer for a team: the card refreshes for them. */
export async function answererObjectIds(lists: FrontlineLists, teamId: number | undefined): Promise<string[]> {
  const members = await headsOfService(lists);
  const team = teamId !== undefined ? await lists.team(teamId) : undefined;
  if (team && team.headOfServiceId !== undefined) {
    const named = objectIdOf(await lists.siteUser(team.headOfServiceId));
    return named && (await membership(lists, members, named)) ? [named] : [];
  }
  const ids = members.people.map(objectIdOf).filter((id): id is string => !!id);
  for (const groupId of members.entraGroupIds) {
    (await lists.transitiveMemberUsers(groupId)).forEach((u) => ids.push(u.id.toLowerCase()));
  }
  return ids.filter((id, i) => ids.indexOf(id) === i);
}
