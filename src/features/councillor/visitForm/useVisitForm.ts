import * as React from 'react';
import type { AppContext } from '../../../app/AppContext';
import { GridCellKey } from '../../../domain/grid';
import { VisitReportForm } from '../../../domain/types';
import { FormField, validateForSubmit, ValidationError } from '../../../domain/validation';
import type { Navigate } from '../../../app/useRoute';
import type { ExistingForVisit, FormOptions, FrontlineDataService, SignedInUser } from '../../../data/FrontlineDataService';
import { httpStatusOf, VisitAlreadyReportedError } from '../../../data/FrontlineDataService';
import { useDataService } from '../../../data/hooks/useDataService';
import { DraftSaver, SaveState, SaveTarget } from '../draftSaver';
import { browserStorage, draftKeyFor, DraftStore, LocalDraft } from '../draftStore';
import { errorFor, formOf, reportTitle, sameForm } from '../visitFormModel';
import { useAlreadyReported } from './useAlreadyReported';
import { DraftDeletion, useDraftDeletion } from './useDraftDeletion';
import { useDraftSaver } from './useDraftSaver';

export interface VisitFormInputs {
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

export interface VisitFormState extends DraftDeletion {
  form: VisitReportForm;
  update(change: Partial<VisitReportForm>): void;
  updateCell(key: GridCellKey, text: string): void;
  errors: ValidationError[];
  fieldError(field: FormField): string | undefined;
  /** What this device had kept and put back when the form opened. */
  restored?: LocalDraft;
  store: DraftStore;
  saveState: SaveState;
  problem?: string;
  confirming: boolean;
  submitting: boolean;
  startSubmit(): void;
  cancelSubmit(): void;
  submit(): Promise<void>;
  conflictBusy: boolean;
  resolveConflict(keepMine: boolean): Promise<void>;
  /** The draft or report that already holds this visit, when SharePoint refused this one. */
  alreadyReported?: ExistingForVisit;
  /** The draft is on the list (or typed on this device): it can be deleted. */
  canDelete: boolean;
}

/**
 * Everything the visit form holds and does: the text (saved as a draft as it is typed, and kept
 * on the device until the list confirms), validation, submission and the answer to a conflict.
 */
export function useVisitForm(props: VisitFormInputs): VisitFormState {
  const service = useDataService(props.context.sp);
  const store = React.useMemo(() => new DraftStore(browserStorage(), props.user.email), [props.user.email]);
  const restored = useRestoredDraft(store, props.initialForm, props.initialTarget);
  const [form, setForm] = React.useState<VisitReportForm>(() => (restored ? restored.form : props.initialForm));
  const [problem, setProblem] = React.useState<string | undefined>();
  const { saver, state } = useDraftSaver(
    props.context.sp,
    store,
    restored ? { reportId: props.initialTarget.reportId, etag: restored.etag || props.initialTarget.etag } : props.initialTarget,
    props.initialForm.rotaEntryId,
    props.onReportCreated,
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
      next.title = reportTitle(next, props.options.teams);
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
  const [alreadyReported, setAlreadyReported] = useAlreadyReported(service, state, props.initialForm.rotaEntryId);
  const submission = useSubmission({ form, today: props.today, service, saver, onSubmitted: props.onSubmitted, setProblem, setAlreadyReported });
  const conflict = useConflictResolution({ service, saver, setForm, setProblem });
  const deletion = useDraftDeletion(service, saver, store, props.navigate, setProblem);
  return {
    form,
    update,
    updateCell,
    fieldError: (field) => errorFor(submission.errors, field),
    restored,
    store,
    saveState: state,
    problem,
    ...submission,
    ...conflict,
    ...deletion,
    alreadyReported,
    canDelete: saver.currentTarget.reportId !== undefined || state.kind !== 'idle',
  };
}

/** What this device kept from an earlier visit to the form wins: it is newer than the list's. */
function useRestoredDraft(store: DraftStore, initialForm: VisitReportForm, initialTarget: SaveTarget): LocalDraft | undefined {
  const [restored] = React.useState(() => {
    const key = draftKeyFor({ reportId: initialTarget.reportId, rotaEntryId: initialForm.rotaEntryId });
    const local = store.load(key);
    if (local && sameForm(local.form, initialForm)) {
      // The list already has this text (a save that finished as the page closed): nothing to restore.
      store.remove(key);
      return undefined;
    }
    return local;
  });
  return restored;
}

interface SubmissionInputs {
  form: VisitReportForm;
  today: string;
  service: FrontlineDataService;
  saver: DraftSaver;
  onSubmitted(reportId: number): void;
  setProblem(problem: string | undefined): void;
  setAlreadyReported(existing: ExistingForVisit): void;
}

/** Validate, confirm, submit; on failure the text stays on the device and keeps saving as a draft. */
function useSubmission({ form, today, service, saver, onSubmitted, setProblem, setAlreadyReported }: SubmissionInputs) {
  const [errors, setErrors] = React.useState<ValidationError[]>([]);
  const [confirming, setConfirming] = React.useState(false);
  const [submitting, setSubmitting] = React.useState(false);
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
      onSubmitted(saved.reportId);
    } catch (error) {
      setSubmitting(false);
      // Keep saving the draft as before (the device copy is still there).
      saver.edit(form);
      if (error instanceof VisitAlreadyReportedError) {
        setAlreadyReported(error.existing);
        setProblem('Your report was not submitted: this visit already has a submitted report, and a visit has one report. Your text is kept on this device.');
        return;
      }
      if (httpStatusOf(error) === 412) {
        setProblem(
          'This report was changed somewhere else since you opened it, so it was not submitted. Your text is kept on this device. Choose which version to keep below, then submit again.',
        );
        return;
      }
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: submitting the report failed', { target: saver.currentTarget, error });
      setProblem(
        'Your report was not submitted. Your text is kept on this device and saved as a draft when the connection allows. Check your connection and select Submit report again.',
      );
    }
  };
  return { errors, confirming, submitting, startSubmit, cancelSubmit: () => setConfirming(false), submit };
}

interface ConflictInputs {
  service: FrontlineDataService;
  saver: DraftSaver;
  setForm(form: VisitReportForm): void;
  setProblem(problem: string | undefined): void;
}

/** Another tab or device changed the draft: keep this device's text, or take the saved version. */
function useConflictResolution({ service, saver, setForm, setProblem }: ConflictInputs) {
  const [conflictBusy, setConflictBusy] = React.useState(false);
  const resolveConflict = async (keepMine: boolean): Promise<void> => {
    const reportId = saver.currentTarget.reportId;
    if (reportId === undefined) {
      return;
    }
    setConflictBusy(true);
    try {
      const latest = await service.getDraft(reportId);
      if (latest.status !== 'Draft') {
        setProblem(
          'This report has already been submitted, so it cannot be changed. Your text is still on this device: copy anything you need from the boxes below before you leave.',
        );
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
  return { conflictBusy, resolveConflict };
}
