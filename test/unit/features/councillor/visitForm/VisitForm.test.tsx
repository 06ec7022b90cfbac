/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { SPFI } from '@pnp/sp';
import type { AppContext } from '../../../../../src/app/AppContext';
import type { FormOptions, SignedInUser } from '../../../../../src/data/FrontlineDataService';
import { FORM_TEXT_FIELDS, textFieldsShownOn } from '../../../../../src/domain/reportFields';
import { VisitForm } from '../../../../../src/features/councillor/visitForm/VisitForm';
import { buildForm, FIXTURE_COUNCILLOR } from '../../../../helpers/reportFixtures';

/** The data service the form reaches through `useDataService`: every call recorded, none to SharePoint. */
const mockService = {
  saveDraft: jest.fn(),
  submit: jest.fn(),
  getReport: jest.fn(),
};
jest.mock('../../../../../src/data/hooks/useDataService', () => ({ useDataService: () => mockService }));

const TODAY = '2026-11-22';
const user: SignedInUser = { id: FIXTURE_COUNCILLOR.id, displayName: FIXTURE_COUNCILLOR.displayName, email: FIXTURE_COUNCILLOR.email, roles: ['Councillor'] };
const options: FormOptions = {
  teams: [
    { id: 1, title: 'Consultation Team (front door)', isActive: true },
    { id: 2, title: 'Child Protection South', isActive: true },
  ],
  councillors: [FIXTURE_COUNCILLOR, { id: 8, displayName: 'Cllr B Osei', email: 'cllr.osei@northshire.example' }],
  councillorGroups: [],
};
const context: AppContext = {
  sp: {} as SPFI,
  siteUrl: 'https://northshire.example/sites/frontline-visits',
  currentUser: { email: user.email, displayName: user.displayName },
  host: 'sharepoint',
};

function renderForm(form = buildForm({ members: [FIXTURE_COUNCILLOR] })): { onSubmitted: jest.Mock; onReportCreated: jest.Mock } {
  const onSubmitted = jest.fn();
  const onReportCreated = jest.fn();
  render(
    <VisitForm
      context={context}
      user={user}
      options={options}
      initialForm={form}
      initialTarget={{}}
      today={TODAY}
      navigate={jest.fn()}
      onReportCreated={onReportCreated}
      onSubmitted={onSubmitted}
    />,
  );
  return { onSubmitted, onReportCreated };
}

describe('VisitForm', () => {
  beforeEach(() => {
    window.localStorage.clear();
    jest.clearAllMocks();
    mockService.saveDraft.mockResolvedValue({ reportId: 41, etag: '"1"' });
    mockService.submit.mockResolvedValue({ reportId: 41, etag: '"2"' });
  });

  it('shows a labelled box with its hint for each form text field of the field table', () => {
    renderForm();
    for (const field of textFieldsShownOn('form', FORM_TEXT_FIELDS)) {
      const box = screen.getByLabelText(field.label);
      expect(box.tagName).toBe(field.multiline ? 'TEXTAREA' : 'INPUT');
      if (field.hint) {
        expect(screen.getByText(field.hint)).toBeTruthy();
      }
    }
    expect(
      screen
        .getAllByRole('group')
        .map((g) => within(g).queryByText(/^(Staffing|Performance|Other)$/)?.textContent)
        .filter(Boolean),
    ).toEqual(['Staffing', 'Performance', 'Other']);
  });

  it('lists what is missing on an empty submit, in the order of the form, each linked to its field', () => {
    renderForm(buildForm());
    fireEvent.click(screen.getByRole('button', { name: 'Submit report' }));
    const summary = screen.getByTestId('error-summary');
    expect(document.activeElement).toBe(summary);
    const links = within(summary).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#fv-field-members',
      '#fv-field-visitDate',
      '#fv-field-teamId',
      '#fv-field-staffingWorries',
      '#fv-field-safetyScale',
    ]);
    expect(links[2].textContent).toBe('Choose the team you visited.');
    expect(mockService.submit).not.toHaveBeenCalled();
  });

  it('keeps what is typed on the device at once, then saves it as a draft', async () => {
    const { onReportCreated } = renderForm();
    fireEvent.change(screen.getByLabelText('Names of staff involved'), { target: { value: 'Team manager; two social workers' } });
    const kept = Object.keys(window.localStorage).map((key) => window.localStorage.getItem(key) || '');
    expect(kept.some((value) => value.includes('Team manager; two social workers'))).toBe(true);
    await waitFor(() => expect(mockService.saveDraft).toHaveBeenCalled(), { timeout: 4000 });
    expect(mockService.saveDraft.mock.calls[0][0].staffInvolved).toBe('Team manager; two social workers');
    await waitFor(() => expect(onReportCreated).toHaveBeenCalledWith(41));
  });

  it('submits a complete form only after the confirmation, then hands over the report id', async () => {
    const { onSubmitted } = renderForm(
      buildForm({
        members: [FIXTURE_COUNCILLOR],
        teamId: 1,
        visitDate: '2026-11-10',
        safetyScale: 7,
        grid: { ...buildForm().grid, staffingWorries: 'Two vacancies.' },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Submit report' }));
    expect(screen.queryByTestId('error-summary')).toBeNull();
    expect(mockService.submit).not.toHaveBeenCalled();
    const dialog = await screen.findByRole('alertdialog');
    expect(within(dialog).getByText(/You cannot change the report once it is submitted/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, submit it' }));
    await waitFor(() => expect(onSubmitted).toHaveBeenCalledWith(41));
    expect(mockService.submit.mock.calls[0][0]).toMatchObject({ teamId: 1, visitDate: '2026-11-10', safetyScale: 7 });
  });

  it('says the report was not submitted, and keeps the text, when the list refuses it', async () => {
    mockService.submit.mockRejectedValue(Object.assign(new Error('offline'), { status: 503 }));
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { onSubmitted } = renderForm(
      buildForm({
        members: [FIXTURE_COUNCILLOR],
        teamId: 1,
        visitDate: '2026-11-10',
        safetyScale: 3,
        grid: { ...buildForm().grid, otherWorries: 'Staff turnover.' },
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Submit report' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Yes, submit it' }));
    expect(await screen.findByText(/Your report was not submitted. Your text is kept on this device/)).toBeTruthy();
    expect(onSubmitted).not.toHaveBeenCalled();
    expect((screen.getByLabelText('What are we worried about?', { selector: '#fv-field-otherWorries' }) as HTMLTextAreaElement).value).toBe('Staff turnover.');
  });
});
