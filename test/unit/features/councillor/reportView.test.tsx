import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { ReportView } from '../../../../src/features/councillor/ReportView';
import { VisitReport } from '../../../../src/domain/types';
import { buildReport, gridWith } from '../../../helpers/reportFixtures';

const report: VisitReport = buildReport({
  id: 4,
  title: 'Visit',
  staffInvolved: '',
  teamId: 1,
  teamTitle: 'Consultation Team',
  visitDate: '2026-08-03',
  members: [{ id: 1, displayName: 'Cllr Hale', email: 'h@x' }],
  grid: gridWith({ staffingWorries: 'Two vacancies.', otherNextSteps: 'A new office.' }),
  safetyScale: 6,
  status: 'Responded',
  submittedOn: '2026-09-01T10:00:00Z',
  feedback: {
    text: '',
    staffing: 'Posts advertised.',
    other: 'The move is in March.',
    by: { id: 9, displayName: 'Head of CIN/CP', email: 'hos@x' },
    on: '2026-11-02T10:00:00Z',
    firstOn: '2026-09-20T10:00:00Z',
    earlier: [{ text: 'First overall answer.', on: '2026-09-20T10:00:00Z', byName: 'Head of CIN/CP' }],
  },
});

describe("the councillor's report screen", () => {
  const html = renderToStaticMarkup(<ReportView report={report} today="2026-11-30" />);
  const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it("puts each area's response beside that area, in the order of the report", () => {
    const staffing = text.indexOf('Two vacancies.');
    const staffingAnswer = text.indexOf('Posts advertised.');
    const performance = text.indexOf('Performance');
    const other = text.indexOf('A new office.');
    const otherAnswer = text.indexOf('The move is in March.');
    expect(staffing).toBeGreaterThan(-1);
    expect(staffingAnswer).toBeGreaterThan(staffing);
    expect(staffingAnswer).toBeLessThan(performance);
    expect(otherAnswer).toBeGreaterThan(other);
    expect(html).toContain('data-testid="response-staffing"');
    expect(html).not.toContain('data-testid="response-performance"');
  });

  it('shows the answer as amended, with its dates and lateness, and keeps the earlier version readable', () => {
    expect(text).toContain('Submitted 1 day late.');
    expect(text).toContain('First given on 20 Sep 2026. Answered on time. Amended by Head of CIN/CP on 2 Nov 2026.');
    expect(text).toContain('The earlier version');
    expect(text).toContain('As given on 20 Sep 2026 by Head of CIN/CP');
    expect(text).toContain('First overall answer.');
    expect(text).toContain('Answered area by area, beside each area of the report.');
  });
});
