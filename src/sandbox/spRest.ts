/**
 * The SharePoint REST subset PnPjs issues for this product, at `{siteUrl}/_api/…`: context info,
 * web, current user and groups, site users, `ensureuser`, site groups, lists by title or id,
 * items (select / filter / orderby / top / expand / paging, add, MERGE, delete with ETags) and
 * list webhook subscriptions. `$batch` is in batch.ts and comes back through `handleSpRest`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { FieldDefinition } from '../data/listContract';
import { mailboxOf } from './directory';
import { SpError, spErrors } from './errors';
import { entityTypeName, fieldNamed, parseRestWrite, restEtag } from './listModel';
import { ListOps } from './listOps';
import {
  annotate,
  collectionBody,
  collectionValue,
  emptyResponse,
  entityBody,
  errorResponse,
  InnerResponse,
  jsonResponse,
  ODataMode,
  odataMode,
  selectProps,
} from './restShapes';
import { itemPermissionsRoute, roleDefinitionsRoute } from './permissions';
import { assertMayManagePermissions, assertMayManageSubscriptions, assertMayReadList, Caller, mayManageGroup, mayViewMembership } from './security';
import { roleAtLeast, SiteRole } from './appIdentity';
import { handleSiteScriptUtility } from './siteScripts';
import { handleListSetup, handleWebSetup, listRolesOf, listSettingsOf } from './siteSetup';
import { SandboxStore, SiteGroup, SiteUser, StoredItem, StoredList, Subscription } from './store';
import { siteTimeZone, timeZoneEntity } from './regional';
import { MAX_SUBSCRIPTION_DAYS, Webhooks } from './webhooks';

export interface InnerRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SpContext {
  store: SandboxStore;
  ops: ListOps;
  webhooks: Webhooks;
  /** Absolute, e.g. http://localhost:4321/sites/frontline-visits */
  siteUrl: string;
  siteRelativeUrl: string;
  /**
   * Another site of the tenant (its root, a team's site): it has its own web, context info and
   * regional settings, but none of the product's lists, groups or people.
   */
  otherSite?: { title: string; webId: string };
  /** An app caller's Sites.Selected role on the site through SharePoint (undefined: none, or a person). */
  siteRoleOf?: (caller: Caller) => SiteRole | undefined;
}

const DIGEST_TIMEOUT_SECONDS = 1800;
const WEB_TITLE = 'Frontline Visits';

/**
 * A site of the tenant that is not the data site: its web, the signed-in user, and no lists —
 * asking it for one of the product's lists fails as SharePoint fails.
 */
function otherSiteRoute(
  ctx: SpContext,
  caller: Caller,
  rest: Segment[],
  method: string,
  one: (metadataName: string, meta: { type: string; editLink: string }, entity: { [k: string]: unknown }) => InnerResponse,
  many: (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>) => InnerResponse,
): InnerResponse {
  const [s1, s2] = rest;
  if (s1.name === 'currentuser' && method === 'GET') {
    if (rest.length === 1) {
      return one('SP.ApiData.Users', { type: 'SP.User', editLink: `Web/GetUserById(${caller.user.id})` }, userEntity(caller.user));
    }
    if (rest.length === 2 && s2.name === 'groups') {
      return many('SP.ApiData.Groups', []);
    }
  }
  if (listSeg(s1)) {
    if (s1.name === 'lists' && s1.args === undefined && rest.length === 1) {
      return many('SP.ApiData.Lists', []);
    }
    const title =
      s1.name === 'lists' && s1.args === undefined
        ? s2 && s2.name === 'getbytitle'
          ? argValue(s2.args)
          : undefined
        : s1.name === 'getbytitle'
          ? argValue(s1.args)
          : undefined;
    if (title !== undefined) {
      throw spErrors.listNotFound(title, ctx.siteUrl);
    }
    throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
  }
  throw spErrors.notSupported(
    `/_api/web/${rest.map((r) => r.name).join('/')} on ${ctx.siteRelativeUrl || '/'} (the sandbox serves only the web, the current user and regional settings there)`,
  );
}

// ---- request digests ------------------------------------------------------------------------

/**
 * A digest is an HMAC of its issue time and the person it was issued to: as in SharePoint, a
 * digest obtained by one person is refused for another. The key is the same for every sandbox: a
 * digest PnPjs cached from one sandbox (it caches per site URL) stays good for another on the same
 * port, as it would across a restart. It only has to be obtained from contextinfo by the same
 * person and not be stale.
 */
const DIGEST_KEY = 'frontline-visits-sandbox-digest';

function digestMac(stamp: string, loginName: string, siteRelativeUrl: string): string {
  return createHmac('sha256', DIGEST_KEY).update(`${stamp}|${loginName.toLowerCase()}|${siteRelativeUrl.toLowerCase()}`).digest('hex').toUpperCase();
}

/** A digest is good only for the person it was issued to, on the site that issued it, as in SharePoint. */
export function issueDigest(loginName: string, siteRelativeUrl: string, now = new Date()): string {
  const stamp = now.toUTCString();
  return `0x${digestMac(stamp, loginName, siteRelativeUrl)},${stamp}`;
}

