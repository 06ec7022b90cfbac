/**
 * Graph's site permissions (`/v1.0/sites/{site}/permissions[/{id}]`): how an administrator grants
 * an app `Sites.Selected` access to one site, with a role. POST creates (201), GET lists or reads
 * one, PATCH changes the roles, DELETE removes (204) — in Graph's shapes. Only an app with Graph
 * `Sites.FullControl.All` may call them; delegated calls are not supported, as in Graph.
 */
import { AppDirectory, SiteGrant, SiteRole, SITE_ROLES } from './appIdentity';
import { GraphError, graphErrors } from './errors';
import { graphErrorResponse } from './graph';
import { InnerResponse } from './restShapes';
import { Caller } from './security';

export interface SitePermissionsContext {
  apps: AppDirectory;
  origin: string;
  /** The server-relative URL of the site a Graph site reference names, or undefined. */
  siteOf(ref: string): string | undefined;
  /** Graph's id of that site. */
  graphSiteId(site: string): string;
}

/** `/v1.0/sites/{ref}/permissions[/{id}]` → its parts; `{ref}` may be an id or `host:/path:`. */
export function parseSitePermissionsPath(path: string): { ref: string; permissionId?: string } | undefined {
  const match = /^\/v1\.0\/sites\/(.+?):?\/permissions(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match || /\/lists\//i.test(match[1])) {
    return undefined;
  }
  return { ref: match[1], permissionId: match[2] };
}

function json(status: number, body: unknown): InnerResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

function permissionEntity(grant: SiteGrant): { [k: string]: unknown } {
  const identity = [{ application: { id: grant.appId, displayName: grant.displayName } }];
  return {
    id: grant.id,
    '@deprecated.GrantedToIdentities': 'GrantedToIdentities has been deprecated. Refer to GrantedToIdentitiesV2',
    roles: [grant.role],
    grantedToIdentities: identity,
    grantedToIdentitiesV2: identity,
  };
}

function parseRoles(value: unknown): SiteRole {
  if (!Array.isArray(value) || value.length !== 1 || SITE_ROLES.indexOf(String(value[0]).toLowerCase() as SiteRole) === -1) {
    throw graphErrors.invalidRequest(`Invalid value for roles: give one of ${SITE_ROLES.join(', ')}.`);
  }
  return String(value[0]).toLowerCase() as SiteRole;
}

function parseBody(body: string): { [k: string]: unknown } {
  try {
    const parsed = body.trim() ? JSON.parse(body) : {};
    if (parsed && typeof parsed === 'object') {
      return parsed as { [k: string]: unknown };
    }
  } catch {
    // answered below
  }
  throw graphErrors.invalidRequest('Invalid request body: the JSON could not be read.');
}

function applicationOf(payload: { [k: string]: unknown }): { id: string; displayName?: string } {
  const identities = (payload.grantedToIdentitiesV2 || payload.grantedToIdentities) as unknown;
  const first = Array.isArray(identities) ? (identities[0] as { application?: { id?: unknown; displayName?: unknown } }) : undefined;
  const application = first && first.application;
  if (!application || typeof application.id !== 'string' || !application.id) {
    throw graphErrors.invalidRequest('grantedToIdentities must name one application: [{ "application": { "id", "displayName" } }].');
  }
  return { id: application.id, displayName: typeof application.displayName === 'string' ? application.displayName : undefined };
}

export function handleSitePermissions(ctx: SitePermissionsContext, method: string, path: string, body: string, caller: Caller): InnerResponse {
  try {
    const parsed = parseSitePermissionsPath(path) as { ref: string; permissionId?: string };
    if (caller.kind !== 'app' || caller.app.permissions.graph.indexOf('Sites.FullControl.All') === -1) {
      throw graphErrors.accessDenied();
    }
    const site = ctx.siteOf(parsed.ref);
    if (!site) {
      throw graphErrors.itemNotFound('Requested site could not be found');
    }
    const context = `${ctx.origin}/v1.0/$metadata#sites('${ctx.graphSiteId(site)}')/permissions`;
    const verb = method.toUpperCase();
    if (!parsed.permissionId) {
      if (verb === 'GET') {
        return json(200, { '@odata.context': context, value: ctx.apps.grants(site).map(permissionEntity) });
      }
      if (verb === 'POST') {
        const payload = parseBody(body);
        const role = parseRoles(payload.roles);
        const application = applicationOf(payload);
        if (!ctx.apps.app(application.id)) {
          throw graphErrors.invalidRequest(`The application ${application.id} is not registered in this tenant.`);
        }
        return json(201, { '@odata.context': `${context}/$entity`, ...permissionEntity(ctx.apps.grant(site, application.id, role)) });
      }
      throw graphErrors.invalidRequest(`${verb} is not supported on a site's permissions.`);
    }
    const existing = ctx.apps.grants(site).filter((g) => g.id === parsed.permissionId)[0];
    if (!existing) {
      throw graphErrors.itemNotFound('The requested permission was not found.');
    }
    if (verb === 'GET') {
      return json(200, { '@odata.context': `${context}/$entity`, ...permissionEntity(existing) });
    }
    if (verb === 'PATCH') {
      const role = parseRoles(parseBody(body).roles);
      return json(200, { '@odata.context': `${context}/$entity`, ...permissionEntity(ctx.apps.grant(site, existing.appId, role)) });
    }
    if (verb === 'DELETE') {
      ctx.apps.revoke(site, existing.id);
      return { status: 204, headers: {}, body: '' };
    }
    throw graphErrors.invalidRequest(`${verb} is not supported on a permission.`);
  } catch (error) {
    if (error instanceof GraphError) {
      return graphErrorResponse(error);
    }
    throw error;
  }
}
