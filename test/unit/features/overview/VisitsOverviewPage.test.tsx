/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import type { SPFI } from '@pnp/sp';
import type { AppContext } from '../../../../src/app/AppContext';
import type { StartPageData } from '../../../../src/data/FrontlineDataService';
import type { VisitsOverviewData } from '../../../../src/data/VisitsOverviewService';
import { ChaseRecord } from '../../../../src/domain/chase';
import { emptyGrid } from '../../../../src/domain/grid';
import { RotaEntry, VisitReport } from '../../../../src/domain/types';
import { VisitsOverviewPage } from '../../../../src/features/overview/VisitsOverviewPage';

/** The lists as the overview reads them: a fixed year, every chase recorded. */
const mockService = { getOverview: jest.fn(), requestChase: jest.fn() };
jest.mock('../../../../src/data/VisitsOverviewService', () => {
  const actual = jest.requireActual('../../../../src/data/VisitsOverviewService');
  return {
    ...actual,
    VisitsOverviewService: jest.fn().mockImplementation(() => ({
      getOverview: (...args: unknown[]) => mockService.getOverview(...args),
      requestChase: (...args: unknown[]) => mockService.requestChase(...args),
    })),
  };
});
const { AlreadyChasedError } = jest.requireActual('../../../../src/data/VisitsOverviewService');

setIconOptions({ disableWarnings: true });

const TODAY = '2026-11-30';
const hale = { id: 1, displayName: 'Cllr Hale', email: '' };
const osei = { id: 2, displayName: 'Cllr Osei', email: '' };
const visit = (id: number, visitDate: string, members = [hale], over: Partial<RotaEntry> = {}): RotaEntry => ({
  id,
  title: `Visit ${id}`,
  visitDate,
  teamId: id % 2 ? 1 : 2,
  teamTitle: id % 2 ? 'Consultation Team' : 'Child in Need Team',
  members,
  municipalYear: '2026/27',
  status: 'Held',
  ...over,
});
const rota: RotaEntry[] = [
  visit(1, '2026-09-14', [hale, osei]), // form overdue
  visit(2, '2026-07-13', [osei], { status: 'NotHeld', notHeldReason: 'Special Cabinet meeting' }),
  visit(3, '2027-01-12', [hale]), // upcoming
  visit(4, '2026-08-12', [osei]), // response overdue
];
const submitted = {
  id: 40,
  rotaEntryId: 4,
  teamId: 2,
  teamTitle: 'Child in Need Team',
  visitDate: '2026-08-12',
  members: [osei],
  status: 'Submitted',
  submittedOn: '2026-09-01T10:00:00Z',
  grid: emptyGrid(),
} as unknown as VisitReport;
const teams = [
  { id: 1, title: 'Consultation Team', isActive: true },
  { id: 2, title: 'Child in Need Team', isActive: true },
];
let chases: ChaseRecord[] = [];
const overview = (): VisitsOverviewData => ({
  period: { start: '2026-04-01', end: '2027-03-31' },
  rota,
  reports: [submitted],
  teams,
  chases,
  truncated: false,
});

const context: AppContext = {
  sp: {} as SPFI,
  siteUrl: 'https://northshire.example/sites/frontline-visits',
  currentUser: { email: 'i@n', displayName: 'Imp' },
  host: 'sharepoint',
};
const data = {
  user: { id: 10, displayName: 'Improvement Officer', email: 'i@n', roles: ['ImprovementTeam'] },
  upcomingRota: [],
  pastRota: [],
  reports: [],
} as unknown as StartPageData;

function count(state: string): string {
  return screen
    .getAllByTestId('state-count')
    .find((li) => li.getAttribute('data-state') === state)!
    .getAttribute('data-count') as string;
}

function row(key: string): HTMLElement {
  return screen.getAllByTestId('overview-row').find((li) => li.getAttribute('data-key') === key) as HTMLElement;
}

