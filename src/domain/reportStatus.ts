import { ReportStatus } from './types';

/** The only moves a report can make: Draft → Submitted → Responded. */
const NEXT_STATUS: { readonly [from in ReportStatus]: ReadonlyArray<ReportStatus> } = {
  Draft: ['Submitted'],
  Submitted: ['Responded'],
  Responded: [],
};

export function canTransition(from: ReportStatus, to: ReportStatus): boolean {
  return NEXT_STATUS[from].indexOf(to) !== -1;
}

export function assertTransition(from: ReportStatus, to: ReportStatus): void {
  if (!canTransition(from, to)) {
    throw new Error(`A report cannot move from ${from} to ${to}`);
  }
}

/** Its author may change a report only while it is a draft. */
export function isEditableByAuthor(status: ReportStatus): boolean {
  return status === 'Draft';
}

/** Feedback may be written once the report is submitted, and only once. */
export function acceptsFeedback(status: ReportStatus): boolean {
  return canTransition(status, 'Responded');
}
