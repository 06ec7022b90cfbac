/** What every SharePoint REST handler of the sandbox is given: the request, the site's parts and the responders. */
import type { IncomingHttpHeaders } from 'node:http';
import { roleAtLeast, SiteRole } from '../appIdentity';
import { spErrors } from '../errors';
import type { ListOps } from '../listOps';
import { annotate, collectionBody, entityBody, InnerResponse, jsonResponse, ODataMode, selectProps } from '../restShapes';
import { assertMayManagePermissions, Caller } from '../security';
import type { SandboxStore } from '../store';
import type { Webhooks } from '../webhooks';
import type { Segment } from './apiPath';

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

/** One entity, annotated for the OData mode and cut to `$select`. */
export type OneResponder = (
  metadataName: string,
  meta: { type: string; editLink: string },
  entity: { [k: string]: unknown },
  extra?: { [k: string]: string },
) => InnerResponse;

export type ManyResponder = (
  metadataName: string,
  entities: Array<{ meta: { type: string; editLink: string }; entity: { [k: string]: unknown } }>,
) => InnerResponse;

/** A request below `/_api/web`, with what every entity's route needs to answer it. */
export interface WebRequest {
  ctx: SpContext;
  req: InnerRequest;
  caller: Caller;
  method: string;
  mode: ODataMode;
  /** The path below `web`. */
  rest: Segment[];
  select: string[];
  one: OneResponder;
  many: ManyResponder;
}

/** The responders for one request: its OData mode and `$select` shape every entity alike. */
export function responders(mode: ODataMode, apiUrl: string, select: string[]): { one: OneResponder; many: ManyResponder } {
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
  return { one, many };
}

/** Manage Permissions and Manage Lists on the site: what applying a site script and setting a site up need. */
export function mayManageSite(ctx: SpContext, caller: Caller): boolean {
  try {
    assertMayManagePermissions(caller);
  } catch {
    return false;
  }
  return !ctx.siteRoleOf || roleAtLeast(ctx.siteRoleOf(caller), 'manage');
}

export function parseJsonBody(body: string): unknown {
  if (!body.trim()) {
    return {};
  }
  try {
    return JSON.parse(body);
  } catch {
    throw spErrors.invalidJson();
  }
}

export function effectiveMethod(req: InnerRequest): string {
  const override = req.headers['x-http-method'];
  const value = (Array.isArray(override) ? override[0] : override) || '';
  return (req.method === 'POST' && value ? value : req.method).toUpperCase();
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
