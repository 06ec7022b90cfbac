import * as React from 'react';
import {
  ChoiceGroup,
  ComboBox,
  DatePicker,
  DayOfWeek,
  DefaultButton,
  Dialog,
  DialogFooter,
  DialogType,
  Dropdown,
  IDropdownOption,
  IComboBoxOption,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Stack,
  TextField,
  useTheme
} from '@fluentui/react';
import type { AppContext } from '../../app/AppContext';
import type { Navigate } from '../../app/useRoute';
import { formatShortDate } from '../../domain/calendarDate';
import { RESPONSE_WINDOW_DAYS, responseDueDate } from '../../domain/deadlines';
import { GRID_COLUMN_LABELS, GRID_COLUMNS, GRID_ROW_LABELS, GRID_ROW_PROMPTS, GRID_ROWS, GridCellKey, gridCellKey } from '../../domain/grid';
import { VisitReportForm } from '../../domain/types';
import { rolesMay } from '../../domain/roles';
import { FormField, LIMITS, validateForSubmit, ValidationError } from '../../domain/validation';
import type { FormOptions, SignedInUser } from '../../data/FrontlineDataService';
import { httpStatusOf } from '../../data/FrontlineDataService';
import { useDataService } from '../../data/hooks/useDataService';
import { useDraftSaver } from '../../data/hooks/useDraftSaver';
import { ErrorSummary } from '../common/ErrorSummary';
import { memberChoices, peopleText } from '../common/people';
import { screenStyles } from '../common/styles';
import { SaveTarget } from './draftSaver';
import { browserStorage, draftKeyFor, DraftStore } from './draftStore';
import { SaveStatus } from './SaveStatus';
import {
  calendarDateFromPicker,
  characterCount,
  errorFor,
  fieldId,
  focusTargetId,
  formatUkDate,
  formOf,
  parseUkDate,
  pickerDateFrom,
  reportTitle,
  SAFETY_SCALE_ENDS,
  SAFETY_SCALE_QUESTION,
  safetyScaleLabel,
  sameForm
} from './visitFormModel';

export interface VisitFormProps {
  context: AppContext;
  user: SignedInUser;
  options: FormOptions;
  /** The form as the list (or the rota, for a new one) has it. */
  initialForm: VisitReportForm;
  initialTarget: SaveTarget;
  today: string;
  navigate: Navigate;
  /** The draft got its list item: the page points its address at it, keeping this form. */
  onReportCreated(reportId: number): void;
  onSubmitted(reportId: number): void;
}

const SCALE_OPTIONS = Array.from({ length: 11 }, (_, n) => ({ key: String(n), text: safetyScaleLabel(n) }));
/** Show how much room is left once a box is this close to its limit. */
const COUNT_FROM = 0.75;

/**
 * The visit form (DESIGN.md §1): pre-filled from the rota, saved as a draft as it is typed (and
 * kept on the device until the list confirms), validated on submit with a GOV.UK error summary,
 * and submitted after a confirmation step.
 */
