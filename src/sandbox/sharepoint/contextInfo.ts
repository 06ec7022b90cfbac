/** `_api/contextinfo` and the request digests it issues. */
import { createHmac } from 'node:crypto';
import { InnerResponse, jsonResponse, ODataMode } from '../restShapes';
import type { Caller } from '../security';
import type { SpContext } from './context';

const DIGEST_TIMEOUT_SECONDS = 1800;

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

/** The context info PnPjs posts for before its first write: the digest for this person on this site. */
export function contextInfoResponse(ctx: SpContext, caller: Caller, mode: ODataMode): InnerResponse {
  const apiUrl = `${ctx.siteUrl}/_api`;
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