export function digestValid(digest: string, loginName: string, siteRelativeUrl: string): boolean {
  const comma = digest.indexOf(',');
  if (!digest.startsWith('0x') || comma < 0) {
    return false;
  }
  const stamp = digest.slice(comma + 1);
  const issued = Date.parse(stamp);
  return digestMac(stamp, loginName, siteRelativeUrl) === digest.slice(2, comma) && !isNaN(issued) && Date.now() - issued < DIGEST_TIMEOUT_SECONDS * 1000;
}

// ---- path parsing ---------------------------------------------------------------------------

interface Segment {
  name: string;
  /** The raw text inside the parentheses, if any. */
  args?: string;
}

/** Splits `web/lists/getByTitle('A/B')/items(3)` on slashes outside quotes and parentheses. */
export function parseApiPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let current = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "'") {
      quoted = !quoted;
    } else if (!quoted && c === '(') {
      depth++;
    } else if (!quoted && c === ')') {
      depth--;
    }
    if (c === '/' && !quoted && depth === 0) {
      if (current) {
        segments.push(toSegment(current));
      }
      current = '';
    } else {
      current += c;
    }
  }
  if (current) {
    segments.push(toSegment(current));
  }
  return segments;
}

function toSegment(text: string): Segment {
  const open = text.indexOf('(');
  if (open > 0 && text.endsWith(')')) {
    return { name: text.slice(0, open).toLowerCase(), args: text.slice(open + 1, -1) };
  }
  return { name: text.toLowerCase() };
}

/** `'text'` (with `''` escapes), `guid'…'`, or a bare number / word. */
function argValue(args: string | undefined): string {
  if (args === undefined) {
    return '';
  }
  const trimmed = args.trim();
  const quoted = /^(?:guid)?'((?:[^']|'')*)'$/i.exec(trimmed);
  return quoted ? quoted[1].replace(/''/g, "'") : trimmed;
}

function namedArg(args: string | undefined, name: string): string | undefined {
  if (!args) {
    return undefined;
  }
  const match = new RegExp(`${name}\\s*=\\s*('(?:[^']|'')*'|[^,]+)`, 'i').exec(args);
  return match ? argValue(match[1]) : undefined;
}

function listSeg(segment: Segment): boolean {
  return segment.name === 'lists' || segment.name === 'getbytitle' || segment.name === 'getlist';
}

// ---- entities -------------------------------------------------------------------------------

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

/** The group properties SharePoint leaves out unless `$select` names them (evaluated per caller). */
const PER_CALLER_GROUP_PROPERTIES = ['cancurrentuserviewmembership', 'cancurrentusereditmembership', 'cancurrentusermanagegroup'];

function groupEntity(ctx: SpContext, group: SiteGroup, caller: Caller, select: string[]): { [k: string]: unknown } {
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
    RequestToJoinLeaveEmailSetting: null,
  };
  if (select.some((name) => PER_CALLER_GROUP_PROPERTIES.indexOf(name.toLowerCase()) !== -1)) {
    const manages = mayManageGroup(caller);
    entity.CanCurrentUserViewMembership = mayViewMembership(ctx.store, group, caller);
    entity.CanCurrentUserEditMembership = manages;
    entity.CanCurrentUserManageGroup = manages;
  }
  return entity;
}

function listEntity(ctx: SpContext, list: StoredList): { [k: string]: unknown } {
  const items = Array.from(list.items.values());
  const last = items.reduce((m, i) => (i.modified > m ? i.modified : m), list.created);
  return {
    AllowContentTypes: true,
    BaseTemplate: 100,
    BaseType: 0,
    ContentTypesEnabled: false,
    Created: list.created,
    Description: list.definition.description,
    ...listSettingsOf(ctx.store, list),
    HasUniqueRoleAssignments: listRolesOf(ctx.store, list).unique,
    EntityTypeName: `${list.definition.urlName}List`,
    Hidden: false,
    Id: list.id,
    ItemCount: list.items.size,
    LastItemModifiedDate: last,
    ListItemEntityTypeFullName: entityTypeName(list.definition),
    ParentWebUrl: ctx.siteRelativeUrl,
    Title: list.definition.title,
  };
}

function webEntity(ctx: SpContext): { [k: string]: unknown } {
  return {
    Created: ctx.store.siteCreated,
    Description: ctx.otherSite ? '' : 'Councillors’ visits to children’s social care intake teams (local sandbox).',
    Id: ctx.otherSite ? ctx.otherSite.webId : ctx.store.webId,
    Language: 1033,
    ServerRelativeUrl: ctx.siteRelativeUrl || '/',
    Title: ctx.otherSite ? ctx.otherSite.title : WEB_TITLE,
    Url: ctx.siteUrl,
    WebTemplate: 'STS',
  };
}

function subscriptionEntity(s: Subscription): { [k: string]: unknown } {
  return {
    clientState: s.clientState,
    expirationDateTime: s.expirationDateTime,
    id: s.id,
    notificationUrl: s.notificationUrl,
    resource: s.listId,
    resourceData: null,
  };
}

// ---- item serialisation ---------------------------------------------------------------------

