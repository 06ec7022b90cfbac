/** The signed-in person (`currentuser`) and the site groups they are directly in. */
import { InnerResponse } from '../restShapes';
import type { WebRequest } from './context';
import { groupEntity } from './siteGroups';
import { userEntity } from './users';

/** `currentuser` and `currentuser/groups`; undefined when the path is not theirs. */
export function currentUserRoute(web: WebRequest): InnerResponse | undefined {
  const { ctx, caller, rest, select, one, many } = web;
  const [s1, s2] = rest;
  if (s1.name === 'currentuser') {
    const user = caller.user;
    if (rest.length === 1) {
      return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
    }
    if (s2.name === 'groups' && rest.length === 2) {
      // Direct membership only, as SharePoint answers: a group reached through an Entra security
      // group is not listed here (its CanCurrentUserViewMembership says so instead).
      return many(
        'SP.ApiData.Groups',
        ctx.store
          .groupsOf(user.id)
          .map((g) => ({ meta: { type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${g.id})` }, entity: groupEntity(ctx, g, caller, select) })),
      );
    }
  }
  return undefined;
}
