import * as React from 'react';
import { DefaultButton, Dialog, DialogFooter, DialogType, PrimaryButton, TextField } from '@fluentui/react';
import { formatLongDate } from '../../domain/calendarDate';
import { notHeldReasonProblem } from '../../data/RotaService';
import { ScreenVisit } from './rotaModel';

export interface NotHeldDialogProps {
  visit: ScreenVisit;
  /** A visit still ahead is cancelled; one whose date has passed did not take place. */
  ahead: boolean;
  onDone(reason: string): void;
  onDismiss(): void;
}

/** Cancelling a visit, or recording that it did not happen, always with the reason. */
export function NotHeldDialog({ visit, ahead, onDone, onDismiss }: NotHeldDialogProps): JSX.Element {
  const [reason, setReason] = React.useState(visit.notHeldReason || '');
  const [problem, setProblem] = React.useState<string | undefined>();
  const title = `${ahead ? 'Cancel' : 'Record as not held'}: ${visit.teamTitle}, ${formatLongDate(visit.visitDate)}`;
  const done = (): void => {
    const found = notHeldReasonProblem(reason);
    setProblem(found);
    if (!found) {
      onDone(reason.trim());
    }
  };
  return (
    <Dialog
      hidden={false}
      onDismiss={onDismiss}
      dialogContentProps={{ type: DialogType.normal, title }}
      modalProps={{ isBlocking: true }}
      minWidth={280}
      maxWidth={560}
    >
      <TextField
        id="fv-rota-reason"
        label={ahead ? 'Why is the visit cancelled?' : 'Why did the visit not take place?'}
        description="The committee report shows this reason beside the gap in the visits."
        required={true}
        multiline={true}
        rows={3}
        value={reason}
        onChange={(_, v) => setReason(v || '')}
        errorMessage={problem}
      />
      <DialogFooter>
        <PrimaryButton text={ahead ? 'Cancel the visit' : 'Record as not held'} onClick={done} />
        <DefaultButton text="Go back" onClick={onDismiss} />
      </DialogFooter>
    </Dialog>
  );
}