interface Selection {
  /** No $select, or `*`: every default property. */
  all: boolean;
  top: string[];
  subs: Map<string, string[]>;
  expand: string[];
}

function splitList(value: string | null): string[] {
  return (value || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

type Expandable = { kind: 'user'; field?: FieldDefinition; builtIn?: 'Author' | 'Editor'; multi: boolean } | { kind: 'lookup'; field: FieldDefinition };

function expandable(list: StoredList, name: string): Expandable | undefined {
  if (name === 'Author' || name === 'Editor') {
    return { kind: 'user', builtIn: name, multi: false };
  }
  const field = fieldNamed(list.definition, name);
  if (!field) {
    return undefined;
  }
  if (field.type === 'User' || field.type === 'UserMulti') {
    return { kind: 'user', field, multi: field.type === 'UserMulti' };
  }
  return field.type === 'Lookup' ? { kind: 'lookup', field } : undefined;
}

function parseSelection(list: StoredList, params: URLSearchParams): Selection {
  const select = splitList(params.get('$select'));
  const expand = splitList(params.get('$expand'));
  for (const name of expand) {
    if (!expandable(list, name)) {
      throw spErrors.unknownField(name);
    }
  }
  const selection: Selection = { all: !select.length || select.indexOf('*') !== -1, top: [], subs: new Map(), expand };
  for (const path of select) {
    if (path === '*') {
      continue;
    }
    const [head, sub] = path.split('/');
    if (sub) {
      if (expand.indexOf(head) === -1) {
        throw spErrors.invalidSelect(path, head);
      }
      selection.subs.set(head, (selection.subs.get(head) || []).concat([sub]));
      if (selection.top.indexOf(head) === -1) {
        selection.top.push(head);
      }
    } else if (selection.top.indexOf(head) === -1) {
      selection.top.push(head);
    }
  }
  return selection;
}

const USER_SUBS: { [name: string]: (u: SiteUser) => unknown } = {
  Id: (u) => u.id,
  Title: (u) => u.title,
  EMail: (u) => mailboxOf(u) || null,
  Name: (u) => u.loginName,
  UserName: (u) => u.email,
  SipAddress: (u) => mailboxOf(u) || null,
  FirstName: (u) => u.title.split(' ')[0],
  LastName: (u) => u.title.split(' ').slice(1).join(' '),
  JobTitle: () => null,
  Department: () => null,
};

export class ItemSerializer {
  public constructor(
    private readonly ctx: SpContext,
    private readonly mode: ODataMode,
  ) {}

  private get apiUrl(): string {
    return `${this.ctx.siteUrl}/_api`;
  }

  public editLink(list: StoredList, item: StoredItem): string {
    return `Web/Lists(guid'${list.id}')/Items(${item.id})`;
  }

  private userObject(id: number, subs: string[] | undefined): unknown {
    const user = this.ctx.store.userById(id);
    if (!user) {
      return null;
    }
    const out: { [k: string]: unknown } = {};
    for (const sub of subs && subs.length ? subs : ['Id', 'Title', 'EMail']) {
      const read = USER_SUBS[sub];
      if (!read) {
        throw spErrors.unknownField(sub);
      }
      out[sub] = read(user);
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: 'SP.Data.UserInfoItem', editLink: `Web/SiteUserInfoList/Items(${user.id})`, id: entityIdFor('user', user.id) },
      out,
    );
  }

  private lookupObject(field: FieldDefinition, id: unknown, subs: string[] | undefined): unknown {
    const target = this.ctx.store.listByUrlName(field.lookupList as string);
    const item = target && typeof id === 'number' ? target.items.get(id) : undefined;
    if (!target || !item) {
      return null;
    }
    const out: { [k: string]: unknown } = {};
    for (const sub of subs && subs.length ? subs : ['Id', 'Title']) {
      if (sub === 'Id' || sub === 'ID') {
        out[sub] = item.id;
        continue;
      }
      const targetField = sub === 'Title' ? { type: 'Text', internalName: 'Title' } : fieldNamed(target.definition, sub);
      if (!targetField || ['Lookup', 'User', 'UserMulti'].indexOf(targetField.type) !== -1) {
        throw spErrors.unknownField(`${field.internalName}/${sub}`);
      }
      const value = item.fields[targetField.internalName];
      out[sub] = value === undefined ? null : value;
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: `${entityTypeName(target.definition)}`, editLink: `Web/Lists(guid'${target.id}')/Items(${item.id})`, id: item.uniqueId },
      out,
    );
  }

  private expanded(list: StoredList, item: StoredItem, name: string, subs: string[] | undefined): unknown {
    const how = expandable(list, name) as Expandable;
    if (how.kind === 'lookup') {
      return this.lookupObject(how.field, item.fields[how.field.internalName], subs);
    }
    if (how.builtIn) {
      return this.userObject(how.builtIn === 'Author' ? item.authorId : item.editorId, subs);
    }
    const field = how.field as FieldDefinition;
    const value = item.fields[field.internalName];
    if (how.multi) {
      const users = (Array.isArray(value) ? value : []).map((id: number) => this.userObject(id, subs)).filter((u) => u !== null);
      // SharePoint fails the whole query when a projected property of a multi-value column is
      // empty for any of its values (e.g. EMail of a person with no mailbox).
      for (const user of users as Array<{ [k: string]: unknown }>) {
        const missing = (subs && subs.length ? subs : ['Id', 'Title', 'EMail']).find((sub) => user[sub] === null || user[sub] === '');
        if (missing) {
          throw new SpError(
            500,
            '-2146232832, Microsoft.SharePoint.SPException',
            `Cannot get value for projected field ${field.internalName}_x005f_${missing}.`,
          );
        }
      }
      return this.mode === 'verbose' ? { results: users } : users;
    }
    return typeof value === 'number' ? this.userObject(value, subs) : null;
  }

  /** The value of one non-expanded property, or undefined when the item has no such property. */
  private property(list: StoredList, item: StoredItem, name: string): unknown {
    switch (name) {
      case 'Id':
      case 'ID':
        return item.id;
      case 'Created':
        return item.created;
      case 'Modified':
        return item.modified;
      case 'AuthorId':
        return item.authorId;
      case 'EditorId':
        return item.editorId;
      case 'GUID':
        return item.uniqueId;
      case 'Attachments':
        return false;
      case 'FileSystemObjectType':
        return 0;
      case 'ContentTypeId':
        return '0x0100' + list.id.replace(/-/g, '').toUpperCase();
      case 'OData__UIVersionString':
        return `${item.version}.0`;
      case 'HasUniqueRoleAssignments':
        return !!item.roleAssignments;
      default:
        break;
    }
    const field = fieldNamed(list.definition, name);
    if (field && ['Lookup', 'User', 'UserMulti'].indexOf(field.type) === -1) {
      const value = item.fields[name];
      return value === undefined ? null : value;
    }
    const idMatch = /^(.*?)(String)?Id$/.exec(name);
    const idField = idMatch ? fieldNamed(list.definition, idMatch[1]) : undefined;
    if (idField && idMatch && ['Lookup', 'User', 'UserMulti'].indexOf(idField.type) !== -1 && !(idMatch[2] && idField.type === 'Lookup')) {
      const value = item.fields[idField.internalName];
      const asString = !!idMatch[2];
      if (idField.type === 'UserMulti') {
        const ids = Array.isArray(value) ? value : [];
        return collectionValue(this.mode, asString ? 'Edm.String' : 'Edm.Int32', asString ? ids.map(String) : ids);
      }
      return typeof value === 'number' ? (asString ? String(value) : value) : null;
    }
    return undefined;
  }

  private defaultNames(list: StoredList): string[] {
    const names = ['FileSystemObjectType', 'Id', 'ContentTypeId'];
    for (const f of list.definition.fields) {
      if (f.type === 'Lookup') {
        names.push(`${f.internalName}Id`);
      } else if (f.type === 'User' || f.type === 'UserMulti') {
        names.push(`${f.internalName}Id`, `${f.internalName}StringId`);
      } else {
        names.push(f.internalName);
      }
    }
    return names.concat(['ID', 'Modified', 'Created', 'AuthorId', 'EditorId', 'OData__UIVersionString', 'Attachments', 'GUID']);
  }

  public item(list: StoredList, item: StoredItem, selection: Selection): { [k: string]: unknown } {
    const out: { [k: string]: unknown } = {};
    const names = selection.all ? this.defaultNames(list).concat(selection.top) : selection.top;
    for (const name of names) {
      if (name in out) {
        continue;
      }
      if (selection.expand.indexOf(name) !== -1) {
        out[name] = this.expanded(list, item, name, selection.subs.get(name));
        continue;
      }
      const value = this.property(list, item, name);
      if (value === undefined) {
        throw spErrors.unknownField(name);
      }
      out[name] = value;
    }
    return annotate(
      this.mode,
      this.apiUrl,
      { type: entityTypeName(list.definition), editLink: this.editLink(list, item), id: item.uniqueId, etag: restEtag(item) },
      out,
    );
  }
}

