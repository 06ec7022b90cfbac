import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/batching';

import { londonMidnightUtc } from '../domain/calendarDate';
import { Role, rolesFromGroups } from '../domain/roles';
import { RotaEntry } from '../domain/types';
import { VISIT_ROTA } from './listContract';
import { ROTA_EXPAND, ROTA_SELECT, toRotaEntry } from './mappers';

export interface SignedInUser {
  /** Site user id: the value SharePoint user fields store. */
  id: number;
  displayName: string;
  email: string;
  roles: Role[];
}

export interface StartPageData {
  user: SignedInUser;
  upcomingRota: RotaEntry[];
}

/**
 * Reads and writes the product's lists through PnPjs. Components never call PnPjs themselves:
 * they use this service through hooks.
 */
export class FrontlineDataService {
  public constructor(private readonly sp: SPFI) {}

  /** The signed-in user, their roles and the rota from today on: one round trip. */
  public async getStartPage(today: string, top: number = 50): Promise<StartPageData> {
    const [batchedSP, execute] = this.sp.batched();
    const userRequest = batchedSP.web.currentUser.select('Id', 'Title', 'Email')();
    const groupsRequest = batchedSP.web.currentUser.groups.select('Title')();
    // VisitDate is indexed and comes first, so the query stays under the list view threshold.
    const rotaRequest = batchedSP.web.lists
      .getByTitle(VISIT_ROTA.title)
      .items.select(...ROTA_SELECT)
      .expand(...ROTA_EXPAND)
      .filter(`${VISIT_ROTA.fields.VisitDate} ge datetime'${londonMidnightUtc(today)}'`)
      .orderBy(VISIT_ROTA.fields.VisitDate, true)
      .top(top)();
    await execute();
    const [user, groups, rota] = await Promise.all([userRequest, groupsRequest, rotaRequest]);
    return {
      user: {
        id: user.Id,
        displayName: user.Title,
        email: user.Email,
        roles: rolesFromGroups(groups.map((g: { Title: string }) => g.Title))
      },
      upcomingRota: rota.map(toRotaEntry)
    };
  }
}
