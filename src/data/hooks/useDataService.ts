import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { FrontlineDataService } from '../FrontlineDataService';

/** One service per PnPjs instance: components reach the lists only through it. */
export function useDataService(sp: SPFI): FrontlineDataService {
  return React.useMemo(() => new FrontlineDataService(sp), [sp]);
}