function entityIdFor(kind: string, id: number): string {
  return `${kind}-${id}`;
}

// ---- the handler ----------------------------------------------------------------------------

/** Manage Permissions and Manage Lists on the site: what applying a site script and setting a site up need. */
function mayManageSite(ctx: SpContext, caller: Caller): boolean {
  try {
    assertMayManagePermissions(caller);
  } catch {
    return false;
  }
  return !ctx.siteRoleOf || roleAtLeast(ctx.siteRoleOf(caller), 'manage');
}

function parseJsonBody(body: string): unknown {
  if (!body.trim()) {
    return {};
  }
  try {
    return JSON.parse(body);
  } catch {
    throw spErrors.invalidJson();
  }
}

function effectiveMethod(req: InnerRequest): string {
  const override = req.headers['x-http-method'];
  const value = (Array.isArray(override) ? override[0] : override) || '';
  return (req.method === 'POST' && value ? value : req.method).toUpperCase();
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Answers one SharePoint REST request (already authenticated) with SharePoint's shapes. */
export async function handleSpRest(ctx: SpContext, req: InnerRequest, caller: Caller, apiPath: string): Promise<InnerResponse> {
  const mode = odataMode(header(req.headers, 'accept'));
  try {
    return await route(ctx, req, caller, apiPath, mode);
  } catch (error) {
    if (error instanceof SpError) {
      return errorResponse(mode, error);
    }
    console.error('Sandbox: SharePoint REST request failed', req.method, req.url.toString(), error);
    return errorResponse(
      mode,
      new SpError(500, '-2146233088, System.InvalidOperationException', `The sandbox failed on this request: ${(error as Error).message}`),
    );
  }
}

async function route(ctx: SpContext, req: InnerRequest, caller: Caller, apiPath: string, mode: ODataMode): Promise<InnerResponse> {
  const method = effectiveMethod(req);
  const segments = parseApiPath(apiPath);
  const params = req.url.searchParams;
  const apiUrl = `${ctx.siteUrl}/_api`;
  const select = splitList(params.get('$select'));
  const first = segments[0] ? segments[0].name : '';
  const one = (
    metadataName: string,
    meta: { type: string; editLink: string },
    entity: { [k: string]: unknown },
    extra: { [k: string]: string } = {},
  ): InnerResponse =>
    jsonResponse(
      mode,
      200,
      entityBody(
        mode,
        apiUrl,
        metadataName,
        annotate(
          mode,
          apiUrl,
          meta,
          selectProps(entity, select, (n) => spErrors.unknownField(n)),
        ),
      ),
      extra,
    );
  const many = (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>): InnerResponse =>
    jsonResponse(
      mode,
      200,
      collectionBody(
        mode,
        apiUrl,
        metadataName,
        entities.map((e) =>
          annotate(
            mode,
            apiUrl,
            e.meta,
            selectProps(e.entity, select, (n) => spErrors.unknownField(n)),
          ),
        ),
      ),
    );

  if (first === 'contextinfo' && segments.length === 1) {
    if (method !== 'POST') {
      throw spErrors.notSupported(`${method} contextinfo`);
    }
    const info = {
      FormDigestTimeoutSeconds: DIGEST_TIMEOUT_SECONDS,
      FormDigestValue: issueDigest(caller.user.loginName, ctx.siteRelativeUrl),
      LibraryVersion: '16.0.0.0',
      SiteFullUrl: ctx.siteUrl,
      SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
      WebFullUrl: ctx.siteUrl,
    };
    return jsonResponse(
      mode,
      200,
      mode === 'verbose'
        ? { d: { GetContextWebInformation: { __metadata: { type: 'SP.ContextWebInformation' }, ...info } } }
        : mode === 'minimalmetadata'
          ? { 'odata.metadata': `${apiUrl}/$metadata#SP.ContextWebInformation`, ...info }
          : info,
    );
  }

  if (first === 'site' && segments.length === 1) {
    return one(
      'SP.ApiData.Sites',
      { type: 'SP.Site', editLink: 'site' },
      { Id: ctx.otherSite ? ctx.otherSite.webId : ctx.store.siteId, ServerRelativeUrl: ctx.siteRelativeUrl || '/', Url: ctx.siteUrl },
    );
  }

  const mayManage = mayManageSite(ctx, caller);
  const siteScript = handleSiteScriptUtility(ctx, method, apiPath, req.body, mayManage, mode);
  if (siteScript) {
    return siteScript;
  }
  if (first !== 'web') {
    throw spErrors.notSupported(`/_api/${apiPath}`);
  }
  let rest = segments.slice(1);
  const setup = handleWebSetup(
    ctx,
    rest,
    method,
    req.body,
    mayManage,
    mode,
    params,
    ctx.siteRoleOf && caller.kind === 'app' ? ctx.siteRoleOf(caller) : undefined,
  );
  if (setup) {
    return setup;
  }
  if (!rest.length) {
    return one('SP.ApiData.Webs', { type: 'SP.Web', editLink: 'Web' }, webEntity(ctx));
  }
  let [s1, s2, s3] = rest;

  if (s1.name === 'regionalsettings' && rest.length === 2 && s2.name === 'timezone' && method === 'GET') {
    return one(
      'SP.ApiData.TimeZones',
      { type: 'SP.TimeZone', editLink: 'Web/RegionalSettings/TimeZone' },
      timeZoneEntity(siteTimeZone(ctx.store, ctx.siteRelativeUrl)),
    );
  }
  if (ctx.otherSite) {
    return otherSiteRoute(ctx, caller, rest, method, one, many);
  }

  // current user and groups
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

  // site users
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

  if (s1.name === 'roledefinitions') {
    return roleDefinitionsRoute(apiUrl, mode, rest, argValue);
  }

  // site groups
  if (s1.name === 'sitegroups' && s1.args !== undefined) {
    // `sitegroups(5)` (PnPjs's getById) is `sitegroups/getbyid(5)`.
    rest = [{ name: 'sitegroups' }, { name: 'getbyid', args: s1.args }, ...rest.slice(1)];
    [s1, s2, s3] = rest;
  }
  if (s1.name === 'sitegroups') {
    const groupMeta = (g: SiteGroup): { type: string; editLink: string } => ({ type: 'SP.Group', editLink: `Web/SiteGroups/GetById(${g.id})` });
    if (rest.length === 1) {
      return many(
        'SP.ApiData.Groups',
        ctx.store.groups().map((g) => ({ meta: groupMeta(g), entity: groupEntity(ctx, g, caller, select) })),
      );
    }
    const group =
      s2.name === 'getbyid' ? ctx.store.groupById(Number(argValue(s2.args))) : s2.name === 'getbyname' ? ctx.store.groupByTitle(argValue(s2.args)) : undefined;
    if (!group) {
      throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Group cannot be found.');
    }
    if (rest.length === 2) {
      if (method === 'MERGE' || method === 'PATCH') {
        return updateGroup(ctx, group, caller, parseJsonBody(req.body));
      }
      return one('SP.ApiData.Groups', groupMeta(group), groupEntity(ctx, group, caller, select));
    }
    if (s3.name === 'users') {
      return groupUsersRoute(ctx, req, caller, group, rest.slice(3), method, many);
    }
  }

  // lists
  if (listSeg(s1)) {
    let list: StoredList | undefined;
    let index = 1;
    if (s1.name === 'lists' && s1.args === undefined) {
      if (rest.length === 1) {
        assertMayReadList(caller);
        return many(
          'SP.ApiData.Lists',
          ctx.store.lists().map((l) => ({ meta: { type: 'SP.List', editLink: `Web/Lists(guid'${l.id}')` }, entity: listEntity(ctx, l) })),
        );
      }
      if (s2.name === 'getbytitle') {
        const title = argValue(s2.args);
        list = ctx.store.listByTitle(title);
        if (!list) {
          throw spErrors.listNotFound(title, ctx.siteUrl);
        }
        index = 2;
      } else if (s2.name === 'getbyid') {
        list = ctx.store.listById(argValue(s2.args));
        index = 2;
      }
    } else if (s1.name === 'lists') {
      list = ctx.store.listById(argValue(s1.args));
    } else if (s1.name === 'getlist') {
      const url = argValue(s1.args);
      const urlName = url.replace(/\/$/, '').split('/').pop() || '';
      list = ctx.store.listByUrlName(urlName);
    }
    if (!list) {
      throw new SpError(
        404,
        '-1, System.ArgumentException',
        'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.',
      );
    }
    return listRoute(ctx, req, caller, list, rest.slice(index), mode, method);
  }

  throw spErrors.notSupported(`/_api/${apiPath}`);
}

type ManyResponder = (metadataName: string, entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>) => InnerResponse;

/**
 * A group's members: read as SharePoint allows (members only, when the group hides its
 * membership), added or removed only by those who manage the group — never by a list role.
 */
function groupUsersRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  group: SiteGroup,
  rest: Segment[],
  method: string,
  many: ManyResponder,
): InnerResponse {
  if (!rest.length && method === 'GET') {
    if (!mayViewMembership(ctx.store, group, caller)) {
      throw spErrors.accessDenied();
    }
    const members = ctx.store.users().filter((u) => group.memberIds.has(u.id));
    return many(
      'SP.ApiData.Users',
      members.map((u) => ({ meta: { type: 'SP.User', editLink: `Web/GetUserById(${u.id})` }, entity: userEntity(u) })),
    );
  }
  const adds = !rest.length && method === 'POST';
  const removes = rest.length === 1 && method === 'POST' && (rest[0].name === 'removebyid' || rest[0].name === 'removebyloginname');
  const deletes = rest.length === 1 && method === 'DELETE' && rest[0].name === 'getbyid';
  if (!adds && !removes && !deletes) {
    throw spErrors.notSupported(`${method} on a group's users`);
  }
  if (!mayManageGroup(caller)) {
    throw spErrors.accessDenied();
  }
  let user: SiteUser | undefined;
  if (adds) {
    const body = parseJsonBody(req.body) as { LoginName?: unknown };
    user = typeof body.LoginName === 'string' ? ctx.store.userByLoginName(body.LoginName) : undefined;
  } else if (rest[0].name === 'removebyloginname') {
    user = ctx.store.userByLoginName(namedArg(rest[0].args, 'loginName') || argValue(rest[0].args));
  } else {
    user = ctx.store.userById(Number(argValue(rest[0].args)));
  }
  if (!user) {
    throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.');
  }
  ctx.store.setGroupMember(group.id, user.id, adds);
  return adds ? jsonResponse('nometadata', 201, userEntity(user)) : emptyResponse(200);
}

