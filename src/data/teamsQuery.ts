import type { SPFI } from '@pnp/sp';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import { FRONTLINE_TEAMS } from './listContract';
import { TEAM_EXPAND, TEAM_SELECT } from './mappers';

/** Every screen's read of the teams, by title: a council has tens of teams, so one page holds them. */
export function teamsQuery(web: SPFI['web']): Promise<Array<{ Id: number; [field: string]: unknown }>> {
  return web.lists
    .getByTitle(FRONTLINE_TEAMS.title)
    .items.select(...TEAM_SELECT)
    .expand(...TEAM_EXPAND)
    .orderBy(FRONTLINE_TEAMS.fields.Title, true)
    .top(100)();
}
