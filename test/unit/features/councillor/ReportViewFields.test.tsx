/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { render, screen, within } from '@testing-library/react';
import { FORM_TEXT_FIELDS, textFieldsShownOn } from '../../../../src/domain/reportFields';
import { ReportView } from '../../../../src/features/councillor/ReportView';
import { buildReport, FIXTURE_COUNCILLOR, gridWith } from '../../../helpers/reportFixtures';

const TODAY = '2026-11-22';
const submitted = buildReport({
  id: 12,
  title: 'Visit to the Consultation Team, 10 Nov 2026',
  teamTitle: 'Consultation Team (front door)',
  visitDate: '2026-11-10',
  members: [FIXTURE_COUNCILLOR],
  grid: gridWith({ staffingWorries: 'Two vacancies <b>covered</b> by agency staff.' }),
  safetyScale: 7,
  status: 'Submitted',
  submittedOn: '2026-11-12T10:00:00Z',
  author: FIXTURE_COUNCILLOR,
});

describe('ReportView', () => {
  it('shows each form text of the field table under its short label, or its empty text', () => {
    render(<ReportView report={{ ...submitted, staffInvolved: '' }} today={TODAY} />);
    for (const field of textFieldsShownOn('report', FORM_TEXT_FIELDS)) {
      const term = screen.getByText(field.shortLabel, { selector: 'dt' });
      expect((term.nextElementSibling as HTMLElement).textContent).toBe(field.emptyText || 'Nothing recorded.');
    }
  });

  it('shows what was typed as text, never as markup', () => {
    render(<ReportView report={submitted} today={TODAY} />);
    expect(screen.getByText('Two vacancies <b>covered</b> by agency staff.')).toBeTruthy();
    expect(document.querySelector('b')).toBeNull();
  });

  it('says when the response is due while there is none', () => {
    render(<ReportView report={submitted} today={TODAY} />);
    expect(screen.getByTestId('report-status').textContent).toMatch(/The Head of Service’s response is due by 10 Dec 2026 \(18 days left\)\./);
    expect(within(screen.getByTestId('feedback')).getByText('No response yet. It is due by 10 Dec 2026.')).toBeTruthy();
  });

  it('shows the response beside the report, with who gave it and when', () => {
    const answered = {
      ...submitted,
      status: 'Responded' as const,
      feedback: {
        text: 'We are recruiting two permanent social workers.',
        by: { id: 20, displayName: 'Head of Service (demo)', email: 'hos.cincp@northshire.example' },
        on: '2026-11-20T09:00:00Z',
      },
    };
    render(<ReportView report={answered} today={TODAY} />);
    const feedback = within(screen.getByTestId('feedback'));
    expect(feedback.getByText('We are recruiting two permanent social workers.')).toBeTruthy();
    expect(feedback.getByText(/^By Head of Service \(demo\), 20 Nov 2026\./)).toBeTruthy();
  });
});