/** A group's settings: only "who can view the membership", and only by those who manage the group. */
function updateGroup(ctx: SpContext, group: SiteGroup, caller: Caller, body: unknown): InnerResponse {
  if (!mayManageGroup(caller)) {
    throw spErrors.accessDenied();
  }
  const changes = (body || {}) as { [k: string]: unknown };
  for (const name of Object.keys(changes)) {
    if (name === '__metadata') {
      continue;
    }
    if (name !== 'OnlyAllowMembersViewMembership' || typeof changes[name] !== 'boolean') {
      throw spErrors.notSupported(`setting ${name} on a group (the sandbox stores OnlyAllowMembersViewMembership only)`);
    }
  }
  if (typeof changes.OnlyAllowMembersViewMembership === 'boolean') {
    ctx.store.setOnlyMembersView(group.id, changes.OnlyAllowMembersViewMembership);
  }
  return emptyResponse(204);
}

async function listRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  list: StoredList,
  rest: Segment[],
  mode: ODataMode,
  method: string,
): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const params = req.url.searchParams;
  const serializer = new ItemSerializer(ctx, mode);
  const collectionName = `SP.ListData.${list.definition.urlName}ListItems`;
  assertMayReadList(caller);
  const setup = handleListSetup(ctx, list, rest, method, req.body, mayManageSite(ctx, caller), mode, splitList(params.get('$expand')));
  if (setup) {
    return setup;
  }

  if (!rest.length) {
    const select = splitList(params.get('$select'));
    const entity = annotate(
      mode,
      apiUrl,
      { type: 'SP.List', editLink: `Web/Lists(guid'${list.id}')` },
      selectProps(listEntity(ctx, list), select, (n) => spErrors.unknownField(n)),
    );
    return jsonResponse(mode, 200, entityBody(mode, apiUrl, 'SP.ApiData.Lists', entity));
  }
  const [s1, s2] = rest;

  if (s1.name === 'items' && rest.length === 1 && s1.args === undefined) {
    if (method === 'GET') {
      const selection = parseSelection(list, params);
      const topText = params.get('$top');
      const top = topText === null ? undefined : Number(topText);
      if (top !== undefined && (!Number.isInteger(top) || top < 0)) {
        throw spErrors.invalidExpression(topText as string);
      }
      const result = ctx.ops.query(list, caller, {
        filter: params.get('$filter') || undefined,
        orderBy: params.get('$orderby') || undefined,
        top,
        skipToken: params.get('$skiptoken') || undefined,
      });
      let nextLink: string | undefined;
      if (result.nextSkipToken) {
        const next = new URLSearchParams();
        next.set('$skiptoken', result.nextSkipToken);
        for (const key of ['$top', '$select', '$expand', '$filter', '$orderby']) {
          const value = params.get(key);
          if (value !== null) {
            next.set(key, value);
          } else if (key === '$top') {
            next.set(key, String(100));
          }
        }
        nextLink = `${apiUrl}/Web/Lists(guid'${list.id}')/Items?${next.toString().replace(/\+/g, '%20')}`;
      }
      const entities = result.items.map((item) => serializer.item(list, item, selection));
      return jsonResponse(mode, 200, collectionBody(mode, apiUrl, collectionName, entities, nextLink));
    }
    if (method === 'POST') {
      const changes = parseRestWrite(ctx.store, list, parseJsonBody(req.body));
      const item = ctx.ops.add(list, caller, changes);
      const entity = serializer.item(list, item, { all: true, top: [], subs: new Map(), expand: [] });
      return jsonResponse(mode, 201, entityBody(mode, apiUrl, collectionName, entity), {
        ETag: restEtag(item),
        Location: `${apiUrl}/${serializer.editLink(list, item)}`,
      });
    }
    throw spErrors.notSupported(`${method} on items`);
  }

  const itemId =
    s1.name === 'items' && s1.args !== undefined
      ? Number(argValue(s1.args))
      : s1.name === 'items' && s2 && s2.name === 'getbyid'
        ? Number(argValue(s2.args))
        : s1.name === 'getitembyid'
          ? Number(argValue(s1.args))
          : NaN;
  const itemDepth = s1.name === 'items' && s1.args === undefined ? 2 : 1;
  if (!isNaN(itemId) && rest.length === itemDepth) {
    if (!Number.isInteger(itemId)) {
      throw spErrors.itemNotFound();
    }
    const ifMatch = header(req.headers, 'if-match');
    if (method === 'GET') {
      const item = ctx.ops.get(list, caller, itemId);
      const entity = serializer.item(list, item, parseSelection(list, params));
      return jsonResponse(mode, 200, entityBody(mode, apiUrl, collectionName, entity), { ETag: restEtag(item) });
    }
    if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') {
      const changes = parseRestWrite(ctx.store, list, parseJsonBody(req.body));
      const item = ctx.ops.update(list, caller, itemId, changes, ifMatch);
      return emptyResponse(204, { ETag: restEtag(item) });
    }
    if (method === 'DELETE') {
      ctx.ops.remove(list, caller, itemId, ifMatch);
      return emptyResponse(200);
    }
    throw spErrors.notSupported(`${method} on an item`);
  }

  if (!isNaN(itemId) && Number.isInteger(itemId) && rest.length > itemDepth) {
    ctx.ops.get(list, caller, itemId); // an item the caller cannot read does not exist for them
    const answer = itemPermissionsRoute(
      ctx.store,
      caller,
      list,
      itemId,
      rest.slice(itemDepth),
      method,
      mode,
      apiUrl,
      splitList(params.get('$expand')),
      namedArg,
    );
    if (answer) {
      return answer;
    }
    const sub = rest[itemDepth];
    if (rest.length === itemDepth + 1 && sub.name === 'recycle' && sub.args === undefined && method === 'POST') {
      // PnPjs `item.recycle()`: a delete that SharePoint keeps in the recycle bin (Delete Items
      // permission, the same as a delete); it answers with the recycle bin item's id. The sandbox
      // has no recycle bin: the item is gone, as it is from the list.
      ctx.ops.remove(list, caller, itemId, header(req.headers, 'if-match'));
      const recycleBinId = randomUUID();
      return jsonResponse(mode, 200, mode === 'verbose' ? { d: { Recycle: recycleBinId } } : { value: recycleBinId });
    }
  }

  if (s1.name === 'subscriptions') {
    return subscriptionsRoute(ctx, req, caller, list, rest, mode, method);
  }
  throw spErrors.notSupported(`/${rest.map((s) => s.name).join('/')} on a list`);
}

