import * as React from 'react';
import { Icon, useTheme } from '@fluentui/react';
import { SaveState } from './draftSaver';

function describe(state: SaveState, deviceAvailable: boolean): string {
  switch (state.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${state.at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
    case 'unsaved':
      return 'Saving your latest changes in a moment…';
    case 'retrying':
      return state.deviceCopy
        ? 'Not saved — we’ll keep trying; your text is kept on this device'
        : 'Not saved — we’ll keep trying. This device cannot keep a copy: do not close this page until it says Saved';
    case 'conflict':
      return 'Not saved — this report was changed somewhere else. Choose which version to keep';
    case 'rejected':
      return `Not saved — ${refusal(state.status)}${state.deviceCopy ? ' Your text is kept on this device.' : ' This device cannot keep a copy: copy your text somewhere safe.'}`;
    default:
      return deviceAvailable
        ? 'Your report is saved as a draft as you type'
        : 'Your report is saved as a draft as you type. This device cannot keep a copy, so stay on this page until it says Saved';
  }
}

function refusal(status: number): string {
  if (status === 401 || status === 403) {
    return 'you may have been signed out, or you no longer have permission to change this report. Reload the page to sign in again.';
  }
  if (status === 409) {
    return 'another member has already started the report for this visit, and a visit has one report. Open theirs (below).';
  }
  if (status === 404) {
    return 'this report is no longer on the list (it may have been deleted). Tell the Children’s Improvement Team.';
  }
  return 'SharePoint would not accept this draft. Check the form for anything unusual and keep typing to try again; if it keeps happening, tell the Children’s Improvement Team.';
}

/** The draft's save state, announced politely so typing is never interrupted. */
export function SaveStatus({ state, deviceAvailable }: { state: SaveState; deviceAvailable: boolean }): JSX.Element {
  const theme = useTheme();
  const problem = state.kind === 'retrying' || state.kind === 'conflict' || state.kind === 'rejected';
  const icon = state.kind === 'saved' ? 'CheckMark' : problem ? 'Warning' : state.kind === 'saving' || state.kind === 'unsaved' ? 'Sync' : 'Info';
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-state={state.kind}
      style={{ margin: '4px 0 12px', fontWeight: problem ? 600 : 400, color: problem ? theme.semanticColors.errorText : theme.semanticColors.bodyText }}
    >
      <Icon iconName={icon} aria-hidden={true} style={{ marginRight: 6 }} />
      {describe(state, deviceAvailable)}
    </p>
  );
}
