/**
 * App identities as Entra ID issues them and SharePoint and Graph judge them.
 *
 * - An app-only token carries the credential it was got with (Entra's `appidacr` claim: 1 client
 *   secret, 2 certificate). SharePoint REST refuses a secret-based app-only token with its own
 *   401 ("Unsupported app only token."); Graph accepts both.
 * - `Sites.Selected` is an application permission an administrator consents to per API (Graph,
 *   SharePoint). It gives nothing by itself: a site must grant the app a role — read < write <
 *   manage < fullcontrol — through Graph's `/sites/{id}/permissions`. One grant per app and site
 *   serves both APIs; the API a call is made through must also be consented.
 * - Tenant-wide `Sites.Read.All`, `Sites.ReadWrite.All`, `Sites.Manage.All`,
 *   `Sites.FullControl.All` act as that role on every site. Managing site grants needs Graph
 *   `Sites.FullControl.All` itself (the administrator's tool, not the bot).
 *
 * The sandbox's tokens are opaque strings, one per app and credential: the token names the app
 * and how it signed in, as a real token's claims would.
 */
import { SITE_RELATIVE_URL } from '../data/listContract';
import { SandboxStore } from './store';

export type SiteRole = 'read' | 'write' | 'manage' | 'fullcontrol';
export type AppApi = 'graph' | 'sharepoint';
export type AppCredential = 'certificate' | 'secret';

export const SITE_ROLES: ReadonlyArray<SiteRole> = ['read', 'write', 'manage', 'fullcontrol'];

export function roleAtLeast(held: SiteRole | undefined, needed: SiteRole): boolean {
  return held !== undefined && SITE_ROLES.indexOf(held) >= SITE_ROLES.indexOf(needed);
}

export const SANDBOX_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** The Frontline Visits bot's app registration (its SharePoint principal is the store's app user). */
export const BOT_APP_ID = '6a1d0e50-0000-4000-8000-0000000000ab';
export const BOT_APP_NAME = 'Frontline Visits (app)';
export const DEFAULT_APP_TOKEN = 'sandbox-app-token';

/** An administrator's tool (e.g. provisioning, `npm run doctor`) that manages site grants. */
export const ADMIN_APP_ID = '6a1d0e50-0000-4000-8000-0000000000ad';
export const ADMIN_APP_NAME = 'Northshire SharePoint administration';
export const DEFAULT_ADMIN_TOKEN = 'sandbox-admin-token';

export function appToken(): string {
  return process.env.SANDBOX_APP_TOKEN || DEFAULT_APP_TOKEN;
}

export function adminToken(): string {
  return process.env.SANDBOX_ADMIN_TOKEN || DEFAULT_ADMIN_TOKEN;
}

export interface AppRegistration {
  appId: string;
  displayName: string;
  /** The credential its sandbox token stands for. */
  credential: AppCredential;
  token: string;
  /** Application permissions consented, per API (e.g. `Sites.Selected`, `Sites.FullControl.All`). */
  permissions: { graph: string[]; sharepoint: string[] };
}

export interface SiteGrant {
  /** Graph's permission id: base64 of the app's SharePoint login name. */
  id: string;
  /** Server-relative URL of the site, e.g. `/sites/frontline-visits`. */
  site: string;
  appId: string;
  displayName: string;
  role: SiteRole;
}

/** How the bot's app is registered in the sandbox (`startSandbox({ botApp })`). */
export interface BotAppOptions {
  /** What its token was got with: 'certificate' (the default) or 'secret'. */
  credential?: AppCredential;
  /** APIs whose `Sites.Selected` an administrator consented to (default both). */
  sitesSelected?: AppApi[];
  /**
   * Its `Sites.Selected` roles by site (server-relative URL); replaces what the data directory
   * holds. Default, on a directory with no grants yet: full control of the data site.
   */
  siteRoles?: { [site: string]: SiteRole };
  /**
   * Whether the Graph application permissions `User.Read.All` and `GroupMember.Read.All` are
   * consented (default true): the bot resolves Entra security groups in the Heads of Service group.
   */
  directoryRead?: boolean;
}

/** The Graph application permissions the bot needs to resolve Entra groups (read-only). */
export const BOT_DIRECTORY_PERMISSIONS: ReadonlyArray<string> = ['User.Read.All', 'GroupMember.Read.All'];

const GRANTS_KEY = 'appSiteGrants';
const TENANT_WIDE: ReadonlyArray<[string, SiteRole]> = [
  ['Sites.FullControl.All', 'fullcontrol'],
  ['Sites.Manage.All', 'manage'],
  ['Sites.ReadWrite.All', 'write'],
  ['Sites.Read.All', 'read'],
];

export function grantId(appId: string): string {
  return Buffer.from(`i:0i.t|ms.sp.ext|${appId}@${SANDBOX_TENANT_ID}`, 'utf8').toString('base64');
}

/** The sandbox's Entra: which apps exist, how their tokens were got, and what each site grants them. */
export class AppDirectory {
  private readonly apps: AppRegistration[];

