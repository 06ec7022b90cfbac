import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import type { FrontlineTeam } from '../../domain/types';
import { loadTeams } from '../../report/packData';

export type TeamsState = { status: 'loading' } | { status: 'ready'; teams: FrontlineTeam[] } | { status: 'failed' };

/** The teams the clerk may narrow the pack to; if they cannot be read, the pack covers every team. */
export function useTeams(sp: SPFI): TeamsState {
  const [teams, setTeams] = React.useState<TeamsState>({ status: 'loading' });
  React.useEffect(() => {
    let live = true;
    loadTeams(sp)
      .then((list) => live && setTeams({ status: 'ready', teams: list }))
      .catch((error: Error) => {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: could not load the teams for the committee pack', error);
        if (live) {
          setTeams({ status: 'failed' });
        }
      });
    return () => {
      live = false;
    };
  }, [sp]);
  return teams;
}
