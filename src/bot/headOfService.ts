/**
 * Who may answer a report (docs/architecture.md §4): a member of the Heads of Service group — a group only
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
  | { allowed: false; teamTitle?: string; reason: 'unidentified' | 'notInGroup' | 'notNamedForTeam' }
  /** Graph or SharePoint would not say (a missing directory permission, an outage): refused, and why logged. */
  | { allowed: false; teamTitle?: string; reason: 'cannotCheck'; detail: string };

/** What the bot's app registration needs for Entra groups in the Heads of Service group. */
export const DIRECTORY_PERMISSIONS_HINT = 'grant the bot the Microsoft Graph application permissions User.Read.All and GroupMember.Read.All';

export interface GroupMembers {
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
  return groupMembers(await lists.headsOfServiceGroup());
}

/** A site group's people, and the Entra groups it holds (whose people Graph names). */
export function groupMembers(principals: ReadonlyArray<SiteUser>): GroupMembers {
  const people = principals.filter((p) => p.PrincipalType === undefined || p.PrincipalType === 1);
  const entraGroupIds = principals
    .filter((p) => p.PrincipalType === SECURITY_GROUP)
    .map(entraGroupIdOf)
    .filter((id): id is string => !!id);
  return { people, entraGroupIds };
}

/** The person's membership of the group: 'group' directly, 'entraGroup' through an Entra group. */
export async function membership(
  lists: FrontlineLists,
  members: GroupMembers,
  objectId: string,
): Promise<{ via: 'group' | 'entraGroup'; person?: SiteUser } | undefined> {
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
  let member: Awaited<ReturnType<typeof membership>>;
  let person: SiteUser | undefined;
  try {
    member = await membership(lists, await headsOfService(lists), actor);
    if (!member) {
      return { allowed: false, teamTitle, reason: 'notInGroup' };
    }
    person = member.person || (await siteUserFor(lists, actor));
  } catch (error) {
    return { allowed: false, teamTitle, reason: 'cannotCheck', detail: `${(error as Error).message} (if Graph refused it: ${DIRECTORY_PERMISSIONS_HINT})` };
  }
  if (!person) {
    return { allowed: false, teamTitle, reason: 'notInGroup' };
  }
  return { allowed: true, siteUserId: person.Id, displayName: person.Title, email: person.Email, via: member.via };
}

/** A person who may answer, as Teams and Graph name them (mentions, refresh ids, activity feed). */
export interface Answerer {
  objectId: string;
  displayName: string;
}

/**
 * Everyone who may answer for a team: its named Head of Service if they are in the group (the
 * name narrows, never widens: none if they are not), else every person in the group with its
 * Entra groups expanded to their people. An Entra group Graph will not expand is left out (and
 * `warn`ed about): the people added directly are still named.
 */
export async function answerers(lists: FrontlineLists, teamId: number | undefined, warn: (message: string) => void = () => undefined): Promise<Answerer[]> {
  const members = await headsOfService(lists);
  const team = teamId !== undefined ? await lists.team(teamId) : undefined;
  if (team && team.headOfServiceId !== undefined) {
    const named = await lists.siteUser(team.headOfServiceId);
    const objectId = objectIdOf(named);
    return named && objectId && (await membership(lists, members, objectId)) ? [{ objectId, displayName: named.Title }] : [];
  }
  const out: Answerer[] = members.people.map((u) => ({ objectId: objectIdOf(u) || '', displayName: u.Title })).filter((a) => !!a.objectId);
  for (const groupId of members.entraGroupIds) {
    try {
      (await lists.transitiveMemberUsers(groupId)).forEach((u) =>
        out.push({ objectId: u.id.toLowerCase(), displayName: u.displayName || u.userPrincipalName || 'Head of Service' }),
      );
    } catch (error) {
      warn(
        `Could not list the people of Entra group ${groupId} in the Heads of Service group (${(error as Error).message}); to reach them, ${DIRECTORY_PERMISSIONS_HINT}.`,
      );
    }
  }
  return out.filter((a, i) => out.findIndex((b) => b.objectId === a.objectId) === i);
}

/** The Entra object ids of everyone who may answer for a team: the card refreshes for them. */
export async function answererObjectIds(
  lists: FrontlineLists,
  teamId: number | undefined,
  warn: (message: string) => void = () => undefined,
): Promise<string[]> {
  return (await answerers(lists, teamId, warn)).map((a) => a.objectId);
}

/**
 * Teams that name a Head of Service who cannot answer (not in the group, or gone from the site):
 * the name narrows the group to nobody, so the digest tells the improvement team.
 */
export async function teamsNobodyCanAnswer(lists: FrontlineLists): Promise<Array<{ teamTitle: string; namedName?: string }>> {
  const teams = (await lists.teams()).filter((t) => t.headOfServiceId !== undefined);
  if (!teams.length) {
    return [];
  }
  const members = await headsOfService(lists);
  const out: Array<{ teamTitle: string; namedName?: string }> = [];
  for (const team of teams) {
    const named = await lists.siteUser(team.headOfServiceId as number);
    const objectId = objectIdOf(named);
    if (!named || !objectId || !(await membership(lists, members, objectId))) {
      out.push({ teamTitle: team.title, namedName: named ? named.Title : undefined });
    }
  }
  return out;
}
