/**
 * What the bot's app can do, checked at start without changing anything, so that IT reads in the
 * first lines of the log what a report would otherwise find out: Graph must read and write the
 * lists (cards are claimed and recorded there); SharePoint REST must take the token (who changed a
 * report last, the webhook), probed through `web/effectivebasepermissions`. The bot changes no item
 * permissions (a submitted report is closed by the list's own), so Manage Permissions is not needed.
 */
import { FrontlineLists } from './lists';
import { explainGraphRefusal, explainLockFailure } from './lockFailure';

/** Problems found, each a line for the log with what to do; empty when all is in place. */
export async function checkAccess(lists: FrontlineLists, siteUrl: string, appId: string): Promise<string[]> {
  const problems: string[] = [];
  try {
    await lists.listIds();
  } catch (error) {
    problems.push(
      explainGraphRefusal(error, siteUrl) ||
        `Microsoft Graph: the lists could not be read (${(error as Error).message}); no card can be posted until they can.`,
    );
  }
  try {
    await lists.spRest<{ High?: string; Low?: string }>('GET', '/_api/web/effectivebasepermissions');
  } catch (error) {
    problems.push(`SharePoint: ${explainLockFailure(error, siteUrl, appId).explanation} Until then reports get their cards but are not yet checked.`);
  }
  return problems;
}
