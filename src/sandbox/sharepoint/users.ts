/** Site users (`siteusers`, `getuserbyid`, `ensureuser`) and how SharePoint shows a person. */
import { mailboxOf } from '../directory';
import { SpError, spErrors } from '../errors';
import { InnerResponse } from '../restShapes';
import type { SiteUser } from '../store';
import { argValue, namedArg, Segment } from './apiPath';
import { parseJsonBody, WebRequest } from './context';

function nameIdFor(user: SiteUser): string {
  return `10032000${user.id.toString(16).padStart(8, '0')}`.toLowerCase();
}

export function userEntity(user: SiteUser): { [k: string]: unknown } {
  // An Entra security group added to the site is a principal of type 4 with no email or UPN.
  const person = !user.isApp && user.principalType === 1;
  return {
    Id: user.id,
    IsHiddenInUI: false,
    LoginName: user.loginName,
    Title: user.title,
    PrincipalType: user.principalType,
    Email: mailboxOf(user),
    Expiration: '',
    IsEmailAuthenticationGuestUser: false,
    IsShareByEmailGuestUser: false,
    IsSiteAdmin: false,
    UserId: person ? { NameId: nameIdFor(user), NameIdIssuer: 'urn:federation:microsoftonline' } : null,
    UserPrincipalName: person ? user.email : null,
    AadObjectId: { NameId: user.objectId, NameIdIssuer: 'urn:federation:microsoftonline' },
  };
}

/** `siteusers`, `siteusers(…)`, `getuserbyid` and `ensureuser`; undefined when the path is not theirs. */
export function siteUsersRoute(web: WebRequest): InnerResponse | undefined {
  const { ctx, req, method, rest, one, many } = web;
  const params = req.url.searchParams;
  const [s1, s2] = rest;
  const userBy = (seg: Segment): SiteUser | undefined => {
    const arg = argValue(seg.args);
    if (seg.name === 'getbyid' || seg.name === 'getuserbyid') {
      return ctx.store.userById(Number(arg));
    }
    if (seg.name === 'getbyemail') {
      return ctx.store.userByEmail(arg);
    }
    if (seg.name === 'getbyloginname') {
      return ctx.store.userByLoginName(arg);
    }
    return undefined;
  };
  const oneUser = (user: SiteUser | undefined): InnerResponse => {
    if (!user) {
      throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.');
    }
    return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
  };
  if (s1.name === 'siteusers' && s1.args !== undefined) {
    // siteUsers('login') or siteUsers(@v)?@v='login', as PnPjs's getByLoginName asks: one user.
    const alias = s1.args.trim();
    const login = argValue(alias.startsWith('@') ? (params.get(alias) ?? '') : alias);
    if (rest.length === 1) {
      return oneUser(ctx.store.userByLoginName(login));
    }
    throw spErrors.notSupported(
      `/_api/web/siteusers(…)/${rest
        .slice(1)
        .map((r) => r.name)
        .join('/')}`,
    );
  }
  if (s1.name === 'siteusers') {
    if (rest.length === 1) {
      return many(
        'SP.ApiData.Users',
        ctx.store.users().map((u) => ({ meta: { type: 'SP.User', editLink: `Web/GetUserById(${u.id})` }, entity: userEntity(u) })),
      );
    }
    if (rest.length === 2) {
      return oneUser(userBy(s2));
    }
  }
  if (s1.name === 'getuserbyid' && rest.length === 1) {
    return oneUser(userBy(s1));
  }
  if (s1.name === 'ensureuser' && rest.length === 1) {
    if (method !== 'POST') {
      throw spErrors.notSupported(`${method} ensureuser`);
    }
    const body = parseJsonBody(req.body) as { logonName?: unknown };
    const logonName = typeof body.logonName === 'string' ? body.logonName : namedArg(s1.args, 'logonName') || argValue(s1.args);
    const user = logonName ? ctx.store.userByLoginName(logonName) || ctx.store.userByEmail(logonName.replace(/^i:0#\.f\|membership\|/i, '')) : undefined;
    if (!user) {
      throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', `The specified user ${logonName || ''} could not be found.`);
    }
    return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${user.id})` }, userEntity(user));
  }
  return undefined;
}
