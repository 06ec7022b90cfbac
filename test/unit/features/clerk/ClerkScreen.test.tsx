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
import { fixtureData, teams } from '../../report/packFixture';

/** The lists, as the pack reads them: the fixed pack dataset, every request recorded. */
const mockPackData = { loadPackData: jest.fn(), loadTeams: jest.fn() };
jest.mock('../../../../src/report/packData', () => ({
  loadPackData: (...args: unknown[]) => mockPackData.loadPackData(...args),
  loadTeams: (...args: unknown[]) => mockPackData.loadTeams(...args),
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
  });

  it('shows the default pack on arrival: the six whole months before this month, every team', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    expect(await screen.findByTestId('pack-preview')).toBeTruthy();
    expect(mockPackData.loadPackData).toHaveBeenCalledTimes(1);
    expect(requestOf(0)).toMatchObject({ from: '2026-05-01', to: '2026-10-31', teamIds: [] });
    expect(screen.getByTestId('clerk-status').textContent).toMatch(/^The pack is ready to check: /);
    expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/05/2026');
    expect(await screen.findByLabelText('Old Assessment Team (no longer active)')).toBeTruthy();
  });

  it('sets the period from the committee date, remembers the date, and says the preview is out of date', async () => {
    render(<ClerkScreen context={context} data={data} today={TODAY} navigate={jest.fn()} />);
    await screen.findByTestId('pack-preview');
    fireEvent.change(screen.getByLabelText('Date of the next committee meeting'), { target: { value: '10/12/2026' } });
    expect((screen.getByLabelText('Period from') as HTMLInputElement).value).toBe('01/06/2026');
    expect((screen.getByLabelText('Period to') as HTMLInputElement).value).toBe('30/11/2026');
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
    expect(requestOf(1)).toMatchObject({ from: '2026-06-01', to: '2026-11-30', committeeDate: '2026-12-10', teamIds: [2] });
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
