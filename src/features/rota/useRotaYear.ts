import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { formatShortDate } from '../../domain/calendarDate';
import { RotaService, RotaYearData } from '../../data/RotaService';
import { LoadState, TRY_AGAIN, useLoad } from '../../data/hooks/useLoad';
import { byDate, fromRotaItem, pendingCount, pendingWrites, ScreenVisit } from './rotaModel';

export interface SaveOutcome {
  kind: 'saved' | 'partly' | 'failed';
  message: string;
  /** One line a visit that was not saved, saying what to do. */
  problems: string[];
}

export interface RotaYearState {
  load: LoadState<RotaYearData>;
  /** The year as last read: kept on screen while it is read again after a save. */
  data?: RotaYearData;
  retry(): void;
  originals: ScreenVisit[];
  visits: ScreenVisit[];
  setVisits(next: ScreenVisit[]): void;
  pending: number;
  saving: boolean;
  outcome?: SaveOutcome;
  save(): Promise<void>;
  discard(): void;
  reload(): void;
}

export function useRotaService(sp: SPFI): RotaService {
  return React.useMemo(() => new RotaService(sp), [sp]);
}

/** A municipal year's rota, a working copy to edit, and saving it in one batch. */
export function useRotaYear(sp: SPFI, year: string): RotaYearState {
  const service = useRotaService(sp);
  const [reloads, setReloads] = React.useState(0);
  const [load, retry] = useLoad(`rota:${year}:${reloads}`, () => service.getRotaYear(year), `We could not load the rota for ${year}. ${TRY_AGAIN}`);
  const [data, setData] = React.useState<RotaYearData | undefined>();
  React.useEffect(() => {
    if (load.status === 'loaded') {
      setData(load.data);
    } else if (load.status === 'failed') {
      setData(undefined);
    }
  }, [load]);
  React.useEffect(() => setData(undefined), [year]);
  const originals = React.useMemo(() => (data ? data.visits.map((v) => fromRotaItem(v, data.teams)).sort(byDate) : []), [data]);
  const [visits, setVisits] = React.useState<ScreenVisit[]>([]);
  React.useEffect(() => setVisits(originals), [originals]);
  const [saving, setSaving] = React.useState(false);
  const [outcome, setOutcome] = React.useState<SaveOutcome | undefined>();
  const save = async (): Promise<void> => {
    const { adds, changes } = pendingWrites(originals, visits);
    setSaving(true);
    setOutcome(undefined);
    try {
      const added = adds.length ? await service.addVisits(adds) : { added: [], failed: [] };
      const changed = changes.length ? await service.applyChanges(changes) : [];
      const labelOf = (id: number): string => {
        const visit = visits.filter((v) => v.id === id)[0];
        return visit ? `${visit.teamTitle} on ${formatShortDate(visit.visitDate)}` : `visit ${id}`;
      };
      const problems = added.failed
        .map((f) => `${f.visit.title}: ${f.message}`)
        .concat(changed.filter((r) => !r.ok).map((r) => `${labelOf(r.id)}: ${(r as { message: string }).message}`));
      const done = added.added.length + changed.filter((r) => r.ok).length;
      setOutcome(
        problems.length === 0
          ? { kind: 'saved', message: `Saved: ${done === 1 ? '1 visit' : `${done} visits`} changed.`, problems }
          : {
              kind: done > 0 ? 'partly' : 'failed',
              message: `${problems.length === 1 ? 'One change was' : `${problems.length} changes were`} not saved.`,
              problems,
            },
      );
      setReloads((n) => n + 1);
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: the rota was not saved', error);
      setOutcome({
        kind: 'failed',
        message: error instanceof Error && error.name === 'RotaInputError' ? error.message : `Nothing was saved. ${TRY_AGAIN}`,
        problems: [],
      });
    } finally {
      setSaving(false);
    }
  };
  return {
    load,
    data: data && data.municipalYear === year ? data : undefined,
    retry,
    originals,
    visits,
    setVisits,
    pending: pendingCount(originals, visits),
    saving,
    outcome,
    save,
    discard: () => setVisits(originals),
    reload: () => setReloads((n) => n + 1),
  };
}
