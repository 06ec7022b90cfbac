import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { CalendarDate } from '../../domain/calendarDate';
import { ChaseRecord, describeChase } from '../../domain/chase';
import { httpStatusOf } from '../../data/FrontlineDataService';
import { AlreadyChasedError, ChaseRequest } from '../../data/VisitsOverviewService';
import { useVisitsOverviewService } from '../../data/hooks/useVisitsOverview';

export type ChaseOutcome = { ok: true; record: ChaseRecord; message: string } | { ok: false; message: string; record?: ChaseRecord };

/** Asks for a reminder; the outcome is in words for the row's status line. */
export function useChase(sp: SPFI, today: CalendarDate): { chase(request: ChaseRequest): Promise<ChaseOutcome>; busyKey?: string } {
  const service = useVisitsOverviewService(sp);
  const [busyKey, setBusyKey] = React.useState<string | undefined>();
  const chase = React.useCallback(
    async (request: ChaseRequest): Promise<ChaseOutcome> => {
      const key = `${request.subject.kind}-${request.subject.id}`;
      setBusyKey(key);
      try {
        const record = await service.requestChase(request, today);
        return { ok: true, record, message: describeChase(record, today) };
      } catch (error) {
        if (error instanceof AlreadyChasedError) {
          return {
            ok: false,
            record: error.existing,
            message: error.existing
              ? `Already chased today: ${describeChase(error.existing, today)}. You can chase again tomorrow.`
              : 'Someone has already chased this today. You can chase again tomorrow.',
          };
        }
        const status = httpStatusOf(error);
        if (status === 403 || status === 401) {
          return { ok: false, message: 'You do not have permission to send reminders. Only the Children’s Improvement Team can chase.' };
        }
        return { ok: false, message: 'The reminder was not asked for: SharePoint did not answer. Check your connection and press the button again.' };
      } finally {
        setBusyKey(undefined);
      }
    },
    [service, today],
  );
  return { chase, busyKey };
}
