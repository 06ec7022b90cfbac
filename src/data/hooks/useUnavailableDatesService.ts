import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { UnavailableDatesService } from '../UnavailableDatesService';

/** Councillors' unavailable dates, for the rota screen's section where they are kept. */
export function useUnavailableDatesService(sp: SPFI): UnavailableDatesService {
  return React.useMemo(() => new UnavailableDatesService(sp), [sp]);
}
