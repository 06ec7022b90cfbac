/**
 * The bot's `Sites.Selected` grant on the one data site, through Microsoft Graph's site
 * permissions (`/sites/{site-id}/permissions`). One grant serves both APIs the bot calls (Graph and
 * SharePoint REST); its role is the least that works: `fullcontrol`, because the bot breaks each
 * submitted report's permission inheritance, which SharePoint allows only with Manage Permissions.
 *
 * Making a grant needs an administrator: Graph accepts it only from an app-only token with
 * `Sites.FullControl.All` (delegated calls are not supported). So provisioning prints the requests
 * unless the administrator passes `--grant` with such a token in GRAPH_ACCESS_TOKEN.
 */
import { Client, HTTPMessageHandler, Middleware, RetryHandler, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import type { Context } from '@microsoft/microsoft-graph-client';
import type { StepOutcome } from './apply';

const ROLE_ORDER = ['read', 'write', 'manage', 'fullcontrol'];

function rank(roles: ReadonlyArray<string>): number {
  return Math.max(-1, ...roles.map((r) => ROLE_ORDER.indexOf(r.toLowerCase())));
}

/** Adds the bearer token to every request (the Graph client's own handler skips non-Graph hosts, e.g. the sandbox). */
class BearerAuth implements Middleware {
  private next?: Middleware;

  constructor(private readonly token: string) {}

  async execute(context: Context): Promise<void> {
    const options = (context.options = context.options || {});
    const headers = new Headers(options.headers as HeadersInit | undefined);
    headers.set('Authorization', `Bearer ${this.token}`);
    options.headers = Object.fromEntries(headers.entries());
    return (this.next as Middleware).execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The Graph client for an app-only token; 429/503 retried honouring Retry-After. */
export function graphClient(graphBaseUrl: string, token: string): Client {
  const auth = new BearerAuth(token);
  const retry = new RetryHandler(new RetryHandlerOptions(1, 3));
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(http);
  return Client.initWithMiddleware({ middleware: auth, baseUrl: `${graphBaseUrl.replace(/\/$/, '')}/`, defaultVersion: 'v1.0' });
}

/** Graph's address of a site from its URL: `{hostname}:{server-relative path}`. */
export function graphSiteReference(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.hostname}:${url.pathname.replace(/\/$/, '')}`;
}

interface SitePermission {
  id: string;
  roles: string[];
  grantedToIdentities?: Array<{ application?: { id?: string } }>;
  grantedToIdentitiesV2?: Array<{ application?: { id?: string } }>;
}

/** What an administrator runs to grant the app by hand (printed when provisioning may not). */
export function grantInstructions(siteUrl: string, appId: string, displayName: string, role: string): string[] {
  return [
    `Grant the bot's app "${displayName}" (${appId}) ${role} on ${siteUrl} (Sites.Selected), as an app with Graph Sites.FullControl.All:`,
    `  GET  https://graph.microsoft.com/v1.0/sites/${graphSiteReference(siteUrl)}?$select=id      (the site id)`,
    `  POST https://graph.microsoft.com/v1.0/sites/{site-id}/permissions`,
    `       { "roles": ["${role}"], "grantedToIdentities": [{ "application": { "id": "${appId}", "displayName": "${displayName}" } }] }`,
    `  (an existing weaker grant: PATCH …/permissions/{permission-id} { "roles": ["${role}"] })`,
    'or run provisioning again with --grant and GRAPH_ACCESS_TOKEN set to such a token.',
  ];
}

/** Ensures the app has at least `role` on the site; answers whether anything changed. */
export function graphGrantEnsurer(graph: Client, siteUrl: string): (appId: string, displayName: string, role: string) => Promise<StepOutcome> {
  return async (appId, displayName, role) => {
    const site = (await graph
      .api(`/sites/${graphSiteReference(siteUrl)}`)
      .select('id')
      .get()) as { id: string };
    const existing = ((await graph.api(`/sites/${site.id}/permissions`).get()) as { value: SitePermission[] }).value.filter((p) =>
      (p.grantedToIdentitiesV2 || p.grantedToIdentities || []).some((i) => !!i.application && i.application.id === appId),
    )[0];
    if (existing && rank(existing.roles) >= rank([role])) {
      return 'unchanged';
    }
    if (existing) {
      await graph.api(`/sites/${site.id}/permissions/${existing.id}`).patch({ roles: [role] });
    } else {
      await graph.api(`/sites/${site.id}/permissions`).post({ roles: [role], grantedToIdentities: [{ application: { id: appId, displayName } }] });
    }
    return 'changed';
  };
}
