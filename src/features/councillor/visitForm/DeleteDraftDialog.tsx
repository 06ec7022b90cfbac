import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton } from '@fluentui/react';

export interface DeleteDraftDialogProps {
  open: boolean;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation before a draft is deleted: it cannot be brought back. Focus starts on "Keep it". */
export function DeleteDraftDialog({ open, busy, onConfirm, onCancel }: DeleteDraftDialogProps): JSX.Element {
  return (
    <Dialog
      hidden={!open}
      onDismiss={onCancel}
      dialogContentProps={{
        type: DialogType.normal,
        title: 'Delete this draft?',
        subText:
          'Everything typed in this report is deleted, from SharePoint and from this device. You cannot undo this. The visit shows as not started, and you or a fellow member can start its report again.',
      }}
      modalProps={{ isBlocking: true }}
    >
      <DialogFooter>
        <DefaultButton onClick={onCancel} text="No, keep it" autoFocus={true} disabled={busy} />
        <PrimaryButton onClick={onConfirm} text={busy ? 'Deleting…' : 'Yes, delete the draft'} disabled={busy} />
      </DialogFooter>
    </Dialog>
  );
}
