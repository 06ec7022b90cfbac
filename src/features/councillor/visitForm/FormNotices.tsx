import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType } from '@fluentui/react';
import { hashFor } from '../../../app/route';
import type { ExistingForVisit } from '../../../data/FrontlineDataService';
import { routeOfReport } from '../myVisitsModel';
import { SaveStatus } from '../SaveStatus';
import type { VisitFormState } from './useVisitForm';

/** Above the form: how saving goes, text put back from the device, a conflict, a failed submission. */
export function FormNotices({ state }: { state: VisitFormState }): JSX.Element {
  return (
    <>
      <SaveStatus state={state.saveState} deviceAvailable={state.store.available} />
      {state.restored && (
        <MessageBar messageBarType={MessageBarType.info}>
          We found text you typed on this device that had not reached SharePoint, and put it back. It is being saved now.
        </MessageBar>
      )}
      {state.saveState.kind === 'conflict' && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline={true}
          actions={
            <div>
              <DefaultButton disabled={state.conflictBusy} onClick={() => void state.resolveConflict(true)} text="Keep my version" />
              <DefaultButton disabled={state.conflictBusy} onClick={() => void state.resolveConflict(false)} text="Use the saved version" />
            </div>
          }
        >
          This report was changed somewhere else (another tab or device) after you started typing here. Your text is kept on this device. Keep your version to
          replace the saved one, or use the saved version and lose what you typed here.
        </MessageBar>
      )}
      {state.alreadyReported && <AlreadyReported existing={state.alreadyReported} />}
      {state.problem && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline={true}>
          {state.problem}
        </MessageBar>
      )}
    </>
  );
}

/** The visit already has another member's draft or report: say whose, and lead there. */
function AlreadyReported({ existing }: { existing: ExistingForVisit }): JSX.Element {
  const held = existing.report || existing.draft;
  const writer = held && held.author ? held.author.displayName : 'Another member';
  return (
    <MessageBar messageBarType={MessageBarType.warning} isMultiline={true} data-testid="already-reported">
      {existing.report ? `${writer} has already submitted the report for this visit.` : `${writer} is already writing the report for this visit.`} A visit has
      one report, so this one was not saved to SharePoint (your text is kept on this device: copy anything you want to pass on).{' '}
      {held ? (
        <a href={hashFor(routeOfReport(held))} style={{ color: 'inherit', fontWeight: 600 }}>
          {existing.report ? 'Read the submitted report' : `Read ${writer}’s draft`}
        </a>
      ) : (
        'Go back to My visits to find it.'
      )}
    </MessageBar>
  );
}
