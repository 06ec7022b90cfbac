/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { setIconOptions } from '@fluentui/react';
import type { SPFI } from '@pnp/sp';
import type { AppContext } from '../../../../src/app/AppContext';
import type { StartPageData } from '../../../../src/data/FrontlineDataService';
import type { RotaYearData } from '../../../../src/data/RotaService';
import RotaScreen from '../../../../src/features/rota/RotaScreen';

/** The rota service as the screen uses it: every call recorded, nothing written anywhere. */
const mockRota = { getRotaYear: jest.fn(), applyChanges: jest.fn(), addVisits: jest.fn(), publishProposal: jest.fn() };
jest.mock('../../../../src/data/RotaService', () => ({
  ...jest.requireActual('../../../../src/data/RotaService'),
  RotaService: jest.fn().mockImplementation(() => mockRota),
}));
const mockDates = { add: jest.fn(), remove: jest.fn() };
jest.mock('../../../../src/data/UnavailableDatesService', () => ({
  ...jest.requireActual('../../../../src/data/UnavailableDatesService'),
  UnavailableDatesService: jest.fn().mockImplementation(() => mockDates),
}));

setIconOptions({ disableWarnings: true });
// The machine the tests share is slow at times: wait for the screen as a person would.
configure({ asyncUtilTimeout: 15000 });

const TODAY = '2026-11-30';
const HALE = { id: 11, displayName: 'Cllr Hale', email: 'cllr.hale@northshire.example' };
const OSEI = { id: 12, displayName: 'Cllr Osei', email: 'cllr.osei@northshire.example' };
const MARLOW = { id: 13, displayName: 'Cllr Marlow', email: '' };
const TEAMS = [
  { id: 1, title: 'Child in Need Team', isActive: true, serviceManager: { id: 40, displayName: 'Sam Manager', email: '' } },
  { id: 2, title: 'Child Protection Team', isActive: true },
];
const context: AppContext = {
  sp: {} as SPFI,
  siteUrl: 'https://northshire.example/sites/frontline-visits',
  currentUser: { email: '', displayName: '' },
  host: 'sharepoint',
};

function visit(id: number, visitDate: string, teamId: number, members = [HALE, OSEI], extra = {}) {
  return { id, etag: `"${id},1"`, title: '', visitDate, teamId, members, municipalYear: '2026/27', status: 'Scheduled' as const, ...extra };
}

function year(
  municipalYear = '2026/27',
  visits = [visit(1, '2026-10-05', 1, [HALE, OSEI]), visit(2, '2027-01-12', 2, [OSEI, MARLOW], { movedFrom: '2027-01-05' })],
): RotaYearData {
  return { municipalYear, visits, bookedBefore: [], teams: TEAMS, councillors: [HALE, MARLOW, OSEI], unavailable: [] };
}

function startData(roles: string[], me = { id: 99, displayName: 'Improvement Team', email: 'improvement@northshire.example' }): StartPageData {
  return { user: { ...me, roles }, upcomingRota: [], pastRota: [], reports: [] } as unknown as StartPageData;
}

