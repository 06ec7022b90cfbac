/**
 * A committee report: one per meeting, kept in the Committee Reports list so the clerk can come
 * back to it and a past year's report can be rebuilt with the same words. It holds what people
 * write (the sections' text, the contact); the tables are drawn from the visits each time.
 */
import type { CalendarDate } from '../domain/calendarDate';
import { AGENDA_SECTIONS, AgendaSectionDefinition, textKeys } from './agendaSections';
import { COMMITTEE_NAME, DEFAULT_REPORT_TITLE } from './packModel';
import type { PackPeriod } from './packTypes';

export type CommitteeReportState = 'Draft' | 'Final';
export const COMMITTEE_REPORT_STATES: ReadonlyArray<CommitteeReportState> = ['Draft', 'Final'];

export interface ReportContact {
  name: string;
  jobTitle: string;
  telephone: string;
  email: string;
}

export interface CommitteeReport {
  /** The list item, once saved. */
  id?: number;
  /** The ETag the item was read or saved with: every save carries it. */
  etag?: string;
  committee: string;
  reportTitle: string;
  /** The council's reference for the agenda item, e.g. "CFOSC/2026/12". */
  reference: string;
  meetingDate: CalendarDate;
  period: PackPeriod;
  state: CommitteeReportState;
  /** The sections as they were when the report was written: headings, order, numbering. */
  sections: AgendaSectionDefinition[];
  /** The written text by section (or `section/subsection`) key; each line is a paragraph. */
  texts: { [key: string]: string };
  contact: ReportContact;
}

export const EMPTY_CONTACT: ReportContact = { name: '', jobTitle: '', telephone: '', email: '' };

/** A new report for a meeting: the council's sections, the standard title, no words yet. */
export function newCommitteeReport(meetingDate: CalendarDate, period: PackPeriod): CommitteeReport {
  return {
    committee: COMMITTEE_NAME,
    reportTitle: DEFAULT_REPORT_TITLE,
    reference: '',
    meetingDate,
    period,
    state: 'Draft',
    sections: AGENDA_SECTIONS.map((s) => ({ ...s, subsections: s.subsections ? s.subsections.slice() : undefined })),
    texts: {},
    contact: { ...EMPTY_CONTACT },
  };
}

/** The report's written text, each empty key filled from the drafts drawn from the data. */
export function withDraftTexts(report: CommitteeReport, drafts: { [key: string]: string }): CommitteeReport {
  const texts: { [key: string]: string } = {};
  for (const key of textKeys(report.sections)) {
    const saved = report.texts[key];
    texts[key] = saved !== undefined && saved.trim() ? saved : drafts[key] || '';
  }
  return { ...report, texts };
}

/** Paragraphs of a written text: one a line, blank lines left out. */
export function paragraphsOf(text: string | undefined): string[] {
  return (text || '')
    .split(/\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
