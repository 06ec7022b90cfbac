import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton } from '@fluentui/react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  text: string;
  confirmText: string;
  cancelText: string;
  onConfirm(): void;
  onCancel(): void;
  /** While the confirmed action runs: both buttons wait, the confirm button says what is happening. */
  busyText?: string;
  /** For what cannot be undone: the safe choice comes first and has the focus. */
  safeChoiceFirst?: boolean;
}

/** A blocking question before a step that cannot be taken back. */
export function ConfirmDialog(props: ConfirmDialogProps): JSX.Element {
  const { open, title, text, confirmText, cancelText, onConfirm, onCancel, busyText, safeChoiceFirst } = props;
  const busy = busyText !== undefined;
  const cancel = <DefaultButton onClick={onCancel} text={cancelText} autoFocus={safeChoiceFirst} disabled={busy} />;
  const confirm = <PrimaryButton onClick={onConfirm} text={busyText || confirmText} disabled={busy} />;
  return (
    <Dialog hidden={!open} onDismiss={onCancel} dialogContentProps={{ type: DialogType.normal, title, subText: text }} modalProps={{ isBlocking: true }}>
      <DialogFooter>
        {safeChoiceFirst ? cancel : confirm}
        {safeChoiceFirst ? confirm : cancel}
      </DialogFooter>
    </Dialog>
  );
}
