import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { VisitReportForm } from '../../../domain/types';
import { DraftSaver, SaveState, SaveTarget } from '../draftSaver';
import { DraftStore } from '../draftStore';
import { useDataService } from '../../../data/hooks/useDataService';

export interface DraftSaving {
  saver: DraftSaver;
  state: SaveState;
}

/**
 * Saves the form's draft to the list as the councillor types (see DraftSaver), and tries again
 * the moment the connection returns or the page is being hidden (a phone call, a closed tab).
 */
export function useDraftSaver(
  sp: SPFI,
  store: DraftStore,
  initialTarget: SaveTarget,
  rotaEntryId: number | undefined,
  onReportCreated: (reportId: number) => void,
): DraftSaving {
  const service = useDataService(sp);
  const [state, setState] = React.useState<SaveState>({ kind: 'idle' });
  const created = React.useRef(onReportCreated);
  created.current = onReportCreated;
  const saver = React.useMemo(
    () =>
      new DraftSaver({
        store,
        rotaEntryId,
        initialTarget,
        save: (form: VisitReportForm, target: SaveTarget) => service.saveDraft(form, target),
        onStateChange: setState,
        onReportCreated: (id) => created.current(id),
      }),
    // One saver for the life of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  React.useEffect(() => {
    const saveNow = (): void => {
      if (saver.dirty) {
        void saver.flush();
      }
    };
    const onHidden = (): void => {
      if (document.visibilityState === 'hidden') {
        saveNow();
      }
    };
    window.addEventListener('online', saveNow);
    window.addEventListener('pagehide', saveNow);
    document.addEventListener('visibilitychange', onHidden);
    return () => {
      window.removeEventListener('online', saveNow);
      window.removeEventListener('pagehide', saveNow);
      document.removeEventListener('visibilitychange', onHidden);
      // The form is gone: its last save still goes out, but must not move the page's address.
      created.current = () => undefined;
      saveNow();
      saver.dispose();
    };
  }, [saver]);
  return { saver, state };
}
