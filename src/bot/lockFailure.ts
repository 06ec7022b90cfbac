/**
 * Why the bot could not lock a report, in words an administrator acts on: which permission or
 * role the bot's app lacks and how to give it. Locking breaks the item's role inheritance through
 * SharePoint REST, which needs a certificate-based token and the SharePoint `Sites.Selected` role
 * `fullcontrol` on the data site.
 */
import { GraphError } from '@microsoft/microsoft-graph-client';
import { SharePointRestError } from './lists';

export interface LockFailure {
  /** What is missing, e.g. "the SharePoint Sites.Selected role fullcontrol". */
  missing: string;
  /** One line for the log: what happened, what is missing and how to fix it. */
  explanation: string;
}

/** A call that changes or lists permissions (path segments, not a `$select` naming HasUniqueRoleAssignments). */
const PERMISSION_CALL = /\/(breakroleinheritance|resetroleinheritance|roleassignments)(\(|\/|$)/i;

export function grantAdvice(siteUrl: string, appId: string): string {
  // Locally the bot's id is the Playground's name for it, not an Entra application id.
  const id = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(appId) ? appId : "<the bot's Entra application id>";
  return (
    `Grant it with Microsoft Graph as an administrator: POST /v1.0/sites/{site id of ${siteUrl}}/permissions ` +
    `{"roles":["fullcontrol"],"grantedToIdentities":[{"application":{"id":"${id}"}}]} (or PATCH the app's existing permission there to roles ["fullcontrol"])`
  );
}

/**
 * A card cannot be posted exactly once without writing its claim and ids through Graph: when Graph
 * refuses the bot, say what it lacks (undefined for any other failure).
 */
export function explainGraphRefusal(error: unknown, siteUrl: string): string | undefined {
  if (!(error instanceof GraphError) || (error.statusCode !== 401 && error.statusCode !== 403)) {
    return undefined;
  }
  return (
    `Microsoft Graph answered ${error.statusCode} (${error.code || 'no code'}): the bot's app cannot use the Visit Reports list on ${siteUrl} through Graph, ` +
    'so it can record no card and posts none rather than post one again on every sweep. ' +
    'It needs Microsoft Graph Sites.Selected consented and the role write (or fullcontrol) on the site.'
  );
}

export function explainLockFailure(error: unknown, siteUrl: string, appId: string): LockFailure {
  if (error instanceof SharePointRestError) {
    const call = `SharePoint answered ${error.status} to ${error.method} ${error.path.replace(/^https?:\/\/[^/]+/i, '')}`;
    if (error.status === 401 && /Unsupported app only token/i.test(error.body)) {
      return {
        missing: 'a certificate credential (SharePoint REST refuses tokens got with a client secret)',
        explanation: `${call} ("Unsupported app only token."): the bot's token was got with a client secret. Give the bot's Entra app a certificate and set BOT_CERT_FILE and BOT_CERT_THUMBPRINT.`,
      };
    }
    if (error.status === 403 && PERMISSION_CALL.test(error.path.split('?')[0])) {
      return {
        missing: 'the SharePoint Sites.Selected role fullcontrol',
        explanation: `${call}: breaking a report's permissions needs the SharePoint Sites.Selected role fullcontrol on ${siteUrl}, and the bot's app has at most write there. ${grantAdvice(siteUrl, appId)}.`,
      };
    }
    if (error.status === 403 || error.status === 401) {
      return {
        missing: 'SharePoint access to the site (Sites.Selected for SharePoint, role fullcontrol)',
        explanation:
          `${call}: the bot's app has no SharePoint access to ${siteUrl}. Consent the SharePoint (not only the Graph) application permission Sites.Selected for the app, and give it the role fullcontrol on the site. ` +
          `${grantAdvice(siteUrl, appId)}.`,
      };
    }
    return { missing: `a SharePoint answer (${error.status})`, explanation: `${call}: ${error.body.slice(0, 200) || 'no body'}.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { missing: 'a SharePoint answer', explanation: `SharePoint could not be reached: ${message}.` };
}
