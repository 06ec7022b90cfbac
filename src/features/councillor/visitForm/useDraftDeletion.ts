import * as React from 'react';
import type { Navigate } from '../../../app/useRoute';
import type { FrontlineDataService } from '../../../data/FrontlineDataService';
import { httpStatusOf } from '../../../data/FrontlineDataService';
import type { DraftSaver } from '../draftSaver';
import type { DraftStore } from '../draftStore';

export interface DraftDeletion {
  confirmingDelete: boolean;
  deleting: boolean;
  askToDelete(): void;
  cancelDelete(): void;
  deleteDraft(): Promise<void>;
}

/**
 * Deleting the councillor's own draft, after they confirm: saving stops, the list item goes (its
 * ETag guards against deleting a newer version saved elsewhere) and so does the device's copy.
 */
export function useDraftDeletion(
  service: FrontlineDataService,
  saver: DraftSaver,
  store: DraftStore,
  navigate: Navigate,
  setProblem: (problem: string | undefined) => void,
): DraftDeletion {
  const [confirmingDelete, setConfirmingDelete] = React.useState(false);
  const [deleting, setDeleting] = React.useState(false);
  const deleteDraft = async (): Promise<void> => {
    setDeleting(true);
    setProblem(undefined);
    try {
      await saver.settle();
      const { reportId, etag } = saver.currentTarget;
      if (reportId !== undefined) {
        await service.deleteDraft(reportId, etag);
      }
      saver.dispose();
      store.remove(saver.key);
      navigate({ page: 'start' });
    } catch (error) {
      setDeleting(false);
      setConfirmingDelete(false);
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: deleting the draft failed', { target: saver.currentTarget, error });
      setProblem(
        httpStatusOf(error) === 412
          ? 'The draft was not deleted: it was changed somewhere else (another tab or device) since you opened it. Reload the page to see the latest version, then delete it if you still want to.'
          : 'The draft was not deleted. Check your connection and try again; your text is still saved.',
      );
    }
  };
  return { confirmingDelete, deleting, askToDelete: () => setConfirmingDelete(true), cancelDelete: () => setConfirmingDelete(false), deleteDraft };
}
