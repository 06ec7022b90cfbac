import * as React from 'react';
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, Stack, useTheme } from '@fluentui/react';
import type { AppContext } from '../../app/AppContext';
import { AppRoute, hashFor } from '../../app/route';
import type { Navigate } from '../../app/useRoute';
import { formatLongDate } from '../../domain/calendarDate';
import { rolesMay } from '../../domain/roles';
import type { FormOptions, StartPageData } from '../../data/FrontlineDataService';
import { useDraftScreen, useFormOptions, useReportScreen } from '../../data/hooks/useReportScreen';
import { routeOfReport } from './myVisitsModel';
import { screenStyles } from '../common/styles';
import { DeviceCopyNotice } from './DeviceCopyNotice';
import { ReportView } from './ReportView';
import { ReportThemesPanel } from '../themes/ReportThemesPanel';
import { VisitForm } from './visitForm/VisitForm';
import { formFromRota, formOf, unscheduledForm } from './visitFormModel';

export interface ReportScreenProps {
  context: AppContext;
  route: AppRoute;
  start: StartPageData;
  today: string;
  navigate: Navigate;
}

/**
 * One report: the form while it is the signed-in councillor's draft, a fellow member's draft to
 * read, or the submitted report with its feedback, read-only for everyone. Loaded on demand (its own chunk), since the start page needs none of it.
 */
