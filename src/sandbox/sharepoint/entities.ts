/** The web, lists, site users, groups and subscriptions as SharePoint REST shapes them. */
import { entityTypeName } from '../listModel';
import { Caller, mayManageGroup, mayViewMembership } from '../security';
import { SiteGroup, SiteUser, StoredList, Subscription } from '../store';
import type { SpContext } from './context';

export const WEB_TITLE = 'Frontline Visits';

export function nameIdFor(user: SiteUser): string {
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
    Email: user.email,
    Expiration: '',
    IsEmailAuthenticationGuestUser: false,
    IsShareByEmailGuestUser: false,
    IsSiteAdmin: false,
    UserId: person ? { NameId: nameIdFor(user), NameIdIssuer: 'urn:federation:microsoftonline' } : null,
    UserPrincipalName: person ? user.email : null,
    AadObjectId: { NameId: user.objectId, NameIdIssuer: 'urn:federation:microsoftonline' }
  };
}

/** The group properties SharePoint leaves out unless `$select` names them (evaluated per caller). */
export const PER_CALLER_GROUP_PROPERTIES = ['cancurrentuserviewmembership', 'cancurrentusereditmembership', 'cancurrentusermanagegroup'];

export function groupEntity(ctx: SpContext, group: SiteGroup, caller: Caller, select: string[]): { [k: string]: unknown } {
  const entity: { [k: string]: unknown } = {
    Id: group.id,
    IsHiddenInUI: false,
    LoginName: group.title,
    Title: group.title,
    PrincipalType: 8,
    AllowMembersEditMembership: false,
    AllowRequestToJoinLeave: false,
    AutoAcceptRequestToJoinLeave: false,
    Description: group.description,
    OnlyAllowMembersViewMembership: group.onlyMembersView,
    OwnerTitle: 'Frontline Visits Owners',
    RequestToJoinLeaveEmailSetting: null
  };
  if (select.some((name) => PER_CALLER_GROUP_PROPERTIES.indexOf(name.toLowerCase()) !== -1)) {
    const manages = mayManageGroup(caller);
    entity.CanCurrentUserViewMembership = mayViewMembership(ctx.store, group, caller);
    entity.CanCurrentUserEditMembership = manages;
    entity.CanCurrentUserManageGroup = manages;
  }
  return entity;
}

export function listEntity(ctx: SpContext, list: StoredList): { [k: string]: unknown } {
  const items = Array.from(list.items.values());
  const last = items.reduce((m, i) => (i.modified > m ? i.modified : m), list.created);
  return {
    AllowContentTypes: true,
    BaseTemplate: 100,
    BaseType: 0,
    ContentTypesEnabled: false,
    Created: list.created,
    Description: list.definition.description,
    EnableVersioning: true,
    EntityTypeName: `${list.definition.urlName}List`,
    Hidden: false,
    Id: list.id,
    ItemCount: list.items.size,
    LastItemModifiedDate: last,
    ListItemEntityTypeFullName: entityTypeName(list.definition),
    ParentWebUrl: ctx.siteRelativeUrl,
    Title: list.definition.title
  };
}

export function webEntity(ctx: SpContext): { [k: string]: unknown } {
  return {
    Created: ctx.store.siteCreated,
    Description: 'Councillors’ visits to children’s social care intake teams (local sandbox).',
    Id: ctx.store.webId,
    Language: 1033,
    ServerRelativeUrl: ctx.siteRelativeUrl,
    Title: WEB_TITLE,
    Url: ctx.siteUrl,
    WebTemplate: 'STS'
  };
}

export function subscriptionEntity(s: Subscription): { [k: string]: unknown } {
  return { clientState: s.clientState, expirationDateTime: s.expirationDateTime, id: s.id, notificationUrl: s.notificationUrl, resource: s.listId, resourceData: null };
}
