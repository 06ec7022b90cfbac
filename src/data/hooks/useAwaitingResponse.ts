import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { AwaitingResponseData, ResponsesService } from '../ResponsesService';
import { LoadState, TRY_AGAIN, useLoad } from './useLoad';

/** The reports awaiting a response and the teams: one round trip. */
export function useAwaitingResponse(sp: SPFI, today: string): [LoadState<AwaitingResponseData>, () => void] {
  const service = React.useMemo(() => new ResponsesService(sp), [sp]);
  return useLoad(`awaiting-response:${today}`, () => service.getAwaitingResponse(), `We could not load the reports awaiting a response. ${TRY_AGAIN}`);
}
