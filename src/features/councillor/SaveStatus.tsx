import * as React from 'react';
import { Icon, useTheme } from '@fluentui/react';
import { SaveState } from './draftSaver';

function describe(state: SaveState, deviceAvailable: boolean): string {
  switch (state.kind) {
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${state.at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
    case 'retrying':
      return state.deviceCopy
        ? 'Not saved — we’ll keep trying; your text is kept on this device'
        : 'Not saved — we’ll keep trying. This device cannot keep a copy: do not close this page until it says Saved';
    case 'conflict':
      return 'Not saved — this report was changed somewhere else. Choose which version to keep';
    default:
      return deviceAvailable ? 'Your report is saved as a draft as you type' : 'Your report is saved as a draft as you type. This device cannot keep a copy, so stay on this page until it says Saved';
  }
}

/** The draft's save state, announced politely so typing is never interrupted. */
export function SaveStatus({ state, deviceAvailable }: { state: SaveState; deviceAvailable: boolean }): JSX.Element {
  const theme = useTheme();
  const problem = state.kind === 'retrying' || state.kind === 'conflict';
  const icon = state.kind === 'saved' ? 'CheckMark' : problem ? 'Warning' : state.kind === 'saving' ? 'Sync' : 'Info';
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