async function subscriptionsRoute(
  ctx: SpContext,
  req: InnerRequest,
  caller: Caller,
  list: StoredList,
  rest: Segment[],
  mode: ODataMode,
  method: string,
): Promise<InnerResponse> {
  const apiUrl = `${ctx.siteUrl}/_api`;
  const meta = (s: Subscription): { type: string; editLink: string } => ({
    type: 'Microsoft.SharePoint.Webhooks.Subscription',
    editLink: `Web/Lists(guid'${list.id}')/subscriptions('${s.id}')`,
  });
  assertMayManageSubscriptions(caller);
  const checkExpiry = (value: unknown): string => {
    const when = typeof value === 'string' ? Date.parse(value) : NaN;
    if (isNaN(when)) {
      throw spErrors.badRequest('The expirationDateTime parameter is missing or is not a valid date.');
    }
    if (when <= Date.now() || when > Date.now() + MAX_SUBSCRIPTION_DAYS * 86400000) {
      throw spErrors.badRequest(`The expirationDateTime must be in the future and at most ${MAX_SUBSCRIPTION_DAYS} days from now.`);
    }
    return new Date(when).toISOString();
  };
  const checkUrl = async (value: unknown): Promise<string> => {
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw spErrors.badRequest('The notificationUrl parameter is not a valid absolute URL.');
    }
    if (!(await ctx.webhooks.validate(url.toString()))) {
      throw new SpError(400, '-1, System.InvalidOperationException', `Failed to validate the notification URL '${url.toString()}'.`);
    }
    return url.toString();
  };

  if (rest.length === 1 && rest[0].args === undefined) {
    if (method === 'GET') {
      const subs = ctx.webhooks.active(list.id);
      return jsonResponse(
        mode,
        200,
        collectionBody(
          mode,
          apiUrl,
          'Collection(Microsoft.SharePoint.Webhooks.Subscription)',
          subs.map((s) => annotate(mode, apiUrl, meta(s), subscriptionEntity(s))),
        ),
      );
    }
    if (method === 'POST') {
      const body = parseJsonBody(req.body) as { [k: string]: unknown };
      const expirationDateTime = checkExpiry(body.expirationDateTime);
      const notificationUrl = await checkUrl(body.notificationUrl);
      const subscription = ctx.store.putSubscription({
        id: randomUUID(),
        listId: list.id,
        notificationUrl,
        clientState: typeof body.clientState === 'string' ? body.clientState : null,
        expirationDateTime,
      });
      return jsonResponse(
        mode,
        201,
        entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(subscription), subscriptionEntity(subscription))),
      );
    }
  }
  if (rest.length === 2 && rest[1].args === undefined && rest[0].name === 'subscriptions') {
    throw spErrors.notSupported('that subscription path');
  }
  const id = rest.length === 1 ? argValue(rest[0].args) : rest.length === 2 && rest[1].name === 'getbyid' ? argValue(rest[1].args) : '';
  const existing = id ? ctx.store.subscription(id) : undefined;
  if (!existing || existing.listId !== list.id) {
    throw new SpError(404, '-1, System.ArgumentException', 'The subscription does not exist.');
  }
  if (method === 'GET') {
    return jsonResponse(
      mode,
      200,
      entityBody(mode, apiUrl, 'Microsoft.SharePoint.Webhooks.Subscription', annotate(mode, apiUrl, meta(existing), subscriptionEntity(existing))),
    );
  }
  if (method === 'PATCH' || method === 'MERGE') {
    const body = parseJsonBody(req.body) as { [k: string]: unknown };
    const updated: Subscription = { ...existing };
    if (body.expirationDateTime !== undefined) {
      updated.expirationDateTime = checkExpiry(body.expirationDateTime);
    }
    if (body.notificationUrl !== undefined && body.notificationUrl !== existing.notificationUrl) {
      updated.notificationUrl = await checkUrl(body.notificationUrl);
    }
    if (body.clientState !== undefined) {
      updated.clientState = typeof body.clientState === 'string' ? body.clientState : null;
    }
    ctx.store.putSubscription(updated);
    return emptyResponse(204);
  }
  if (method === 'DELETE') {
    ctx.store.deleteSubscription(existing.id);
    return emptyResponse(204);
  }
  throw spErrors.notSupported(`${method} on a subscription`);
}
