/** Request digests, as SharePoint issues and checks them for cookie sign-in. */
import { createHmac } from 'node:crypto';

export const DIGEST_TIMEOUT_SECONDS = 1800;

/**
 * A digest is an HMAC of its issue time and the person it was issued to: as in SharePoint, a
 * digest obtained by one person is refused for another. The key is the same for every sandbox: a
 * digest PnPjs cached from one sandbox (it caches per site URL) stays good for another on the same
 * port, as it would across a restart. It only has to be obtained from contextinfo by the same
 * person and not be stale.
 */
export const DIGEST_KEY = 'frontline-visits-sandbox-digest';

export function digestMac(stamp: string, loginName: string): string {
  return createHmac('sha256', DIGEST_KEY).update(`${stamp}|${loginName.toLowerCase()}`).digest('hex').toUpperCase();
}

export function issueDigest(loginName: string, now = new Date()): string {
  const stamp = now.toUTCString();
  return `0x${digestMac(stamp, loginName)},${stamp}`;
}

export function digestValid(digest: string, loginName: string): boolean {
  const comma = digest.indexOf(',');
  if (!digest.startsWith('0x') || comma < 0) {
    return false;
  }
  const stamp = digest.slice(comma + 1);
  const issued = Date.parse(stamp);
  return digestMac(stamp, loginName) === digest.slice(2, comma) && !isNaN(issued) && Date.now() - issued < DIGEST_TIMEOUT_SECONDS * 1000;
}