export default function ReportScreen(props: ReportScreenProps): JSX.Element {
  const { route, navigate } = props;
  // The route this screen was opened for. When a new form's first save creates its report, the
  // address changes to the report's but the same form stays on screen (no reload, no lost focus).
  const [shown, setShown] = React.useState<AppRoute>(route);
  const createdHere = React.useRef<number | undefined>();
  const [submitted, setSubmitted] = React.useState<number | undefined>();
  React.useEffect(() => {
    const isOwnCreation = route.page === 'draft' && route.draftId === createdHere.current;
    if (!isOwnCreation && hashFor(route) !== hashFor(shown)) {
      setShown(route);
    }
    // Only a change of address matters here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route]);

  const onReportCreated = (draftId: number): void => {
    createdHere.current = draftId;
    navigate({ page: 'draft', draftId }, { replace: true });
  };
  const onSubmitted = (reportId: number): void => {
    createdHere.current = undefined;
    setSubmitted(reportId);
    setShown({ page: 'report', reportId });
    navigate({ page: 'report', reportId }, { replace: true });
  };

  let body: JSX.Element;
  if (shown.page === 'report') {
    // Keyed by the submission too: after submitting, the report loads afresh, read-only.
    body = (
      <ExistingReport
        key={`report-${shown.reportId}-${submitted === shown.reportId ? 'submitted' : 'open'}`}
        {...props}
        reportId={shown.reportId}
        justSubmitted={submitted === shown.reportId}
      />
    );
  } else if (shown.page === 'draft') {
    body = <ExistingDraft key={`draft-${shown.draftId}`} {...props} draftId={shown.draftId} onSubmitted={onSubmitted} />;
  } else if (shown.page === 'newFromRota' || shown.page === 'newUnscheduled') {
    body = <NewReport key={hashFor(shown)} {...props} shown={shown} onReportCreated={onReportCreated} onSubmitted={onSubmitted} />;
  } else {
    body = <Spinner size={SpinnerSize.large} label="Opening…" />;
  }
  return body;
}

function Heading({ children }: { children: React.ReactNode }): JSX.Element {
  const theme = useTheme();
  const styles = screenStyles(theme);
  const heading = React.useRef<HTMLHeadingElement>(null);
  React.useEffect(() => {
    // A new screen: put a screen-reader user at its top.
    if (heading.current) {
      heading.current.focus();
    }
  }, []);
  return (
    <>
      <a href="#/" className={styles.action} style={{ marginTop: 0 }}>
        ‹ My visits
      </a>
      <h1 id="fv-form-heading" className={styles.heading} tabIndex={-1} ref={heading}>
        {children}
      </h1>
    </>
  );
}

function LoadFailed({ message, retry }: { message: string; retry: () => void }): JSX.Element {
  return (
    <Stack tokens={{ childrenGap: 12 }} horizontalAlign="start">
      <MessageBar messageBarType={MessageBarType.error} isMultiline={true}>
        {message}
      </MessageBar>
      <DefaultButton text="Try again" onClick={retry} />
    </Stack>
  );
}

function ExistingReport(props: ReportScreenProps & { reportId: number; justSubmitted: boolean }): JSX.Element {
  // A submitted report is read-only for everyone: no form, so no councillors' list to read.
  const [state, retry] = useReportScreen(props.context.sp, props.reportId, false);
  if (state.status === 'loading') {
    return <Spinner size={SpinnerSize.large} label="Opening the report…" />;
  }
  if (state.status === 'failed') {
    return (
      <>
        <Heading>Visit report</Heading>
        <LoadFailed message={state.message} retry={retry} />
      </>
    );
  }
  const { report } = state.data;
  const user = props.start.user;
  const isAuthor = !report.author || report.author.id === user.id;
  return (
    <>
      <Heading>Visit report: {reportHeading(report)}</Heading>
      {props.justSubmitted && (
        <MessageBar messageBarType={MessageBarType.success} isMultiline={true}>
          Your report has been submitted to the Children’s Improvement Team. You can no longer change it.
        </MessageBar>
      )}
      {!isAuthor && report.author && <p>Written and submitted by {report.author.displayName} for the members who visited.</p>}
      {isAuthor && !props.justSubmitted && <DeviceCopyNotice userEmail={user.email} draftKey={`report-${report.id}`} saved={formOf(report)} />}
      <ReportView report={report} today={props.today} />
      {rolesMay(user.roles, 'confirmThemes') && <ReportThemesPanel sp={props.context.sp} report={report} />}
    </>
  );
}

function reportHeading(report: { teamTitle?: string; visitDate?: string }): string {
  return `${report.teamTitle || 'Visit'}${report.visitDate ? `, ${formatLongDate(report.visitDate)}` : ''}`;
}

/** A draft: its writer's form, or — for anyone else — the draft to read, saying whose it is. */
function ExistingDraft(props: ReportScreenProps & { draftId: number; onSubmitted(id: number): void }): JSX.Element {
  const [state, retry] = useDraftScreen(props.context.sp, props.draftId, rolesMay(props.start.user.roles, 'editOwnDraft'));
  if (state.status === 'loading') {
    return <Spinner size={SpinnerSize.large} label="Opening the report…" />;
  }
  if (state.status === 'failed') {
    // Submitted (or deleted) from another device: text this device still holds is shown, not lost.
    return (
      <>
        <Heading>Visit report</Heading>
        <LoadFailed message={state.message} retry={retry} />
        <DeviceCopyNotice userEmail={props.start.user.email} draftKey={`report-${props.draftId}`} saved={unscheduledForm(props.start.user)} />
      </>
    );
  }
  const { report } = state.data;
  const user = props.start.user;
  if ((!report.author || report.author.id === user.id) && rolesMay(user.roles, 'editOwnDraft')) {
    return (
      <>
        <Heading>Visit report: {reportHeading(report)}</Heading>
        <VisitForm
          context={props.context}
          user={user}
          options={state.data}
          initialForm={formOf(report)}
          initialTarget={{ reportId: report.id, etag: report.etag }}
          today={props.today}
          navigate={props.navigate}
          onReportCreated={() => undefined}
          onSubmitted={props.onSubmitted}
        />
      </>
    );
  }
  const writer = report.author ? report.author.displayName : 'Another member';
  return (
    <>
      <Heading>Visit report: {reportHeading(report)}</Heading>
      <MessageBar messageBarType={MessageBarType.info} isMultiline={true} data-testid="fellow-draft">
        {writer} is writing this report{report.startedOn ? ` (started ${formatLongDate(report.startedOn.slice(0, 10))})` : ''}. It is a draft: you can read it,
        and only {writer} can change or submit it. A visit has one report, so you do not need to write another.
      </MessageBar>
      <ReportView report={report} today={props.today} />
    </>
  );
}

function NewReport(
  props: ReportScreenProps & {
    shown: Exclude<AppRoute, { page: 'start' } | { page: 'report' } | { page: 'draft' }>;
    onReportCreated(id: number): void;
    onSubmitted(id: number): void;
  },
): JSX.Element {
  const [state, retry] = useFormOptions(props.context.sp);
  const { shown, start } = props;
  const rotaEntry = shown.page === 'newFromRota' ? start.upcomingRota.concat(start.pastRota).filter((r) => r.id === shown.rotaEntryId)[0] : undefined;
  // A visit has one report: if it has one already (anyone's), open that rather than start a second.
  const held = rotaEntry
    ? start.reports.filter((r) => r.rotaEntryId === rotaEntry.id).sort((a, b) => (a.status === 'Draft' ? 1 : 0) - (b.status === 'Draft' ? 1 : 0))[0]
    : undefined;
  const existing = held ? routeOfReport(held) : undefined;
  const existingHash = existing ? hashFor(existing) : undefined;
  const navigate = props.navigate;
  React.useEffect(() => {
    if (existing) {
      navigate(existing, { replace: true });
    }
    // The route is rebuilt each render; its address is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [existingHash, navigate]);
  if (!rolesMay(start.user.roles, 'createReport')) {
    return (
      <>
        <Heading>New visit report</Heading>
        <MessageBar messageBarType={MessageBarType.warning}>Only councillors in the Frontline Visit Members group can write visit reports.</MessageBar>
      </>
    );
  }
  if (shown.page === 'newFromRota' && !rotaEntry) {
    return (
      <>
        <Heading>New visit report</Heading>
        <MessageBar messageBarType={MessageBarType.warning} isMultiline={true}>
          We could not find that visit on the rota. It may have been moved or removed. Go back to My visits and choose the visit again.
        </MessageBar>
      </>
    );
  }
  if (state.status === 'loading' || existing) {
    return <Spinner size={SpinnerSize.large} label="Opening the form…" />;
  }
  if (state.status === 'failed') {
    return (
      <>
        <Heading>New visit report</Heading>
        <LoadFailed message={state.message} retry={retry} />
      </>
    );
  }
  const options: FormOptions = state.data;
  const me = { id: start.user.id, displayName: start.user.displayName, email: start.user.email };
  const initialForm = rotaEntry ? formFromRota(rotaEntry, options.teams) : unscheduledForm(me);
  return (
    <>
      <Heading>
        {rotaEntry ? `Visit report: ${rotaEntry.teamTitle || 'Visit'}, ${formatLongDate(rotaEntry.visitDate)}` : 'Report a visit that was not on the rota'}
      </Heading>
      <VisitForm
        context={props.context}
        user={start.user}
        options={options}
        initialForm={initialForm}
        initialTarget={{}}
        today={props.today}
        navigate={props.navigate}
        onReportCreated={props.onReportCreated}
        onSubmitted={props.onSubmitted}
      />
    </>
  );
}
