import * as React from 'react';
import type { ExistingForVisit, FrontlineDataService } from '../../../data/FrontlineDataService';
import type { SaveState } from '../draftSaver';

/**
 * What holds the visit when SharePoint refused this form's draft or report because the visit
 * already has another (its unique Rota entry): found once, so the form can lead there.
 */
export function useAlreadyReported(
  service: FrontlineDataService,
  saveState: SaveState,
  rotaEntryId: number | undefined,
): [ExistingForVisit | undefined, (existing: ExistingForVisit) => void] {
  const [existing, setExisting] = React.useState<ExistingForVisit | undefined>();
  const refused = saveState.kind === 'rejected' && saveState.status === 409;
  React.useEffect(() => {
    if (!refused || rotaEntryId === undefined || existing) {
      return;
    }
    let live = true;
    service.getExistingForVisit(rotaEntryId).then(
      (found) => live && setExisting(found),
      // eslint-disable-next-line no-console
      (error: unknown) => console.error('Frontline Visits: could not read the report that holds this visit', { rotaEntryId, error }),
    );
    return () => {
      live = false;
    };
  }, [refused, rotaEntryId, existing, service]);
  return [existing, setExisting];
}
