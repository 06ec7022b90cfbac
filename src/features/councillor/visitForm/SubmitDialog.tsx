import * as React from 'react';
import { formatShortDate } from '../../../domain/calendarDate';
import { RESPONSE_WINDOW_DAYS, responseDueDate } from '../../../domain/deadlines';
import { ConfirmDialog } from '../../common/ConfirmDialog';

export interface SubmitDialogProps {
  open: boolean;
  today: string;
  onConfirm(): void;
  onCancel(): void;
}

/** The confirmation step: a submitted report cannot be changed, and says when the answer is due. */
export function SubmitDialog({ open, today, onConfirm, onCancel }: SubmitDialogProps): JSX.Element {
  return (
    <ConfirmDialog
      open={open}
      title="Submit this report?"
      text={`You cannot change the report once it is submitted. It goes to the Children’s Improvement Team, and the Head of Service responds within ${RESPONSE_WINDOW_DAYS} days (by ${formatShortDate(responseDueDate(today))}).`}
      confirmText="Yes, submit it"
      cancelText="Not yet"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
