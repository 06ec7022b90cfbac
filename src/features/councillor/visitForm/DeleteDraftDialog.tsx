import * as React from 'react';
import { ConfirmDialog } from '../../common/ConfirmDialog';

export interface DeleteDraftDialogProps {
  open: boolean;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation before a draft is deleted: it cannot be brought back. Focus starts on "Keep it". */
export function DeleteDraftDialog({ open, busy, onConfirm, onCancel }: DeleteDraftDialogProps): JSX.Element {
  return (
    <ConfirmDialog
      open={open}
      title="Delete this draft?"
      text="Everything typed in this report is deleted, from SharePoint and from this device. You cannot undo this. The visit shows as not started, and you or a fellow member can start its report again."
      confirmText="Yes, delete the draft"
      cancelText="No, keep it"
      busyText={busy ? 'Deleting…' : undefined}
      safeChoiceFirst={true}
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