describe('RotaScreen', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    mockRota.getRotaYear.mockImplementation(async (y: string) => (y === '2026/27' ? year() : year(y, [])));
  });

  it('shows every visit with team, councillors, service manager and status, where a visit moved from, and the coverage gaps', async () => {
    render(<RotaScreen context={context} data={startData(['ImprovementTeam'])} today={TODAY} navigate={jest.fn()} />);
    const cards = await screen.findAllByTestId('rota-visit');
    expect(cards).toHaveLength(2);
    expect(cards[0].textContent).toContain('Monday 5 October 2026');
    expect(cards[0].textContent).toContain('Service manager: Sam Manager');
    expect(cards[0].textContent).toContain('Status: Date passed: not yet recorded as held or not held');
    expect(cards[1].textContent).toContain('Tuesday 12 January 2027 (moved from 5 Jan 2027)');
    const gaps = screen.getAllByTestId('coverage-gap').map((g) => g.textContent);
    expect(gaps).toContain('No visit to Child Protection Team was held in April–June 2026.');
    expect(gaps).toContain('No visit to Child in Need Team is scheduled in January–March 2027.');
    expect(mockRota.getRotaYear).toHaveBeenCalledWith('2026/27');
  });

  it('needs a reason to record a visit as not held, then saves it in one batch with the ETag it read', async () => {
    mockRota.applyChanges.mockResolvedValue([{ id: 1, ok: true, etag: '"1,2"' }]);
    render(<RotaScreen context={context} data={startData(['ImprovementTeam'])} today={TODAY} navigate={jest.fn()} />);
    const [past] = await screen.findAllByTestId('rota-visit');
    fireEvent.click(within(past).getByRole('button', { name: /^Record as not held/ }));
    const dialog = await screen.findByRole('alertdialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record as not held' }));
    expect(await screen.findByText(/Say why the visit did not happen/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/Why did the visit not take place/), { target: { value: 'Cancelled: special Cabinet meeting' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Record as not held' }));
    await waitFor(() => expect(screen.getByTestId('rota-status').textContent).toBe('1 visit changed here and not saved yet.'));
    expect(mockRota.applyChanges).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByText('Saved: 1 visit changed.');
    expect(mockRota.applyChanges).toHaveBeenCalledTimes(1);
    expect(mockRota.applyChanges).toHaveBeenCalledWith([{ kind: 'notHeld', id: 1, etag: '"1,1"', reason: 'Cancelled: special Cabinet meeting' }]);
    // Read again after saving, so the next change carries the new ETag.
    await waitFor(() => expect(mockRota.getRotaYear).toHaveBeenCalledTimes(2));
  });

  it('tells the person which change was not saved when someone else changed the visit meanwhile', async () => {
    mockRota.applyChanges.mockResolvedValue([{ id: 1, ok: false, conflict: true, message: 'Someone else changed this visit after you opened the rota.' }]);
    render(<RotaScreen context={context} data={startData(['Clerk'])} today={TODAY} navigate={jest.fn()} />);
    const [past] = await screen.findAllByTestId('rota-visit');
    fireEvent.click(within(past).getByRole('button', { name: /^Record as held/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('One change was not saved.')).toBeTruthy();
    expect(screen.getByText(/Child in Need Team on 5 Oct 2026: Someone else changed this visit/)).toBeTruthy();
  });

  it('shows a councillor only their own visits, read only, and the dates they cannot do', async () => {
    render(<RotaScreen context={context} data={startData(['Councillor'], HALE)} today={TODAY} navigate={jest.fn()} />);
    const cards = await screen.findAllByTestId('rota-visit');
    expect(cards).toHaveLength(1);
    expect(cards[0].textContent).toContain('Child in Need Team');
    expect(screen.queryByRole('button', { name: /Move or change/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Propose next year’s rota' })).toBeNull();
    expect(screen.queryByTestId('rota-coverage')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Dates I cannot do' })).toBeTruthy();
    mockDates.add.mockResolvedValue(5);
    fireEvent.change(screen.getByLabelText('First day (day/month/year)'), { target: { value: '03/05/2027' } });
    fireEvent.change(screen.getByLabelText('Last day, if more than one'), { target: { value: '07/05/2027' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add these dates' }));
    await screen.findByText('Added: 3 May 2027 to 7 May 2027.');
    expect(mockDates.add).toHaveBeenCalledWith({ councillorId: 11, from: '2027-05-03', to: '2027-05-07', note: '' });
  });

  it('shows a Head of Service every visit and the coverage, read only, without the dates councillors keep', async () => {
    render(<RotaScreen context={context} data={startData(['HeadOfService'])} today={TODAY} navigate={jest.fn()} />);
    expect(await screen.findAllByTestId('rota-visit')).toHaveLength(2);
    expect(screen.getByTestId('rota-coverage')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Move or change/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a visit' })).toBeNull();
    expect(screen.queryByTestId('unavailable-dates')).toBeNull();
  });

  // Twelve visit cards in jsdom: slow on a busy machine, so a generous limit rather than a flaky one.
  it('proposes a year without writing anything, explains each rule it could not meet, and publishes in one go', async () => {
    const away = (c: typeof HALE, id: number) => ({ id, councillor: c, from: '2027-07-01', to: '2027-09-30', note: 'Away', enteredBy: c });
    mockRota.getRotaYear.mockImplementation(async (y: string) =>
      y === '2026/27' ? year() : { ...year(y, []), unavailable: [away(OSEI, 1), away(MARLOW, 2)] },
    );
    mockRota.publishProposal.mockImplementation(async (_y: string, visits: unknown[]) => ({
      added: visits.map((v, i) => ({ visit: v, id: i + 1 })),
      alreadyThere: [],
      failed: [],
    }));
    render(<RotaScreen context={context} data={startData(['ImprovementTeam'])} today={TODAY} navigate={jest.fn()} />);
    await screen.findAllByTestId('rota-visit');
    fireEvent.click(screen.getByRole('button', { name: 'Propose next year’s rota' }));
    const make = await screen.findByRole('button', { name: 'Make a proposal' });
    await waitFor(() => expect(make.hasAttribute('disabled')).toBe(false));
    fireEvent.change(screen.getByLabelText(/Committee meeting dates/), { target: { value: '15/07/2027' } });
    fireEvent.click(make);
    const proposal = await screen.findByTestId('rota-proposal');
    const visits = within(proposal).getAllByTestId('rota-visit');
    // Two teams, one visit a month; from July to September only Cllr Hale is free.
    expect(visits).toHaveLength(12);
    expect(visits.every((v) => v.textContent!.indexOf('Thursday 15 July 2027') === -1)).toBe(true);
    const problems = within(proposal).getByTestId('proposal-problems');
    expect(problems.textContent).toMatch(/2027 has one councillor; it needs two\. No other councillor is free: two have said they cannot do that day\./);
    expect(mockRota.publishProposal).not.toHaveBeenCalled();
    fireEvent.click(within(proposal).getByRole('button', { name: 'Publish the rota' }));
    expect(await screen.findByText('Published: 12 visits are on the rota.')).toBeTruthy();
    expect(mockRota.publishProposal).toHaveBeenCalledTimes(1);
    expect(mockRota.publishProposal.mock.calls[0][0]).toBe('2027/28');
    expect(mockRota.publishProposal.mock.calls[0][1]).toHaveLength(12);
    await waitFor(() => expect(mockRota.getRotaYear).toHaveBeenLastCalledWith('2027/28'));
  }, 120000);
});
