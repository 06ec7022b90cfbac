import type { SPFI } from '@pnp/sp';
import { FormOptions, httpStatusOf, ReportScreenData } from '../FrontlineDataService';
import { useDataService } from './useDataService';
import { LoadState, TRY_AGAIN, useLoad } from './useLoad';

/** `withCouncillors`: the reader is a councillor, who may be shown the form and its members picker. */
export function useReportScreen(sp: SPFI, reportId: number, withCouncillors: boolean): [LoadState<ReportScreenData>, () => void] {
  const service = useDataService(sp);
  return useLoad(
    `report:${reportId}:${withCouncillors ? 'form' : 'read'}`,
    () =>
      service.getReportScreen(reportId, withCouncillors).catch((error: unknown) => {
        const status = httpStatusOf(error);
        if (status === 404 || status === 403) {
          // Say what it means, not that the network failed.
          throw Object.assign(new Error(`Report ${reportId} is not there or not yours to read (${status})`), { status, cause: error });
        }
        throw error;
      }),
    `We could not open this report. It may have been deleted, or you may not have permission to read it. Go back to your visits and choose it again. ${TRY_AGAIN}`,
  );
}

export function useFormOptions(sp: SPFI): [LoadState<FormOptions>, () => void] {
  const service = useDataService(sp);
  return useLoad('form-options', () => service.getFormOptions(), `We could not load the list of teams and councillors for the form. ${TRY_AGAIN}`);
}

/** A draft and the form's options: the writer's form, or a fellow member's read-only view. */
export function useDraftScreen(sp: SPFI, draftId: number, withCouncillors: boolean): [LoadState<ReportScreenData>, () => void] {
  const service = useDataService(sp);
  return useLoad(
    `draft:${draftId}:${withCouncillors ? 'form' : 'read'}`,
    () =>
      service.getDraftScreen(draftId, withCouncillors).catch((error: unknown) => {
        const status = httpStatusOf(error);
        if (status === 404 || status === 403) {
          throw Object.assign(new Error(`Draft ${draftId} is not there or not yours to read (${status})`), { status, cause: error });
        }
        throw error;
      }),
    `We could not open this draft. It may have been submitted or deleted since. Go back to your visits and choose the visit again. ${TRY_AGAIN}`,
  );
}