  constructor(
    private readonly store: SandboxStore,
    options: BotAppOptions = {},
  ) {
    const apis = options.sitesSelected || ['graph', 'sharepoint'];
    this.apps = [
      {
        appId: BOT_APP_ID,
        displayName: BOT_APP_NAME,
        credential: options.credential || 'certificate',
        token: appToken(),
        permissions: {
          graph: (apis.indexOf('graph') !== -1 ? ['Sites.Selected'] : []).concat(options.directoryRead === false ? [] : BOT_DIRECTORY_PERMISSIONS),
          sharepoint: apis.indexOf('sharepoint') !== -1 ? ['Sites.Selected'] : [],
        },
      },
      {
        appId: ADMIN_APP_ID,
        displayName: ADMIN_APP_NAME,
        credential: 'certificate',
        token: adminToken(),
        permissions: { graph: ['Sites.FullControl.All'], sharepoint: ['Sites.FullControl.All'] },
      },
    ];
    if (options.siteRoles) {
      const others = this.grants().filter((g) => g.appId !== BOT_APP_ID);
      const mine = Object.keys(options.siteRoles).map((site) => this.grantFor(BOT_APP_ID, site, (options.siteRoles as { [site: string]: SiteRole })[site]));
      this.saveGrants(others.concat(mine));
    } else if (this.store.getMeta(GRANTS_KEY) === undefined) {
      this.saveGrants([this.grantFor(BOT_APP_ID, SITE_RELATIVE_URL, 'fullcontrol')]);
    }
  }

  private grantFor(appId: string, site: string, role: SiteRole): SiteGrant {
    const app = this.app(appId);
    return { id: grantId(appId), site: normaliseSite(site), appId, displayName: app ? app.displayName : appId, role };
  }

  app(appId: string): AppRegistration | undefined {
    return this.apps.filter((a) => a.appId.toLowerCase() === appId.toLowerCase())[0];
  }

  byToken(token: string): AppRegistration | undefined {
    return this.apps.filter((a) => a.token === token)[0];
  }

  /** Changes how the bot's app is registered (tests: a secret instead of a certificate, consent given or withdrawn). */
  configureBotApp(changes: { credential?: AppCredential; sitesSelected?: AppApi[] }): void {
    const app = this.app(BOT_APP_ID) as AppRegistration;
    if (changes.credential) {
      app.credential = changes.credential;
    }
    if (changes.sitesSelected) {
      const apis = changes.sitesSelected;
      const directory = app.permissions.graph.filter((p) => BOT_DIRECTORY_PERMISSIONS.indexOf(p) !== -1);
      app.permissions = {
        graph: (apis.indexOf('graph') !== -1 ? ['Sites.Selected'] : []).concat(directory),
        sharepoint: apis.indexOf('sharepoint') !== -1 ? ['Sites.Selected'] : [],
      };
    }
  }

  grants(site?: string): SiteGrant[] {
    const raw = this.store.getMeta(GRANTS_KEY);
    const all = raw ? (JSON.parse(raw) as SiteGrant[]) : [];
    return site === undefined ? all : all.filter((g) => g.site === normaliseSite(site));
  }

  private saveGrants(grants: SiteGrant[]): void {
    this.store.setMeta(GRANTS_KEY, JSON.stringify(grants));
  }

  /** Creates or replaces the app's grant on a site (Graph: one permission per app and site). */
  grant(site: string, appId: string, role: SiteRole): SiteGrant {
    const grant = this.grantFor(appId, site, role);
    this.saveGrants(
      this.grants()
        .filter((g) => !(g.site === grant.site && g.appId === appId))
        .concat([grant]),
    );
    return grant;
  }

  revoke(site: string, id: string): boolean {
    const before = this.grants();
    const after = before.filter((g) => !(g.site === normaliseSite(site) && g.id === id));
    this.saveGrants(after);
    return after.length !== before.length;
  }

  /**
   * What the app may do on a site through an API: the best of its tenant-wide permissions and,
   * when that API's `Sites.Selected` is consented, its grant on the site. Undefined: nothing.
   */
  roleOn(app: AppRegistration, api: AppApi, site: string): SiteRole | undefined {
    const consented = app.permissions[api];
    let best: SiteRole | undefined;
    for (const [permission, role] of TENANT_WIDE) {
      if (consented.indexOf(permission) !== -1 && !roleAtLeast(best, role)) {
        best = role;
      }
    }
    if (consented.indexOf('Sites.Selected') !== -1) {
      const grant = this.grants(site).filter((g) => g.appId === app.appId)[0];
      if (grant && !roleAtLeast(best, grant.role)) {
        best = grant.role;
      }
    }
    return best;
  }
}

export function normaliseSite(site: string): string {
  const path = site.replace(/^https?:\/\/[^/]+/i, '').replace(/\/+$/, '');
  return (path || '/').toLowerCase();
}

