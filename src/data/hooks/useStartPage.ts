import type { SPFI } from '@pnp/sp';
import { StartPageData } from '../FrontlineDataService';
import { useDataService } from './useDataService';
import { LoadState, TRY_AGAIN, useLoad } from './useLoad';

/** The signed-in user, roles, rota and readable reports; `refresh` changes to load again. */
export function useStartPage(sp: SPFI, today: string, refresh: number): [LoadState<StartPageData>, () => void] {
  const service = useDataService(sp);
  return useLoad(`start-page:${today}:${refresh}`, () => service.getStartPage(today), `We could not load your visits. ${TRY_AGAIN}`);
}