export function VisitForm(props: VisitFormProps): JSX.Element {
  const { context, user, options, today } = props;
  const theme = useTheme();
  const styles = screenStyles(theme);
  const service = useDataService(context.sp);
  const store = React.useMemo(() => new DraftStore(browserStorage(), user.email), [user.email]);
  // What this device kept from an earlier visit to the form wins: it is newer than the list's.
  const [restored] = React.useState(() => {
    const key = draftKeyFor({ reportId: props.initialTarget.reportId, rotaEntryId: props.initialForm.rotaEntryId });
    const local = store.load(key);
    if (local && sameForm(local.form, props.initialForm)) {
      // The list already has this text (a save that finished as the page closed): nothing to restore.
      store.remove(key);
      return undefined;
    }
    return local;
  });
  const [form, setForm] = React.useState<VisitReportForm>(() => (restored ? restored.form : props.initialForm));
  const [errors, setErrors] = React.useState<ValidationError[]>([]);
  const [confirming, setConfirming] = React.useState(false);
  const [submitting, setSubmitting] = React.useState(false);
  const [problem, setProblem] = React.useState<string | undefined>();
  const [conflictBusy, setConflictBusy] = React.useState(false);
  const { saver, state } = useDraftSaver(
    context.sp,
    store,
    restored ? { reportId: props.initialTarget.reportId, etag: restored.etag || props.initialTarget.etag } : props.initialTarget,
    props.initialForm.rotaEntryId,
    props.onReportCreated
  );

  React.useEffect(() => {
    if (restored) {
      saver.restore(restored.form);
    }
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const update = (change: Partial<VisitReportForm>): void => {
    setForm((current) => {
      const next = { ...current, ...change };
      next.title = reportTitle(next, options.teams);
      saver.edit(next);
      return next;
    });
  };
  const updateCell = (key: GridCellKey, text: string): void => {
    setForm((current) => {
      const next = { ...current, grid: { ...current.grid, [key]: text } };
      saver.edit(next);
      return next;
    });
  };

  const fieldError = (field: FormField): string | undefined => errorFor(errors, field);

  const startSubmit = (): void => {
    const found = validateForSubmit(form, today);
    setErrors(found);
    setProblem(undefined);
    if (found.length === 0) {
      setConfirming(true);
    }
  };

  const submit = async (): Promise<void> => {
    setConfirming(false);
    setSubmitting(true);
    setProblem(undefined);
    try {
      // The submission writes the whole form: only a save already under way needs to finish first.
      await saver.settle();
      const saved = await service.submit(form, saver.currentTarget);
      saver.confirmExternally(saved);
      saver.dispose();
      props.onSubmitted(saved.reportId);
    } catch (error) {
      setSubmitting(false);
      // Keep saving the draft as before (the device copy is still there).
      saver.edit(form);
      if (httpStatusOf(error) === 412) {
        setProblem('This report was changed somewhere else since you opened it, so it was not submitted. Your text is kept on this device. Choose which version to keep below, then submit again.');
        return;
      }
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: submitting the report failed', { target: saver.currentTarget, error });
      setProblem('Your report was not submitted. Your text is kept on this device and saved as a draft when the connection allows. Check your connection and select Submit report again.');
    }
  };

  const resolveConflict = async (keepMine: boolean): Promise<void> => {
    const reportId = saver.currentTarget.reportId;
    if (reportId === undefined) {
      return;
    }
    setConflictBusy(true);
    try {
      const latest = await service.getReport(reportId);
      if (latest.status !== 'Draft') {
        setProblem('This report has already been submitted, so it cannot be changed. Your text is still on this device: copy anything you need from the boxes below before you leave.');
        return;
      }
      if (keepMine) {
        await saver.keepMine(latest.etag || '*');
      } else {
        saver.discardMine({ reportId, etag: latest.etag });
        setForm(formOf(latest));
      }
      setProblem(undefined);
    } catch (error) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not read the report to resolve a conflict', { reportId, error });
      setProblem('We could not check the saved version. Your text is kept on this device. Check your connection and try again.');
    } finally {
      setConflictBusy(false);
    }
  };

  const teamOptions: IDropdownOption[] = options.teams.filter((t) => t.isActive || t.id === form.teamId).map((t) => ({ key: t.id, text: t.title }));
  const me = rolesMay(user.roles, 'createReport') ? { id: user.id, displayName: user.displayName, email: user.email } : undefined;
  const people = memberChoices(options.councillors, me, form.members);
  const memberOptions: IComboBoxOption[] = people.map((p) => ({ key: String(p.id), text: p.displayName }));
  const toggleMember = (key: string, selected: boolean): void => {
    const others = form.members.filter((m) => String(m.id) !== key);
    const person = people.filter((p) => String(p.id) === key)[0];
    update({ members: selected && person ? others.concat([person]) : others });
  };
  const membersError = fieldError('members');
  const gridError = fieldError('grid');
  const scaleError = fieldError('safetyScale');
  const visitDate = pickerDateFrom(form.visitDate);

  return (
    <form
      noValidate
      aria-labelledby="fv-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        startSubmit();
      }}
      data-testid="visit-form"
    >
      <SaveStatus state={state} deviceAvailable={store.available} />
      {restored && (
        <MessageBar messageBarType={MessageBarType.info}>We found text you typed on this device that had not reached SharePoint, and put it back. It is being saved now.</MessageBar>
      )}
      {state.kind === 'conflict' && (
        <MessageBar
          messageBarType={MessageBarType.warning}
          isMultiline={true}
          actions={
            <div>
              <DefaultButton disabled={conflictBusy} onClick={() => void resolveConflict(true)} text="Keep my version" />
              <DefaultButton disabled={conflictBusy} onClick={() => void resolveConflict(false)} text="Use the saved version" />
            </div>
          }
        >
          This report was changed somewhere else (another tab or device) after you started typing here. Your text is kept on this device. Keep your version to
          replace the saved one, or use the saved version and lose what you typed here.
        </MessageBar>
      )}
      {problem && (
        <MessageBar messageBarType={MessageBarType.error} isMultiline={true}>
          {problem}
        </MessageBar>
      )}
      <ErrorSummary errors={errors.map((e) => ({ message: e.message, targetId: focusTargetId(e.field) }))} />

      <Stack tokens={{ childrenGap: 16 }} styles={{ root: { maxWidth: 960 } }}>
        <div id={fieldId('members')}>
          <ComboBox
            id={`${fieldId('members')}-box`}
            label="Elected members who made the visit"
            required={true}
            multiSelect={true}
            allowFreeform={false}
            autoComplete="on"
            options={memberOptions}
            selectedKey={form.members.map((m) => String(m.id))}
            onChange={(_, option) => option && toggleMember(String(option.key), !!option.selected)}
            placeholder="Choose councillors"
            aria-describedby={`${fieldId('members')}-hint`}
            errorMessage={membersError}
            styles={{ root: { maxWidth: 480 } }}
          />
          <p id={`${fieldId('members')}-hint`} className={styles.line}>
            Type a name or open the list, then choose each councillor. {form.members.length ? `Chosen: ${peopleText(form.members)}.` : 'Nobody chosen yet.'}
            {options.councillorGroups.length > 0 &&
              ` Councillors who belong through ${peopleText(
                options.councillorGroups.map((g) => ({ id: 0, displayName: g, email: '' })),
                ''
              )} are listed once they are booked on this visit in the rota.`}
          </p>
        </div>

        <DatePicker
          label="Date of visit"
          allowTextInput={true}
          value={visitDate}
          onSelectDate={(date) => update({ visitDate: calendarDateFromPicker(date) })}
          formatDate={formatUkDate}
          parseDateFromString={parseUkDate}
          firstDayOfWeek={DayOfWeek.Monday}
          placeholder="For example, 15/06/2026"
          strings={{
            months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
            shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
            days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
            shortDays: ['S', 'M', 'T', 'W', 'T', 'F', 'S'],
            goToToday: 'Go to today',
            prevMonthAriaLabel: 'Previous month',
            nextMonthAriaLabel: 'Next month',
            prevYearAriaLabel: 'Previous year',
            nextYearAriaLabel: 'Next year',
            closeButtonAriaLabel: 'Close date picker',
            invalidInputErrorMessage: 'Enter the date as day/month/year, for example 15/06/2026.',
            isRequiredErrorMessage: 'Enter the date of the visit.'
          }}
          // Required is shown, not checked on leaving the box: the check runs on submit, with the others.
          textField={{ id: fieldId('visitDate'), required: true, ...(fieldError('visitDate') ? { errorMessage: fieldError('visitDate') } : {}) }}
          styles={{ root: { maxWidth: 320 } }}
        />

        <Dropdown
          id={fieldId('teamId')}
          label="Team visited"
          required={true}
          placeholder="Choose a team"
          options={teamOptions}
          selectedKey={form.teamId === undefined ? null : form.teamId}
          onChange={(_, option) => option && update({ teamId: Number(option.key) })}
          errorMessage={fieldError('teamId')}
          styles={{ root: { maxWidth: 480 } }}
        />

        <TextField
          id={fieldId('staffInvolved')}
          label="Names of staff involved"
          description={form.staffInvolved.length > LIMITS.staffInvolved * COUNT_FROM ? characterCount(form.staffInvolved, LIMITS.staffInvolved) : 'For example, the service manager and the social workers you spoke to.'}
          multiline={true}
          autoAdjustHeight={true}
          rows={2}
          value={form.staffInvolved}
          onChange={(_, value) => update({ staffInvolved: value || '' })}
          errorMessage={fieldError('staffInvolved')}
        />

        <div>
          <h2 className={styles.sectionHeading} id="fv-grid-heading">
            What you found
          </h2>
          <p className={styles.line} id="fv-grid-hint">
            Write only where you gathered information: any box may stay empty, but write in at least one.
          </p>
          {gridError && <FieldError id="fv-grid-error" message={gridError} />}
          {GRID_ROWS.map((row) => (
            <fieldset key={row} style={{ border: `1px solid ${theme.palette.neutralTertiary}`, borderRadius: 4, margin: '12px 0', padding: '8px 12px 12px', minWidth: 0 }}>
              <legend style={{ fontSize: 18, fontWeight: 600, padding: '0 4px' }}>{GRID_ROW_LABELS[row]}</legend>
              <details>
                <summary style={{ cursor: 'pointer', minHeight: 24, padding: '4px 0' }}>Things to think about for {GRID_ROW_LABELS[row]}</summary>
                <ul style={{ margin: '4px 0 8px' }}>
                  {GRID_ROW_PROMPTS[row].map((prompt) => (
                    <li key={prompt}>{prompt}</li>
                  ))}
                </ul>
              </details>
              <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 16rem), 1fr))' }}>
                {GRID_COLUMNS.map((column) => {
                  const key = gridCellKey(row, column);
                  const text = form.grid[key] || '';
                  return (
                    <TextField
                      key={key}
                      id={fieldId(key)}
                      label={GRID_COLUMN_LABELS[column]}
                      multiline={true}
                      autoAdjustHeight={true}
                      rows={4}
                      value={text}
                      onChange={(_, value) => updateCell(key, value || '')}
                      errorMessage={fieldError(key)}
                      description={text.length > LIMITS.gridCell * COUNT_FROM ? characterCount(text, LIMITS.gridCell) : undefined}
                      aria-describedby={gridError ? 'fv-grid-error' : undefined}
                      data-cell={key}
                    />
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>

        <div>
          <ChoiceGroup
            id={fieldId('safetyScale')}
            label={SAFETY_SCALE_QUESTION}
            required={true}
            options={SCALE_OPTIONS}
            selectedKey={form.safetyScale === undefined ? null : String(form.safetyScale)}
            onChange={(_, option) => option && update({ safetyScale: Number(option.key) })}
            aria-describedby={`fv-scale-hint${scaleError ? ` ${fieldId('safetyScale')}-error` : ''}`}
            styles={{ flexContainer: { display: 'flex', flexWrap: 'wrap', columnGap: '16px' } }}
          />
          <p id="fv-scale-hint" className={styles.line}>
            {SAFETY_SCALE_ENDS}
          </p>
          {scaleError && <FieldError id={`${fieldId('safetyScale')}-error`} message={scaleError} />}
        </div>

        <Stack horizontal={true} wrap={true} tokens={{ childrenGap: 12 }}>
          <PrimaryButton type="submit" text={submitting ? 'Submitting…' : 'Submit report'} disabled={submitting} styles={{ root: { minHeight: 44 } }} />
          <DefaultButton href="#/" text="Back to my visits" styles={{ root: { minHeight: 44 } }} />
        </Stack>
        <p className={styles.line}>Your draft is saved as you type. Only you can see it until you submit it.</p>
      </Stack>

      <Dialog
        hidden={!confirming}
        onDismiss={() => setConfirming(false)}
        dialogContentProps={{
          type: DialogType.normal,
          title: 'Submit this report?',
          subText: `You cannot change the report once it is submitted. It goes to the Children’s Improvement Team, and the Head of Service responds within ${RESPONSE_WINDOW_DAYS} days (by ${formatShortDate(responseDueDate(today))}).`
        }}
        modalProps={{ isBlocking: true }}
      >
        <DialogFooter>
          <PrimaryButton onClick={() => void submit()} text="Yes, submit it" />
          <DefaultButton onClick={() => setConfirming(false)} text="Not yet" />
        </DialogFooter>
      </Dialog>
    </form>
  );
}

function FieldError({ id, message }: { id: string; message: string }): JSX.Element {
  const theme = useTheme();
  return (
    <p id={id} style={{ color: theme.semanticColors.errorText, fontWeight: 600, margin: '4px 0' }}>
      <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Error: </span>
      {message}
    </p>
  );
}
