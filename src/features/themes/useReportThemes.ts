import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { loadReportThemes, ReportThemesState, saveReportThemes, ThemesChangedError } from '../../data/ReportThemesService';
import { useLoad, TRY_AGAIN } from '../../data/hooks/useLoad';
import { GridRow } from '../../domain/grid';
import { AreaThemes, suggestAreaThemes, Theme, ThemeSuggestion } from '../../domain/themes';
import type { VisitReport } from '../../domain/types';

export type ReportThemesView =
  | { status: 'loading' }
  | { status: 'failed'; message: string; retry(): void }
  | {
      status: 'ready';
      /** The themes offered: every active one, and any retired one the report already has. */
      choices: Theme[];
      suggestions: { [row in GridRow]: ThemeSuggestion[] };
      areas: AreaThemes;
      confirmed?: { by?: string; on?: string };
      themeTitle(id: number): string;
      toggle(row: GridRow, themeId: number, on: boolean): void;
      save(): Promise<void>;
      saving: boolean;
      saved: boolean;
      saveError: string;
    };

/** A report's themes as suggested or confirmed, the improvement team's changes, and saving them. */
export function useReportThemes(sp: SPFI, report: VisitReport): ReportThemesView {
  const [loaded, reload] = useLoad<ReportThemesState>(
    `report-themes-${report.id}`,
    () => loadReportThemes(sp, report.id),
    `We could not read the themes for this report. ${TRY_AGAIN}`,
  );
  const data = loaded.status === 'loaded' ? loaded.data : undefined;
  const suggestions = React.useMemo(
    () => (data ? suggestAreaThemes(report.grid, data.themes) : { staffing: [], performance: [], other: [] }),
    [data, report.grid],
  );
  const initial = React.useMemo<AreaThemes>(() => {
    if (data && data.record) {
      return data.record.areas;
    }
    return {
      staffing: suggestions.staffing.map((s) => s.themeId),
      performance: suggestions.performance.map((s) => s.themeId),
      other: suggestions.other.map((s) => s.themeId),
    };
  }, [data, suggestions]);
  const [areas, setAreas] = React.useState<AreaThemes>(initial);
  const [saving, setSaving] = React.useState(false);
  const [saved, setSaved] = React.useState(false);
  const [saveError, setSaveError] = React.useState('');
  React.useEffect(() => setAreas(initial), [initial]);

  if (loaded.status === 'loading') {
    return { status: 'loading' };
  }
  if (loaded.status === 'failed' || !data) {
    return { status: 'failed', message: loaded.status === 'failed' ? loaded.message : TRY_AGAIN, retry: reload };
  }
  const chosen = new Set<number>([...areas.staffing, ...areas.performance, ...areas.other]);
  const choices = data.themes.filter((t) => t.isActive || chosen.has(t.id));
  const toggle = (row: GridRow, themeId: number, on: boolean): void => {
    setSaved(false);
    setAreas((current) => {
      const without = current[row].filter((id) => id !== themeId);
      return { ...current, [row]: on ? [...without, themeId].sort((a, b) => a - b) : without };
    });
  };
  const save = async (): Promise<void> => {
    setSaving(true);
    setSaved(false);
    setSaveError('');
    try {
      await saveReportThemes(sp, report, areas, data.record);
      setSaved(true);
      reload();
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not save the report’s themes', { reportId: report.id, areas }, error);
      setSaveError(
        error instanceof ThemesChangedError
          ? 'Someone else confirmed or changed this report’s themes while you had it open. Your choices are still ticked: reload the page to see theirs, then confirm again.'
          : `The themes could not be saved. Your choices are still ticked. ${TRY_AGAIN}`,
      );
    } finally {
      setSaving(false);
    }
  };
  return {
    status: 'ready',
    choices,
    suggestions,
    areas,
    confirmed: data.record ? { by: data.record.confirmedBy, on: data.record.confirmedOn } : undefined,
    themeTitle: (id) => (data.themes.find((t) => t.id === id) || { title: `Theme ${id}` }).title,
    toggle,
    save,
    saving,
    saved,
    saveError,
  };
}
