/**
 * What the bot's app can do, checked at start without changing anything, so that IT reads in the
 * first lines of the log what a report would otherwise find out: Graph must read and write the
 * lists (cards are claimed and recorded there); SharePoint REST must take the token and grant
 * Manage Permissions (the lock), read through `web/effectivebasepermissions`.
 */
import { FrontlineLists } from './lists';
import { explainGraphRefusal, explainLockFailure, grantAdvice } from './lockFailure';

/** SP.PermissionKind.ManagePermissions: bit 25 of the low half. */
const MANAGE_PERMISSIONS_BIT = BigInt(25);

export function canManagePermissions(mask: { High?: string; Low?: string }): boolean {
  const low = BigInt(mask.Low || '0');
  return ((low >> MANAGE_PERMISSIONS_BIT) & BigInt(1)) === BigInt(1);
}

/** Problems found, each a line for the log with what to do; empty when all is in place. */
export async function checkAccess(lists: FrontlineLists, siteUrl: string, appId: string): Promise<string[]> {
  const problems: string[] = [];
  try {
    await lists.listIds();
  } catch (error) {
    problems.push(explainGraphRefusal(error, siteUrl) || `Microsoft Graph: the lists could not be read (${(error as Error).message}); no card can be posted until they can.`);
  }
  try {
    const mask = await lists.spRest<{ High?: string; Low?: string }>('GET', '/_api/web/effectivebasepermissions');
    if (!canManagePermissions(mask)) {
      problems.push(
        `SharePoint: the bot's app may not manage permissions on ${siteUrl}, so reports get their cards but are not locked (their authors can still change them). ` +
          `It needs the SharePoint Sites.Selected role fullcontrol. ${grantAdvice(siteUrl, appId)}.`
      );
    }
  } catch (error) {
    problems.push(`SharePoint: ${explainLockFailure(error, siteUrl, appId).explanation} Until then reports get their cards but are not locked.`);
  }
  return problems;
}
