import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType } from '@fluentui/react';
import { SaveStatus } from '../SaveStatus';
import type { VisitFormState } from './useVisitForm';

/** Above the form: how saving goes, text put back from the device, a conflict, a failed submission. */
export function FormNotices({ state }: { state: VisitFormState }): JSX.Element {
  return (
    <>
      <SaveStatus state={state.saveState} deviceAvailable={state.store.available} />
      {state.restored && (
        <MessageBar messageBarType={MessageBarType.info}>We found text you typed on this device that had not reached SharePoint, and put it back. It is being saved now.</MessageBar>
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
      {state.problem && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline={true}>
          {state.problem}
        </MessageBar>
      )}
    </>
  );
}
