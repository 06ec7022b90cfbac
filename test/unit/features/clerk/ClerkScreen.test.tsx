/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import type { SPFI } from '@pnp/sp';
import type { AppContext } from '../../../../src/app/AppContext';
import type { StartPageData } from '../../../../src/data/FrontlineDataService';
import ClerkScreen from '../../../../src/features/clerk/ClerkScreen';
import { CommitteeReport, newCommitteeReport } from '../../../../src/report/committeeReport';
import { fixtureData, teams } from '../../report/packFixture';

/** The lists, as the pack reads them: the fixed pack dataset, every request recorded. */
const mockPackData = { loadPackData: jest.fn(), loadTeams: jest.fn() };
jest.mock('../../../../src/report/packData', () => ({
  ...jest.requireActual('../../../../src/report/packData'),
  loadPackData: (...args: unknown[]) => mockPackData.loadPackData(...args),
  loadTeams: (...args: unknown[]) => mockPackData.loadTeams(...args),
}));
/** The themes lists and the earlier periods: the fixture's themes, one confirmed, three periods back. */
jest.mock('../../../../src/report/themeData', () => ({
  ...jest.requireActual('../../../../src/report/themeData'),
  loadPackDataWithThemes: async (...args: unknown[]) => ({
    ...(await mockPackData.loadPackData(...args)),
    themes: jest.requireActual('../../report/packFixture').dataWithThemes().themes,
  }),
}));
/** The Committee Reports list: one saved report, saves recorded. */
const mockReports = { list: jest.fn(), get: jest.fn(), save: jest.fn() };
jest.mock('../../../../src/report/committeeReportList', () => ({
  ...jest.requireActual('../../../../src/report/committeeReportList'),
  listCommitteeReports: (...args: unknown[]) => mockReports.list(...args),
  getCommitteeReport: (...args: unknown[]) => mockReports.get(...args),
  saveCommitteeReport: (...args: unknown[]) => mockReports.save(...args),
}));
const mockSaveFile = jest.fn();
jest.mock('../../../../src/features/clerk/saveFile', () => ({ saveFile: (...args: unknown[]) => mockSaveFile(...args) }));

const TODAY = '2026-11-20';
const context: AppContext = {
  sp: {} as SPFI,
  siteUrl: 'https://northshire.example/sites/frontline-visits',
  currentUser: { email: 'clerk@northshire.example', displayName: 'Committee Clerk (demo)' },
  host: 'teams',
};
const data = {
  user: { id: 30, displayName: 'Committee Clerk (demo)', email: 'clerk@northshire.example', roles: ['Clerk'] },
  upcomingRota: [],
  pastRota: [],
  reports: [],
} as StartPageData;

function requestOf(call: number): { from: string; to: string; committeeDate?: string; teamIds?: number[] } {
  return mockPackData.loadPackData.mock.calls[call][1];
}

// The app registers Fluent UI's icon font in the host page; here the names are enough.
setIconOptions({ disableWarnings: true });

