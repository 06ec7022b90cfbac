import * as React from 'react';
import type { SPFI } from '@pnp/sp';
import { formatLongDate } from '../../domain/calendarDate';
import { reportWithDrafts } from '../../report/agendaDrafts';
import { CommitteeReport, ReportContact, newCommitteeReport } from '../../report/committeeReport';
import { CommitteeReportSummary, describeSaveFailure, getCommitteeReport, listCommitteeReports, saveCommitteeReport } from '../../report/committeeReportList';
import type { PackModel, PackRequest } from '../../report/packTypes';

export type SavedReports = { status: 'loading' } | { status: 'ready'; reports: CommitteeReportSummary[] } | { status: 'failed' };

export interface CommitteeReportState {
  /** The report being written: only the words the clerk typed or opened; the rest come from the data. */
  report: CommitteeReport;
  saved: SavedReports;
  saving: boolean;
  /** Said to screen readers once a save or an open finishes. */
  message: string;
  error: string;
  setText(key: string, text: string): void;
  setDetails(changes: Partial<Pick<CommitteeReport, 'reportTitle' | 'reference' | 'state'>>): void;
  setContact(field: keyof ReportContact, value: string): void;
  /** Saves the report for the meeting and period on screen, with the words shown for every section. */
  save(request: PackRequest, model: PackModel): Promise<void>;
  /** Opens a saved report: answers it so the screen can take its meeting date and period. */
  open(id: number): Promise<CommitteeReport | undefined>;
  /** Starts a new report for another meeting (the words drawn from the data again). */
  startNew(): void;
}

function useSavedReports(sp: SPFI): [SavedReports, () => void] {
  const [saved, setSaved] = React.useState<SavedReports>({ status: 'loading' });
  const reload = React.useCallback(() => {
    listCommitteeReports(sp)
      .then((reports) => setSaved({ status: 'ready', reports }))
      .catch((error: unknown) => {
        // eslint-disable-next-line no-console
        console.error('Frontline Visits: could not list the saved committee reports', error);
        setSaved({ status: 'failed' });
      });
  }, [sp]);
  React.useEffect(reload, [reload]);
  return [saved, reload];
}

/** The committee report the clerk writes: kept per meeting in the Committee Reports list. */
export function useCommitteeReport(sp: SPFI, today: string): CommitteeReportState {
  const [report, setReport] = React.useState<CommitteeReport>(() => newCommitteeReport('', { from: today, to: today }));
  const [saved, reloadSaved] = useSavedReports(sp);
  const [saving, setSaving] = React.useState(false);
  const [message, setMessage] = React.useState('');
  const [error, setError] = React.useState('');

  const setText = (key: string, text: string): void => setReport((r) => ({ ...r, texts: { ...r.texts, [key]: text } }));
  const setDetails: CommitteeReportState['setDetails'] = (changes) => setReport((r) => ({ ...r, ...changes }));
  const setContact = (field: keyof ReportContact, value: string): void => setReport((r) => ({ ...r, contact: { ...r.contact, [field]: value } }));

  const save = async (request: PackRequest, model: PackModel): Promise<void> => {
    setError('');
    setMessage('');
    if (!request.committeeDate) {
      setError('Enter the date of the committee meeting before saving: a report is kept for its meeting.');
      return;
    }
    const toSave = reportWithDrafts({ ...report, meetingDate: request.committeeDate, period: { from: request.from, to: request.to } }, model);
    setSaving(true);
    try {
      const stored = await saveCommitteeReport(sp, toSave);
      setReport(stored);
      setMessage(`Report saved for the meeting of ${model.title.meetingDateText}.`);
      reloadSaved();
    } catch (failure) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not save the committee report', { id: report.id }, failure);
      // What the clerk typed stays on screen: only the message changes.
      setError(describeSaveFailure(failure));
    } finally {
      setSaving(false);
    }
  };

  const open = async (id: number): Promise<CommitteeReport | undefined> => {
    setError('');
    setMessage('');
    try {
      const opened = await getCommitteeReport(sp, id);
      setReport(opened);
      setMessage(`Opened the report for the meeting of ${opened.meetingDate ? formatLongDate(opened.meetingDate) : 'a date not recorded'}.`);
      return opened;
    } catch (failure) {
      // eslint-disable-next-line no-console
      console.error('Frontline Visits: could not open committee report', id, failure);
      setError('That report could not be opened. Try again; if it happens again, tell the Children’s Improvement Team.');
      return undefined;
    }
  };

  const startNew = (): void => {
    setReport(newCommitteeReport('', { from: today, to: today }));
    setError('');
    setMessage('Started a new report: its words are drawn from the visits.');
  };

  return { report, saved, saving, message, error, setText, setDetails, setContact, save, open, startNew };
}
