/**
 * PnPjs for the command line (Node 22's fetch), signed in as the caller: the sandbox identity
 * header for the local sandbox, or a SharePoint access token for a real site.
 */
import { spfi, SPBrowser, SPFI } from '@pnp/sp';
import { BearerToken, InjectHeaders } from '@pnp/queryable';
import type { ReportAuth } from './reportArgs';

/** The header the local sandbox reads the acting person from (team notes, shared contracts). */
export const SANDBOX_USER_HEADER = 'X-Sandbox-User';

export async function connectToSite(site: string, auth: ReportAuth, log: (line: string) => void): Promise<SPFI> {
  const sp = spfi(site).using(SPBrowser({ baseUrl: site }));
  if (auth.kind === 'sandbox') {
    return sp.using(InjectHeaders({ [SANDBOX_USER_HEADER]: auth.user }));
  }
  const token = auth.kind === 'token' ? auth.token : await deviceCodeToken(site, auth.clientId, auth.tenant, log);
  return sp.using(BearerToken(token));
}

/**
 * Signs in with the device code flow (MSAL for Node): the person opens the printed address on any
 * device and enters the code, so the command works on a server with no browser.
 */
async function deviceCodeToken(site: string, clientId: string, tenant: string, log: (line: string) => void): Promise<string> {
  // Loaded only for a real site: the sandbox and token paths never need it.
  const msal = await import('@azure/msal-node');
  const app = new msal.PublicClientApplication({ auth: { clientId, authority: `https://login.microsoftonline.com/${tenant}` } });
  const result = await app.acquireTokenByDeviceCode({
    // Read-only on purpose: the pack never writes.
    scopes: [`${new URL(site).origin}/AllSites.Read`],
    deviceCodeCallback: (response) => log(response.message),
  });
  if (!result || !result.accessToken) {
    throw new Error('Sign-in did not complete, so there is no access token. Run the command again and finish signing in.');
  }
  return result.accessToken;
}