/**
 * The role a SharePoint REST call needs (`apiPath` after `/_api/`): reading is read; changing
 * permissions, or reading who holds them, is full control (Manage/Enumerate Permissions are in
 * Full Control only); every other write is write.
 */
export function sharePointRoleNeeded(method: string, apiPath: string): SiteRole {
  const path = apiPath.toLowerCase();
  if (/(^|\/)(breakroleinheritance|resetroleinheritance|roleassignments)(\(|\/|$)/.test(path)) {
    return 'fullcontrol';
  }
  // Setting a site up: site scripts, groups and their members, permission levels, regional settings
  // need a site owner's rights; a list's own settings need Manage Lists.
  if (
    method !== 'GET' &&
    (/^microsoft\.sharepoint\.utilities\.webtemplateextensions\.sitescriptutility\./.test(path) ||
      /^web\/(sitegroups|roledefinitions|regionalsettings)(\(|\/|$)/.test(path))
  ) {
    return 'fullcontrol';
  }
  if (method !== 'GET' && /^web\/(lists\/getbytitle\([^)]*\)|lists\([^)]*\))$/.test(path)) {
    return 'manage';
  }
  if (method === 'GET' || path === 'contextinfo' || path === '$batch') {
    return 'read';
  }
  return 'write';
}

export function graphRoleNeeded(method: string): SiteRole {
  return method.toUpperCase() === 'GET' ? 'read' : 'write';
}

/**
 * SharePoint's answer to an app-only token got with a client secret, as SharePoint Online sends
 * it (401, a bare `error_description` body whatever the Accept header, `x-ms-diagnostics`).
 */
export function unsupportedAppOnlyToken(): { status: number; headers: { [k: string]: string }; body: string } {
  return {
    status: 401,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'x-ms-diagnostics': '3001000;reason="There has been an error authenticating the request.";category="invalid_client"',
      'WWW-Authenticate': `Bearer realm="${SANDBOX_TENANT_ID}",client_id="00000003-0000-0ff1-ce00-000000000000",trusted_issuers="00000001-0000-0000-c000-000000000000@*,D3776938-3DBA-481F-A652-4BEDFCAB7CD8@*,https://sts.windows.net/*/,00000003-0000-0ff1-ce00-000000000000@90140122-8516-11e1-8eff-49304924019b",authorization_uri="https://login.windows.net/common/oauth2/authorize"`,
    },
    body: JSON.stringify({ error_description: 'Unsupported app only token.' }),
  };
}

/** SharePoint's permission kinds (SP.PermissionKind) that the roles below are made of. */
const PERMISSION_KIND = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  CancelCheckout: 9,
  ManagePersonalViews: 10,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  AddAndCustomizePages: 19,
  ApplyThemeAndBorder: 20,
  ApplyStyleSheets: 21,
  CreateSSCSite: 23,
  BrowseDirectories: 27,
  BrowseUserInfo: 28,
  AddDelPrivateWebParts: 29,
  UpdatePersonalWebParts: 30,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  CreateAlerts: 40,
  EditMyUserInfo: 41,
} as const;

type Kind = keyof typeof PERMISSION_KIND;
// As SharePoint's Read (High 176, Low 138612833) and Contribute (High 432, Low 1011028719) levels.
const READ_KINDS: Kind[] = [
  'ViewListItems',
  'OpenItems',
  'ViewVersions',
  'ViewFormPages',
  'Open',
  'ViewPages',
  'CreateSSCSite',
  'BrowseUserInfo',
  'UseClientIntegration',
  'UseRemoteAPIs',
  'CreateAlerts',
];
const WRITE_KINDS: Kind[] = READ_KINDS.concat([
  'AddListItems',
  'EditListItems',
  'DeleteListItems',
  'DeleteVersions',
  'ManagePersonalViews',
  'BrowseDirectories',
  'AddDelPrivateWebParts',
  'UpdatePersonalWebParts',
  'EditMyUserInfo',
]);
const MANAGE_KINDS: Kind[] = WRITE_KINDS.concat([
  'ManageLists',
  'ApproveItems',
  'CancelCheckout',
  'AddAndCustomizePages',
  'ApplyThemeAndBorder',
  'ApplyStyleSheets',
]);

/**
 * `SP.BasePermissions` of a role as `web/effectivebasepermissions` reports it: two 32-bit halves,
 * as strings, bit k-1 for permission kind k. Full control is every bit (FullMask).
 */
export function basePermissionsOf(role: SiteRole | undefined): { High: string; Low: string } {
  if (role === 'fullcontrol') {
    return { High: '2147483647', Low: '4294967295' };
  }
  const kinds = role === 'manage' ? MANAGE_KINDS : role === 'write' ? WRITE_KINDS : role === 'read' ? READ_KINDS : [];
  let mask = BigInt(0);
  for (const kind of kinds) {
    mask |= BigInt(1) << BigInt(PERMISSION_KIND[kind] - 1);
  }
  return { High: String(mask >> BigInt(32)), Low: String(mask & BigInt(0xffffffff)) };
}
