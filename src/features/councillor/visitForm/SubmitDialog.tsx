import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton } from '@fluentui/react';
import { formatShortDate } from '../../../domain/calendarDate';
import { RESPONSE_WINDOW_DAYS, responseDueDate } from '../../../domain/deadlines';

export interface SubmitDialogProps {
  open: boolean;
  today: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step: a submitted report cannot be changed, and says when the answer is due. */
export function SubmitDialog({ open, today, onConfirm, onCancel }: SubmitDialogProps): JSX.Element {
  return (
    <Dialog
      hidden={!open}
      onDismiss={onCancel}
      dialogContentProps={{
        type: DialogType.normal,
        title: 'Submit this report?',
        subText: `You cannot change the report once it is submitted. It goes to the Children’s Improvement Team, and the Head of Service responds within ${RESPONSE_WINDOW_DAYS} days (by ${formatShortDate(responseDueDate(today))}).`,
      }}
      modalProps={{ isBlocking: true }}
    >
      <DialogFooter>
        <PrimaryButton onClick={onConfirm} text="Yes, submit it" />
        <DefaultButton onClick={onCancel} text="Not yet" />
      </DialogFooter>
    </Dialog>
  );
}
