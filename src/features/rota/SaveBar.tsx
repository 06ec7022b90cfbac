import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, PrimaryButton, Stack } from '@fluentui/react';
import { SaveOutcome } from './useRotaYear';

export interface SaveBarProps {
  pending: number;
  saving: boolean;
  outcome?: SaveOutcome;
  onSave(): void;
  onDiscard(): void;
}

/** How many visits are changed on screen, and saving them all in one go. */
export function SaveBar({ pending, saving, outcome, onSave, onDiscard }: SaveBarProps): JSX.Element {
  return (
    <div data-testid="rota-save-bar">
      <div role="status" aria-live="polite" data-testid="rota-status">
        {saving ? 'Saving…' : pending > 0 ? `${pending === 1 ? '1 visit' : `${pending} visits`} changed here and not saved yet.` : ''}
      </div>
      {pending > 0 && (
        <Stack horizontal={true} wrap={true} tokens={{ childrenGap: 8 }} style={{ margin: '8px 0' }}>
          <PrimaryButton text="Save changes" disabled={saving} onClick={onSave} styles={{ root: { minHeight: 44 } }} />
          <DefaultButton text="Discard changes" disabled={saving} onClick={onDiscard} styles={{ root: { minHeight: 44 } }} />
        </Stack>
      )}
      {outcome && (
        <MessageBar messageBarType={outcome.kind === 'saved' ? MessageBarType.success : MessageBarType.error} isMultiline={true}>
          {outcome.message}
          {outcome.problems.length > 0 && (
            <ul style={{ margin: '4px 0', paddingLeft: 20 }}>
              {outcome.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
        </MessageBar>
      )}
    </div>
  );
}
