import * as React from 'react';
import { DefaultButton, PrimaryButton, Stack, useTheme } from '@fluentui/react';
import type { Navigate } from '../../../app/useRoute';
import { usePersonFinder } from '../../../data/hooks/usePersonFinder';
import { ErrorSummary } from '../../common/ErrorSummary';
import { rolesMay } from '../../../domain/roles';
import { screenStyles } from '../../common/styles';
import { focusTargetId } from '../visitFormModel';
import { FormNotices } from './FormNotices';
import { FormTextFields } from './FormTextFields';
import { GridFields } from './GridFields';
import { MembersField } from './MembersField';
import { SafetyScaleField } from './SafetyScaleField';
import { DeleteDraftDialog } from './DeleteDraftDialog';
import { SubmitDialog } from './SubmitDialog';
import { TeamField } from './TeamField';
import { useVisitForm, VisitFormInputs } from './useVisitForm';
import { VisitDateField } from './VisitDateField';

export interface VisitFormProps extends VisitFormInputs {
  navigate: Navigate;
}

/**
 * The visit form (docs/architecture.md, "The visit form"): pre-filled from the rota, saved as a
 * draft as it is typed (and kept on the device until the list confirms), validated on submit with
 * a GOV.UK error summary, and submitted after a confirmation step.
 */
export function VisitForm(props: VisitFormProps): JSX.Element {
  const styles = screenStyles(useTheme());
  const state = useVisitForm(props);
  const { form, update, fieldError } = state;
  const findPerson = usePersonFinder(props.context.sp);
  return (
    <form
      noValidate
      aria-labelledby="fv-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        state.startSubmit();
      }}
      data-testid="visit-form"
    >
      <FormNotices state={state} />
      <ErrorSummary errors={state.errors.map((e) => ({ message: e.message, targetId: focusTargetId(e.field) }))} />

      <Stack tokens={{ childrenGap: 16 }} styles={{ root: { maxWidth: 960 } }}>
        <MembersField
          members={form.members}
          councillors={props.options.councillors}
          me={rolesMay(props.user.roles, 'createReport') ? { id: props.user.id, displayName: props.user.displayName, email: props.user.email } : undefined}
          councillorGroups={props.options.councillorGroups}
          errorMessage={fieldError('members')}
          onChange={(members) => update({ members })}
          findPerson={findPerson}
        />
        <VisitDateField value={form.visitDate} errorMessage={fieldError('visitDate')} onChange={(visitDate) => update({ visitDate })} />
        <TeamField teams={props.options.teams} teamId={form.teamId} errorMessage={fieldError('teamId')} onChange={(teamId) => update({ teamId })} />
        <FormTextFields form={form} fieldError={fieldError} onChange={update} />
        <GridFields grid={form.grid} fieldError={fieldError} onChange={state.updateCell} />
        <SafetyScaleField value={form.safetyScale} errorMessage={fieldError('safetyScale')} onChange={(safetyScale) => update({ safetyScale })} />

        <Stack horizontal={true} wrap={true} tokens={{ childrenGap: 12 }}>
          <PrimaryButton
            type="submit"
            text={state.submitting ? 'Submitting…' : 'Submit report'}
            disabled={state.submitting}
            styles={{ root: { minHeight: 44 } }}
          />
          <DefaultButton href="#/" text="Back to my visits" styles={{ root: { minHeight: 44 } }} />
          {state.canDelete && (
            <DefaultButton
              text="Delete this draft"
              iconProps={{ iconName: 'Delete' }}
              onClick={state.askToDelete}
              disabled={state.deleting || state.submitting}
              styles={{ root: { minHeight: 44 } }}
            />
          )}
        </Stack>
        <p className={styles.line}>
          Your draft is saved as you type. The other councillors can read it, so those on the visit know it is under way; only you can change, submit or delete
          it.
        </p>
      </Stack>

      <SubmitDialog open={state.confirming} today={props.today} onConfirm={() => void state.submit()} onCancel={state.cancelSubmit} />
      <DeleteDraftDialog open={state.confirmingDelete} busy={state.deleting} onConfirm={() => void state.deleteDraft()} onCancel={state.cancelDelete} />
    </form>
  );
}