describe('VisitsOverviewPage', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    chases = [];
    mockService.getOverview.mockImplementation(async () => overview());
  });

  it('shows every visit of this municipal year with its state in words and the counts per state', async () => {
    render(<VisitsOverviewPage context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    expect(await screen.findAllByTestId('overview-row')).toHaveLength(4);
    expect(mockService.getOverview.mock.calls[0][0]).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect([count('formOverdue'), count('responseOverdue'), count('notHeld'), count('upcoming'), count('answered')]).toEqual(['1', '1', '1', '1', '0']);
    expect(within(row('rota-1')).getByTestId('overview-state').textContent).toBe('Form overdue (49 days)');
    expect(within(row('rota-4')).getByTestId('overview-state').textContent).toBe('Response overdue (62 days)');
    expect(row('rota-2').textContent).toContain('Reason: Special Cabinet meeting');
    expect(within(row('rota-3')).queryByRole('button')).toBeNull();
  });

  it('filters by state from the counts; choosing the same count again shows every visit', async () => {
    render(<VisitsOverviewPage context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findAllByTestId('overview-row');
    fireEvent.click(screen.getByRole('button', { name: 'Form overdue: 1' }));
    expect(screen.getAllByTestId('overview-row').map((r) => r.getAttribute('data-key'))).toEqual(['rota-1']);
    expect(screen.getByTestId('overview-shown').textContent).toBe('Form overdue: 1 visit');
    fireEvent.click(screen.getByRole('button', { name: 'Form overdue: 1' }));
    expect(screen.getAllByTestId('overview-row')).toHaveLength(4);
  });

  it('chases the councillors of an overdue form once: the row then says so and offers no second chase today', async () => {
    mockService.requestChase.mockImplementation(async (request: { subject: ChaseRecord['subject']; audience: ChaseRecord['audience'] }) => {
      const record: ChaseRecord = {
        id: 1,
        key: 'k',
        ...request,
        day: TODAY,
        state: 'Requested',
        requestedBy: { id: 10, displayName: 'Improvement Officer', email: '' },
      };
      chases = [record];
      return record;
    });
    render(<VisitsOverviewPage context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findAllByTestId('overview-row');
    fireEvent.click(within(row('rota-1')).getByRole('button', { name: /Remind the councillors/ }));
    await waitFor(() => expect(within(row('rota-1')).getByRole('button', { name: /Chased today/ })).toBeTruthy());
    expect(mockService.requestChase.mock.calls[0][0]).toMatchObject({ subject: { kind: 'rota', id: 1 }, audience: 'Councillors', visitDate: '2026-09-14' });
    expect((within(row('rota-1')).getByRole('button', { name: /Chased today/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(within(row('rota-1')).getByTestId('overview-chased').textContent).toMatch(
      /^Reminder asked for today by Children’s Improvement Team \(Improvement Officer\)/,
    );
    // The response row chases the Head of Service.
    expect(within(row('rota-4')).getByRole('button', { name: /Remind the Head of Service/ })).toBeTruthy();
  });

  it('says who chased first when someone else chased the same row today', async () => {
    const earlier: ChaseRecord = {
      id: 5,
      key: 'k',
      subject: { kind: 'report', id: 40 },
      audience: 'HeadOfService',
      day: TODAY,
      state: 'Sent',
      requestedBy: { id: 11, displayName: 'Another Officer', email: '' },
    };
    mockService.requestChase.mockRejectedValue(new AlreadyChasedError(earlier));
    render(<VisitsOverviewPage context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findAllByTestId('overview-row');
    fireEvent.click(within(row('rota-4')).getByRole('button', { name: /Remind the Head of Service/ }));
    const alert = await within(row('rota-4')).findByRole('alert');
    expect(alert.textContent).toBe('Already chased today: Reminded today by Children’s Improvement Team (Another Officer). You can chase again tomorrow.');
  });
});