describe('ClerkScreen', () => {
  beforeEach(() => {
    window.localStorage.clear();
    jest.clearAllMocks();
    mockPackData.loadPackData.mockImplementation(async () => fixtureData());
    mockPackData.loadTeams.mockResolvedValue([...teams, { id: 4, title: 'Old Assessment Team', isActive: false }]);
    mockReports.list.mockResolvedValue([
      { id: 7, reportTitle: 'Members’ visits 2025/26', meetingDate: '2025-12-11', period: { from: '2025-04-01', to: '2025-09-30' }, state: 'Final' },
    ]);
    mockReports.save.mockImplementation(async (_sp: unknown, report: CommitteeReport) => ({ ...report, id: report.id || 8, etag: '"2"' }));
  });

  it('offers a twelve-month (annual) period as well as six months', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    fireEvent.click(screen.getByLabelText('Twelve months (annual report)'));
    expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/11/2025');
    expect((screen.getByLabelText('Period to') as HTMLInputElement).value).toBe('31/10/2026');
  });

  // A long journey through a large screen: jsdom needs more than the default time on a busy machine.
  jest.setTimeout(90000);

  it('starts the written sections from the data, saves the clerk’s words for the meeting, and keeps them on screen when a save fails', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    const summary = screen.getByLabelText('Report Summary') as HTMLTextAreaElement;
    expect(summary.value).toMatch(
      /Members made 5 visits to frontline teams from 1 April 2026 to 30 September 2026; 1 of the 6 visits on the rota did not take place\./,
    );
    fireEvent.click(screen.getByText('Save the report'));
    expect(await screen.findByText(/Enter the date of the committee meeting before saving/)).toBeTruthy();
    expect(mockReports.save).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Date of the next committee meeting'), { target: { value: '10/12/2026' } });
    fireEvent.click(screen.getByText('Show the pack'));
    await waitFor(() => expect(mockPackData.loadPackData).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(screen.getByTestId('clerk-status').textContent).toMatch(/^The pack is ready to check/));
    fireEvent.change(screen.getByLabelText('Recommendations'), { target: { value: 'That the Committee notes the report.' } });
    fireEvent.change(screen.getByLabelText('Contact name'), { target: { value: 'Sam Scrutiny (demo)' } });
    fireEvent.click(screen.getByText('Save the report'));
    await waitFor(() => expect(mockReports.save).toHaveBeenCalledTimes(1));
    const saved: CommitteeReport = mockReports.save.mock.calls[0][1];
    expect(saved.meetingDate).toBe('2026-12-10');
    expect(saved.period).toEqual({ from: '2026-06-01', to: '2026-11-20' });
    expect(saved.texts.recommendations).toBe('That the Committee notes the report.');
    expect(saved.texts.summary).toMatch(/^This report presents the themes and issues/);
    expect(saved.texts['implications/legal']).toBe('There are no legal implications arising from this report.');
    expect(saved.contact.name).toBe('Sam Scrutiny (demo)');
    expect(await screen.findByText('Report saved for the meeting of Thursday 10 December 2026.')).toBeTruthy();
    // The preview is the agenda item with the clerk's words.
    expect(within(screen.getByTestId('pack-preview')).getByText('2.1 That the Committee notes the report.')).toBeTruthy();

    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    mockReports.save.mockRejectedValueOnce(Object.assign(new Error('412'), { status: 412 }));
    fireEvent.change(screen.getByLabelText('Recommendations'), { target: { value: 'A second thought.' } });
    fireEvent.click(screen.getByText('Save the report'));
    expect(await screen.findByText(/Someone else saved this report after you opened it/, undefined, { timeout: 10000 })).toBeTruthy();
    expect((screen.getByLabelText('Recommendations') as HTMLTextAreaElement).value).toBe('A second thought.');
    expect(logged).toHaveBeenCalled();
  });

  it('opens last year’s report with its meeting, period and words', async () => {
    const lastYear = {
      ...newCommitteeReport('2025-12-11', { from: '2025-04-01', to: '2025-09-30' }),
      id: 7,
      etag: '"5"',
      state: 'Final' as const,
      texts: { summary: 'Last year’s summary, as the committee read it.' },
    };
    mockReports.get.mockResolvedValue(lastYear);
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    await screen.findByText('Saved reports');
    fireEvent.click(document.getElementById('fv-saved-reports')!);
    fireEvent.click(await screen.findByText('Thursday 11 December 2025: Members’ visits 2025/26 (final, report 7)'));
    fireEvent.click(screen.getByText('Open the report'));
    await waitFor(() => expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/04/2025'));
    expect((screen.getByLabelText('Period to') as HTMLInputElement).value).toBe('30/09/2025');
    expect((screen.getByLabelText('Date of the next committee meeting') as HTMLInputElement).value).toBe('11/12/2025');
    expect((screen.getByLabelText('Report Summary') as HTMLTextAreaElement).value).toBe('Last year’s summary, as the committee read it.');
  });

  it('shows the default pack on arrival: the six whole months before this month, every team', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    expect(await screen.findByTestId('pack-preview')).toBeTruthy();
    expect(mockPackData.loadPackData).toHaveBeenCalledTimes(1);
    expect(requestOf(0)).toMatchObject({ from: '2026-05-01', to: '2026-10-31', teamIds: [] });
    expect(screen.getByTestId('clerk-status').textContent).toMatch(/^The pack is ready to check: /);
    expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/05/2026');
    expect(await screen.findByLabelText('Old Assessment Team (no longer active)')).toBeTruthy();
    // The themes in section 6 and the scale chart, with its alt text, in Background: as the Word file holds them.
    const preview = screen.getByTestId('pack-preview');
    expect(within(preview).getByRole('heading', { name: 'Themes across the visits' })).toBeTruthy();
    const themeTable = within(preview).getByRole('table', { name: /^Themes raised, / });
    // Each cell holds its own words only, as the Word table does.
    expect(within(themeTable).getByRole('cell', { name: 'Courts' }).textContent).toBe('Courts');
    expect(preview.textContent).not.toContain('[object Object]');
    expect(within(preview).getByRole('img', { name: /^Line chart of the average safety scale/ })).toBeTruthy();
  });

  it('sets the period from the committee date, never past today, remembers the date, and says the preview is out of date', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    fireEvent.change(screen.getByLabelText('Date of the next committee meeting'), { target: { value: '10/12/2026' } });
    expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/06/2026');
    // June to November would reach past today (20 November): the default period ends today.
    expect((screen.getByLabelText('Period to') as HTMLInputElement).value).toBe('20/11/2026');
    expect(
      Object.keys(window.localStorage)
        .map((key) => window.localStorage.getItem(key))
        .some((value) => value && value.includes('2026-12-10')),
    ).toBe(true);
    // Fluent UI's MessageBar renders its words a moment later, for screen readers.
    expect(await screen.findByText(/You have changed your choices since this preview/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Child in Need North'));
    fireEvent.click(screen.getByRole('button', { name: 'Show the pack' }));
    await waitFor(() => expect(mockPackData.loadPackData).toHaveBeenCalledTimes(2));
    expect(requestOf(1)).toMatchObject({ from: '2026-06-01', to: '2026-11-20', committeeDate: '2026-12-10', teamIds: [2] });
  });

  it('explains a wrong period in the error summary and reads nothing', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    fireEvent.change(screen.getByLabelText('Period from'), { target: { value: '31/13/2026' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show the pack' }));
    const summary = await screen.findByTestId('error-summary');
    const link = within(summary).getByRole('link');
    expect(link.getAttribute('href')).toBe('#fv-period-from');
    expect(link.textContent).toMatch(/first day of the period as a date/);
    expect(mockPackData.loadPackData).toHaveBeenCalledTimes(1);
  });

  it('downloads the CSV of the pack on screen without reading the lists again', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(mockSaveFile).toHaveBeenCalledTimes(1));
    const [content, name, type] = mockSaveFile.mock.calls[0];
    // Named after the period the lists were read for (the fixed dataset's).
    expect(name).toBe('committee-pack-2026-04-01-to-2026-09-30.csv');
    expect(type).toMatch(/^text\/csv/);
    expect(String(content)).toMatch(/"Section"/);
    expect(mockPackData.loadPackData).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('clerk-status').textContent).toBe('CSV file committee-pack-2026-04-01-to-2026-09-30.csv downloaded.');
  });

  it('offers to try again when the lists cannot be read, and logs why', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    mockPackData.loadPackData.mockRejectedValueOnce(new Error('503 Service Unavailable'));
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    expect(await screen.findByText(/We could not read the visits for the pack/)).toBeTruthy();
    expect(logged).toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('pack-preview')).toBeTruthy();
  });
});
